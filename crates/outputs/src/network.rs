//! The actor network for graph tools: GEXF 1.3 (Gephi) and GraphML
//! (Gephi, Cytoscape, yEd, NetworkX, igraph).
//!
//! Nodes are the store's actors with what it knows of them (name, kind,
//! country, affiliation, roles, mentions, documents). Edges aggregate the
//! merged events a person is shown (those the timeline shows: they happened
//! and their sentences support them, confidence ≥ 0.5; the tables keep
//! every event), one edge per source, target and PLOVER type, with the
//! number of events, the type's cooperation–conflict score
//! (`lexicons/plover_scale.tsv`) and the first and last date. An event with
//! sources and targets gives a directed edge from each source to each
//! target; one with several sources and no target (two states sign an
//! accord) gives an undirected edge between each pair of sources.
//!
//! Both formats are written from the same [`NODE_COLUMNS`] and
//! [`EDGE_COLUMNS`], so they carry the same attributes.

use std::collections::BTreeMap;
use std::io::{self, Write};

use dossier_model::MergedEvent;
use dossier_store::{ActorRow, Storage, StoreError};

use crate::timeline::{score, timeline};

/// One actor.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorNode {
    pub id: String,
    pub name: String,
    /// `None` only for an actor that events name but the actor table lacks.
    pub kind: Option<String>,
    pub country: Option<String>,
    pub affiliation: Option<String>,
    pub roles: Vec<String>,
    pub mentions: usize,
    pub documents: usize,
}

/// The events of one PLOVER type from one actor to another (or between two
/// actors, when `directed` is false).
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEdge {
    pub source: String,
    pub target: String,
    pub directed: bool,
    /// The PLOVER type.
    pub kind: String,
    pub events: usize,
    /// The type's cooperation–conflict score (positive: cooperation).
    pub score: i32,
    /// The earliest and latest event date, compared as TIMEX3 text (so
    /// `2024-06` comes before `2024-06-19`); `None` when no event is dated.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// Who acts on whom, from the store's actors and merged events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorNetwork {
    pub nodes: Vec<ActorNode>,
    pub edges: Vec<ActorEdge>,
}

impl ActorNetwork {
    pub fn from_store(store: &impl Storage) -> Result<ActorNetwork, StoreError> {
        Ok(ActorNetwork::new(&store.actors()?, &store.events()?))
    }

    /// Every actor is a node, and so is any actor an event names that the
    /// actor table lacks (with its id as its name and nothing else known),
    /// so that every edge ends at a node.
    pub fn new(actors: &[ActorRow], events: &[MergedEvent]) -> ActorNetwork {
        let mut nodes: Vec<ActorNode> = actors
            .iter()
            .map(|a| ActorNode {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: Some(a.kind.clone()),
                country: a.country.clone(),
                affiliation: a.affiliation.clone(),
                roles: a.roles.clone(),
                mentions: a.mentions,
                documents: a.documents,
            })
            .collect();
        let mut edges: BTreeMap<(String, String, bool, String), ActorEdge> = BTreeMap::new();
        for event in timeline(events, None) {
            for (source, target, directed) in pairs(event) {
                let edge = edges
                    .entry((source.clone(), target.clone(), directed, event.kind.clone()))
                    .or_insert_with(|| ActorEdge {
                        source,
                        target,
                        directed,
                        kind: event.kind.clone(),
                        events: 0,
                        score: score(&event.kind),
                        first_date: None,
                        last_date: None,
                    });
                edge.events += 1;
                if let Some(date) = &event.date {
                    if edge.first_date.as_ref().is_none_or(|d| date < d) {
                        edge.first_date = Some(date.clone());
                    }
                    if edge.last_date.as_ref().is_none_or(|d| date > d) {
                        edge.last_date = Some(date.clone());
                    }
                }
            }
        }
        let edges: Vec<ActorEdge> = edges.into_values().collect();
        let known: std::collections::HashSet<String> = nodes.iter().map(|n| n.id.clone()).collect();
        let mut missing: Vec<&String> = edges
            .iter()
            .flat_map(|e| [&e.source, &e.target])
            .filter(|id| !known.contains(*id))
            .collect();
        missing.sort();
        missing.dedup();
        nodes.extend(missing.into_iter().map(|id| ActorNode {
            id: id.clone(),
            name: id.clone(),
            kind: None,
            country: None,
            affiliation: None,
            roles: Vec::new(),
            mentions: 0,
            documents: 0,
        }));
        ActorNetwork { nodes, edges }
    }
}

/// The actor pairs one event links: each source to each other target,
/// directed; without a target, each pair of sources, undirected (the
/// smaller id first).
fn pairs(event: &MergedEvent) -> Vec<(String, String, bool)> {
    let mut sources: Vec<&String> = event.sources.iter().collect();
    sources.sort();
    sources.dedup();
    let mut targets: Vec<&String> = event.targets.iter().collect();
    targets.sort();
    targets.dedup();
    if targets.is_empty() {
        sources
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                sources[i + 1..]
                    .iter()
                    .map(|b| ((*a).clone(), (*b).clone(), false))
            })
            .collect()
    } else {
        sources
            .iter()
            .flat_map(|s| targets.iter().map(move |t| (s, t)))
            .filter(|(s, t)| s != t)
            .map(|(s, t)| ((*s).clone(), (*t).clone(), true))
            .collect()
    }
}

/// The type of an attribute, as both formats declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeType {
    Text,
    Integer,
}

impl AttributeType {
    fn gexf(self) -> &'static str {
        match self {
            AttributeType::Text => "string",
            AttributeType::Integer => "integer",
        }
    }

    fn graphml(self) -> &'static str {
        match self {
            AttributeType::Text => "string",
            AttributeType::Integer => "int",
        }
    }
}

/// One attribute of nodes or edges: its name, type and value (`None`
/// leaves it out for that node or edge: unknown, not empty).
pub struct Column<T> {
    pub name: &'static str,
    pub kind: AttributeType,
    pub value: fn(&T) -> Option<String>,
}

/// The nodes' attributes. Roles are joined by "; " (GraphML has no list
/// type).
pub const NODE_COLUMNS: &[Column<ActorNode>] = &[
    Column {
        name: "name",
        kind: AttributeType::Text,
        value: |n| Some(n.name.clone()),
    },
    Column {
        name: "kind",
        kind: AttributeType::Text,
        value: |n| n.kind.clone(),
    },
    Column {
        name: "country",
        kind: AttributeType::Text,
        value: |n| n.country.clone(),
    },
    Column {
        name: "affiliation",
        kind: AttributeType::Text,
        value: |n| n.affiliation.clone(),
    },
    Column {
        name: "roles",
        kind: AttributeType::Text,
        value: |n| (!n.roles.is_empty()).then(|| n.roles.join("; ")),
    },
    Column {
        name: "mentions",
        kind: AttributeType::Integer,
        value: |n| Some(n.mentions.to_string()),
    },
    Column {
        name: "documents",
        kind: AttributeType::Integer,
        value: |n| Some(n.documents.to_string()),
    },
];

/// The edges' attributes.
pub const EDGE_COLUMNS: &[Column<ActorEdge>] = &[
    Column {
        name: "type",
        kind: AttributeType::Text,
        value: |e| Some(e.kind.clone()),
    },
    Column {
        name: "events",
        kind: AttributeType::Integer,
        value: |e| Some(e.events.to_string()),
    },
    Column {
        name: "score",
        kind: AttributeType::Integer,
        value: |e| Some(e.score.to_string()),
    },
    Column {
        name: "first_date",
        kind: AttributeType::Text,
        value: |e| e.first_date.clone(),
    },
    Column {
        name: "last_date",
        kind: AttributeType::Text,
        value: |e| e.last_date.clone(),
    },
];

/// `s` as XML 1.0 character data or attribute value: `&`, `<`, `>` and both
/// quotes as entities; tab, line feed and carriage return as character
/// references (a parser would fold them to spaces in an attribute); the
/// characters XML 1.0 cannot carry at all, even as references (other
/// control characters, U+FFFE, U+FFFF), as U+FFFD, so the file stays
/// well-formed whatever an article contained.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Writes the network as GEXF 1.3: declared node and edge attributes, an
/// edge's `kind` (its PLOVER type, so Gephi keeps parallel edges of
/// different types apart), `weight` (its number of events) and
/// `type="undirected"` for co-source edges.
pub fn write_gexf(network: &ActorNetwork, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        out,
        "  <meta>\n    <creator>dossier</creator>\n    <description>Actors and the events between them</description>\n  </meta>"
    )?;
    writeln!(out, r#"  <graph mode="static" defaultedgetype="directed">"#)?;
    gexf_attributes(out, "node", NODE_COLUMNS)?;
    gexf_attributes(out, "edge", EDGE_COLUMNS)?;
    writeln!(out, "    <nodes>")?;
    for node in &network.nodes {
        write!(
            out,
            r#"      <node id="{}" label="{}">"#,
            xml_escape(&node.id),
            xml_escape(&node.name)
        )?;
        gexf_values(out, node, NODE_COLUMNS)?;
        writeln!(out, "</node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for (i, edge) in network.edges.iter().enumerate() {
        write!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" kind="{kind}" label="{kind}" weight="{}"{}>"#,
            xml_escape(&edge.source),
            xml_escape(&edge.target),
            edge.events,
            if edge.directed {
                ""
            } else {
                r#" type="undirected""#
            },
            kind = xml_escape(&edge.kind),
        )?;
        gexf_values(out, edge, EDGE_COLUMNS)?;
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

fn gexf_attributes<T>(out: &mut dyn Write, class: &str, columns: &[Column<T>]) -> io::Result<()> {
    writeln!(out, r#"    <attributes class="{class}">"#)?;
    for column in columns {
        writeln!(
            out,
            r#"      <attribute id="{name}" title="{name}" type="{}"/>"#,
            column.kind.gexf(),
            name = column.name
        )?;
    }
    writeln!(out, "    </attributes>")
}

fn gexf_values<T>(out: &mut dyn Write, item: &T, columns: &[Column<T>]) -> io::Result<()> {
    write!(out, "<attvalues>")?;
    for column in columns {
        if let Some(value) = (column.value)(item) {
            write!(
                out,
                r#"<attvalue for="{}" value="{}"/>"#,
                column.name,
                xml_escape(&value)
            )?;
        }
    }
    write!(out, "</attvalues>")
}

/// Writes the network as GraphML: every attribute declared as a `<key>`
/// (node keys `n_…`, edge keys `e_…`, with `attr.name` the attribute's
/// name), nodes labelled by a `label` key, co-source edges
/// `directed="false"` in a directed graph.
pub fn write_graphml(network: &ActorNetwork, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        out,
        r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#
    )?;
    graphml_keys(out, "node", "n", NODE_COLUMNS)?;
    graphml_keys(out, "edge", "e", EDGE_COLUMNS)?;
    writeln!(out, r#"  <graph id="actors" edgedefault="directed">"#)?;
    for node in &network.nodes {
        write!(
            out,
            r#"    <node id="{}"><data key="label">{}</data>"#,
            xml_escape(&node.id),
            xml_escape(&node.name)
        )?;
        graphml_values(out, node, "n", NODE_COLUMNS)?;
        writeln!(out, "</node>")?;
    }
    for (i, edge) in network.edges.iter().enumerate() {
        write!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}"{}>"#,
            xml_escape(&edge.source),
            xml_escape(&edge.target),
            if edge.directed {
                ""
            } else {
                r#" directed="false""#
            },
        )?;
        graphml_values(out, edge, "e", EDGE_COLUMNS)?;
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")
}

fn graphml_keys<T>(
    out: &mut dyn Write,
    class: &str,
    prefix: &str,
    columns: &[Column<T>],
) -> io::Result<()> {
    for column in columns {
        writeln!(
            out,
            r#"  <key id="{prefix}_{name}" for="{class}" attr.name="{name}" attr.type="{}"/>"#,
            column.kind.graphml(),
            name = column.name
        )?;
    }
    Ok(())
}

fn graphml_values<T>(
    out: &mut dyn Write,
    item: &T,
    prefix: &str,
    columns: &[Column<T>],
) -> io::Result<()> {
    for column in columns {
        if let Some(value) = (column.value)(item) {
            write!(
                out,
                r#"<data key="{prefix}_{}">{}</data>"#,
                column.name,
                xml_escape(&value)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "<script>alert(\"x\" & 'y')</script>]]>\u{1}\u{0}\tline\r\nend\u{fffe}";

    fn actor(id: &str, name: &str) -> ActorRow {
        ActorRow {
            id: id.into(),
            name: name.into(),
            kind: "person".into(),
            country: Some("RUS".into()),
            roles: vec!["minister & envoy".into(), "<b>chair</b>".into()],
            aliases: vec![],
            affiliation: Some(HOSTILE.into()),
            mentions: 3,
            documents: 2,
        }
    }

    fn event(kind: &str, sources: &[&str], targets: &[&str], date: Option<&str>) -> MergedEvent {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        MergedEvent {
            id: format!("{kind}{date:?}"),
            kind: kind.into(),
            sources: v(sources),
            targets: v(targets),
            date: date.map(String::from),
            date_text: None,
            evidence: vec![],
            independent_sources: 1,
            unrealised: false,
            confidence: 1.0,
        }
    }

    fn network() -> ActorNetwork {
        let mut doubtful = event("ASSAULT", &["RUS"], &["PRK"], None);
        doubtful.confidence = 0.1;
        let mut announced = event("AID", &["RUS"], &["PRK"], None);
        announced.unrealised = true;
        ActorNetwork::new(
            &[actor("RUS", HOSTILE), actor("PRK", "North \"Korea\"")],
            &[
                event("CONSULT", &["RUS"], &["PRK"], Some("2024-06-20")),
                event("CONSULT", &["RUS"], &["PRK"], Some("2024-06")),
                event("CONSULT", &["RUS"], &["PRK"], None),
                event("AGREE", &["RUS", "PRK"], &[], Some("2024-06-19")),
                event("ACCUSE", &["USA"], &["PRK", "RUS"], Some("2024-07-01")),
                doubtful,
                announced,
            ],
        )
    }

    #[test]
    fn edges_aggregate_shown_events_by_pair_and_type() {
        let network = network();
        let edges: Vec<_> = network
            .edges
            .iter()
            .map(|e| {
                (
                    e.source.as_str(),
                    e.target.as_str(),
                    e.directed,
                    e.kind.as_str(),
                    e.events,
                    e.score,
                    e.first_date.as_deref(),
                    e.last_date.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            edges,
            [
                (
                    "PRK",
                    "RUS",
                    false,
                    "AGREE",
                    1,
                    score("AGREE"),
                    Some("2024-06-19"),
                    Some("2024-06-19")
                ),
                (
                    "RUS",
                    "PRK",
                    true,
                    "CONSULT",
                    3,
                    score("CONSULT"),
                    Some("2024-06"),
                    Some("2024-06-20")
                ),
                (
                    "USA",
                    "PRK",
                    true,
                    "ACCUSE",
                    1,
                    score("ACCUSE"),
                    Some("2024-07-01"),
                    Some("2024-07-01")
                ),
                (
                    "USA",
                    "RUS",
                    true,
                    "ACCUSE",
                    1,
                    score("ACCUSE"),
                    Some("2024-07-01"),
                    Some("2024-07-01")
                ),
            ]
        );
        // USA acts in an event but is not in the actor table: still a node.
        let ids: Vec<&str> = network.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["RUS", "PRK", "USA"]);
        assert_eq!(network.nodes[2].kind, None);
    }

    /// Hostile strings come back from an XML parser exactly as they went in,
    /// except the characters XML cannot carry, which become U+FFFD.
    #[test]
    fn hostile_strings_survive_both_formats() {
        let network = network();
        let expected = HOSTILE.replace(['\u{1}', '\u{0}', '\u{fffe}'], "\u{fffd}");
        let mut gexf = Vec::new();
        write_gexf(&network, &mut gexf).unwrap();
        let gexf = String::from_utf8(gexf).unwrap();
        let doc = roxmltree::Document::parse(&gexf).unwrap();
        let node = doc
            .descendants()
            .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("RUS"))
            .unwrap();
        assert_eq!(node.attribute("label"), Some(expected.as_str()));
        let value = |node: roxmltree::Node, key: &str| {
            node.descendants()
                .find(|v| v.has_tag_name("attvalue") && v.attribute("for") == Some(key))
                .and_then(|v| v.attribute("value"))
                .map(String::from)
        };
        assert_eq!(
            value(node, "affiliation").as_deref(),
            Some(expected.as_str())
        );
        assert_eq!(
            value(node, "roles").as_deref(),
            Some("minister & envoy; <b>chair</b>")
        );
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("node")).count(),
            3
        );
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("edge")).count(),
            4
        );
        let undirected = doc
            .descendants()
            .filter(|n| n.has_tag_name("edge") && n.attribute("type") == Some("undirected"))
            .count();
        assert_eq!(undirected, 1);

        let mut graphml = Vec::new();
        write_graphml(&network, &mut graphml).unwrap();
        let graphml = String::from_utf8(graphml).unwrap();
        let doc = roxmltree::Document::parse(&graphml).unwrap();
        let node = doc
            .descendants()
            .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("RUS"))
            .unwrap();
        let data = |key: &str| {
            node.children()
                .find(|d| d.has_tag_name("data") && d.attribute("key") == Some(key))
                .and_then(|d| d.text())
                .map(String::from)
        };
        assert_eq!(data("label").as_deref(), Some(expected.as_str()));
        assert_eq!(data("n_affiliation").as_deref(), Some(expected.as_str()));
        // Every data key is declared.
        let keys: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("key"))
            .filter_map(|n| n.attribute("id"))
            .collect();
        for data in doc.descendants().filter(|n| n.has_tag_name("data")) {
            assert!(keys.contains(&data.attribute("key").unwrap()));
        }
    }
}
