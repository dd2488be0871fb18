//! The export contract: one table per kind of record, with stable field
//! names (see `docs/DESIGN.md`). Tables that no stage fills yet are exported empty
//! but present, so consumers can rely on every key existing.

use std::io::Write;
use std::path::{Path, PathBuf};

use dossier_model::{Directness, MergedEvent};
use dossier_store::{
    ActorRow, DocumentRow, MentionRow, QuoteRow, ReuseRow, StanceRow, Storage, StoreError,
    StoryRow, TimeRow,
};
use serde_json::{json, Map, Value};

/// Every table of the contract, with its fields in export order.
pub const TABLES: &[(&str, &[&str])] = &[
    (
        "documents",
        &[
            "id",
            "origin",
            "url",
            "title",
            "outlet",
            "author",
            "published",
            "published_inferred",
            "language",
            "text",
            "genre",
            "spun",
            "version",
        ],
    ),
    ("reuse", &["a", "b", "kind", "similarity", "passages"]),
    (
        "stories",
        &[
            "id",
            "documents",
            "independent_sources",
            "name",
            "evidence",
            "first_date",
            "last_date",
        ],
    ),
    (
        "actors",
        &["id", "name", "kind", "country", "roles", "aliases"],
    ),
    ("mentions", &["document", "start", "end", "text", "actor"]),
    (
        "quotes",
        &[
            "document",
            "start",
            "end",
            "text",
            "speaker",
            "speaker_actor",
            "affiliation",
            "direct",
        ],
    ),
    (
        "events",
        &[
            "id",
            "type",
            "source",
            "target",
            "date",
            "date_text",
            "evidence",
            "independent_sources",
            "happened",
            "confidence",
        ],
    ),
    (
        "times",
        &["document", "start", "end", "text", "value", "anchor"],
    ),
    (
        "stances",
        &[
            "holder",
            "topic",
            "polarity",
            "text",
            "evidence",
            "independent_sources",
        ],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    /// One Parquet file per table, typed (see [`crate::columnar`]).
    #[cfg(feature = "parquet")]
    Parquet,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            #[cfg(feature = "parquet")]
            Format::Parquet => "parquet",
        }
    }
}

#[derive(Debug)]
pub enum ExportError {
    Store(StoreError),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[cfg(feature = "parquet")]
    Parquet {
        path: PathBuf,
        source: crate::columnar::ParquetExportError,
    },
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Store(e) => e.fmt(f),
            ExportError::Io { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
            #[cfg(feature = "parquet")]
            ExportError::Parquet { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for ExportError {}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

/// All tables, each as a list of JSON objects with the contract's fields,
/// read in one snapshot: a writer running meanwhile never makes a row of
/// one table point at a document missing from another.
pub fn tables(store: &impl Storage) -> Result<Vec<(&'static str, Vec<Value>)>, StoreError> {
    store.snapshot(all_tables)
}

fn all_tables<S: Storage>(store: &S) -> Result<Vec<(&'static str, Vec<Value>)>, StoreError> {
    TABLES
        .iter()
        .map(|(name, _)| {
            // Tables whose stage has not landed yet are exported empty.
            let rows = match *name {
                "documents" => store.documents()?.iter().map(document).collect(),
                "actors" => store.actors()?.iter().map(actor).collect(),
                "mentions" => store.mentions()?.iter().map(mention).collect(),
                "quotes" => store.quotes()?.iter().map(quote).collect(),
                "times" => store.times()?.iter().map(time).collect(),
                "reuse" => store.reuse()?.iter().map(reuse).collect(),
                "stories" => store.stories()?.iter().map(story).collect(),
                "events" => store.events()?.iter().map(event).collect(),
                "stances" => store.stances()?.iter().map(stance).collect(),
                _ => Vec::new(),
            };
            Ok((*name, rows))
        })
        .collect()
}

pub fn reuse(r: &ReuseRow) -> Value {
    let passages: Vec<Value> = r
        .passages
        .iter()
        .map(|((a0, a1), (b0, b1))| json!({"a": [a0, a1], "b": [b0, b1]}))
        .collect();
    json!({"a": r.a, "b": r.b, "kind": r.kind, "similarity": (r.similarity * 1000.0).round() / 1000.0, "passages": passages})
}

pub fn event(e: &MergedEvent) -> Value {
    let evidence: Vec<Value> = e
        .evidence
        .iter()
        .map(|(d, s, end)| json!({"document": d, "start": s, "end": end}))
        .collect();
    json!({
        "id": e.id,
        "type": e.kind,
        // The contract's single source and target; all actors in `sources`/`targets`.
        "source": e.sources.first(),
        "target": e.targets.first(),
        "sources": e.sources,
        "targets": e.targets,
        "date": e.date,
        "date_text": e.date_text,
        "evidence": evidence,
        "independent_sources": e.independent_sources,
        "happened": !e.unrealised,
        "confidence": e.confidence,
    })
}

pub fn stance(s: &StanceRow) -> Value {
    let evidence: Vec<Value> = s
        .evidence
        .iter()
        .map(|(d, st, end)| json!({"document": d, "start": st, "end": end}))
        .collect();
    json!({
        "holder": s.holder,
        "topic": s.topic,
        "polarity": s.polarity.name(),
        "text": s.text,
        "evidence": evidence,
        "independent_sources": s.independent_sources,
        "id": s.id,
        "documents": s.documents,
    })
}

pub fn story(s: &StoryRow) -> Value {
    json!({
        "id": s.id,
        "documents": s.documents,
        "independent_sources": s.independent_sources,
        "name": s.name,
        "evidence": s.evidence,
        "first_date": s.first_date,
        "last_date": s.last_date,
    })
}

pub fn actor(a: &ActorRow) -> Value {
    json!({
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "country": a.country,
        "roles": a.roles,
        "aliases": a.aliases,
        "affiliation": a.affiliation,
        "mentions": a.mentions,
        "documents": a.documents,
    })
}

pub fn mention(m: &MentionRow) -> Value {
    json!({"document": m.document, "start": m.start, "end": m.end, "text": m.text, "actor": m.actor})
}

pub fn quote(q: &QuoteRow) -> Value {
    // docs/DESIGN.md: direct is true, false, or "partial".
    let direct = match q.direct {
        Directness::Direct => json!(true),
        Directness::Indirect => json!(false),
        Directness::Partial => json!("partial"),
    };
    json!({
        "document": q.document,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "speaker": q.speaker,
        "speaker_actor": q.speaker_actor,
        "affiliation": q.affiliation,
        "direct": direct,
    })
}

pub fn time(t: &TimeRow) -> Value {
    json!({
        "document": t.document,
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "value": t.value,
        "anchor": t.anchor,
        "kind": t.kind,
    })
}

pub fn document(d: &DocumentRow) -> Value {
    json!({
        "id": d.id,
        "origin": d.origin,
        "url": d.url,
        "title": d.title,
        "outlet": d.outlet,
        "author": d.author,
        "published": d.published,
        "published_inferred": d.published_inferred,
        "language": d.language,
        "text": d.text,
        "genre": d.genre,
        "spun": d.spun,
        "spun_evidence": d.spun_examples.iter().map(|(start, end, usual)| json!({
            "start": start, "end": end, "text": d.text.get(*start..*end).unwrap_or_default(), "usual": usual
        })).collect::<Vec<_>>(),
        "version": d.version,
    })
}

/// Writes the whole export as one JSON object to `out`.
pub fn write_json(store: &impl Storage, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut object = Map::new();
    for (name, rows) in tables(store)? {
        object.insert(name.to_string(), Value::Array(rows));
    }
    let io = |source| ExportError::Io {
        path: PathBuf::from("-"),
        source,
    };
    serde_json::to_writer_pretty(&mut *out, &Value::Object(object)).map_err(|e| io(e.into()))?;
    writeln!(out).map_err(io)
}

/// What CSV does with a text cell that a spreadsheet would run as a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formulas {
    /// OWASP's rule for CSV injection: a text cell starting with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return gets a leading `'`, so that
    /// `=HYPERLINK(…)` quoted from an article is shown, not run, when the
    /// file is opened in Excel, LibreOffice or Google Sheets.
    Neutralise,
    /// Cells exactly as stored, for data pipelines that read CSV as data.
    Keep,
}

/// Writes one file per table into `dir` (created if needed); returns the
/// paths written. `formulas` applies to CSV only (Parquet cells are typed
/// data, never run as formulas).
pub fn write_files(
    store: &impl Storage,
    format: Format,
    dir: &Path,
    formulas: Formulas,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for ((name, rows), (_, fields)) in tables(store)?.into_iter().zip(TABLES) {
        let path = dir.join(format!("{name}.{}", format.extension()));
        let io = |source| ExportError::Io {
            path: path.clone(),
            source,
        };
        match format {
            Format::Json => std::fs::write(
                &path,
                serde_json::to_string_pretty(&rows).unwrap_or_default(),
            )
            .map_err(io)?,
            Format::Jsonl => {
                let mut text = String::new();
                for row in &rows {
                    text.push_str(&row.to_string());
                    text.push('\n');
                }
                std::fs::write(&path, text).map_err(io)?
            }
            Format::Csv => write_csv(&path, fields, &rows, formulas).map_err(io)?,
            #[cfg(feature = "parquet")]
            Format::Parquet => {
                crate::columnar::write_table(&path, name, &rows).map_err(|source| {
                    ExportError::Parquet {
                        path: path.clone(),
                        source,
                    }
                })?
            }
        }
        written.push(path);
    }
    Ok(written)
}

/// CSV with a header row of the contract's fields; nested values (lists,
/// objects) are written as JSON text in their cell. Only text cells can be
/// formulas: numbers (a negative score) and JSON (`[`, `{`) are left alone.
fn write_csv(
    path: &Path,
    fields: &[&str],
    rows: &[Value],
    formulas: Formulas,
) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_path(path)?;
    writer.write_record(fields)?;
    for row in rows {
        let record: Vec<String> = fields
            .iter()
            .map(|f| match row.get(*f) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => csv_text(s, formulas),
                Some(other) => other.to_string(),
            })
            .collect();
        writer.write_record(&record)?;
    }
    writer.flush()
}

/// A text cell under the [`Formulas`] policy.
fn csv_text(s: &str, formulas: Formulas) -> String {
    let runs = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if runs && formulas == Formulas::Neutralise {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: cells that spreadsheets run as formulas were written as-is.
    #[test]
    fn csv_text_cells_that_would_run_as_formulas_are_neutralised() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let rows = [json!({
            "a": "=HYPERLINK(\"http://x\",\"y\")",
            "b": "=cmd|' /C calc'!A0",
            "c": "@SUM(A1)",
            "d": "\tx",
            "e": "-2+3",
            "f": -2,
            "g": "plain",
            "h": ["=x"],
        })];
        let fields = ["a", "b", "c", "d", "e", "f", "g", "h"];
        write_csv(&path, &fields, &rows, Formulas::Neutralise).unwrap();
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let record = reader.records().next().unwrap().unwrap();
        let cells: Vec<&str> = record.iter().collect();
        assert_eq!(
            cells,
            [
                "'=HYPERLINK(\"http://x\",\"y\")",
                "'=cmd|' /C calc'!A0",
                "'@SUM(A1)",
                "'\tx",
                "'-2+3",
                "-2",
                "plain",
                "[\"=x\"]"
            ]
        );
        write_csv(&path, &fields, &rows, Formulas::Keep).unwrap();
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[0], "=HYPERLINK(\"http://x\",\"y\")");
    }
}
