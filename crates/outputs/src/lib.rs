//! Outputs: what users read out of the store.
//!
//! - [`export`]: the export contract of `docs/DESIGN.md` (JSON, JSON Lines, CSV,
//!   Parquet): every table always present, fields extended but never renamed.
//! - [`columnar`]: the contract's tables as typed Parquet files.
//! - [`network`]: the actor network as GEXF and GraphML, for graph tools.
//! - [`brief`]: the readable briefing (Markdown or HTML), with a section per
//!   kind of finding and no section when there is nothing to say.
//! - [`search`]: full-text search results as JSON (CLI and web API) and text.
//! - [`timeline`]: events by date and dyad series on the cooperation–conflict
//!   scale.
//!
//! Outputs only read the store; they never change it.

pub mod brief;
#[cfg(feature = "parquet")]
pub mod columnar;
pub mod export;
pub mod network;
pub mod search;
pub mod timeline;
