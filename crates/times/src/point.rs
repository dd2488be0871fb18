//! Calendar points at every TIMEX3 granularity, and durations: the values
//! the resolver computes with before they become TIMEX3 strings.

use super::calendar::Date;

/// A unit of time, from seconds to millennia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

impl Unit {
    /// Reads a `unit` value of `time_words.tsv`: the code with an optional
    /// multiplier (`2W` is a fortnight).
    pub fn parse(code: &str) -> Option<(Unit, u32)> {
        let digits = code.bytes().take_while(u8::is_ascii_digit).count();
        let multiplier = if digits == 0 {
            1
        } else {
            code[..digits].parse().ok()?
        };
        let unit = match &code[digits..] {
            "TS" => Unit::Second,
            "TM" => Unit::Minute,
            "TH" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "ML" => Unit::Millennium,
            _ => return None,
        };
        Some((unit, multiplier))
    }

    /// Shorter than a day: written after `T` in a duration.
    fn within_day(self) -> bool {
        self < Unit::Day
    }

    /// The TIMEX3 letter(s) of the unit in a duration.
    fn code(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute | Unit::Month => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
            Unit::Millennium => "ML",
        }
    }

    /// The next smaller unit and how many of it make one of `self`, for
    /// writing fractions ("2 1/2 years" = P2Y6M). Decades and longer are
    /// written in years, as TimeBank does ("two decades" = P20Y).
    fn split(self) -> Option<(Unit, f64)> {
        Some(match self {
            Unit::Millennium => (Unit::Year, 1000.0),
            Unit::Century => (Unit::Year, 100.0),
            Unit::Decade => (Unit::Year, 10.0),
            Unit::Year => (Unit::Month, 12.0),
            Unit::Quarter => (Unit::Month, 3.0),
            Unit::Month => (Unit::Day, 30.0),
            Unit::Week => (Unit::Day, 7.0),
            Unit::Day => (Unit::Hour, 24.0),
            Unit::Hour => (Unit::Minute, 60.0),
            Unit::Minute => (Unit::Second, 60.0),
            Unit::Second => return None,
        })
    }
}

/// A TIMEX3 duration value: `P3Y`, `PT72H`, `P2Y6M`, `PXDE` for a vague
/// amount (`None`).
pub fn duration(amount: Option<f64>, unit: Unit) -> String {
    let mut parts: Vec<(String, Unit)> = Vec::new();
    match amount {
        None => parts.push(("X".to_string(), unit)),
        Some(amount) => {
            let (mut amount, mut unit) = (amount, unit);
            // Decades and longer in whole years, as in TimeBank.
            while unit > Unit::Year && amount.fract() == 0.0 {
                let (smaller, factor) = unit.split().expect("units above a year split");
                amount *= factor;
                unit = smaller;
            }
            let whole = amount.trunc();
            if whole > 0.0 || amount.fract() == 0.0 {
                parts.push((format!("{whole}"), unit));
            }
            if amount.fract() > 0.0 {
                if let Some((smaller, factor)) = unit.split() {
                    parts.push((format!("{}", (amount.fract() * factor).round()), smaller));
                }
            }
        }
    }
    let mut value = String::from("P");
    for (i, (n, unit)) in parts.iter().enumerate() {
        if unit.within_day() && (i == 0 || !parts[i - 1].1.within_day()) {
            value.push('T');
        }
        value.push_str(n);
        value.push_str(unit.code());
    }
    value
}

/// A calendar point at some granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// The first two digits of the years (`19` = 1900–1999).
    Century(i32),
    /// The first three digits of the years (`199` = the 1990s).
    Decade(i32),
    Year(i32),
    Half(i32, u32),
    Quarter(i32, u32),
    /// A season code: `SP`, `SU`, `FA`, `WI`.
    Season(i32, &'static str),
    Month(i32, u32),
    /// An ISO week.
    Week(i32, u32),
    /// The weekend of an ISO week.
    Weekend(i32, u32),
    Day(Date),
    /// A part of a day: `MO`, `AF`, `EV`, `NI`.
    DayPart(Date, &'static str),
    /// A clock time: hour (0–24) and minute.
    Clock(Date, u32, u32),
}

impl Point {
    /// The point at granularity `unit` that contains `date` (a day for
    /// units shorter than a day; `None` for millennia).
    pub fn of(date: Date, unit: Unit) -> Option<Point> {
        Some(match unit {
            Unit::Millennium => return None,
            Unit::Century => Point::Century(date.year.div_euclid(100)),
            Unit::Decade => Point::Decade(date.year.div_euclid(10)),
            Unit::Year => Point::Year(date.year),
            Unit::Quarter => Point::Quarter(date.year, (date.month - 1) / 3 + 1),
            Unit::Month => Point::Month(date.year, date.month),
            Unit::Week => {
                let (year, week) = date.iso_week();
                Point::Week(year, week)
            }
            _ => Point::Day(date),
        })
    }

    /// Quarter `n` of `year`, or half `n` when `half`.
    pub fn part_of_year(year: i32, n: u32, half: bool) -> Point {
        if half {
            Point::Half(year, n)
        } else {
            Point::Quarter(year, n)
        }
    }

    /// The TIMEX3 value.
    pub fn value(&self) -> String {
        match *self {
            Point::Century(c) => format!("{c:02}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Season(y, s) => format!("{y:04}-{s}"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Day(d) => d.to_string(),
            Point::DayPart(d, part) => format!("{d}T{part}"),
            Point::Clock(d, h, m) => format!("{d}T{h:02}:{m:02}"),
        }
    }

    /// Whether the value names a time within a day (TIMEX3 type TIME).
    pub fn is_time(&self) -> bool {
        matches!(self, Point::DayPart(..) | Point::Clock(..))
    }

    /// The day, when the point is one day or a time within it.
    pub fn day(&self) -> Option<Date> {
        match *self {
            Point::Day(d) | Point::DayPart(d, _) | Point::Clock(d, _, _) => Some(d),
            _ => None,
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            Point::Century(c) => c * 100,
            Point::Decade(d) => d * 10,
            Point::Year(y)
            | Point::Half(y, _)
            | Point::Quarter(y, _)
            | Point::Season(y, _)
            | Point::Month(y, _)
            | Point::Week(y, _)
            | Point::Weekend(y, _) => y,
            Point::Day(d) | Point::DayPart(d, _) | Point::Clock(d, _, _) => d.year,
        }
    }

    /// The coarsest unit the point is precise to.
    pub fn granularity(&self) -> Unit {
        match self {
            Point::Century(_) => Unit::Century,
            Point::Decade(_) => Unit::Decade,
            Point::Year(_) => Unit::Year,
            Point::Half(..) | Point::Quarter(..) | Point::Season(..) => Unit::Quarter,
            Point::Month(..) => Unit::Month,
            Point::Week(..) | Point::Weekend(..) => Unit::Week,
            Point::Day(_) | Point::DayPart(..) | Point::Clock(..) => Unit::Day,
        }
    }

    /// The point moved by `n` units, keeping its granularity ("a year
    /// earlier" than the third quarter of 1989 is the third quarter of
    /// 1988); `None` when the step does not fit the granularity.
    pub fn shift(&self, unit: Unit, n: i32) -> Option<Point> {
        let years = match unit {
            Unit::Year => Some(n),
            Unit::Decade => Some(10 * n),
            Unit::Century => Some(100 * n),
            _ => None,
        };
        if let Some(years) = years {
            return self.shift_years(years);
        }
        if let Some(day) = self.day() {
            let moved = shift_date(day, unit, n)?;
            return Some(self.with_day(moved));
        }
        match (*self, unit) {
            (Point::Month(y, m), Unit::Month | Unit::Quarter) => {
                let months = if unit == Unit::Quarter { 3 * n } else { n };
                let d = Date::new(y, m, 1)?.add_months(months);
                Some(Point::Month(d.year, d.month))
            }
            (Point::Quarter(y, q), Unit::Quarter) => {
                let index = y * 4 + q as i32 - 1 + n;
                Some(Point::Quarter(
                    index.div_euclid(4),
                    index.rem_euclid(4) as u32 + 1,
                ))
            }
            (Point::Week(y, w), Unit::Week) => {
                let (y, w) = monday_of_week(y, w)?.add_days(7 * i64::from(n)).iso_week();
                Some(Point::Week(y, w))
            }
            _ => None,
        }
    }

    fn shift_years(&self, n: i32) -> Option<Point> {
        Some(match *self {
            Point::Century(c) if n % 100 == 0 => Point::Century(c + n / 100),
            Point::Decade(d) if n % 10 == 0 => Point::Decade(d + n / 10),
            Point::Century(_) | Point::Decade(_) => return None,
            Point::Year(y) => Point::Year(y + n),
            Point::Half(y, h) => Point::Half(y + n, h),
            Point::Quarter(y, q) => Point::Quarter(y + n, q),
            Point::Season(y, s) => Point::Season(y + n, s),
            Point::Month(y, m) => Point::Month(y + n, m),
            Point::Week(y, w) => Point::Week(y + n, w),
            Point::Weekend(y, w) => Point::Weekend(y + n, w),
            Point::Day(_) | Point::DayPart(..) | Point::Clock(..) => {
                let day = self.day()?.add_months(12 * n);
                self.with_day(day)
            }
        })
    }

    fn with_day(&self, day: Date) -> Point {
        match *self {
            Point::DayPart(_, part) => Point::DayPart(day, part),
            Point::Clock(_, h, m) => Point::Clock(day, h, m),
            _ => Point::Day(day),
        }
    }

    /// The point coarsened to `unit` ("that year" after a day in 2011 is
    /// 2011); `None` when the point is coarser than `unit`.
    pub fn truncate(&self, unit: Unit) -> Option<Point> {
        if unit == self.granularity() {
            return Some(match *self {
                Point::DayPart(d, _) | Point::Clock(d, _, _) => Point::Day(d),
                other => other,
            });
        }
        if unit > self.granularity() {
            let first = self.first_day()?;
            return Point::of(first, unit);
        }
        None
    }

    /// The first day of the point, for points finer than a year.
    fn first_day(&self) -> Option<Date> {
        match *self {
            Point::Year(y) => Date::new(y, 1, 1),
            Point::Half(y, h) => Date::new(y, 6 * h - 5, 1),
            Point::Quarter(y, q) => Date::new(y, 3 * q - 2, 1),
            Point::Month(y, m) => Date::new(y, m, 1),
            Point::Week(y, w) | Point::Weekend(y, w) => monday_of_week(y, w),
            Point::Day(d) | Point::DayPart(d, _) | Point::Clock(d, _, _) => Some(d),
            Point::Century(_) | Point::Decade(_) | Point::Season(..) => None,
        }
    }
}

/// The Monday of ISO week `week` of `year`.
pub fn monday_of_week(year: i32, week: u32) -> Option<Date> {
    // January 4 is always in week 1.
    let jan4 = Date::new(year, 1, 4)?;
    let monday = jan4.add_days(1 - i64::from(jan4.weekday()));
    Some(monday.add_days(7 * (i64::from(week) - 1)))
}

/// `date` moved by `n` units (days, weeks, months, quarters, years…);
/// `None` for units shorter than a day.
pub fn shift_date(date: Date, unit: Unit, n: i32) -> Option<Date> {
    Some(match unit {
        Unit::Day => date.add_days(i64::from(n)),
        Unit::Week => date.add_days(7 * i64::from(n)),
        Unit::Month => date.add_months(n),
        Unit::Quarter => date.add_months(3 * n),
        Unit::Year => date.add_months(12 * n),
        Unit::Decade => date.add_months(120 * n),
        Unit::Century => date.add_months(1200 * n),
        Unit::Millennium => date.add_months(12_000 * n),
        Unit::Second | Unit::Minute | Unit::Hour => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_timex3_style() {
        assert_eq!(duration(Some(3.0), Unit::Year), "P3Y");
        assert_eq!(duration(Some(72.0), Unit::Hour), "PT72H");
        assert_eq!(duration(Some(2.5), Unit::Year), "P2Y6M");
        assert_eq!(duration(Some(5.5), Unit::Hour), "PT5H30M");
        assert_eq!(duration(Some(1.5), Unit::Day), "P1DT12H");
        assert_eq!(duration(Some(2.0), Unit::Decade), "P20Y");
        assert_eq!(duration(Some(0.5), Unit::Hour), "PT30M");
        assert_eq!(duration(None, Unit::Decade), "PXDE");
    }

    #[test]
    fn points_shift_and_truncate() {
        let day = Date::new(1989, 9, 30).unwrap();
        assert_eq!(
            Point::Quarter(1989, 3).shift(Unit::Year, -1),
            Some(Point::Quarter(1988, 3))
        );
        assert_eq!(
            Point::Quarter(1989, 1).shift(Unit::Quarter, -1),
            Some(Point::Quarter(1988, 4))
        );
        assert_eq!(
            Point::Day(day).shift(Unit::Year, -1).unwrap().value(),
            "1988-09-30"
        );
        assert_eq!(
            Point::Week(2024, 1).shift(Unit::Week, -1),
            Some(Point::Week(2023, 52))
        );
        assert_eq!(Point::Year(1990).shift(Unit::Day, 3), None);
        assert_eq!(
            Point::Day(day).truncate(Unit::Quarter),
            Some(Point::Quarter(1989, 3))
        );
        assert_eq!(Point::Year(2011).truncate(Unit::Day), None);
        assert_eq!(Point::Decade(199).value(), "199");
        assert_eq!(Point::Clock(day, 15, 0).value(), "1989-09-30T15:00");
    }
}
