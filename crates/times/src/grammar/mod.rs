//! The time grammar: finds time expressions in the tokens and says what each
//! means, before any anchor is known ("last Friday" → the Friday before the
//! anchor). [`super::resolve`] turns a [`Meaning`] into a TIMEX3 value.
//!
//! Each rule is a function from a token index to the index after the
//! expression and its meaning; at every token the longest match wins. Rules
//! never cross a line break: the scanner runs over one line at a time.

mod dates;
mod numbers;
mod periods;

use std::cell::OnceCell;

use dossier_lexicon::FunctionWords;

use super::lexicon::{lexicon, Class, Entry, HolidayRule, Lexicon};
use super::point::{Point, Unit};
use super::tokens::{Gap, Token};

/// Which occurrence of a recurring day, month or season a phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Left to the tense of the sentence ("on Friday", "in May").
    Tense,
    /// "last Friday": the latest one before the anchor.
    Last,
    /// "next Friday": the first one after the anchor.
    Next,
    /// "this Friday", "this summer": the one in the anchor's week or year.
    This,
}

impl Pick {
    fn from_step(step: i64) -> Pick {
        match step {
            s if s < 0 => Pick::Last,
            0 => Pick::This,
            _ => Pick::Next,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOfDay {
    /// `MO`, `AF`, `EV`, `NI`.
    Part(&'static str),
    Clock(u32, u32),
}

/// What a time expression means, independently of the anchor.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// Fixed by the text alone: "November 11, 2024", "2011", "the 1990s".
    Absolute(Point),
    /// A day of a month, the year unstated: "Oct. 5".
    MonthDay {
        month: u32,
        day: u32,
        pick: Pick,
    },
    Month {
        month: u32,
        pick: Pick,
    },
    /// A month of the year `year_step` years from the anchor's ("July last year").
    MonthOfYear {
        month: u32,
        year_step: i32,
    },
    Holiday {
        rule: HolidayRule,
        pick: Pick,
    },
    Weekday {
        day: u32,
        pick: Pick,
    },
    Season {
        season: &'static str,
        pick: Pick,
    },
    Weekend(Pick),
    /// A quarter (or half, when `half`) of the year `year_step` years from
    /// the anchor's, or of the latest year in which it has begun (`None`).
    Quarter {
        q: u32,
        half: bool,
        year_step: Option<i32>,
    },
    /// A decade by its digit, the century left to the anchor ("the nineties").
    DecadeDigit(i32),
    /// Days from the anchor: "today", "yesterday".
    Days(i64),
    /// The unit containing the anchor, moved by `n`: "last year", "this week".
    Relative {
        unit: Unit,
        n: i32,
    },
    /// `n` units from the anchor ("two weeks ago") or from the last date
    /// mentioned ("a year earlier").
    Offset {
        unit: Unit,
        n: i32,
        from_reference: bool,
    },
    /// The unit of the last date mentioned, moved by `n`: "that year", "the
    /// following day".
    Anaphor {
        unit: Unit,
        n: i32,
    },
    /// The quarter a results report is about ("the latest quarter"), or
    /// that quarter `years_back` years earlier, or in `year`.
    ReportQuarter {
        years_back: i32,
        year: Option<i32>,
    },
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Reference(&'static str),
    /// A day and a time on it: "Tuesday morning", "3 p.m. Friday".
    At(Box<Meaning>, TimeOfDay),
    /// A clock time alone: "at 3 p.m.".
    Clock(TimeOfDay),
    /// An amount of time; `None` for a vague one ("years").
    Duration {
        amount: Option<f64>,
        unit: Unit,
    },
    /// A recurrence, as its TIMEX3 value.
    Set(String),
}

/// One expression: token range `[first, end)` and its meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub first: usize,
    pub end: usize,
    pub meaning: Meaning,
}

/// The word of "the weekend", which the grammar reads as a word, not a
/// lexicon phrase.
const WEEKEND: &str = "weekend";

/// Finds the time expressions in `tokens`, in order, without overlaps.
pub fn scan(tokens: &[Token]) -> Vec<Found> {
    let lex = lexicon();
    // Per-token tables are made once per article; each line's parser
    // borrows its part of them.
    let entries: Vec<Option<&'static Entry>> = tokens.iter().map(|t| lex.entry(&t.norm)).collect();
    let days = vec![OnceCell::new(); tokens.len()];
    let mut found = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let mut end = start + 1;
        while end < tokens.len() && tokens[end].gap != Gap::Line {
            end += 1;
        }
        let line = &tokens[start..end];
        let parser = Parser {
            t: line,
            entries: &entries[start..end],
            lex,
            days: &days[start..end],
        };
        let mut i = 0;
        while i < line.len() {
            // An article ("the", "a") only opens an expression when a word
            // that may open one follows within three tokens ("a year ago",
            // "the 5th of May"), when a phrase of its own matches ("the
            // past") or before "weekend": most articles do none of these.
            let worth_trying = parser.may_open(i)
                && (!FunctionWords::Article.contains(&line[i].norm)
                    || (i + 1..line.len().min(i + 4)).any(|k| parser.may_open(k))
                    || parser.entries[i].is_some_and(|e| e.phrase_matches(line, i))
                    || parser.norm(i + 1) == WEEKEND);
            if !worth_trying {
                i += 1;
                continue;
            }
            match parser.expression(i) {
                Some((e, meaning)) => {
                    found.push(Found {
                        first: start + i,
                        end: start + e,
                        meaning,
                    });
                    i = e;
                }
                None => i += 1,
            }
        }
        start = end;
    }
    found
}

/// A match: the token index after it, and what it found.
type Hit<T> = Option<(usize, T)>;

struct Parser<'a> {
    /// One line of tokens.
    t: &'a [Token<'a>],
    /// The lexicon phrases starting at each token, looked up once.
    entries: &'a [Option<&'static Entry>],
    lex: &'static Lexicon,
    /// The day found at each token, once tried: several rules try the
    /// same position for a day ("Friday", "Oct. 5", "the day before").
    days: &'a [OnceCell<Hit<Meaning>>],
}

/// The longest match among `hits`; the first one on a tie. Hits are
/// compared in place and only the winner is moved out: most are `None`,
/// and copying each whole through a fold (stalling on the tag the rule had
/// just written) took a large share of the scan.
fn longest<T, const N: usize>(mut hits: [Hit<T>; N]) -> Hit<T> {
    let mut best: Option<(usize, usize)> = None;
    for (k, hit) in hits.iter().enumerate() {
        match (hit, best) {
            (Some((e, _)), Some((b, _))) if *e <= b => {}
            (Some((e, _)), _) => best = Some((*e, k)),
            (None, _) => {}
        }
    }
    hits[best?.1].take()
}

impl<'a> Parser<'a> {
    // ----- token helpers -------------------------------------------------

    fn tok(&self, i: usize) -> Option<&'a Token<'a>> {
        self.t.get(i)
    }

    fn norm(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| t.norm.as_ref())
    }

    /// The norm of the token before `i` ("" at the start of the line).
    fn before(&self, i: usize) -> &'a str {
        i.checked_sub(1).map_or("", |j| self.norm(j))
    }

    fn word(&self, i: usize, w: &str) -> Option<usize> {
        (self.norm(i) == w).then_some(i + 1)
    }

    fn opt(&self, i: usize, w: &str) -> usize {
        self.word(i, w).unwrap_or(i)
    }

    /// Skips a hyphen written against the word before it ("third-quarter").
    fn hyphen(&self, i: usize) -> usize {
        match self.tok(i) {
            Some(t) if t.norm == "-" && t.gap == Gap::None => i + 1,
            _ => i,
        }
    }

    fn attached(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap == Gap::None)
    }

    fn upper(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.upper)
    }

    /// A capitalised word that is not first on its line or after a full
    /// stop: part of a name or title ("60 Minutes", "This Week", "High
    /// Noon"), not a time.
    fn title_case(&self, i: usize) -> bool {
        self.upper(i) && i > 0 && !matches!(self.before(i), "." | "\"" | "``" | "'" | "(")
    }

    /// Whether an expression may start at token `i`: a number or a word
    /// of the time lexicon that may start one. Elsewhere the rules cannot
    /// match, so they are not tried (most tokens are neither).
    fn may_open(&self, i: usize) -> bool {
        self.entries[i].is_some_and(|e| e.may_start())
            || self.t[i].norm.starts_with(|c: char| c.is_ascii_digit())
    }

    fn lex(&self, i: usize, class: Class) -> Hit<&'static str> {
        self.entries
            .get(i)
            .copied()
            .flatten()?
            .phrase(class, self.t, i)
    }

    fn lex_num(&self, i: usize, class: Class) -> Hit<i64> {
        self.lex(i, class)
            .map(|(e, v)| (e, v.parse().expect("values are checked at load")))
    }

    /// Whether the phrase that ends before token `e` is a plural ("years").
    fn plural(&self, e: usize) -> bool {
        e > 0 && self.norm(e - 1).ends_with('s')
    }

    /// Whether the phrase of `class` ends right before token `i`.
    fn preceded_by(&self, i: usize, class: Class) -> bool {
        (i.saturating_sub(3)..i).any(|s| self.lex(s, class).is_some_and(|(e, _)| e == i))
    }

    // ----- the top level ----------------------------------------------------

    fn expression(&self, i: usize) -> Hit<Meaning> {
        longest([
            self.set(i),
            self.weekday_nights(i),
            self.reference(i),
            self.offset(i),
            self.duration(i),
            self.timed(i),
            self.modified(i),
        ])
    }

    fn reference(&self, i: usize) -> Hit<Meaning> {
        let (e, value) = self.lex(i, Class::Reference)?;
        Some((e, Meaning::Reference(value)))
    }

    /// A date, possibly narrowed: "early October", "mid-1996", "the end of
    /// 1990", "earlier this month".
    fn modified(&self, i: usize) -> Hit<Meaning> {
        let narrowed = self.lex(i, Class::Mod).and_then(|(j, m)| {
            let j = self.hyphen(j);
            // "earlier in the year", "later on Tuesday".
            let j = if m == "START" || m == "END" {
                self.opt(self.opt(j, "in"), "on")
            } else {
                j
            };
            self.date(j, true)
        });
        longest([self.date(i, false), narrowed])
    }

    /// A date or a time of day. `cued` says a modifier or shift word came
    /// before, which licenses words that are dates only in context (a bare
    /// month, a season).
    fn date(&self, i: usize, cued: bool) -> Hit<Meaning> {
        longest([
            self.day(i),
            self.day_with_part(i),
            self.month_year(i),
            self.iso_date(i),
            self.year(i),
            self.shifted(i),
            self.quarter(i),
            self.report_period(i),
            self.anaphor(i),
            self.the_year(i),
            self.fixed_period(i),
            self.weekend(i),
            self.decade(i),
            self.bare_month(i, cued),
            self.season(i, cued),
        ])
    }
}

/// The same meaning with an explicit pick ("last" + "Friday").
fn with_pick(meaning: Meaning, pick: Pick) -> Meaning {
    match meaning {
        Meaning::Month { month, .. } => Meaning::Month { month, pick },
        Meaning::MonthDay { month, day, .. } => Meaning::MonthDay { month, day, pick },
        Meaning::Weekday { day, .. } => Meaning::Weekday { day, pick },
        Meaning::Season { season, .. } => Meaning::Season { season, pick },
        Meaning::Holiday { rule, .. } => Meaning::Holiday { rule, pick },
        Meaning::Weekend(_) => Meaning::Weekend(pick),
        other => other,
    }
}
