//! `dossier quotes`: quotations with their speaker, actor and affiliation;
//! direct ones inside quotation marks.

use dossier_model::Directness;
use dossier_store::{QuoteRow, Storage, StoreError};
use serde_json::json;

use crate::Listing;

/// The quotations whose speaker's name or actor id contains `speaker`
/// (case aside; every quotation when `None`), as lines or JSON.
pub fn render(
    store: &impl Storage,
    speaker: Option<&str>,
    listing: Listing,
) -> Result<String, StoreError> {
    let needle = speaker.map(str::to_lowercase);
    let said_by = |q: &QuoteRow| {
        needle.as_deref().is_none_or(|n| {
            [&q.speaker, &q.speaker_actor]
                .iter()
                .any(|s| s.as_deref().is_some_and(|s| s.to_lowercase().contains(n)))
        })
    };
    let quotes: Vec<QuoteRow> = store.quotes()?.into_iter().filter(said_by).collect();
    if listing == Listing::Json {
        let rows: Vec<_> = quotes
            .iter()
            .map(|q| {
                json!({"document": q.document, "start": q.start, "end": q.end, "text": q.text,
                    "speaker": q.speaker, "speaker_actor": q.speaker_actor, "affiliation": q.affiliation,
                    "direct": q.direct.name()})
            })
            .collect();
        return Ok(crate::pretty_json(&rows.into()));
    }
    let mut out = String::new();
    for q in &quotes {
        let who = q.speaker.as_deref().unwrap_or("(unattributed)");
        let (open, close) = match q.direct {
            Directness::Indirect => ("", ""),
            Directness::Direct | Directness::Partial => ("“", "”"),
        };
        out += &format!(
            "{who} [{}]: {open}{}{close}\n",
            q.document,
            q.text.replace('\n', " "),
        );
    }
    Ok(out)
}
