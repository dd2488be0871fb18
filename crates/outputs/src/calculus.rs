//! `dossier calculus ACTOR`: what the articles say an actor stands to gain
//! and to lose (then wants and objects to), one line per point, ranked by
//! independent sources, each with the documents behind it grouped by
//! source. Each side lists the points the brief would
//! ([`crate::brief::points_shown`]) and counts the rest.

use std::collections::HashMap;

use dossier_model::Polarity;
use dossier_store::{StanceRow, Storage, StoreError};
use serde_json::json;

use crate::Listing;

/// The sides of a calculus, in the order they are shown (by `dossier
/// calculus` and by the web UI): polarity and heading.
pub const SIDES: [(Polarity, &str); 4] = [
    (Polarity::Benefit, "stands to gain"),
    (Polarity::Cost, "stands to lose"),
    (Polarity::Support, "wants"),
    (Polarity::Oppose, "objects to"),
];

/// Which points of which actor to show.
pub struct Options<'a> {
    /// The actor's id, as the store holds it.
    pub actor: &'a str,
    /// Only points whose topic contains this text (case aside).
    pub topic: Option<&'a str>,
    /// Every point, not only those [`crate::brief::points_shown`] picks.
    pub all: bool,
}

/// The calculus of one actor as text or JSON (JSON lists every point).
pub fn render(store: &impl Storage, o: &Options, listing: Listing) -> Result<String, StoreError> {
    let topic = o.topic.map(str::to_lowercase);
    let points: Vec<StanceRow> = store
        .stances()?
        .into_iter()
        .filter(|s| s.holder == o.actor)
        .filter(|s| {
            topic.as_deref().is_none_or(|t| {
                s.topic
                    .as_deref()
                    .is_some_and(|x| x.to_lowercase().contains(t))
            })
        })
        .collect();
    let reuse = store.reuse()?;
    let outlets = store.outlets()?;
    let independent = dossier_link::Sources::new(
        reuse.iter().map(|r| (r.a.as_str(), r.b.as_str())),
        outlets.iter().map(|(d, o)| (d.as_str(), o.as_str())),
    );
    let short_names: HashMap<String, String> = store
        .documents()?
        .into_iter()
        .map(|d| (d.id, short_name(&d.origin)))
        .collect();
    // The documents behind a point by short name, grouped by source.
    let sources = |s: &StanceRow| -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<String>> = independent
            .groups(s.documents.iter().map(String::as_str))
            .into_iter()
            .map(|g| {
                let mut names: Vec<String> = g
                    .into_iter()
                    .map(|d| short_names.get(d).cloned().unwrap_or_else(|| d.to_string()))
                    .collect();
                names.sort();
                names
            })
            .collect();
        groups.sort();
        groups
    };
    if listing == Listing::Json {
        let rows: Vec<_> = points
            .iter()
            .map(|s| {
                json!({"polarity": s.polarity.name(), "topic": s.topic, "text": s.text,
                    "independent_sources": s.independent_sources, "documents": s.documents,
                    "sources": sources(s), "statements": s.evidence.len()})
            })
            .collect();
        return Ok(crate::pretty_json(&rows.into()));
    }
    let names = crate::actor_names(store)?;
    let name = names.get(o.actor).map_or(o.actor, String::as_str);
    let mut out = String::new();
    for (polarity, heading) in SIDES {
        let list: Vec<&StanceRow> = points.iter().filter(|s| s.polarity == polarity).collect();
        if list.is_empty() {
            continue;
        }
        out += &format!("{name} {heading}:\n");
        let counts: Vec<usize> = list.iter().map(|s| s.independent_sources).collect();
        let shown = if o.all {
            list.len()
        } else {
            crate::brief::points_shown(&counts)
        };
        for s in &list[..shown] {
            out += &format!(
                "  [{} source{}] {}\n      {}\n",
                s.independent_sources,
                plural(s.independent_sources),
                s.text.replace('\n', " "),
                sources(s)
                    .iter()
                    .map(|g| g.join(" = "))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        let rest = &list[shown..];
        if let Some(most) = rest.iter().map(|s| s.independent_sources).max() {
            out += &format!(
                "  … {} more, {} source{} at most (--all lists them)\n",
                rest.len(),
                most,
                plural(most)
            );
        }
    }
    Ok(out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A document's short name: the last part of its path or URL.
fn short_name(origin: &str) -> String {
    origin
        .trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(origin)
        .to_string()
}
