//! The timeline of events and dyad series: what happened between two
//! actors, month by month, on PLOVER's cooperation–conflict scale
//! (`lexicons/plover_scale.tsv`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use dossier_model::{EventMention, MergedEvent};
use dossier_store::{Storage, StoreError};
use serde_json::json;

use crate::Listing;

use dossier_lexicon::PLOVER_SCALE as SCALE;

/// The cooperation–conflict score of an event type (0 when unknown).
pub fn score(kind: &str) -> i32 {
    static TABLE: OnceLock<Vec<(String, i32)>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            SCALE
                .rows()
                .filter_map(|row| row.line.split_once('\t'))
                .filter_map(|(k, v)| Some((k.to_string(), v.trim().parse().ok()?)))
                .collect()
        })
        .iter()
        .find(|(k, _)| k == kind)
        .map_or(0, |(_, v)| *v)
}

/// Events that happened (not negated, hypothetical or announced) and that
/// their sentences support well enough to show a person
/// ([`EventMention::SHOWN`]), by date, optionally only those involving
/// `actor`.
pub fn timeline<'e>(events: &'e [MergedEvent], actor: Option<&str>) -> Vec<&'e MergedEvent> {
    events
        .iter()
        .filter(|e| !e.unrealised && e.confidence >= EventMention::SHOWN)
        .filter(|e| actor.is_none_or(|a| e.sources.iter().chain(&e.targets).any(|x| x == a)))
        .collect()
}

/// A TIMEX3 date value as a person reads it: seasons, quarters, halves,
/// weeks, decades and centuries in words ("2024-WI" is "winter 2024", "20"
/// is "the 21st century"); calendar dates as they are. The export keeps the
/// value.
pub fn readable_date(value: &str) -> String {
    let (year, rest) = value.split_once('-').unwrap_or((value, ""));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(year) {
        return value.to_string();
    }
    let season = match rest {
        "WI" => Some("winter"),
        "SP" => Some("spring"),
        "SU" => Some("summer"),
        "FA" => Some("autumn"),
        "H1" => Some("the first half of"),
        "H2" => Some("the second half of"),
        "Q1" => Some("the first quarter of"),
        "Q2" => Some("the second quarter of"),
        "Q3" => Some("the third quarter of"),
        "Q4" => Some("the fourth quarter of"),
        _ => None,
    };
    if let Some(season) = season {
        return format!("{season} {year}");
    }
    if let Some(week) = rest.strip_prefix('W').filter(|w| all_digits(w)) {
        return format!("week {} of {year}", week.trim_start_matches('0'));
    }
    if !rest.is_empty() {
        return value.to_string();
    }
    match year.len() {
        // "201" is the 2010s; "20" the century of the 2000s.
        3 => format!("the {year}0s"),
        2 => {
            let n: u32 = year.parse().unwrap_or(0) + 1;
            let suffix = match (n % 10, n % 100) {
                (1, x) if x != 11 => "st",
                (2, x) if x != 12 => "nd",
                (3, x) if x != 13 => "rd",
                _ => "th",
            };
            format!("the {n}{suffix} century")
        }
        _ => value.to_string(),
    }
}

/// The `YYYY-MM` a TIMEX3 date value falls in, when it names a month or a
/// day of one.
fn calendar_month(value: &str) -> Option<&str> {
    let month = value.get(..7)?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (digits(&month[..4]) && month.as_bytes()[4] == b'-' && digits(&month[5..])).then_some(month)
}

/// One month of a dyad series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DyadMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub events: usize,
    pub score: i32,
}

/// Events between `a` and `b` (either direction), month by month. Events
/// dated only to a year, a season, a quarter or a week ("2025-W11") are
/// left out of the monthly series: no month holds them.
pub fn dyad(events: &[MergedEvent], a: &str, b: &str) -> Vec<DyadMonth> {
    let mut months: BTreeMap<String, (usize, i32)> = BTreeMap::new();
    for e in timeline(events, None) {
        let between = (e.sources.iter().any(|s| s == a) && e.targets.iter().any(|t| t == b))
            || (e.sources.iter().any(|s| s == b) && e.targets.iter().any(|t| t == a))
            || (e.sources.iter().any(|s| s == a) && e.sources.iter().any(|s| s == b));
        let Some(month) = e.date.as_deref().and_then(calendar_month) else {
            continue;
        };
        if between {
            let entry = months.entry(month.to_string()).or_default();
            entry.0 += 1;
            entry.1 += score(&e.kind);
        }
    }
    months
        .into_iter()
        .map(|(month, (events, score))| DyadMonth {
            month,
            events,
            score,
        })
        .collect()
}

/// Pairs of actors with the most of `events` between them: (a, b, events,
/// net score). The caller passes the events it shows (a [`timeline`], the
/// brief's listed events), so the counts are of what a reader sees.
pub fn main_dyads<'e>(
    events: impl IntoIterator<Item = &'e MergedEvent>,
    top: usize,
) -> Vec<(String, String, usize, i32)> {
    let mut pairs: BTreeMap<(String, String), (usize, i32)> = BTreeMap::new();
    for e in events {
        let mut actors: Vec<&String> = e.sources.iter().chain(&e.targets).collect();
        actors.sort();
        actors.dedup();
        for (i, a) in actors.iter().enumerate() {
            for b in &actors[i + 1..] {
                let entry = pairs.entry(((*a).clone(), (*b).clone())).or_default();
                entry.0 += 1;
                entry.1 += score(&e.kind);
            }
        }
    }
    let mut out: Vec<(String, String, usize, i32)> = pairs
        .into_iter()
        .map(|((a, b), (n, s))| (a, b, n, s))
        .collect();
    out.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(&y.0)));
    out.truncate(top);
    out
}

/// `dossier timeline`: the events shown ([`timeline`]), involving `actor`
/// when given, one line each (date in words, type, who → whom, sources and
/// reports), or as JSON with their evidence spans.
pub fn render(
    store: &impl Storage,
    actor: Option<&str>,
    listing: Listing,
) -> Result<String, StoreError> {
    let events = store.events()?;
    let shown = timeline(&events, actor);
    if listing == Listing::Json {
        let rows: Vec<_> = shown
            .iter()
            .map(|e| json!({"id": e.id, "type": e.kind, "sources": e.sources, "targets": e.targets,
                "date": e.date, "date_text": e.date_text, "independent_sources": e.independent_sources,
                "evidence": e.evidence.iter().map(|(d, s, en)| json!({"document": d, "start": s, "end": en})).collect::<Vec<_>>()}))
            .collect();
        return Ok(crate::pretty_json(&rows.into()));
    }
    let names = crate::actor_names(store)?;
    let who = |ids: &[String]| {
        if ids.is_empty() {
            "—".to_string()
        } else {
            ids.iter()
                .map(|i| names.get(i).unwrap_or(i).as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut out = String::new();
    for e in shown {
        out += &format!(
            "{:<10}  {:<9}  {} → {}  ({} source{}, {} report{})\n",
            e.date
                .as_deref()
                .map_or_else(|| "undated".into(), readable_date),
            e.kind,
            who(&e.sources),
            who(&e.targets),
            e.independent_sources,
            plural(e.independent_sources),
            e.evidence.len(),
            plural(e.evidence.len()),
        );
    }
    Ok(out)
}

/// `dossier dyad A B`: the [`dyad`] series between two actor ids as a table.
pub fn render_dyad(store: &impl Storage, a: &str, b: &str) -> Result<String, StoreError> {
    let mut out = format!("{:<8} {:>6} {:>6}\n", "MONTH", "EVENTS", "SCORE");
    for m in dyad(&store.events()?, a, b) {
        out += &format!("{:<8} {:>6} {:>6}\n", m.month, m.events, m.score);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, sources: &[&str], targets: &[&str], date: &str) -> MergedEvent {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        MergedEvent {
            id: format!("{kind}{date}"),
            kind: kind.into(),
            sources: v(sources),
            targets: v(targets),
            date: Some(date.into()),
            date_text: None,
            evidence: vec![],
            independent_sources: 1,
            unrealised: false,
            confidence: 1.0,
        }
    }

    #[test]
    fn dates_read_as_words_where_their_codes_would_not() {
        assert_eq!(readable_date("2024-WI"), "winter 2024");
        assert_eq!(readable_date("1978-FA"), "autumn 1978");
        assert_eq!(readable_date("2024-W05"), "week 5 of 2024");
        assert_eq!(readable_date("20"), "the 21st century");
        assert_eq!(readable_date("201"), "the 2010s");
        assert_eq!(readable_date("2024-06-19"), "2024-06-19");
        assert_eq!(readable_date("PRESENT_REF"), "PRESENT_REF");
    }

    #[test]
    fn the_timeline_leaves_out_events_its_sentences_barely_support() {
        let mut doubtful = event("ASSAULT", &["RUS"], &[], "2024-06-19");
        doubtful.confidence = EventMention::SHOWN / 2.0;
        let events = vec![doubtful, event("CONSULT", &["RUS"], &["PRK"], "2024-06-20")];
        let shown: Vec<&str> = timeline(&events, None)
            .iter()
            .map(|e| e.kind.as_str())
            .collect();
        assert_eq!(shown, ["CONSULT"]);
    }

    #[test]
    fn dyads_sum_scores_by_month() {
        let events = vec![
            event("AGREE", &["RUS", "PRK"], &[], "2024-06-19"),
            event("CONSULT", &["RUS"], &["PRK"], "2024-06-20"),
            event("ACCUSE", &["USA"], &["PRK"], "2024-06-21"),
            event("COOPERATE", &["PRK"], &["RUS"], "2024-10"),
            // A week and a season are in no month.
            event("CONSULT", &["RUS"], &["PRK"], "2024-W11"),
            event("CONSULT", &["RUS"], &["PRK"], "2024-SU"),
        ];
        let series = dyad(&events, "RUS", "PRK");
        assert_eq!(
            series,
            [
                DyadMonth {
                    month: "2024-06".into(),
                    events: 2,
                    score: 7
                },
                DyadMonth {
                    month: "2024-10".into(),
                    events: 1,
                    score: 6
                }
            ]
        );
        assert_eq!(
            main_dyads(timeline(&events[..4], None), 1)[0],
            ("PRK".into(), "RUS".into(), 3, 13)
        );
        assert_eq!(timeline(&events, Some("USA")).len(), 1);
    }
}
