//! `dossier actors`: the store's actors with their kind and how often and in
//! how many documents they are named, most mentioned first.

use dossier_store::{Storage, StoreError};
use serde_json::json;

use crate::Listing;

/// The first `limit` actors (all when 0) as a table or JSON.
pub fn render(store: &impl Storage, limit: usize, listing: Listing) -> Result<String, StoreError> {
    let mut actors = store.actors()?;
    if limit > 0 {
        actors.truncate(limit);
    }
    if listing == Listing::Json {
        let rows: Vec<_> = actors
            .iter()
            .map(|a| {
                json!({"id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
                    "roles": a.roles, "affiliation": a.affiliation, "mentions": a.mentions, "documents": a.documents})
            })
            .collect();
        return Ok(crate::pretty_json(&rows.into()));
    }
    let mut out = format!(
        "{:<32} {:<12} {:>8} {:>9}  {}\n",
        "ACTOR", "KIND", "MENTIONS", "DOCUMENTS", "ID"
    );
    for a in &actors {
        out += &format!(
            "{:<32} {:<12} {:>8} {:>9}  {}\n",
            truncate(&a.name, 32),
            a.kind,
            a.mentions,
            a.documents,
            a.id
        );
    }
    Ok(out)
}

/// At most `width` characters of `s`, with an ellipsis when cut.
fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    s.chars().take(width - 1).collect::<String>() + "…"
}
