//! Proleptic Gregorian calendar arithmetic: just what resolving news dates
//! needs (day counts, weekdays, ISO weeks, Easter), so the crate needs no
//! date library.

/// A calendar day. Fields are always a valid date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date, if `day` exists in that month.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (anything after it is ignored, so a full
    /// timestamp also works). Only ASCII digits and hyphens count: the
    /// value may come from anywhere, and `2025‐03‐13` with a Unicode
    /// hyphen is not cut inside a character but refused.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes().get(..10)?;
        let number = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(number(0..4)? as i32, number(5..7)?, number(8..10)?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.days() - self.days()
    }

    /// Moves by whole months, keeping the day where the month allows it
    /// (Jan 31 + 1 month = Feb 28/29).
    pub fn add_months(self, n: i32) -> Date {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        (thursday.year, (jan1.days_until(thursday) / 7 + 1) as u32)
    }

    /// The `n`-th (1-based) `weekday` of a month, or the last one when `n` is 0.
    pub fn nth_weekday(year: i32, month: u32, weekday: u32, n: u32) -> Option<Date> {
        if n == 0 {
            let last = Date::new(year, month, days_in_month(year, month))?;
            let back = (last.weekday() + 7 - weekday) % 7;
            return Some(last.add_days(-i64::from(back)));
        }
        let first = Date::new(year, month, 1)?;
        let ahead = (weekday + 7 - first.weekday()) % 7;
        let date = first.add_days(i64::from(ahead + 7 * (n - 1)));
        (date.month == month).then_some(date)
    }

    /// Western Easter Sunday (the anonymous Gregorian computus).
    pub fn easter(year: i32) -> Date {
        let (a, b, c) = (year % 19, year / 100, year % 100);
        let (d, e) = (b / 4, b % 4);
        let g = (8 * b + 13) / 25;
        let h = (19 * a + b - d - g + 15) % 30;
        let (i, k) = (c / 4, c % 4);
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 19 * l) / 433;
        let month = ((h + l - 7 * m + 90) / 25) as u32;
        let day = ((h + l - 7 * m + 33 * month as i32 + 19) % 32) as u32;
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn day_arithmetic_round_trips() {
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2024-02-29").add_days(1), d("2024-03-01"));
        assert_eq!(d("1999-12-31").add_days(1), d("2000-01-01"));
        assert_eq!(d("2024-06-20").days_until(d("2024-06-19")), -1);
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2024-01-15").add_months(-13), d("2022-12-15"));
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        assert_eq!(d("2024-06-20").weekday(), 4);
        assert_eq!(d("1970-01-01").weekday(), 4);
        assert_eq!(d("2024-06-20").iso_week(), (2024, 25));
        assert_eq!(d("2021-01-03").iso_week(), (2020, 53));
        assert_eq!(d("2024-12-30").iso_week(), (2025, 1));
    }

    #[test]
    fn holidays_by_rule() {
        assert_eq!(Date::easter(2024), d("2024-03-31"));
        assert_eq!(Date::easter(2000), d("2000-04-23"));
        assert_eq!(Date::nth_weekday(1999, 11, 4, 4), Some(d("1999-11-25")));
        assert_eq!(Date::nth_weekday(2024, 5, 1, 0), Some(d("2024-05-27")));
        assert_eq!(Date::nth_weekday(2024, 2, 5, 5), None);
    }

    #[test]
    fn parse_rejects_impossible_dates() {
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-06-20T10:00"), Some(d("2024-06-20")));
        assert_eq!(Date::parse("June 20"), None);
    }
}
