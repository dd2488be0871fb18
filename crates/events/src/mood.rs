//! How a trigger is meant: negated ("did not sign"), hypothetical ("could
//! supply", "if Russia were to attack", "fears that … will provide") or
//! announced for the future ("will meet", "plans to visit") — PLOVER's
//! auxiliary modes (manual section 2.3), read from the cue words before the
//! trigger in its clause.

use std::cell::OnceCell;

use super::lexicon::{Cue, Lexicon};
use super::words::{Words, REACH_BACK};

/// The auxiliary modes of one trigger.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mood {
    pub negated: bool,
    pub hypothetical: bool,
    pub future: bool,
}

/// How many words before a trigger a negation may stand ("has not yet
/// formally signed", "reluctant to provide any direct military support"); modal cues count anywhere earlier in the clause
/// ("will provide 25,000 tons of food aid").
const NEGATION_WINDOW: usize = 6;

/// Reads the moods of one sentence's triggers. What holds for the whole
/// sentence is found once, so each trigger costs a bounded scan.
pub struct Reader<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    words: &'a Words,
    /// Whether each word belongs to an actor mention: a negation does not
    /// reach past the subject.
    in_mention: &'a [bool],
    /// The first word ending a fear cue (or the number of words).
    first_fear: usize,
    /// The first speech verb, looked for at the first "would".
    first_speech: OnceCell<usize>,
}

impl<'a> Reader<'a> {
    pub fn new(
        lex: &'a Lexicon,
        text: &'a str,
        words: &'a Words,
        in_mention: &'a [bool],
    ) -> Reader<'a> {
        let n = words.len();
        let first_fear = (0..n)
            .find(|&k| lex.has_cue(words, k, Cue::Fear))
            .unwrap_or(n);
        Reader {
            lex,
            text,
            words,
            in_mention,
            first_fear,
            first_speech: OnceCell::new(),
        }
    }

    /// The mood of the trigger at words `first..=last`.
    pub fn mood(&self, first: usize, last: usize) -> Mood {
        let (lex, words) = (self.lex, self.words);
        let mut m = Mood {
            // "reached no agreement"
            negated: (first..=last).any(|k| lex.has_cue(words, k, Cue::Negation)),
            hypothetical: self.first_fear < first,
            future: false,
        };
        let mut subject_seen = false;
        let mut k = first;
        while k > 0 && first - k < REACH_BACK && !words.clause_break_before(k) {
            k -= 1;
            let cues = lex.cues_at(words, k);
            if cues.has(Cue::Boundary) {
                // "if Russia attacks", "whether China will join"
                m.hypothetical |= cues.has(Cue::Hypothetical);
                break;
            }
            subject_seen |= self.in_mention[k];
            m.negated |= cues.has(Cue::Negation) && !subject_seen && first - k <= NEGATION_WINDOW;
            match (cues.has(Cue::Future), cues.has(Cue::Hypothetical)) {
                // "would": reported future after a speech verb ("said it
                // would send troops"), a conditional otherwise.
                (true, true) if self.first_speech() < k => m.future = true,
                (true, true) => m.hypothetical = true,
                (future, hypothetical) => {
                    m.future |= future;
                    m.hypothetical |= hypothetical;
                }
            }
        }
        m
    }

    fn first_speech(&self) -> usize {
        let n = self.words.len();
        *self.first_speech.get_or_init(|| {
            (0..n)
                .find(|&k| self.lex.is_speech_verb(self.words, k))
                .unwrap_or(n)
        })
    }

    /// Whether the trigger starting at word `first` is a passive participle
    /// ("was sanctioned", "were reportedly attacked", "has been expelled"),
    /// and whether it is a reduced one, with no "be" ("a treaty, signed by
    /// the two leaders": its subject is the noun before, no actor).
    pub fn passive(&self, first: usize) -> (bool, bool) {
        let (lex, text, words) = (self.lex, self.text, self.words);
        let word = words.key(first);
        let participle =
            word.len() > 3 && word.ends_with("ed") || lex.has_cue(words, first, Cue::Participle);
        if !participle {
            return (false, false);
        }
        let with_be = (1..=2)
            .take_while(|&back| back <= first && !words.clause_break_before(first - back + 1))
            .any(|back| lex.has_cue(words, first - back, Cue::Passive));
        // "responded by sending" is active: "by" before a gerund is a means.
        let by_agent = first + 1 < words.len()
            && words.key(first + 1) == "by"
            && words
                .spans
                .get(first + 2)
                .is_some_and(|w| !w.of(text).ends_with("ing"));
        (with_be || by_agent, !with_be && by_agent)
    }
}
