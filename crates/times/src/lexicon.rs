//! The time grammar's vocabulary, read once from the bundled lexicons:
//! `time_words.tsv` (word classes), `months.tsv` (month names, shared with
//! the extractor), `holidays.tsv` and `tense_cues.tsv`. Formats are in
//! `lexicons/README.md`.

use dossier_text::shapes::WordShapes;
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

use super::calendar::Date;
use super::point::Unit;
use super::tokens::{norms, Gap, Token};

use dossier_lexicon::HOLIDAYS;
use dossier_lexicon::MONTHS;
use dossier_lexicon::TENSE_CUES;
use dossier_lexicon::TIME_WORDS;

/// The word classes of `time_words.tsv`, plus months and holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Weekday,
    Number,
    Vague,
    Ordinal,
    Decade,
    Unit,
    UnitAdjective,
    Season,
    Daypart,
    Clock,
    Meridiem,
    Timezone,
    Dayshift,
    Shift,
    Anaphor,
    Offset,
    Mod,
    Qualifier,
    Reference,
    SetAdverb,
    SetQuantifier,
    MonthCue,
    PeriodCue,
    Opener,
    Report,
    YearAdjective,
    PeriodEnd,
    FixedPeriod,
    RateCue,
    YearVetoBefore,
    YearVetoAfter,
    Month,
    Holiday,
}

impl Class {
    /// The class's bit in [`Entry`]'s set of classes.
    const fn bit(self) -> u64 {
        const _: () = assert!((Class::Holiday as u32) < u64::BITS, "classes fit a u64");
        1 << self as u32
    }

    fn parse(name: &str) -> Option<Class> {
        Some(match name {
            "weekday" => Class::Weekday,
            "number" => Class::Number,
            "vague" => Class::Vague,
            "ordinal" => Class::Ordinal,
            "decade" => Class::Decade,
            "unit" => Class::Unit,
            "unit_adjective" => Class::UnitAdjective,
            "season" => Class::Season,
            "daypart" => Class::Daypart,
            "clock" => Class::Clock,
            "meridiem" => Class::Meridiem,
            "timezone" => Class::Timezone,
            "dayshift" => Class::Dayshift,
            "shift" => Class::Shift,
            "anaphor" => Class::Anaphor,
            "offset" => Class::Offset,
            "mod" => Class::Mod,
            "qualifier" => Class::Qualifier,
            "reference" => Class::Reference,
            "set_adverb" => Class::SetAdverb,
            "set_quantifier" => Class::SetQuantifier,
            "month_cue" => Class::MonthCue,
            "period_cue" => Class::PeriodCue,
            "opener" => Class::Opener,
            "report" => Class::Report,
            "year_adjective" => Class::YearAdjective,
            "period_end" => Class::PeriodEnd,
            "fixed_period" => Class::FixedPeriod,
            "rate_cue" => Class::RateCue,
            "year_veto_before" => Class::YearVetoBefore,
            "year_veto_after" => Class::YearVetoAfter,
            _ => return None,
        })
    }

    /// Whether `value` has the form this class's values take (see
    /// `lexicons/README.md`), so that the grammar can rely on it.
    fn accepts(self, value: &str) -> bool {
        let number = |v: &str| v.parse::<i64>().is_ok();
        match self {
            Class::Weekday
            | Class::Number
            | Class::Ordinal
            | Class::Decade
            | Class::Shift
            | Class::Anaphor
            | Class::SetQuantifier
            | Class::Report
            | Class::Month => number(value),
            Class::Unit => Unit::parse(value).is_some(),
            Class::Season => matches!(value, "SP" | "SU" | "FA" | "WI"),
            Class::Daypart => matches!(value, "MO" | "AF" | "EV" | "NI"),
            Class::Meridiem => matches!(value, "am" | "pm" | "-"),
            Class::Reference => matches!(value, "PRESENT_REF" | "PAST_REF" | "FUTURE_REF"),
            Class::Clock => value
                .split_once(':')
                .is_some_and(|(h, m)| number(h) && number(m)),
            Class::Dayshift => match value.split_once(' ') {
                Some((days, part)) => number(days) && Class::Daypart.accepts(part),
                None => number(value),
            },
            Class::Offset => value
                .split_once(' ')
                .is_some_and(|(step, base)| number(step) && matches!(base, "anchor" | "reference")),
            Class::FixedPeriod => value
                .split_once(' ')
                .is_some_and(|(unit, step)| Unit::parse(unit).is_some() && number(step)),
            Class::Holiday => HolidayRule::parse(value).is_some(),
            _ => true,
        }
    }
}

/// How a holiday's date follows from the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    Fixed {
        month: u32,
        day: u32,
    },
    /// The n-th weekday of a month; n = 0 for the last one.
    Nth {
        n: u32,
        weekday: u32,
        month: u32,
    },
    Easter(i64),
}

impl HolidayRule {
    fn parse(rule: &str) -> Option<HolidayRule> {
        let fields: Vec<&str> = rule.split(' ').collect();
        match fields.as_slice() {
            ["fixed", md] => {
                let (m, d) = md.split_once('-')?;
                let (month, day) = (m.parse().ok()?, d.parse().ok()?);
                Date::new(2000, month, day)?;
                Some(HolidayRule::Fixed { month, day })
            }
            ["nth", n, wd, m] => Some(HolidayRule::Nth {
                n: if *n == "last" { 0 } else { n.parse().ok()? },
                weekday: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                    .iter()
                    .position(|w| w == wd)? as u32
                    + 1,
                month: m.parse().ok().filter(|m| (1..=12).contains(m))?,
            }),
            ["easter", offset] => Some(HolidayRule::Easter(offset.parse().ok()?)),
            _ => None,
        }
    }

    /// The holiday's date in `year`.
    pub fn date(self, year: i32) -> Option<Date> {
        match self {
            HolidayRule::Fixed { month, day } => Date::new(year, month, day),
            HolidayRule::Nth { n, weekday, month } => Date::nth_weekday(year, month, weekday, n),
            HolidayRule::Easter(offset) => Some(Date::easter(year).add_days(offset)),
        }
    }
}

/// How a word bears on tense (see `tense_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Future,
    Past,
    Modal,
    NotPast,
    PastAux,
    Reporting,
}

struct Phrase {
    words: Vec<String>,
    value: &'static str,
}

/// The phrases that start with one word, by class, longest first.
#[derive(Default)]
pub struct Entry {
    by_class: Vec<(Class, Vec<Phrase>)>,
    /// The classes of `by_class`, one bit each, so that a rule asking for
    /// a class the word lacks (most asks) fails without a search.
    classes: u64,
}

/// The context classes: the grammar reads cues before a bare month or a
/// period, vetoes, rate words and meridiems after a clock only around an
/// expression, never at its first word.
const CONTEXT_ONLY: u64 = Class::MonthCue.bit()
    | Class::PeriodCue.bit()
    | Class::YearVetoBefore.bit()
    | Class::YearVetoAfter.bit()
    | Class::RateCue.bit()
    | Class::Meridiem.bit();

impl Entry {
    /// Whether an expression may start with this word: one with nothing
    /// but context classes ("and", "to", "of") is skipped without trying
    /// the rules.
    pub fn may_start(&self) -> bool {
        self.classes & !CONTEXT_ONLY != 0
    }

    /// Whether any phrase of a class that may open an expression matches at
    /// token `i` (a token with this entry's word).
    pub fn phrase_matches(&self, tokens: &[Token], i: usize) -> bool {
        self.by_class.iter().any(|(c, phrases)| {
            c.bit() & CONTEXT_ONLY == 0
                && phrases
                    .iter()
                    .any(|p| match_words(&p.words, tokens, i).is_some())
        })
    }

    /// The longest phrase of `class` starting at token `i` (a token with
    /// this entry's word): the index after it and its value. A hyphen in the phrase is optional in the text, and
    /// the text may hyphenate words the phrase separates ("mid-afternoon").
    pub fn phrase(
        &self,
        class: Class,
        tokens: &[Token],
        i: usize,
    ) -> Option<(usize, &'static str)> {
        if self.classes & class.bit() == 0 {
            return None;
        }
        let (_, candidates) = self.by_class.iter().find(|(c, _)| *c == class)?;
        candidates
            .iter()
            .find_map(|p| match_words(&p.words, tokens, i).map(|end| (end, p.value)))
    }
}

pub struct Lexicon {
    /// Phrases by their first word. A holiday's value is its rule.
    phrases: HashMap<String, Entry>,
    /// The shapes of the keys of `phrases`.
    first_words: WordShapes,
    cues: HashMap<String, Vec<Cue>>,
    /// The shapes of the keys of `cues`.
    cue_words: WordShapes,
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lexicon = Lexicon {
            phrases: HashMap::new(),
            first_words: WordShapes::default(),
            cues: HashMap::new(),
            cue_words: WordShapes::default(),
        };
        for line in TIME_WORDS.words() {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let &[class, phrase, value] = fields.as_slice() else {
                panic!("lexicons/time_words.tsv: bad line {line:?}");
            };
            let class = Class::parse(class)
                .unwrap_or_else(|| panic!("lexicons/time_words.tsv: unknown class in {line:?}"));
            lexicon.add(class, phrase, value);
        }
        for line in MONTHS.words() {
            let (number, name) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("lexicons/months.tsv: bad line {line:?}"));
            lexicon.add(Class::Month, name.trim(), number.trim());
        }
        for line in HOLIDAYS.words() {
            let (name, rule) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("lexicons/holidays.tsv: bad line {line:?}"));
            lexicon.add(Class::Holiday, name, rule);
        }
        for line in TENSE_CUES.words() {
            let (cue, word) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("lexicons/tense_cues.tsv: bad line {line:?}"));
            let cue = match cue {
                "future" => Cue::Future,
                "past" => Cue::Past,
                "modal" => Cue::Modal,
                "not_past" => Cue::NotPast,
                "past_aux" => Cue::PastAux,
                "reporting" => Cue::Reporting,
                _ => panic!("lexicons/tense_cues.tsv: unknown tense in {line:?}"),
            };
            lexicon.cue_words.insert(word);
            lexicon.cues.entry(word.to_string()).or_default().push(cue);
        }
        lexicon
    }

    fn add(&mut self, class: Class, phrase: &str, value: &'static str) {
        if !class.accepts(value) {
            panic!("lexicons: {phrase:?} has a bad {class:?} value {value:?}");
        }
        let words = norms(phrase);
        self.first_words.insert(&words[0]);
        let entry = self.phrases.entry(words[0].clone()).or_default();
        entry.classes |= class.bit();
        let at = match entry.by_class.iter().position(|(c, _)| *c == class) {
            Some(at) => at,
            None => {
                entry.by_class.push((class, Vec::new()));
                entry.by_class.len() - 1
            }
        };
        let phrases = &mut entry.by_class[at].1;
        phrases.push(Phrase { words, value });
        phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }

    /// The phrases starting with `word` (a token's norm), if any.
    pub fn entry(&self, word: &str) -> Option<&Entry> {
        if !self.first_words.may_contain(word) {
            return None;
        }
        self.phrases.get(word)
    }

    /// The rule of a holiday phrase's value.
    pub fn holiday(&self, value: &str) -> HolidayRule {
        HolidayRule::parse(value).expect("values are checked at load")
    }

    pub fn cues(&self, word: &str) -> &[Cue] {
        if !self.cue_words.may_contain(word) {
            return &[];
        }
        self.cues.get(word).map_or(&[], Vec::as_slice)
    }
}

/// The end of the phrase `words` at token `start`, whose norm is the
/// phrase's first word (the key of the entry that holds it), so matching
/// starts at the second.
fn match_words(words: &[String], tokens: &[Token], start: usize) -> Option<usize> {
    debug_assert_eq!(tokens[start].norm, words[0]);
    let continues = |i: usize| tokens.get(i).filter(|t| t.gap != Gap::Line);
    let mut i = start + 1;
    for word in &words[1..] {
        if word == "-" {
            if continues(i).is_some_and(|t| t.norm == "-") {
                i += 1;
            }
            continue;
        }
        // "mid-afternoon" for "mid afternoon", "St. Patrick's" for "st patrick's".
        if continues(i).is_some_and(|t| (t.norm == "-" || t.norm == ".") && t.gap == Gap::None) {
            i += 1;
        }
        if continues(i)?.norm != *word {
            return None;
        }
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::View;
    use dossier_text::Doc;

    #[test]
    fn bundled_lexicons_load() {
        let lex = lexicon();
        let phrase = |class, tokens: &[Token], i: usize| {
            lex.entry(&tokens[i].norm)?.phrase(class, tokens, i)
        };
        let doc = Doc::new("the twenty first of May, this coming week");
        let tokens = View::of(&doc).tokens;
        assert_eq!(phrase(Class::Ordinal, &tokens, 1), Some((3, "21")));
        assert_eq!(phrase(Class::Month, &tokens, 4), Some((5, "5")));
        assert_eq!(phrase(Class::Shift, &tokens, 6), Some((8, "1")));
        let doc = Doc::new("Thanksgiving Day");
        let tokens = View::of(&doc).tokens;
        let (_, rule) = phrase(Class::Holiday, &tokens, 0).unwrap();
        assert_eq!(lex.holiday(rule).date(1999), Date::new(1999, 11, 25));
        assert_eq!(lex.cues("will"), [Cue::Future]);
    }
}
