//! Analyze: everything dossier derives from one article alone — the facade
//! over the stages, one crate each.
//!
//! **API Boundary:** the product (the CLI's `analyze` loop, the worker),
//! the scorers, the bench and the fuzz targets call [`analyze`]; a stage's
//! own functions are re-exported under its name ([`actors`], [`times`],
//! [`quotes`], [`events`], [`stances`]) for the scorers that measure one
//! stage alone.
//!
//! **Architecture Invariant:** analysing one document never reads another.
//! [`analyze`] is a pure function of the [`Article`], so articles are
//! analysed in parallel and in any order, and re-analysing one never changes
//! another's results. Cross-article work belongs to the link stage.
//!
//! Stages, in the order [`analyze`] runs them: sentences; time
//! expressions (normalised against the publication date, or a date
//! inferred from the text); actors (gazetteer mentions, dated roles, people
//! and organisations found in the text); quotes (who said what, speakers
//! linked to actors); events (who did what to whom, in the PLOVER
//! ontology); stances (what an actor stands to gain or lose). Each stage
//! reads the text and the earlier stages' output, passed here; no stage
//! crate depends on another.

pub use dossier_actors as actors;
pub use dossier_events as events;
pub use dossier_quotes as quotes;
pub use dossier_stances as stances;
pub use dossier_times as times;

use dossier_model::{Analysis, Article, Span};
use dossier_text::Doc;

pub use dossier_text::sentences::split_sentences;

/// The article's annotated document: its paragraphs, sentences and
/// tokens, without the model's layers (each stage adds them to the
/// sentences it reads).
pub fn article_doc(article: &Article) -> Doc<'_> {
    let paragraphs: Vec<Span> = article.paragraphs.iter().map(|p| p.span).collect();
    Doc::with_paragraphs(&article.text, &paragraphs)
}

/// Analyses one article.
pub fn analyze(article: &Article) -> Analysis {
    // Made once for every stage; a sentence two stages parse is parsed
    // once.
    let mut doc = article_doc(article);
    let mut analysis = Analysis {
        sentences: doc.sentences().iter().map(|s| s.span).collect(),
        ..Analysis::default()
    };
    (analysis.times, analysis.published_inferred) =
        times::find_article_times(&doc, article.published.as_deref());
    // The date dated roles are resolved against: the article's own, else
    // the one inferred from its text.
    let date = article
        .published
        .as_deref()
        .or(analysis.published_inferred.as_deref())
        .and_then(times::article_day);
    let (actors, mentions) = actors::find_actors(&mut doc, date);
    analysis.actors = actors;
    analysis.mentions = mentions;
    let bodies = actors::body_spans(&analysis.actors, &analysis.mentions);
    analysis.quotes = quotes::find_quotes_among(&mut doc, &bodies);
    actors::link_speakers(
        &article.text,
        &mut analysis.quotes,
        &analysis.actors,
        &analysis.mentions,
    );
    analysis.events = events::find_events(&mut doc, &analysis.mentions, &analysis.times);
    analysis.stances = stances::find_stances(
        &doc,
        &analysis.mentions,
        &analysis.quotes,
        &analysis.events,
        &analysis.actors,
    );
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{Paragraph, ParagraphKind, Span};

    fn article(published: &str) -> Article {
        let text = "President Xi Jinping met Kazakhstan's president in Astana on Tuesday.";
        Article {
            origin: "test".into(),
            published: Some(published.into()),
            text: text.into(),
            paragraphs: vec![Paragraph {
                span: Span::new(0, text.len()),
                kind: ParagraphKind::Body,
            }],
            ..Article::default()
        }
    }

    /// Regression: `&d[..10]` cut a Unicode hyphen in half and the whole
    /// analysis panicked, so the article was stored without actors.
    #[test]
    fn a_publication_date_in_other_characters_does_not_stop_the_analysis() {
        for published in [
            "2025\u{2010}03\u{2010}13",
            "２０２５-０３-１３",
            "2025-1\u{e9}-13xx",
            "2025-13-45",
        ] {
            let analysis = analyze(&article(published));
            assert!(!analysis.actors.is_empty(), "{published}");
        }
        assert_eq!(times::article_day("2025-03-13T09:00Z"), Some("2025-03-13"));
        assert_eq!(times::article_day("2025-+3-13"), None);
    }
}
