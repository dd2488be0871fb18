//! Merging event reports across articles: the same event (same type,
//! overlapping actors, compatible dates) reported by several articles
//! becomes one event with all its evidence, and its independent sources are
//! counted through the reuse links.

use std::collections::HashMap;

use crate::sources::{independent_sources, UnionFind};

/// One article's report of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventReport {
    pub document: String,
    /// Byte span of the evidence in the document's text.
    pub span: (usize, usize),
    pub kind: String,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    /// TIMEX3 value: `2024-06-19`, `2024-06`, `2024`.
    pub date: Option<String>,
    pub date_text: Option<String>,
    /// Not reported as having happened (negated, hypothetical or future).
    pub unrealised: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MergedEvent {
    /// Stable for the same type, actors and date.
    pub id: String,
    pub kind: String,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    /// The most specific date the reports give.
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub evidence: Vec<(String, (usize, usize))>,
    pub independent_sources: usize,
    pub unrealised: bool,
}

/// Whether two dates can name the same day: equal, one a prefix of the
/// other (`2024-06` and `2024-06-19`), or one missing.
fn dates_compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
        _ => true,
    }
}

fn overlap(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// Whether two reports describe the same event.
fn same_event(a: &EventReport, b: &EventReport) -> bool {
    a.kind == b.kind
        && a.unrealised == b.unrealised
        && (overlap(&a.sources, &b.sources) || (a.sources.is_empty() && b.sources.is_empty()))
        && (a.targets.is_empty() || b.targets.is_empty() || overlap(&a.targets, &b.targets))
        && dates_compatible(&a.date, &b.date)
        // Two undated reports merge only with the same actors exactly.
        && (a.date.is_some() || b.date.is_some() || (a.sources == b.sources && a.targets == b.targets))
}

/// Merges reports into events. `links` are reuse links between documents
/// (either order), for counting independent sources.
pub fn merge_events(reports: &[EventReport], links: &[(String, String)]) -> Vec<MergedEvent> {
    let n = reports.len();
    let mut groups = UnionFind::new(n);
    // Reports are bucketed by type so only plausible pairs are compared.
    let mut by_kind: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        by_kind.entry(r.kind.as_str()).or_default().push(i);
    }
    for members in by_kind.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if same_event(&reports[i], &reports[j]) {
                    groups.union(i, j);
                }
            }
        }
    }
    let mut merged: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        merged.entry(groups.find(i)).or_default().push(i);
    }
    let mut out: Vec<MergedEvent> = merged
        .into_values()
        .map(|members| merge(reports, &members, links))
        .collect();
    out.sort_by(|a, b| (&a.date, &a.kind, &a.id).cmp(&(&b.date, &b.kind, &b.id)));
    out
}

fn merge(reports: &[EventReport], members: &[usize], links: &[(String, String)]) -> MergedEvent {
    let union = |pick: fn(&EventReport) -> &Vec<String>| {
        let mut all: Vec<String> = members
            .iter()
            .flat_map(|&i| pick(&reports[i]).iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    };
    let sources = union(|r| &r.sources);
    let targets = union(|r| &r.targets);
    let dated = members
        .iter()
        .map(|&i| &reports[i])
        .filter(|r| r.date.is_some())
        .max_by_key(|r| r.date.as_ref().map_or(0, String::len));
    let first = &reports[members[0]];
    let date = dated.and_then(|r| r.date.clone());
    let date_text = dated.and_then(|r| r.date_text.clone());
    let evidence: Vec<(String, (usize, usize))> = members
        .iter()
        .map(|&i| (reports[i].document.clone(), reports[i].span))
        .collect();
    let id_basis = format!(
        "{}|{}|{}|{}",
        first.kind,
        sources.join(","),
        targets.join(","),
        date.as_deref().unwrap_or("")
    );
    MergedEvent {
        id: format!(
            "ev-{:012x}",
            xxhash_rust::xxh3::xxh3_64(id_basis.as_bytes()) >> 16
        ),
        kind: first.kind.clone(),
        independent_sources: independent_sources(evidence.iter().map(|(d, _)| d.as_str()), links),
        sources,
        targets,
        date,
        date_text,
        evidence,
        unrealised: first.unrealised,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(
        doc: &str,
        kind: &str,
        sources: &[&str],
        targets: &[&str],
        date: Option<&str>,
    ) -> EventReport {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        EventReport {
            document: doc.into(),
            span: (0, 10),
            kind: kind.into(),
            sources: v(sources),
            targets: v(targets),
            date: date.map(Into::into),
            date_text: date.map(Into::into),
            unrealised: false,
        }
    }

    #[test]
    fn the_same_treaty_in_two_articles_is_one_event() {
        let reports = vec![
            report("a", "AGREE", &["RUS", "PRK"], &[], Some("2024-06-19")),
            report("b", "AGREE", &["PRK"], &["RUS"], Some("2024-06")),
            report("c", "AGREE", &["PRK"], &["RUS"], Some("2024-06-19")),
            report("d", "AGREE", &["CHN"], &["RUS"], Some("2024-06-19")),
            report("a", "ASSAULT", &["RUS"], &["UKR"], Some("2024-06-19")),
        ];
        let links = vec![("b".to_string(), "c".to_string())];
        let events = merge_events(&reports, &links);
        assert_eq!(events.len(), 3);
        let treaty = events.iter().find(|e| e.evidence.len() == 3).unwrap();
        assert_eq!(treaty.date.as_deref(), Some("2024-06-19"));
        assert_eq!(treaty.sources, ["PRK", "RUS"]);
        // b and c are copies: one source.
        assert_eq!(treaty.independent_sources, 2);
    }

    #[test]
    fn different_dates_are_different_events() {
        let reports = vec![
            report("a", "CONSULT", &["RUS"], &["PRK"], Some("2023-09-13")),
            report("b", "CONSULT", &["RUS"], &["PRK"], Some("2024-06-19")),
        ];
        assert_eq!(merge_events(&reports, &[]).len(), 2);
    }
}
