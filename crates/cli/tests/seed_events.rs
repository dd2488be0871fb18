//! The seeds' timeline: the developments a reader of the five seed articles
//! lists, each with its actors, PLOVER type and date, merged across the
//! articles that report it. Reads `../shared/corpus/seeds` at run time (no
//! seed text is copied); reported as ignored (nextest: skipped) when the
//! folder is absent: see [`common::run_seed_tests`].

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

mod common;
use common::{analyze_json, export_json, run_seed_tests};

fn main() -> ExitCode {
    run_seed_tests(&[(
        "the_seeds_timeline_has_the_story_s_developments",
        the_seeds_timeline_has_the_story_s_developments,
    )])
}

/// The store's actor ids a leader stands for, for comparing roles.
fn state(id: &str) -> &str {
    match id {
        "person:vladimir-putin" => "RUS",
        "person:kim-jong-un" => "PRK",
        "person:xi-jinping" => "CHN",
        other => other,
    }
}

fn ids(event: &Value, field: &str) -> Vec<String> {
    event[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| state(v.as_str().unwrap()).to_string())
        .collect()
}

/// The happened events of `kind` whose sources include all of `sources`
/// and whose targets include all of `targets`.
fn find<'e>(events: &'e [Value], kind: &str, sources: &[&str], targets: &[&str]) -> Vec<&'e Value> {
    events
        .iter()
        .filter(|e| e["type"] == kind && e["happened"] == true)
        .filter(|e| {
            let (s, t) = (ids(e, "sources"), ids(e, "targets"));
            sources.iter().all(|x| s.iter().any(|y| y == x))
                && targets.iter().all(|x| t.iter().any(|y| y == x))
        })
        .collect()
}

fn date(event: &Value) -> &str {
    event["date"].as_str().unwrap_or("undated")
}

fn the_seeds_timeline_has_the_story_s_developments(seeds: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    analyze_json(&db, seeds);
    let export = export_json(&db);
    let events = export["events"].as_array().unwrap();
    let origin_of = |id: &str| -> String {
        export["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .map(|d| d["origin"].as_str().unwrap().to_string())
            .unwrap()
    };

    // The June 2024 defence treaty: signed by both leaders, reported by
    // two unrelated articles (003, 004): one event, two sources.
    let treaty = find(events, "SUPPORT", &["RUS", "PRK"], &[]);
    let treaty: Vec<_> = treaty.iter().filter(|e| date(e) == "2024-06").collect();
    assert_eq!(treaty.len(), 1, "{treaty:#?}");
    assert_eq!(treaty[0]["independent_sources"], 2, "{:#?}", treaty[0]);
    let mut reporters: Vec<String> = treaty[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| origin_of(e["document"].as_str().unwrap()))
        .collect();
    reporters.sort();
    reporters.dedup();
    assert!(
        reporters.iter().any(|o| o.ends_with("003.txt"))
            && reporters.iter().any(|o| o.ends_with("004.txt")),
        "{reporters:?}"
    );

    // Its ratification by North Korea on 11 November 2024.
    let ratified = find(events, "SUPPORT", &["PRK"], &["RUS"]);
    assert!(
        ratified.iter().any(|e| date(e) == "2024-11-11"),
        "{ratified:#?}"
    );

    // The October 2024 troop deployment.
    let troops = find(events, "MOBILIZE", &["PRK"], &["RUS"]);
    assert!(troops.iter().any(|e| date(e) == "2024-10"), "{troops:#?}");

    // The Ocean 2024 naval drills of September 2024 ("2024" in the drills'
    // name is no date).
    let drills = find(events, "COOPERATE", &["RUS", "CHN"], &[]);
    assert!(drills.iter().any(|e| date(e) == "2024-09"), "{drills:#?}");

    // The Putin–Kim meeting (the articles that report it give no year).
    assert!(!find(events, "CONSULT", &["RUS", "PRK"], &[]).is_empty());

    // North Korean arms for Russia.
    assert!(!find(events, "AID", &["PRK"], &["RUS"]).is_empty());

    // China avoided arming Russia: no aid of China's is reported as done.
    assert!(find(events, "AID", &["CHN"], &["RUS"]).is_empty());

    // Numbered Security Council resolutions are not years.
    assert!(events.iter().all(|e| !date(e).starts_with("18")));
}
