//! Hostile and broken inputs: each gives an article or a clean empty result
//! (with a warning), never a crash or stack overflow, in bounded time and
//! memory. Inputs are generated here; sizes are the ones users meet.

use dossier_model::{ContentKind, GivenMeta, RawDoc};

fn raw(kind: ContentKind, content: String) -> RawDoc {
    RawDoc {
        id: "t".into(),
        origin: "test".into(),
        kind,
        content,
        given: GivenMeta::default(),
        content_hash: String::new(),
        warnings: vec![],
    }
}

const PARAGRAPH: &str = "The delegations met for a fourth round of talks on Tuesday, officials said, and agreed to meet again next month in the capital.";

#[test]
fn a_page_nested_100000_levels_deep() {
    let html = format!(
        "{}<p>{PARAGRAPH}</p>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let article = dossier_extract::extract(&raw(ContentKind::Html, html));
    assert!(article.text.contains("fourth round"), "{:?}", article.text);
    // Unclosed nesting of inline and block elements too.
    let html = "<span><div><b>".repeat(40_000) + PARAGRAPH;
    let article = dossier_extract::extract(&raw(ContentKind::Html, html));
    assert!(article.text.contains("fourth round"));
}

#[test]
fn a_50_mb_page() {
    let body: String = (0..200_000)
        .map(|i| format!("<p>{i}: {PARAGRAPH}</p>\n"))
        .collect();
    let html = format!(
        "<html><head><title>Big</title></head><body><article>{body}</article></body></html>"
    );
    assert!(html.len() > 25_000_000);
    let html = html.repeat(2);
    assert!(html.len() > 50_000_000);
    let article = dossier_extract::extract(&raw(ContentKind::Html, html));
    assert!(
        article.paragraphs.len() >= 200_000,
        "{}",
        article.paragraphs.len()
    );
}

#[test]
fn a_page_of_only_scripts_and_an_empty_page() {
    let html = "<script>var a = '<p>not text</p>';</script>".repeat(1000)
        + "<style>p { color: red }</style>";
    for content in [
        html,
        String::new(),
        "<html></html>".to_string(),
        "   ".to_string(),
    ] {
        let article = dossier_extract::extract(&raw(ContentKind::Html, content));
        assert!(article.text.is_empty());
        assert_eq!(article.warnings, ["no article text found"]);
    }
}

#[test]
fn broken_markup_and_odd_text_never_panic() {
    let cases = [
        "<",
        "<<<<>>>>",
        "</",
        "<!--",
        "<![CDATA[",
        "<a href=\"",
        "<p class='x",
        "<?xml",
        "<!doctype",
        "<table><td><td><tr><li><dt><dd><option>",
        "&#xFFFFFFFF; &#0; &bogus; &amp",
        "\u{0}\u{1}\u{fffd}<p>\u{202e}text",
        "<p>北京表示欢迎。<b>双方</b>将继续会谈。</p>",
        "<svg><p>in svg</p></svg><math><p>in math</p>",
        "<textarea><p>raw</p>",
        "<noscript><p>hidden</p></noscript><p>shown text here with enough words to count.</p>",
    ];
    for case in cases {
        let _ = dossier_extract::extract(&raw(ContentKind::Html, case.to_string()));
        let _ = dossier_extract::extract(&raw(ContentKind::Text, case.to_string()));
    }
}
