//! From a [`Meaning`] to a TIMEX3 value, given the anchor (the article's
//! date), the tense of the sentence and the last date the text mentioned.

use dossier_model::TimeKind;

use super::calendar::Date;
use super::grammar::{Meaning, Pick, TimeOfDay};
use super::lexicon::HolidayRule;
use super::point::{duration, shift_date, Point, Unit};

/// Whether the sentence around an expression looks back or ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// What an expression is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub anchor: Option<Date>,
    pub tense: Tense,
    /// The last date the text mentioned ("a year earlier" counts from it).
    pub reference: Option<Point>,
    /// The last day mentioned in the same sentence, for a clock time alone
    /// ("on Tuesday … at 3 p.m.").
    pub sentence_day: Option<Date>,
    /// The year a sentence opens with: "In 2019, … on March 5" is March 5,
    /// 2019, whatever the anchor. (A year later in the sentence often sits
    /// in a clause of its own: "approved in 1987, … through Sept. 29".)
    pub sentence_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub kind: TimeKind,
    pub value: String,
    /// The value the expression was computed from: the anchor date, or the
    /// earlier mention it refers back to. `None` when the text alone fixes it.
    pub basis: Option<String>,
    pub point: Option<Point>,
}

pub fn resolve(meaning: &Meaning, ctx: &Context) -> Resolved {
    let plain = |kind, value| Resolved {
        kind,
        value,
        basis: None,
        point: None,
    };
    match meaning {
        Meaning::Duration { amount, unit } => plain(TimeKind::Duration, duration(*amount, *unit)),
        Meaning::Set(value) => plain(TimeKind::Set, value.clone()),
        Meaning::Reference(value) => plain(TimeKind::Date, value.to_string()),
        _ => match locate(meaning, ctx) {
            Some((point, basis)) => Resolved {
                kind: if point.is_time() {
                    TimeKind::Time
                } else {
                    TimeKind::Date
                },
                value: point.value(),
                basis,
                point: Some(point),
            },
            None => plain(
                if matches!(meaning, Meaning::At(..) | Meaning::Clock(_)) {
                    TimeKind::Time
                } else {
                    TimeKind::Date
                },
                unresolved(meaning),
            ),
        },
    }
}

/// The point an expression names and what it was computed from; `None`
/// when that needs an anchor or a reference the context lacks.
fn locate(meaning: &Meaning, ctx: &Context) -> Option<(Point, Option<String>)> {
    let anchor_basis = || ctx.anchor.map(|a| a.to_string());
    match meaning {
        Meaning::Absolute(point) => Some((*point, None)),
        Meaning::Offset {
            unit,
            n,
            from_reference,
        } => offset(*unit, *n, *from_reference, ctx),
        Meaning::Anaphor { unit, n } => {
            let reference = ctx.reference?;
            let point = reference.truncate(*unit)?.shift(*unit, *n)?;
            Some((point, Some(reference.value())))
        }
        Meaning::ReportQuarter { years_back, year } => report_quarter(*years_back, *year, ctx),
        Meaning::At(day, time) => {
            let (point, basis) = locate(day, ctx)?;
            Some((at(point.day()?, *time), basis))
        }
        Meaning::Clock(time) => {
            // The day under discussion: one named in the sentence, else the
            // last day mentioned, else the anchor.
            let day = ctx
                .sentence_day
                .or(ctx.reference.and_then(|r| r.day()))
                .or(ctx.anchor)?;
            Some((at(day, *time), Some(day.to_string())))
        }
        _ => match ctx.sentence_year.and_then(|year| in_year(meaning, year)) {
            Some(point) => Some((point, ctx.sentence_year.map(|y| format!("{y:04}")))),
            None => Some((deictic(meaning, ctx.anchor?, ctx.tense)?, anchor_basis())),
        },
    }
}

/// A day, month, holiday or season left to context, placed in `year`.
fn in_year(meaning: &Meaning, year: i32) -> Option<Point> {
    match *meaning {
        Meaning::MonthDay {
            month,
            day,
            pick: Pick::Tense,
        } => Some(Point::Day(Date::new(year, month, day)?)),
        Meaning::Month {
            month,
            pick: Pick::Tense,
        } => Some(Point::Month(year, month)),
        Meaning::Holiday {
            rule,
            pick: Pick::Tense,
        } => Some(Point::Day(rule.date(year)?)),
        Meaning::Season {
            season,
            pick: Pick::Tense,
        } => Some(Point::Season(year, season)),
        _ => None,
    }
}

fn at(day: Date, time: TimeOfDay) -> Point {
    match time {
        TimeOfDay::Part(part) => Point::DayPart(day, part),
        TimeOfDay::Clock(h, m) => Point::Clock(day, h, m),
    }
}

/// Expressions that count from the anchor: "on Friday", "last year", "in May".
fn deictic(meaning: &Meaning, anchor: Date, tense: Tense) -> Option<Point> {
    let years = (anchor.year - 1)..=(anchor.year + 1);
    match *meaning {
        Meaning::MonthDay { month, day, pick } => {
            let days = years
                .filter_map(|y| Date::new(y, month, day))
                .map(|d| (Point::Day(d), d, d));
            choose(days.collect(), anchor, pick, tense)
        }
        Meaning::Month { month, pick } => {
            let months = years.filter_map(|y| month_span(y, month));
            choose(months.collect(), anchor, pick, tense)
        }
        Meaning::Holiday { rule, pick } => choose(holidays(rule, years), anchor, pick, tense),
        Meaning::MonthOfYear { month, year_step } => {
            Some(Point::Month(anchor.year + year_step, month))
        }
        Meaning::Weekday { day, pick } => Some(weekday(anchor, day, pick, tense)),
        Meaning::Season { season, pick } => {
            let seasons = years.filter_map(|y| season_span(y, season));
            choose(seasons.collect(), anchor, pick, tense)
        }
        Meaning::Weekend(pick) => weekend(anchor, pick, tense),
        Meaning::Quarter { q, half, year_step } => {
            let months_per_part = if half { 6 } else { 3 };
            let year = match year_step {
                Some(step) => anchor.year + step,
                // The latest one that has begun: in October, "the fourth
                // quarter" is this year's, "the first quarter" too.
                None if months_per_part * (q - 1) + 1 > anchor.month => anchor.year - 1,
                None => anchor.year,
            };
            Some(Point::part_of_year(year, q, half))
        }
        Meaning::DecadeDigit(digit) => {
            // The latest such decade that has begun: "the nineties" in 2024 are the 1990s.
            let decade = anchor.year.div_euclid(100) * 10 + digit;
            Some(Point::Decade(if decade * 10 > anchor.year {
                decade - 10
            } else {
                decade
            }))
        }
        Meaning::Days(n) => Some(Point::Day(anchor.add_days(n))),
        Meaning::Relative { unit, n } => Point::of(shift_date(anchor, unit, n)?, unit),
        _ => None,
    }
}

/// A candidate occurrence: the point, its first and last day.
type Occurrence = (Point, Date, Date);

fn month_span(year: i32, month: u32) -> Option<Occurrence> {
    let first = Date::new(year, month, 1)?;
    let last = first.add_months(1).add_days(-1);
    Some((Point::Month(year, month), first, last))
}

/// Meteorological seasons of the northern hemisphere; a winter belongs to
/// the year of its December.
fn season_span(year: i32, season: &'static str) -> Option<Occurrence> {
    let first_month = match season {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    let first = Date::new(year, first_month, 1)?;
    let last = first.add_months(3).add_days(-1);
    Some((Point::Season(year, season), first, last))
}

fn holidays(rule: HolidayRule, years: std::ops::RangeInclusive<i32>) -> Vec<Occurrence> {
    years
        .filter_map(|y| rule.date(y))
        .map(|d| (Point::Day(d), d, d))
        .collect()
}

/// How much farther an occurrence on the side the tense contradicts may be
/// and still win: news mostly speaks of dates near its own, so "the offer
/// expired Nov. 6" in a paper of Nov. 2 still means the coming Nov. 6
/// rather than one a year back, while "on April 8" in May is the last one
/// even in a sentence that looks ahead.
const AGAINST_TENSE: i64 = 3;

/// Picks one occurrence: "last"/"next"/"this" as they say; otherwise the
/// nearest to the anchor, an occurrence on the side the tense contradicts
/// counting [`AGAINST_TENSE`] times its distance.
fn choose(candidates: Vec<Occurrence>, anchor: Date, pick: Pick, tense: Tense) -> Option<Point> {
    let distance = |&(_, first, last): &Occurrence| {
        if anchor < first {
            anchor.days_until(first)
        } else if anchor > last {
            last.days_until(anchor)
        } else {
            0
        }
    };
    let latest = |keep: &dyn Fn(&Occurrence) -> bool| {
        candidates
            .iter()
            .filter(|c| keep(c))
            .max_by_key(|c| c.1)
            .map(|c| c.0)
    };
    let earliest = |keep: &dyn Fn(&Occurrence) -> bool| {
        candidates
            .iter()
            .filter(|c| keep(c))
            .min_by_key(|c| c.1)
            .map(|c| c.0)
    };
    match (pick, tense) {
        (Pick::Last, _) => latest(&|c| c.2 < anchor),
        (Pick::Next, _) => earliest(&|c| c.1 > anchor),
        (Pick::This, _) => {
            earliest(&|c| distance(c) == 0).or_else(|| earliest(&|c| c.0.year() == anchor.year))
        }
        (Pick::Tense, _) => {
            let against = |c: &Occurrence| match tense {
                Tense::Past => c.1 > anchor,
                Tense::Future => c.2 < anchor,
                Tense::Unknown => false,
            };
            let cost = |c: &Occurrence| distance(c) * if against(c) { AGAINST_TENSE } else { 1 };
            candidates
                .iter()
                .min_by_key(|c| (cost(c), c.1))
                .map(|c| c.0)
        }
    }
}

/// A weekday: in news, the latest one up to the anchor unless the sentence
/// looks ahead ("on Wednesday" in an article of Thursday 2024-06-20 is
/// 2024-06-19).
fn weekday(anchor: Date, day: u32, pick: Pick, tense: Tense) -> Point {
    let offset = i64::from(day) - i64::from(anchor.weekday());
    let back = if offset > 0 { offset - 7 } else { offset };
    let ahead = if offset < 0 { offset + 7 } else { offset };
    let days = match (pick, tense) {
        (Pick::This, _) => offset,
        (Pick::Last, _) => {
            if back == 0 {
                -7
            } else {
                back
            }
        }
        (Pick::Next, _) => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        (Pick::Tense, Tense::Future) => ahead,
        (Pick::Tense, _) => back,
    };
    Point::Day(anchor.add_days(days))
}

fn weekend(anchor: Date, pick: Pick, tense: Tense) -> Option<Point> {
    let monday = anchor.add_days(1 - i64::from(anchor.weekday()));
    let weeks = (-1..=1).map(|k| monday.add_days(7 * k)).map(|m| {
        let (year, week) = m.iso_week();
        (Point::Weekend(year, week), m.add_days(5), m.add_days(6))
    });
    let weeks: Vec<Occurrence> = weeks.collect();
    if pick == Pick::This {
        return Some(weeks[1].0);
    }
    choose(weeks, anchor, pick, tense)
}

/// "Two weeks ago" counts from the anchor; "a year earlier" from the last
/// date mentioned, keeping its precision (the third quarter of 1989 → of
/// 1988). Results reports also say "a year ago" of the quarter they are
/// about, so a year back from a quarter or month of the anchor's year
/// counts from that quarter or month.
fn offset(
    unit: Unit,
    n: i32,
    from_reference: bool,
    ctx: &Context,
) -> Option<(Point, Option<String>)> {
    let reference = ctx.reference.filter(|r| {
        from_reference
            || (unit == Unit::Year
                && matches!(r.granularity(), Unit::Quarter | Unit::Month)
                && ctx.anchor.is_some_and(|a| a.year == r.year()))
    });
    if let Some((reference, point)) = reference.and_then(|r| Some((r, r.shift(unit, n)?))) {
        return Some((point, Some(reference.value())));
    }
    let anchor = ctx.anchor?;
    let moved = shift_date(anchor, unit, n).unwrap_or(anchor);
    let precision = match unit {
        Unit::Decade | Unit::Century | Unit::Millennium => Unit::Year,
        u if u < Unit::Day => Unit::Day,
        u => u,
    };
    Some((Point::of(moved, precision)?, Some(anchor.to_string())))
}

/// The quarter under discussion: the last one mentioned, else the last
/// one completed before the anchor (results come out after a quarter ends).
fn report_quarter(
    years_back: i32,
    year: Option<i32>,
    ctx: &Context,
) -> Option<(Point, Option<String>)> {
    let (current, basis) = match ctx.reference {
        Some(r @ Point::Quarter(..)) => (r, r.value()),
        _ => {
            let anchor = ctx.anchor?;
            (
                Point::of(anchor.add_months(-3), Unit::Quarter)?,
                anchor.to_string(),
            )
        }
    };
    let Point::Quarter(y, q) = current else {
        return None;
    };
    Some((
        Point::Quarter(year.unwrap_or(y - years_back), q),
        Some(basis),
    ))
}

/// The value of an expression that cannot be resolved, keeping what the
/// text says: "Oct. 5" → `XXXX-10-05`, "on Wednesday" → `XXXX-WXX-3`.
fn unresolved(meaning: &Meaning) -> String {
    match meaning {
        Meaning::MonthDay { month, day, .. } => format!("XXXX-{month:02}-{day:02}"),
        Meaning::Month { month, .. } | Meaning::MonthOfYear { month, .. } => {
            format!("XXXX-{month:02}")
        }
        Meaning::Holiday {
            rule: HolidayRule::Fixed { month, day },
            ..
        } => format!("XXXX-{month:02}-{day:02}"),
        Meaning::Weekday { day, .. } => format!("XXXX-WXX-{day}"),
        Meaning::Season { season, .. } => format!("XXXX-{season}"),
        Meaning::Weekend(_) => "XXXX-WXX-WE".to_string(),
        Meaning::Quarter { q, half, .. } => format!("XXXX-{}{q}", if *half { 'H' } else { 'Q' }),
        Meaning::ReportQuarter { .. } => "XXXX-QX".to_string(),
        Meaning::DecadeDigit(digit) => format!("XX{digit}"),
        Meaning::Relative { unit, .. }
        | Meaning::Offset { unit, .. }
        | Meaning::Anaphor { unit, .. } => unknown(*unit).to_string(),
        Meaning::At(day, time) => format!("{}{}", unresolved(day), time_suffix(*time)),
        Meaning::Clock(time) => format!("XXXX-XX-XX{}", time_suffix(*time)),
        _ => "XXXX-XX-XX".to_string(),
    }
}

fn unknown(unit: Unit) -> &'static str {
    match unit {
        Unit::Millennium => "X",
        Unit::Century => "XX",
        Unit::Decade => "XXX",
        Unit::Year => "XXXX",
        Unit::Quarter => "XXXX-QX",
        Unit::Month => "XXXX-XX",
        Unit::Week => "XXXX-WXX",
        _ => "XXXX-XX-XX",
    }
}

fn time_suffix(time: TimeOfDay) -> String {
    match time {
        TimeOfDay::Part(part) => format!("T{part}"),
        TimeOfDay::Clock(h, m) => format!("T{h:02}:{m:02}"),
    }
}
