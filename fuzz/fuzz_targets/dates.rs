//! Fuzz target: the date parsers (metadata values, date lines, given
//! dates) and the time normaliser (time expressions resolved against an
//! anchor, and against the date inferred from the text). Input: the first
//! line is the publication date or anchor, the rest the text. Any panic is
//! a bug, and every span must fall on character boundaries of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn is_iso(date: &str) -> bool {
    date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (first, text) = input.split_once('\n').unwrap_or((&input, ""));
    for date in [
        dossier_extract::dates::iso_date(first),
        dossier_extract::dates::date_line(first),
        dossier_extract::dates::iso_date(text),
    ]
    .into_iter()
    .flatten()
    {
        assert!(is_iso(&date), "{date:?}");
    }
    if let Some(date) = dossier_extract::dates::given_date(first) {
        assert!(
            date.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
            "{date:?}"
        );
    }
    let _ = dossier_analyze::times::article_day(first);
    let check = |times: &[dossier_model::TimeExpr]| {
        for t in times {
            assert!(t.span.start <= t.span.end && t.span.end <= text.len());
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
    };
    check(&dossier_analyze::times::find_times(text, Some(first)));
    let doc = dossier_text::Doc::new(text);
    let (times, inferred) = dossier_analyze::times::find_article_times(&doc, None);
    check(&times);
    if let Some(day) = inferred {
        assert!(is_iso(&day), "{day:?}");
    }
    check(&dossier_analyze::times::find_article_times(&doc, Some(first)).0);
});
