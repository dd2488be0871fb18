//! Pronoun speakers ("he added", "it said") resolved to the name they
//! refer back to.
//!
//! The referent is the latest fitting name before the pronoun: a named
//! speaker of an earlier quotation, the name a sentence opens with ("Mr. Lee
//! arrived on Tuesday."), or a name after a title ("met President Obama").
//! "He" and "she" take a person or an unknown name — not a body ("the
//! ministry") nor a person of the other sex by honorific ("Ms. Roe" is
//! never "he"); "it" and "they" take a body or an unknown name. "I", "we"
//! and "you" stay as written: they are the writer, the reader or a speaker
//! the quotation itself names. Names inside quotations are never
//! referents: the quoted speaker's words name other people.

use dossier_model::{Directness, Quote, Span};

use super::lexicon::{lexicon, Pronoun, Sex};
use super::speaker::leading_subject;
use super::words::Token;
use super::Context;

/// Most names looked back at for a pronoun's referent: one that far back
/// is no longer the one the writer means.
const MAX_LOOKBACK: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Person(Option<Sex>),
    Body,
    Unknown,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    span: Span,
    kind: Kind,
    /// A clause's subject or a speaker, rather than a name in passing.
    subject: bool,
    /// "Two Americans": only "they" refers back to it.
    plural: bool,
}

/// Replaces each pronoun speaker with the name it refers back to (speaker
/// and speaker span both point at that name's mention). A pronoun with no
/// fitting name before it stays as written.
pub(super) fn resolve_pronouns(ctx: &Context, quotes: &mut [Quote]) {
    // Made at the first pronoun speaker: many articles have none, and
    // finding the names costs a pass over every sentence.
    let mut candidates = None;
    for i in 0..quotes.len() {
        let Some(speaker) = quotes[i].speaker_span else {
            continue;
        };
        let word = speaker.of(ctx.text).to_lowercase();
        let Some(pronoun) = lexicon().pronoun_of(&word) else {
            continue;
        };
        let plural_allowed = lexicon().is_plural_pronoun(&word);
        if let Some(last) = continued_from(ctx, quotes, i, pronoun) {
            let quote = &mut quotes[i];
            quote.speaker_span = Some(last);
            quote.speaker = Some(last.of(ctx.text).to_owned());
            continue;
        }
        let candidates: &[Candidate] =
            candidates.get_or_insert_with(|| find_candidates(ctx, quotes));
        let quote = &mut quotes[i];
        let before = candidates.partition_point(|c| c.span.start < speaker.start);
        let recent = || {
            candidates[..before]
                .iter()
                .rev()
                .filter(|c| c.span.end <= speaker.start && fits(pronoun, c.kind))
                .filter(|c| plural_allowed || !c.plural)
                .take(MAX_LOOKBACK)
        };
        // Subjects and speakers first: "He" after "Mr. Lee met President
        // Obama." is more likely Mr. Lee.
        let referent = recent().find(|c| c.subject).or_else(|| recent().next());
        if let Some(c) = referent {
            quote.speaker_span = Some(c.span);
            quote.speaker = Some(c.span.of(ctx.text).to_owned());
        }
    }
}

/// "“…,” he added": a cue that goes on with what was just quoted refers
/// to the speaker of the quotation before (of another utterance, ending in
/// the same paragraph or the one before), when that speaker is named and
/// fits the pronoun — not to whoever the sentence is about ("Asked about
/// Mr. Kim's visit, “…,” he added").
fn continued_from(ctx: &Context, quotes: &[Quote], i: usize, pronoun: Pronoun) -> Option<Span> {
    let lex = lexicon();
    let q = &quotes[i];
    let cue = q.cue?;
    if !lex.is_continuation(&ctx.words_in(cue).first()?.lower) {
        return None;
    }
    let paragraph = |pos: usize| ctx.paragraphs.partition_point(|p| p.start <= pos);
    let previous = quotes[..i]
        .iter()
        .rev()
        .filter(|p| p.cue != Some(cue) && p.span.end <= cue.start)
        .find(|p| p.speaker_span.is_some())?;
    let span = previous.speaker_span?;
    let near = paragraph(previous.span.end) + 1 >= paragraph(cue.start);
    let candidate = classify(ctx, span, true)?;
    (near && fits(pronoun, candidate.kind)).then_some(span)
}

fn fits(pronoun: Pronoun, kind: Kind) -> bool {
    match (pronoun, kind) {
        (Pronoun::Person(_), Kind::Unknown | Kind::Person(None)) => true,
        (Pronoun::Person(sex), Kind::Person(Some(other))) => sex == other,
        (Pronoun::Body, Kind::Body | Kind::Unknown) => true,
        _ => false,
    }
}

/// Every name a pronoun may refer to, in text order.
fn find_candidates(ctx: &Context, quotes: &[Quote]) -> Vec<Candidate> {
    let mut direct: Vec<Span> = quotes
        .iter()
        .filter(|q| q.direct == Directness::Direct)
        .map(|q| q.span)
        .collect();
    direct.sort();
    // Direct contents never overlap: the one starting last before `span`
    // is the only one that may hold it.
    let quoted = |span: Span| {
        let i = direct.partition_point(|d| d.start <= span.start);
        i > 0 && span.end <= direct[i - 1].end
    };
    let mut out: Vec<(Span, bool)> = Vec::new();
    for i in 0..ctx.sentences.len() {
        let tokens = ctx.sentence_words(i);
        // The subject of each clause: "In the wake of the attack, Mr. Lee
        // called for calm."
        let parts = tokens.split(|t| t.punct() == Some(','));
        out.extend(parts.filter_map(leading_subject).map(|s| (s, true)));
        out.extend(titled_names(tokens).into_iter().map(|s| (s, false)));
    }
    out.extend(
        quotes
            .iter()
            .filter_map(|q| q.speaker_span)
            .map(|s| (s, true)),
    );
    // Subjects before names in passing at the same place, then one each.
    out.sort_by_key(|&(span, subject)| (span, !subject));
    out.dedup_by_key(|&mut (span, _)| span);
    out.into_iter()
        .filter(|&(span, _)| !quoted(span))
        .filter_map(|(span, subject)| classify(ctx, span, subject))
        .collect()
}

/// Names after a title or honorific: "President Obama", "Ms. Roe".
fn titled_names(tokens: &[Token]) -> Vec<Span> {
    let lex = lexicon();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if lex.title_of(t.text).is_none() {
            continue;
        }
        let len = tokens[i + 1..]
            .iter()
            .take_while(|t| t.is_word() && t.is_capitalised())
            .count();
        if len > 0 {
            out.push(Span::new(t.span.start, tokens[i + len].span.end));
        }
    }
    out
}

/// The kind of name `span` is; `None` for a pronoun, which is no referent.
fn classify(ctx: &Context, span: Span, subject: bool) -> Option<Candidate> {
    let lex = lexicon();
    let tokens = ctx.words_in(span);
    let first = tokens.first()?;
    if tokens.len() == 1 && lex.pronoun_of(&first.lower).is_some() {
        return None;
    }
    // "Carlineo’s attorney": a possessive names whose the subject is, not
    // who it is.
    if tokens.last().is_some_and(|t| is_possessive(t.text)) {
        return None;
    }
    // "Friday, he told …": a clause opening with a time names no one.
    if tokens.iter().all(|t| lex.is_time(&t.lower)) {
        return None;
    }
    // The name's last word (its head) is a state's or an organisation's:
    // "Turkey", "the ministry"; not "White House spokesman Josh Earnest".
    let head = span.end.saturating_sub(1);
    let i = ctx.bodies.partition_point(|b| b.end <= head);
    let names_a_body = ctx.bodies.get(i).is_some_and(|b| b.start <= head);
    let kind = match lex.title_of(first.text) {
        Some(sex) => Kind::Person(sex),
        None if names_a_body || first.is_lowercase_word() || lex.is_stopword(&first.lower) => {
            Kind::Body
        }
        None => Kind::Unknown,
    };
    Some(Candidate {
        span,
        kind,
        subject,
        plural: lex.opens_plural(&first.lower),
    })
}

/// A word with the possessive clitic joined: "Carlineo’s", "Trump's".
fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("\u{2019}s")
}
