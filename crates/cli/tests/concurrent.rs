//! Several `dossier` processes on one SQLite store at once: writers wait
//! for each other and link each other's documents, so the store ends as a
//! sequential run leaves it; an export taken while `analyze` writes is one
//! snapshot.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

mod common;
use common::{analyze_json, export_json, generated_corpus, normalised, sample_corpus_files};

/// `dossier --db DB analyze --batch-size 1 FILES…` started in the
/// background: one document per transaction, so two runs interleave.
fn spawn_analyze(db: &Path, files: &[PathBuf]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .env_remove("DOSSIER_DB")
        .arg("--db")
        .arg(db)
        .args(["analyze", "--batch-size", "1", "--json"])
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> Value {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "a concurrent analyze failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn analyze_files(db: &Path, files: &[PathBuf]) {
    let summary = finish(spawn_analyze(db, files));
    assert!(summary["read"].as_u64().unwrap() > 0, "{summary}");
}

/// Regression: two `analyze` runs on one store failed ("database is
/// locked", "duplicate column name", "table documents already exists"), and
/// the documents each stored were never compared with the other's, for
/// good (785 reuse links instead of 1,044).
#[test]
fn two_concurrent_analyze_runs_leave_the_store_a_sequential_run_leaves() {
    let files = sample_corpus_files();
    let half = files.len() / 2;
    let cases: [(&str, &[PathBuf], &[PathBuf]); 2] = [
        ("different inputs", &files[..half], &files[half..]),
        (
            "overlapping inputs",
            &files[..half + 3],
            &files[half.saturating_sub(3)..],
        ),
    ];
    for (case, a, b) in cases {
        let dir = tempfile::tempdir().unwrap();
        let sequential = dir.path().join("sequential.db");
        analyze_files(&sequential, a);
        analyze_files(&sequential, b);
        let expected = export_json(&sequential);
        assert!(
            !expected["reuse"].as_array().unwrap().is_empty(),
            "{case}: the corpus should have reuse links to compare"
        );
        // Both start on a store that does not exist yet: the first run's
        // migrations race too.
        for round in 0..2 {
            let db = dir.path().join(format!("concurrent-{round}.db"));
            let first = spawn_analyze(&db, a);
            let second = spawn_analyze(&db, b);
            let (first, second) = (finish(first), finish(second));
            let stored = first["new"].as_u64().unwrap() + second["new"].as_u64().unwrap();
            let documents = expected["documents"].as_array().unwrap().len() as u64;
            assert_eq!(stored, documents, "{case}: each document stored once");
            let got = normalised(export_json(&db));
            for (table, rows) in normalised(expected.clone()) {
                let rows = rows.as_array().unwrap();
                let got = got[&table].as_array().unwrap();
                assert_eq!(got.len(), rows.len(), "{case}, round {round}: {table} rows");
                if let Some((g, e)) = got.iter().zip(rows).find(|(g, e)| g != e) {
                    panic!("{case}, round {round}: {table} differs from the sequential run's:\n  got      {g}\n  expected {e}");
                }
            }
        }
    }
}

/// Every row that names a document names one the same export lists.
fn assert_one_snapshot(export: &Value) {
    let ids: HashSet<&str> = export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let known = |table: &str, id: &Value| {
        let id = id.as_str().unwrap();
        assert!(
            ids.contains(id),
            "{table} names document {id}, which the same export does not list"
        );
    };
    for table in ["mentions", "quotes", "times"] {
        for row in export[table].as_array().unwrap() {
            known(table, &row["document"]);
            assert!(
                !row["text"].as_str().unwrap().is_empty(),
                "{table}: a span without its text: {row}"
            );
        }
    }
    for row in export["reuse"].as_array().unwrap() {
        known("reuse", &row["a"]);
        known("reuse", &row["b"]);
    }
    for row in export["stories"].as_array().unwrap() {
        for d in row["documents"].as_array().unwrap() {
            known("stories", d);
        }
    }
    for table in ["events", "stances"] {
        for row in export[table].as_array().unwrap() {
            for e in row["evidence"].as_array().unwrap() {
                known(table, &e["document"]);
            }
        }
    }
}

#[test]
fn an_export_during_analyze_is_one_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let corpus = generated_corpus(dir.path(), 240);
    let mut writer = Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .env_remove("DOSSIER_DB")
        .arg("--db")
        .arg(&db)
        .args(["analyze", "--batch-size", "4"])
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut during = 0;
    while writer.try_wait().unwrap().is_none() {
        let out = Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .env_remove("DOSSIER_DB")
            .arg("--db")
            .arg(&db)
            .args(["export", "--format", "json"])
            .output()
            .unwrap();
        // Before the first run has written its schema there is no store.
        if !out.status.success() {
            continue;
        }
        let export: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_one_snapshot(&export);
        if writer.try_wait().unwrap().is_none() {
            during += 1;
        }
    }
    let out = writer.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(during > 0, "no export ran while analyze wrote");
    let export = export_json(&db);
    assert_one_snapshot(&export);
    assert_eq!(export["documents"].as_array().unwrap().len(), 240);
}

/// A store whose documents were never compared with each other (as two
/// writers used to leave one, or as every store from before link
/// generations is) is linked by the next `analyze`, even with nothing new.
#[test]
fn a_rerun_links_documents_no_run_linked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    analyze_json(&db, &corpus);
    let expected = export_json(&db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE documents SET linked = NULL; DELETE FROM reuse; DELETE FROM signatures;
         DELETE FROM stories;",
    )
    .unwrap();
    drop(conn);
    let broken = export_json(&db);
    assert!(broken["reuse"].as_array().unwrap().is_empty());
    let summary = analyze_json(&db, &corpus);
    assert_eq!(summary["new"], 0, "{summary}");
    assert_eq!(
        summary["links"].as_u64().unwrap() as usize,
        expected["reuse"].as_array().unwrap().len(),
        "{summary}"
    );
    assert_eq!(export_json(&db), expected);
}

/// The cross-article tables do not depend on where batches end: the sample
/// corpus analysed one document per batch, or all in one batch, gives the
/// same stories, merged events and stance groups, with the same ids (and
/// the same rows everywhere else).
#[test]
fn many_small_batches_leave_the_store_one_batch_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let one_batch = dir.path().join("one.db");
    let mut cmd = common::dossier(&one_batch);
    cmd.args(["analyze", "--batch-size", "1000"])
        .args(sample_corpus_files())
        .assert()
        .success();
    let many = dir.path().join("many.db");
    analyze_files(&many, &sample_corpus_files());
    let expected = normalised(export_json(&one_batch));
    for table in ["stories", "events", "stances"] {
        assert!(
            !expected[table].as_array().unwrap().is_empty(),
            "the sample corpus should have {table} to compare"
        );
    }
    assert_eq!(normalised(export_json(&many)), expected);
}
