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
//!   scale, as `dossier timeline` and `dossier dyad` print them.
//! - [`actors`], [`quotes`], [`calculus`]: what `dossier actors`, `quotes`
//!   and `calculus` print.
//!
//! Every renderer reads any [`Storage`] (SQLite or PostgreSQL), so each
//! command prints the same bytes from either store; the CLI only parses
//! arguments and opens the store. Outputs only read the store; they never
//! change it.

use std::collections::HashMap;

use dossier_store::{Storage, StoreError};

pub mod actors;
pub mod brief;
pub mod calculus;
#[cfg(feature = "parquet")]
pub mod columnar;
pub mod export;
pub mod network;
pub mod quotes;
pub mod search;
pub mod timeline;

/// How a listing command prints: a table or lines for people, or JSON
/// (pretty-printed, one array or object) for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Text,
    Json,
}

/// Display names of the store's actors by id.
pub fn actor_names(store: &impl Storage) -> Result<HashMap<String, String>, StoreError> {
    Ok(store
        .actors()?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect())
}

/// `value` as pretty JSON and a newline, as every `--json` prints it.
fn pretty_json(value: &serde_json::Value) -> String {
    // A `Value` has string keys and finite numbers only: it always serialises.
    serde_json::to_string_pretty(value).expect("a JSON value serialises") + "\n"
}
