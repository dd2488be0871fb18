//! WARC archives (`.warc`, and `.warc.gz` once the bounded gunzip has
//! undone its per-record gzip members), parsed by the `warc` crate: each
//! HTML response (or resource) record is a document named by its
//! `WARC-Target-URI` and dated, when the page says nothing, by its
//! `WARC-Date`; every other record is counted in one skip line per reason,
//! so a crawl's thousands of requests and images do not flood the summary.

use std::collections::BTreeMap;

use dossier_model::GivenMeta;
use warc::{RecordType, WarcHeader, WarcReader};

use crate::{read_content, ReadResult, Reading, Skip};

/// Does `bytes` (decompressed) open like a WARC file?
pub fn is_warc(bytes: &[u8]) -> bool {
    bytes.starts_with(b"WARC/")
}

/// Reads every record of the WARC file in `bytes` into `result`.
pub fn read(origin: &str, bytes: &[u8], result: &mut ReadResult) {
    let mut not_read: BTreeMap<String, usize> = BTreeMap::new();
    let mut records = 0;
    for record in WarcReader::new(bytes).iter_records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                // The reader cannot find the next record after a broken
                // one: what came before it is kept.
                result.skips.push(Skip {
                    origin: origin.to_string(),
                    reason: format!(
                        "broken WARC record after {records} good ones ({err}); the rest of the file is not read"
                    ),
                });
                break;
            }
        };
        records += 1;
        let kind = record.warc_type().clone();
        let captured = record.date().date_naive().to_string();
        // `Record::header` unwraps the value as UTF-8 and panics on any
        // other byte; the raw headers are read lossily instead, because a
        // crawl's header bytes are whatever the crawler wrote.
        let (headers, body) = record.into_raw_parts();
        let header = |name: WarcHeader| {
            headers
                .as_ref()
                .get(&name)
                .map(|value| String::from_utf8_lossy(value).trim().to_string())
        };
        let outcome = match (kind, header(WarcHeader::TargetURI)) {
            (RecordType::Response, Some(target)) => {
                http_payload(&body).map(|payload| (target, payload))
            }
            (RecordType::Resource, Some(target)) => {
                let content_type = header(WarcHeader::ContentType).unwrap_or_default();
                html_type(&content_type).map(|charset| (target, Payload { charset, body }))
            }
            (RecordType::Response | RecordType::Resource, None) => {
                Err("response without a WARC-Target-URI".to_string())
            }
            (other, _) => Err(format!("{other} record")),
        };
        match outcome {
            Ok((target, payload)) => {
                let given = GivenMeta {
                    url: Some(target.clone()),
                    captured: Some(captured),
                    ..GivenMeta::default()
                };
                let read = read_content(
                    Reading {
                        origin: &target,
                        identity: &target,
                        charset: payload.charset.as_deref(),
                        given,
                    },
                    payload.body,
                );
                result.docs.extend(read.docs);
                result.skips.extend(read.skips);
            }
            Err(reason) => *not_read.entry(reason).or_default() += 1,
        }
    }
    for (reason, count) in not_read {
        result.skips.push(Skip {
            origin: origin.to_string(),
            reason: format!("{count} WARC record(s) not read: {reason}"),
        });
    }
}

/// An HTTP response's body, undone of its transfer and content encodings,
/// with the charset its headers name.
struct Payload {
    charset: Option<String>,
    body: Vec<u8>,
}

/// The HTML page in a response record's HTTP message, or why there is none.
fn http_payload(message: &[u8]) -> Result<Payload, String> {
    let split = memchr::memmem::find(message, b"\r\n\r\n")
        .map(|at| (at, at + 4))
        .or_else(|| memchr::memmem::find(message, b"\n\n").map(|at| (at, at + 2)))
        .ok_or("response without an HTTP header")?;
    let head = String::from_utf8_lossy(&message[..split.0]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or("response without an HTTP status line")?;
    if !(200..300).contains(&status) {
        return Err(format!("HTTP status {status}"));
    }
    let header = |name: &str| {
        head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_ascii_lowercase())
        })
    };
    let charset = html_type(&header("content-type").unwrap_or_default())?;
    let mut body = message[split.1..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).ok_or("broken chunked transfer encoding")?;
    }
    match header("content-encoding").as_deref() {
        None | Some("identity") => {}
        Some("gzip" | "x-gzip") => body = crate::gunzip(&body)?,
        Some(other) => return Err(format!("content encoding {other} (not gzip)")),
    }
    Ok(Payload { charset, body })
}

/// The charset a `text/html` (or XHTML) content type names; an error
/// naming any other type.
fn html_type(content_type: &str) -> Result<Option<String>, String> {
    let lower = content_type.to_ascii_lowercase();
    let mime = lower.split(';').next().unwrap_or("").trim();
    if mime != "text/html" && mime != "application/xhtml+xml" {
        let shown = if mime.is_empty() { "none" } else { mime };
        return Err(format!("not an HTML page (content type {shown})"));
    }
    Ok(crate::charset_param(&lower))
}

/// Undoes HTTP/1.1 chunked transfer encoding.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memmem::find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;x=1\r\n, world\r\n0\r\n\r\n").as_deref(),
            Some(&b"Hello, world"[..])
        );
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn only_successful_html_responses_are_pages() {
        let page = http_payload(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n<p>x</p>",
        )
        .unwrap();
        assert_eq!(page.charset.as_deref(), Some("windows-1251"));
        assert_eq!(page.body, b"<p>x</p>");
        let image = http_payload(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
        assert!(image.err().unwrap().contains("image/png"));
        let moved = http_payload(b"HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n");
        assert_eq!(moved.err().unwrap(), "HTTP status 301");
    }

    /// A header byte that is not UTF-8 (found by the extract fuzz target)
    /// is read lossily, not a panic.
    #[test]
    fn a_header_that_is_not_utf8_is_read_lossily() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>The envoys met.</p>";
        let mut warc = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https:\u{fffd}//example.org/a\r\n\
             WARC-Date: 2025-06-05T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: {}\r\n\r\n",
            page.len()
        )
        .into_bytes();
        // Put a lone 0x95 where the replacement character was written.
        let at = memchr::memmem::find(&warc, "\u{fffd}".as_bytes()).unwrap();
        warc.splice(at..at + 3, [0x95]);
        warc.extend_from_slice(page);
        warc.extend_from_slice(b"\r\n\r\n");
        let mut result = ReadResult::default();
        read("crawl.warc", &warc, &mut result);
        assert_eq!(
            result.docs.len(),
            1,
            "skips: {:?}",
            result.skips.iter().map(|s| &s.reason).collect::<Vec<_>>()
        );
        assert!(result.docs[0]
            .given
            .url
            .as_deref()
            .unwrap()
            .contains("example.org/a"));
    }
}
