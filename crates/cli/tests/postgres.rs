//! The PostgreSQL store, end to end: `dossier --db postgres://… analyze`
//! and `export` against a real server. The server's URL comes from
//! `DOSSIER_TEST_PG` (`.ci/setup-postgres.sh` starts one and prints it);
//! each test works in a database of its own. Without the variable the
//! tests say so and return, unless `DOSSIER_REQUIRE_POSTGRES=1` (as in CI),
//! where a missing server fails them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

mod common;
use common::{analyze_json, export_json, normalised};

/// A fresh database on the test server, as a URL; `None` (with the
/// reason printed) when no server is configured.
fn fresh_database(name: &str) -> Option<String> {
    let Ok(url) = std::env::var("DOSSIER_TEST_PG") else {
        if std::env::var("DOSSIER_REQUIRE_POSTGRES").as_deref() == Ok("1") {
            panic!("DOSSIER_TEST_PG is not set but DOSSIER_REQUIRE_POSTGRES=1: run .ci/setup-postgres.sh and export DOSSIER_TEST_PG=<the URL it prints>");
        }
        eprintln!("skipping: DOSSIER_TEST_PG is not set (run .ci/setup-postgres.sh and export the URL it prints)");
        return None;
    };
    let database = format!("dossier_test_{name}_{}", std::process::id());
    let mut client = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to DOSSIER_TEST_PG={url}: {e}"));
    // One statement each: neither may run inside a transaction block.
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS {database}"))
        .unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .unwrap();
    let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
    Some(format!("{base}/{database}"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

/// `dossier --db URL ARGS…`, isolated from the caller's DOSSIER_DB.
fn dossier(url: &str) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("dossier"));
    cmd.env_remove("DOSSIER_DB").arg("--db").arg(url);
    cmd
}

fn run_json(url: &str, args: &[&std::ffi::OsStr]) -> Value {
    let out = dossier(url).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "dossier {args:?} on PostgreSQL failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_postgres_export_of_the_sample_corpus_equals_the_sqlite_export() {
    let Some(url) = fresh_database("sample") else {
        return;
    };
    let corpus = corpus();
    let analyze = ["analyze".as_ref(), corpus.as_os_str(), "--json".as_ref()];
    let summary = run_json(&url, &analyze);
    assert_eq!(summary["new"], 15, "{summary}");
    // A second run finds everything stored: nothing new, nothing linked.
    let again = run_json(&url, &analyze);
    assert_eq!(
        (again["new"].as_u64(), again["links"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    analyze_json(&db, &corpus);
    let expected = export_json(&db);
    let got = run_json(
        &url,
        &["export".as_ref(), "--format".as_ref(), "json".as_ref()],
    );
    assert!(!expected["reuse"].as_array().unwrap().is_empty());
    for (table, rows) in expected.as_object().unwrap() {
        assert_eq!(
            got[table].as_array().map(Vec::len),
            rows.as_array().map(Vec::len),
            "{table}"
        );
        if let Some((g, e)) = got[table]
            .as_array()
            .unwrap()
            .iter()
            .zip(rows.as_array().unwrap())
            .find(|(g, e)| g != e)
        {
            panic!("{table} differs:\n  postgres {g}\n  sqlite   {e}");
        }
    }
}

#[test]
fn two_concurrent_analyze_runs_into_postgres_equal_a_sequential_run() {
    let Some(url) = fresh_database("concurrent") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let (a, b) = files.split_at(files.len() / 2);
    let spawn = |files: &[PathBuf]| {
        dossier(&url)
            .args(["analyze", "--batch-size", "1", "--json"])
            .args(files)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(a), spawn(b));
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let got = normalised(run_json(
        &url,
        &["export".as_ref(), "--format".as_ref(), "json".as_ref()],
    ));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sequential.db");
    for half in [a, b] {
        let out = common::dossier(&db)
            .arg("analyze")
            .args(half)
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    for (table, rows) in normalised(export_json(&db)) {
        assert_eq!(
            got[&table], rows,
            "{table} differs from the sequential SQLite run's"
        );
    }
}

#[test]
fn reading_a_postgres_store_needs_analyze_first_and_other_commands_say_what_works() {
    let Some(url) = fresh_database("empty") else {
        return;
    };
    let out = dossier(&url)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dossier --db URL analyze"), "{err}");
    assert!(!err.contains("password"), "{err}");
    let out = dossier(&url).arg("brief").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`analyze` and `export`"), "{err}");
}

/// The scale-out path at a small size: a generated corpus on the queue,
/// three workers, one killed with SIGKILL twice mid-run (and started
/// again); every document is stored once, and the store equals a
/// single-process SQLite run's.
#[test]
fn workers_killed_mid_run_lose_and_duplicate_nothing() {
    let Some(url) = fresh_database("workers") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = common::generated_corpus(dir.path(), 160);
    let summary = run_json(
        &url,
        &["enqueue".as_ref(), corpus.as_os_str(), "--json".as_ref()],
    );
    assert_eq!(summary["queued"], 160, "{summary}");
    let worker = || {
        dossier(&url)
            .args(["worker", "--until-empty", "--batch-size", "4", "--json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let waiting = |client: &mut postgres::Client| -> i64 {
        client
            .query_one("SELECT count(*) FROM dossier_queue", &[])
            .unwrap()
            .get(0)
    };
    let mut workers = vec![worker(), worker(), worker()];
    let mut kills = 0;
    let mut last = waiting(&mut client);
    // Kill the first worker each time the queue has moved on, twice.
    while kills < 2 {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let now = waiting(&mut client);
        if now == 0 {
            break;
        }
        if now < last {
            workers[0].kill().unwrap(); // SIGKILL
            workers[0].wait().unwrap();
            workers[0] = worker();
            kills += 1;
            last = now;
        }
    }
    assert_eq!(kills, 2, "the queue emptied before the second kill");
    for w in workers {
        let out = w.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(waiting(&mut client), 0);
    let got = normalised(run_json(
        &url,
        &["export".as_ref(), "--format".as_ref(), "json".as_ref()],
    ));
    let ids: std::collections::HashSet<&str> = got["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 160, "every document stored once");
    let stored: i64 = client
        .query_one("SELECT count(*) FROM documents", &[])
        .unwrap()
        .get(0);
    assert_eq!(stored, 160, "no document stored twice");
    let db = dir.path().join("single.db");
    analyze_json(&db, &corpus);
    for (table, rows) in normalised(export_json(&db)) {
        let (got, rows) = (got[&table].as_array().unwrap(), rows.as_array().unwrap());
        assert_eq!(got.len(), rows.len(), "{table} rows");
        if let Some((g, e)) = got.iter().zip(rows).find(|(g, e)| g != e) {
            panic!("{table} differs from the single-process run's:\n  workers {g}\n  single  {e}");
        }
    }
}
