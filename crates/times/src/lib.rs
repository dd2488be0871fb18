//! Time expressions: finding them in an article's clean text and
//! normalising them TIMEX3-style against the article's date, as HeidelTime
//! does for news ("on Wednesday" in an article of Thursday 2024-06-20 is
//! 2024-06-19; "for three years" is the duration `P3Y`; "every year" the
//! set `P1Y`).
//!
//! The pipeline: [`tokens`] (a view over the article's `Doc`) → [`grammar`] (rules over tokens, vocabulary from
//! `lexicons/time_words.tsv`, `months.tsv`, `holidays.tsv`) → [`resolve`]
//! (anchor, sentence tense from `lexicons/tense_cues.tsv`, and the last date
//! mentioned, for "a year earlier" or "that day").

mod calendar;
mod grammar;
mod lexicon;
mod point;
mod resolve;
mod tense;
mod tokens;

use std::ops::Range;

use dossier_model::{Span, TimeExpr, TimeKind};

use calendar::Date;
use dossier_text::Doc;
use grammar::{Found, Meaning};
use point::{Point, Unit};
use resolve::{Context, Tense};
use tokens::{Token, View};

/// How many tokens may come before a date that frames its whole sentence
/// ("In 2019, …", "By March 2020, …").
const SENTENCE_OPENING: usize = 2;

/// Every time expression in `text`, sorted and non-overlapping, with spans
/// in bytes. `anchor` is the article's date (`YYYY-MM-DD`); without one,
/// relative expressions keep only what the text says (`XXXX-WXX-3` for
/// "Wednesday"). A value's `anchor` field is the date it was computed from,
/// or, for "a year earlier" or "that day", the value of the earlier mention
/// it counts from; it is `None` when the text alone fixes the value.
pub fn find_times(text: &str, anchor: Option<&str>) -> Vec<TimeExpr> {
    find_times_in(&Doc::new(text), anchor)
}

/// [`find_times`] over the tokens and sentences of an article's `Doc`.
pub fn find_times_in(doc: &Doc, anchor: Option<&str>) -> Vec<TimeExpr> {
    Parsed::new(doc).resolve(anchor)
}

/// A text's expressions before they are resolved. Tokens, grammar and
/// sentences do not depend on the anchor, so an article resolved against a
/// date inferred from its own text is parsed only once.
struct Parsed<'d> {
    tokens: Vec<Token<'d>>,
    found: Vec<Found>,
    /// The token range of the sentence around each expression.
    sentences: Vec<Range<usize>>,
}

impl<'d> Parsed<'d> {
    fn new(doc: &'d Doc) -> Parsed<'d> {
        let view = View::of(doc);
        let found = grammar::scan(&view.tokens);
        let sentences = found
            .iter()
            .map(|f| view.sentence_around(f.first).unwrap_or(f.first..f.end))
            .collect();
        Parsed {
            tokens: view.tokens,
            found,
            sentences,
        }
    }

    /// The expressions' values against `anchor` (see [`find_times`]).
    fn resolve(&self, anchor: Option<&str>) -> Vec<TimeExpr> {
        let tokens = &self.tokens;
        let mut ctx = Context {
            anchor: anchor.and_then(Date::parse),
            tense: Tense::Unknown,
            reference: None,
            sentence_day: None,
            sentence_year: None,
        };
        let mut current: Option<&Range<usize>> = None;
        let mut times = Vec::with_capacity(self.found.len());
        for (found, range) in self.found.iter().zip(&self.sentences) {
            if current != Some(range) {
                ctx.sentence_day = None;
                ctx.sentence_year = None;
                current = Some(range);
            }
            ctx.tense = tense::tense_at(tokens, range.clone(), found.first..found.end);
            let resolved = resolve::resolve(&found.meaning, &ctx);
            if let Some(point) = resolved.point {
                remember(&mut ctx, found, point, range.start);
            }
            times.push(TimeExpr {
                span: Span::new(tokens[found.first].start, tokens[found.end - 1].end),
                value: resolved.value,
                kind: resolved.kind,
                anchor: resolved.basis,
            });
        }
        times
    }
}

/// Records a resolved date for the expressions after it: as the
/// reference ("a year earlier"), the sentence's day ("at 3 p.m.") and, when
/// it opens the sentence, the sentence's year.
fn remember(ctx: &mut Context, found: &Found, point: Point, sentence_start: usize) {
    if starts_reference(&found.meaning) {
        ctx.reference = Some(point);
    }
    ctx.sentence_day = point.day().or(ctx.sentence_day);
    let opens_sentence = found.first <= sentence_start + SENTENCE_OPENING;
    let text_year =
        matches!(found.meaning, Meaning::Absolute(_)) && point.granularity() <= Unit::Year;
    if opens_sentence && text_year {
        ctx.sentence_year = Some(point.year());
    }
}

/// Whether later expressions may count from this one. Expressions that
/// themselves count from an earlier mention ("a year earlier", "the
/// year-ago quarter") do not, so that two of them in a row both count from
/// the same date.
fn starts_reference(meaning: &Meaning) -> bool {
    match meaning {
        Meaning::Offset { .. } | Meaning::Anaphor { .. } => false,
        Meaning::ReportQuarter { years_back, year } => *years_back == 0 && year.is_none(),
        _ => true,
    }
}

/// An article's time expressions and, when it states no publication date,
/// the date inferred from its text (see [`infer_anchor`]), against which
/// they were then resolved. `published` counts when it starts with a full
/// `YYYY-MM-DD` date; a partial one ("2024-06") anchors nothing, and
/// nothing is inferred since the article does give a date.
pub fn find_article_times(doc: &Doc, published: Option<&str>) -> (Vec<TimeExpr>, Option<String>) {
    let text = doc.text();
    let anchor = published.and_then(article_day);
    let parsed = Parsed::new(doc);
    let times = parsed.resolve(anchor);
    if published.is_some() {
        return (times, None);
    }
    match infer_anchor(text, &times) {
        Some(inferred) => (parsed.resolve(Some(&inferred)), Some(inferred)),
        None => (times, None),
    }
}

/// The `YYYY-MM-DD` day a publication date starts with, if it starts with
/// a real one (`2025-03-13T09:00Z` → `2025-03-13`; `2025-03`, `2025-13-45`
/// and anything else → `None`).
pub fn article_day(published: &str) -> Option<&str> {
    // Date::parse accepts only ASCII in the first ten bytes, so they can be sliced.
    Date::parse(published).map(|_| &published[..10])
}

/// The publication date an article without one most likely has.
///
/// Rule: news articles date their lead ("On November 11, 2024, …"), so the
/// first full date (day, month and year all written) in the first
/// paragraph; failing that, the latest full date anywhere, since an
/// article is written on or after the last day it reports. `times` are the
/// expressions found in `text`; values computed from an anchor or another
/// mention are ignored, only what the text spells out counts.
pub fn infer_anchor(text: &str, times: &[TimeExpr]) -> Option<String> {
    let lead_end = text.find("\n\n").unwrap_or(text.len());
    let full_dates = times.iter().filter(|t| {
        t.anchor.is_none()
            && matches!(t.kind, TimeKind::Date | TimeKind::Time)
            && Date::parse(&t.value).is_some()
            && !in_the_past_of_someone(text, t.span.start)
    });
    let in_lead = full_dates.clone().find(|t| t.span.start < lead_end);
    in_lead
        .or_else(|| full_dates.max_by(|a, b| a.value[..10].cmp(&b.value[..10])))
        .map(|t| t.value[..10].to_string())
}

/// How many words before a date a past-date cue is looked for.
const PAST_CUE_REACH: usize = 6;

/// Whether a cue of `lexicons/past_date_cues.txt` ("born", "founded",
/// "anniversary" …) stands among the few words before the date at `start`,
/// in its sentence: a birth or founding date says nothing of when the
/// article was written.
fn in_the_past_of_someone(text: &str, start: usize) -> bool {
    static CUES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let cues = CUES.get_or_init(|| dossier_lexicon::PAST_DATE_CUES.words().collect());
    let before = &text[..start];
    let clause = &before[before.rfind(['.', '\n', ';']).map_or(0, |i| i + 1)..];
    clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(PAST_CUE_REACH)
        .any(|w| cues.iter().any(|c| c.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_birth_date_is_never_the_articles_date() {
        let text = "The veteran, who was born on 27 October 1920, spoke at the ceremony.\n\n\
                    Officials met on March 3, 2024, to plan it.";
        let (_, inferred) = find_article_times(&Doc::new(text), None);
        assert_eq!(inferred.as_deref(), Some("2024-03-03"));
        let (_, inferred) = find_article_times(&Doc::new("He was born on 27 October 1920."), None);
        assert_eq!(inferred, None);
    }

    /// The value and type of the expression covering `phrase` in `text`.
    fn at(text: &str, anchor: Option<&str>, phrase: &str) -> (String, TimeKind) {
        let start = text
            .find(phrase)
            .unwrap_or_else(|| panic!("{phrase:?} not in text"));
        let times = find_times(text, anchor);
        let t = times
            .iter()
            .find(|t| t.span.start <= start && start < t.span.end)
            .unwrap_or_else(|| panic!("no expression at {phrase:?} in {times:?}"));
        (t.value.clone(), t.kind)
    }

    fn value(text: &str, anchor: &str, phrase: &str) -> String {
        at(text, Some(anchor), phrase).0
    }

    fn spans(text: &str) -> Vec<&str> {
        find_times(text, Some("2024-06-20"))
            .iter()
            .map(|t| t.span.of(text))
            .collect()
    }

    const THURSDAY: &str = "2024-06-20";

    #[test]
    fn calendar_dates() {
        let text =
            "On November 11, 2024, the ministers met again; talks had stalled in October 2024.";
        assert_eq!(
            at(text, None, "November"),
            ("2024-11-11".into(), TimeKind::Date)
        );
        assert_eq!(
            at(text, None, "October"),
            ("2024-10".into(), TimeKind::Date)
        );
        assert_eq!(spans(text), ["November 11, 2024", "October 2024"]);
        assert_eq!(
            value("The treaty was signed in 2011.", THURSDAY, "2011"),
            "2011"
        );
        assert_eq!(
            value("Delegates prepared the 2018 summit.", THURSDAY, "2018"),
            "2018"
        );
        assert_eq!(
            value("It was ratified on 2019-03-04.", THURSDAY, "2019"),
            "2019-03-04"
        );
    }

    #[test]
    fn weekdays_look_back_unless_the_sentence_looks_ahead() {
        assert_eq!(
            value("The envoy arrived on Wednesday.", THURSDAY, "Wednesday"),
            "2024-06-19"
        );
        assert_eq!(
            value("The envoy flew home on Thursday.", THURSDAY, "Thursday"),
            THURSDAY
        );
        assert_eq!(
            value("The envoy will arrive on Friday.", THURSDAY, "Friday"),
            "2024-06-21"
        );
        assert_eq!(
            value("They meet next Wednesday.", THURSDAY, "next"),
            "2024-06-26"
        );
        assert_eq!(
            value("They meet this coming Wednesday.", THURSDAY, "this"),
            "2024-06-26"
        );
        assert_eq!(
            value("They met last Thursday.", THURSDAY, "last"),
            "2024-06-13"
        );
        assert_eq!(
            at("The envoy arrived on Wednesday.", None, "Wednesday").0,
            "XXXX-WXX-3"
        );
    }

    #[test]
    fn relative_dates() {
        let v = |text, phrase| value(text, THURSDAY, phrase);
        assert_eq!(
            value(
                "In September this year the treaty expires.",
                "2023-05-02",
                "September"
            ),
            "2023-09"
        );
        assert_eq!(v("Exports fell last year.", "last"), "2023");
        assert_eq!(v("Talks resume next month.", "next"), "2024-07");
        assert_eq!(v("The border closed two weeks ago.", "two"), "2024-W23");
        assert_eq!(v("Ties cooled in the 1990s.", "the"), "199");
        assert_eq!(v("Elections are due in early October.", "early"), "2024-10");
        assert_eq!(v("The drought began last summer.", "last"), "2023-SU");
        assert_eq!(v("Ministers meet this week.", "this"), "2024-W25");
        assert_eq!(v("Ministers meet today.", "today"), THURSDAY);
        assert_eq!(v("Ministers met yesterday.", "yesterday"), "2024-06-19");
        assert_eq!(v("The two sides are now close.", "now"), "PRESENT_REF");
        assert_eq!(
            v("The two sides are currently close.", "currently"),
            "PRESENT_REF"
        );
        assert_eq!(v("The two sides recently met.", "recently"), "PAST_REF");
        assert_eq!(v("Such raids happened in the past.", "the"), "PAST_REF");
        assert_eq!(
            v("Such raids may happen in the future.", "the"),
            "FUTURE_REF"
        );
        assert_eq!(
            v(
                "In the third quarter of 2011 trade grew 5% from a year earlier.",
                "a year"
            ),
            "2010-Q3"
        );
    }

    #[test]
    fn dates_counted_from_earlier_mentions() {
        let v = |text, phrase| value(text, THURSDAY, phrase);
        let text = "Sales reached $5 million in the third quarter, up from $4 million a year ago.";
        assert_eq!(value(text, "2024-10-30", "a year"), "2023-Q3");
        assert_eq!(
            v(
                "In 2019, the envoy fled two days before Christmas.",
                "Christmas"
            ),
            "2019-12-25"
        );
        assert_eq!(
            v(
                "The talks of March 2011 failed. That year, sanctions grew.",
                "That"
            ),
            "2011"
        );
        assert_eq!(
            v(
                "Rebels took the town on May 3, 2015, and left it the next day.",
                "the next"
            ),
            "2015-05-04"
        );
    }

    #[test]
    fn durations_and_sets() {
        let v = |text, phrase| at(text, Some(THURSDAY), phrase);
        assert_eq!(
            v("The blockade lasted for three years.", "three"),
            ("P3Y".into(), TimeKind::Duration)
        );
        assert_eq!(
            spans("The blockade lasted for three years."),
            ["three years"]
        );
        assert_eq!(v("Talks took two weeks.", "two").0, "P2W");
        assert_eq!(v("The ceasefire holds for 72 hours.", "72").0, "PT72H");
        assert_eq!(v("The feud has lasted for decades.", "decades").0, "PXDE");
        assert_eq!(
            v("The summit is held every year.", "every"),
            ("P1Y".into(), TimeKind::Set)
        );
        assert_eq!(v("The summit is held annually.", "annually").0, "P1Y");
        assert_eq!(v("The envoys meet weekly.", "weekly").0, "P1W");
    }

    #[test]
    fn times_of_day() {
        let v = |text, phrase| at(text, Some(THURSDAY), phrase);
        assert_eq!(
            v("The vote opens at 3 p.m.", "3"),
            ("2024-06-20T15:00".into(), TimeKind::Time)
        );
        assert_eq!(
            v("The talks broke down Tuesday morning.", "Tuesday"),
            ("2024-06-18TMO".into(), TimeKind::Time)
        );
        assert_eq!(
            v("On Monday, at 9:30 a.m., the vote opened.", "9:30").0,
            "2024-06-17T09:30"
        );
    }

    #[test]
    fn numbers_and_names_that_are_not_dates() {
        let none = [
            "The 1,146-kilometre border runs east.",
            "Donors pledged $2,000 and sent 2000 troops under Resolution 1718.",
            "A 52-year-old diplomat met Theresa May in London.",
            "May I ask a second question?",
            "The rebels took a quarter of the city.",
            "Aid arrives at a rate of $5 million a year, or four convoys a week.",
            "The launches breach resolutions 1718 and 1874 of the Security Council.",
            "Navies held the \"Pacific Shield 2024\" exercise under the Vision 2030 plan.",
        ];
        for text in none {
            assert_eq!(spans(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn spans_are_byte_offsets_sorted_and_disjoint() {
        let text = "Zürich — Délégués met on Friday, and again on 12 June 2024 at noon.";
        let times = find_times(text, Some(THURSDAY));
        let found: Vec<&str> = times.iter().map(|t| t.span.of(text)).collect();
        assert_eq!(found, ["Friday", "12 June 2024", "noon"]);
        assert!(times.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        assert_eq!(times[2].value, "2024-06-12T12:00");
    }

    #[test]
    fn anchors_record_what_a_value_was_computed_from() {
        let times = find_times(
            "In 2011 the talks failed; a year earlier they began. On Friday they met.",
            Some(THURSDAY),
        );
        let anchors: Vec<Option<&str>> = times.iter().map(|t| t.anchor.as_deref()).collect();
        assert_eq!(anchors, [None, Some("2011"), Some(THURSDAY)]);
        assert_eq!(times[1].value, "2010");
    }

    #[test]
    fn an_undated_article_is_dated_by_its_lead() {
        let text = "On November 11, 2024, ministers met in Brussels.\n\nOn Wednesday the envoys left. A deal is due in March 2025.";
        let (times, inferred) = find_article_times(&Doc::new(text), None);
        assert_eq!(inferred.as_deref(), Some("2024-11-11"));
        let wednesday = times
            .iter()
            .find(|t| t.span.of(text) == "Wednesday")
            .unwrap();
        assert_eq!(wednesday.value, "2024-11-06");
        let (_, inferred) = find_article_times(&Doc::new(text), Some("2024-11-12T08:00:00Z"));
        assert_eq!(inferred, None);
        assert_eq!(
            find_article_times(&Doc::new("No dates here."), None).1,
            None
        );
        let later =
            "Ministers met on Friday.\n\nThe pact of March 3, 2020 was renewed on May 5, 2021.";
        assert_eq!(
            find_article_times(&Doc::new(later), None).1.as_deref(),
            Some("2021-05-05")
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "1999",
            "'90s",
            "a.m.",
            "10,000,000,000 years ago",
            "Jan.",
            "the",
            "– — …",
            "9:99 p.m.",
        ] {
            find_times(text, Some(THURSDAY));
            find_times(text, None);
        }
        assert!(find_times("Friday", Some("not a date"))
            .iter()
            .all(|t| t.value == "XXXX-WXX-5"));
    }
}
