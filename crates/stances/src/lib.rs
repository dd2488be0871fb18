//! Stance statements: sentences that state an actor's interests — what it
//! gains or loses, wants or opposes — regarding a development ("China could
//! benefit from the arms deal", "a headache for Beijing", "China does not
//! want Russia to lose the war").
//!
//! For each sentence ([`words`]):
//! 1. **Cues** (`lexicons/stance_cues.tsv`): phrases read left to right,
//!    longest first, with adverbs and negations allowed inside ("would not
//!    like"); none inside a `mixed` phrase ("pros and cons"). A want
//!    followed by an avert word is an objection ("wishes to avoid",
//!    "sought to distance itself from").
//! 2. **Holder** ([`holder`]), by the cue's slot: the subject before it
//!    ("China fears"), the object after it ("isolate China"), the actor
//!    after "for"/"to" ("a headache for Xi Jinping", or "For Pyongyang,
//!    this is a setback"), or the possessive before it ("Japan's
//!    concerns"). A pronoun stands for the subject of its sentence, else of
//!    the sentence before, else the last holder. A leader, and a state's
//!    own body, stand for the state.
//! 3. **Negation** (right before the cue, or inside it) turns a gain into
//!    a loss ("not good news for", "does not benefit") and a want into an
//!    objection ("does not want"); it cancels a loss, a fear or an
//!    objection ("not a problem for", "does not fear" state nothing).
//!    **Hedges** ("could", "might", "if") before the cue in its clause set
//!    `hedged`. **Contrast** words ("however", "but", "although") open a
//!    new clause: a cue's evidence ends there, negation does not reach
//!    across, and a clause opened by one without a subject ("…, but never
//!    willing to …") takes the subject of the clause before.
//! 4. A gain or loss named inside a want or fear ("does not want Russia to
//!    lose") is its content, not a statement.
//! 5. One statement per sentence, holder and polarity: its evidence spans
//!    the clauses of its cues.
//!
//! Then: list items inherit their introduction's stance ([`lists`]); each
//! statement gets its evidence (the clause, leading connectives and
//! attribution dropped, cut to the quotation it stands in), its quote and
//! its topic ([`topic`]). [`facet`] names the interest a statement is
//! about, for grouping across articles.

mod cues;
mod facets;
mod holder;
mod lexicon;
mod lists;
mod topic;
mod words;

pub use facets::facet;

use dossier_model::{ActorInfo, EventMention, Mention, Quote, Span, StanceStatement};
use dossier_text::Doc;

use cues::Draft;
use holder::Antecedents;
use lexicon::Lexicon;
use words::{Holders, Sentence};

/// A leading phrase this short before a comma, naming no actor, is
/// dropped from the evidence ("According to many experts, …").
const LEAD_WORDS: usize = 6;

/// Finds the stance statements of one article, read from its sentences
/// and tokens in `doc`. `mentions`, `quotes`, `events` and `actors` are
/// the article's, as the analysis found them; statements come in text
/// order.
pub fn find_stances(
    doc: &Doc<'_>,
    mentions: &[Mention],
    quotes: &[Quote],
    events: &[EventMention],
    actors: &[ActorInfo],
) -> Vec<StanceStatement> {
    let holders = Holders::new(actors);
    // Sorted once, so each sentence takes its own slice: linear in the
    // text however many sentences and mentions it has.
    let mut mentions: Vec<&Mention> = mentions.iter().collect();
    mentions.sort_by_key(|m| m.span.start);
    let mut events: Vec<&EventMention> = events.iter().collect();
    events.sort_by_key(|e| e.span.start);
    let text = doc.text();
    let (words, marked) = words::read_words(doc, &mentions, &holders);
    let parsed: Vec<Sentence> = doc
        .sentences()
        .iter()
        .zip(marked)
        .map(|(s, m)| Sentence::new(s.span, &words[m.words], m.occurrences))
        .collect();
    let lex = Lexicon::get();
    let mut antecedents = Antecedents::default();
    let mut drafts = Vec::new();
    for (index, s) in parsed.iter().enumerate() {
        let found = cues::read_sentence(s, index, &antecedents);
        antecedents.advance(s, lex);
        if let Some(last) = found.last() {
            antecedents.last_holder = Some(last.holder);
        }
        drafts.extend(found);
    }
    drafts.extend(lists::inherit(text, &parsed, &drafts));
    drafts.sort_by_key(|d| (d.sentence, d.cue.start));
    let article = topic::Article {
        text,
        sentences: &parsed,
        events: &events,
        holders: &holders,
    };
    drafts
        .into_iter()
        .map(|d| finish(d, &article, quotes))
        .collect()
}

fn finish(d: Draft, article: &topic::Article, quotes: &[Quote]) -> StanceStatement {
    let s = &article.sentences[d.sentence];
    let quote = (!d.inherited)
        .then(|| {
            (0..quotes.len())
                .filter(|&q| quotes[q].span.start <= d.cue.start && d.cue.end <= quotes[q].span.end)
                .min_by_key(|&q| quotes[q].span.len())
        })
        .flatten();
    let span = if d.inherited {
        s.bytes(0, s.len())
    } else {
        evidence(s, &d, quote.map(|q| quotes[q].span))
    };
    let cue = s.words.partition_point(|w| w.span.start < d.cue.start);
    let (topic, topic_actors) = topic::topic(article, d.sentence, d.holder, cue);
    StanceStatement {
        span,
        cue: d.cue,
        holder: d.holder.to_string(),
        polarity: d.polarity,
        topic,
        topic_actors,
        hedged: d.hedged,
        quote,
    }
}

/// The evidence of a statement: its clauses (with the one before, when
/// the first refers back to it), without leading connectives or a short
/// leading phrase, and within the quotation it stands in.
fn evidence(s: &Sentence, d: &Draft, quote: Option<Span>) -> Span {
    let lex = Lexicon::get();
    let cue = s.words.partition_point(|w| w.span.start < d.cue.start);
    let (mut from, to) = d.clauses;
    let first = s.clause.iter().position(|&c| c == from).unwrap_or(0);
    if from > 0 && refers_back(s, lex, first) {
        from -= 1;
    }
    let first = s.clause.iter().position(|&c| c == from).unwrap_or(0);
    let end = s
        .clause
        .iter()
        .rposition(|&c| c == to)
        .map_or(s.len(), |e| e + 1);
    let keep = d
        .holder_word
        .filter(|&w| w >= first)
        .map_or(cue, |w| w.min(cue));
    let first = trim_lead(s, lex, first, keep);
    let span = s.bytes(first, end);
    quote.and_then(|q| within(s, span, q)).unwrap_or(span)
}

/// Whether the clause starting at word `first` stands for what the clause
/// before it says: a relative clause ("…, which China has sought to
/// avoid") or an apposition ("… arms race — an unwelcome development for
/// China").
fn refers_back(s: &Sentence, lex: &Lexicon, first: usize) -> bool {
    let w = &s.words[first];
    let apposition = w.break_before && !w.colon_before && lex.determiners.contains(w);
    lex.relative.contains(w) || apposition
}

/// Moves `first` past connectives and a short leading phrase, never past
/// word `keep`.
fn trim_lead(s: &Sentence, lex: &Lexicon, mut first: usize, keep: usize) -> usize {
    while first < keep {
        if lex.connectives.contains(&s.words[first]) {
            first += 1;
            continue;
        }
        let lead_end =
            (first + 1..=(first + LEAD_WORDS).min(keep)).find(|&c| s.words[c].comma_before);
        match lead_end {
            Some(c) if s.words[first..c].iter().all(|w| w.occurrence.is_none()) => first = c,
            _ => break,
        }
    }
    first
}

/// The words of `span` inside `quote`, if any.
fn within(s: &Sentence, span: Span, quote: Span) -> Option<Span> {
    let (start, end) = (span.start.max(quote.start), span.end.min(quote.end));
    let first = s.words.iter().position(|w| w.span.start >= start)?;
    let last = s.words.iter().rposition(|w| w.span.end <= end)?;
    (first <= last).then(|| s.bytes(first, last + 1))
}
