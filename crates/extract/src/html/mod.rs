//! HTML pages → blocks and metadata.
//!
//! One pass over the token stream: metadata is read from `<meta>`, `<title>`,
//! `<time>`, `<html lang>` and JSON-LD; text is gathered into blocks at
//! block-element boundaries, skipping subtrees that are boilerplate by their
//! element (`nav`, `aside`, `form`, …) or by their class/id (`comments`,
//! `related`, `share`, …). The blocks then go through the same cleaner as
//! plain text.

mod tokenizer;

use crate::clean::{Block, Hint};
use crate::dates;
use tokenizer::{Token, Tokenizer};

/// What a page states about itself.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// JSON-LD `articleBody`, when the page carries it.
    pub article_body: Option<String>,
}

/// Elements whose whole subtree is never article text.
const SKIP_ELEMENTS: &[&str] = &[
    "nav", "aside", "form", "button", "select", "option", "noscript", "svg", "canvas", "video",
    "audio", "object", "embed", "menu", "dialog", "figure", "footer",
];

/// Class/id fragments marking boilerplate containers. Matched against
/// dash/underscore-separated parts, so `comment-list` matches but
/// `commentary` does not.
const BOILERPLATE_CLASSES: &[&str] = &[
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "consent",
    "banner",
    "advert",
    "ad",
    "ads",
    "advertisement",
    "promo",
    "sidebar",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "popup",
    "modal",
    "tags",
    "taglist",
    "byline",
    "author-bio",
    "bio",
    "caption",
    "disqus",
    "outbrain",
    "taboola",
    "paywall",
    "toolbar",
    "widget",
    "masthead",
];

const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "td",
    "th",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "header",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "caption",
    "address",
    "hr",
    "body",
];

const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Containers nested deeper than this are treated as flat: their tags still
/// break blocks but are not tracked, which bounds memory on hostile pages.
const MAX_DEPTH: usize = 512;

struct Open {
    name: String,
    skip: bool,
    article: bool,
}

/// Block text being gathered.
struct Gather {
    blocks: Vec<(Block, bool)>,
    current: String,
    hint: Hint,
}

impl Gather {
    fn flush(&mut self, in_article: bool) {
        let text = collapse(&html_escape::decode_html_entities(&self.current));
        if !text.is_empty() {
            self.blocks.push((Block::new(text, self.hint), in_article));
        }
        self.current.clear();
        self.hint = Hint::Plain;
    }
}

/// Reads a page into its metadata and its text blocks.
pub fn parse(html: &str) -> (PageMeta, Vec<Block>) {
    let mut meta = PageMeta::default();
    let mut meta_title = None;
    let mut doc_title = None;
    let mut h1: Option<String> = None;
    let mut stack: Vec<Open> = Vec::new();
    let mut skip_depth = 0usize;
    let mut article_depth = 0usize;
    let mut in_time: Option<String> = None;
    let mut gather = Gather {
        blocks: Vec::new(),
        current: String::new(),
        hint: Hint::Plain,
    };

    for token in Tokenizer::new(html) {
        match token {
            Token::Text(text) => {
                if skip_depth == 0 {
                    gather.current.push_str(text);
                }
            }
            Token::RawText {
                name,
                attrs,
                content,
            } => match name.as_str() {
                "title" if doc_title.is_none() => doc_title = Some(collapse(&decode(content))),
                "script" if attr(&attrs, "type").is_some_and(|t| t.contains("ld+json")) => {
                    read_json_ld(content, &mut meta);
                }
                _ => {}
            },
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                match name.as_str() {
                    "html" => {
                        if let Some(lang) =
                            attr(&attrs, "lang").or_else(|| attr(&attrs, "xml:lang"))
                        {
                            meta.language.get_or_insert_with(|| primary_language(lang));
                        }
                    }
                    "meta" => read_meta(&attrs, &mut meta, &mut meta_title),
                    "link"
                        if attr(&attrs, "rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                    {
                        if let Some(href) = attr(&attrs, "href") {
                            meta.url.get_or_insert_with(|| decode(href));
                        }
                    }
                    "time" => {
                        in_time = attr(&attrs, "datetime").map(decode);
                    }
                    "br" if skip_depth == 0 => gather.flush(article_depth > 0),
                    _ => {}
                }
                if BLOCK_ELEMENTS.contains(&name.as_str()) && skip_depth == 0 {
                    gather.flush(article_depth > 0);
                    gather.hint = match name.as_str() {
                        "h1" => Hint::Heading(1),
                        "h2" => Hint::Heading(2),
                        "h3" => Hint::Heading(3),
                        "h4" | "h5" | "h6" => Hint::Heading(4),
                        "li" | "dd" | "dt" => Hint::ListItem,
                        "p" | "blockquote" => Hint::Paragraph,
                        _ => Hint::Plain,
                    };
                }
                if self_closing || VOID_ELEMENTS.contains(&name.as_str()) {
                    continue;
                }
                if stack.len() >= MAX_DEPTH {
                    continue;
                }
                let skip = SKIP_ELEMENTS.contains(&name.as_str()) || is_boilerplate(&attrs);
                let article = name == "article"
                    || attr(&attrs, "itemprop").is_some_and(|p| p == "articleBody");
                if skip {
                    skip_depth += 1;
                }
                if article {
                    article_depth += 1;
                }
                stack.push(Open {
                    name,
                    skip,
                    article,
                });
            }
            Token::End { name } => {
                if name == "time" {
                    if let Some(datetime) = in_time.take() {
                        if meta.published.is_none() {
                            meta.published = dates::iso_date(&datetime);
                        }
                    }
                }
                if BLOCK_ELEMENTS.contains(&name.as_str()) && skip_depth == 0 {
                    if name == "h1" && h1.is_none() {
                        h1 = Some(collapse(&decode(&gather.current)));
                    }
                    gather.flush(article_depth > 0);
                }
                // Close the nearest matching open element; a stray end tag
                // with no match nearby is ignored, as browsers do.
                let lookback = stack.len().saturating_sub(64);
                if let Some(at) = stack[lookback..].iter().rposition(|o| o.name == name) {
                    for open in stack.drain(lookback + at..) {
                        if open.skip {
                            skip_depth -= 1;
                        }
                        if open.article {
                            article_depth -= 1;
                        }
                    }
                }
            }
        }
    }
    gather.flush(article_depth > 0);

    meta.title = meta
        .title
        .take()
        .or(meta_title)
        .or(h1.filter(|h| !h.is_empty()))
        .or_else(|| doc_title.map(|t| strip_site_suffix(&t, meta.outlet.as_deref())))
        .filter(|t| !t.is_empty());

    // Prefer the text inside <article> when the page marks one that holds a
    // real share of the text.
    let total: usize = gather.blocks.iter().map(|(b, _)| b.text.len()).sum();
    let in_article: usize = gather
        .blocks
        .iter()
        .filter(|(_, a)| *a)
        .map(|(b, _)| b.text.len())
        .sum();
    let blocks = if in_article >= 200 && in_article * 4 >= total {
        gather
            .blocks
            .into_iter()
            .filter(|(_, a)| *a)
            .map(|(b, _)| b)
            .collect()
    } else {
        gather.blocks.into_iter().map(|(b, _)| b).collect()
    };
    (meta, blocks)
}

fn attr<'a>(attrs: &[(String, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
}

fn decode(s: &str) -> String {
    html_escape::decode_html_entities(s).into_owned()
}

/// Collapses runs of whitespace to one space and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn primary_language(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase()
}

fn is_boilerplate(attrs: &[(String, &str)]) -> bool {
    let hidden = attr(attrs, "hidden").is_some()
        || attr(attrs, "aria-hidden").is_some_and(|v| v == "true")
        || attr(attrs, "style").is_some_and(|s| s.replace(' ', "").contains("display:none"));
    if hidden {
        return true;
    }
    if attr(attrs, "role")
        .is_some_and(|r| matches!(r, "navigation" | "complementary" | "banner" | "contentinfo"))
    {
        return true;
    }
    ["class", "id"]
        .iter()
        .filter_map(|a| attr(attrs, a))
        .any(|value| {
            value
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|part| BOILERPLATE_CLASSES.contains(&part.to_ascii_lowercase().as_str()))
        })
}

fn read_meta(attrs: &[(String, &str)], meta: &mut PageMeta, meta_title: &mut Option<String>) {
    let key = attr(attrs, "property")
        .or_else(|| attr(attrs, "name"))
        .or_else(|| attr(attrs, "itemprop"))
        .map(str::to_ascii_lowercase);
    let (Some(key), Some(content)) = (key, attr(attrs, "content")) else {
        return;
    };
    let value = collapse(&decode(content));
    if value.is_empty() {
        return;
    }
    match key.as_str() {
        "og:title" | "twitter:title" | "dc.title" | "headline" => {
            meta_title.get_or_insert(value);
        }
        "author" | "article:author" | "dc.creator" | "byl" | "parsely-author"
        | "sailthru.author"
            // article:author is often a profile URL, not a name.
            if !value.starts_with("http") => {
                meta.author
                    .get_or_insert(value.trim_start_matches("By ").to_string());
            }
        "article:published_time"
        | "og:published_time"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publish-date"
        | "publishdate"
        | "dc.date"
        | "dc.date.issued"
        | "sailthru.date"
        | "parsely-pub-date"
            if meta.published.is_none() => {
                meta.published = dates::iso_date(&value);
            }
        "og:site_name" | "application-name" => {
            meta.outlet.get_or_insert(value);
        }
        "og:url" => {
            meta.url.get_or_insert(value);
        }
        "og:locale" | "language" | "content-language" => {
            meta.language
                .get_or_insert_with(|| primary_language(&value));
        }
        _ => {}
    }
}

/// Reads the first Article-like object of a JSON-LD block (also inside
/// `@graph` or arrays). Broken JSON-LD is ignored.
fn read_json_ld(content: &str, meta: &mut PageMeta) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(content.trim()) else {
        return;
    };
    let mut queue = vec![&value];
    while let Some(v) = queue.pop() {
        match v {
            serde_json::Value::Array(items) => queue.extend(items.iter().rev()),
            serde_json::Value::Object(obj) => {
                if let Some(graph) = obj.get("@graph") {
                    queue.push(graph);
                }
                let is_article = obj.get("@type").is_some_and(|t| {
                    let types: Vec<&str> = match t {
                        serde_json::Value::String(s) => vec![s.as_str()],
                        serde_json::Value::Array(a) => {
                            a.iter().filter_map(|x| x.as_str()).collect()
                        }
                        _ => vec![],
                    };
                    types.iter().any(|t| {
                        t.ends_with("Article")
                            || matches!(*t, "BlogPosting" | "Report" | "LiveBlogPosting")
                    })
                });
                if !is_article {
                    continue;
                }
                let text = |key: &str| {
                    obj.get(key)
                        .and_then(|v| v.as_str())
                        .map(|s| collapse(&decode(s)))
                };
                if meta.title.is_none() {
                    meta.title = text("headline").filter(|t| !t.is_empty());
                }
                if meta.published.is_none() {
                    meta.published = text("datePublished").and_then(|d| dates::iso_date(&d));
                }
                if meta.author.is_none() {
                    meta.author = obj.get("author").and_then(person_names);
                }
                if meta.outlet.is_none() {
                    meta.outlet = obj
                        .get("publisher")
                        .and_then(|p| p.get("name"))
                        .and_then(|n| n.as_str())
                        .map(str::to_string);
                }
                if meta.article_body.is_none() {
                    meta.article_body = obj.get("articleBody").and_then(|b| b.as_str()).map(decode);
                }
                return;
            }
            _ => {}
        }
    }
}

fn person_names(value: &serde_json::Value) -> Option<String> {
    let names: Vec<String> = match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Object(o) => o
            .get("name")
            .and_then(|n| n.as_str())
            .map(str::to_string)
            .into_iter()
            .collect(),
        serde_json::Value::Array(a) => a.iter().filter_map(person_names).collect(),
        _ => vec![],
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.trim().is_empty()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// "Headline | Outlet" or "Headline - Outlet" → "Headline".
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_is_site = outlet.is_some_and(|o| tail.trim().eq_ignore_ascii_case(o.trim()))
                || tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
            if tail_is_site {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
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
