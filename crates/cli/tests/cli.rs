//! End-to-end tests of the `dossier` binary: files on disk → store → export.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{analyze_json, dossier, export_json};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const TABLES: [&str; 9] = [
    "documents",
    "reuse",
    "stories",
    "actors",
    "mentions",
    "quotes",
    "events",
    "times",
    "stances",
];

#[test]
fn sample_corpus_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let corpus = workspace().join("examples/corpus");

    let summary = analyze_json(&db, &corpus);
    assert_eq!(summary["read"], 15, "{summary}");
    assert_eq!(summary["new"], 15, "{summary}");
    assert_eq!(summary["skipped"].as_array().unwrap().len(), 0, "{summary}");

    // Re-analysing the same content adds nothing.
    let summary = analyze_json(&db, &corpus);
    assert_eq!(
        (summary["new"].as_u64(), summary["unchanged"].as_u64()),
        (Some(0), Some(15))
    );

    let export = export_json(&db);
    for table in TABLES {
        assert!(export[table].is_array(), "table {table} missing");
    }
    let docs = export["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 15);
    for d in docs {
        for field in [
            "id",
            "origin",
            "title",
            "outlet",
            "author",
            "published",
            "language",
            "text",
            "genre",
            "spun",
        ] {
            assert!(d.get(field).is_some(), "documents.{field} missing in {d}");
        }
        assert!(!d["text"].as_str().unwrap().is_empty());
    }
    let russian = docs
        .iter()
        .find(|d| d["origin"].as_str().unwrap().contains("cp1251"))
        .unwrap();
    assert_eq!(russian["language"], "ru");
    assert!(
        russian["text"].as_str().unwrap().contains("Астан"),
        "windows-1251 page decoded"
    );
    let jsonl = docs
        .iter()
        .find(|d| d["id"] == "kg-energy-2025-03-14-statement")
        .map(|d| &d["outlet"]);
    assert!(
        jsonl.is_some_and(|o| o.is_string()),
        "JSON Lines id and outlet taken as given"
    );

    let brief = dossier(&db).arg("brief").output().unwrap();
    let brief = String::from_utf8(brief.stdout).unwrap();
    assert!(brief.contains("## Documents"), "{brief}");
    assert!(brief.contains("15 documents"), "{brief}");
    // Every event and quotation a reader sees comes with its sentence and
    // its document, and no raw date code is shown.
    let timeline = brief
        .split("## Timeline")
        .nth(1)
        .and_then(|t| t.split("\n## ").next())
        .expect("a timeline");
    for row in timeline
        .lines()
        .filter(|l| l.starts_with("| ") && !l.contains("| Date |"))
    {
        assert!(
            row.contains("“") && row.contains("(*"),
            "event without its sentence: {row}"
        );
        assert!(
            !row.contains("-WI |") && !row.contains("-SU |"),
            "raw date code: {row}"
        );
    }
    let said = brief.split("## Who said what").nth(1).expect("quotes");
    assert!(
        said.lines()
            .filter(|l| l.starts_with("> "))
            .all(|l| l.ends_with("*)")),
        "{said}"
    );
    let html = dossier(&db)
        .args(["brief", "--format", "html"])
        .output()
        .unwrap();
    assert!(String::from_utf8(html.stdout).unwrap().contains("<table>"));
}

#[test]
fn jsonl_and_csv_exports_write_one_file_per_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Envoys meet in Geneva\n\nEnvoys from both sides met in Geneva on Monday, a spokesperson said.\n").unwrap();
    dossier(&db).arg("analyze").arg(&article).assert().success();
    for format in ["jsonl", "csv"] {
        let out = dir.path().join(format);
        dossier(&db)
            .args(["export", "--format", format, "--out"])
            .arg(&out)
            .assert()
            .success();
        for table in TABLES {
            let path = out.join(format!("{table}.{format}"));
            assert!(path.exists(), "{}", path.display());
        }
    }
    let csv = std::fs::read_to_string(dir.path().join("csv/documents.csv")).unwrap();
    assert!(csv.starts_with("id,origin,url,title,"), "{csv}");
    assert!(csv.contains("Envoys meet in Geneva"));
    let quotes = std::fs::read_to_string(dir.path().join("csv/quotes.csv")).unwrap();
    assert_eq!(
        quotes.lines().next(),
        Some("document,start,end,text,speaker,speaker_actor,affiliation,direct")
    );
    // A table no stage fills yet is a header alone.
    let stances = std::fs::read_to_string(dir.path().join("csv/stances.csv")).unwrap();
    assert_eq!(
        stances.trim(),
        "holder,topic,polarity,text,evidence,independent_sources"
    );
    let jsonl = std::fs::read_to_string(dir.path().join("jsonl/documents.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 1);
}

#[test]
fn bad_inputs_are_skipped_with_reasons_and_never_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("image.png"), b"\x89PNG\r\n\x1a\n\0\0\0binary").unwrap();
    std::fs::write(
        input.join("scripts.html"),
        "<html><script>var x = 1;</script></html>",
    )
    .unwrap();
    std::fs::write(
        input.join("bad-bytes.txt"),
        b"Ministers meet\n\nThe ministers met on Tuesday \xff\xfe and agreed to talk again soon.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("latin1.html"),
        b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 talks</title></head><body><p>Diplomats met at a caf\xe9 in Z\xfcrich on Monday to discuss the ceasefire terms.</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        input.join("records.jsonl"),
        "{\"title\": \"no body\"}\nnot json\n",
    )
    .unwrap();
    let db = dir.path().join("s.db");
    let summary = analyze_json(&db, &input);
    assert_eq!(summary["new"], 2, "{summary}");
    let skipped: Vec<String> = summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["origin"].as_str().unwrap(),
                s["reason"].as_str().unwrap()
            )
        })
        .collect();
    let has = |origin: &str, reason: &str| {
        skipped
            .iter()
            .any(|s| s.contains(origin) && s.contains(reason))
    };
    assert!(has("empty.txt", "empty file"), "{skipped:?}");
    assert!(has("image.png", "binary"), "{skipped:?}");
    assert!(has("scripts.html", "no article text"), "{skipped:?}");
    assert!(has("records.jsonl#L1", "neither"), "{skipped:?}");
    assert!(has("records.jsonl#L2", "invalid JSON"), "{skipped:?}");
    let warnings = summary["warnings"].to_string();
    assert!(
        warnings.contains("bad-bytes.txt") && warnings.contains("replaced"),
        "{warnings}"
    );
    let export = export_json(&db);
    let texts = export["documents"].to_string();
    assert!(texts.contains("Zürich"), "{texts}");
    assert!(texts.contains("Café talks"), "{texts}");
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    dossier(&dir.path().join("s.db"))
        .args(["analyze", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
    dossier(&dir.path().join("none.db"))
        .arg("export")
        .assert()
        .failure()
        .stderr(predicate::str::contains("dossier analyze"));
}

#[test]
fn stdin_env_store_and_changed_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let text = "Port talks stall\n\nNegotiators left the port city on Friday without an agreement, officials said.\n";
    Command::cargo_bin("dossier")
        .unwrap()
        .env("DOSSIER_DB", &db)
        .args(["analyze", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("new 1"));
    assert!(db.exists(), "DOSSIER_DB names the store");

    let file = dir.path().join("story.txt");
    let file_text = text.replace("port city", "harbour town");
    std::fs::write(&file, &file_text).unwrap();
    dossier(&db)
        .arg("analyze")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("new 1"));
    std::fs::write(&file, file_text.replace("Friday", "Saturday")).unwrap();
    dossier(&db)
        .arg("analyze")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("new versions 1"));
    let docs = export_json(&db)["documents"].as_array().unwrap().clone();
    let story: Vec<_> = docs
        .iter()
        .filter(|d| d["origin"].as_str().unwrap().ends_with("story.txt"))
        .collect();
    assert_eq!(story.len(), 1, "only the current version is exported");
    assert_eq!(story[0]["version"], 2);
    assert!(story[0]["text"].as_str().unwrap().contains("Saturday"));
}

#[test]
fn extract_prints_one_json_object_per_article() {
    let out = Command::cargo_bin("dossier")
        .unwrap()
        .arg("extract")
        .arg(workspace().join("examples/corpus/11-feeds.jsonl"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        for field in [
            "origin",
            "title",
            "author",
            "published",
            "outlet",
            "language",
            "text",
        ] {
            assert!(line.get(field).is_some(), "{field} missing");
        }
    }
}

#[test]
fn help_is_available_everywhere() {
    for sub in [
        &["--help"][..],
        &["analyze", "--help"],
        &["export", "--help"],
        &["brief", "--help"],
        &["eval", "cleaner", "--help"],
    ] {
        Command::cargo_bin("dossier")
            .unwrap()
            .args(sub)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn a_killed_run_keeps_committed_batches_and_the_next_run_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let input = dir.path().join("many.jsonl");
    // Distinct texts (not near-copies, which the link stage would pair up).
    const WORDS: [&str; 16] = [
        "harbour",
        "treaty",
        "grain",
        "border",
        "pipeline",
        "election",
        "drought",
        "summit",
        "tariff",
        "militia",
        "refugee",
        "satellite",
        "vaccine",
        "railway",
        "fishery",
        "currency",
    ];
    let mut lines = String::new();
    let mut x: u64 = 7;
    for i in 0..3000 {
        let mut word = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[(x >> 60) as usize]
        };
        let text = format!(
            "Officials discussed the {} and the {} on Monday. The {} dispute over the {} continued, and the {} plan stalled. Talks on the {} resume in round {i}.",
            word(), word(), word(), word(), word(), word()
        );
        lines += &serde_json::json!({"id": format!("a{i}"), "title": format!("Report {i}"), "text": text}).to_string();
        lines.push('\n');
    }
    std::fs::write(&input, lines).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("dossier");
    let mut child = std::process::Command::new(&bin)
        .env_remove("DOSSIER_DB")
        .arg("--db")
        .arg(&db)
        .args(["analyze", "--batch-size", "50"])
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    // SIGKILL: no chance to clean up, as when a machine loses power.
    let _ = child.kill();
    let _ = child.wait();

    let summary = analyze_json(&db, &input);
    let (new, unchanged) = (
        summary["new"].as_u64().unwrap(),
        summary["unchanged"].as_u64().unwrap(),
    );
    assert_eq!(new + unchanged, 3000, "{summary}");
    assert_eq!(
        export_json(&db)["documents"].as_array().unwrap().len(),
        3000
    );
}

#[test]
fn analysis_commands_show_what_the_store_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    analyze_json(&db, &workspace().join("examples/corpus"));
    let run = |args: &[&str]| {
        let out = dossier(&db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let actors = run(&["actors"]);
    for id in ["KAZ", "KGZ", "UZB", "TJK"] {
        assert!(actors.contains(id), "{id} missing from:\n{actors}");
    }
    let quotes = run(&["quotes", "--speaker", "sultanova"]);
    assert!(quotes.lines().count() >= 2, "{quotes}");
    assert!(
        quotes
            .lines()
            .all(|l| l.to_lowercase().contains("sultanova")),
        "{quotes}"
    );
    let timeline = run(&["timeline", "--json"]);
    let events: Value = serde_json::from_str(&timeline).unwrap();
    assert!(!events.as_array().unwrap().is_empty());
    let calculus = run(&["calculus", "Kyrgyzstan"]);
    assert!(calculus.contains("Kyrgyzstan"), "{calculus}");
    let dyad = run(&["dyad", "KAZ", "KGZ"]);
    assert!(dyad.starts_with("MONTH"), "{dyad}");
    let export = export_json(&db);
    for table in [
        "actors", "mentions", "quotes", "times", "reuse", "stories", "events",
    ] {
        assert!(
            !export[table].as_array().unwrap().is_empty(),
            "{table} is empty"
        );
    }
    // The wire story's syndicated copies are linked, and every story counts
    // fewer independent sources than documents.
    assert!(export["reuse"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kind"] == "duplicate"));
    for story in export["stories"].as_array().unwrap() {
        assert!(
            story["independent_sources"].as_u64()
                <= Some(story["documents"].as_array().unwrap().len() as u64)
        );
    }
}

/// Issue 17, item 1: publication dates in other characters, a date that is
/// not one, a body that is not a string.
#[test]
fn odd_json_lines_fields_are_read_refused_or_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("records.jsonl");
    let body =
        "President Xi Jinping met Kazakhstan's president in Astana on Tuesday, officials said.";
    let records = [
        serde_json::json!({"id": "hyphen", "published": "2025\u{2010}03\u{2010}13", "text": body}),
        serde_json::json!({"id": "wide", "published": "２０２５-０３-１３", "text": body}),
        serde_json::json!({"id": "words", "published": "not a date", "text": body}),
        serde_json::json!({"id": "number", "text": 12345}),
    ];
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let db = dir.path().join("s.db");
    let summary = analyze_json(&db, &input);
    assert_eq!(summary["new"], 3, "{summary}");
    let skipped = summary["skipped"].to_string();
    assert!(
        skipped.contains("#L4") && skipped.contains("not a string"),
        "{skipped}"
    );
    let warnings = summary["warnings"].to_string();
    assert!(!warnings.contains("analysis failed"), "{warnings}");
    assert!(
        warnings.contains("\\\"not a date\\\" is not a date"),
        "{warnings}"
    );
    let export = export_json(&db);
    for doc in export["documents"].as_array().unwrap() {
        let expected = if doc["id"] == "words" {
            Value::Null
        } else {
            "2025-03-13".into()
        };
        assert_eq!(doc["published"], expected, "{doc}");
    }
    let with_actors: std::collections::BTreeSet<&str> = export["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["document"].as_str().unwrap())
        .collect();
    assert_eq!(with_actors.len(), 3, "{with_actors:?}");
}

/// Issue 17, items 3, 4 and 7: formulas in CSV, stores a reading command
/// must not touch, messages said once, `brief --out` and empty folders
/// reported.
#[test]
fn outputs_and_stores_are_handled_safely_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let article = dir.path().join("a.jsonl");
    let record = serde_json::json!({"title": "=HYPERLINK(\"http://x\",\"y\")", "outlet": "@Wire",
        "text": "Envoys from both sides met in Geneva on Monday, a spokesperson said."});
    std::fs::write(&article, record.to_string()).unwrap();
    dossier(&db).arg("analyze").arg(&article).assert().success();

    let csv = dir.path().join("csv");
    dossier(&db)
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv)
        .assert()
        .success();
    let documents = std::fs::read_to_string(csv.join("documents.csv")).unwrap();
    assert!(
        documents.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@Wire"),
        "{documents}"
    );
    dossier(&db)
        .args(["export", "--format", "csv", "--keep-formulas", "--out"])
        .arg(&csv)
        .assert()
        .success();
    let documents = std::fs::read_to_string(csv.join("documents.csv")).unwrap();
    assert!(
        documents.contains("\"=HYPERLINK(") && documents.contains(",@Wire"),
        "{documents}"
    );

    let brief = dir.path().join("brief.md");
    dossier(&db)
        .args(["brief", "--out"])
        .arg(&brief)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "wrote {}",
            brief.display()
        )));

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    dossier(&empty)
        .args(["export", "--format", "json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a dossier store"));
    assert_eq!(
        std::fs::metadata(&empty).unwrap().len(),
        0,
        "export wrote into the file"
    );

    let notes = dir.path().join("notes.txt");
    std::fs::write(
        &notes,
        "plain text, not a database, long enough to have a header",
    )
    .unwrap();
    let out = dossier(&notes)
        .arg("analyze")
        .arg(&article)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("not a database").count(), 1, "{stderr}");

    let folder = dir.path().join("nothing");
    std::fs::create_dir(&folder).unwrap();
    let summary = analyze_json(&db, &folder);
    assert!(
        summary["skipped"].to_string().contains("empty folder"),
        "{summary}"
    );
}

/// Issue 17, item 8: an evaluation whose data is not in the repository
/// says where to get it.
#[test]
fn evaluations_without_their_data_say_where_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    for (command, flag, source) in [
        ("times", "--gold", "TempEval-3"),
        ("quotes", "--gold", "networkdynamics/PolNeAR"),
        ("plover", "--gold", "openeventdata/PLOVER"),
        ("ngec", "--gold", "ahalterman/NGEC"),
        ("provenance", "--bodies", "article-extraction-benchmark"),
        ("extraction", "--gold", "article-extraction-benchmark"),
    ] {
        dossier(&dir.path().join("s.db"))
            .args(["eval", command, flag])
            .arg(&missing)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(source).and(predicate::str::contains("Get it from")));
    }
}

#[test]
fn an_unknown_actor_in_dyad_or_calculus_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Envoys meet in Geneva\n\nChina and Russia held talks in Geneva on Monday, officials said.\n",
    )
    .unwrap();
    dossier(&db).arg("analyze").arg(&article).assert().success();
    for args in [&["dyad", "CHN", "NOPE"][..], &["calculus", "NOPE"][..]] {
        dossier(&db)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("no actor \"NOPE\""));
    }
    // A name stands for its id.
    dossier(&db)
        .args(["dyad", "china", "RUS"])
        .assert()
        .success();
}
