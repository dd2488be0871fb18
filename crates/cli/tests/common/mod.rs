//! Helpers shared by the CLI test files.
#![allow(dead_code)] // each test file uses a different subset

use std::path::Path;

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
