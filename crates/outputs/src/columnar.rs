//! The export contract as Parquet files, one per table, for pandas, pyarrow,
//! DuckDB and other Arrow readers.
//!
//! Each table has a declared Arrow schema ([`schema`]) with the same columns,
//! in the same order, as its JSON rows ([`crate::export::tables`]): the rows
//! are decoded into Arrow arrays by `arrow-json` against that schema, so the
//! values are the JSON export's and only their types are added. Types:
//!
//! - offsets, counts and versions are `Int64` (signed, which every reader maps
//!   to a plain integer column);
//! - `similarity` is `Float64`, `confidence` `Float32` (the store's precision);
//! - dates stay strings (`Utf8`): they are TIMEX3 values that may be partial
//!   or not calendar dates at all (`2024`, `2024-06`, `2024-WI`, `2024-W25`),
//!   which a date or timestamp column cannot hold without inventing a day;
//! - a field the text does not support is a null, never an empty string;
//! - lists (`roles`, `documents`, …) are Parquet lists, and spans
//!   (`evidence`, `passages`, `spun_evidence`) lists of structs, so DuckDB can
//!   `UNNEST` them and pandas reads them as Python lists of dicts;
//! - `quotes.direct` is a string, `true`, `false` or `partial`, because JSON's
//!   mixed boolean-or-string has no single column type.
//!
//! Files are Snappy-compressed (pandas' and DuckDB's default codec, and the
//! only one compiled in).

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_json::ReaderBuilder;
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use serde_json::Value;

/// Rows decoded into one Arrow record batch at a time: the JSON rows are
/// already in memory; this bounds the Arrow copy made of them.
const BATCH_ROWS: usize = 4096;

/// The Arrow schema of a contract table (see the module documentation for
/// the choice of types), or `None` for a name that is not a table.
pub fn schema(table: &str) -> Option<SchemaRef> {
    let evidence = || {
        list_of(
            "evidence",
            DataType::Struct(Fields::from(vec![
                text("document"),
                int("start"),
                int("end"),
            ])),
        )
    };
    let fields = match table {
        "documents" => vec![
            text("id"),
            text("origin"),
            maybe_text("url"),
            maybe_text("title"),
            maybe_text("outlet"),
            maybe_text("author"),
            maybe_text("published"),
            maybe_text("published_inferred"),
            maybe_text("language"),
            text("text"),
            maybe_text("genre"),
            boolean("spun"),
            list_of(
                "spun_evidence",
                DataType::Struct(Fields::from(vec![
                    int("start"),
                    int("end"),
                    text("text"),
                    text("usual"),
                ])),
            ),
            int("version"),
        ],
        "reuse" => vec![
            text("a"),
            text("b"),
            text("kind"),
            Field::new("similarity", DataType::Float64, false),
            // Each passage: [start, end] in document a and in document b.
            list_of(
                "passages",
                DataType::Struct(Fields::from(vec![list_of_ints("a"), list_of_ints("b")])),
            ),
        ],
        "stories" => vec![
            text("id"),
            list_of_texts("documents"),
            int("independent_sources"),
            text("name"),
            list_of_texts("evidence"),
            maybe_text("first_date"),
            maybe_text("last_date"),
        ],
        "actors" => vec![
            text("id"),
            text("name"),
            text("kind"),
            maybe_text("country"),
            list_of_texts("roles"),
            list_of_texts("aliases"),
            maybe_text("affiliation"),
            int("mentions"),
            int("documents"),
        ],
        "mentions" => vec![
            text("document"),
            int("start"),
            int("end"),
            text("text"),
            text("actor"),
        ],
        "quotes" => vec![
            text("document"),
            int("start"),
            int("end"),
            text("text"),
            maybe_text("speaker"),
            maybe_text("speaker_actor"),
            maybe_text("affiliation"),
            text("direct"),
        ],
        "events" => vec![
            text("id"),
            text("type"),
            maybe_text("source"),
            maybe_text("target"),
            list_of_texts("sources"),
            list_of_texts("targets"),
            maybe_text("date"),
            maybe_text("date_text"),
            evidence(),
            int("independent_sources"),
            boolean("happened"),
            Field::new("confidence", DataType::Float32, false),
        ],
        "times" => vec![
            text("document"),
            int("start"),
            int("end"),
            text("text"),
            text("value"),
            maybe_text("anchor"),
            text("kind"),
        ],
        "stances" => vec![
            text("holder"),
            maybe_text("topic"),
            text("polarity"),
            text("text"),
            evidence(),
            int("independent_sources"),
            text("id"),
            list_of_texts("documents"),
        ],
        _ => return None,
    };
    Some(Arc::new(Schema::new(fields)))
}

fn text(name: &str) -> Field {
    Field::new(name, DataType::Utf8, false)
}

fn maybe_text(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

fn int(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}

fn boolean(name: &str) -> Field {
    Field::new(name, DataType::Boolean, false)
}

fn list_of(name: &str, item: DataType) -> Field {
    Field::new_list(name, Field::new_list_field(item, false), false)
}

fn list_of_texts(name: &str) -> Field {
    list_of(name, DataType::Utf8)
}

fn list_of_ints(name: &str) -> Field {
    list_of(name, DataType::Int64)
}

/// Why a table could not be written as Parquet.
#[derive(Debug)]
pub enum ParquetExportError {
    /// A row does not fit the table's schema: a bug, the schema and the
    /// JSON rows have drifted apart.
    Schema(ArrowError),
    Write(ParquetError),
    Create(std::io::Error),
}

impl std::fmt::Display for ParquetExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParquetExportError::Schema(e) => write!(
                f,
                "a row does not fit its Parquet schema (a bug in dossier; please report it): {e}"
            ),
            ParquetExportError::Write(e) => e.fmt(f),
            ParquetExportError::Create(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ParquetExportError {}

/// Writes `rows` of contract table `table` to `path` as one Parquet file.
/// An empty table is a file with the schema and no rows, so that every
/// table is always present, as in the other formats.
pub fn write_table(path: &Path, table: &str, rows: &[Value]) -> Result<(), ParquetExportError> {
    let schema = schema(table).ok_or_else(|| {
        ParquetExportError::Schema(ArrowError::SchemaError(format!(
            "no Parquet schema for table {table}"
        )))
    })?;
    let file = File::create(path).map_err(ParquetExportError::Create)?;
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
        .map_err(ParquetExportError::Write)?;
    let mut decoder = ReaderBuilder::new(schema)
        // `quotes.direct` is true, false or "partial": read as text.
        .with_coerce_primitive(true)
        .build_decoder()
        .map_err(ParquetExportError::Schema)?;
    for chunk in rows.chunks(BATCH_ROWS) {
        decoder
            .serialize(chunk)
            .map_err(ParquetExportError::Schema)?;
        if let Some(batch) = decoder.flush().map_err(ParquetExportError::Schema)? {
            writer.write(&batch).map_err(ParquetExportError::Write)?;
        }
    }
    writer.close().map_err(ParquetExportError::Write)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::TABLES;

    /// Every contract field is a column; the columns beyond the contract are
    /// the JSON rows' extensions.
    #[test]
    fn every_table_has_a_schema_with_its_contract_fields() {
        for (table, fields) in TABLES {
            let schema = schema(table).unwrap_or_else(|| panic!("{table} has no schema"));
            for field in *fields {
                assert!(
                    schema.field_with_name(field).is_ok(),
                    "{table}.{field} is not a Parquet column"
                );
            }
        }
        assert!(schema("no-such-table").is_none());
    }
}
