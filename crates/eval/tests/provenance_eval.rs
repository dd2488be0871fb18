//! The provenance evaluation on copies of the extraction benchmark's
//! article bodies (read from `../shared/eval/extraction/ground-truth.json`
//! at run time). Ignored by default; run with
//! `cargo nextest run -p dossier-link --run-ignored only provenance_eval --no-capture`.

use std::path::PathBuf;

use dossier_eval::provenance::{evaluate, load_bodies, CopyKind, Corpus, SEED};

#[test]
#[ignore = "needs ../shared/eval/extraction/ground-truth.json; takes a minute"]
fn provenance_eval() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/extraction/ground-truth.json");
    let bodies = load_bodies(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (get it from github.com/scrapinghub/article-extraction-benchmark)",
            path.display()
        )
    });
    let corpus = Corpus::generate(&bodies, 1000, SEED);
    let report = evaluate(&corpus);
    println!("{report}");
    assert!(
        report.precision.rate() >= 0.98,
        "precision {}",
        report.precision
    );
    for kind in [
        CopyKind::Exact,
        CopyKind::Boilerplate,
        CopyKind::Dropped,
        CopyKind::Reordered,
        CopyKind::Passage,
    ] {
        assert!(
            report.recall_of(kind) >= 0.95,
            "{}: {}",
            kind.name(),
            report.recall_of(kind)
        );
    }
    assert!(
        report.recall_of(CopyKind::Spun40) >= 0.8,
        "spun 40%: {}",
        report.recall_of(CopyKind::Spun40)
    );
}
