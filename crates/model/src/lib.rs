//! Types shared by every stage of the dossier pipeline.
//!
//! The pipeline runs in one direction (see `ARCHITECTURE.md`):
//! sources → extract → analyze → link → store → outputs. Each stage takes the
//! previous stage's type from here and returns its own; no stage reaches into
//! another's internals. Keeping the types in one small crate (with no
//! dependencies but serde) means a stage can be rebuilt and tested alone.

use serde::Serialize;

/// A byte range `[start, end)` into an article's clean `text`.
///
/// **Architecture Invariant:** every derived record points at its evidence with
/// a `Span` into the clean text of exactly one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The slice of `text` this span covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// How a raw document's content is written. Decided by sniffing content, not
/// by trusting the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    Text,
    Html,
}

/// Metadata a source states explicitly (a JSON Lines record's fields).
/// Taken as given: the extractor never overrides a field set here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GivenMeta {
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
}

/// One document as read from a source, decoded to UTF-8 but not yet cleaned.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// The document's identity across versions: the id a JSON Lines record
    /// gives, else derived from the origin (so a changed file keeps its id
    /// and becomes a new version), else from the content (standard input).
    pub id: String,
    /// Where it came from: a path, `path#L<line>` for a JSON Lines record,
    /// `-` for standard input, or a URL.
    pub origin: String,
    pub kind: ContentKind,
    pub content: String,
    pub given: GivenMeta,
    /// Hash of the raw bytes (before decoding), hex. Re-reading identical
    /// bytes yields the same hash, which is how re-analysis becomes a no-op.
    pub content_hash: String,
    /// Problems met while reading (replaced bytes, unknown charset, …).
    pub warnings: Vec<String>,
}

/// The role a paragraph plays in the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Body,
    Subhead,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
}

/// A clean article: the output of the extract stage.
///
/// `text` is the body only (no title, no debris); paragraphs are separated by
/// one blank line (`"\n\n"`), and `paragraphs` lists their spans in order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Article {
    pub origin: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`) when the source states one.
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// ISO 639-1 code, when the text is long enough to tell.
    pub language: Option<String>,
    pub text: String,
    #[serde(skip)]
    pub paragraphs: Vec<Paragraph>,
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// What the analyze stage derives from one article, and from nothing else.
///
/// **Architecture Invariant:** analysing one document never reads another;
/// everything here is a pure function of the [`Article`].
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub sentences: Vec<Span>,
}

/// A document ready for the store: identity, the clean article and its analysis.
#[derive(Debug, Clone)]
pub struct AnalyzedDoc {
    pub id: String,
    pub content_hash: String,
    pub article: Article,
    pub analysis: Analysis,
}
