//! Scoring event extraction on the PLOVER gold-standard records
//! (`PLOVER_GSR_CAMEO.txt`, Open Event Data Alliance, CC BY-SA 4.0): about
//! 320 sentences, each coded with one event type, its source actors and its
//! target actors.
//!
//! **Data.** A JSON array of records with `text`, `event`, `source` and
//! `target` (lists of `{actorText, code, sector}`; a target may be empty).
//! `DOCUMENT` records are skipped. Records coded before PLOVER settled its
//! names use CAMEO root categories (`DEMAND`, `DISAPPROVE`, `INVESTIGATE`,
//! `FIGHT`); [`OLD_NAMES`] gives their CAMEO root codes and the conversion
//! table `CAMEO2PLOVER-2021.txt` (lines `NN: TYPE`) their PLOVER type.
//! Markup `SRC/TAR` marks a reciprocal event: every participant is listed as
//! a source.
//!
//! **Running.** Each record's text is one passage: sentences from the
//! analyze stage's splitter, actors from [`find_actors`], times from
//! [`find_times`], then [`find_events`]. The record's *predicted event* is
//! the first event found (in text order); a record with none counts as a
//! miss.
//!
//! **Measures.**
//! - *Type*: precision, recall and F1 per PLOVER type of the predicted
//!   event's type against the gold type, and their macro average over the
//!   16 types; accuracy over all records. Also reported: the share of
//!   records where *any* event found has the gold type.
//! - *Actors*: gold codes are CAMEO-style (`IRQ` with sector `GOV`, `IGO`,
//!   `NGO`); they are compared on the three-letter country part, the old
//!   CAMEO codes `JAP`, `ITL`, `VTN` read as ISO `JPN`, `ITA`, `VNM`. A
//!   predicted actor id is mapped to the same space ([`actor_code`]): a
//!   state is its ISO code, an international organisation `IGO`, a person
//!   or organisation found in the text the country the text gives it (else
//!   `NGO` for organisations, nothing for people). Source accuracy is the
//!   share of records with gold sources whose predicted sources have the
//!   same set of codes (*exact*), or share at least one (*overlap*); the
//!   same for targets over records with gold targets. For a reciprocal
//!   record the predicted sources and targets together are compared with
//!   the gold sources, and the target is not scored. Records without a
//!   predicted event count as wrong.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use dossier_model::{ActorInfo, ActorKind, EventMention};
use serde_json::Value;

use dossier_analyze::actors::find_actors;
use dossier_analyze::events::{find_events, Kind};
use dossier_analyze::times::find_times;
use dossier_text::Doc;

/// The CAMEO root categories the gold file still uses by name, with their
/// CAMEO codes (CAMEO manual 1.1b3).
pub const OLD_NAMES: &[(&str, &str)] = &[
    ("INVESTIGATE", "09"),
    ("DEMAND", "10"),
    ("DISAPPROVE", "11"),
    ("FIGHT", "19"),
];

/// Old CAMEO country codes in the gold file, and their ISO 3166 codes.
const OLD_CODES: &[(&str, &str)] = &[("JAP", "JPN"), ("ITL", "ITA"), ("VTN", "VNM")];

/// One gold record.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub text: String,
    pub kind: Kind,
    pub sources: BTreeSet<String>,
    pub targets: BTreeSet<String>,
    pub reciprocal: bool,
}

/// Per-type counts of a single-label classification, shared by the PLOVER
/// and NGEC scores.
#[derive(Debug, Clone, Default)]
pub struct TypeScores {
    pub tp: [usize; 16],
    pub fp: [usize; 16],
    pub missed: [usize; 16],
    pub items: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl TypeScores {
    pub fn add(&mut self, gold: Kind, predicted: Option<Kind>) {
        self.items += 1;
        match predicted {
            Some(p) if p == gold => self.tp[gold.index()] += 1,
            Some(p) => {
                self.fp[p.index()] += 1;
                self.missed[gold.index()] += 1;
            }
            None => self.missed[gold.index()] += 1,
        }
    }

    pub fn precision(&self, k: Kind) -> f64 {
        ratio(self.tp[k.index()], self.tp[k.index()] + self.fp[k.index()])
    }

    pub fn recall(&self, k: Kind) -> f64 {
        ratio(
            self.tp[k.index()],
            self.tp[k.index()] + self.missed[k.index()],
        )
    }

    pub fn f1(&self, k: Kind) -> f64 {
        harmonic(self.precision(k), self.recall(k))
    }

    /// The mean F1 over the types that occur in the gold data.
    pub fn macro_f1(&self) -> f64 {
        let present: Vec<Kind> = Kind::ALL
            .into_iter()
            .filter(|k| self.tp[k.index()] + self.missed[k.index()] > 0)
            .collect();
        present.iter().map(|&k| self.f1(k)).sum::<f64>() / present.len().max(1) as f64
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.tp.iter().sum(), self.items)
    }

    /// One line per type: precision, recall, F1 and the gold count.
    pub fn table(&self) -> String {
        let mut out = String::from("type        precision  recall     F1   gold\n");
        for k in Kind::ALL {
            let gold = self.tp[k.index()] + self.missed[k.index()];
            out.push_str(&format!(
                "{:<11} {:>9.3} {:>7.3} {:>6.3} {:>6}\n",
                k.as_str(),
                self.precision(k),
                self.recall(k),
                self.f1(k),
                gold
            ));
        }
        out.push_str(&format!(
            "macro F1 {:.3}   accuracy {:.3} ({} items)",
            self.macro_f1(),
            self.accuracy(),
            self.items
        ));
        out
    }
}

/// Reads the conversion table's root lines (`09: ACCUSE`).
fn cameo_roots(table: &str) -> HashMap<String, Kind> {
    table
        .lines()
        .filter_map(|l| {
            let (code, rest) = l.split_once(':')?;
            let kind = Kind::parse(
                rest.split(|c: char| !c.is_ascii_alphabetic())
                    .find(|w| !w.is_empty())?,
            )?;
            (code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit()))
                .then(|| (code.to_string(), kind))
        })
        .collect()
}

/// The country part of a gold actor code.
fn gold_code(code: &str) -> String {
    let country: String = code
        .chars()
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    OLD_CODES
        .iter()
        .find(|(old, _)| *old == country)
        .map_or(country, |(_, iso)| iso.to_string())
}

fn gold_actors(v: Option<&Value>) -> BTreeSet<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("code").and_then(Value::as_str))
        .map(gold_code)
        .collect()
}

/// Parses the gold file with the conversion table.
pub fn parse_records(gsr: &str, cameo_to_plover: &str) -> Result<Vec<Record>, String> {
    let roots = cameo_roots(cameo_to_plover);
    let all: Vec<Value> = serde_json::from_str(gsr).map_err(|e| format!("gold records: {e}"))?;
    let mut records = Vec::new();
    for r in &all {
        let field = |name: &str| r.get(name).and_then(Value::as_str).unwrap_or("");
        let event = field("event");
        if event == "DOCUMENT" {
            continue;
        }
        let kind = Kind::parse(event)
            .or_else(|| {
                let (_, root) = OLD_NAMES.iter().find(|(name, _)| *name == event)?;
                roots.get(*root).copied()
            })
            .ok_or_else(|| format!("{}: unknown event type {event}", field("id")))?;
        let markup = r
            .pointer("/textInfo/markup")
            .and_then(Value::as_str)
            .unwrap_or("");
        records.push(Record {
            id: field("id").to_string(),
            text: field("text").to_string(),
            kind,
            sources: gold_actors(r.get("source")),
            targets: gold_actors(r.get("target")),
            reciprocal: markup.contains("SRC/TAR"),
        });
    }
    Ok(records)
}

/// Reads `PLOVER_GSR_CAMEO.txt` and `CAMEO2PLOVER-2021.txt` from `dir`.
pub fn load(dir: &Path) -> Result<Vec<Record>, String> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    parse_records(
        &read("PLOVER_GSR_CAMEO.txt")?,
        &read("CAMEO2PLOVER-2021.txt")?,
    )
}

/// A predicted actor in the gold file's code space (see the module
/// documentation).
pub fn actor_code(info: &ActorInfo) -> Option<String> {
    match info.kind {
        ActorKind::State => Some(info.id.clone()),
        ActorKind::Organization if !info.id.starts_with("org:") => Some("IGO".to_string()),
        ActorKind::Organization => Some(info.country.clone().unwrap_or_else(|| "NGO".to_string())),
        ActorKind::Person | ActorKind::Group => info.country.clone(),
    }
}

#[derive(Debug, Default, Clone)]
pub struct PloverScore {
    pub types: TypeScores,
    /// Records where some event found has the gold type.
    pub any_right: usize,
    /// Records with a predicted event.
    pub predicted: usize,
    pub sources: RoleScore,
    pub targets: RoleScore,
    /// (record id, gold type, predicted type or "-", text).
    pub errors: Vec<(String, String, String, String)>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct RoleScore {
    pub gold: usize,
    pub exact: usize,
    pub overlap: usize,
}

impl RoleScore {
    fn add(&mut self, gold: &BTreeSet<String>, predicted: &BTreeSet<String>) {
        self.gold += 1;
        self.exact += usize::from(gold == predicted);
        self.overlap += usize::from(gold.intersection(predicted).next().is_some());
    }
}

impl PloverScore {
    pub fn summary(&self) -> String {
        let n = self.types.items;
        format!(
            "PLOVER gold records: {n} sentences, an event predicted for {} ({:.3})\n\
             event type of the first event found:\n{}\n\
             any event found has the gold type: {:.3}\n\
             source actors ({} records): exact {:.3}  overlap {:.3}\n\
             target actors ({} records): exact {:.3}  overlap {:.3}",
            self.predicted,
            ratio(self.predicted, n),
            self.types.table(),
            ratio(self.any_right, n),
            self.sources.gold,
            ratio(self.sources.exact, self.sources.gold),
            ratio(self.sources.overlap, self.sources.gold),
            self.targets.gold,
            ratio(self.targets.exact, self.targets.gold),
            ratio(self.targets.overlap, self.targets.gold),
        )
    }
}

/// The events of one record's text, and its actors by id.
fn extract(text: &str) -> (Vec<EventMention>, HashMap<String, ActorInfo>) {
    let mut doc = Doc::new(text);
    let (actors, mentions) = find_actors(&mut doc, None);
    let times = find_times(text, None);
    let events = find_events(&mut doc, &mentions, &times);
    (
        events,
        actors.into_iter().map(|a| (a.id.clone(), a)).collect(),
    )
}

pub fn score(records: &[Record]) -> PloverScore {
    let mut s = PloverScore::default();
    for r in records {
        let (events, actors) = extract(&r.text);
        let first = events.first();
        let predicted = first.and_then(|e| Kind::parse(&e.kind));
        s.types.add(r.kind, predicted);
        s.predicted += usize::from(first.is_some());
        s.any_right += usize::from(events.iter().any(|e| e.kind == r.kind.as_str()));
        if predicted != Some(r.kind) {
            s.errors.push((
                r.id.clone(),
                r.kind.as_str().to_string(),
                predicted.map_or("-", Kind::as_str).to_string(),
                r.text.clone(),
            ));
        }
        let codes = |ids: &[String]| -> BTreeSet<String> {
            ids.iter()
                .filter_map(|id| actors.get(id).and_then(actor_code))
                .collect()
        };
        let (sources, targets) =
            first.map_or_else(Default::default, |e| (codes(&e.sources), codes(&e.targets)));
        if r.reciprocal {
            if !r.sources.is_empty() {
                s.sources
                    .add(&r.sources, &sources.union(&targets).cloned().collect());
            }
            continue;
        }
        if !r.sources.is_empty() {
            s.sources.add(&r.sources, &sources);
        }
        if !r.targets.is_empty() {
            s.targets.add(&r.targets, &targets);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# header\n09: ACCUSE\n090: ACCUSE, investigate,  # Investigate\n10: REQUEST\n19: ASSAULT\n";

    #[test]
    fn old_names_go_through_the_conversion_table() {
        let gsr = r#"[
            {"id": "d", "event": "DOCUMENT"},
            {"id": "a", "event": "DEMAND", "text": "Ruritania demanded talks.",
             "source": [{"actorText": "Ruritania", "code": "JAP", "sector": "GOV"}], "target": "",
             "textInfo": {"markup": "(SRC: Ruritania) (EVT: demanded) talks."}},
            {"id": "b", "event": "AGREE", "text": "x", "source": [{"code": "USA"}, {"code": "JOR"}],
             "textInfo": {"markup": "(SRC/TAR: x)"}}
        ]"#;
        let records = parse_records(gsr, TABLE).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].kind, Kind::Request);
        assert_eq!(records[0].sources.iter().collect::<Vec<_>>(), ["JPN"]);
        assert!(records[0].targets.is_empty());
        assert!(records[1].reciprocal);
        assert!(parse_records(r#"[{"id": "c", "event": "NOPE"}]"#, TABLE).is_err());
    }

    #[test]
    fn type_scores() {
        let mut t = TypeScores::default();
        t.add(Kind::Agree, Some(Kind::Agree));
        t.add(Kind::Agree, Some(Kind::Support));
        t.add(Kind::Support, None);
        assert_eq!(t.precision(Kind::Agree), 1.0);
        assert_eq!(t.recall(Kind::Agree), 0.5);
        assert_eq!(t.f1(Kind::Support), 0.0);
        assert!((t.macro_f1() - (2.0 / 3.0) / 2.0).abs() < 1e-9);
    }

    /// The score on the PLOVER gold records, when they are there:
    /// `cargo nextest run -p dossier-eval --run-ignored only plover_gsr_score`.
    #[test]
    #[ignore = "scores ../shared/eval/plover, which is not in the repository (dossier eval plover says where to get it)"]
    fn plover_gsr_score() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/plover");
        assert!(
            dir.exists(),
            "{} not found: get PLOVER_GSR_CAMEO.txt and CAMEO2PLOVER-2021.txt from github.com/openeventdata/PLOVER",
            dir.display()
        );
        let records = load(&dir).unwrap();
        let s = score(&records);
        if std::env::var_os("PLOVER_ERRORS").is_some() {
            for (id, gold, got, text) in &s.errors {
                println!("{id}\t{gold}\t{got}\t{text}");
            }
        }
        println!("{}", s.summary());
    }
}
