//! The first users' test case: the five seed articles in
//! `../shared/corpus/seeds`. Expectations (which line is the title, which are
//! subheads, which are debris) live in `seeds.tsv` as line numbers, so no
//! seed text is copied into the project. Reported as ignored (nextest:
//! skipped) when the folder is absent, e.g. in a clone without `shared/`
//! beside it: see [`common::run_seed_tests`].

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

mod common;
use common::{analyze_json, dossier, export_json, run_json, run_seed_tests};

fn main() -> ExitCode {
    run_seed_tests(&[
        (
            "seeds_come_out_clean_with_titles_and_rerunning_adds_nothing",
            seeds_come_out_clean_with_titles_and_rerunning_adds_nothing,
        ),
        (
            "seeds_china_calculus_is_short_and_counts_retellings_once",
            seeds_china_calculus_is_short_and_counts_retellings_once,
        ),
    ])
}

fn lines(spec: &str) -> BTreeSet<usize> {
    if spec == "-" {
        return BTreeSet::new();
    }
    spec.split(',')
        .flat_map(|part| match part.split_once('-') {
            Some((a, b)) => (a.parse().unwrap()..=b.parse().unwrap()).collect::<Vec<usize>>(),
            None => vec![part.parse().unwrap()],
        })
        .collect()
}

struct Expected {
    file: String,
    title: Option<usize>,
    subheads: BTreeSet<usize>,
    debris: BTreeSet<usize>,
}

fn expectations() -> Vec<Expected> {
    include_str!("seeds.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Expected {
                file: f[0].to_string(),
                title: (f[1] != "-").then(|| f[1].parse().unwrap()),
                subheads: lines(f[2]),
                debris: lines(f[3]),
            }
        })
        .collect()
}

fn seeds_come_out_clean_with_titles_and_rerunning_adds_nothing(seeds: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let first = analyze_json(&db, seeds);
    assert_eq!(first["new"], 5, "{first}");
    let second = analyze_json(&db, seeds);
    assert_eq!(
        (second["new"].as_u64(), second["unchanged"].as_u64()),
        (Some(0), Some(5))
    );

    let export: Value = export_json(&db);
    let docs = export["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    // One story (000 and 001 retell one source), named and explained.
    let stories = export["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "{stories:?}");
    let story = &stories[0];
    assert_eq!(story["documents"].as_array().unwrap().len(), 5);
    assert_eq!(story["independent_sources"], 4);
    assert!(!story["name"].as_str().unwrap().is_empty());
    let evidence: Vec<&str> = story["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(evidence.contains(&"North Korea"), "{evidence:?}");

    for exp in expectations() {
        let raw = std::fs::read_to_string(seeds.join(&exp.file)).unwrap();
        let raw_lines: Vec<&str> = raw.lines().map(str::trim).collect();
        let doc = docs
            .iter()
            .find(|d| d["origin"].as_str().unwrap().ends_with(&exp.file))
            .unwrap_or_else(|| panic!("{} not exported", exp.file));
        let text = doc["text"].as_str().unwrap();
        let paragraphs: BTreeSet<&str> = text.split("\n\n").collect();

        match exp.title {
            Some(n) => assert_eq!(
                doc["title"].as_str(),
                Some(raw_lines[n - 1]),
                "{} title",
                exp.file
            ),
            None => assert!(
                doc["title"].is_null(),
                "{} has no title, got {}",
                exp.file,
                doc["title"]
            ),
        }
        for (i, line) in raw_lines.iter().enumerate() {
            let n = i + 1;
            if line.is_empty() || Some(n) == exp.title {
                continue;
            }
            let kept = paragraphs.contains(line);
            if exp.debris.contains(&n) {
                assert!(!kept, "{}:{n} is debris but was kept: {line}", exp.file);
            } else {
                assert!(kept, "{}:{n} is body but was lost: {line}", exp.file);
            }
        }
        let kept_subheads = exp
            .subheads
            .iter()
            .filter(|&&n| paragraphs.contains(raw_lines[n - 1]))
            .count();
        assert_eq!(kept_subheads, exp.subheads.len(), "{} subheads", exp.file);
        // Debris lines leave no trace inside paragraphs either.
        for &n in &exp.debris {
            let line = raw_lines[n - 1];
            if line.split_whitespace().count() >= 3
                && exp.title.is_none_or(|t| raw_lines[t - 1] != line)
            {
                assert!(
                    !text.contains(line),
                    "{}:{n} debris inside the text: {line}",
                    exp.file
                );
            }
        }
    }
}

/// What a reader of the five seeds names among China's losses, each as
/// words one of which the point's text uses.
const READER_LOSSES: &[(&str, &[&str])] = &[
    (
        "influence over Pyongyang",
        &["influence", "sway", "monopol", "competitor"],
    ),
    (
        "North Korea's leverage",
        &["leverage", "diversify", "patronage"],
    ),
    (
        "NATO drawn into Asia",
        &["nato", "euro-atlantic", "convergence"],
    ),
    ("allies aligning against China", &["align", "alliance"]),
    ("an arms race", &["arms race", "nuclear", "missile"]),
    (
        "entanglement in the war",
        &["embroil", "involved", "entangle", "drawn into"],
    ),
    (
        "the optics of an axis",
        &["axis", "grouping", "club", "bloc"],
    ),
];

/// China's calculus on the seeds: gains and losses come out as short
/// lists, a retelling counted with its original as one source, and the
/// losses a reader names among the points more than one source makes.
/// Only the output's shape is checked here; nothing in the pipeline
/// knows these articles.
fn seeds_china_calculus_is_short_and_counts_retellings_once(seeds: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    analyze_json(&db, seeds);
    let points = run_json(&db, ["calculus", "China", "--json"]);
    let points = points.as_array().unwrap();
    let side = |polarity: &str| -> Vec<&Value> {
        points
            .iter()
            .filter(|p| p["polarity"] == polarity)
            .collect()
    };
    let (gains, losses) = (side("benefit"), side("cost"));
    assert!(
        !gains.is_empty() && gains.len() <= 10,
        "{} gains",
        gains.len()
    );
    let corroborated: Vec<&Value> = losses
        .iter()
        .copied()
        .filter(|p| p["independent_sources"].as_u64().unwrap() > 1)
        .collect();
    assert!(
        (5..=10).contains(&corroborated.len()),
        "{} losses made by more than one source",
        corroborated.len()
    );
    assert!(losses.len() <= 15, "{} losses in all", losses.len());
    for p in points {
        // Sources are the documents grouped by reuse: the retelling 001
        // stands with 000, so five articles are at most four sources.
        let sources = p["sources"].as_array().unwrap();
        assert_eq!(
            p["independent_sources"].as_u64(),
            Some(sources.len() as u64),
            "{p}"
        );
        assert!(sources.len() <= 4, "{p}");
        let named = |g: &Value, name: &str| g.as_array().unwrap().iter().any(|n| n == name);
        let cites = |name: &str| sources.iter().any(|g| named(g, name));
        if cites("000.txt") && cites("001.txt") {
            assert!(
                sources
                    .iter()
                    .any(|g| named(g, "000.txt") && named(g, "001.txt")),
                "{p}"
            );
        }
    }
    for (point, words) in READER_LOSSES {
        let found = corroborated.iter().any(|p| {
            let text = p["text"].as_str().unwrap().to_lowercase();
            words.iter().any(|w| text.contains(w))
        });
        assert!(
            found,
            "no corroborated loss about {point}: {corroborated:#?}"
        );
    }
    // De-duplicated: no two points of a side share their text.
    for list in [&gains, &losses] {
        let mut texts: Vec<&str> = list.iter().map(|p| p["text"].as_str().unwrap()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), list.len());
    }
    // The text lists at most ten points a side and counts the rest.
    let out = dossier(&db).args(["calculus", "China"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut shown = 0;
    for line in text.lines() {
        if !line.starts_with(' ') {
            shown = 0;
        } else if line.starts_with("  [") {
            shown += 1;
            assert!(shown <= 10, "{text}");
        }
    }
    assert!(text.contains("--all"), "{text}");
}
