//! Reading the cues of one sentence into draft statements: the cue's
//! class and slot from the lexicon, turned by an avert word ("wants to
//! avoid"), negation and hedges, with its holder.

use dossier_model::{Polarity, Span};

use super::holder::{self, Antecedents, Found};
use super::lexicon::{CueClass, Lexicon, Match, Pattern, Reading, Slot};
use super::words::{Sentence, Word};

/// How many words before a cue a negation may stand ("does not want",
/// "is not a problem for").
const NEGATION_REACH: usize = 4;
/// A cue this close after the end of a want or fear is its content
/// ("reluctant to back", "does not want to lose"): what is wanted, not a
/// stance of its own.
const COMPLEMENT: usize = 2;
/// How many words after a support cue an avert word may stand ("sought to
/// distance", "wishes to avoid").
const AVERT_REACH: usize = 3;

/// A statement before its evidence span, topic and quote are settled.
#[derive(Debug, Clone)]
pub struct Draft<'t> {
    pub sentence: usize,
    /// The hard clauses the statement spans (first, last): the cue's, or
    /// more when several cues of the sentence state it.
    pub clauses: (usize, usize),
    pub cue: Span,
    pub holder: &'t str,
    /// Where the holder is named in the sentence, if it is.
    pub holder_word: Option<usize>,
    pub polarity: Polarity,
    pub hedged: bool,
    /// Given by the sentence that introduced a list (see `lists`).
    pub inherited: bool,
}

/// The statements of sentence `index`, one per holder and polarity: cues
/// of one sentence stating the same holder's gain (or loss, want,
/// objection) make one statement ("creates a new competitor for Beijing,
/// creating a headache for Xi Jinping").
pub fn read_sentence<'t>(
    s: &'t Sentence,
    index: usize,
    antecedents: &Antecedents<'t>,
) -> Vec<Draft<'t>> {
    let lex = Lexicon::get();
    let words = s.words;
    let mixed = mixed_phrases(words, lex);
    let mut governed: Vec<usize> = Vec::new();
    // Where the content of the last want or fear ends: (clause, word).
    let mut complement = (usize::MAX, 0);
    let mut out: Vec<Draft> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let matches = lex.cues.longest_at(words, i, lex.skippable());
        let Some(end) = matches.first().map(|m| m.end) else {
            i += 1;
            continue;
        };
        let content = (s.clause[i], i) < complement && s.clause[i] == complement.0;
        let in_mixed = mixed.iter().any(|&(from, to)| from < end && i < to);
        if !in_mixed && !content {
            let clause = s.clause[i];
            let cue = Cue {
                s,
                lex,
                start: i,
                governed: governed.contains(&clause),
            };
            for m in &matches {
                if let Some(d) = cue.read(m, index, antecedents) {
                    merge(&mut out, d);
                }
            }
            if matches.iter().any(|m| m.value.class.governs()) {
                governed.push(clause);
                complement = (clause, end + COMPLEMENT);
            }
        }
        i = end;
    }
    out
}

/// Adds `d`, or widens the statement of the same holder and polarity to
/// its clause: asserted if either is.
fn merge<'t>(out: &mut Vec<Draft<'t>>, d: Draft<'t>) {
    match out
        .iter_mut()
        .find(|o| (o.holder, o.polarity) == (d.holder, d.polarity))
    {
        Some(o) => {
            o.clauses.1 = o.clauses.1.max(d.clauses.1);
            o.hedged &= d.hedged;
        }
        None => out.push(d),
    }
}

/// The `mixed` phrases ("pros and cons") as word ranges: no stance is
/// read inside them. Most sentences have none (and allocate nothing).
fn mixed_phrases(words: &[Word], lex: &Lexicon) -> Vec<(usize, usize)> {
    (0..words.len())
        .filter_map(|i| Some((i, lex.mixed.longest_at(words, i, |_| false).first()?.end)))
        .collect()
}

/// A cue at word `start` of a sentence.
struct Cue<'a> {
    s: &'a Sentence<'a>,
    lex: &'a Lexicon,
    start: usize,
    /// An earlier cue of the clause states an attitude towards what
    /// follows ("does not want Russia to lose"): a gain or loss named by
    /// its subject here is that attitude's content.
    governed: bool,
}

impl<'a> Cue<'a> {
    fn read(
        &self,
        m: &Match<Reading>,
        index: usize,
        antecedents: &Antecedents<'a>,
    ) -> Option<Draft<'a>> {
        let Reading { mut class, slot } = *m.value;
        let mut end = m.end;
        if class == CueClass::Support {
            if let Some(avert_end) = self.avert_after(end) {
                class = CueClass::Oppose;
                end = avert_end;
            }
        }
        let content = matches!(class, CueClass::Benefit | CueClass::Cost);
        if self.governed && content && slot == Slot::Subject {
            return None;
        }
        let polarity = polarity(class, self.negated(m.pattern, end))?;
        let found = holder::find(self.s, self.lex, slot, self.start, m.end)?;
        let (holder, holder_word) = match found {
            Found::Actor(o) => {
                let o = &self.s.occurrences[o];
                (o.holder, Some(o.first))
            }
            Found::Pronoun(kind, at) => (antecedents.resolve(self.s, self.lex, kind, at)?, None),
        };
        // A hedge anywhere in the clause before the cue counts; so does a
        // want or fear before it: what is wanted or feared has not happened.
        let hedged = self.governed || self.hedged(m.pattern, end);
        Some(Draft {
            sentence: index,
            clauses: (self.s.clause[self.start], self.s.clause[self.start]),
            cue: self.s.bytes(self.start, end),
            holder,
            holder_word,
            polarity,
            hedged,
            inherited: false,
        })
    }

    /// How many words of the cue's clause stand before it.
    fn clause_start(&self) -> usize {
        let clause = self.s.clause[self.start];
        self.s.clause[..self.start]
            .iter()
            .rev()
            .take_while(|&&c| c == clause)
            .count()
    }

    /// Whether a negation stands inside the cue without being one of the
    /// pattern's own words ("would not like", not "can not afford"), or
    /// before it with only `bridge` words between ("is not a problem", not
    /// "does not hide its concerns").
    fn negated(&self, pattern: &Pattern, end: usize) -> bool {
        let lex = self.lex;
        let negation = |w: &Word| lex.negations.contains(w);
        let words = self.s.words;
        if words[self.start..end]
            .iter()
            .any(|w| negation(w) && !pattern.has_word(w))
        {
            return true;
        }
        let skippable = lex.skippable::<Word>();
        words[self.start - self.clause_start().min(NEGATION_REACH)..self.start]
            .iter()
            .rev()
            .take_while(|w| negation(w) || lex.bridges.contains(*w) || skippable(w))
            .any(negation)
    }

    /// Whether a hedge stands in the clause before the cue, or inside it
    /// without being one of the pattern's own words ("could", but not
    /// "would" of "would like").
    fn hedged(&self, pattern: &Pattern, end: usize) -> bool {
        let hedge = |w: &Word| self.lex.hedges.contains(w);
        let words = self.s.words;
        words[self.start - self.clause_start()..self.start]
            .iter()
            .any(hedge)
            || words[self.start..end]
                .iter()
                .any(|w| hedge(w) && !pattern.has_word(w))
    }

    /// The end of an avert word a few words after a support cue, in its
    /// clause.
    fn avert_after(&self, end: usize) -> Option<usize> {
        let words = self.s.words;
        let clause = self.s.clause[self.start];
        (end..(end + AVERT_REACH).min(words.len()))
            .take_while(|&j| self.s.clause[j] == clause)
            .find_map(|j| {
                self.lex
                    .averts
                    .longest_at(words, j, |_| false)
                    .first()
                    .map(|m| m.end)
            })
    }
}

/// What a cue states once negated or not. Negation turns a gain into a
/// loss ("not good news for", "does not benefit") and a want into an
/// objection ("does not want"); it cancels a loss, a fear or an objection
/// ("not a problem for", "does not fear", "does not oppose" state no
/// interest).
fn polarity(class: CueClass, negated: bool) -> Option<Polarity> {
    Some(match (class, negated) {
        (CueClass::Benefit, false) => Polarity::Benefit,
        (CueClass::Benefit, true) | (CueClass::Cost | CueClass::Fear, false) => Polarity::Cost,
        (CueClass::Support, false) => Polarity::Support,
        (CueClass::Support, true) | (CueClass::Oppose, false) => Polarity::Oppose,
        (CueClass::Cost | CueClass::Fear | CueClass::Oppose, true) => return None,
    })
}
