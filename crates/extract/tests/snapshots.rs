//! Data-driven tests: every article of the sample corpus beside the clean
//! article dossier extracts from it (`tests/expected/<file>.txt`).
//! Refresh after an intended change with `UPDATE_EXPECT=1 cargo test`,
//! then read the diff.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn sample_corpus_extractions_match_their_snapshots() {
    let corpus = workspace().join("examples/corpus");
    let inputs = dossier_sources::expand(&[&corpus]).expect("examples/corpus exists");
    assert!(
        inputs.len() >= 12,
        "sample corpus has {} files",
        inputs.len()
    );
    for input in inputs {
        let dossier_sources::Input::File(path) = &input else {
            unreachable!()
        };
        let read = dossier_sources::read_input(&input);
        assert!(read.skips.is_empty(), "{:?}", read.skips);
        let mut snapshot = String::new();
        for raw in &read.docs {
            let a = dossier_extract::extract(raw);
            let origin = raw.origin.rsplit('/').next().unwrap_or(&raw.origin);
            snapshot += &format!(
                "origin: {origin}\ntitle: {:?}\nauthor: {:?}\npublished: {:?}\noutlet: {:?}\nlanguage: {:?}\nparagraphs: {}\n\n{}\n\n",
                a.title,
                a.author,
                a.published,
                a.outlet,
                a.language,
                a.paragraphs.len(),
                a.text
            );
        }
        let name = path.file_name().unwrap().to_string_lossy();
        let expected =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/expected/{name}.txt"));
        expect_test::expect_file![expected].assert_eq(&snapshot);
    }
}
