//! Fuzz target: the JSON Lines reader. Arbitrary bytes are read as a file
//! named `.jsonl` (records, pretty-printed JSON, broken lines, odd field
//! types), then each record is extracted, which reads its given metadata
//! (`published` dates above all). Any panic is a bug: reading and
//! extraction never fail (ARCHITECTURE.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let read = dossier_sources::read_bytes("fuzz.jsonl", data.to_vec());
    for raw in &read.docs {
        // A record's body is a non-empty string, never a number turned to text.
        assert!(!raw.content.trim().is_empty());
        let article = dossier_extract::extract(raw);
        // A given date is an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or nothing.
        if let Some(date) = &article.published {
            assert!(
                matches!(date.len(), 4 | 7 | 10)
                    && date.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
                "published {date:?}"
            );
        }
        for p in &article.paragraphs {
            assert!(
                article.text.is_char_boundary(p.span.start)
                    && article.text.is_char_boundary(p.span.end)
            );
        }
    }
    for skip in &read.skips {
        assert!(!skip.reason.is_empty());
    }
});
