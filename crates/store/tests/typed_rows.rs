//! Values stored by name come back typed, and a name this dossier does not
//! know is an error that names the column and the value, never a quote
//! silently shown as direct or a point left off every side of a calculus.

use dossier_model::{Analysis, AnalyzedDoc, Article, Directness, Quote, Span};
use dossier_store::Store;

fn quoted(direct: Directness, n: usize) -> AnalyzedDoc {
    let text = format!("\"We will sign,\" the minister said. Document {n}.");
    AnalyzedDoc {
        id: format!("doc-{n}"),
        content_hash: format!("hash-{n}"),
        article: Article {
            origin: format!("doc-{n}.txt"),
            text,
            ..Article::default()
        },
        analysis: Analysis {
            sentences: vec![Span::new(0, 34)],
            quotes: vec![Quote {
                span: Span::new(1, 13),
                speaker: Some("the minister".into()),
                speaker_span: Some(Span::new(15, 27)),
                cue: Some(Span::new(28, 32)),
                speaker_actor: None,
                affiliation: None,
                direct,
            }],
            ..Analysis::default()
        },
        spun: Default::default(),
    }
}

#[test]
fn directness_comes_back_typed_and_an_unknown_name_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let mut store = Store::open(&path).unwrap();
    let kinds = [
        Directness::Direct,
        Directness::Indirect,
        Directness::Partial,
    ];
    let docs: Vec<AnalyzedDoc> = kinds
        .iter()
        .enumerate()
        .map(|(n, d)| quoted(*d, n))
        .collect();
    store.insert_batch(&docs).unwrap();
    let read: Vec<Directness> = store.quotes().unwrap().iter().map(|q| q.direct).collect();
    assert_eq!(read, kinds);
    drop(store);

    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute(
        "UPDATE quotes SET direct = 'maybe' WHERE direct = 'partial'",
        [],
    )
    .unwrap();
    drop(db);
    let err = Store::open_existing(&path)
        .unwrap()
        .quotes()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("quotes.direct") && err.contains("\"maybe\""),
        "{err}"
    );
}
