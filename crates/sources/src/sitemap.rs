//! Sitemaps (`<urlset>`), news sitemaps (`<news:news>` with the title,
//! publication date and publication name) and sitemap indexes
//! (`<sitemapindex>`): every `<loc>` is a page, or another sitemap, to
//! fetch; a sitemap holds no article text itself.

use dossier_model::GivenMeta;
use quick_xml::events::Event;

use crate::{Link, ReadResult, Skip};

/// Reads the `<loc>`s of the sitemap in `text` into `result.links`.
pub fn read(origin: &str, text: &str, result: &mut ReadResult) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut entry: Option<GivenMeta> = None;
    let before = result.links.len();
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                result.skips.push(Skip {
                    origin: origin.to_string(),
                    reason: format!(
                        "sitemap is broken XML at byte {}: {err} (the pages listed before it are read)",
                        reader.buffer_position()
                    ),
                });
                break;
            }
        };
        match event {
            Event::Start(start) => {
                let name = start.local_name().as_ref().to_ascii_lowercase();
                match name.as_str() {
                    "url" | "sitemap" => entry = Some(GivenMeta::default()),
                    "loc" | "title" | "publication_date" | "name" => {
                        let Ok(raw) = reader.read_text(start.name()) else {
                            continue;
                        };
                        let raw: &str = &raw;
                        let value = quick_xml::escape::unescape(raw)
                            .map(|v| v.trim().to_string())
                            .unwrap_or_else(|_| raw.trim().to_string());
                        if let Some(given) = entry.as_mut() {
                            let slot = match name.as_str() {
                                "loc" => &mut given.url,
                                "title" => &mut given.title,
                                "publication_date" => &mut given.published,
                                _ => &mut given.outlet,
                            };
                            *slot = Some(value).filter(|v| !v.is_empty());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                let name = end.local_name().as_ref().to_ascii_lowercase();
                if matches!(name.as_str(), "url" | "sitemap") {
                    push_entry(origin, entry.take(), result);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if result.links.len() == before {
        result.skips.push(Skip {
            origin: origin.to_string(),
            reason: "sitemap lists no pages".to_string(),
        });
    }
}

fn push_entry(origin: &str, entry: Option<GivenMeta>, result: &mut ReadResult) {
    let Some(mut given) = entry else { return };
    match given.url.take() {
        Some(url) if crate::sniff::is_url(&url) => {
            // A news sitemap's date is a full timestamp; the day is the fact.
            if let Some(date) = given.published.as_mut() {
                date.truncate(date.find('T').unwrap_or(date.len()));
            }
            result.links.push(Link {
                url: url.clone(),
                listed_in: origin.to_string(),
                named: false,
                given: GivenMeta {
                    url: Some(url),
                    ..given
                },
            })
        }
        other => result.skips.push(Skip {
            origin: origin.to_string(),
            reason: format!(
                "sitemap entry without an http(s) <loc>: {}",
                other.as_deref().unwrap_or("(none)")
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::read_bytes;

    #[test]
    fn news_sitemaps_give_urls_with_their_metadata() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.org/a?x=1&amp;y=2</loc>
<news:news><news:publication><news:name>The Courier</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2025-06-03T10:00:00+00:00</news:publication_date><news:title>Talks resume</news:title></news:news></url>
<url><loc>https://example.org/b</loc><lastmod>2025-06-01</lastmod></url>
<url><loc>not a url</loc></url>
</urlset>"#;
        let r = read_bytes("sitemap.xml", xml.as_bytes().to_vec());
        assert!(r.docs.is_empty());
        let urls: Vec<_> = r.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://example.org/a?x=1&y=2", "https://example.org/b"]
        );
        let first = &r.links[0].given;
        assert_eq!(first.outlet.as_deref(), Some("The Courier"));
        assert_eq!(first.title.as_deref(), Some("Talks resume"));
        assert_eq!(first.published.as_deref(), Some("2025-06-03"));
        // lastmod is when the page changed, not when it was published.
        assert_eq!(r.links[1].given.published, None);
        assert_eq!(r.skips.len(), 1);
        assert!(r.skips[0].reason.contains("not a url"), "{:?}", r.skips);
    }

    #[test]
    fn a_sitemap_index_lists_sitemaps() {
        let xml =
            "<sitemapindex><sitemap><loc>https://example.org/s1.xml</loc></sitemap></sitemapindex>";
        let r = read_bytes("index.xml", xml.as_bytes().to_vec());
        assert_eq!(r.links.len(), 1);
        assert_eq!(r.links[0].url, "https://example.org/s1.xml");
    }
}
