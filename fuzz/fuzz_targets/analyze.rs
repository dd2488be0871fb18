//! Fuzz target: `analyze()` on arbitrary text, as the extractor would hand
//! it over (paragraphs separated by blank lines), with an arbitrary
//! publication date taken from the first line. Any panic is a bug (a panic
//! costs the article its analysis), and every evidence span must lie on
//! character boundaries of the text.
#![no_main]

use dossier_model::{Article, Paragraph, ParagraphKind, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (published, text) = match input.split_once('\n') {
        Some((first, rest)) if first.len() <= 40 => (Some(first.to_string()), rest.to_string()),
        _ => (None, input.into_owned()),
    };
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        if !part.trim().is_empty() {
            paragraphs.push(Paragraph {
                span: Span::new(start, start + part.len()),
                kind: ParagraphKind::Body,
            });
        }
        start += part.len() + 2;
    }
    let article = Article {
        origin: "fuzz".into(),
        published,
        text,
        paragraphs,
        ..Article::default()
    };
    let analysis = dossier_analyze::analyze(&article);
    let text = &article.text;
    let on_boundaries = |span: &Span| {
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{span:?}"
        );
    };
    analysis.sentences.iter().for_each(on_boundaries);
    analysis
        .mentions
        .iter()
        .for_each(|m| on_boundaries(&m.span));
    analysis.times.iter().for_each(|t| on_boundaries(&t.span));
    for q in &analysis.quotes {
        on_boundaries(&q.span);
        q.speaker_span.iter().chain(&q.cue).for_each(on_boundaries);
    }
    for e in &analysis.events {
        on_boundaries(&e.span);
        on_boundaries(&e.trigger);
    }
    for s in &analysis.stances {
        on_boundaries(&s.span);
        on_boundaries(&s.cue);
    }
});
