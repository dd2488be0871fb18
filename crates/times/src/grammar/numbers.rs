//! Numbers, months, years and clock times: the pieces the date and
//! duration rules are built from.

use dossier_lexicon::FunctionWords;

use super::{Hit, Parser, TimeOfDay};
use crate::lexicon::Class;
use crate::tokens::Token;

impl Parser<'_> {
    /// A number in words: "twenty-four", "one hundred", "a dozen".
    fn word_number(&self, i: usize) -> Hit<i64> {
        let (mut j, first) = self.lex_num(i, Class::Number)?;
        if FunctionWords::IndefiniteArticle.contains(self.norm(i)) && j == i + 1 {
            // "a" counts only as "a hundred", "a thousand" or alone.
            return match self.lex_num(j, Class::Number) {
                Some((e, v @ (100 | 1000))) => Some((e, v)),
                _ => Some((j, 1)),
            };
        }
        let (mut total, mut current) = (0, first);
        while let Some((e, v)) = self.lex_num(self.hyphen(self.opt(j, "and")), Class::Number) {
            match v {
                1000 => (total, current) = (total + current.max(1) * 1000, 0),
                100 => current = current.max(1) * 100,
                // "twenty-four", "one hundred twenty", "two thousand and one".
                v if v < 10 && (20..100).contains(&current) && current % 10 == 0 => current += v,
                v if v < 100 && (current % 100 == 0) && (current > 0 || total > 0) => current += v,
                _ => break,
            }
            j = e;
        }
        Some((j, total + current))
    }

    /// An amount: digits (with a fraction: "2 1/2"), words, or a vague
    /// quantity (`None`: "several", "a few").
    pub(super) fn amount(&self, i: usize) -> Hit<Option<f64>> {
        if let Some((e, _)) = self.lex(i, Class::Vague) {
            return Some((e, None));
        }
        let t = self.tok(i)?;
        if t.is_number() {
            let mut value = t.value()?;
            let mut j = i + 1;
            if let Some(fraction) = self.tok(j).filter(|f| f.is_fraction() && !t.is_fraction()) {
                value += fraction.value()?;
                j += 1;
            }
            return Some((j, Some(value)));
        }
        let (e, n) = self.word_number(i)?;
        Some((e, Some(n as f64)))
    }

    /// A day of the month: "5", "5th", "fifth".
    pub(super) fn day_number(&self, i: usize) -> Hit<u32> {
        let t = self.tok(i)?;
        if t.is_digits() && t.norm.len() <= 2 {
            let day: u32 = t.norm.parse().ok()?;
            let j = match self.norm(i + 1) {
                "st" | "nd" | "rd" | "th" if self.attached(i + 1) => i + 2,
                _ => i + 1,
            };
            return (1..=31).contains(&day).then_some((j, day));
        }
        let (e, n) = self.lex_num(i, Class::Ordinal)?;
        Some((e, n as u32))
    }

    /// A month name, capitalised; the period of an abbreviation joins it
    /// when a number follows ("Sept. 30").
    pub(super) fn month(&self, i: usize) -> Hit<u32> {
        if !self.upper(i) {
            return None;
        }
        let (j, m) = self.lex_num(i, Class::Month)?;
        let j = if self.norm(j) == "."
            && self.attached(j)
            && self.tok(j + 1).is_some_and(Token::is_number)
        {
            j + 1
        } else {
            j
        };
        Some((j, m as u32))
    }

    /// A year in digits (1000–2199) or in words ("nineteen ninety-six";
    /// "two thousand" only when `thousands`, after "the year" or a month).
    pub(super) fn year_number(&self, i: usize, thousands: bool) -> Hit<i32> {
        let t = self.tok(i)?;
        if t.is_digits() && t.norm.len() == 4 {
            let y: i32 = t.norm.parse().ok()?;
            return (1000..=2199).contains(&y).then_some((i + 1, y));
        }
        let (j, first) = self.lex_num(i, Class::Number)?;
        if (11..=20).contains(&first) && j == i + 1 {
            let (e, rest) = self.word_number(self.hyphen(j))?;
            return (10..=99)
                .contains(&rest)
                .then_some((e, (first * 100 + rest) as i32));
        }
        if thousands {
            let (e, n) = self.word_number(i)?;
            return (1000..=2199).contains(&n).then_some((e, n as i32));
        }
        None
    }

    /// A year standing alone: a four-digit number that is not a count, a
    /// price or a name ("Resolution 1718", "2000 troops", "$1990").
    pub(super) fn plain_year(&self, i: usize) -> Hit<i32> {
        let (e, y) = self.year_number(i, false)?;
        if !self.tok(i)?.is_number() {
            return Some((e, y));
        }
        // "No. 1234": look past the abbreviation's period.
        let prev = if self.before(i) == "." { i - 1 } else { i };
        let vetoed_before = self.preceded_by(prev, Class::YearVetoBefore)
            || matches!(self.before(i), "$" | "€" | "£" | "¥" | "#")
            || self.numbered_list_goes_on(i)
            || self.names_year(i);
        let vetoed_after = self.lex(e, Class::YearVetoAfter).is_some()
            || (matches!(self.norm(e), ":" | "%") && self.attached(e));
        let early_needs_cue = y < 1800 && !self.preceded_by(i, Class::MonthCue);
        (!vetoed_before && !vetoed_after && !early_needs_cue).then_some((e, y))
    }

    /// "Resolutions 1718 and 2094": a number listed after a vetoed one is
    /// vetoed too.
    fn numbered_list_goes_on(&self, i: usize) -> bool {
        (self.before(i) == "," || FunctionWords::Coordinator.contains(self.before(i)))
            && i >= 2
            && self.tok(i - 2).is_some_and(|t| t.is_digits())
            && self.preceded_by(i - 2, Class::YearVetoBefore)
    }

    /// A year after a capitalised word that is no time word is part of a
    /// name: "Vision 2030", "Euro 2024", exercises called "Shield 2025".
    fn names_year(&self, i: usize) -> bool {
        i > 0
            && self.upper(i - 1)
            && self.norm(i - 1).chars().all(char::is_alphabetic)
            && self.entries.get(i - 1).copied().flatten().is_none()
    }

    pub(super) fn clock(&self, i: usize) -> Hit<TimeOfDay> {
        if let Some((e, hhmm)) = self.lex(i, Class::Clock).filter(|_| !self.title_case(i)) {
            let (h, m) = hhmm.split_once(':').expect("values are checked at load");
            return Some((e, TimeOfDay::Clock(h.parse().ok()?, m.parse().ok()?)));
        }
        let t = self.tok(i)?;
        if !t.is_digits() || t.norm.len() > 2 {
            return None;
        }
        let hour: u32 = t.norm.parse().ok()?;
        let (j, minute) = match (self.norm(i + 1), self.tok(i + 2)) {
            (":", Some(m)) if self.attached(i + 1) && m.is_digits() && m.norm.len() == 2 => {
                (i + 3, m.norm.parse().ok()?)
            }
            _ => (i + 1, 0),
        };
        if minute > 59 {
            return None;
        }
        match self.lex(j, Class::Meridiem) {
            Some((e, "am")) if (1..=12).contains(&hour) => {
                Some((e, TimeOfDay::Clock(hour % 12, minute)))
            }
            Some((e, "pm")) if (1..=12).contains(&hour) => {
                Some((e, TimeOfDay::Clock(hour % 12 + 12, minute)))
            }
            Some((e, _)) if (1..=12).contains(&hour) && j == i + 1 => {
                Some((e, TimeOfDay::Clock(hour, 0)))
            }
            _ if j == i + 3 && hour <= 24 => Some((j, TimeOfDay::Clock(hour, minute))),
            _ => None,
        }
    }
}
