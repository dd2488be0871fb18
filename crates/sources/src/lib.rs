//! Sources: turn paths (files, folders, `-` for stdin) and fetched bytes
//! into [`RawDoc`]s.
//!
//! This crate owns everything about *reading*: walking folders, gzip,
//! recognising binary files, decoding charsets and sniffing whether content is
//! plain text (with or without front matter), HTML, JSON Lines, a feed, a
//! sitemap, a list of URLs or a WARC archive. It knows nothing about what an
//! article is (cleaning is the extract stage's job) and never touches the
//! network: pages that a feed, sitemap or list points at come back as
//! [`Link`]s for the caller to fetch (`dossier-fetch`), whose bytes are
//! then read by [`read_fetched`].
//!
//! **Architecture Invariant:** reading never stops a run. Every input yields
//! either documents, links or a [`Skip`] that names the input and says why;
//! only a path that does not exist is an error, and it is reported before
//! any work starts (see [`expand`]).

mod decode;
mod feed;
mod frontmatter;
mod sitemap;
mod sniff;
mod warc;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use dossier_model::{ContentKind, GivenMeta, RawDoc};

pub use decode::decode;
use decode::decode_as;
pub use sniff::{is_url, sniff, Sniffed};

/// One thing to read: a file on disk, standard input, a URL (read by
/// fetching it, which is the caller's job) — or an entry met while walking
/// a folder that can yield no document (a broken link, a folder that cannot
/// be listed, an empty folder), kept in its place so that reading it
/// reports the skip like any unreadable file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
    Url(String),
    Skipped(Skip),
}

impl Input {
    /// How the input is named in origins, warnings and summaries.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Url(url) => url.clone(),
            Input::Skipped(skip) => skip.origin.clone(),
        }
    }
}

/// A page that a feed, sitemap or list of URLs points at: read by fetching
/// it (when fetching is on), then [`read_fetched`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    /// The input that listed it, for skips that name where it came from.
    pub listed_in: String,
    /// What the listing says of the page (a feed item's title, date, author
    /// and channel; a news sitemap's title, date and publication): given
    /// metadata of the document the page becomes.
    pub given: GivenMeta,
    /// Asked for by name (a URL on the command line or in a list of URLs),
    /// rather than found in a feed or sitemap, so fetched without `--fetch`.
    pub named: bool,
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

/// One skip per listing (a feed, sitemap or list of URLs) whose links will
/// not be fetched, counting them and saying why (`why`: what to do).
pub fn not_fetched(links: &[Link], why: &str) -> Vec<Skip> {
    let mut by_listing: Vec<(&str, usize, &str)> = Vec::new();
    for link in links {
        match by_listing.iter_mut().find(|(l, _, _)| *l == link.listed_in) {
            Some((_, count, _)) => *count += 1,
            None => by_listing.push((&link.listed_in, 1, &link.url)),
        }
    }
    by_listing
        .into_iter()
        .map(|(listing, count, first)| Skip {
            origin: listing.to_string(),
            reason: if count == 1 && listing == first {
                format!("a URL, not fetched: {why}")
            } else {
                format!("points at {count} page(s) to fetch (first: {first}), not fetched: {why}")
            },
        })
        .collect()
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
/// and folders (names starting with `.`) are left out, `-` stands for
/// standard input and an `http(s)://` URL for itself.
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
        if let Some(url) = path.to_str().filter(|p| is_url(p)) {
            inputs.push(Input::Url(url.to_string()));
            continue;
        }
        if !path.exists() {
            return Err(MissingPath(path.to_path_buf()));
        }
        if path.is_dir() {
            let before = inputs.len();
            let walker = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            // Entries that cannot be walked are not fatal, and not silent
            // either: each becomes a skip naming it.
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        inputs.push(Input::File(entry.into_path()))
                    }
                    Ok(entry) if entry.file_type().is_dir() => {}
                    Ok(entry) => inputs.push(skipped(
                        entry.path(),
                        "not a regular file (a device, pipe or socket)".to_string(),
                    )),
                    Err(err) => inputs.push(walk_skip(path, &err)),
                }
            }
            if inputs.len() == before {
                inputs.push(skipped(
                    path,
                    "empty folder: no files to read (hidden files and folders are left out)"
                        .to_string(),
                ));
            }
        } else {
            inputs.push(Input::File(path.to_path_buf()));
        }
    }
    Ok(inputs)
}

fn skipped(path: &Path, reason: String) -> Input {
    Input::Skipped(Skip {
        origin: path.display().to_string(),
        reason,
    })
}

/// The skip for an entry of `root` that walking could not read.
fn walk_skip(root: &Path, err: &walkdir::Error) -> Input {
    let path = err.path().unwrap_or(root);
    let reason = if let Some(ancestor) = err.loop_ancestor() {
        format!(
            "symbolic link loop: leads back to {} (not followed)",
            ancestor.display()
        )
    } else if path.symlink_metadata().is_ok_and(|m| m.is_symlink()) && !path.exists() {
        "broken symbolic link: its target does not exist".to_string()
    } else {
        match err.io_error() {
            Some(io) => format!("cannot read: {io}"),
            None => format!("cannot read: {err}"),
        }
    };
    skipped(path, reason)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Largest decompressed size accepted from one gzip member stream; a larger
/// one is almost certainly not an article (or a decompression bomb).
const MAX_DECOMPRESSED: u64 = 512 * 1024 * 1024;

/// Decompressed bytes each thread may hold without asking: enough for any
/// article and most JSON Lines files.
const SMALL_DECOMPRESSED: u64 = 16 * 1024 * 1024;

/// Held while keeping more than [`SMALL_DECOMPRESSED`] decompressed bytes:
/// files are read on several threads at once, and gzip bombs read together
/// each grew to the cap before being refused (eight of them: 2.7 GB peak
/// on two threads, 8.5 GB on eight; now 0.18 GB and 0.44 GB). With this,
/// and bombs measured without being kept (see [`gunzip_within`]),
/// decompressed bytes in flight stay under one file's [`MAX_DECOMPRESSED`]
/// plus [`SMALL_DECOMPRESSED`] per other thread, however many threads and
/// bombs there are.
static LARGE_GUNZIP: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// What reading one input produced.
#[derive(Debug, Default)]
pub struct ReadResult {
    pub docs: Vec<RawDoc>,
    pub skips: Vec<Skip>,
    /// Pages the input points at (a feed's summary-only items, a sitemap's
    /// or a list's URLs), to fetch.
    pub links: Vec<Link>,
}

/// Reads one input into raw documents (several for JSON Lines, feeds and
/// WARC files). A URL is not read here: it is a [`Link`] to fetch.
pub fn read_input(input: &Input) -> ReadResult {
    let origin = input.name();
    let bytes = match input {
        Input::File(path) => std::fs::read(path),
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        }
        Input::Url(url) => {
            return ReadResult {
                links: vec![Link {
                    url: url.clone(),
                    listed_in: url.clone(),
                    given: GivenMeta::default(),
                    named: true,
                }],
                ..ReadResult::default()
            }
        }
        Input::Skipped(skip) => {
            return ReadResult {
                skips: vec![skip.clone()],
                ..ReadResult::default()
            }
        }
    };
    // Identity follows the file, not the spelling of its path:
    // `./a.txt` and `a.txt` are one document.
    let identity = match input {
        Input::File(path) => std::fs::canonicalize(path)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| origin.clone()),
        Input::Stdin | Input::Url(_) | Input::Skipped(_) => origin.clone(),
    };
    match bytes {
        Ok(bytes) => read_content(
            Reading {
                origin: &origin,
                identity: &identity,
                charset: None,
                given: GivenMeta::default(),
            },
            bytes,
        ),
        Err(err) => ReadResult {
            skips: vec![Skip {
                origin,
                reason: format!("cannot read: {err}"),
            }],
            ..ReadResult::default()
        },
    }
}

/// Reads raw bytes that came from `origin`: gunzips, sniffs, decodes, and
/// splits JSON Lines, feeds and WARC files into records.
pub fn read_bytes(origin: &str, bytes: Vec<u8>) -> ReadResult {
    read_content(
        Reading {
            origin,
            identity: origin,
            charset: None,
            given: GivenMeta::default(),
        },
        bytes,
    )
}

/// Reads the body of a fetched page: `url` is the final URL (after
/// redirects), the document's origin and identity; `content_type` is the
/// response's `Content-Type` header, whose charset outranks one the page
/// declares; `given` is what the listing that
/// pointed at the page said of it. A fetched feed or sitemap yields its
/// items and links like a file.
pub fn read_fetched(
    url: &str,
    bytes: Vec<u8>,
    content_type: Option<&str>,
    mut given: GivenMeta,
) -> ReadResult {
    given.url = Some(url.to_string());
    let charset = content_type.and_then(|c| charset_param(&c.to_ascii_lowercase()));
    read_content(
        Reading {
            origin: url,
            identity: url,
            charset: charset.as_deref(),
            given,
        },
        bytes,
    )
}

/// Where bytes came from and what is known of them before reading.
struct Reading<'a> {
    origin: &'a str,
    /// Names the document for its id (a canonical path, a URL).
    identity: &'a str,
    /// The charset a transport stated (an HTTP header), which outranks one
    /// the content declares.
    charset: Option<&'a str>,
    given: GivenMeta,
}

/// The one reading path for files, standard input, fetched pages and WARC
/// records: gunzip, WARC, decode, sniff, then the reader for what it is.
fn read_content(reading: Reading<'_>, bytes: Vec<u8>) -> ReadResult {
    let Reading {
        origin,
        identity,
        charset,
        given,
    } = reading;
    let mut result = ReadResult::default();
    let skip = |reason: String| ReadResult {
        skips: vec![Skip {
            origin: origin.to_string(),
            reason,
        }],
        ..ReadResult::default()
    };
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        match gunzip(&bytes) {
            Ok(b) => b,
            Err(reason) => return skip(reason),
        }
    } else {
        bytes
    };
    if warc::is_warc(&bytes) {
        warc::read(origin, &bytes, &mut result);
        if result.docs.is_empty() && result.skips.is_empty() {
            return skip("WARC file holds no records".to_string());
        }
        return result;
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return skip("empty file".to_string());
    }
    let decoded = match charset {
        Some(label) => decode_as(&bytes, label),
        None => decode(&bytes),
    };
    let decoded = match decoded {
        Ok(d) => d,
        Err(binary) => return skip(binary),
    };
    // A byte-order mark and nothing else is empty too, once decoded.
    if decoded.text.trim().is_empty() {
        return skip("empty file".to_string());
    }
    match sniff(&decoded.text) {
        Sniffed::JsonLines => {
            read_json_records(origin, identity, &decoded.text, &mut result);
            if result.docs.is_empty() && result.skips.is_empty() {
                return skip("JSON input holds no records".to_string());
            }
        }
        Sniffed::Feed => feed::read(origin, identity, &bytes, &mut result),
        Sniffed::Sitemap => sitemap::read(origin, &decoded.text, &mut result),
        Sniffed::UrlList => result.links.extend(
            decoded
                .text
                .lines()
                .map(str::trim)
                .filter(|l| is_url(l))
                .map(|url| Link {
                    url: url.to_string(),
                    listed_in: origin.to_string(),
                    given: GivenMeta::default(),
                    named: true,
                }),
        ),
        Sniffed::OtherXml(root) => {
            return skip(format!(
                "XML document <{root}> is not a page, a feed or a sitemap"
            ))
        }
        Sniffed::Content(kind) => {
            let mut warnings = decoded.warnings;
            let front = frontmatter::split(&decoded.text)
                .filter(|_| kind == ContentKind::Text)
                .map(|front| (front.body.to_string(), front.given, front.unknown_keys));
            let (content, given) = match front {
                Some((body, front_given, unknown_keys)) => {
                    if !unknown_keys.is_empty() {
                        warnings.push(format!(
                            "front matter keys not read: {} (dossier reads title, outlet, published, author, url)",
                            unknown_keys.join(", ")
                        ));
                    }
                    let mut given = given;
                    merge_given(&mut given, front_given);
                    (body, given)
                }
                None => (decoded.text, given),
            };
            result.docs.push(RawDoc {
                id: document_id(None, identity, &bytes),
                origin: origin.to_string(),
                kind,
                content,
                given,
                content_hash: content_hash(&bytes),
                warnings,
            })
        }
    }
    result
}

/// Fills the fields `given` lacks from `more` (what the document itself
/// states comes second to what the caller already knew, e.g. the URL).
fn merge_given(given: &mut GivenMeta, more: GivenMeta) {
    let fill = |slot: &mut Option<String>, value: Option<String>| {
        if slot.is_none() {
            *slot = value;
        }
    };
    fill(&mut given.id, more.id);
    fill(&mut given.url, more.url);
    fill(&mut given.title, more.title);
    fill(&mut given.outlet, more.outlet);
    fill(&mut given.author, more.author);
    fill(&mut given.published, more.published);
    fill(&mut given.captured, more.captured);
}

/// The `charset=` parameter of a lowercased `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .skip(1)
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'', ' ']).to_string())
        .find(|c| !c.is_empty())
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    gunzip_within(bytes, SMALL_DECOMPRESSED, MAX_DECOMPRESSED)
}

/// [`gunzip`] with its two limits as arguments, so tests can use small ones.
fn gunzip_within(bytes: &[u8], small: u64, max: u64) -> Result<Vec<u8>, String> {
    let broken = |err: std::io::Error| format!("broken gzip data: {err}");
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    (&mut decoder)
        .take(small)
        .read_to_end(&mut out)
        .map_err(broken)?;
    if (out.len() as u64) < small {
        return Ok(out);
    }
    drop(out);
    // Past `small`, the size is measured first without keeping the bytes,
    // so a bomb costs time, not memory; a file within the cap is then
    // decompressed again into a buffer of its exact size (a growing buffer
    // doubles, and briefly holds old and new copies).
    let rest = std::io::copy(
        &mut (&mut decoder).take(max - small + 1),
        &mut std::io::sink(),
    )
    .map_err(broken)?;
    let size = small + rest;
    if size > max {
        return Err(format!(
            "gzip content larger than {} MiB (a decompression bomb, or not an article)",
            max >> 20
        ));
    }
    // A poisoned lock only means another thread panicked while reading;
    // the lock guards no data.
    let _large = LARGE_GUNZIP
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut out = Vec::with_capacity(size as usize);
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(broken)?;
    Ok(out)
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
    // The body must be a string: `"text": 12345` is a broken record, not a
    // five-character article.
    let body = |name: &str| match object.get(name) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.trim()).filter(|s| !s.is_empty())),
        Some(_) => Err(format!(
            "JSON record's \"{name}\" field is not a string (put the article's {name} in quotes)"
        )),
    };
    let content = match (body("text"), body("html")) {
        (Ok(Some(text)), _) => Ok((ContentKind::Text, text.to_string())),
        (Ok(None), Ok(Some(html))) => Ok((ContentKind::Html, html.to_string())),
        (Err(reason), _) | (Ok(None), Err(reason)) => Err(reason),
        (Ok(None), Ok(None)) => {
            Err("JSON record has neither a \"text\" nor an \"html\" field".to_string())
        }
    };
    let (kind, content) = match content {
        Ok(found) => found,
        Err(reason) => {
            result.skips.push(Skip {
                origin: origin.to_string(),
                reason,
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
        ..GivenMeta::default()
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
        // A byte-order mark alone (found by the `jsonl` fuzz target).
        for bom in [&[0xfe, 0xff][..], &[0xef, 0xbb, 0xbf]] {
            let r = read_bytes("a.jsonl", bom.to_vec());
            assert!(r.docs.is_empty(), "{bom:?}");
            assert_eq!(r.skips[0].reason, "empty file");
        }
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

    /// Peak resident memory of this process so far, in bytes (Linux).
    #[cfg(target_os = "linux")]
    fn peak_rss() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        kib * 1024
    }

    /// Regression: gzip bombs read on many threads at once each grew to the
    /// cap (and the buffer doubled past it), so peak memory grew with the
    /// threads. Eight 64 MiB bombs on eight threads with a 1 MiB / 32 MiB
    /// pair of limits; then a file past the small limit but within the cap.
    #[cfg(target_os = "linux")]
    #[test]
    fn gzip_bombs_on_many_threads_stay_within_one_cap() {
        use std::io::Write;
        const MIB: u64 = 1 << 20;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let zeros = vec![b' '; MIB as usize];
        for _ in 0..64 {
            enc.write_all(&zeros).unwrap();
        }
        let bomb = enc.finish().unwrap();
        drop(zeros);
        let before = peak_rss();
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let err = gunzip_within(&bomb, MIB, 32 * MIB).unwrap_err();
                    assert!(err.contains("larger than 32 MiB"), "{err}");
                });
            }
        });
        let grown = peak_rss().saturating_sub(before);
        // A bomb is measured, not kept: 1 MiB buffers and decoder state,
        // where each thread used to hold 32 MiB before refusing it.
        assert!(grown < 24 * MIB, "peak grew by {} MiB", grown / MIB);
        let small = gunzip_within(&bomb[..], 64 * MIB, 128 * MIB).unwrap();
        assert_eq!(small.len() as u64, 64 * MIB);
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
    fn a_body_that_is_not_a_string_is_skipped_with_a_reason() {
        let input = concat!(
            r#"{"text": 12345}"#,
            "\n",
            r#"{"html": ["<p>x</p>"], "text": ""}"#,
            "\n",
            r#"{"text": "", "html": "<p>Hi</p>"}"#,
            "\n",
        );
        let r = read_bytes("f.jsonl", input.as_bytes().to_vec());
        assert_eq!(r.docs.len(), 1, "{:?}", r.docs);
        assert_eq!(r.docs[0].kind, ContentKind::Html);
        let reasons: Vec<_> = r.skips.iter().map(|s| s.reason.as_str()).collect();
        assert!(
            reasons[0].contains("\"text\" field is not a string"),
            "{reasons:?}"
        );
        assert!(
            reasons[1].contains("\"html\" field is not a string"),
            "{reasons:?}"
        );
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
                other => other.name(),
            })
            .collect();
        assert_eq!(names, ["a.txt", "sub/b.txt"]);
        let missing = dir.path().join("nope.txt");
        let err = expand(std::slice::from_ref(&missing)).unwrap_err();
        assert_eq!(err, MissingPath(missing));
        assert!(err.to_string().contains("nope.txt"));
    }

    fn skip_reasons(inputs: &[Input]) -> Vec<(String, String)> {
        inputs
            .iter()
            .flat_map(|i| read_input(i).skips)
            .map(|s| (s.origin, s.reason))
            .collect()
    }

    /// Regression: symlink loops and dangling links vanished from a walk
    /// without a skip line.
    #[cfg(unix)]
    #[test]
    fn entries_a_walk_cannot_read_are_skips_not_silence() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt")).unwrap();
        let inputs = expand(&[dir.path()]).unwrap();
        assert_eq!(
            inputs
                .iter()
                .filter(|i| matches!(i, Input::File(_)))
                .count(),
            1
        );
        let skips = skip_reasons(&inputs);
        assert_eq!(skips.len(), 2, "{skips:?}");
        assert!(
            skips[0].0.ends_with("dangling.txt") && skips[0].1.contains("broken symbolic link"),
            "{skips:?}"
        );
        assert!(
            skips[1].0.ends_with("loop") && skips[1].1.contains("loop"),
            "{skips:?}"
        );
    }

    /// Unreadable folders are skips too (as root every folder is readable,
    /// so this checks only where permissions apply).
    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_is_a_skip() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::write(locked.join("a.txt"), "a").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let readable_anyway = std::fs::read_dir(&locked).is_ok();
        let inputs = expand(&[dir.path()]).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if readable_anyway {
            eprintln!("running with rights to read any folder; nothing to check");
            return;
        }
        let skips = skip_reasons(&inputs);
        assert!(
            skips
                .iter()
                .any(|(o, r)| o.ends_with("locked") && r.contains("cannot read")),
            "{skips:?}"
        );
    }

    #[test]
    fn an_empty_folder_is_a_skip_saying_so() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".hidden"), "h").unwrap();
        let inputs = expand(&[dir.path()]).unwrap();
        let skips = skip_reasons(&inputs);
        assert_eq!(skips.len(), 1);
        assert!(skips[0].1.starts_with("empty folder"), "{skips:?}");
    }
}
