//! Merging event reports across articles: the same event (same type,
//! overlapping actors, compatible dates) reported by several articles
//! becomes one event with all its evidence, and its independent sources are
//! counted through the reuse links and outlets.
//!
//! Reports are clustered greedily, most precisely dated first, so that a
//! vague report ("in 2024") joins one event and never bridges two ("June"
//! and "November"), as a transitive closure would. Actors are compared by
//! the state they stand for (a leader for their state), since one article
//! writes "Putin" where another writes "Russia".
//!
//! A report with no date of its own:
//! - in a dated article happened on or before the article's date: it joins
//!   the latest such event it fits, else stands at the article's month
//!   (a lower precision, as it is the publication's, not the event's);
//! - in an undated article cannot be placed in time, so it joins a dated
//!   event only when that event is an agreement act ([`ONE_OFF_KINDS`]: a
//!   treaty is signed once, and a later undated mention of it refers back
//!   to the signing) between the same two parties at least, the earliest
//!   it fits. Meetings, attacks and aid recur: two undated reports of them
//!   in unrelated undated articles may be two events (a summit one year, a
//!   summit the next), so they merge only within one source — the same
//!   article, or articles that retell one another — and with the same
//!   actors. Splitting one event in two under-counts its sources; merging
//!   two would claim corroboration the texts do not give.

use std::collections::HashMap;

use dossier_model::{EventReport, MergedEvent};

use crate::sources::Sources;

/// Types whose undated reports in undated articles may join a dated event.
const ONE_OFF_KINDS: &[&str] = &["SUPPORT", "AGREE"];

/// Whether two dates can name the same day: equal, or one a prefix of the
/// other (`2024-06` and `2024-06-19`).
fn dates_compatible(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// A report's actors as the states (or other top-level actors) they stand
/// for.
struct Sides {
    sources: Vec<String>,
    targets: Vec<String>,
}

impl Sides {
    fn of(report: &EventReport, state_of: &HashMap<String, String>) -> Sides {
        let map = |ids: &[String]| {
            let mut v: Vec<String> = ids
                .iter()
                .map(|id| state_of.get(id).unwrap_or(id).clone())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        Sides {
            sources: map(&report.sources),
            targets: map(&report.targets),
        }
    }

    /// How many actors the two share, if their roles are compatible: each
    /// role overlaps or is missing on one side, and at least one actor is
    /// shared (an unnamed side matches nothing by itself).
    fn shared(&self, other: &Sides) -> Option<usize> {
        let common = |a: &[String], b: &[String]| a.iter().filter(|x| b.contains(x)).count();
        let fits = |a: &[String], b: &[String]| a.is_empty() || b.is_empty() || common(a, b) > 0;
        if !fits(&self.sources, &other.sources) || !fits(&self.targets, &other.targets) {
            return None;
        }
        let all = |s: &Sides| -> Vec<String> {
            let mut v: Vec<String> = s.sources.iter().chain(&s.targets).cloned().collect();
            v.sort();
            v.dedup();
            v
        };
        let n = common(&all(self), &all(other));
        (n > 0).then_some(n)
    }

    /// Every actor on either side (an actor on both, twice).
    fn actors(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().chain(&self.targets).map(String::as_str)
    }

    fn has(&self, actor: &str) -> bool {
        self.actors().any(|a| a == actor)
    }

    fn same_actors(&self, other: &Sides) -> bool {
        self.sources == other.sources && self.targets == other.targets
    }
}

/// An event being assembled.
struct Cluster {
    /// The most specific date of its members.
    date: Option<String>,
    /// Only reports with no date of their own, in undated articles: then
    /// the source (group of retellings) they all come from.
    unplaced: Option<usize>,
    sides: Sides,
    members: Vec<usize>,
}

impl Cluster {
    fn add(&mut self, i: usize, sides: &Sides) {
        self.members.push(i);
        for (mine, theirs) in [
            (&mut self.sides.sources, &sides.sources),
            (&mut self.sides.targets, &sides.targets),
        ] {
            mine.extend(theirs.iter().cloned());
            mine.sort();
            mine.dedup();
        }
    }
}

/// Merges reports into events. `sources` tells which documents are one
/// source (reuse links, outlets); `state_of` maps an
/// actor id to the state it stands for (people and bodies to their
/// country), for comparing actors.
pub fn merge_events(
    reports: &[EventReport],
    sources: &Sources,
    state_of: &HashMap<String, String>,
) -> Vec<MergedEvent> {
    let sides: Vec<Sides> = reports.iter().map(|r| Sides::of(r, state_of)).collect();
    let source_of = source_of_documents(reports, sources);
    // Most precise dates first; then reports placed only by their article.
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| {
        let r = &reports[i];
        (
            std::cmp::Reverse(r.date.as_ref().map_or(0, String::len)),
            r.published.is_none(),
            r.date.clone(),
            i,
        )
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    // The clusters of each type (and realisation) by the actors on their
    // sides: a report can only join a cluster sharing one of its actors
    // (`Sides::shared`), so it is compared with those, not with every
    // cluster of its type (quadratic in a pile's reports of one type).
    let mut by_actor: HashMap<(&str, bool, &str), Vec<usize>> = HashMap::new();
    for i in order {
        let r = &reports[i];
        let kind = (r.kind.as_str(), r.unrealised);
        let mut candidates: Vec<usize> = sides[i]
            .actors()
            .filter_map(|a| by_actor.get(&(kind.0, kind.1, a)))
            .flatten()
            .copied()
            .collect();
        // In creation order, as the ties of `best_cluster` expect.
        candidates.sort_unstable();
        candidates.dedup();
        let source = source_of[r.document.as_str()];
        let pick = best_cluster(r, &sides[i], source, &candidates, &clusters);
        let c = pick.unwrap_or(clusters.len());
        for actor in sides[i].actors() {
            let known = pick.is_some_and(|c| clusters[c].sides.has(actor));
            if !known {
                by_actor.entry((kind.0, kind.1, actor)).or_default().push(c);
            }
        }
        match pick {
            Some(c) => clusters[c].add(i, &sides[i]),
            None => {
                clusters.push(Cluster {
                    date: r.date.clone(),
                    unplaced: (r.date.is_none() && r.published.is_none()).then_some(source),
                    sides: Sides {
                        sources: sides[i].sources.clone(),
                        targets: sides[i].targets.clone(),
                    },
                    members: vec![i],
                });
            }
        }
    }
    let mut out: Vec<MergedEvent> = clusters
        .iter()
        .map(|c| merge(reports, &c.members, sources, state_of))
        .collect();
    // A total order on what the events are, not on the order the store
    // gave the reports in: events sharing an id then get their numbers
    // below in the same order from any store (SQLite and PostgreSQL list
    // reports differently).
    out.sort_by(|a, b| {
        (
            &a.date,
            &a.kind,
            &a.id,
            a.unrealised,
            &a.evidence,
            &a.sources,
            &a.targets,
        )
            .cmp(&(
                &b.date,
                &b.kind,
                &b.id,
                b.unrealised,
                &b.evidence,
                &b.sources,
                &b.targets,
            ))
            .then(a.confidence.total_cmp(&b.confidence))
    });
    // Two events can still share every part of their id (reports of one
    // type, parties and date at one place, one realised and one not): the
    // later ones get a number, so none replaces another in the store.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in &mut out {
        let n = seen.entry(e.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            e.id = format!("{}-{n}", e.id);
        }
    }
    out
}

/// Each document's source: the index of its group of retellings.
fn source_of_documents<'r>(
    reports: &'r [EventReport],
    sources: &Sources,
) -> HashMap<&'r str, usize> {
    sources
        .groups(reports.iter().map(|r| r.document.as_str()))
        .into_iter()
        .enumerate()
        .flat_map(|(k, docs)| docs.into_iter().map(move |d| (d, k)))
        .collect()
}

/// The cluster a report from `source` joins, if any (see the module
/// documentation).
fn best_cluster(
    r: &EventReport,
    sides: &Sides,
    source: usize,
    candidates: &[usize],
    clusters: &[Cluster],
) -> Option<usize> {
    let fitting = candidates.iter().filter_map(|&c| {
        let cluster = &clusters[c];
        let shared = cluster.sides.shared(sides)?;
        let fits = match (&r.date, &cluster.date, &r.published) {
            (Some(own), Some(theirs), _) => dates_compatible(own, theirs),
            (Some(_), None, _) => false,
            // Undated, in a dated article: the event happened by then.
            (None, Some(theirs), Some(published)) => {
                theirs.as_str() <= published.as_str() || published.starts_with(theirs.as_str())
            }
            (None, None, Some(_)) => cluster.unplaced.is_none() && cluster.sides.same_actors(sides),
            (None, Some(_), None) => ONE_OFF_KINDS.contains(&r.kind.as_str()) && shared >= 2,
            (None, None, None) => {
                cluster.unplaced == Some(source) && cluster.sides.same_actors(sides)
            }
        };
        fits.then_some((c, shared, cluster.date.clone()))
    });
    // Most actors shared; then the latest date for a report bounded by its
    // article, the earliest for one that is not.
    let latest = r.published.is_some();
    fitting
        .max_by(|a, b| {
            a.1.cmp(&b.1).then_with(|| {
                let by_date = a.2.cmp(&b.2);
                if latest {
                    by_date
                } else {
                    by_date.reverse()
                }
            })
        })
        .map(|(c, _, _)| c)
}

/// The ids of a role across members, each once; a state is left out when
/// a leader of that state is named ("Putin" says more than "Russia").
fn union_ids(ids: impl Iterator<Item = String>, state_of: &HashMap<String, String>) -> Vec<String> {
    let mut all: Vec<String> = ids.collect();
    all.sort();
    all.dedup();
    let covered: Vec<String> = all
        .iter()
        .filter(|id| id.starts_with("person:"))
        .filter_map(|id| state_of.get(id).cloned())
        .collect();
    all.retain(|id| !covered.contains(id));
    all
}

fn merge(
    reports: &[EventReport],
    members: &[usize],
    independent: &Sources,
    state_of: &HashMap<String, String>,
) -> MergedEvent {
    let sources = union_ids(
        members
            .iter()
            .flat_map(|&i| reports[i].sources.iter().cloned()),
        state_of,
    );
    let mut targets = union_ids(
        members
            .iter()
            .flat_map(|&i| reports[i].targets.iter().cloned()),
        state_of,
    );
    // A state is no target of its own acts: a joint report ("Russia and
    // North Korea signed") merged with a directed one ("Russia signed with
    // North Korea"), or a leader acting in his capital ("during Putin's
    // visit to Pyongyang"), would otherwise read "Kim, Putin → North Korea".
    let state = |id: &String| state_of.get(id).unwrap_or(id).clone();
    let source_states: Vec<String> = sources.iter().map(state).collect();
    targets.retain(|t| state_of.get(t).is_some_and(|s| s != t) || !source_states.contains(t));
    let dated = members
        .iter()
        .map(|&i| &reports[i])
        .filter(|r| r.date.is_some())
        .max_by_key(|r| r.date.as_ref().map_or(0, String::len));
    let first = &reports[members[0]];
    // With no date of its own, an event stands at its earliest article's
    // month.
    let date = dated.and_then(|r| r.date.clone()).or_else(|| {
        members
            .iter()
            .filter_map(|&i| reports[i].published.as_deref())
            .min()
            .map(|p| p.chars().take(7).collect())
    });
    let date_text = dated.and_then(|r| r.date_text.clone());
    let mut evidence: Vec<(String, usize, usize)> = members
        .iter()
        .map(|&i| {
            (
                reports[i].document.clone(),
                reports[i].start,
                reports[i].end,
            )
        })
        .collect();
    evidence.sort();
    // Two events may share type, actors and date (two undated meetings
    // from unrelated articles): the first evidence tells them apart.
    let (first_doc, first_start, _) = &evidence[0];
    let id_basis = format!(
        "{}|{}|{}|{}|{first_doc}:{first_start}",
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
        independent_sources: independent.count(evidence.iter().map(|(d, _, _)| d.as_str())),
        sources,
        targets,
        date,
        date_text,
        evidence,
        unrealised: first.unrealised,
        confidence: members
            .iter()
            .map(|&i| reports[i].confidence)
            .fold(0.0, f32::max),
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
            start: 0,
            end: 10,
            kind: kind.into(),
            sources: v(sources),
            targets: v(targets),
            date: date.map(Into::into),
            date_text: date.map(Into::into),
            published: None,
            unrealised: false,
            confidence: 1.0,
        }
    }

    /// The `state_of` map: actor → the state it stands for.
    fn states(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
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
        let sources = Sources::new([("b", "c")], []);
        let events = merge_events(&reports, &sources, &HashMap::new());
        assert_eq!(events.len(), 3);
        let treaty = events.iter().find(|e| e.evidence.len() == 3).unwrap();
        assert_eq!(treaty.date.as_deref(), Some("2024-06-19"));
        assert_eq!(treaty.sources, ["PRK", "RUS"]);
        // b and c are copies: one source.
        assert_eq!(treaty.independent_sources, 2);
    }

    /// Regression: a realised and an unrealised report of one sentence
    /// share an id, and which got `-2` followed the order the store listed
    /// the reports in, so a PostgreSQL store numbered them the other way
    /// round from a SQLite store of the same articles.
    #[test]
    fn events_sharing_an_id_are_numbered_whatever_order_the_reports_come_in() {
        let realised = report("a", "SUPPORT", &["UZB"], &[], None);
        let unrealised = EventReport {
            unrealised: true,
            confidence: 0.5,
            ..realised.clone()
        };
        let ids = |reports: Vec<EventReport>| -> Vec<(String, bool)> {
            merge_events(&reports, &Sources::default(), &HashMap::new())
                .into_iter()
                .map(|e| (e.id, e.unrealised))
                .collect()
        };
        let one_way = ids(vec![realised.clone(), unrealised.clone()]);
        assert_eq!(one_way.len(), 2);
        assert_ne!(one_way[0].0, one_way[1].0);
        assert_eq!(ids(vec![unrealised, realised]), one_way);
    }

    #[test]
    fn a_state_is_no_target_of_its_own_acts() {
        let state_of = states(&[("person:kim", "PRK"), ("org:prk-army", "PRK")]);
        let reports = vec![
            report("a", "COOPERATE", &["RUS", "PRK"], &[], Some("2022")),
            report("b", "COOPERATE", &["RUS"], &["PRK"], Some("2022")),
            report("c", "SUPPORT", &["person:kim"], &["PRK"], Some("2024-06")),
            report(
                "d",
                "COERCE",
                &["person:kim"],
                &["org:prk-army"],
                Some("2023"),
            ),
        ];
        let events = merge_events(&reports, &Sources::default(), &state_of);
        let of = |kind: &str| events.iter().find(|e| e.kind == kind).unwrap();
        assert_eq!(of("COOPERATE").sources, ["PRK", "RUS"]);
        assert!(of("COOPERATE").targets.is_empty(), "{events:#?}");
        assert!(of("SUPPORT").targets.is_empty(), "{events:#?}");
        // A body of the state stays: it is not the state itself.
        assert_eq!(of("COERCE").targets, ["org:prk-army"]);
    }

    #[test]
    fn different_dates_are_different_events() {
        let reports = vec![
            report("a", "CONSULT", &["RUS"], &["PRK"], Some("2023-09-13")),
            report("b", "CONSULT", &["RUS"], &["PRK"], Some("2024-06-19")),
        ];
        assert_eq!(
            merge_events(&reports, &Sources::default(), &HashMap::new()).len(),
            2
        );
    }

    #[test]
    fn a_vague_date_joins_one_event_and_bridges_none() {
        let reports = vec![
            report("a", "SUPPORT", &["PRK"], &["RUS"], Some("2024-06")),
            report("b", "SUPPORT", &["PRK"], &["RUS"], Some("2024-11-11")),
            report("c", "SUPPORT", &["PRK"], &["RUS"], Some("2024")),
        ];
        let events = merge_events(&reports, &Sources::default(), &HashMap::new());
        assert_eq!(events.len(), 2, "{events:#?}");
    }

    #[test]
    fn undated_reports_are_placed_by_their_article_or_not_at_all() {
        let state_of = states(&[("person:putin", "RUS"), ("person:kim", "PRK")]);
        let mut undated_in_dated = report("d", "MOBILIZE", &["PRK"], &["RUS"], None);
        undated_in_dated.published = Some("2024-11-11".into());
        let reports = vec![
            report("a", "MOBILIZE", &["PRK"], &["RUS"], Some("2024-10")),
            report("b", "MOBILIZE", &["PRK"], &["RUS"], Some("2025-02")),
            undated_in_dated,
            report(
                "c",
                "SUPPORT",
                &["person:kim", "person:putin"],
                &[],
                Some("2024-06"),
            ),
            report("e", "SUPPORT", &["RUS", "PRK"], &[], None),
            report("g", "CONSULT", &["person:putin", "person:kim"], &[], None),
            report("f", "CONSULT", &["RUS"], &["PRK"], Some("2024-06-19")),
        ];
        let events = merge_events(&reports, &Sources::default(), &state_of);
        let with = |doc: &str| {
            events
                .iter()
                .find(|e| e.evidence.iter().any(|(d, _, _)| d == doc))
                .unwrap()
        };
        // On or before its article's date: the October deployment.
        assert_eq!(with("d").date.as_deref(), Some("2024-10"));
        // A treaty is signed once: an undated mention of it is the signing,
        // and the leaders stand for their states.
        assert_eq!(with("e").date.as_deref(), Some("2024-06"));
        assert_eq!(with("c").sources, ["person:kim", "person:putin"]);
        // Meetings recur: an undated one is not pinned to a dated one.
        let meetings: Vec<_> = events.iter().filter(|e| e.kind == "CONSULT").collect();
        assert_eq!(meetings.len(), 2, "{meetings:#?}");
    }

    #[test]
    fn undated_meetings_merge_only_within_one_source() {
        let reports = vec![
            report("a", "CONSULT", &["RUS", "PRK"], &[], None),
            report("b", "CONSULT", &["RUS", "PRK"], &[], None),
            report("c", "CONSULT", &["RUS", "PRK"], &[], None),
            report("c", "CONSULT", &["RUS", "PRK"], &[], None),
        ];
        // b retells a; c is unrelated and may report another meeting.
        let sources = Sources::new([("a", "b")], []);
        let events = merge_events(&reports, &sources, &HashMap::new());
        let mut sizes: Vec<usize> = events.iter().map(|e| e.evidence.len()).collect();
        sizes.sort();
        assert_eq!(sizes, [2, 2], "{events:#?}");
        assert!(events.iter().all(|e| e.independent_sources == 1));
    }

    #[test]
    fn events_alike_in_all_but_evidence_have_their_own_ids() {
        let reports = vec![
            report("a", "CONSULT", &["RUS", "PRK"], &[], None),
            report("c", "CONSULT", &["RUS", "PRK"], &[], None),
        ];
        let events = merge_events(&reports, &Sources::default(), &HashMap::new());
        assert_eq!(events.len(), 2);
        assert_ne!(events[0].id, events[1].id);
    }

    #[test]
    fn events_alike_at_one_place_have_their_own_ids() {
        // One clause reports a meeting that happened and one that did not
        // (e.g. "met, and will not meet again"): two events at one place.
        let held = report("a", "CONSULT", &["RUS", "PRK"], &[], Some("2024-06-19"));
        let mut not_held = held.clone();
        not_held.unrealised = true;
        let events = merge_events(&[held, not_held], &Sources::default(), &HashMap::new());
        assert_eq!(events.len(), 2);
        assert_ne!(events[0].id, events[1].id);
        assert!(events[1].id.starts_with(&events[0].id));
    }
}
