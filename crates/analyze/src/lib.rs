//! Analyze: everything dossier derives from one article alone.
//!
//! **Architecture Invariant:** analysing one document never reads another.
//! [`analyze`] is a pure function of the [`Article`], so articles are
//! analysed in parallel and in any order, and re-analysing one never changes
//! another's results. Cross-article work belongs to the link stage.
//!
//! Today this stage splits sentences; mentions, time expressions, quotes,
//! events and stance statements join it as later stages land.

mod sentences;

use dossier_model::{Analysis, Article};

pub use sentences::split_sentences;

/// Analyses one article.
pub fn analyze(article: &Article) -> Analysis {
    let mut sentences = Vec::new();
    for paragraph in &article.paragraphs {
        sentences.extend(split_sentences(&article.text, paragraph.span));
    }
    Analysis {
        sentences,
        ..Analysis::default()
    }
}
