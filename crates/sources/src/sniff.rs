//! Deciding what decoded content is: JSON Lines, a feed, a sitemap, a list
//! of URLs, other XML, HTML, or plain text. By content, not by file
//! extension: saved pages are often named `.txt`, pasted text `.html`, and
//! feeds `.xml` or nothing at all. A feed sniffed as a page used to become
//! one article of glued-together items; recognising it is what lets it be
//! read properly.

use dossier_model::ContentKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    JsonLines,
    /// RSS 0.9x/2.0, RDF (RSS 1.0), Atom or JSON Feed.
    Feed,
    /// A sitemap (`<urlset>`, news sitemaps too) or a sitemap index.
    Sitemap,
    /// Nothing but `http(s)://` URLs, one a line (`#` comments allowed).
    UrlList,
    /// XML that is neither a page, a feed nor a sitemap; its root element.
    OtherXml(String),
    Content(ContentKind),
}

/// Tags whose presence near the start marks a document as HTML.
const HTML_OPENERS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<title",
    "<article",
    "<div",
    "<p>",
    "<p ",
    "<section",
    "<main",
    "<table",
];

pub fn sniff(text: &str) -> Sniffed {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.starts_with('{') || start.starts_with('[') {
        let first_line = start.lines().next().unwrap_or("");
        let whole = || serde_json::from_str::<serde_json::Value>(start);
        let object_line = serde_json::from_str::<serde_json::Value>(first_line)
            .ok()
            .filter(|v| v.is_object());
        if let Some(value) = object_line.or_else(|| whole().ok()) {
            return if is_json_feed(&value) {
                Sniffed::Feed
            } else {
                Sniffed::JsonLines
            };
        }
    }
    if let Some(root) = xml_root(start) {
        // By local name: `<atom:feed>`, `<rdf:RDF>`.
        match root.rsplit(':').next().unwrap_or(&root) {
            "rss" | "feed" | "rdf" => return Sniffed::Feed,
            "urlset" | "sitemapindex" => return Sniffed::Sitemap,
            "html" => return Sniffed::Content(ContentKind::Html),
            // Without an XML prolog, an unknown first tag is left to the
            // HTML rules below (fragments open with any tag).
            _ if start.starts_with("<?xml") => return Sniffed::OtherXml(root),
            _ => {}
        }
    }
    if is_url_list(start) {
        return Sniffed::UrlList;
    }
    let head: String = start.chars().take(2048).collect::<String>().to_lowercase();
    let opens_with_markup = head.starts_with('<')
        && (HTML_OPENERS.iter().any(|t| head.contains(t)) || head.starts_with("<!--"));
    if opens_with_markup {
        return Sniffed::Content(ContentKind::Html);
    }
    // Text with a few block-level closing tags is a page saved without its
    // head, or an HTML fragment.
    let fragment_tags = ["</p>", "<br", "</div>", "</li>"]
        .iter()
        .map(|t| head.matches(t).count())
        .sum::<usize>();
    if fragment_tags >= 3 {
        return Sniffed::Content(ContentKind::Html);
    }
    Sniffed::Content(ContentKind::Text)
}

/// A JSON Feed (jsonfeed.org): one object with its version URL and items.
fn is_json_feed(value: &serde_json::Value) -> bool {
    value
        .get("version")
        .and_then(|v| v.as_str())
        .is_some_and(|v| v.contains("jsonfeed.org"))
        && value.get("items").is_some_and(|i| i.is_array())
}

/// The lowercased name of the first element, past an XML prolog, comments,
/// a doctype and processing instructions; `None` when the text does not
/// open with markup.
fn xml_root(start: &str) -> Option<String> {
    let mut rest = start;
    loop {
        rest = rest.trim_start();
        let skip_to = if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<!") {
            ">"
        } else {
            break;
        };
        let end = rest.find(skip_to)?;
        rest = &rest[end + skip_to.len()..];
    }
    let name: String = rest
        .strip_prefix('<')?
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .take(64)
        .collect();
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// Every line that is not blank or a `#` comment is one `http(s)://` URL.
fn is_url_list(start: &str) -> bool {
    let mut lines = start
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .peekable();
    lines.peek().is_some() && lines.all(|l| is_url(l))
}

/// An absolute `http` or `https` URL with a host and no spaces.
pub fn is_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with('/') && !text.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(
            sniff("{\"text\": \"x\"}\n{\"text\": \"y\"}"),
            Sniffed::JsonLines
        );
        assert_eq!(
            sniff("\n  <!DOCTYPE html><html><p>x</p>"),
            Sniffed::Content(ContentKind::Html)
        );
        assert_eq!(
            sniff("Intro line\n<p>one</p><p>two</p><br>three"),
            Sniffed::Content(ContentKind::Html)
        );
        assert_eq!(
            sniff("Talks resume in Geneva\n\nThe envoys met on Monday."),
            Sniffed::Content(ContentKind::Text)
        );
        assert_eq!(
            sniff("{braces} in prose are still text"),
            Sniffed::Content(ContentKind::Text)
        );
    }

    #[test]
    fn feeds_sitemaps_url_lists_and_other_xml_are_recognised() {
        let cases = [
            (
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>",
                Sniffed::Feed,
            ),
            (
                "<?xml version=\"1.0\"?><!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\">",
                Sniffed::Feed,
            ),
            ("<rdf:RDF xmlns:rdf=\"x\"><channel>", Sniffed::Feed),
            (
                "<?xml version=\"1.0\"?><atom:feed xmlns:atom=\"a\">",
                Sniffed::Feed,
            ),
            (
                r#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#,
                Sniffed::Feed,
            ),
            (
                "<?xml version=\"1.0\"?><urlset xmlns=\"s\"><url>",
                Sniffed::Sitemap,
            ),
            ("<sitemapindex><sitemap>", Sniffed::Sitemap),
            (
                "# links\nhttps://example.org/a\n\nhttp://example.org/b?x=1\n",
                Sniffed::UrlList,
            ),
            (
                "<?xml version=\"1.0\"?><svg width=\"1\">",
                Sniffed::OtherXml("svg".into()),
            ),
            (
                "<?xml version=\"1.0\"?><!DOCTYPE html><html><body><p>x</p>",
                Sniffed::Content(ContentKind::Html),
            ),
            (
                "See https://example.org/a for more.",
                Sniffed::Content(ContentKind::Text),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(sniff(text), expected, "{text}");
        }
    }
}
