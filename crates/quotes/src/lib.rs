//! Quote attribution: who said what.
//!
//! [`find_quotes`] reads one article's clean text and returns every
//! quotation it finds with its speaker and cue:
//!
//! - **direct** quotations in straight or curly quotation marks
//!   (`marks.rs` pairs them), with the speaker before ("Mr. Lee said: “…”")
//!   or after ("“…,” said Jane Roe, a professor at …", "“…,” the ministry
//!   said", "“…,” he added"), introduced the sentence before ("Mr. Lee put
//!   it this way:") or signed ("— Jane Roe"), split around the verb, or
//!   going on over several paragraphs (`direct.rs`). A quotation split
//!   around its verb (“…,” he said, “…”) gives one record per piece, with
//!   the same speaker and the same cue span: no record's span then holds a
//!   quotation mark or the words between the pieces;
//! - **reported speech**: "Mr. Lee said (that) …", "…, officials said",
//!   "according to the ministry, …", "…, saying …" — **partial** when a
//!   quoted phrase stands inside it (`indirect.rs`);
//! - pronoun speakers ("he added") resolved to the latest fitting name
//!   before them, whose mention becomes the speaker span (`resolve.rs`).
//!
//! The patterns (`attribution.rs`) and speaker phrases (`speaker.rs`) are
//! found around speech verbs and attribution phrases listed in `lexicons/`
//! (`lexicon.rs`), over the words of `words.rs` — no parser, no model — so
//! this runs at the speed of the rest of the analyze stage. The speaker is
//! kept as written; linking it to an actor and an affiliation is another
//! step's job. Measured on PolNeAR by `dossier_eval::quotes`.

mod attribution;
mod direct;
mod indirect;
mod lexicon;
mod marks;
mod resolve;
mod speaker;
mod words;

use dossier_model::{Paragraph, Quote, Span};

/// The text and its structure, shared by the passes.
struct Context<'t> {
    text: &'t str,
    paragraphs: &'t [Paragraph],
    sentences: &'t [Span],
    /// Where states and organisations are named, in text order.
    bodies: &'t [Span],
    /// `text` in ASCII lowercase, which tokens' lowercase forms borrow from.
    lower: &'t str,
    /// The tokens of each sentence, made once for the passes that read
    /// every sentence.
    sentence_tokens: Vec<Vec<words::Token<'t>>>,
}

/// Most bytes of text read on either side of a quotation for its
/// attribution: about 150 words, far more than any attribution clause, so
/// that a run of text with no full stop costs no more than a sentence.
const MAX_CLAUSE_BYTES: usize = 1000;

impl Context<'_> {
    /// The index of the sentence holding byte `pos` (or, between two
    /// sentences, the one before).
    fn sentence_at(&self, pos: usize) -> Option<usize> {
        self.sentences
            .partition_point(|s| s.start <= pos)
            .checked_sub(1)
    }

    /// The end of `span`, at most [`MAX_CLAUSE_BYTES`] long.
    fn last_bytes(&self, span: Span) -> Span {
        let mut start = span.start.max(span.end.saturating_sub(MAX_CLAUSE_BYTES));
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        Span::new(start, span.end)
    }

    /// The start of `span`, at most [`MAX_CLAUSE_BYTES`] long.
    fn first_bytes(&self, span: Span) -> Span {
        let mut end = span.end.min(span.start + MAX_CLAUSE_BYTES);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        Span::new(span.start, end)
    }
}

/// Finds the quotations of one article: `paragraphs` and `sentences` are
/// the article's, in text order. Records come in text order of their
/// content; `speaker_actor` and `affiliation` are left empty.
pub fn find_quotes(text: &str, paragraphs: &[Paragraph], sentences: &[Span]) -> Vec<Quote> {
    find_quotes_among(text, paragraphs, sentences, &[])
}

/// [`find_quotes`], knowing where the text names states and organisations
/// (`bodies`, from the actor stage): "he" or "she" never refers back to one.
pub fn find_quotes_among(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Span],
    bodies: &[Span],
) -> Vec<Quote> {
    let lower = text.to_ascii_lowercase();
    let ctx = Context {
        text,
        paragraphs,
        sentences,
        bodies,
        lower: &lower,
        sentence_tokens: sentences
            .iter()
            .map(|&s| words::tokenize(text, &lower, s))
            .collect(),
    };
    let stretches = marks::find_stretches(text, paragraphs);
    let (mut quotes, used) = direct::direct_quotes(&ctx, &stretches);
    let embedded: Vec<_> = stretches
        .iter()
        .zip(&used)
        .filter(|(_, &u)| !u)
        .map(|(s, _)| *s)
        .collect();
    quotes.extend(indirect::reported_speech(&ctx, &quotes, &embedded));
    quotes.sort_by_key(|q| q.span);
    direct::adopt_attributions(&ctx, &mut quotes);
    resolve::resolve_pronouns(&ctx, &mut quotes);
    quotes
}

#[cfg(test)]
mod tests;
