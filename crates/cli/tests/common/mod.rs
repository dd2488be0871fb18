//! Helpers shared by the CLI test files.
#![allow(dead_code)] // each test file uses a different subset

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitCode, Stdio};

use assert_cmd::Command;
use serde_json::Value;

/// A `dossier` command using the store `db`, isolated from the caller's
/// DOSSIER_DB.
pub fn dossier(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dossier").unwrap();
    cmd.env_remove("DOSSIER_DB").arg("--db").arg(db);
    cmd
}

/// Runs `dossier --db DB ARGS…`, asserts success and parses stdout as JSON.
pub fn run_json<I, S>(db: &Path, args: I) -> Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = dossier(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `dossier analyze PATH --json`: the run's summary.
pub fn analyze_json(db: &Path, path: &Path) -> Value {
    run_json(
        db,
        [
            Path::new("analyze").as_os_str(),
            path.as_os_str(),
            "--json".as_ref(),
        ],
    )
}

/// `dossier export --format json`: every table.
pub fn export_json(db: &Path) -> Value {
    run_json(db, ["export", "--format", "json"])
}

/// Where the seed articles are read from: `../shared/corpus/seeds` beside
/// the checkout (their text is never copied into the repository).
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds")
}

/// The `main` of a seed test file: runs `tests` (name, test) on the seeds
/// under libtest-mimic, which speaks libtest's command line, so `cargo
/// test` and nextest run them like any test.
///
/// Why a custom harness: without `../shared` the seed tests used to return
/// early and pass in 0.01 s, having tested nothing. libtest has no way to
/// skip at run time, and `#[ignore]` (or a build script's `cfg`) is fixed
/// when the test is compiled, so it would go stale when `shared/` appears
/// or goes. Here each test is marked ignored, when the folder is absent,
/// as the runner lists the tests: `cargo test` counts it as ignored and
/// nextest as skipped, in their own terms, and `--run-ignored` / `--ignored`
/// then fails it with where the data should be.
pub fn run_seed_tests(tests: &[(&'static str, fn(&Path))]) -> ExitCode {
    let args = libtest_mimic::Arguments::from_args();
    let seeds = seeds_dir();
    let present = seeds.is_dir();
    if !present && !args.list {
        eprintln!(
            "note: {} not found: the seed tests are ignored (they need the shared folder beside the checkout)",
            seeds.display()
        );
    }
    let trials = tests
        .iter()
        .map(|&(name, test)| {
            let seeds = seeds.clone();
            libtest_mimic::Trial::test(name, move || {
                if !seeds.is_dir() {
                    return Err(format!(
                        "{} not found: needs ../shared/corpus/seeds",
                        seeds.display()
                    )
                    .into());
                }
                test(&seeds);
                Ok(())
            })
            .with_ignored_flag(!present)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}

/// The export with what depends only on which process stored a document
/// first taken out: a reuse link's `a` is the document stored earlier (so
/// here the one with the smaller id, passages swapped with it and listed
/// in its order), an actor's
/// roles and aliases are listed in the order documents added them; rows
/// are sorted.
pub fn normalised(export: Value) -> serde_json::Map<String, Value> {
    let mut tables = export.as_object().unwrap().clone();
    for (table, rows) in tables.iter_mut() {
        let rows = rows.as_array_mut().unwrap();
        for row in rows.iter_mut() {
            if table == "reuse" && row["a"].as_str() > row["b"].as_str() {
                let (a, b) = (row["a"].clone(), row["b"].clone());
                row["a"] = b;
                row["b"] = a;
                for p in row["passages"].as_array_mut().unwrap() {
                    let (a, b) = (p["a"].clone(), p["b"].clone());
                    p["a"] = b;
                    p["b"] = a;
                }
            }
            if table == "reuse" {
                let passages = row["passages"].as_array_mut().unwrap();
                passages.sort_by_key(|p| (p["a"][0].as_u64(), p["a"][1].as_u64()));
            }
            if table == "actors" {
                for list in ["roles", "aliases"] {
                    row[list]
                        .as_array_mut()
                        .unwrap()
                        .sort_by_key(|v| v.to_string());
                }
            }
        }
        rows.sort_by_cached_key(|r| r.to_string());
    }
    tables
}

/// The sample corpus's files, sorted.
pub fn sample_corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "the sample corpus shrank: {files:?}");
    files
}

/// A JSON Lines file of `n` distinct articles made from the sample
/// corpus's plain-text files (a numbered line added to each, so every
/// record is new content; copies of one text link as reuse).
pub fn generated_corpus(dir: &Path, n: usize) -> PathBuf {
    let texts: Vec<String> = sample_corpus_files()
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut lines = String::new();
    for i in 0..n {
        let text = format!(
            "{}\n\nCorrection {i}: an earlier version of this article misspelt a name.",
            texts[i % texts.len()]
        );
        let record = serde_json::json!({"id": format!("gen-{i}"), "text": text});
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let path = dir.join("generated.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

/// Every reading command over the sample corpus, by the name of its golden
/// file in `tests/golden/` (`readers.rs` holds the SQLite store to them,
/// `postgres.rs` holds a PostgreSQL store to the SQLite store's output).
pub const READING_COMMANDS: &[(&str, &[&str])] = &[
    ("actors", &["actors"]),
    ("actors_json", &["actors", "--json"]),
    ("quotes", &["quotes"]),
    ("quotes_json", &["quotes", "--json"]),
    ("quotes_speaker", &["quotes", "--speaker", "sultanova"]),
    ("timeline", &["timeline"]),
    ("timeline_json", &["timeline", "--json"]),
    ("timeline_actor", &["timeline", "--actor", "KAZ"]),
    ("dyad", &["dyad", "KAZ", "KGZ"]),
    ("calculus", &["calculus", "Kyrgyzstan"]),
    ("calculus_all", &["calculus", "KAZ", "--all"]),
    ("calculus_json", &["calculus", "KGZ", "--json"]),
    ("brief_md", &["brief"]),
    ("brief_html", &["brief", "--format", "html"]),
    ("search", &["search", "water"]),
    ("search_json", &["search", "water", "--json"]),
];

/// The sample corpus bundled with the repository.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

/// A running `dossier serve` on a free loopback port; killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Serves the store `db` (an SQLite file or a PostgreSQL URL).
    pub fn start(db: impl AsRef<std::ffi::OsStr>) -> Server {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .env_remove("DOSSIER_DB")
            .args([
                "--db".as_ref(),
                db.as_ref(),
                "serve".as_ref(),
                "--addr".as_ref(),
                "127.0.0.1:0".as_ref(),
            ])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Server { child, base }
    }

    /// GET `path`: status, headers (lower-case names) and body.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let host = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(host).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, head.to_lowercase(), body.to_string())
    }

    pub fn json(&self, path: &str, status: u16) -> Value {
        let (got, _, body) = self.get(path);
        assert_eq!(got, status, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
