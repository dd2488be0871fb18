//! Outputs: what users read out of the store.
//!
//! - [`export`]: the export contract of `docs/DESIGN.md` (JSON, JSON Lines, CSV):
//!   every table always present, fields extended but never renamed.
//! - [`brief`]: the readable briefing (Markdown or HTML), with a section per
//!   kind of finding and no section when there is nothing to say.
//! - [`search`]: full-text search results as JSON (CLI and web API) and text.
//! - [`timeline`]: events by date and dyad series on the cooperation–conflict
//!   scale.
//!
//! Outputs only read the store; they never change it.

pub mod brief;
pub mod export;
pub mod search;
pub mod timeline;
