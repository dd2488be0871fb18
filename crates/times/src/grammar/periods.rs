//! Periods: quarters and results-reporting language, anaphors, durations,
//! offsets ("two weeks ago") and recurrences ("every year").

use dossier_lexicon::FunctionWords;

use super::{longest, Hit, Meaning, Parser};
use crate::lexicon::Class;
use crate::point::{duration, Point, Unit};

/// The largest amount an offset may count ("5,000 years ago").
const MAX_OFFSET: f64 = 10_000.0;

impl Parser<'_> {
    /// Whether "a" at `i` begins a rate: after an amount ("$5 a year"),
    /// an amount of things ("four flights a week", not "2011 from a year
    /// earlier"), a rate word ("$5 million a year") or a unit ("24 hours a
    /// day").
    fn is_rate(&self, i: usize) -> bool {
        let amount = |k: Option<usize>| k.and_then(|k| self.amount(k)).is_some();
        amount(i.checked_sub(1))
            || (amount(i.checked_sub(2)) && self.plural(i))
            || self.preceded_by(i, Class::RateCue)
            || self.preceded_by(i, Class::Unit)
    }

    /// "the third quarter", "third-quarter", "the 1988 second quarter",
    /// "this year's third quarter", "the first half of 1990".
    pub(super) fn quarter(&self, i: usize) -> Hit<Meaning> {
        let mut j = self.opt(self.opt(i, "the"), "its");
        let mut year: Option<i32> = None;
        let mut year_step: Option<i32> = None;
        let possessive = self
            .lex_num(j, Class::Shift)
            .and_then(|(e, step)| Some((self.word(self.word(e, "year")?, "'s")?, step)));
        if let Some((e, y)) = self.year_number(j, false) {
            (j, year) = (e, Some(y));
        } else if let Some((e, step)) = possessive {
            (j, year_step) = (e, Some(step as i32));
        }
        j = self.hyphen(self.opt(j, "fiscal"));
        let (j, rank) = match self.day_number(j) {
            Some(hit) => hit,
            None => (self.word(j, "last")?, 0),
        };
        let j = self.hyphen(j);
        let (e, half) = match self.norm(j) {
            "quarter" if (1..=4).contains(&rank) => (j + 1, false),
            "half" if rank <= 2 => (j + 1, true),
            _ => return None,
        };
        let q = if rank == 0 { 2 } else { rank };
        let of_year = self.word(e, "of").and_then(|k| self.year_number(k, false));
        if let Some((e, y)) = of_year {
            return Some((e, Meaning::Absolute(Point::part_of_year(y, q, half))));
        }
        match year {
            Some(y) => Some((e, Meaning::Absolute(Point::part_of_year(y, q, half)))),
            None => Some((e, Meaning::Quarter { q, half, year_step })),
        }
    }

    /// The quarter a results report is about: "the quarter", "the latest
    /// period", "the year-ago quarter", "the same period last year",
    /// "the 1988 period", or "year-earlier" alone.
    pub(super) fn report_period(&self, i: usize) -> Hit<Meaning> {
        let determiner = self.word(i, "the").or_else(|| self.word(i, "that"));
        let mut j = determiner.unwrap_or(i);
        let (mut years_back, mut year, mut described) = (0, None, false);
        loop {
            if let Some((e, back)) = self.lex_num(j, Class::Report) {
                (j, years_back, described) = (e, years_back.max(back as i32), true);
            } else if let Some((e, y)) = self.year_number(j, false) {
                (j, year, described) = (e, Some(y), true);
            } else {
                break;
            }
        }
        // Not "the quarter-to-quarter comparison".
        let noun = match (self.norm(j), self.norm(j + 1)) {
            (_, "-") => None,
            ("quarter", _) => Some(j + 1),
            ("period", _) if described => Some(j + 1),
            _ => None,
        };
        let Some(mut e) = noun else {
            // "year-earlier", "year-ago" alone, as adjectives, hyphen
            // written ("a year earlier" is an offset).
            let alone = determiner.is_none()
                && years_back == 1
                && year.is_none()
                && self.norm(j - 2) == "-";
            return alone.then_some((j, Meaning::ReportQuarter { years_back, year }));
        };
        if determiner.is_none() && !described {
            return None;
        }
        // "the same period last year", "the quarter a year ago".
        let later = self
            .word(e, "last")
            .and_then(|k| self.word(k, "year"))
            .or_else(|| {
                let (k, (amount, unit)) = self.measure(e)?;
                let (k, _) = self
                    .lex(k, Class::Offset)
                    .filter(|_| unit == Unit::Year && amount == Some(1.0))?;
                Some(k)
            });
        if let Some(k) = later {
            (e, years_back) = (k, years_back + 1);
        }
        Some((e, Meaning::ReportQuarter { years_back, year }))
    }

    /// "that year", "the same day", "the following month", "the next day".
    pub(super) fn anaphor(&self, i: usize) -> Hit<Meaning> {
        let (j, step) = self.lex_num(i, Class::Anaphor)?;
        let (e, code) = self.lex(j, Class::Unit)?;
        let (unit, _) = Unit::parse(code)?;
        (!self.plural(e) && unit >= Unit::Day).then_some((
            e,
            Meaning::Anaphor {
                unit,
                n: step as i32,
            },
        ))
    }

    /// "the year" or "the month" in results language: "for the year" (the
    /// current year), "the full year", "the end of the month", "the year
    /// ended Sept. 30" (a twelve-month stretch).
    pub(super) fn the_year(&self, i: usize) -> Hit<Meaning> {
        let j = self.word(i, "the")?;
        let (j, described) = match self.lex(j, Class::YearAdjective) {
            Some((e, _)) => (e, true),
            None => (j, false),
        };
        let unit = match self.norm(j) {
            "year" => Unit::Year,
            "month" => Unit::Month,
            _ => return None,
        };
        let e = j + 1;
        if self.lex(e, Class::PeriodEnd).is_some() {
            return Some((
                e,
                Meaning::Duration {
                    amount: Some(1.0),
                    unit,
                },
            ));
        }
        let licensed = described || self.preceded_by(i, Class::PeriodCue);
        let continues = matches!(
            self.norm(e),
            "-" | "'s" | "before" | "after" | "earlier" | "later" | "ago"
        );
        (licensed && !continues).then_some((e, Meaning::Relative { unit, n: 0 }))
    }

    /// "year-end", "year's end".
    pub(super) fn fixed_period(&self, i: usize) -> Hit<Meaning> {
        let (e, value) = self.lex(i, Class::FixedPeriod)?;
        let (code, step) = value.split_once(' ').expect("values are checked at load");
        let (unit, _) = Unit::parse(code)?;
        Some((
            e,
            Meaning::Relative {
                unit,
                n: step.parse().ok()?,
            },
        ))
    }

    /// An amount and a unit: "three years", "72 hours", "two-year",
    /// "2 1/2 years", "a minute and a half", "eight trading days",
    /// "half an hour".
    fn measure(&self, i: usize) -> Hit<(Option<f64>, Unit)> {
        let half = self
            .word(i, "half")
            .map(|j| (self.hyphen(self.opt(self.opt(j, "a"), "an")), Some(0.5)));
        let (j, amount) = half.or_else(|| self.amount(i))?;
        let year_like = self
            .tok(i)
            .is_some_and(|t| t.is_digits() && t.norm.len() == 4);
        let mut j = self.hyphen(j);
        while let Some((e, _)) = self.lex(j, Class::UnitAdjective) {
            j = self.hyphen(e);
        }
        let (mut e, code) = self.lex(j, Class::Unit)?;
        let (unit, multiple) = Unit::parse(code)?;
        if self.title_case(j) {
            return None;
        }
        // "a second term", "a quarter of the votes": an ordinal or a
        // fraction, not a duration; "$5 million a year", "24 hours a day",
        // "four flights a week": a rate (but "$5 million a year ago" is not).
        let article = FunctionWords::IndefiniteArticle.contains(self.norm(i));
        if article && self.is_rate(i) && self.lex(e, Class::Offset).is_none() {
            return None;
        }
        let fraction = unit == Unit::Quarter && (article || self.norm(e) == "of");
        // "the 1988 quarter" is a quarter of 1988, not 1,988 quarters.
        let year_before_singular = year_like && !self.plural(e);
        if fraction || year_before_singular || (article && self.lex(j, Class::Ordinal).is_some()) {
            return None;
        }
        let mut amount = amount.map(|a| a * f64::from(multiple));
        if let Some(k) = self
            .word(e, "and")
            .and_then(|k| self.word(k, "a"))
            .and_then(|k| self.word(k, "half"))
        {
            (e, amount) = (k, amount.map(|a| a + 0.5));
        }
        // An age ("a 52-year-old", "52 years old") is not a time.
        if self.norm(self.hyphen(e)) == "old" {
            return None;
        }
        if self.norm(e) == "-" && self.norm(e + 1) == "long" {
            e += 2;
        }
        Some((e, (amount, unit)))
    }

    /// "for three years", "the past two weeks", "the first nine months",
    /// "at least 72 hours", "the year-earlier nine months", "decades".
    pub(super) fn duration(&self, i: usize) -> Hit<Meaning> {
        let j = self.lex(i, Class::Qualifier).map_or(i, |(e, _)| e);
        let the = self.word(j, "the");
        let k = the.unwrap_or(j);
        let k = if the.is_some() {
            self.lex(k, Class::Report).map_or(k, |(e, _)| e)
        } else {
            k
        };
        let opened = self.lex(k, Class::Opener);
        let k = opened.map_or(k, |(e, _)| e);
        if let Some((e, (amount, unit))) = self.measure(k) {
            return Some((e, Meaning::Duration { amount, unit }));
        }
        // A plural unit with no amount: "for years", "the past few months".
        let (e, code) = self.lex(k, Class::Unit)?;
        let (unit, _) = Unit::parse(code)?;
        let licensed =
            opened.is_some() || (the.is_none() && j == i && self.preceded_by(i, Class::PeriodCue));
        (self.plural(e) && unit >= Unit::Day && licensed)
            .then_some((e, Meaning::Duration { amount: None, unit }))
    }

    /// "two weeks ago", "a year earlier", "three days later", "about two
    /// years ago"; with a vague amount, a past or future reference ("years
    /// ago").
    pub(super) fn offset(&self, i: usize) -> Hit<Meaning> {
        let j = self.lex(i, Class::Qualifier).map_or(i, |(e, _)| e);
        // A unit without an amount must be plural: "years ago", not "year ago".
        let (j, (amount, unit)) = self.measure(j).or_else(|| {
            let (e, code) = self.lex(j, Class::Unit).filter(|&(e, _)| self.plural(e))?;
            Some((e, (None, Unit::parse(code)?.0)))
        })?;
        let (e, spec) = self.lex(j, Class::Offset)?;
        // Geological time is not news, and would overflow the calendar.
        if amount.is_some_and(|a| a > MAX_OFFSET) {
            return None;
        }
        let (sign, base) = spec.split_once(' ').expect("values are checked at load");
        let backwards = sign.starts_with('-');
        let from_reference = base == "reference";
        let meaning = match amount {
            // "years ago": some time before now; "days later" stays a duration.
            None if !from_reference => {
                Meaning::Reference(if backwards { "PAST_REF" } else { "FUTURE_REF" })
            }
            None => return None,
            // "a day earlier", "an hour later": how long after the last
            // event told, which is rarely a day of its own.
            Some(amount) if from_reference && unit <= Unit::Day => Meaning::Duration {
                amount: Some(amount),
                unit,
            },
            Some(amount) => {
                let (n, unit) = whole_units(amount, unit);
                Meaning::Offset {
                    unit,
                    n: if backwards { -n } else { n },
                    from_reference,
                }
            }
        };
        Some((e, meaning))
    }

    /// "every year", "annually", "each Thursday", "every other week".
    pub(super) fn set(&self, i: usize) -> Hit<Meaning> {
        if let Some((e, value)) = self.lex(i, Class::SetAdverb) {
            return Some((e, Meaning::Set(value.to_string())));
        }
        let (j, step) = self.lex_num(i, Class::SetQuantifier)?;
        let step = step as f64;
        if let Some((e, (amount, unit))) = self.measure(j) {
            let value = duration(amount.map(|a| a * step), unit);
            return Some((e, Meaning::Set(value)));
        }
        if let Some((e, code)) = self.lex(j, Class::Unit) {
            let (unit, multiple) = Unit::parse(code)?;
            let value = duration(Some(step * f64::from(multiple)), unit);
            return Some((e, Meaning::Set(value)));
        }
        let (e, day) = longest([
            self.weekday(j),
            self.bare_month(j, true),
            self.season(j, true),
        ])?;
        let value = match day {
            Meaning::Weekday { day, .. } => format!("XXXX-WXX-{day}"),
            Meaning::Month { month, .. } => format!("XXXX-{month:02}"),
            Meaning::Season { season, .. } => format!("XXXX-{season}"),
            _ => return None,
        };
        Some(self.with_part_suffix(e, value))
    }

    /// "Tuesday nights": a weekday with a plural part of day recurs.
    pub(super) fn weekday_nights(&self, i: usize) -> Hit<Meaning> {
        let (j, day) = self.lex_num(i, Class::Weekday).filter(|_| self.upper(i))?;
        let (e, part) = self.lex(j, Class::Daypart)?;
        self.plural(e)
            .then(|| (e, Meaning::Set(format!("XXXX-WXX-{day}T{part}"))))
    }

    /// A recurrence value with the part of day that follows it ("each
    /// Thursday night" → `XXXX-WXX-4TNI`).
    fn with_part_suffix(&self, e: usize, value: String) -> (usize, Meaning) {
        match self.lex(e, Class::Daypart) {
            Some((end, part)) => (end, Meaning::Set(format!("{value}T{part}"))),
            None => (e, Meaning::Set(value)),
        }
    }
}

/// A whole number of units for an offset: "1 1/2 years ago" becomes 18
/// months.
fn whole_units(amount: f64, unit: Unit) -> (i32, Unit) {
    match unit {
        Unit::Year if amount.fract() != 0.0 => ((amount * 12.0).round() as i32, Unit::Month),
        Unit::Week if amount.fract() != 0.0 => ((amount * 7.0).round() as i32, Unit::Day),
        _ => (amount.round() as i32, unit),
    }
}
