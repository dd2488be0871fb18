//! Dates: calendar dates, weekdays, holidays, months, years, decades,
//! seasons and the deictic "last/this/next" forms.

use super::{longest, with_pick, Hit, Meaning, Parser, Pick, TimeOfDay};
use crate::calendar::Date;
use crate::lexicon::Class;
use crate::point::{Point, Unit};
use crate::tokens::Gap;

impl Parser<'_> {
    /// A single day: a calendar date, a weekday, "today", a holiday.
    pub(super) fn day(&self, i: usize) -> Hit<Meaning> {
        match self.days.get(i) {
            Some(memo) => memo.get_or_init(|| self.find_day(i)).clone(),
            None => self.find_day(i),
        }
    }

    fn find_day(&self, i: usize) -> Hit<Meaning> {
        longest([
            self.calendar_date(i),
            self.weekday(i),
            self.dayshift(i),
            self.holiday(i),
            self.shifted_day(i),
        ])
    }

    /// "November 11, 2024", "Oct. 5", "11 November 2024", "the 5th of May",
    /// with an optional weekday before ("Friday, Oct. 23").
    fn calendar_date(&self, i: usize) -> Hit<Meaning> {
        let weekday =
            longest([self.weekday(i), self.shifted_day(i)]).map(|(e, _)| self.opt(e, ","));
        let start = weekday.unwrap_or(i);
        longest([self.month_day(start), self.day_month(start)])
    }

    fn month_day(&self, i: usize) -> Hit<Meaning> {
        let (j, month) = self.month(i)?;
        let (j, day) = self.day_number(j)?;
        if self.lex(j, Class::Unit).is_some() || self.norm(j) == ":" {
            return None;
        }
        self.with_year(j, month, day)
    }

    fn day_month(&self, i: usize) -> Hit<Meaning> {
        let j = self.opt(i, "the");
        let (j, day) = self.day_number(j)?;
        let (j, month) = self.month(self.opt(j, "of"))?;
        self.with_year(j, month, day)
    }

    /// A day and month, then an optional year (", 2024").
    fn with_year(&self, j: usize, month: u32, day: u32) -> Hit<Meaning> {
        let after_comma = self.opt(j, ",");
        if let Some((e, year)) = self.year_number(after_comma, true) {
            let date = Date::new(year, month, day)?;
            return Some((e, Meaning::Absolute(Point::Day(date))));
        }
        Date::new(2000, month, day)?;
        Some((
            j,
            Meaning::MonthDay {
                month,
                day,
                pick: Pick::Tense,
            },
        ))
    }

    pub(super) fn weekday(&self, i: usize) -> Hit<Meaning> {
        if !self.upper(i) {
            return None;
        }
        let (e, day) = self.lex_num(i, Class::Weekday)?;
        Some((
            e,
            Meaning::Weekday {
                day: day as u32,
                pick: Pick::Tense,
            },
        ))
    }

    /// "last Friday", "this coming Sunday", "last Oct. 23".
    fn shifted_day(&self, i: usize) -> Hit<Meaning> {
        let (j, step) = self.lex_num(i, Class::Shift)?;
        let (e, meaning) = longest([self.weekday(j), self.holiday(j), self.month_day(j)])?;
        let pick = Pick::from_step(step);
        Some((e, with_pick(meaning, pick)))
    }

    fn dayshift(&self, i: usize) -> Hit<Meaning> {
        let (e, value) = self.lex(i, Class::Dayshift)?;
        let (days, part) = value
            .split_once(' ')
            .map_or((value, None), |(d, p)| (d, Some(p)));
        let days = Meaning::Days(days.parse().expect("values are checked at load"));
        Some((
            e,
            match part {
                Some(part) => Meaning::At(Box::new(days), TimeOfDay::Part(part)),
                None => days,
            },
        ))
    }

    fn holiday(&self, i: usize) -> Hit<Meaning> {
        if !self.upper(i) {
            return None;
        }
        let (j, rule) = self.lex(i, Class::Holiday)?;
        let rule = self.lex.holiday(rule);
        if let Some((e, year)) = self.year_number(self.opt(j, ","), false) {
            return Some((e, Meaning::Absolute(Point::Day(rule.date(year)?))));
        }
        Some((
            j,
            Meaning::Holiday {
                rule,
                pick: Pick::Tense,
            },
        ))
    }

    /// A day with a part of it: "Tuesday morning", "this morning", "last
    /// night", "the next morning".
    pub(super) fn day_with_part(&self, i: usize) -> Hit<Meaning> {
        let day =
            longest([self.day(i), self.anaphor(i)]).filter(|(_, m)| !matches!(m, Meaning::At(..)));
        let shifted = self
            .lex_num(i, Class::Shift)
            .map(|(j, step)| (j, Meaning::Days(step)));
        let (j, day) = longest([day, shifted])?;
        let (e, part) = self.lex(j, Class::Daypart)?;
        Some((e, Meaning::At(Box::new(day), TimeOfDay::Part(part))))
    }

    /// A clock time, alone or with its day: "3 p.m.", "10:35 a.m. EDT
    /// Thursday", "noon Saturday", "around 7:15 p.m.".
    pub(super) fn timed(&self, i: usize) -> Hit<Meaning> {
        let start = self.lex(i, Class::Qualifier).map_or(i, |(e, _)| e);
        let (j, clock) = self.clock(start)?;
        let j = self.lex(j, Class::Timezone).map_or(j, |(e, _)| e);
        let day_start = self.opt(self.opt(j, ","), "on");
        match self.day(day_start) {
            Some((e, day)) => Some((e, Meaning::At(Box::new(day), clock))),
            None => Some((j, Meaning::Clock(clock))),
        }
    }

    /// A month name alone, in a context that makes it a date ("in May",
    /// not "Theresa May").
    pub(super) fn bare_month(&self, i: usize, cued: bool) -> Hit<Meaning> {
        let (e, month) = self.month(i)?;
        // "Jan Kavan", "Mars Inc.": a name goes on with another capital.
        let name = self.tok(e).is_some_and(|t| t.upper && t.is_word());
        let licensed = cued || self.preceded_by(i, Class::MonthCue);
        (licensed && !name).then_some((
            e,
            Meaning::Month {
                month,
                pick: Pick::Tense,
            },
        ))
    }

    /// "October 2024", "January of 1990", "January nineteen ninety-seven",
    /// "July last year".
    pub(super) fn month_year(&self, i: usize) -> Hit<Meaning> {
        let (j, month) = self.month(i)?;
        let j = self.opt(self.opt(j, ","), "of");
        if let Some((e, year)) = self.year_number(j, true) {
            return Some((e, Meaning::Absolute(Point::Month(year, month))));
        }
        let (j, step) = self.lex_num(j, Class::Shift)?;
        let e = self.word(j, "year")?;
        Some((
            e,
            Meaning::MonthOfYear {
                month,
                year_step: step as i32,
            },
        ))
    }

    /// "2024-11-11".
    pub(super) fn iso_date(&self, i: usize) -> Hit<Meaning> {
        let part = |k: usize, len: usize| {
            self.tok(k)
                .filter(|t| t.is_digits() && t.norm.len() == len && (k == i || t.gap == Gap::None))
                .and_then(|t| t.norm.parse::<u32>().ok())
        };
        let dash = |k: usize| self.norm(k) == "-" && self.attached(k);
        if !(dash(i + 1) && dash(i + 3)) {
            return None;
        }
        let date = Date::new(part(i, 4)? as i32, part(i + 2, 2)?, part(i + 4, 2)?)?;
        Some((i + 5, Meaning::Absolute(Point::Day(date))))
    }

    /// "2011", "the year 2000", "fiscal 1989", "nineteen ninety-six".
    pub(super) fn year(&self, i: usize) -> Hit<Meaning> {
        let the_year = self
            .word(i, "the")
            .and_then(|j| self.word(j, "year"))
            .and_then(|j| self.year_number(j, true));
        let fiscal = self
            .word(i, "fiscal")
            .and_then(|j| self.year_number(self.opt(j, "year"), false));
        let (e, year) = longest([the_year, fiscal, self.plain_year(i)])?;
        Some((e, Meaning::Absolute(Point::Year(year))))
    }

    /// "the 1990s", "the '90s", "the nineties", "the early 1980s", "the 20th
    /// century".
    pub(super) fn decade(&self, i: usize) -> Hit<Meaning> {
        let j = self.opt(i, "the");
        let j = self.lex(j, Class::Mod).map_or(j, |(e, _)| self.hyphen(e));
        if let Some((e, digit)) = self.lex_num(j, Class::Decade) {
            return Some((e, Meaning::DecadeDigit(digit as i32)));
        }
        let century = self
            .day_number(j)
            .and_then(|(e, n)| Some((self.word(e, "century")?, n)));
        if let Some((e, ordinal)) = century {
            return Some((e, Meaning::Absolute(Point::Century(ordinal as i32 - 1))));
        }
        let quoted = self.word(j, "'");
        let j = quoted.unwrap_or(j);
        let t = self.tok(j)?;
        let e = self
            .word(j + 1, "s")
            .filter(|_| self.attached(j + 1) && t.is_digits())?;
        let n: i32 = t.norm.parse().ok()?;
        match t.norm.len() {
            4 if n % 10 == 0 && (1000..=2190).contains(&n) => {
                Some((e, Meaning::Absolute(Point::Decade(n / 10))))
            }
            // "the 90s", "'90s"; not "in his 30s".
            2 if n % 10 == 0 && (quoted.is_some() || self.norm(i) == "the") => {
                Some((e, Meaning::DecadeDigit(n / 10)))
            }
            _ => None,
        }
    }

    /// A shift word and what it shifts: "last year", "this week", "next
    /// month", "last April", "this summer", "last Thanksgiving".
    pub(super) fn shifted(&self, i: usize) -> Hit<Meaning> {
        let (j, step) = self.lex_num(i, Class::Shift)?;
        let pick = Pick::from_step(step);
        let unit = self
            .lex(j, Class::Unit)
            .filter(|_| !self.title_case(j))
            .and_then(|(e, code)| {
                let (unit, _) = Unit::parse(code)?;
                let calendar = unit >= Unit::Day && !self.plural(e);
                calendar.then_some((
                    e,
                    Meaning::Relative {
                        unit,
                        n: step as i32,
                    },
                ))
            });
        let other = longest([
            self.bare_month(j, true),
            self.season(j, true),
            self.weekday(j),
            self.holiday(j),
            self.word(j, "weekend")
                .map(|e| (e, Meaning::Weekend(Pick::Tense))),
        ])
        .map(|(e, m)| (e, with_pick(m, pick)));
        longest([unit, other])
    }

    /// "the weekend": the last one or the coming one, by tense.
    pub(super) fn weekend(&self, i: usize) -> Hit<Meaning> {
        let e = self.word(self.word(i, "the")?, super::WEEKEND)?;
        Some((e, Meaning::Weekend(Pick::Tense)))
    }

    /// "the summer", "summer 2011", "the spring of 1998"; without a year,
    /// only after a cue ("in the spring") or a modifier.
    pub(super) fn season(&self, i: usize, cued: bool) -> Hit<Meaning> {
        let j = self.opt(i, "the");
        let (j, modified) = match self.lex(j, Class::Mod) {
            Some((e, _)) => (self.hyphen(e), true),
            None => (j, false),
        };
        let (e, season) = self.lex(j, Class::Season)?;
        if let Some((y_end, year)) = self.year_number(self.opt(e, "of"), false) {
            return Some((y_end, Meaning::Absolute(Point::Season(year, season))));
        }
        let licensed = cued || modified || self.preceded_by(i, Class::PeriodCue);
        licensed.then_some((
            e,
            Meaning::Season {
                season,
                pick: Pick::Tense,
            },
        ))
    }
}
