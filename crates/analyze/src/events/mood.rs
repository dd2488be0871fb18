//! How a trigger is meant: negated ("did not sign"), hypothetical ("could
//! supply", "if Russia were to attack", "fears that … will provide") or
//! announced for the future ("will meet", "plans to visit") — PLOVER's
//! auxiliary modes (manual section 2.3), read from the cue words before the
//! trigger in its clause.

use super::lexicon::{Cue, Lexicon};
use super::words::Words;

/// The auxiliary modes of one trigger.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mood {
    pub negated: bool,
    pub hypothetical: bool,
    pub future: bool,
}

/// How many words before a trigger a negation may stand ("has not yet
/// formally signed"); modal cues count anywhere earlier in the clause
/// ("will provide 25,000 tons of food aid").
const NEGATION_WINDOW: usize = 5;

/// Reads the mood of the trigger at words `first..=last`. `in_mention[k]`
/// says whether word `k` belongs to an actor mention: a negation does not
/// reach past the subject.
pub fn mood(
    lex: &Lexicon,
    text: &str,
    words: &Words,
    first: usize,
    last: usize,
    in_mention: &[bool],
    buf: &mut String,
) -> Mood {
    let mut m = Mood {
        // "reached no agreement"
        negated: (first..=last).any(|k| lex.cues_at(text, words, k, buf).has(Cue::Negation)),
        ..Mood::default()
    };
    let mut subject_seen = false;
    let mut k = first;
    while k > 0 && !words.clause_break_before(k) {
        k -= 1;
        let cues = lex.cues_at(text, words, k, buf);
        if cues.has(Cue::Boundary) {
            // "if Russia attacks", "whether China will join"
            m.hypothetical |= cues.has(Cue::Hypothetical);
            break;
        }
        subject_seen |= in_mention[k];
        m.negated |= cues.has(Cue::Negation) && !subject_seen && first - k <= NEGATION_WINDOW;
        match (cues.has(Cue::Future), cues.has(Cue::Hypothetical)) {
            // "would": reported future after a speech verb ("said it would
            // send troops"), a conditional otherwise.
            (true, true) => {
                if (0..k).any(|s| lex.is_speech_verb(words.spans[s].of(text), buf)) {
                    m.future = true;
                } else {
                    m.hypothetical = true;
                }
            }
            (future, hypothetical) => {
                m.future |= future;
                m.hypothetical |= hypothetical;
            }
        }
    }
    m.hypothetical |= (0..first).any(|k| lex.cues_at(text, words, k, buf).has(Cue::Fear));
    m
}

/// Whether the trigger starting at word `first` is a passive participle
/// ("was sanctioned", "were reportedly attacked", "has been expelled").
pub fn passive(lex: &Lexicon, text: &str, words: &Words, first: usize, buf: &mut String) -> bool {
    let word = words.spans[first].of(text);
    let participle = word.len() > 3 && word[word.len() - 2..].eq_ignore_ascii_case("ed")
        || lex.cues_at(text, words, first, buf).has(Cue::Participle);
    participle
        && (1..=2)
            .take_while(|&back| back <= first && !words.clause_break_before(first - back + 1))
            .any(|back| {
                lex.cues_at(text, words, first - back, buf)
                    .has(Cue::Passive)
            })
}
