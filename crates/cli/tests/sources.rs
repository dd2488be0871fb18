//! Live and archived sources end to end: feeds (RSS 2.0, Atom, RDF) read
//! from files and fetched, sitemaps, lists of URLs, URLs, WARC archives,
//! front matter, inputs that are not articles, and `watch` through two
//! polls. Every page is served by a server these tests start on 127.0.0.1.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::Value;

mod common;
use common::{dossier, export_json, run_json};

#[path = "../../fetch/tests/common/server.rs"]
mod server;
use server::{Response, Server};

/// A page with enough prose for the cleaner to keep as an article.
fn article(title: &str, topic: &str) -> String {
    let paragraph = format!(
        "Negotiators met again on {topic} in Geneva on Monday, officials said, and both \
         delegations described the talks as difficult but useful."
    );
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{paragraph}</p><p>{paragraph} A second round is planned for next month.</p>\
         <p>The envoys will report to their governments before then, a spokesman added.</p>\
         </article></body></html>"
    )
}

fn rss(base: &str, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(path, title)| {
            format!(
                "<item><title>{title}</title><link>{base}{path}</link>\
                 <pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate><dc:creator>Ana Ruiz</dc:creator>\
                 <description>A short teaser.</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
         <channel><title>The Courier</title><link>{base}/</link><description>News</description>{items}</channel></rss>"
    )
}

/// The site every test fetches from. `/feed.rss` gains a fourth item from
/// its second request on (for `watch`).
fn site() -> Server {
    let feed_requests = Arc::new(AtomicUsize::new(0));
    let port = Arc::new(AtomicUsize::new(0));
    let port_seen = port.clone();
    let server = Server::start(move |request| {
        let base = format!("http://127.0.0.1:{}", port_seen.load(Ordering::Relaxed));
        let path = request.path.as_str();
        match path {
            "/robots.txt" => Response::new(200, "text/plain", "User-agent: *\nDisallow: /private\n"),
            "/feed.rss" => {
                let mut items = vec![
                    ("/articles/a", "Talks resume"),
                    ("/articles/b", "Envoys meet"),
                    ("/private/c", "Secret"),
                ];
                if feed_requests.fetch_add(1, Ordering::Relaxed) > 0 {
                    items.push(("/articles/d", "Accord signed"));
                }
                Response::new(200, "application/rss+xml", rss(&base, &items))
            }
            "/atom.xml" => Response::new(
                200,
                "application/atom+xml",
                format!(
                    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire</title><id>w</id>\
                     <updated>2025-06-02T00:00:00Z</updated><entry><title>Ceasefire holds</title><id>e</id>\
                     <link href=\"{base}/articles/e\"/><updated>2025-06-02T08:00:00Z</updated>\
                     <summary>Teaser.</summary></entry></feed>"
                ),
            ),
            "/rdf.xml" => Response::new(
                200,
                "application/rdf+xml",
                format!(
                    "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
                     xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"{base}/\"><title>Old Wire</title>\
                     <link>{base}/</link><description>d</description></channel>\
                     <item rdf:about=\"{base}/articles/f\"><title>Border reopens</title><link>{base}/articles/f</link></item></rdf:RDF>"
                ),
            ),
            "/moved" => Response::new(301, "text/plain", "").header("Location", "/articles/g"),
            "/error" => Response::new(500, "text/plain", "down"),
            "/cp1251" => {
                let page = article("Переговоры возобновились", "переговорах о границе");
                let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
                Response::new(200, "text/html; charset=windows-1251", bytes.into_owned())
            }
            _ if path.starts_with("/articles/") => {
                let slug = &path["/articles/".len()..];
                let etag = format!("\"{slug}-1\"");
                if request.headers.get("if-none-match") == Some(&etag) {
                    return Response::new(304, "text/html", "");
                }
                Response::html(article(&format!("Story {slug}"), &format!("the question {slug}")))
                    .header("ETag", &etag)
            }
            _ => Response::new(404, "text/plain", "not found"),
        }
    });
    port.store(server.port as usize, Ordering::Relaxed);
    server
}

/// `dossier analyze ARGS… --json --host-delay 0s`.
fn analyze(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["analyze", "--json", "--host-delay", "0s", "--timeout", "5s"];
    all.extend_from_slice(args);
    run_json(db, all)
}

fn documents(db: &Path) -> Vec<Value> {
    export_json(db)["documents"].as_array().unwrap().clone()
}

fn document<'a>(docs: &'a [Value], origin: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["origin"] == origin)
        .unwrap_or_else(|| panic!("no document {origin} in {docs:#?}"))
}

fn skips(summary: &Value) -> Vec<(String, String)> {
    summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["origin"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_feed_given_as_url_becomes_one_document_per_item_page() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let feed = server.url("/feed.rss");
    let summary = analyze(&db, &[&feed]);
    assert_eq!(summary["new"], 2, "{summary:#}");
    let skipped = skips(&summary);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].0, server.url("/private/c"));
    assert!(skipped[0].1.contains("robots.txt"), "{skipped:?}");
    assert_eq!(server.hits("/private/c"), 0);
    let docs = documents(&db);
    let a = document(&docs, &server.url("/articles/a"));
    assert_eq!(a["title"], "Talks resume", "the item's title is given");
    assert_eq!(a["outlet"], "The Courier", "the channel is the outlet");
    assert_eq!(a["author"], "Ana Ruiz");
    assert_eq!(a["published"], "2025-06-03");
    assert!(a["text"]
        .as_str()
        .unwrap()
        .contains("Negotiators met again"));

    // Atom and RDF feeds the same way, in one run with a list of URLs.
    let list = dir.path().join("feeds.txt");
    std::fs::write(
        &list,
        format!(
            "# feeds\n{}\n{}\n",
            server.url("/atom.xml"),
            server.url("/rdf.xml")
        ),
    )
    .unwrap();
    let summary = analyze(&db, &[list.to_str().unwrap()]);
    assert_eq!(summary["new"], 2, "{summary:#}");
    let docs = documents(&db);
    assert_eq!(
        document(&docs, &server.url("/articles/e"))["outlet"],
        "Wire"
    );
    assert_eq!(
        document(&docs, &server.url("/articles/f"))["outlet"],
        "Old Wire"
    );
}

#[test]
fn without_fetch_a_feed_file_of_summaries_says_how_to_fetch_its_pages() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        rss(
            &format!("http://127.0.0.1:{}", server.port),
            &[("/articles/a", "A"), ("/articles/b", "B")],
        ),
    )
    .unwrap();
    let summary = analyze(&db, &[feed.to_str().unwrap()]);
    assert_eq!(summary["read"], 0);
    let skipped = skips(&summary);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].0.ends_with("feed.xml"), "{skipped:?}");
    assert!(
        skipped[0].1.contains("2 page(s)") && skipped[0].1.contains("--fetch"),
        "{skipped:?}"
    );
    assert_eq!(
        server.hits("/articles/a"),
        0,
        "nothing fetched without --fetch"
    );
    let summary = analyze(&db, &["--fetch", feed.to_str().unwrap()]);
    assert_eq!(summary["new"], 2, "{summary:#}");
}

#[test]
fn sitemaps_urls_redirects_errors_and_charsets() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let sitemap = dir.path().join("sitemap.xml");
    std::fs::write(
        &sitemap,
        format!(
            "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
             xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\
             <url><loc>{}</loc><news:news><news:publication><news:name>The Courier</news:name></news:publication>\
             <news:publication_date>2025-06-04T09:00:00Z</news:publication_date><news:title>Accord</news:title></news:news></url>\
             <url><loc>{}</loc></url><url><loc>{}</loc></url><url><loc>{}</loc></url></urlset>",
            server.url("/articles/s"),
            server.url("/moved"),
            server.url("/error"),
            server.url("/cp1251"),
        ),
    )
    .unwrap();
    let summary = analyze(&db, &["--fetch", sitemap.to_str().unwrap()]);
    assert_eq!(summary["new"], 3, "{summary:#}");
    let skipped = skips(&summary);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].0, server.url("/error"));
    assert!(
        skipped[0].1.contains("HTTP 500") && skipped[0].1.contains("tried 3 times"),
        "{skipped:?}"
    );
    assert_eq!(server.hits("/error"), 3);
    let docs = documents(&db);
    let s = document(&docs, &server.url("/articles/s"));
    assert_eq!(
        (s["title"].as_str(), s["published"].as_str()),
        (Some("Accord"), Some("2025-06-04"))
    );
    // The final URL after a redirect is the origin.
    document(&docs, &server.url("/articles/g"));
    // The charset of the Content-Type header decodes a page that declares none.
    let cyrillic = document(&docs, &server.url("/cp1251"));
    assert!(
        cyrillic["text"]
            .as_str()
            .unwrap()
            .contains("переговорах о границе"),
        "{cyrillic:#}"
    );

    // Again: the same pages are unchanged (a 304 where the server sent an
    // ETag, the same content hash elsewhere), and nothing new is stored.
    let summary = analyze(&db, &["--fetch", sitemap.to_str().unwrap()]);
    assert_eq!(
        (summary["new"].as_u64(), summary["unchanged"].as_u64()),
        (Some(0), Some(3)),
        "{summary:#}"
    );
}

/// One WARC record: `kind` (response, request …), its target and body.
fn warc_record(kind: &str, target: &str, body: &[u8]) -> Vec<u8> {
    let mut record = warc::Record::<warc::BufferedBody>::with_body(body.to_vec());
    record.set_header(warc::WarcHeader::WarcType, kind).unwrap();
    record
        .set_header(warc::WarcHeader::TargetURI, target)
        .unwrap();
    record
        .set_header(warc::WarcHeader::Date, "2025-06-05T12:00:00Z")
        .unwrap();
    let mut out = Vec::new();
    warc::WarcWriter::new(&mut out).write(&record).unwrap();
    out
}

fn http_response(content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[test]
fn warc_archives_plain_and_gzipped_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let records = [
        warc_record("warcinfo", "urn:x", b"software: test"),
        warc_record(
            "request",
            "https://news.example/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/a",
            &http_response(
                "text/html; charset=utf-8",
                &article("Archived story", "the archive"),
            ),
        ),
        warc_record(
            "response",
            "https://news.example/logo.png",
            &http_response("image/png", "PNG"),
        ),
        warc_record(
            "response",
            "https://news.example/b",
            &http_response(
                "text/html",
                &article("Second archived story", "another archive"),
            ),
        ),
    ];
    let plain = dir.path().join("crawl.warc");
    std::fs::write(&plain, records.concat()).unwrap();
    // .warc.gz: one gzip member per record, as crawlers write them.
    let gzipped = dir.path().join("crawl2.warc.gz");
    let mut members = Vec::new();
    for record in &records[..3] {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(record).unwrap();
        members.extend(gz.finish().unwrap());
    }
    std::fs::write(&gzipped, members).unwrap();

    let summary = analyze(&db, &[plain.to_str().unwrap()]);
    assert_eq!(summary["new"], 2, "{summary:#}");
    let mut skipped = skips(&summary);
    skipped.sort();
    let reasons: Vec<&str> = skipped.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "1 WARC record(s) not read: not an HTML page (content type image/png)",
            "1 WARC record(s) not read: request record",
            "1 WARC record(s) not read: warcinfo record",
        ],
        "{skipped:?}"
    );
    assert!(skipped.iter().all(|(o, _)| o.ends_with("crawl.warc")));
    let docs = documents(&db);
    let a = document(&docs, "https://news.example/a");
    assert_eq!(a["url"], "https://news.example/a");
    assert_eq!(
        a["published"], "2025-06-05",
        "the capture date, as the page states none"
    );
    // The gzipped archive holds the same page: unchanged.
    let summary = analyze(&db, &[gzipped.to_str().unwrap()]);
    assert_eq!(
        (summary["read"].as_u64(), summary["unchanged"].as_u64()),
        (Some(1), Some(1)),
        "{summary:#}"
    );
}

#[test]
fn front_matter_gives_plain_text_its_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let note = dir.path().join("note.md");
    std::fs::write(
        &note,
        "---\ntitle: Talks resume in Geneva\noutlet: The Courier\npublished: 2025-06-03\n\
         author: Ana Ruiz\nurl: https://example.org/talks\n---\n\
         Negotiators met again in Geneva on Monday, officials said, and both delegations \
         described the talks as difficult but useful.\n\nA second round is planned for next month.\n",
    )
    .unwrap();
    let summary = analyze(&db, &[note.to_str().unwrap()]);
    assert_eq!(summary["new"], 1, "{summary:#}");
    let docs = documents(&db);
    let doc = &docs[0];
    assert_eq!(doc["title"], "Talks resume in Geneva");
    assert_eq!(doc["outlet"], "The Courier");
    assert_eq!(doc["published"], "2025-06-03");
    assert_eq!(doc["author"], "Ana Ruiz");
    assert_eq!(doc["url"], "https://example.org/talks");
    assert!(
        !doc["text"].as_str().unwrap().contains("outlet:"),
        "{doc:#}"
    );
}

#[test]
fn inputs_that_are_not_articles_are_skipped_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    std::fs::write(
        dir.path().join("drawing.svg"),
        "<?xml version=\"1.0\"?><svg><title>A map</title></svg>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("data.json"),
        "{\n  \"type\": \"FeatureCollection\",\n  \"features\": []\n}\n",
    )
    .unwrap();
    let summary = analyze(&db, &[dir.path().to_str().unwrap()]);
    assert_eq!(summary["read"], 0, "{summary:#}");
    let skipped = skips(&summary);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].0.ends_with("data.json") && skipped[0].1.contains("\"text\""),
        "{skipped:?}"
    );
    assert!(
        skipped[1].0.ends_with("drawing.svg") && skipped[1].1.contains("<svg> is not a page"),
        "{skipped:?}"
    );
}

#[test]
fn watch_ingests_only_what_a_feed_gained_between_two_polls() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = dossier(&db)
        .args([
            "watch",
            &server.url("/feed.rss"),
            "--polls",
            "2",
            "--every",
            "200ms",
            "--host-delay",
            "0s",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let polls: Vec<&str> = stdout.lines().filter(|l| l.starts_with("poll ")).collect();
    assert_eq!(polls.len(), 2, "{stdout}");
    assert!(
        polls[0].starts_with("poll 1: read 2, new 2, new versions 0, unchanged 0, skipped 1"),
        "{stdout}"
    );
    // The second poll: the two pages answer 304 (their ETags are in the
    // store), the new item's page is the only one stored; the robots.txt
    // skip is not printed again.
    assert!(
        polls[1].starts_with("poll 2: read 1, new 1, new versions 0, unchanged 2, skipped 1"),
        "{stdout}"
    );
    assert_eq!(server.hits("/articles/a"), 2, "fetched again, answered 304");
    assert_eq!(server.hits("/articles/d"), 1);
    assert_eq!(documents(&db).len(), 3);

    // A restart: the state is in the store.
    let out = dossier(&db)
        .args([
            "watch",
            &server.url("/feed.rss"),
            "--once",
            "--host-delay",
            "0s",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("poll 1: read 0, new 0, new versions 0, unchanged 3, skipped 1"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_watch_cleanly_between_polls() {
    use std::io::{BufRead, BufReader};
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .env_remove("DOSSIER_DB")
        .args([
            "--db",
            db.to_str().unwrap(),
            "watch",
            &server.url("/feed.rss"),
        ])
        .args(["--every", "10m", "--host-delay", "0s"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.starts_with("poll 1: read 2, new 2"), "{first}");
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(status.success(), "{status:?} {rest:?}");
    assert!(
        rest.iter()
            .any(|l| l.starts_with("stopped by Ctrl-C after poll 1")),
        "{rest:?}"
    );
    assert_eq!(documents(&db).len(), 2, "what poll 1 stored is kept");
}
