//! Analyze: everything dossier derives from one article alone.
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
//! ontology).

pub mod actors;
mod chars;
pub mod eval;
pub mod events;
pub mod quotes;
mod sentences;
mod shapes;
pub mod stances;
pub mod times;
mod vocabulary;

use dossier_model::{Analysis, Article};

pub use sentences::split_sentences;

/// Analyses one article.
pub fn analyze(article: &Article) -> Analysis {
    let mut analysis = Analysis::default();
    for paragraph in &article.paragraphs {
        analysis
            .sentences
            .extend(split_sentences(&article.text, paragraph.span));
    }
    (analysis.times, analysis.published_inferred) =
        times::find_article_times(&article.text, article.published.as_deref());
    // The date dated roles are resolved against: the article's own, else
    // the one inferred from its text.
    let date = article
        .published
        .as_deref()
        .or(analysis.published_inferred.as_deref())
        .filter(|d| d.len() >= 10)
        .map(|d| &d[..10]);
    let (actors, mentions) = actors::find_actors(&article.text, date);
    analysis.actors = actors;
    analysis.mentions = mentions;
    analysis.quotes = quotes::find_quotes(&article.text, &article.paragraphs, &analysis.sentences);
    actors::link_speakers(
        &article.text,
        &mut analysis.quotes,
        &analysis.actors,
        &analysis.mentions,
    );
    analysis.events = events::find_events(
        &article.text,
        &analysis.sentences,
        &analysis.mentions,
        &analysis.times,
    );
    analysis.stances = stances::find_stances(
        &article.text,
        &analysis.sentences,
        &analysis.mentions,
        &analysis.quotes,
        &analysis.events,
        &analysis.actors,
    );
    analysis
}
