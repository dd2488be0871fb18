//! Evaluation: each extractor scored against labelled data, with the
//! precision, recall and F1 that `dossier eval …` prints (development and
//! held-out figures side by side where the data has both halves).
//!
//! **API Boundary:** nothing in the product depends on this crate; only the
//! CLI's `eval` command, tests and benches do. Scorers call the stages
//! through their public functions, as the product does, so a score measures
//! what users get.

pub mod metrics;

// The extract stage.
pub mod cleaner;
pub mod extraction;

// The analyze stage.
pub mod actors;
pub mod ngec;
pub mod plover;
pub mod quotes;
pub mod realnews;
pub mod stances;
pub mod times;

// The link stage.
pub mod human;
pub mod passages;
pub mod provenance;
pub mod spun;

pub use metrics::Prf;
