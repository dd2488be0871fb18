//! How far the sentence supports an event as read: a logistic score over a
//! few signs of how the trigger is used, none of them a word of any story.
//!
//! The signs are whether the event has a source, a target, or both (an
//! event between two named sides is rarely a misreading); whether the
//! trigger reads as a noun ("the attacks", "Clinton's attacks", "a rally"),
//! which in news is far more often a topic than a report; the trigger's verb
//! form (a past tense reports, a present or an "-ing" form often describes);
//! whether it is a phrase ("imposed sanctions on") rather than one word;
//! whether it stands inside a quotation (someone's words, not the
//! reporter's); whether a governing verb folded it ("agreed to hold talks");
//! and whether the sentence is a headline (no closing punctuation).
//!
//! The weights are data: `lexicons/event_confidence.tsv`, fitted on the
//! development half of the real-news set by `dossier eval realnews
//! --fit-confidence` (the held-out half is only scored). People see events
//! whose confidence is at least [`dossier_model::EventMention::SHOWN`].

use std::sync::OnceLock;

use dossier_model::{EventMention, Mention, Span};

use super::lexicon::{Cue, Lexicon};
use super::words::Words;
use dossier_text::Doc;

use dossier_lexicon::EVENT_CONFIDENCE as WEIGHTS;

/// The signs, in the order of a feature vector: those read from the words
/// around the trigger, then those read from the sentence's parse
/// ([`syntax`]).
pub const FEATURES: [&str; 16] = [
    "bias", "source", "target", "both", "noun", "past", "ing", "s_form", "phrase", "quoted",
    "governed", "headline", "verb", "modifier", "agent", "patient",
];

/// Index of the first parse feature.
const SYNTAX: usize = 12;

pub type Features = [f32; FEATURES.len()];

/// What the event stage knows of one event when it scores it.
pub(super) struct Reading<'a> {
    pub text: &'a str,
    pub sentence: Span,
    pub words: &'a Words,
    pub lex: &'a Lexicon,
    /// The trigger's first and last word.
    pub first: usize,
    pub last: usize,
    pub sources: bool,
    pub targets: bool,
    pub governed: bool,
    /// Byte offsets of the sentence's double quotation marks, in order
    /// (found once per sentence: a trigger is quoted when an odd number
    /// stand before it).
    pub quote_marks: &'a [usize],
}

/// The byte offsets of the double quotation marks in `span` of `text`.
pub(super) fn quote_marks(text: &str, span: Span, out: &mut Vec<usize>) {
    out.clear();
    out.extend(
        span.of(text)
            .char_indices()
            .filter(|(_, c)| matches!(c, '"' | '\u{201c}' | '\u{201d}'))
            .map(|(i, _)| span.start + i),
    );
}

pub(super) fn features(r: &Reading) -> Features {
    let word = r.words.spans[r.first].of(r.text).to_ascii_lowercase();
    let before = r.first.checked_sub(1);
    let possessive = before.is_some_and(|b| {
        let w = r.words.spans[b].of(r.text);
        w.ends_with("'s") || w.ends_with('\u{2019}') || w.ends_with("\u{2019}s")
    });
    let noun = possessive || before.is_some_and(|b| r.lex.has_cue(r.words, b, Cue::Determiner));
    let past = word.ends_with("ed") || r.lex.has_cue(r.words, r.first, Cue::Participle);
    let ing = word.ends_with("ing");
    let s_form = !past && !ing && word.ends_with('s') && !word.ends_with("ss");
    let trigger_start = r.words.spans[r.first].start;
    let quoted = r.quote_marks.partition_point(|&m| m < trigger_start) % 2 == 1;
    let headline = !r.sentence.of(r.text).trim_end().ends_with(|c: char| {
        matches!(
            c,
            '.' | '!' | '?' | '"' | '\u{201d}' | '\'' | '\u{2019}' | ')'
        )
    });
    let on = |b: bool| if b { 1.0 } else { 0.0 };
    let mut features = [0.0; FEATURES.len()];
    features[..SYNTAX].copy_from_slice(&[
        1.0,
        on(r.sources),
        on(r.targets),
        on(r.sources && r.targets),
        on(noun),
        on(past),
        on(ing),
        on(s_form),
        on(r.last > r.first),
        on(quoted),
        on(r.governed),
        on(headline),
    ]);
    features
}

/// Parses the sentences that report an event, re-reads the events' roles
/// from the parse ([`super::parsed_roles`]), then adds the parse's signs
/// to the features of `events`: whether the
/// trigger is a verb; whether it only modifies a noun ("a protest vote",
/// "the attack helicopters"); whether a source is the verb's agent (its
/// subject, or "by" in the passive) and a target its patient (object, or
/// passive subject) or the object of one of its prepositions. Only the
/// sentences that report an event are tagged and parsed.
pub(super) fn syntax(
    doc: &mut Doc,
    events: &mut [EventMention],
    mentions: &[&Mention],
    features: &mut [Features],
) -> Vec<bool> {
    let mut reported = vec![true; events.len()];
    if events.is_empty() || !dossier_text::model::has_model() {
        return reported;
    }
    // Each event's span is its sentence's.
    let mut which: Vec<usize> = events
        .iter()
        .filter_map(|e| {
            let sentences = doc.sentences();
            let s = sentences.partition_point(|s| s.span.start < e.span.start);
            (sentences.get(s)?.span == e.span).then_some(s)
        })
        .collect();
    which.dedup();
    doc.parse_sentences(&which);
    let doc = &*doc;
    super::parsed_roles::apply(doc, events, mentions);
    for ((e, f), reported) in events.iter().zip(features.iter_mut()).zip(&mut reported) {
        let Some(t) = doc
            .token_at(e.trigger.start)
            .filter(|&t| doc.is_parsed(doc.sentence_of(t)))
        else {
            continue;
        };
        *reported = !described(doc, t, e);
        let inside = |token: Option<usize>, ids: &[String]| {
            token
                .and_then(|k| super::parsed_roles::mention_at(doc, k, mentions))
                .is_some_and(|m| ids.contains(&m.actor))
        };
        let prepositional = doc
            .children(t)
            .filter(|&c| doc.dep(c).name() == "prep")
            .filter_map(|p| doc.child_with(p, "pobj"));
        let patient = inside(doc.patient_of(t), &e.targets)
            || prepositional
                .into_iter()
                .any(|o| inside(Some(o), &e.targets));
        let on = |b: bool| if b { 1.0 } else { 0.0 };
        f[SYNTAX] = on(doc.tag_of(t).is_verb());
        f[SYNTAX + 1] = on(matches!(
            doc.dep(t).name(),
            "compound" | "amod" | "nmod" | "poss"
        ));
        f[SYNTAX + 2] = on(inside(doc.agent_of(t), &e.sources));
        f[SYNTAX + 3] = on(patient);
    }
    reported
}

/// Whether the parse reads the trigger at token `t` as describing rather
/// than reporting: a participle or an adjective modifying a noun outside
/// the trigger ("271 pledged delegates", "the proposed talks", "alleged
/// victims"), or "agree" taking a clause, which states an
/// opinion ("he agrees Trump is an opportunist"), not an agreement between
/// the two.
fn described(doc: &dossier_text::Doc, t: usize, e: &EventMention) -> bool {
    // The noun it modifies lies outside the trigger: "joint exercises" is
    // a trigger of its own, "alleged victims" a description.
    let modifies_other = doc
        .head(t)
        .is_some_and(|h| !(e.trigger.start..e.trigger.end).contains(&doc.span(h).start));
    let modifier = matches!(doc.tag_of(t).name(), "VBN" | "VBD" | "VBG" | "JJ");
    if modifier && doc.dep(t).name() == "amod" && modifies_other {
        return true;
    }
    e.kind == "AGREE"
        && doc.lemma(t) == "agree"
        && doc.child_with(t, "ccomp").is_some()
        && !doc
            .children(t)
            .any(|c| matches!(doc.dep(c).name(), "prep" | "xcomp" | "dobj"))
}

/// The logistic score of a feature vector under the shipped weights.
pub fn score(features: &Features) -> f32 {
    score_with(weights(), features)
}

pub fn score_with(weights: &Features, features: &Features) -> f32 {
    let z: f32 = weights.iter().zip(features).map(|(w, x)| w * x).sum();
    1.0 / (1.0 + (-z).exp())
}

fn weights() -> &'static Features {
    static WEIGHTS_READ: OnceLock<Features> = OnceLock::new();
    WEIGHTS_READ.get_or_init(|| parse(WEIGHTS.text).unwrap_or_else(|e| panic!("{e}")))
}

/// Reads `name <TAB> weight` lines; every feature must have one.
pub fn parse(tsv: &str) -> Result<Features, String> {
    let mut weights = [f32::NAN; FEATURES.len()];
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let place = || format!("lexicons/event_confidence.tsv:{}", n + 1);
        let (name, weight) = line
            .split_once('\t')
            .ok_or_else(|| format!("{}: expected name<TAB>weight", place()))?;
        let i = FEATURES
            .iter()
            .position(|f| *f == name)
            .ok_or_else(|| format!("{}: unknown feature {name:?}", place()))?;
        weights[i] = weight
            .trim()
            .parse()
            .map_err(|e| format!("{}: {e}", place()))?;
    }
    match FEATURES.iter().zip(&weights).find(|(_, w)| w.is_nan()) {
        Some((name, _)) => Err(format!(
            "lexicons/event_confidence.tsv: no weight for {name}"
        )),
        None => Ok(weights),
    }
}

/// Fits logistic weights to labelled feature vectors (L2-regularised
/// gradient descent: the set is small, and a few hundred steps converge).
pub fn fit(rows: &[(Features, bool)]) -> Features {
    let mut w = [0.0f32; FEATURES.len()];
    let n = rows.len().max(1) as f32;
    let (rate, l2) = (0.5f32, 0.01f32);
    for _ in 0..3000 {
        let mut grad = [0.0f32; FEATURES.len()];
        for (x, y) in rows {
            let err = score_with(&w, x) - if *y { 1.0 } else { 0.0 };
            for (g, xi) in grad.iter_mut().zip(x) {
                *g += err * xi / n;
            }
        }
        for (i, (wi, g)) in w.iter_mut().zip(grad).enumerate() {
            let decay = if i == 0 { 0.0 } else { l2 * *wi };
            *wi -= rate * (g + decay);
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_name_every_feature() {
        let w = weights();
        assert!(w.iter().all(|x| x.is_finite()));
    }

    #[test]
    fn fitting_separates_a_sign_that_decides_the_label() {
        let mut rows = Vec::new();
        for i in 0..40 {
            let mut x = [0.0; FEATURES.len()];
            x[0] = 1.0;
            x[3] = (i % 2) as f32;
            rows.push((x, i % 2 == 1));
        }
        let w = fit(&rows);
        assert!(score_with(&w, &rows[1].0) > 0.8);
        assert!(score_with(&w, &rows[0].0) < 0.2);
    }

    #[test]
    fn a_missing_weight_is_an_error_naming_it() {
        let err = parse("bias\t0.1\n").unwrap_err();
        assert!(err.contains("no weight for source"), "{err}");
    }
}
