//! Whose stance a cue states: the actor in the cue's slot, or the actor a
//! pronoun there stands for.

use dossier_lexicon::FunctionWords;

use super::lexicon::{Lexicon, PronounKind, Slot, Token};
use super::words::{Occurrence, Sentence};

/// What stands in a cue's slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// An actor occurrence of the sentence.
    Actor(usize),
    /// A pronoun at this word.
    Pronoun(PronounKind, usize),
}

/// How far after a cue its `for`/`to` may stand ("an unwelcome and
/// worrying development for China"), and how far after that the holder.
const FOR_REACH: usize = 6;
const AFTER_FOR: usize = 3;
/// How many words before a cue its copula may stand ("is a major
/// setback").
const COPULA_REACH: usize = 3;
/// Words (adjectives) that may stand between a possessor and its cue.
const ADJECTIVES: usize = 2;
/// An actor this close before a cue is its subject even after an
/// `absolute` preposition ("with China potentially the biggest loser").
const ADJACENT: usize = 2;

/// The holder of the cue at words `start..end`, by its slot.
pub fn find(s: &Sentence, lex: &Lexicon, slot: Slot, start: usize, end: usize) -> Option<Found> {
    match slot {
        Slot::Subject => subject(s, lex, start),
        Slot::Object => object(s, lex, end),
        Slot::For => for_object(s, lex, end).or_else(|| fronted_for(s, lex, start)),
        Slot::Possessor => possessor(s, lex, start),
    }
}

/// Whether an occurrence can be a subject: not the object of a
/// preposition, unless possessive ("one of China's interests").
fn subject_like(s: &Sentence, lex: &Lexicon, o: &Occurrence) -> bool {
    // A preposition before a clause break does not govern the actor.
    let after_preposition = o.first > 0
        && !s.words[o.first].break_before
        && lex.prepositions.contains(&s.words[o.first - 1]);
    o.possessive || !after_preposition
}

/// Whether an occurrence can be the subject of the cue at word `cue`:
/// subject-like, or right before it after "with".
fn acceptable(s: &Sentence, lex: &Lexicon, o: &Occurrence, cue: usize) -> bool {
    let absolute = o.first > 0 && lex.absolute.contains(&s.words[o.first - 1]);
    subject_like(s, lex, o) || (absolute && cue - o.last - 1 <= ADJACENT)
}

/// Whether word `i` stops the backward search for a subject: a soft
/// clause opener, or a coordination not followed by another name.
fn stops_subject(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    let word = &s.words[i];
    lex.soft.contains(word) || (lex.coordination.contains(word) && !s.names_someone(i + 1, lex))
}

/// The nearest acceptable actor or pronoun before the cue in its clause.
/// Past a coordination ("Xi … and now has reason to worry"), the first
/// acceptable actor of the clause; at the start of a clause opened by a
/// contrast ("…, but never willing to …"), the subject of an earlier
/// clause; past a complement opener ("a rough spot that …"), nobody.
fn subject(s: &Sentence, lex: &Lexicon, cue: usize) -> Option<Found> {
    let clause = s.clause.get(cue).copied()?;
    let mut i = cue;
    while i > 0 && s.clause[i - 1] == clause {
        if stops_subject(s, lex, i - 1) {
            let coordination = !lex.soft.contains(&s.words[i - 1]);
            return coordination
                .then(|| first_subject(s, lex, clause, cue))
                .flatten()
                .map(Found::Actor);
        }
        i -= 1;
        if let Some(o) = s.words[i].occurrence {
            if s.occurrences[o].first == i && acceptable(s, lex, &s.occurrences[o], cue) {
                return Some(Found::Actor(o));
            }
        } else if let Some(p) = lex.pronouns.get(&s.words[i]) {
            return Some(Found::Pronoun(p.kind, i));
        }
    }
    let first = s.clause.iter().position(|&c| c == clause)?;
    if clause == 0 || !lex.hard.contains(&s.words[first]) {
        return None;
    }
    (0..clause)
        .rev()
        .find_map(|c| first_subject(s, lex, c, cue))
        .map(Found::Actor)
}

/// The first acceptable actor of clause `clause` before word `before`.
fn first_subject(s: &Sentence, lex: &Lexicon, clause: usize, before: usize) -> Option<usize> {
    s.occurrences
        .iter()
        .position(|o| o.last < before && s.clause[o.first] == clause && subject_like(s, lex, o))
}

/// The actor or pronoun right after the cue (past a determiner).
fn object(s: &Sentence, lex: &Lexicon, end: usize) -> Option<Found> {
    let mut i = end;
    if s.words.get(i).is_some_and(|w| lex.determiners.contains(w)) {
        i += 1;
    }
    named_at(s, lex, i).filter(|_| s.clause.get(i) == s.clause.get(end - 1))
}

/// The actor or pronoun after "for"/"to" a few words after the cue ("not
/// good news for supply chains or for the European Union"), up to the
/// next cue ("a windfall for Kim and a headache for Xi": Xi's is the
/// headache).
fn for_object(s: &Sentence, lex: &Lexicon, end: usize) -> Option<Found> {
    let clause = s.clause[end - 1];
    let within = |i: &usize| *i < s.len() && s.clause[*i] == clause;
    let before_next_cue = |i: &usize| lex.cues.longest_at(s.words, *i, lex.skippable()).is_empty();
    (end..end + FOR_REACH)
        .take_while(within)
        .take_while(before_next_cue)
        .filter(|&i| is_for(s, i))
        .find_map(|p| {
            (p + 1..=p + AFTER_FOR)
                .take_while(within)
                .find_map(|i| named_at(s, lex, i))
        })
}

fn is_for(s: &Sentence, i: usize) -> bool {
    FunctionWords::Benefactive.contains(s.words[i].key())
}

/// The actor of a "For X, …" opening the sentence, for a cue that is the
/// predicate of a copula: "For Pyongyang, this is a setback" (not "For
/// Russia the trade is a lifeline after the loss of …").
fn fronted_for(s: &Sentence, lex: &Lexicon, cue: usize) -> Option<Found> {
    let copula = s.words[cue.saturating_sub(COPULA_REACH)..cue]
        .iter()
        .any(|w| lex.copulas.contains(w));
    (copula && s.words[0].key() == "for")
        .then(|| named_at(s, lex, 1))
        .flatten()
}

/// The possessive right before the cue, past at most [`ADJECTIVES`]
/// words: "Japan's concerns", "Beijing's growing concerns", "its fears".
fn possessor(s: &Sentence, lex: &Lexicon, cue: usize) -> Option<Found> {
    (cue.saturating_sub(ADJECTIVES + 1)..cue)
        .rev()
        .find_map(|i| {
            let w = &s.words[i];
            let possessive_pronoun = lex.pronouns.get(w).is_some_and(|p| p.possessive);
            match w.occurrence {
                Some(o) if s.occurrences[o].possessive && s.occurrences[o].last == i => {
                    Some(Found::Actor(o))
                }
                None if possessive_pronoun => named_at(s, lex, i),
                _ => None,
            }
        })
}

/// An actor occurrence starting at word `i`, or a pronoun there.
fn named_at(s: &Sentence, lex: &Lexicon, i: usize) -> Option<Found> {
    let w = s.words.get(i)?;
    match w.occurrence {
        Some(o) if s.occurrences[o].first == i => Some(Found::Actor(o)),
        Some(_) => None,
        None => lex.pronouns.get(w).map(|p| Found::Pronoun(p.kind, i)),
    }
}

/// The actors a pronoun may be resolved to, in order of preference: the
/// subject of the sentence it is in, the subject of the sentence before,
/// and the holder of the last statement.
#[derive(Debug, Default, Clone)]
pub struct Antecedents<'t> {
    /// Acceptable subjects of the previous sentence, in order: (holder,
    /// named as a person).
    previous: Vec<(&'t str, bool)>,
    pub last_holder: Option<&'t str>,
}

impl<'t> Antecedents<'t> {
    /// Moves on past sentence `s`.
    pub fn advance(&mut self, s: &Sentence<'t>, lex: &Lexicon) {
        self.previous.clear();
        self.previous.extend(
            s.occurrences
                .iter()
                .filter(|o| subject_like(s, lex, o))
                .map(|o| (o.holder, o.person)),
        );
    }

    /// What a pronoun at word `at` of `s` stands for.
    pub fn resolve(
        &self,
        s: &Sentence<'t>,
        lex: &Lexicon,
        kind: PronounKind,
        at: usize,
    ) -> Option<&'t str> {
        let fits = |person: bool| match kind {
            PronounKind::State => !person,
            PronounKind::Person => person,
            PronounKind::Any => true,
        };
        s.occurrences
            .iter()
            .find(|o| o.last < at && fits(o.person) && subject_like(s, lex, o))
            .map(|o| o.holder)
            .or_else(|| {
                self.previous
                    .iter()
                    .find(|(_, person)| fits(*person))
                    .map(|&(h, _)| h)
            })
            .or(self.last_holder)
    }
}
