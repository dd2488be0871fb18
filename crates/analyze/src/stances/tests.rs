//! Unit tests with invented sentences: each cue pattern, negation, hedges,
//! contrast, pronoun holders, quoted versus authorial statements.

use dossier_model::{Article, Paragraph, ParagraphKind, Polarity, Span, StanceStatement};

use crate::analyze;

/// The statements of a text analysed as one article (paragraphs at blank
/// lines), as (holder, polarity, evidence) triples.
fn stances(text: &str) -> (Vec<StanceStatement>, String) {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        paragraphs.push(Paragraph {
            span: Span::new(start, start + part.len()),
            kind: ParagraphKind::Body,
        });
        start += part.len() + 2;
    }
    let article = Article {
        text: text.to_string(),
        paragraphs,
        published: Some("2024-06-20".into()),
        ..Article::default()
    };
    (analyze(&article).stances, text.to_string())
}

#[test]
#[ignore]
fn dump_seeds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let inputs = dossier_sources::expand(&[&dir]).unwrap();
    for raw in inputs
        .iter()
        .flat_map(|i| dossier_sources::read_input(i).docs)
    {
        let a = dossier_extract::extract(&raw);
        let an = analyze(&a);
        println!("=== {}", a.origin);
        for s in &an.stances {
            println!(
                "{} {:?} h={} q={:?} topic={:?}\n    {:?}  [cue {:?}]",
                s.holder,
                s.polarity,
                s.hedged,
                s.quote.map(|q| an.quotes[q].speaker.clone()),
                s.topic,
                s.span.of(&a.text),
                s.cue.of(&a.text)
            );
        }
    }
    let _ = (stances, Polarity::Benefit);
}
