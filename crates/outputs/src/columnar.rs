//! The export contract as Parquet files, one per table, for pandas, pyarrow,
//! DuckDB and other Arrow readers.
//!
//! Each table has a declared Arrow schema ([`schema`]) with the same columns,
//! in the same order, as its JSON rows ([`crate::export::tables`]): the rows
//! are converted into Arrow arrays against that schema (a value that does
//! not fit its column, or a field without a column, is an error, never
//! dropped), so the values are the JSON export's and only their types are
//! added. (`arrow-json` would do the conversion, but it brings `arrow-cast`
//! and `arrow-ord`: nearly 40 % of the compile time of Arrow and Parquet
//! here.) Types:
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
//! only one compiled in). The module is behind the `parquet` cargo feature,
//! on by default: Arrow and Parquet are the largest part of a cold build.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Float32Array, Float64Array, Int64Array, ListArray, RecordBatch,
    StringArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use serde_json::Value;

/// Rows converted into one Arrow record batch at a time: the JSON rows are
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
    Schema(String),
    Arrow(ArrowError),
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
            ParquetExportError::Arrow(e) => e.fmt(f),
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
        ParquetExportError::Schema(format!("no Parquet schema for table {table}"))
    })?;
    let file = File::create(path).map_err(ParquetExportError::Create)?;
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
        .map_err(ParquetExportError::Write)?;
    for chunk in rows.chunks(BATCH_ROWS) {
        let values: Vec<Option<&Value>> = chunk.iter().map(Some).collect();
        let columns = struct_columns(schema.fields(), &values)?;
        let batch =
            RecordBatch::try_new(schema.clone(), columns).map_err(ParquetExportError::Arrow)?;
        writer.write(&batch).map_err(ParquetExportError::Write)?;
    }
    writer.close().map_err(ParquetExportError::Write)?;
    Ok(())
}

/// The columns of `fields` from JSON objects (`None`: a null object, whose
/// fields are all null). A key that is not a field is an error: no value
/// of the JSON export is left out of the Parquet one.
fn struct_columns(
    fields: &Fields,
    objects: &[Option<&Value>],
) -> Result<Vec<ArrayRef>, ParquetExportError> {
    for object in objects.iter().flatten() {
        let Value::Object(map) = object else {
            return Err(ParquetExportError::Schema(format!(
                "{object} is not an object"
            )));
        };
        if let Some(key) = map.keys().find(|k| fields.find(k).is_none()) {
            return Err(ParquetExportError::Schema(format!("{key} has no column")));
        }
    }
    fields
        .iter()
        .map(|field| {
            let values: Vec<Option<&Value>> = objects
                .iter()
                .map(|o| o.and_then(|o| o.get(field.name())))
                .collect();
            column(field, &values)
        })
        .collect()
}

/// One Arrow column of `field`'s type from JSON values (`None` or JSON
/// null: a null). Booleans are written as text in a text column
/// (`quotes.direct`).
fn column(field: &Field, values: &[Option<&Value>]) -> Result<ArrayRef, ParquetExportError> {
    let values: Vec<Option<&Value>> = values.iter().map(|v| v.filter(|v| !v.is_null())).collect();
    if !field.is_nullable() && values.iter().any(Option::is_none) {
        return Err(ParquetExportError::Schema(format!(
            "{} is null but may not be",
            field.name()
        )));
    }
    let wrong = |v: &Value| {
        ParquetExportError::Schema(format!(
            "{}: {v} is not {}",
            field.name(),
            field.data_type()
        ))
    };
    // Each value converted by `convert`, nulls kept.
    fn typed<T>(
        values: &[Option<&Value>],
        convert: impl Fn(&Value) -> Option<T>,
        wrong: impl Fn(&Value) -> ParquetExportError,
    ) -> Result<Vec<Option<T>>, ParquetExportError> {
        values
            .iter()
            .map(|v| v.map(|v| convert(v).ok_or_else(|| wrong(v))).transpose())
            .collect()
    }
    let nulls = || {
        values
            .iter()
            .any(Option::is_none)
            .then(|| NullBuffer::from_iter(values.iter().map(Option::is_some)))
    };
    Ok(match field.data_type() {
        DataType::Utf8 => Arc::new(StringArray::from(typed(
            &values,
            |v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            },
            wrong,
        )?)),
        DataType::Int64 => Arc::new(Int64Array::from(typed(&values, Value::as_i64, wrong)?)),
        DataType::Float64 => Arc::new(Float64Array::from(typed(&values, Value::as_f64, wrong)?)),
        DataType::Float32 => Arc::new(Float32Array::from(typed(
            &values,
            |v| v.as_f64().map(|x| x as f32),
            wrong,
        )?)),
        DataType::Boolean => Arc::new(BooleanArray::from(typed(&values, Value::as_bool, wrong)?)),
        DataType::List(item) => {
            let mut lengths = Vec::with_capacity(values.len());
            let mut items = Vec::new();
            for value in &values {
                match value {
                    None => lengths.push(0),
                    Some(Value::Array(list)) => {
                        lengths.push(list.len());
                        items.extend(list.iter().map(Some));
                    }
                    Some(other) => return Err(wrong(other)),
                }
            }
            Arc::new(
                ListArray::try_new(
                    item.clone(),
                    OffsetBuffer::from_lengths(lengths),
                    column(item, &items)?,
                    nulls(),
                )
                .map_err(ParquetExportError::Arrow)?,
            )
        }
        DataType::Struct(fields) => Arc::new(
            StructArray::try_new(fields.clone(), struct_columns(fields, &values)?, nulls())
                .map_err(ParquetExportError::Arrow)?,
        ),
        other => {
            return Err(ParquetExportError::Schema(format!(
                "{}: no conversion to {other}",
                field.name()
            )))
        }
    })
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

    /// A value of the wrong type, a null where none may be, or a field
    /// without a column is an error, never a dropped value.
    #[test]
    fn rows_that_do_not_fit_the_schema_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        let row = serde_json::json!({"document": "d", "start": 0, "end": 4, "text": "Kiev", "actor": "UKR"});
        write_table(&path, "mentions", std::slice::from_ref(&row)).unwrap();
        let mut extra = row.clone();
        extra["new_field"] = serde_json::json!(1);
        let mut wrong = row.clone();
        wrong["start"] = serde_json::json!("zero");
        let mut null = row;
        null["actor"] = Value::Null;
        for bad in [extra, wrong, null] {
            assert!(
                matches!(
                    write_table(&path, "mentions", std::slice::from_ref(&bad)),
                    Err(ParquetExportError::Schema(_))
                ),
                "{bad}"
            );
        }
    }
}
