//! `dossier calculus ACTOR`: what the articles say an actor stands to gain
//! and to lose (then wants and objects to), one line per point, ranked by
//! independent sources, each with the documents behind it grouped by
//! source. Each side lists the points the brief would
//! ([`dossier_outputs::brief::points_shown`]) and counts the rest.

use std::collections::HashMap;

use dossier_store::{StanceRow, Store};

/// The sides of a calculus, in the order they are printed: polarity and
/// heading.
const SIDES: [(&str, &str); 4] = [
    ("benefit", "stands to gain"),
    ("cost", "stands to lose"),
    ("support", "wants"),
    ("oppose", "objects to"),
];

pub struct Options {
    pub actor: String,
    pub topic: Option<String>,
    pub json: bool,
    pub all: bool,
}

/// The calculus of one actor as text or JSON.
pub fn render(
    store: &Store,
    names: &HashMap<String, String>,
    o: &Options,
) -> anyhow::Result<String> {
    // An id, or a name the store knows.
    let id = names
        .iter()
        .find(|(id, name)| id.eq_ignore_ascii_case(&o.actor) || name.eq_ignore_ascii_case(&o.actor))
        .map_or(o.actor.clone(), |(id, _)| id.clone());
    let topic = o.topic.as_ref().map(|t| t.to_lowercase());
    let points: Vec<StanceRow> = store
        .stances()?
        .into_iter()
        .filter(|s| s.holder == id)
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
    if o.json {
        let rows: Vec<_> = points
            .iter()
            .map(|s| {
                serde_json::json!({"polarity": s.polarity, "topic": s.topic, "text": s.text,
                    "independent_sources": s.independent_sources, "documents": s.documents,
                    "sources": sources(s), "statements": s.evidence.len()})
            })
            .collect();
        return Ok(serde_json::to_string_pretty(&rows)? + "\n");
    }
    let name = names.get(&id).cloned().unwrap_or(id.clone());
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
            dossier_outputs::brief::points_shown(&counts)
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
