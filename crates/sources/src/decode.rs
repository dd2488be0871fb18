//! Bytes → UTF-8 text: byte-order marks, declared legacy charsets, invalid
//! bytes, and the recognition of binary files.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text plus what had to be repaired on the way.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// How far into a file the binary test and the charset declaration are looked for.
const SNIFF_LEN: usize = 8192;

/// Decodes `bytes` to text, or says why the bytes are not text.
///
/// Order of evidence: a byte-order mark (UTF-8, UTF-16), then a charset
/// declared in an HTML `<meta>` or XML prolog, then UTF-8. Invalid sequences
/// are replaced with U+FFFD and counted in a warning, never fatal.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(encoding, &bytes[bom_len..], None));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let mut decoded = decode_with(encoding, bytes, None);
        decoded.warnings.push(format!(
            "no byte-order mark; read as {} (every other byte is NUL)",
            encoding.name()
        ));
        return Ok(decoded);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(format!("binary file ({kind}), not text"));
    }
    match declared_charset(&bytes[..bytes.len().min(SNIFF_LEN)]) {
        Some(encoding) if encoding != UTF_8 => {
            // Pages often declare a legacy charset but are served as UTF-8;
            // valid multi-byte UTF-8 is strong evidence against the label.
            if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                let mut decoded = decode_with(UTF_8, bytes, None);
                decoded.warnings.push(format!(
                    "declares charset {} but is valid UTF-8; read as UTF-8",
                    encoding.name()
                ));
                return Ok(decoded);
            }
            Ok(decode_with(encoding, bytes, Some(encoding.name())))
        }
        _ => Ok(decode_with(UTF_8, bytes, None)),
    }
}

/// Decodes `bytes` in the charset a transport named (an HTTP
/// `Content-Type`), which outranks what the content declares; a byte-order
/// mark still wins, and an unknown label falls back to [`decode`] with a
/// warning.
pub fn decode_as(bytes: &[u8], label: &str) -> Result<Decoded, String> {
    if Encoding::for_bom(bytes).is_some() {
        return decode(bytes);
    }
    match Encoding::for_label(label.as_bytes()) {
        Some(encoding) => {
            if let Some(kind) = binary_kind(bytes) {
                return Err(format!("binary file ({kind}), not text"));
            }
            Ok(decode_with(encoding, bytes, Some(encoding.name())))
        }
        None => {
            let mut decoded = decode(bytes)?;
            decoded.warnings.push(format!(
                "unknown charset {label:?} in the Content-Type header; ignored"
            ));
            Ok(decoded)
        }
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], declared: Option<&str>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        warnings.push(format!(
            "{replaced} invalid {} byte sequence(s) replaced with U+FFFD",
            declared.unwrap_or(encoding.name())
        ));
    }
    Decoded {
        text: text.into_owned(),
        warnings,
    }
}

/// UTF-16 saved without a byte-order mark (some Windows tools do): text in
/// Latin, Cyrillic or Greek script has a NUL in every other byte, always on
/// the same side of each pair; a binary file has NULs on both sides and
/// pairs of them. Decided on the first [`SNIFF_LEN`] bytes, which must hold
/// some text: at least half its pairs have their NUL on the one side, none
/// on the other, and the other byte of those pairs is printable ASCII or
/// whitespace more often than not.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let side = |nul: usize| {
        let mut with_nul = 0;
        let mut text = 0;
        for pair in head.chunks_exact(2) {
            let (zero, other) = (pair[nul], pair[1 - nul]);
            if other == 0 {
                return None;
            }
            if zero == 0 {
                with_nul += 1;
                if other.is_ascii_graphic() || other.is_ascii_whitespace() {
                    text += 1;
                }
            }
        }
        (with_nul * 2 >= pairs && text * 2 > with_nul).then_some(())
    };
    if side(1).is_some() {
        Some(encoding_rs::UTF_16LE)
    } else if side(0).is_some() {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Names the kind of binary file `bytes` start with, if they are not text.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive or office document"),
        (b"\x7fELF", "executable"),
        (b"SQLite format 3\0", "SQLite database"),
        (b"BZh", "bzip2 archive"),
        (b"\xfd7zXZ", "xz archive"),
        (b"\x28\xb5\x2f\xfd", "zstd archive"),
        (b"RIFF", "RIFF media"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.contains(&0) {
        return Some("contains NUL bytes");
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    (control * 10 > head.len()).then_some("mostly control bytes")
}

/// Finds a charset declared in `<meta charset=…>`, `<meta http-equiv=…
/// content="…; charset=…">` or `<?xml … encoding="…"?>`.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut search_from = 0;
    while let Some(pos) = find(&lower[search_from..], b"<meta") {
        let start = search_from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |p| start + p);
        if let Some(label) = value_after(&lower[start..end], b"charset") {
            if let Some(encoding) = Encoding::for_label(label) {
                return Some(encoding);
            }
        }
        search_from = end;
    }
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>").unwrap_or(lower.len());
        return value_after(&lower[..end], b"encoding").and_then(Encoding::for_label);
    }
    None
}

/// The value after `key` and `=` (optionally quoted) inside a tag.
fn value_after<'a>(tag: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let pos = find(tag, key)? + key.len();
    let rest = tag[pos..].trim_ascii_start().strip_prefix(b"=")?;
    let rest = rest.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
        .unwrap_or(rest.len());
    (len > 0).then_some(&rest[..len])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Grüße".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "Grüße");
    }

    /// Regression: UTF-16 without a byte-order mark was skipped as
    /// "binary (contains NUL bytes)".
    #[test]
    fn utf16_without_bom_is_recognised_and_decoded() {
        let text = "Grüße aus Москва.\r\nThe talks resume on Friday.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.text, text);
            assert!(decoded.warnings[0].contains(name), "{:?}", decoded.warnings);
        }
        // NULs on both sides of the pairs: binary, as before.
        assert!(decode(b"a\0\0bc\0\0d").unwrap_err().contains("NUL"));
        assert!(decode(b"\0\0\0\0\0\0").is_err());
    }

    #[test]
    fn declared_legacy_charsets_are_honoured() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("<html><head><meta charset=\"windows-1251\"></head><p>Москва</p>");
        let decoded = decode(&bytes).unwrap();
        assert!(decoded.text.contains("Москва"), "{}", decoded.text);
        assert!(decoded.warnings.is_empty());

        let latin1 = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xe9</p>";
        assert!(decode(latin1).unwrap().text.contains("café"));

        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset='gbk'><p>北京</p>");
        assert!(decode(&gbk).unwrap().text.contains("北京"));
    }

    #[test]
    fn a_false_legacy_declaration_on_utf8_bytes_is_overruled() {
        let decoded = decode("<meta charset=iso-8859-1><p>Zürich</p>".as_bytes()).unwrap();
        assert!(decoded.text.contains("Zürich"));
        assert_eq!(decoded.warnings.len(), 1);
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let decoded = decode(b"abc \xff\xfe def").unwrap();
        assert!(decoded.text.starts_with("abc "));
        assert!(
            decoded.warnings[0].contains("replaced"),
            "{:?}",
            decoded.warnings
        );
    }

    #[test]
    fn binary_files_are_recognised() {
        assert!(decode(b"%PDF-1.7 ...").unwrap_err().contains("PDF"));
        assert!(decode(b"abc\0def").unwrap_err().contains("NUL"));
    }
}
