//! Evaluation of the analyze stage's extractors against labelled data; the
//! CLI's `dossier eval …` commands print these scores.

pub mod actors;
pub mod ngec;
pub mod plover;
pub mod quotes;
pub mod realnews;
pub mod stances;
pub mod times;
