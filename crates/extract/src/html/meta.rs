//! Page metadata: what a page says about itself in `<meta>` tags,
//! `<title>`, `<time datetime>`, `<html lang>`, `<link rel=canonical>` and
//! JSON-LD, read from the token stream as the tree is built.

use super::lexer::{Attrs, Token};
use crate::dates;

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

/// Gathers metadata token by token; [`MetaReader::finish`] settles the title.
#[derive(Default)]
pub struct MetaReader {
    meta: PageMeta,
    meta_title: Option<String>,
    doc_title: Option<String>,
    pending_time: Option<String>,
}

impl MetaReader {
    pub fn feed(&mut self, token: &Token<'_>) {
        let meta = &mut self.meta;
        match *token {
            Token::RawText {
                name,
                attrs,
                content,
            } => {
                if name.eq_ignore_ascii_case("title") && self.doc_title.is_none() {
                    self.doc_title = Some(collapse(&decode(content)));
                } else if name.eq_ignore_ascii_case("script")
                    && attrs
                        .get("type")
                        .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
                {
                    read_json_ld(content, meta);
                }
            }
            Token::Start { name, attrs, .. } => {
                if name.eq_ignore_ascii_case("meta") {
                    read_meta(&attrs, meta, &mut self.meta_title);
                } else if name.eq_ignore_ascii_case("html") {
                    if let Some(lang) = attrs.get("lang").or_else(|| attrs.get("xml:lang")) {
                        if !lang.is_empty() {
                            meta.language.get_or_insert_with(|| primary_language(lang));
                        }
                    }
                } else if name.eq_ignore_ascii_case("link") {
                    if attrs
                        .get("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    {
                        if let Some(href) = attrs.get("href") {
                            meta.url.get_or_insert_with(|| decode(href));
                        }
                    }
                } else if name.eq_ignore_ascii_case("time") {
                    self.pending_time = attrs.get("datetime").map(decode);
                }
            }
            Token::End { name } if name.eq_ignore_ascii_case("time") => {
                if let Some(datetime) = self.pending_time.take() {
                    if meta.published.is_none() {
                        meta.published = dates::iso_date(&datetime);
                    }
                }
            }
            _ => {}
        }
    }

    /// The page's title: structured data first (JSON-LD headline, OpenGraph),
    /// then the page's first `<h1>`, then `<title>` without the site suffix.
    pub fn finish(mut self, h1: Option<String>) -> PageMeta {
        let outlet = self.meta.outlet.clone();
        let structured = self.meta.title.take().or(self.meta_title).map(|t| {
            // "Headline | Outlet" in og:title too, when the outlet is known.
            match &outlet {
                Some(o) => strip_known_suffix(&t, o),
                None => t,
            }
        });
        self.meta.title = structured
            .or(h1.filter(|h| !h.is_empty()))
            .or_else(|| {
                self.doc_title
                    .map(|t| strip_site_suffix(&t, outlet.as_deref()))
            })
            .filter(|t| !t.is_empty());
        self.meta.author = self
            .meta
            .author
            .take()
            .and_then(|a| crate::clean::author_name(&a));
        self.meta
    }
}

pub fn decode(s: &str) -> String {
    html_escape::decode_html_entities(s).into_owned()
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn primary_language(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase()
}

fn read_meta(attrs: &Attrs<'_>, meta: &mut PageMeta, meta_title: &mut Option<String>) {
    let key = attrs
        .get("property")
        .or_else(|| attrs.get("name"))
        .or_else(|| attrs.get("itemprop"))
        .map(str::to_ascii_lowercase);
    let (Some(key), Some(content)) = (key, attrs.get("content")) else {
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
                meta.author.get_or_insert(value);
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
/// "Headline | Outlet" → "Headline", only when the tail is the outlet.
fn strip_known_suffix(title: &str, outlet: &str) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(outlet.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

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
