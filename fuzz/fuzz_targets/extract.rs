//! Fuzz target: arbitrary bytes through reading (sniffing, charset
//! decoding, gzip, JSON Lines) and extraction. Any panic is a bug: reading
//! and extraction never fail (ARCHITECTURE.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let read = dossier_sources::read_bytes("fuzz", data.to_vec());
    for raw in &read.docs {
        let article = dossier_extract::extract(raw);
        // Paragraph spans must lie on character boundaries of the text.
        for p in &article.paragraphs {
            assert!(
                article.text.is_char_boundary(p.span.start)
                    && article.text.is_char_boundary(p.span.end)
            );
        }
    }
    // The same bytes forced through both extractors.
    let text = String::from_utf8_lossy(data).into_owned();
    for kind in [
        dossier_model::ContentKind::Html,
        dossier_model::ContentKind::Text,
    ] {
        let raw = dossier_model::RawDoc {
            id: String::new(),
            origin: "fuzz".into(),
            kind,
            content: text.clone(),
            given: Default::default(),
            content_hash: String::new(),
            warnings: vec![],
        };
        let _ = dossier_extract::extract(&raw);
    }
});
