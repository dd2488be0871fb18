//! Evaluation against labelled data: each extractor's score, printed by
//! `dossier eval …` with precision, recall and F1.

pub mod cleaner;
pub mod extraction;

pub use dossier_model::metrics::Prf;
