//! Sources: turn paths (files, folders, `-` for stdin) into [`RawDoc`]s.
//!
//! This crate owns everything about *reading*: walking folders, gzip,
//! recognising binary files, decoding charsets and sniffing whether content is
//! plain text, HTML or JSON Lines. It knows nothing about what an article is;
//! cleaning is the extract stage's job.
//!
//! **Architecture Invariant:** reading never stops a run. Every input yields
//! either documents or a [`Skip`] that names the input and says why; only a
//! path that does not exist is an error, and it is reported before any work
//! starts (see [`expand`]).

mod decode;
mod sniff;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use dossier_model::{ContentKind, GivenMeta, RawDoc};

pub use decode::decode;
pub use sniff::{sniff, Sniffed};

/// One thing to read: a file on disk or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// How the input is named in origins, warnings and summaries.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// An input (or one record of it) that produced no document, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub origin: String,
    pub reason: String,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// A path given on the command line that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPath(pub PathBuf);

impl fmt::Display for MissingPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no such file or directory: {} (check the path, or use - to read standard input)",
            self.0.display()
        )
    }
}

impl std::error::Error for MissingPath {}

/// Expands the command-line paths into the inputs to read, in a stable order:
/// folders are walked recursively with entries sorted by name, hidden files
/// and folders (names starting with `.`) are left out, and `-` stands for
/// standard input.
///
/// Every path is checked before anything is read, so a typo is reported at
/// once rather than after a long run.
pub fn expand<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<Input>, MissingPath> {
    let mut inputs = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path == Path::new("-") {
            inputs.push(Input::Stdin);
            continue;
        }
        if !path.exists() {
            return Err(MissingPath(path.to_path_buf()));
        }
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            // Unreadable entries inside a folder are not fatal: they turn
            // into skips when read.
            for entry in walker.flatten() {
                if entry.file_type().is_file() {
                    inputs.push(Input::File(entry.into_path()));
                }
            }
        } else {
            inputs.push(Input::File(path.to_path_buf()));
        }
    }
    Ok(inputs)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Largest decompressed size accepted from one gzip member stream; a larger
/// one is almost certainly not an article (or a decompression bomb).
const MAX_DECOMPRESSED: u64 = 512 * 1024 * 1024;

/// What reading one input produced.
#[derive(Debug, Default)]
pub struct ReadResult {
    pub docs: Vec<RawDoc>,
    pub skips: Vec<Skip>,
}

/// Reads one input into raw documents (several for JSON Lines).
pub fn read_input(input: &Input) -> ReadResult {
    let origin = input.name();
    let bytes = match input {
        Input::File(path) => std::fs::read(path),
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        }
    };
    // Identity follows the file, not the spelling of its path:
    // `./a.txt` and `a.txt` are one document.
    let identity = match input {
        Input::File(path) => std::fs::canonicalize(path)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| origin.clone()),
        Input::Stdin => origin.clone(),
    };
    match bytes {
        Ok(bytes) => read_bytes_as(&origin, &identity, bytes),
        Err(err) => ReadResult {
            docs: vec![],
            skips: vec![Skip {
                origin,
                reason: format!("cannot read: {err}"),
            }],
        },
    }
}

/// Reads raw bytes that came from `origin`: gunzips, sniffs, decodes, and
/// splits JSON Lines into records.
pub fn read_bytes(origin: &str, bytes: Vec<u8>) -> ReadResult {
    read_bytes_as(origin, origin, bytes)
}

/// [`read_bytes`], with `identity` (a canonical path) naming the document
/// for its id instead of `origin`.
fn read_bytes_as(origin: &str, identity: &str, bytes: Vec<u8>) -> ReadResult {
    let mut result = ReadResult::default();
    let skip = |reason: String| ReadResult {
        docs: vec![],
        skips: vec![Skip {
            origin: origin.to_string(),
            reason,
        }],
    };
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        match gunzip(&bytes) {
            Ok(b) => b,
            Err(reason) => return skip(reason),
        }
    } else {
        bytes
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return skip("empty file".to_string());
    }
    let decoded = match decode(&bytes) {
        Ok(d) => d,
        Err(binary) => return skip(binary),
    };
    match sniff(&decoded.text) {
        Sniffed::JsonLines => {
            read_json_records(origin, identity, &decoded.text, &mut result);
            if result.docs.is_empty() && result.skips.is_empty() {
                return skip("JSON input holds no records".to_string());
            }
        }
        Sniffed::Content(kind) => result.docs.push(RawDoc {
            id: document_id(None, identity, &bytes),
            origin: origin.to_string(),
            kind,
            content: decoded.text,
            given: GivenMeta::default(),
            content_hash: content_hash(&bytes),
            warnings: decoded.warnings,
        }),
    }
    result
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    match decoder.take(MAX_DECOMPRESSED + 1).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > MAX_DECOMPRESSED => Err(format!(
            "gzip content larger than {} MiB",
            MAX_DECOMPRESSED >> 20
        )),
        Ok(_) => Ok(out),
        Err(err) => Err(format!("broken gzip data: {err}")),
    }
}

/// Hex digest identifying content. xxh3-128: fast, and collisions between
/// distinct articles are not a practical concern (the store is not an
/// adversarial setting).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// A document's identity: the id its source gives, else one derived from
/// where it came from — stable across versions of the same file — else
/// (standard input has no name) from its content.
fn document_id(given: Option<&str>, origin: &str, bytes: &[u8]) -> String {
    if let Some(id) = given {
        return id.to_string();
    }
    let basis = if origin == "-" {
        bytes
    } else {
        origin.as_bytes()
    };
    format!("d{:012x}", xxhash_rust::xxh3::xxh3_64(basis) >> 16)
}

/// Parses JSON Lines (or, leniently, one JSON object or array of objects).
fn read_json_records(origin: &str, identity: &str, text: &str, result: &mut ReadResult) {
    let mut parsed_any_line = false;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let record_origin = format!("{origin}#L{}", index + 1);
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(value) => {
                parsed_any_line = true;
                let identity = format!("{identity}#L{}", index + 1);
                push_record(&record_origin, &identity, &value, line.as_bytes(), result);
            }
            Err(err) if !parsed_any_line && index < 2 => {
                // Perhaps a pretty-printed JSON document rather than JSON Lines.
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
                    read_json_document(origin, identity, &value, result);
                    return;
                }
                result.skips.push(Skip {
                    origin: record_origin,
                    reason: format!("invalid JSON: {err}"),
                });
            }
            Err(err) => result.skips.push(Skip {
                origin: record_origin,
                reason: format!("invalid JSON: {err}"),
            }),
        }
    }
}

fn read_json_document(
    origin: &str,
    identity: &str,
    value: &serde_json::Value,
    result: &mut ReadResult,
) {
    match value {
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let bytes = serde_json::to_vec(item).unwrap_or_default();
                let n = index + 1;
                push_record(
                    &format!("{origin}#{n}"),
                    &format!("{identity}#{n}"),
                    item,
                    &bytes,
                    result,
                );
            }
        }
        other => {
            let bytes = serde_json::to_vec(other).unwrap_or_default();
            push_record(origin, identity, other, &bytes, result);
        }
    }
}

fn push_record(
    origin: &str,
    identity: &str,
    value: &serde_json::Value,
    raw: &[u8],
    result: &mut ReadResult,
) {
    let Some(object) = value.as_object() else {
        result.skips.push(Skip {
            origin: origin.to_string(),
            reason: "JSON record is not an object".to_string(),
        });
        return;
    };
    let field = |name: &str| -> Option<String> {
        match object.get(name)? {
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let (kind, content) = match (field("text"), field("html")) {
        (Some(text), _) => (ContentKind::Text, text),
        (None, Some(html)) => (ContentKind::Html, html),
        (None, None) => {
            result.skips.push(Skip {
                origin: origin.to_string(),
                reason: "JSON record has neither a \"text\" nor an \"html\" field".to_string(),
            });
            return;
        }
    };
    let given = GivenMeta {
        id: field("id"),
        url: field("url"),
        title: field("title"),
        outlet: field("outlet"),
        author: field("author"),
        published: field("published"),
    };
    result.docs.push(RawDoc {
        id: document_id(
            given.id.as_deref(),
            given.url.as_deref().unwrap_or(identity),
            raw,
        ),
        origin: origin.to_string(),
        kind,
        content,
        given,
        content_hash: content_hash(raw),
        warnings: vec![],
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_files_are_skipped_with_a_reason() {
        let r = read_bytes("a.txt", b"  \n\t\n".to_vec());
        assert!(r.docs.is_empty());
        assert_eq!(r.skips[0].reason, "empty file");
    }

    #[test]
    fn gzip_is_unpacked_and_sniffed() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<html><body><p>Hello there.</p></body></html>")
            .unwrap();
        let r = read_bytes("page.html.gz", enc.finish().unwrap());
        assert_eq!(r.docs.len(), 1);
        assert_eq!(r.docs[0].kind, ContentKind::Html);
    }

    #[test]
    fn broken_gzip_is_a_skip_not_a_crash() {
        let r = read_bytes("x.gz", vec![0x1f, 0x8b, 8, 0, 1, 2, 3]);
        assert!(r.docs.is_empty());
        assert!(r.skips[0].reason.contains("gzip"), "{:?}", r.skips);
    }

    #[test]
    fn json_lines_records_take_given_fields_and_ignore_others() {
        let input = concat!(
            r#"{"id": 7, "url": "https://example.org/a", "title": "T", "outlet": "O", "author": "A", "published": "2025-03-01", "text": "Body.", "extra": [1]}"#,
            "\n",
            r#"{"html": "<p>Hi</p>"}"#,
            "\n",
            r#"{"title": "no body"}"#,
            "\n",
            "not json\n"
        );
        let r = read_bytes("f.jsonl", input.as_bytes().to_vec());
        assert_eq!(r.docs.len(), 2);
        let first = &r.docs[0];
        assert_eq!(first.origin, "f.jsonl#L1");
        assert_eq!(first.given.id.as_deref(), Some("7"));
        assert_eq!(first.given.published.as_deref(), Some("2025-03-01"));
        assert_eq!(first.kind, ContentKind::Text);
        assert_eq!(r.docs[1].kind, ContentKind::Html);
        assert_eq!(r.skips.len(), 2);
        assert!(r.skips[0].reason.contains("neither"));
        assert_eq!(r.skips[1].origin, "f.jsonl#L4");
    }

    #[test]
    fn identical_bytes_hash_identically() {
        let a = read_bytes("a.txt", b"Same words here.".to_vec());
        let b = read_bytes("b.txt", b"Same words here.".to_vec());
        assert_eq!(a.docs[0].content_hash, b.docs[0].content_hash);
    }

    #[test]
    fn expand_reports_missing_paths_and_walks_folders_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join(".hidden"), "h").unwrap();
        let inputs = expand(&[dir.path()]).unwrap();
        let names: Vec<_> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p.strip_prefix(dir.path()).unwrap().display().to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, ["a.txt", "sub/b.txt"]);
        let missing = dir.path().join("nope.txt");
        let err = expand(std::slice::from_ref(&missing)).unwrap_err();
        assert_eq!(err, MissingPath(missing));
        assert!(err.to_string().contains("nope.txt"));
    }
}
