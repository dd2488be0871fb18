//! What the reading commands print for the sample corpus, held byte for
//! byte to the golden files in `tests/golden/` (`UPDATE_EXPECT=1 cargo
//! nextest run -p dossier-cli --test readers` rewrites them after a change
//! meant to change the output; review the diff).

use expect_test::expect_file;

mod common;
use common::{analyze_json, dossier, sample_corpus, READING_COMMANDS};

#[test]
fn reading_commands_print_their_golden_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    analyze_json(&db, &sample_corpus());
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
