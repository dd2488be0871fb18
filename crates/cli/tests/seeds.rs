//! The first users' test case: the five seed articles in
//! `../shared/corpus/seeds`. Expectations (which line is the title, which are
//! subheads, which are debris) live in `seeds.tsv` as line numbers, so no
//! seed text is copied into the project. Skipped, with a note, when the
//! folder is absent (e.g. a clone without `shared/` beside it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{analyze_json, export_json};

fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    dir.is_dir().then_some(dir)
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

#[test]
fn seeds_come_out_clean_with_titles_and_rerunning_adds_nothing() {
    let Some(seeds) = seeds_dir() else {
        eprintln!("note: ../shared/corpus/seeds not found; seed test skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let first = analyze_json(&db, &seeds);
    assert_eq!(first["new"], 5, "{first}");
    let second = analyze_json(&db, &seeds);
    assert_eq!(
        (second["new"].as_u64(), second["unchanged"].as_u64()),
        (Some(0), Some(5))
    );

    let export: Value = export_json(&db);
    let docs = export["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);

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
