//! Speakers from the dependency parse: the speaker of a quotation
//! attributed by a speech verb is that verb's subject ("“…,” the envoy,
//! who had flown in that morning, told reporters" — "the envoy"; in the
//! passive, the agent of its "by").
//!
//! The patterns of `attribution.rs` find the cue and a speaker by where
//! words stop; the parse knows which noun phrase the verb belongs to.
//! Where the two agree (the parse's subject lies in the pattern's speaker)
//! the pattern's phrase stays: it keeps a description the subject's noun
//! phrase leaves out ("a spokesman for the ministry"). Where they differ,
//! the parse wins when its subject is a name (a clause or an adjunct
//! read as a speaker — "The email appears to contradict", "during a town
//! hall meeting in Columbus" — is what the patterns get wrong, and a name
//! is what the parse gets right most often), a personal pronoun against a
//! speaker that is no name, or a definite description ("the senator")
//! where the patterns found none; otherwise the pattern's speaker stays
//! (no speaker is better than a doubtful one).
//!
//! Only the sentences holding such a cue are tagged and parsed
//! ([`sentences_to_parse`], then [`Doc::parse_sentences`] on the article's
//! `Doc`): most of an article's sentences hold no quotation.

use dossier_model::{Directness, Quote, Span};
use dossier_text::{Doc, Upos};

use super::lexicon::{lexicon, Pronoun};
use super::Context;

/// Labels of the words that belong to a subject's noun phrase before its
/// head: "the" "former" "U.S." "Secretary of State's" … "Jane" "Roe".
const NOUN_PHRASE: [&str; 8] = [
    "compound", "det", "amod", "poss", "case", "nummod", "nmod", "quantmod",
];

/// A quotation's cue, if it is a speech verb.
fn verb_cue(ctx: &Context, q: &Quote) -> Option<Span> {
    let cue = q.cue?;
    let word = ctx.words_in(cue).first()?;
    lexicon().verb(&[word.lower.as_ref()]).map(|_| cue)
}

/// The token of a quotation's speech verb, if its sentence is among
/// `parsed`.
fn parsed_cue(ctx: &Context, doc: &Doc, parsed: &[usize], q: &Quote) -> Option<usize> {
    let cue = verb_cue(ctx, q)?;
    doc.token_at(cue.start)
        .filter(|&v| parsed.binary_search(&doc.sentence_of(v)).is_ok())
}

/// The sentences (indices into the `Doc`'s) holding a quotation's speech
/// verb, the ones [`subjects_from_parse`] reads: none without a model.
pub(super) fn sentences_to_parse(ctx: &Context, quotes: &[Quote]) -> Vec<usize> {
    if !dossier_text::model::has_model() {
        return Vec::new();
    }
    let mut which: Vec<usize> = quotes
        .iter()
        .filter_map(|q| verb_cue(ctx, q))
        .filter_map(|cue| ctx.sentence_at(cue.start))
        .filter(|&i| ctx.sentence_words(i).len() <= dossier_text::MAX_PARSED_TOKENS)
        .collect();
    which.sort();
    which.dedup();
    which
}

/// Gives each quotation attributed by a speech verb the verb's subject
/// where the parse decides (see the module docs), in the sentences
/// `parsed` (from [`sentences_to_parse`], sorted), which `doc` has parsed.
pub(super) fn subjects_from_parse(
    ctx: &Context,
    doc: &Doc,
    parsed: &[usize],
    quotes: &mut [Quote],
) {
    // What was said, by start, with the furthest end reached so far: a
    // span lies inside one of them when the furthest end among those
    // starting at or before it reaches its end (a binary search per
    // quotation, not a scan of them all).
    let mut contents: Vec<Span> = quotes.iter().map(|q| q.span).collect();
    contents.sort_by_key(|c| c.start);
    let reach: Vec<usize> = (contents.iter())
        .scan(0, |end, c| {
            *end = c.end.max(*end);
            Some(*end)
        })
        .collect();
    let said_inside = |span: Span| {
        let k = contents.partition_point(|c| c.start <= span.start);
        k > 0 && reach[k - 1] >= span.end
    };
    for q in quotes.iter_mut() {
        let Some(subject) = parsed_cue(ctx, doc, parsed, q).and_then(|v| subject_of(doc, v)) else {
            continue;
        };
        // A subject inside what was said is the quoted clause's, not the cue's.
        if said_inside(subject.span) {
            continue;
        }
        let agrees = q
            .speaker_span
            .is_some_and(|s| s.start <= subject.head.start && subject.head.end <= s.end);
        let named = q
            .speaker
            .as_deref()
            .is_some_and(|s| s.starts_with(char::is_uppercase));
        let decisive = match subject.kind {
            Kind::Name => true,
            Kind::Pronoun => !named,
            Kind::Description => q.speaker.is_none(),
            Kind::Other => false,
        };
        if agrees || !decisive {
            continue;
        }
        q.speaker_span = Some(subject.span);
        q.speaker = Some(subject.span.of(ctx.text).to_owned());
    }
}

/// Drops the reported speech whose cue the parse reads as a noun: the
/// patterns take any form of a listed verb, and many are nouns as well
/// ("China's state banks have proposed loans" states nothing). A noun
/// after "according to" ("according to the ministry's statement") is an
/// attribution all the same; quotations in quotation marks stay: the
/// marks, not the verb, make them quotations.
pub(super) fn drop_nominal_cues(
    ctx: &Context,
    doc: &Doc,
    parsed: &[usize],
    quotes: &mut Vec<Quote>,
) {
    let according = |v: usize| {
        let to = doc.head(v).filter(|&t| doc.lower(t) == "to");
        to.and_then(|t| doc.head(t))
            .is_some_and(|a| doc.lower(a) == "according")
    };
    quotes.retain(|q| {
        q.direct == Directness::Direct
            || parsed_cue(ctx, doc, parsed, q)
                .is_none_or(|v| doc.upos(v) != Upos::Noun || according(v))
    });
}

/// A speech verb's subject as the parse reads it.
#[derive(Debug, Clone, Copy)]
struct Subject {
    /// The noun phrase up to its head.
    span: Span,
    head: Span,
    kind: Kind,
}

/// What a subject is, which decides how far the parse is trusted against
/// the patterns' speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A proper name, alone as the subject: it wins over the patterns'.
    Name,
    /// "he", "they": wins over a speaker that is no name.
    Pronoun,
    /// "the senator": stands in only where the patterns found none.
    Description,
    /// Anything else, and joint subjects ("Mr. Lee and Ms. Roe said"),
    /// which no one speaker is: never set against the patterns.
    Other,
}

/// The subject of the verb at token `v` (the agent of a passive), if the
/// parse reads `v` as a verb.
fn subject_of(doc: &Doc, v: usize) -> Option<Subject> {
    if doc.upos(v) != Upos::Verb {
        return None;
    }
    let mut head = doc.agent_of(v)?;
    // "Interviewer: Critics in Bishkek say …": no subject reaches across a
    // colon or semicolon to its verb; a name before one is a label or an
    // earlier clause's, so the patterns' speaker stays.
    if (head.min(v)..head.max(v)).any(|k| matches!(doc.lower(k), ":" | ";")) {
        return None;
    }
    // "Mr. Lee's attorney, Jane Roe, said": the name in apposition is the
    // speaker the description stands for.
    if doc.upos(head) != Upos::Propn {
        if let Some(name) = doc
            .child_with(head, "appos")
            .filter(|&a| doc.upos(a) == Upos::Propn)
        {
            head = name;
        }
    }
    let mut first = head;
    while first > 0
        && doc.sentence_of(first - 1) == doc.sentence_of(head)
        && in_phrase(doc, first - 1, head)
    {
        first -= 1;
    }
    let span = Span::new(doc.span(first).start, doc.span(head).end);
    let joint = doc.child_with(head, "conj").is_some();
    let kind = match doc.upos(head) {
        _ if joint => Kind::Other,
        // "Friday, he told …": a weekday read as the subject is no
        // speaker.
        Upos::Propn if lexicon().is_time(doc.lower(head)) => Kind::Other,
        Upos::Propn => Kind::Name,
        Upos::Pron
            if matches!(
                lexicon().pronoun_of(doc.lower(head)),
                Some(Pronoun::Person(_) | Pronoun::Body)
            ) =>
        {
            Kind::Pronoun
        }
        Upos::Noun if doc.lower(first) == "the" => Kind::Description,
        _ => Kind::Other,
    };
    Some(Subject {
        span,
        head: doc.span(head),
        kind,
    })
}

/// Whether token `k`, before `head`, belongs to `head`'s noun phrase: its
/// heads lead to `head` through noun-phrase labels only.
fn in_phrase(doc: &Doc, k: usize, head: usize) -> bool {
    let mut at = k;
    for _ in 0..4 {
        if !NOUN_PHRASE.contains(&doc.dep(at).name()) {
            return false;
        }
        match doc.head(at) {
            Some(h) if h == head => return true,
            Some(h) if h < head => at = h,
            _ => return false,
        }
    }
    false
}
