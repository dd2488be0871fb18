//! HTML pages → metadata and text blocks.
//!
//! One lexer pass feeds both the metadata reader ([`meta`]) and the tree
//! builder ([`dom`]); [`content`] then finds the article container in the
//! tree and cuts its text into blocks, which go through the same cleaner as
//! plain text.

mod content;
mod dom;
mod lexer;
mod meta;

pub use meta::PageMeta;

use crate::clean::{Block, Hint};

/// Reads a page into its metadata and the text blocks of its article.
pub fn parse(html: &str) -> (PageMeta, Vec<Block>) {
    let mut reader = meta::MetaReader::default();
    let mut builder = dom::Builder::new();
    for token in lexer::Lexer::new(html) {
        reader.feed(&token);
        builder.feed(token);
    }
    let dom = builder.finish();
    let blocks = content::blocks(&dom);
    let h1 = blocks
        .iter()
        .find(|b| b.hint == Hint::Heading(1))
        .map(|b| b.text.clone());
    (reader.finish(h1), blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_metadata_from_meta_json_ld_and_time() {
        let page = r#"<!doctype html><html lang="en-GB"><head>
            <title>Talks stall | Example Times</title>
            <meta property="og:site_name" content="Example Times">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Talks stall again","datePublished":"2025-03-13T09:00:00Z","author":[{"@type":"Person","name":"Dana Whitfield"}]}]}</script>
            </head><body><nav><a href="/">Home</a></nav>
            <article><h1>Talks stall again</h1><time datetime="2025-03-12">Yesterday</time>
            <p>Negotiators left the room without a deal on Wednesday, officials said.</p>
            <div class="share-buttons">Share on Facebook</div></article></body></html>"#;
        let (meta, blocks) = parse(page);
        assert_eq!(meta.title.as_deref(), Some("Talks stall again"));
        assert_eq!(meta.author.as_deref(), Some("Dana Whitfield"));
        assert_eq!(meta.published.as_deref(), Some("2025-03-13"));
        assert_eq!(meta.outlet.as_deref(), Some("Example Times"));
        assert_eq!(meta.language.as_deref(), Some("en"));
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts
            .contains(&"Negotiators left the room without a deal on Wednesday, officials said."));
        assert!(!texts
            .iter()
            .any(|t| t.contains("Share on Facebook") || t.contains("Home")));
    }

    #[test]
    fn deep_nesting_and_stray_tags_are_bounded() {
        let deep = "<div>".repeat(100_000) + "deep text" + &"</div>".repeat(100_000);
        let (_, blocks) = parse(&deep);
        assert_eq!(blocks.len(), 1);
        let (_, blocks) = parse("</p></div><p>one<p>two</b></i>");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn entities_and_br_breaks() {
        let (_, blocks) = parse("<p>Caf&eacute; &amp; talks<br><br>Second&nbsp;part</p>");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Café & talks", "Second part"]);
    }
}
