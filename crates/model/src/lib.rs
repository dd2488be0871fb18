//! Types shared by every stage of the dossier pipeline.
//!
//! The pipeline runs in one direction (see `ARCHITECTURE.md`):
//! sources → extract → analyze → link → store → outputs. Each stage takes the
//! previous stage's type from here and returns its own; no stage reaches into
//! another's internals. Keeping the types in one small crate (with no
//! dependencies but serde) means a stage can be rebuilt and tested alone.

use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    Text,
    Html,
}

/// Metadata a source states explicitly (a JSON Lines record's fields, a
/// front-matter block, a feed item, a news sitemap entry).
/// Taken as given: the extractor never overrides a field set here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenMeta {
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    /// When an archive captured the page (a WARC record's date): the page
    /// existed then, so it is the article's date only when neither the
    /// source nor the page states one.
    pub captured: Option<String>,
}

/// What a web server last answered for a URL (`ETag`, `Last-Modified`):
/// sent back on the next fetch, so an unchanged page is not sent again.
/// Kept in the store between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// One document as read from a source, decoded to UTF-8 but not yet cleaned.
/// Serialisable: the work queue carries it between machines.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// ISO 8601 date (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the source
    /// gives no more) when the source states one.
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

impl Article {
    /// An article of plain text whose paragraphs are separated by blank
    /// lines, as tests and scorers write them (the extractor does more: it
    /// cleans debris and reads metadata).
    pub fn from_plain_text(text: &str, published: Option<&str>) -> Article {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            let trimmed = part.trim_end();
            if !trimmed.is_empty() {
                paragraphs.push(Paragraph {
                    span: Span::new(start, start + trimmed.len()),
                    kind: ParagraphKind::Body,
                });
            }
            start += part.len() + 2;
        }
        Article {
            text: text.to_string(),
            paragraphs,
            published: published.map(String::from),
            ..Article::default()
        }
    }
}

/// What kind of actor an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    State,
    Person,
    Organization,
    Group,
}

/// An actor as one document describes it: a gazetteer entry, or a person or
/// organisation found in the text ("John Roe, a professor at Example
/// University"). Ids follow DESIGN.md: ISO alpha-3 for states, short codes
/// for international organisations, `person:slug` / `org:slug` otherwise —
/// the same slug for the same name in every document, which is how people
/// found only in the text merge across documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorInfo {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// ISO alpha-3 of the state the actor belongs to or serves.
    pub country: Option<String>,
    /// Roles stated in the text or dated in the gazetteer ("professor of
    /// Chinese studies", "head_of_state").
    pub roles: Vec<String>,
    /// Other names used for the actor in this document.
    pub aliases: Vec<String>,
    /// For people: the organisation the text attaches them to.
    pub affiliation: Option<String>,
}

/// A mention of an actor: where the text names it, and which actor it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub actor: String,
}

/// The TIMEX3 type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression and its normalised value (TIMEX3 style: `2024-06-19`,
/// `2024-06`, `2024`, `2024-W25`, `P2W`, `PRESENT_REF`, `XXXX-XX-XX` when
/// it cannot be resolved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeExpr {
    pub span: Span,
    pub value: String,
    pub kind: TimeKind,
    /// The date the value was resolved against, when it was relative.
    pub anchor: Option<String>,
}

/// Whether a quotation gives the speaker's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Directness {
    /// In quotation marks.
    Direct,
    /// Reported speech: "X said that …", "according to X".
    Indirect,
    /// Reported speech with a quoted phrase inside it.
    Partial,
}

impl Directness {
    /// The name the store and the export contract give it (`true`, `false`,
    /// `partial`: the contract's `direct` was a boolean before partial
    /// quotes were told apart).
    pub fn name(self) -> &'static str {
        match self {
            Directness::Direct => "true",
            Directness::Indirect => "false",
            Directness::Partial => "partial",
        }
    }

    /// The directness the store names `name`.
    pub fn from_name(name: &str) -> Option<Directness> {
        Some(match name {
            "true" => Directness::Direct,
            "false" => Directness::Indirect,
            "partial" => Directness::Partial,
            _ => return None,
        })
    }
}

/// Who said what: the content span, the speaker as written, and the actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The content (what was said), without surrounding quotation marks.
    pub span: Span,
    /// The speaker as the text names it ("Mr. Delury", "the ministry");
    /// for a pronoun ("he added") the name it refers back to.
    pub speaker: Option<String>,
    /// Where that name stands in the text.
    pub speaker_span: Option<Span>,
    /// The speech verb or attribution phrase ("said", "according to").
    pub cue: Option<Span>,
    pub speaker_actor: Option<String>,
    pub affiliation: Option<String>,
    pub direct: Directness,
}

/// An event between actors, as one sentence of one article reports it
/// (PLOVER ontology: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID,
/// RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE,
/// COERCE, ASSAULT). Merging the same event across articles is the link
/// stage's job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventMention {
    /// The evidence: the clause or sentence reporting the event.
    pub span: Span,
    /// The word or phrase that signals the event ("signed", "met with").
    pub trigger: Span,
    /// PLOVER event type, upper case.
    pub kind: String,
    /// PLOVER mode, when the text says it (e.g. "visit" for CONSULT).
    pub mode: Option<String>,
    /// Actor ids: who acts, and who is acted upon.
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    /// TIMEX3 value of the event's date (from a time expression in the
    /// sentence), else None; `date_text` is that expression as written.
    pub date: Option<String>,
    pub date_text: Option<String>,
    /// "did not sign", "refused to": the event did not happen.
    pub negated: bool,
    /// "could supply", "fears that Russia could provide": possible, not
    /// reported as having happened.
    pub hypothetical: bool,
    /// "will meet next month": announced for the future.
    pub future: bool,
    /// How far the sentence supports the event as read, 0–1 (see the
    /// analyze crate's `events::confidence`). Everything is stored and
    /// exported; people are shown events of at least [`EventMention::SHOWN`].
    pub confidence: f32,
}

impl EventMention {
    /// The confidence an event needs to be shown to a person (brief,
    /// timeline, dyads). At 0.5 the events shown were right 0.64 of the
    /// time on the development half of the real-news set and 0.48 on the
    /// held-out half, against 0.37 and 0.34 for every event; recall falls
    /// from 0.15 to 0.08 (`dossier eval realnews` prints the figures).
    pub const SHOWN: f32 = 0.5;
}

/// One article's report of an event, as the store keeps it and the link
/// stage merges it ([`EventMention`] with its document).
#[derive(Debug, Clone, PartialEq)]
pub struct EventReport {
    pub document: String,
    /// Byte span of the evidence in the document's text.
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    /// The report's own date (TIMEX3 value: `2024-06-19`, `2024-06`, `2024`).
    pub date: Option<String>,
    pub date_text: Option<String>,
    /// The article's publication date (stated or inferred), if known.
    pub published: Option<String>,
    /// Not reported as having happened (negated, hypothetical or future).
    pub unrealised: bool,
    /// The report's [`EventMention::confidence`].
    pub confidence: f32,
}

/// An event merged across articles: every report of it, and how many
/// independent sources they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedEvent {
    /// Stable for the same type, actors, date and first evidence.
    pub id: String,
    pub kind: String,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    /// The most specific date the reports give, else the earliest
    /// article's month.
    pub date: Option<String>,
    pub date_text: Option<String>,
    /// Each report: document id, start and end byte of its evidence.
    pub evidence: Vec<(String, usize, usize)>,
    pub independent_sources: usize,
    pub unrealised: bool,
    /// The highest confidence of its reports: one sentence that clearly
    /// reports it is enough to show it.
    pub confidence: f32,
}

/// Which way a stance statement points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// The holder gains ("China could benefit from the arms deal").
    Benefit,
    /// The holder loses ("a headache for Beijing").
    Cost,
    /// The holder wants or backs something ("Beijing wants to …").
    Support,
    /// The holder does not want or opposes something ("China does not want …").
    Oppose,
}

impl Polarity {
    /// The name the export contract gives it.
    pub fn name(self) -> &'static str {
        match self {
            Polarity::Benefit => "benefit",
            Polarity::Cost => "cost",
            Polarity::Support => "support",
            Polarity::Oppose => "oppose",
        }
    }

    /// The polarity the export contract names `name`.
    pub fn from_name(name: &str) -> Option<Polarity> {
        Some(match name {
            "benefit" => Polarity::Benefit,
            "cost" => Polarity::Cost,
            "support" => Polarity::Support,
            "oppose" => Polarity::Oppose,
            _ => return None,
        })
    }
}

/// A sentence stating an actor's interests: what it gains or loses, wants
/// or opposes, regarding a development.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StanceStatement {
    /// The evidence: the clause or sentence.
    pub span: Span,
    /// The cue ("benefit from", "a headache for", "does not want").
    pub cue: Span,
    /// The actor whose interests are stated.
    pub holder: String,
    pub polarity: Polarity,
    /// The development it is about, named from the actors and events
    /// involved ("Russia–North Korea military cooperation"), when the
    /// sentence says.
    pub topic: Option<String>,
    /// Actor ids the development involves.
    pub topic_actors: Vec<String>,
    /// "could", "might", "may": stated as a possibility.
    pub hedged: bool,
    /// Index into `Analysis::quotes` when the statement is a quoted
    /// speaker's, not the outlet's own analysis.
    pub quote: Option<usize>,
}

/// What the analyze stage derives from one article, and from nothing else.
///
/// **Architecture Invariant:** analysing one document never reads another;
/// everything here is a pure function of the [`Article`].
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub sentences: Vec<Span>,
    pub actors: Vec<ActorInfo>,
    pub mentions: Vec<Mention>,
    pub times: Vec<TimeExpr>,
    pub quotes: Vec<Quote>,
    pub events: Vec<EventMention>,
    pub stances: Vec<StanceStatement>,
    /// The publication date inferred from the text when the article states
    /// none (`Article::published` is then `None`).
    pub published_inferred: Option<String>,
}

/// Whether a text reads as machine-rewritten ("spun"), with the evidence a
/// user can check: each unusual phrase and the usual phrase it replaced.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SpunEvidence {
    pub spun: bool,
    pub score: f64,
    pub examples: Vec<(Span, String)>,
}

/// A document ready for the store: identity, the clean article, its
/// analysis and its per-document provenance evidence.
#[derive(Debug, Clone)]
pub struct AnalyzedDoc {
    pub id: String,
    pub content_hash: String,
    pub article: Article,
    pub analysis: Analysis,
    pub spun: SpunEvidence,
}
