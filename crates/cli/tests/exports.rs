//! The Parquet, GEXF and GraphML exports of the sample corpus, read back
//! with a Parquet reader and an XML parser and compared with the JSON
//! export of the same store.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{analyze_json, dossier, export_json};

fn sample_store(dir: &Path) -> PathBuf {
    let db = dir.join("store.db");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let summary = analyze_json(&db, &corpus);
    assert_eq!(summary["new"], 15, "{summary}");
    db
}

/// Parquet is behind the `parquet` cargo feature (on by default).
#[cfg(feature = "parquet")]
mod parquet_export {
    use std::fs::File;
    use std::path::Path;

    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float32Type, Float64Type, Int64Type};
    use arrow_array::Array;
    use arrow_schema::DataType;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use serde_json::Value;

    use super::common::{dossier, export_json};
    use super::sample_store;

    /// A Parquet file's rows as JSON objects (every column, nulls included),
    /// and its schema.
    fn read_parquet(path: &Path) -> (Vec<Value>, arrow_schema::SchemaRef) {
        let file = File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let schema = builder.schema().clone();
        let mut rows = Vec::new();
        for batch in builder.build().unwrap() {
            let batch = batch.unwrap();
            for row in 0..batch.num_rows() {
                let object = schema
                    .fields()
                    .iter()
                    .zip(batch.columns())
                    .map(|(field, column)| (field.name().clone(), json_value(column, row)))
                    .collect();
                rows.push(Value::Object(object));
            }
        }
        (rows, schema)
    }

    /// One value of an Arrow column as JSON, read with arrow's own accessors
    /// (the reading side of the comparison, independent of dossier's writer).
    fn json_value(array: &dyn Array, row: usize) -> Value {
        if array.is_null(row) {
            return Value::Null;
        }
        match array.data_type() {
            DataType::Utf8 => Value::from(array.as_string::<i32>().value(row)),
            DataType::Int64 => Value::from(array.as_primitive::<Int64Type>().value(row)),
            DataType::Float64 => Value::from(array.as_primitive::<Float64Type>().value(row)),
            DataType::Float32 => {
                Value::from(f64::from(array.as_primitive::<Float32Type>().value(row)))
            }
            DataType::Boolean => Value::from(array.as_boolean().value(row)),
            DataType::List(_) => {
                let list = array.as_list::<i32>().value(row);
                Value::Array((0..list.len()).map(|i| json_value(&list, i)).collect())
            }
            DataType::Struct(fields) => {
                let columns = array.as_struct().columns();
                Value::Object(
                    fields
                        .iter()
                        .zip(columns)
                        .map(|(field, column)| (field.name().clone(), json_value(column, row)))
                        .collect(),
                )
            }
            other => panic!("a Parquet column of unexpected type {other}"),
        }
    }

    /// Whether a value read back from Parquet is the JSON export's: numbers
    /// equal to the precision of their column (confidence is an f32), and
    /// `quotes.direct`'s true/false read as the text "true"/"false".
    fn same(parquet: &Value, json: &Value) -> bool {
        match (parquet, json) {
            (Value::Number(a), Value::Number(b)) => {
                let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
                (a - b).abs() <= 1e-6 * b.abs().max(1.0)
            }
            (Value::String(s), Value::Bool(b)) => *s == b.to_string(),
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
            }
            (Value::Object(a), Value::Object(b)) => {
                a.keys().eq(b.keys()) && a.iter().all(|(k, v)| same(v, &b[k]))
            }
            _ => parquet == json,
        }
    }

    #[test]
    fn parquet_files_read_back_equal_to_the_json_export() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_store(dir.path());
        let json = export_json(&db);
        let out = dir.path().join("parquet");
        dossier(&db)
            .args(["export", "--format", "parquet", "--out"])
            .arg(&out)
            .assert()
            .success();
        let tables = json.as_object().unwrap();
        assert_eq!(tables.len(), 9);
        for (table, rows) in tables {
            let rows = rows.as_array().unwrap();
            let (back, _) = read_parquet(&out.join(format!("{table}.parquet")));
            assert_eq!(back.len(), rows.len(), "{table}: row count");
            for (b, r) in back.iter().zip(rows) {
                assert!(
                    same(b, r),
                    "{table}: Parquet row\n{b}\nis not JSON row\n{r}"
                );
            }
        }
        for table in [
            "documents",
            "actors",
            "mentions",
            "quotes",
            "events",
            "times",
        ] {
            assert!(
                !tables[table].as_array().unwrap().is_empty(),
                "{table} is empty: the comparison would prove nothing"
            );
        }
        // Columns are typed, not text.
        let column_type = |table: &str, column: &str| {
            let (_, schema) = read_parquet(&out.join(format!("{table}.parquet")));
            schema.field_with_name(column).unwrap().data_type().clone()
        };
        assert_eq!(column_type("mentions", "start"), DataType::Int64);
        assert_eq!(column_type("documents", "spun"), DataType::Boolean);
        assert_eq!(column_type("events", "confidence"), DataType::Float32);
        assert_eq!(column_type("reuse", "similarity"), DataType::Float64);
        assert!(matches!(
            column_type("events", "evidence"),
            DataType::List(item) if matches!(item.data_type(), DataType::Struct(_))
        ));
    }
}

/// The edges the JSON export's events give (source, target, directed,
/// type): events shown to people, each source to each target, or each
/// pair of sources when there is no target.
fn expected_edges(json: &Value) -> (BTreeSet<(String, String, bool, String)>, usize) {
    let mut edges = BTreeSet::new();
    let mut reports = 0;
    let names = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    for event in json["events"].as_array().unwrap() {
        if event["happened"] != true || event["confidence"].as_f64().unwrap() < 0.5 {
            continue;
        }
        let kind = event["type"].as_str().unwrap().to_string();
        let (sources, targets) = (names(&event["sources"]), names(&event["targets"]));
        let mut add = |a: &String, b: &String, directed| {
            reports += 1;
            edges.insert((a.clone(), b.clone(), directed, kind.clone()));
        };
        if targets.is_empty() {
            for a in &sources {
                for b in sources
                    .range::<String, _>((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded))
                {
                    add(a, b, false);
                }
            }
        } else {
            for s in &sources {
                for t in targets.iter().filter(|t| *t != s) {
                    add(s, t, true);
                }
            }
        }
    }
    (edges, reports)
}

#[test]
fn gexf_and_graphml_have_the_stores_actors_and_event_edges() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_store(dir.path());
    let json = export_json(&db);
    let (edges, reports) = expected_edges(&json);
    assert!(!edges.is_empty(), "the sample corpus has shown events");
    let mut actors: BTreeSet<String> = json["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    actors.extend(edges.iter().flat_map(|(a, b, _, _)| [a.clone(), b.clone()]));

    let gexf_path = dir.path().join("actors.gexf");
    dossier(&db)
        .args(["export", "--format", "gexf", "--out"])
        .arg(&gexf_path)
        .assert()
        .success();
    let gexf = std::fs::read_to_string(&gexf_path).unwrap();
    let doc = roxmltree::Document::parse(&gexf).expect("well-formed GEXF");
    let root = doc.root_element();
    assert_eq!(
        (root.tag_name().namespace(), root.attribute("version")),
        (Some("http://gexf.net/1.3"), Some("1.3"))
    );
    let nodes: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| n.attribute("id").unwrap().to_string())
        .collect();
    assert_eq!(nodes, actors);
    let gexf_edges: BTreeSet<(String, String, bool, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|e| {
            (
                e.attribute("source").unwrap().to_string(),
                e.attribute("target").unwrap().to_string(),
                e.attribute("type") != Some("undirected"),
                e.attribute("kind").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(gexf_edges, edges);
    let weights: usize = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|e| e.attribute("weight").unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(weights, reports, "every event counted once per actor pair");

    let graphml = dossier(&db)
        .args(["export", "--format", "graphml"])
        .output()
        .unwrap();
    assert!(graphml.status.success());
    let graphml = String::from_utf8(graphml.stdout).unwrap();
    let doc = roxmltree::Document::parse(&graphml).expect("well-formed GraphML");
    let nodes: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| n.attribute("id").unwrap())
        .collect();
    assert_eq!(nodes.len(), actors.len());
    let mut edge_count = 0;
    for edge in doc.descendants().filter(|n| n.has_tag_name("edge")) {
        edge_count += 1;
        assert!(nodes.contains(edge.attribute("source").unwrap()));
        assert!(nodes.contains(edge.attribute("target").unwrap()));
    }
    assert_eq!(edge_count, edges.len());
}
