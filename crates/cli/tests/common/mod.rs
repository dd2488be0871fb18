//! Helpers shared by the CLI test files.
#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
