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
//!   quoted phrase stands inside it (`indirect.rs`); none whose cue the
//!   parse reads as a noun ("China's state banks", `syntax.rs`);
//! - transcript lines, “RAMOS: Secretary Clinton, …”, whose label in
//!   capitals is their speaker (`transcript.rs`; a quotation wholly in
//!   capitals that no one speaks is a heading, and dropped);
//! - pronoun speakers ("he added") resolved to the latest fitting name
//!   before them, whose mention becomes the speaker span (`resolve.rs`).
//!
//! The patterns (`attribution.rs`) and speaker phrases (`speaker.rs`) are
//! found around speech verbs and attribution phrases listed in `lexicons/`
//! (`lexicon.rs`), over the article's `Doc` — its paragraphs, sentences
//! and tokens (`words.rs` joins the pieces the `Doc` splits off a written
//! word) — so this runs at the speed of the rest of the analyze stage. The speaker is
//! kept as written; linking it to an actor and an affiliation is another
//! step's job. Measured on PolNeAR by `dossier_eval::quotes`.

mod attribution;
mod direct;
mod indirect;
mod lexicon;
mod marks;
mod resolve;
mod speaker;
mod syntax;
mod transcript;
mod words;

use std::ops::Range;

use dossier_model::{Quote, Span};
use dossier_text::Doc;

use words::Token;

/// The text and its structure, shared by the passes.
struct Context<'d> {
    text: &'d str,
    paragraphs: &'d [Span],
    sentences: Vec<Span>,
    /// Where states and organisations are named, in text order.
    bodies: &'d [Span],
    /// The words of the whole article, in text order.
    words: Vec<Token<'d>>,
    /// The words of each sentence: a range of `words`.
    sentence_words: Vec<Range<usize>>,
}

/// Most bytes of text read on either side of a quotation for its
/// attribution: about 150 words, far more than any attribution clause, so
/// that a run of text with no full stop costs no more than a sentence.
const MAX_CLAUSE_BYTES: usize = 1000;

impl<'d> Context<'d> {
    fn new(doc: &'d Doc, bodies: &'d [Span]) -> Context<'d> {
        let words = words::words(doc);
        let sentences: Vec<Span> = doc.sentences().iter().map(|s| s.span).collect();
        let sentence_words = sentences
            .iter()
            .map(|s| {
                let a = words.partition_point(|w| w.span.start < s.start);
                let b = words.partition_point(|w| w.span.end <= s.end);
                a..b.max(a)
            })
            .collect();
        Context {
            text: doc.text(),
            paragraphs: doc.paragraphs(),
            sentences,
            bodies,
            words,
            sentence_words,
        }
    }

    /// The words lying wholly inside `span`.
    fn words_in(&self, span: Span) -> &[Token<'d>] {
        let a = self.words.partition_point(|w| w.span.start < span.start);
        let b = self.words.partition_point(|w| w.span.end <= span.end);
        &self.words[a..b.max(a)]
    }

    /// The words of sentence `i`.
    fn sentence_words(&self, i: usize) -> &[Token<'d>] {
        &self.words[self.sentence_words[i].clone()]
    }

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

/// Finds the quotations of one article from its `Doc` (paragraphs,
/// sentences and tokens). Records come in text order of their content;
/// `speaker_actor` and `affiliation` are left empty.
pub fn find_quotes(doc: &mut Doc) -> Vec<Quote> {
    find_quotes_among(doc, &[])
}

/// [`find_quotes`], knowing where the text names states and organisations
/// (`bodies`, from the actor stage): "he" or "she" never refers back to one.
/// Parses the sentences holding a quotation's speech verb (only those).
pub fn find_quotes_among(doc: &mut Doc, bodies: &[Span]) -> Vec<Quote> {
    let ctx = Context::new(doc, bodies);
    let (mut quotes, to_parse) = attributed(&ctx);
    if to_parse.is_empty() {
        return finished(&ctx, quotes);
    }
    doc.parse_sentences(&to_parse);
    // The words again, now borrowing the parsed document.
    let ctx = Context::new(doc, bodies);
    syntax::drop_nominal_cues(&ctx, doc, &to_parse, &mut quotes);
    syntax::subjects_from_parse(&ctx, doc, &to_parse, &mut quotes);
    finished(&ctx, quotes)
}

/// The last passes, once every speaker a pattern or the parse gives is
/// known and the parse has dropped what is no reported speech:
/// quotations continuing reported speech take its attribution (only
/// now, so none takes that of a cue the parse read as a noun), pronouns
/// are resolved, headings dropped.
fn finished(ctx: &Context, mut quotes: Vec<Quote>) -> Vec<Quote> {
    direct::adopt_attributions(ctx, &mut quotes);
    resolve::resolve_pronouns(ctx, &mut quotes);
    transcript::drop_headings(ctx, &mut quotes);
    quotes
}

/// The quotations the patterns find and attribute, and the sentences whose
/// parse decides their speakers.
fn attributed(ctx: &Context) -> (Vec<Quote>, Vec<usize>) {
    let stretches = marks::find_stretches(ctx.text, ctx.paragraphs);
    let (mut quotes, used) = direct::direct_quotes(ctx, &stretches);
    let embedded: Vec<_> = stretches
        .iter()
        .zip(&used)
        .filter(|(_, &u)| !u)
        .map(|(s, _)| *s)
        .collect();
    quotes.extend(indirect::reported_speech(ctx, &quotes, &embedded));
    quotes.sort_by_key(|q| q.span);
    transcript::label_speakers(ctx, &mut quotes);
    let to_parse = syntax::sentences_to_parse(ctx, &quotes);
    (quotes, to_parse)
}

#[cfg(test)]
mod tests;
