//! The event lexicons, loaded once: trigger patterns
//! (`lexicons/plover_triggers.tsv`) indexed by their first words, and the
//! cue words (`lexicons/event_cues.tsv`, plus the speech verbs of
//! `lexicons/speech_verbs.tsv`), all over one numbered vocabulary that the
//! words of the text are looked up in once (see [`Words::fill`]). Formats
//! are in `lexicons/README.md`.

use foldhash::{HashSet, HashSetExt};
use std::sync::OnceLock;

use super::kind::{Coded, Kind};
use super::words::Words;

use dossier_lexicon::EVENT_CUES as CUES;
use dossier_lexicon::PERSON_TITLES as TITLES;
use dossier_lexicon::PLOVER_TRIGGERS as TRIGGERS;
use dossier_lexicon::ROLE_NOUNS;
use dossier_lexicon::SPEECH_VERBS;

/// The most words a `*` slot skips.
const MAX_GAP: usize = 4;

use dossier_text::vocabulary::Vocabulary;
/// A word's number in the lexicons' vocabulary: two words with the same
/// key (see [`Words::key`]) have the same id.
pub(crate) use dossier_text::vocabulary::WordId;

/// One slot of a trigger pattern.
#[derive(Debug)]
enum Slot {
    /// The ids of the words it accepts, sorted.
    Words(Vec<WordId>),
    Gap,
}

#[derive(Debug)]
struct Pattern {
    /// `None` for a phrase that reports no event.
    coded: Option<Coded>,
    slots: Vec<Slot>,
}

/// The classes of `event_cues.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Negation,
    Hypothetical,
    Fear,
    Future,
    Denial,
    Passive,
    Participle,
    Boundary,
    Target,
    Skip,
    Joint,
    Relative,
    Purpose,
    Reason,
    Determiner,
}

impl Cue {
    fn parse(name: &str) -> Option<Cue> {
        Some(match name {
            "negation" => Cue::Negation,
            "hypothetical" => Cue::Hypothetical,
            "fear" => Cue::Fear,
            "future" => Cue::Future,
            "denial" => Cue::Denial,
            "passive" => Cue::Passive,
            "participle" => Cue::Participle,
            "boundary" => Cue::Boundary,
            "target" => Cue::Target,
            "skip" => Cue::Skip,
            "joint" => Cue::Joint,
            "relative" => Cue::Relative,
            "purpose" => Cue::Purpose,
            "reason" => Cue::Reason,
            "determiner" => Cue::Determiner,
            _ => return None,
        })
    }
}

/// A set of cue classes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Classes(u16);

impl Classes {
    pub fn has(self, cue: Cue) -> bool {
        self.0 & (1 << cue as u16) != 0
    }

    fn add(&mut self, cue: Cue) {
        self.0 |= 1 << cue as u16;
    }
}

/// A matched trigger: words `first..=last` of the sentence.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub last: usize,
    /// `None` when the words form a phrase that reports no event.
    pub coded: Option<Coded>,
}

pub struct Lexicon {
    patterns: Vec<Pattern>,
    /// The words of the trigger patterns, cue phrases and speech verbs,
    /// numbered.
    vocabulary: Vocabulary,
    /// What the lexicons say of each word of the vocabulary, by id.
    entries: Vec<Entry>,
    /// Coordination phrases ("and", "as well as"), lowercase.
    coordination: HashSet<String>,
    /// The length of the longest coordination phrase.
    longest_coordination: usize,
    /// Titles and office nouns, lowercase, without periods: "president",
    /// "prime minister", "leader" — the words of "Russian President X" and
    /// "President of France, X" that sit between an actor and a name.
    titles: HashSet<String>,
    /// The last words of the titles.
    title_ends: HashSet<String>,
    /// The most spaces in a title: a longer run of words is none.
    pub title_spaces: usize,
}

/// What the lexicons say of one word.
#[derive(Debug, Default)]
struct Entry {
    /// The patterns starting with it, in file order.
    patterns: Vec<usize>,
    /// The cue phrases ending with it: (the words before it, classes).
    cues: Vec<(Vec<WordId>, Classes)>,
    /// The classes of those phrases together.
    cue_classes: Classes,
    /// A single-word form of a speech verb.
    speech: bool,
}

/// Numbers the words of the lexicons as they load.
#[derive(Default)]
struct Numbering {
    ids: Vocabulary,
    entries: Vec<Entry>,
}

impl Numbering {
    /// The id of `word`, numbering it if new, and its entry.
    fn entry(&mut self, word: &str) -> (WordId, &mut Entry) {
        let id = self.ids.intern(word);
        self.entries.resize_with(self.ids.len(), Entry::default);
        (id, &mut self.entries[id.index()])
    }

    fn id(&mut self, word: &str) -> WordId {
        self.entry(word).0
    }
}

fn rows(lexicon: &'static dossier_lexicon::Lexicon) -> impl Iterator<Item = Vec<&'static str>> {
    lexicon.words().map(|line| line.split('\t').collect())
}

/// The regular forms of a lemma (base, -s, -ed, -ing), doubling the final
/// consonant when asked ("ban" → "banned").
fn inflect(lemma: &str, double: bool) -> [String; 4] {
    let consonant_y =
        lemma.ends_with('y') && !lemma[..lemma.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    let stem = &lemma[..lemma.len() - 1];
    let last = &lemma[lemma.len() - 1..];
    let third = if consonant_y {
        format!("{stem}ies")
    } else if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let (past, ing) = if double {
        (format!("{lemma}{last}ed"), format!("{lemma}{last}ing"))
    } else if consonant_y {
        (format!("{stem}ied"), format!("{lemma}ing"))
    } else if let Some(stem) = lemma.strip_suffix("ie") {
        (format!("{lemma}d"), format!("{stem}ying"))
    } else if lemma.ends_with('e') {
        let keeps_e = lemma.ends_with("ee") || lemma.ends_with("ye") || lemma.ends_with("oe");
        let ing = if keeps_e {
            format!("{lemma}ing")
        } else {
            format!("{stem}ing")
        };
        (format!("{lemma}d"), ing)
    } else {
        (format!("{lemma}ed"), format!("{lemma}ing"))
    };
    [lemma.to_string(), third, past, ing]
}

/// The words one slot accepts: its `|` alternatives, `+`/`++` expanded.
fn slot_words(slot: &str) -> Vec<String> {
    let mut words = Vec::new();
    for alt in slot.split('|') {
        if let Some(lemma) = alt.strip_suffix("++") {
            words.extend(inflect(lemma, true));
        } else if let Some(lemma) = alt.strip_suffix('+') {
            words.extend(inflect(lemma, false));
        } else {
            words.push(alt.to_string());
        }
    }
    words.sort();
    words.dedup();
    words
}

fn parse_pattern(row: &[&'static str], numbering: &mut Numbering) -> Pattern {
    let [kind, mode, pattern] = row else {
        panic!("plover_triggers.tsv: expected 3 fields: {row:?}");
    };
    let coded = (*kind != "-").then(|| {
        let k =
            Kind::parse(kind).unwrap_or_else(|| panic!("plover_triggers.tsv: unknown type {kind}"));
        (k, (*mode != "-").then_some(*mode))
    });
    let slots: Vec<Slot> = pattern
        .split(' ')
        .map(|s| {
            if s == "*" {
                Slot::Gap
            } else {
                let mut ids: Vec<WordId> = slot_words(s).iter().map(|w| numbering.id(w)).collect();
                ids.sort_unstable();
                Slot::Words(ids)
            }
        })
        .collect();
    assert!(
        matches!(slots.first(), Some(Slot::Words(_))),
        "plover_triggers.tsv: a pattern must start with a word: {pattern}"
    );
    Pattern { coded, slots }
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::load)
    }

    fn load() -> Lexicon {
        let mut numbering = Numbering::default();
        let patterns: Vec<Pattern> = rows(&TRIGGERS)
            .map(|r| parse_pattern(&r, &mut numbering))
            .collect();
        for (p, pattern) in patterns.iter().enumerate() {
            let Some(Slot::Words(first)) = pattern.slots.first() else {
                unreachable!()
            };
            for &id in first {
                numbering.entries[id.index()].patterns.push(p);
            }
        }

        let mut coordination = HashSet::new();
        for r in rows(&CUES) {
            let [class, phrase] = r[..] else {
                panic!("event_cues.tsv: expected 2 fields: {r:?}");
            };
            if class == "coordination" {
                coordination.insert(phrase.to_string());
                continue;
            }
            let cue = Cue::parse(class)
                .unwrap_or_else(|| panic!("event_cues.tsv: unknown class {class}"));
            let mut words: Vec<WordId> = phrase.split(' ').map(|w| numbering.id(w)).collect();
            let last = words.pop().expect("non-empty phrase");
            let entry = &mut numbering.entries[last.index()];
            entry.cue_classes.add(cue);
            let entries = &mut entry.cues;
            match entries.iter_mut().find(|(before, _)| *before == words) {
                Some((_, classes)) => classes.add(cue),
                None => {
                    let mut classes = Classes::default();
                    classes.add(cue);
                    entries.push((words, classes));
                }
            }
        }
        for form in rows(&SPEECH_VERBS)
            .filter_map(|r| r.get(1).copied())
            .flat_map(|forms| forms.split('|'))
            .filter(|f| !f.contains(' '))
        {
            numbering.entry(form).1.speech = true;
        }
        let titles: HashSet<String> = rows(&TITLES)
            .filter_map(|r| r.get(1).copied())
            .chain(rows(&ROLE_NOUNS).filter_map(|r| r.first().copied()))
            .map(|t| t.trim_end_matches('.').to_lowercase())
            .collect();
        let title_ends = titles
            .iter()
            .filter_map(|t| t.rsplit(' ').next())
            .map(str::to_string)
            .collect();
        let title_spaces = titles
            .iter()
            .map(|t| t.matches(' ').count())
            .max()
            .unwrap_or(0);
        Lexicon {
            patterns,
            vocabulary: numbering.ids,
            entries: numbering.entries,
            longest_coordination: coordination.iter().map(String::len).max().unwrap_or(0),
            coordination,
            titles,
            title_ends,
            title_spaces,
        }
    }

    /// The types of the event patterns starting with `word` (lowercase),
    /// each once, in type order.
    pub fn anchor_kinds(&self, word: &str) -> Vec<Kind> {
        let Some(id) = self.id(word) else {
            return Vec::new();
        };
        let mut v: Vec<Kind> = self.entries[id.index()]
            .patterns
            .iter()
            .filter_map(|&p| self.patterns[p].coded.map(|c| c.0))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The id of a folded word (see [`Words::key`]), if the lexicons name it.
    pub fn id(&self, key: &str) -> Option<WordId> {
        self.vocabulary.id(key)
    }

    /// Whether `word` (lowercase) is on its own a cue phrase of class `cue`
    /// ("on" is a target preposition).
    pub fn is_word_cue(&self, word: &str, cue: Cue) -> bool {
        self.id(word).is_some_and(|id| {
            self.entries[id.index()]
                .cues
                .iter()
                .any(|(before, classes)| before.is_empty() && classes.has(cue))
        })
    }

    /// Whether some trigger pattern starts with word `id`.
    pub fn is_anchor(&self, id: WordId) -> bool {
        !self.entries[id.index()].patterns.is_empty()
    }

    /// The trigger starting at word `i`, whose id is `anchor`: a non-event
    /// phrase if one matches, else the longest event pattern (the first in
    /// file order among equals).
    pub fn match_at(&self, anchor: WordId, words: &Words, i: usize) -> Option<Match> {
        let mut best: Option<Match> = None;
        for &p in &self.entries[anchor.index()].patterns {
            let pattern = &self.patterns[p];
            let Some(last) = match_slots(&pattern.slots[1..], words, i + 1) else {
                continue;
            };
            if pattern.coded.is_none() {
                return Some(Match { last, coded: None });
            }
            if best.is_none_or(|b| last > b.last) {
                best = Some(Match {
                    last,
                    coded: pattern.coded,
                });
            }
        }
        best
    }

    /// Whether a phrase of class `cue` ends at word `j`: the one class of
    /// [`Lexicon::cues_at`], answered from the word alone when it ends no
    /// phrase of that class.
    pub fn has_cue(&self, words: &Words, j: usize, cue: Cue) -> bool {
        words.ids[j].is_some_and(|id| self.entries[id.index()].cue_classes.has(cue))
            && self.cues_at(words, j).has(cue)
    }

    /// The cue classes of the phrases ending at word `j`.
    pub fn cues_at(&self, words: &Words, j: usize) -> Classes {
        let Some(id) = words.ids[j] else {
            return Classes::default();
        };
        let cues = &self.entries[id.index()].cues;
        if cues.is_empty() {
            return Classes::default();
        }
        if let Some(known) = words.cue_cache[j].get() {
            return Classes(known);
        }
        let mut classes = Classes::default();
        for (before, c) in cues {
            let n = before.len();
            let fits = j >= n
                && (0..n).all(|k| {
                    let w = j - n + k;
                    words.ids[w] == Some(before[k]) && !words.clause_break_before(w + 1)
                });
            if fits {
                classes.0 |= c.0;
            }
        }
        words.cue_cache[j].set(Some(classes.0));
        classes
    }

    /// Whether the text between two mentions joins them into one role
    /// ("Russia and North Korea", "Russia, China", "Russia-North Korea").
    pub fn coordinates(&self, gap: &str, buf: &mut String) -> bool {
        buf.clear();
        for part in gap.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '–')) {
            if !part.is_empty() {
                if !buf.is_empty() {
                    buf.push(' ');
                }
                let from = buf.len();
                buf.push_str(part);
                buf[from..].make_ascii_lowercase();
                if buf.len() > self.longest_coordination {
                    // Most gaps: a clause, not a conjunction.
                    return false;
                }
            }
        }
        if buf.is_empty() {
            // Punctuation alone joins; bare space does not (it is one noun
            // phrase: "North Korean leader").
            return gap.contains([',', '/', '-', '–']);
        }
        self.coordination.contains(buf.as_str())
    }

    /// Whether `words` (lowercase, single spaces) is a title or office noun.
    pub fn is_title(&self, words: &str) -> bool {
        self.titles.contains(words)
    }

    /// Whether `word` (lowercase) is the last word of a title.
    pub fn ends_title(&self, word: &str) -> bool {
        self.title_ends.contains(word)
    }

    /// Whether word `k` is a form of a speech verb.
    pub fn is_speech_verb(&self, words: &Words, k: usize) -> bool {
        words.ids[k].is_some_and(|id| self.entries[id.index()].speech)
    }
}

/// Matches the remaining slots from word `next`; the index of the last word
/// matched. Slots never cross punctuation.
fn match_slots(slots: &[Slot], words: &Words, next: usize) -> Option<usize> {
    let Some(slot) = slots.first() else {
        return Some(next - 1);
    };
    match slot {
        Slot::Words(alts) => {
            let id = (*words.ids.get(next)?)?;
            let ok = words.punct_before[next].is_none() && alts.binary_search(&id).is_ok();
            ok.then(|| match_slots(&slots[1..], words, next + 1))
                .flatten()
        }
        Slot::Gap => (0..=MAX_GAP)
            .take_while(|&skip| {
                skip == 0
                    || (next + skip - 1 < words.len()
                        && words.punct_before[next + skip - 1].is_none())
            })
            .find_map(|skip| match_slots(&slots[1..], words, next + skip)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::Span;

    #[test]
    fn inflections() {
        assert_eq!(
            inflect("agree", false),
            ["agree", "agrees", "agreed", "agreeing"]
        );
        assert_eq!(inflect("apologize", false)[3], "apologizing");
        assert_eq!(inflect("ban", true), ["ban", "bans", "banned", "banning"]);
        assert_eq!(inflect("deny", false)[2], "denied");
        assert_eq!(inflect("push", false)[1], "pushes");
    }

    #[test]
    fn the_files_are_well_formed() {
        let mut seen = HashSet::new();
        for line in TRIGGERS.rows().chain(CUES.rows()).map(|row| row.line) {
            assert!(seen.insert(line), "duplicate line: {line}");
            let pattern = line.rsplit('\t').next().unwrap_or_default();
            assert_eq!(pattern, pattern.to_lowercase(), "not lowercase: {line}");
            assert!(
                !pattern.contains('\u{2019}') && !pattern.contains("  "),
                "curly apostrophe or double space: {line}"
            );
        }
    }

    #[test]
    fn first_words_of_patterns_are_words_of_the_text() {
        // Triggers are looked up word by word, and only in ASCII words: a
        // first word the text's words never equal would never match.
        let l = Lexicon::get();
        let mut w = Words::default();
        for (word, id) in l.vocabulary.iter() {
            if l.is_anchor(id) {
                w.fill(word, Span::new(0, word.len()), l);
                assert!(word.is_ascii(), "{word}");
                assert_eq!(w.spans, [Span::new(0, word.len())], "{word}");
            }
        }
    }

    #[test]
    fn the_lexicons_load() {
        let l = Lexicon::get();
        assert!(l.patterns.len() > 300);
        let text = "They imposed new financial sanctions on Iran.";
        let mut w = Words::default();
        w.fill(text, Span::new(0, text.len()), l);
        let anchor = w.ids[1].unwrap();
        assert!(l.is_anchor(anchor));
        let m = l.match_at(anchor, &w, 1).unwrap();
        assert_eq!(m.last, 4);
        assert_eq!(m.coded.map(|c| c.0), Some(Kind::Sanction));
    }
}
