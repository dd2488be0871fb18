//! Search results for people and programs: the JSON that `dossier search
//! --json` prints and the web API's `/api/v1/search` answers (one shape for
//! both), and the text `dossier search` prints.

use dossier_store::{SearchHit, SearchQuery, SearchResults, Storage, StoreError};
use serde_json::{json, Value};

use crate::Listing;

/// `dossier search`: one page of the sentences matching `q`, as text or as
/// the web API's JSON.
pub fn render(
    store: &impl Storage,
    q: &SearchQuery,
    listing: Listing,
) -> Result<String, StoreError> {
    let found = store.search(q)?;
    Ok(match listing {
        Listing::Json => crate::pretty_json(&results(&found, q)),
        Listing::Text => text(&found, q),
    })
}

/// One hit as JSON: the document id and byte span are the export
/// contract's, so a hit can be joined with `documents`, `mentions`, ….
pub fn hit(h: &SearchHit) -> Value {
    json!({
        "document": h.document,
        "title": h.title,
        "outlet": h.outlet,
        "date": h.date,
        "start": h.start,
        "end": h.end,
        "sentence": h.sentence,
        "before": h.before,
        "after": h.after,
    })
}

/// A page of results in the web API's envelope for lists: how many match
/// in all, the page asked for (`limit`, `offset`), and its hits as `items`.
pub fn results(r: &SearchResults, q: &SearchQuery) -> Value {
    json!({
        "total": r.total,
        "limit": q.limit,
        "offset": q.offset,
        "items": r.hits.iter().map(hit).collect::<Vec<_>>(),
    })
}

/// Results as text: a line per hit naming its document, span and date, then
/// the sentence between its neighbours (each on one line).
pub fn text(r: &SearchResults, q: &SearchQuery) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    if r.total == 0 {
        out.push_str("no sentence matches\n");
        return out;
    }
    let last = q.offset + r.hits.len();
    out += &format!("{}–{} of {} sentences\n", q.offset + 1, last, r.total);
    for h in &r.hits {
        out += &format!(
            "\n{} [{}..{}] {} {}\n",
            h.document,
            h.start,
            h.end,
            h.date.as_deref().unwrap_or("undated"),
            h.title.as_deref().map(one_line).unwrap_or_default()
        );
        if !h.before.is_empty() {
            out += &format!("    … {}\n", one_line(&h.before));
        }
        out += &format!("  > {}\n", one_line(&h.sentence));
        if !h.after.is_empty() {
            out += &format!("    {} …\n", one_line(&h.after));
        }
    }
    if last < r.total {
        out += &format!("\n(more: --offset {last})\n");
    }
    out
}
