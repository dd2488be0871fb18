//! What the reading commands print for the sample corpus, held byte for
//! byte to the golden files in `tests/golden/` (`UPDATE_EXPECT=1 cargo
//! nextest run -p dossier-cli --test readers` rewrites them after a change
//! meant to change the output; review the diff).

use std::path::{Path, PathBuf};

use expect_test::expect_file;

mod common;
use common::{analyze_json, dossier, sample_corpus, READING_COMMANDS};

#[test]
fn reading_commands_print_their_golden_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    analyze_json(&db, &corpus_at_fixed_path());
    for (name, args) in READING_COMMANDS {
        let out = dossier(&db).args(*args).output().unwrap();
        assert!(
            out.status.success(),
            "dossier {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let printed = String::from_utf8(out.stdout).unwrap();
        assert!(
            !printed.trim().is_empty(),
            "dossier {args:?} printed nothing"
        );
        expect_file![format!("golden/{name}.txt")].assert_eq(&printed);
    }
}

/// Where the sample corpus is read from. A document's id follows the
/// canonical path of its file (so a file keeps its id across versions),
/// and ids order ties and name documents in the output: the golden files
/// hold only for a corpus read from the same place on every machine and
/// checkout. That place is a copy at a fixed path, put there atomically
/// (copied aside, then renamed) and replaced when the corpus changed.
fn corpus_at_fixed_path() -> PathBuf {
    let fixed = Path::new("/tmp/dossier-golden-corpus");
    let source = sample_corpus();
    for _ in 0..3 {
        if same_files(&source, fixed) {
            return fixed.to_path_buf();
        }
        let _ = std::fs::remove_dir_all(fixed);
        let aside = tempfile::tempdir_in("/tmp").unwrap();
        for entry in std::fs::read_dir(&source).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, aside.path().join(path.file_name().unwrap())).unwrap();
        }
        // Another test process may have put its copy there first.
        let kept = aside.keep();
        if std::fs::rename(&kept, fixed).is_err() {
            let _ = std::fs::remove_dir_all(&kept);
        }
    }
    panic!("could not put the sample corpus at {}", fixed.display());
}

fn same_files(a: &Path, b: &Path) -> bool {
    let names = |dir: &Path| -> Option<Vec<_>> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .ok()?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .ok()?;
        v.sort();
        Some(v)
    };
    let (Some(left), Some(right)) = (names(a), names(b)) else {
        return false;
    };
    left == right
        && left
            .iter()
            .all(|n| std::fs::read(a.join(n)).ok() == std::fs::read(b.join(n)).ok())
}
