//! Feeds (RSS 0.9x/2.0, RDF, Atom, JSON Feed, parsed by `feed-rs`): each
//! item is a document of its own, with the item's link, title, date and
//! author and the channel's title as its outlet. An item that carries only
//! a summary is not the article: its link is returned to be fetched.

use dossier_model::{ContentKind, GivenMeta, RawDoc};

use crate::{content_hash, document_id, sniff, Link, ReadResult, Skip, Sniffed};

/// Reads the feed in `bytes` (undecoded: the parser honours the XML
/// prolog's encoding) into `result`.
pub fn read(origin: &str, identity: &str, bytes: &[u8], result: &mut ReadResult) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(err) => {
            result.skips.push(Skip {
                origin: origin.to_string(),
                reason: format!("looks like a feed but cannot be parsed: {err}"),
            });
            return;
        }
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    if feed.entries.is_empty() {
        result.skips.push(Skip {
            origin: origin.to_string(),
            reason: "feed has no items".to_string(),
        });
    }
    for (index, entry) in feed.entries.into_iter().enumerate() {
        let number = index + 1;
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|href| crate::sniff::is_url(href));
        let given = GivenMeta {
            url: link.clone(),
            title: entry
                .title
                .as_ref()
                .map(|t| t.content.trim().to_string())
                .filter(|t| !t.is_empty()),
            outlet: outlet.clone(),
            author: entry
                .authors
                .iter()
                .filter_map(|a| a.name.as_deref().map(str::trim))
                .find(|n| !n.is_empty())
                .map(str::to_string),
            published: entry
                .published
                .or(entry.updated)
                .map(|d| d.date_naive().to_string()),
            ..GivenMeta::default()
        };
        let body = entry
            .content
            .and_then(|c| c.body)
            .filter(|b| !b.trim().is_empty());
        match (body, link) {
            (Some(body), link) => {
                let item_identity = link
                    .clone()
                    .unwrap_or_else(|| format!("{identity}#item{number}"));
                let kind = match sniff(&body) {
                    Sniffed::Content(ContentKind::Text) => ContentKind::Text,
                    _ => ContentKind::Html,
                };
                // The hash covers what the item says, so an edited item is a
                // new version and an unchanged one stays unchanged.
                let hashed = format!(
                    "{item_identity}\n{}\n{body}",
                    given.title.as_deref().unwrap_or("")
                );
                result.docs.push(RawDoc {
                    id: document_id(None, &item_identity, hashed.as_bytes()),
                    origin: link.unwrap_or_else(|| format!("{origin}#item{number}")),
                    kind,
                    content: body,
                    given,
                    content_hash: content_hash(hashed.as_bytes()),
                    warnings: vec![],
                });
            }
            (None, Some(url)) => result.links.push(Link {
                url,
                listed_in: origin.to_string(),
                named: false,
                given,
            }),
            (None, None) => result.skips.push(Skip {
                origin: format!("{origin}#item{number}"),
                reason: "feed item has neither content nor a link to the article".to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::read_bytes;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Courier</title><link>https://example.org/</link>
<item><title>Talks resume in Geneva</title><link>https://example.org/a</link>
<pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate><dc:creator>Ana Ruiz</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The envoys met in Geneva on Monday, officials said.</p>]]></content:encoded></item>
<item><title>Summary only</title><link>https://example.org/b</link><description>Only a teaser.</description></item>
<item><title>Nothing at all</title></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_documents_links_or_skips() {
        let r = read_bytes("feed.xml", RSS.as_bytes().to_vec());
        assert_eq!(r.docs.len(), 1, "{:?}", r.skips);
        let doc = &r.docs[0];
        assert_eq!(doc.origin, "https://example.org/a");
        assert_eq!(doc.given.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(doc.given.outlet.as_deref(), Some("The Courier"));
        assert_eq!(doc.given.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(doc.given.published.as_deref(), Some("2025-06-03"));
        assert!(doc.content.contains("envoys met"));
        assert_eq!(r.links.len(), 1);
        assert_eq!(r.links[0].url, "https://example.org/b");
        assert_eq!(r.links[0].listed_in, "feed.xml");
        assert_eq!(r.links[0].given.title.as_deref(), Some("Summary only"));
        assert_eq!(r.skips.len(), 1);
        assert_eq!(r.skips[0].origin, "feed.xml#item3");
    }

    #[test]
    fn atom_and_rdf_feeds_are_read_too() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>x</id><updated>2025-06-01T00:00:00Z</updated>
<entry><title>Ceasefire holds</title><id>e1</id><link href="https://example.org/c"/><updated>2025-06-02T08:00:00Z</updated><author><name>B. Lee</name></author>
<content type="html">&lt;p&gt;The ceasefire held through the night, observers said.&lt;/p&gt;</content></entry></feed>"#;
        let r = read_bytes("atom", atom.as_bytes().to_vec());
        assert_eq!(r.docs.len(), 1, "{:?}", r.skips);
        assert_eq!(r.docs[0].given.outlet.as_deref(), Some("Wire"));
        assert_eq!(r.docs[0].given.published.as_deref(), Some("2025-06-02"));
        assert_eq!(r.docs[0].given.author.as_deref(), Some("B. Lee"));
        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://example.org/"><title>Old Wire</title><link>https://example.org/</link><description>d</description></channel>
<item rdf:about="https://example.org/d"><title>Envoys meet</title><link>https://example.org/d</link><description>Teaser.</description></item></rdf:RDF>"#;
        let r = read_bytes("rdf", rdf.as_bytes().to_vec());
        assert!(r.docs.is_empty());
        assert_eq!(r.links.len(), 1, "{:?}", r.skips);
        assert_eq!(r.links[0].url, "https://example.org/d");
        assert_eq!(r.links[0].given.outlet.as_deref(), Some("Old Wire"));
    }

    #[test]
    fn a_json_feed_is_read_too() {
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Wire",
            "items": [{"id": "1", "url": "https://example.org/j", "title": "Envoys meet",
            "content_html": "<p>The envoys met again on Tuesday, officials said.</p>",
            "date_published": "2025-06-04T09:00:00Z", "authors": [{"name": "C. Diaz"}]}]}"#;
        let r = read_bytes("feed.json", json.as_bytes().to_vec());
        assert_eq!(r.docs.len(), 1, "{:?}", r.skips);
        let doc = &r.docs[0];
        assert_eq!(doc.origin, "https://example.org/j");
        assert_eq!(doc.given.outlet.as_deref(), Some("JSON Wire"));
        assert_eq!(doc.given.published.as_deref(), Some("2025-06-04"));
        assert_eq!(doc.given.author.as_deref(), Some("C. Diaz"));
    }

    #[test]
    fn a_broken_feed_is_a_skip_naming_it() {
        let r = read_bytes("broken.rss", b"<rss><channel><item>".to_vec());
        assert!(r.docs.is_empty());
        assert_eq!(r.skips[0].origin, "broken.rss");
        assert!(r.skips[0].reason.contains("feed"), "{:?}", r.skips);
    }
}
