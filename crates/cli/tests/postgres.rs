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
use common::{
    analyze_json, export_json, normalised, sample_corpus_files, Server, READING_COMMANDS,
};

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
fn every_reading_command_on_a_postgres_store_needs_analyze_first() {
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
    // Every reading command says the same of a store not analysed yet.
    for (_, args) in READING_COMMANDS {
        let out = dossier(&url).args(*args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("dossier --db URL analyze"), "{args:?}: {err}");
    }
}

/// Every reading command prints from a PostgreSQL store what it prints
/// from an SQLite store of the same corpus, byte for byte; search results
/// are the same hits, ranked by another measure (`ts_rank`, not BM25), so
/// they are compared as a set.
#[test]
fn every_reading_command_prints_the_same_from_postgres_as_from_sqlite() {
    let Some(url) = fresh_database("readers") else {
        return;
    };
    let corpus = corpus();
    run_json(
        &url,
        &["analyze".as_ref(), corpus.as_os_str(), "--json".as_ref()],
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    analyze_json(&db, &corpus);
    let printed = |out: std::process::Output, args: &[&str]| {
        assert!(
            out.status.success(),
            "dossier {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let sqlite = |args: &[&str]| printed(common::dossier(&db).args(args).output().unwrap(), args);
    let postgres = |args: &[&str]| printed(dossier(&url).args(args).output().unwrap(), args);
    for (name, args) in READING_COMMANDS {
        if name.starts_with("search") {
            // Every hit, so that the ranking does not choose the page.
            let all = [args, &["--limit", "1000"][..]].concat();
            assert_eq!(
                search_hits(&sqlite(&all)),
                search_hits(&postgres(&all)),
                "{args:?}"
            );
        } else {
            assert_eq!(
                postgres(args),
                sqlite(args),
                "dossier {args:?} differs on PostgreSQL"
            );
        }
    }
    // Filters and paging mean the same on both stores.
    for args in [
        &[
            "search", "water", "--json", "--limit", "1000", "--actor", "KAZ",
        ][..],
        &[
            "search", "water", "--json", "--limit", "1000", "--type", "AGREE",
        ],
        &[
            "search", "water", "--json", "--limit", "1000", "--from", "2025-03", "--to", "2025-03",
        ],
        &["search", "the", "--json", "--limit", "3", "--offset", "2"],
    ] {
        let (sqlite, postgres) = (search_hits(&sqlite(args)), search_hits(&postgres(args)));
        assert!(
            sqlite.0 > Some(0),
            "{args:?} finds nothing: pick another filter"
        );
        if args.contains(&"the") {
            assert_eq!(
                (postgres.0, postgres.1.len()),
                (sqlite.0, sqlite.1.len()),
                "{args:?}"
            );
        } else {
            assert_eq!(postgres, sqlite, "{args:?}");
        }
    }
}

/// `dossier serve` on a PostgreSQL store: the API answers what it answers
/// from an SQLite store of the same files, and what another process
/// commits while it runs shows on the next request (its snapshot follows
/// the count of write transactions, migration 13).
#[test]
fn serve_reads_a_postgres_store_and_follows_its_writers() {
    let Some(url) = fresh_database("serve") else {
        return;
    };
    let files = sample_corpus_files();
    let (first, rest) = files.split_at(5);
    let analyze = |paths: &[PathBuf]| {
        let mut args: Vec<&std::ffi::OsStr> = vec!["analyze".as_ref(), "--json".as_ref()];
        args.extend(paths.iter().map(|p| p.as_os_str()));
        run_json(&url, &args)
    };
    // A file may hold several documents (JSON Lines).
    let stored = |summary: Value| summary["new"].as_u64().unwrap();
    let before = stored(analyze(first));
    let server = Server::start(&url);
    let total = |path: &str| server.json(path, 200)["total"].as_u64().unwrap();
    assert_eq!(total("/api/v1/documents"), before);
    let (status, _, page) = server.get("/");
    assert_eq!(status, 200, "{page}");

    let after = before + stored(analyze(rest));
    assert!(after > before);
    assert_eq!(total("/api/v1/documents"), after);
    assert!(total("/api/v1/search?q=water") > 0);

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let mut sqlite = common::dossier(&db);
    sqlite.arg("analyze").args(first).assert().success();
    common::dossier(&db)
        .arg("analyze")
        .args(rest)
        .assert()
        .success();
    let reference = Server::start(&db);
    let first_document = server.json("/api/v1/documents", 200)["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for path in [
        "/api/v1/stories?limit=500",
        "/api/v1/documents?limit=500",
        "/api/v1/actors?limit=500",
        "/api/v1/events?limit=500",
        "/api/v1/quotes?limit=500",
        "/api/v1/calculus/KGZ",
        &format!("/api/v1/documents/{first_document}"),
    ] {
        assert_eq!(
            server.json(path, 200),
            reference.json(path, 200),
            "GET {path} from PostgreSQL and from SQLite"
        );
    }
}

/// The hits of `dossier search` (text or JSON) as a sorted set of lines
/// or objects, with the total: what must not depend on the ranking.
fn search_hits(printed: &str) -> (Option<u64>, Vec<String>) {
    if let Ok(json) = serde_json::from_str::<Value>(printed) {
        let mut items: Vec<String> = json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect();
        items.sort();
        return (json["total"].as_u64(), items);
    }
    // Text: the count, then each hit after a blank line (the last one
    // ends the output, with its newline, whichever hit it is).
    let mut hits: Vec<String> = printed
        .split("\n\n")
        .map(|hit| hit.trim_end().to_string())
        .collect();
    hits.sort();
    (None, hits)
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

#[path = "../../fetch/tests/common/server.rs"]
mod server;

/// `dossier enqueue URL…` queues pages, not fetched documents: the worker
/// fetches them (robots.txt obeyed), follows a fetched feed to its items'
/// pages with the feed's metadata given, and stores each once.
#[test]
fn enqueued_urls_are_fetched_by_the_worker_with_the_feeds_they_list() {
    use server::{Response, Server};
    let Some(url) = fresh_database("enqueue_urls") else {
        return;
    };
    let port = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let port_seen = port.clone();
    let site = Server::start(move |request| {
        let base = format!(
            "http://127.0.0.1:{}",
            port_seen.load(std::sync::atomic::Ordering::Relaxed)
        );
        let page = |title: &str| {
            let p = format!(
                "Negotiators met again on {title} in Geneva on Monday, officials said, and both \
                 delegations described the talks as difficult but useful."
            );
            format!(
                "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
                 <p>{p}</p><p>{p} A second round is planned for next month.</p></article></body></html>"
            )
        };
        match request.path.as_str() {
            "/robots.txt" => Response::new(200, "text/plain", "User-agent: *\nDisallow: /private\n"),
            "/feed.rss" => Response::new(
                200,
                "application/rss+xml",
                format!(
                    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>The Courier</title>\
                     <link>{base}/</link><description>News</description>\
                     <item><title>Talks resume</title><link>{base}/articles/a</link></item>\
                     <item><title>Envoys meet</title><link>{base}/articles/b</link></item>\
                     <item><title>Secret</title><link>{base}/private/c</link></item></channel></rss>"
                ),
            ),
            path if path.starts_with("/articles/") => Response::html(page(path)),
            _ => Response::new(404, "text/plain", "not found"),
        }
    });
    port.store(site.port as usize, std::sync::atomic::Ordering::Relaxed);
    let (feed, page) = (site.url("/feed.rss"), site.url("/articles/z"));
    let enqueue: [&std::ffi::OsStr; 4] = [
        "enqueue".as_ref(),
        feed.as_ref(),
        page.as_ref(),
        "--json".as_ref(),
    ];
    let summary = run_json(&url, &enqueue);
    assert_eq!(
        (
            summary["read"].as_u64(),
            summary["pages"].as_u64(),
            summary["queued"].as_u64()
        ),
        (Some(0), Some(2), Some(2)),
        "{summary:#}"
    );
    assert_eq!(site.hits("/feed.rss"), 0, "enqueue fetches nothing");
    let again = run_json(&url, &enqueue);
    assert_eq!(
        again["queued"], 0,
        "a page already waiting is queued once: {again:#}"
    );

    let work = run_json(
        &url,
        &[
            "worker",
            "--until-empty",
            "--json",
            "--host-delay",
            "0s",
            "--timeout",
            "5s",
        ]
        .map(std::ffi::OsStr::new),
    );
    assert_eq!(work["new"], 3, "{work:#}");
    let skipped = work["skipped"].to_string();
    assert!(
        skipped.contains("/private/c") && skipped.contains("robots.txt"),
        "{work:#}"
    );
    assert_eq!(site.hits("/private/c"), 0);
    let export = run_json(
        &url,
        &["export".as_ref(), "--format".as_ref(), "json".as_ref()],
    );
    let documents = export["documents"].as_array().unwrap();
    let a = documents
        .iter()
        .find(|d| d["origin"] == site.url("/articles/a"))
        .unwrap_or_else(|| panic!("no /articles/a in {documents:#?}"));
    assert_eq!(a["title"], "Talks resume", "the feed item's title is given");
    assert_eq!(a["outlet"], "The Courier");
    assert_eq!(documents.len(), 3);
    assert_eq!(site.hits("/articles/a"), 1);
}
