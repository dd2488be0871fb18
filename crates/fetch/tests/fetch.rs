//! The fetcher against a local server (127.0.0.1 only): robots.txt, a slow
//! host, server errors, redirects, size and decompression caps,
//! conditional requests.

mod common;

use std::io::Write;
use std::time::Duration;

use common::server::{Response, Server};
use dossier_fetch::{Config, Fetched, Fetcher, Request, Validators};

fn fetcher() -> Fetcher {
    Fetcher::new(Config {
        timeout: Duration::from_millis(700),
        backoff: Duration::from_millis(10),
        host_delay: Duration::ZERO,
        ..Config::default()
    })
}

fn refused(fetched: Fetched) -> String {
    match fetched {
        Fetched::Refused(reason) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn page(fetched: Fetched) -> dossier_fetch::Page {
    match fetched {
        Fetched::Page(page) => page,
        other => panic!("expected a page, got {other:?}"),
    }
}

fn site() -> Server {
    Server::start(|request| match request.path.as_str() {
        "/robots.txt" => Response::new(200, "text/plain", "User-agent: *\nDisallow: /private\n"),
        "/ua" => Response::html(
            request
                .headers
                .get("user-agent")
                .cloned()
                .unwrap_or_default(),
        ),
        "/slow" => Response::html("<p>late</p>").delayed(Duration::from_secs(3)),
        "/error" => Response::new(500, "text/plain", "boom"),
        "/loop" => Response::new(302, "text/plain", "").header("Location", "/loop"),
        "/old" => Response::new(301, "text/plain", "").header("Location", "/new"),
        "/new" => Response::html("<p>moved here</p>"),
        "/big" => Response::html(vec![b'a'; 20 * 1024 * 1024]),
        "/bomb" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let zeros = vec![b' '; 1024 * 1024];
            for _ in 0..64 {
                gz.write_all(&zeros).unwrap();
            }
            Response::html(gz.finish().unwrap()).header("Content-Encoding", "gzip")
        }
        "/gzipped" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(b"<p>small and compressed</p>").unwrap();
            Response::html(gz.finish().unwrap()).header("Content-Encoding", "gzip")
        }
        "/cached" => {
            if request.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                Response::new(304, "text/html", "")
            } else {
                Response::html("<p>first</p>")
                    .header("ETag", "\"v1\"")
                    .header("Last-Modified", "Tue, 03 Jun 2025 10:00:00 GMT")
            }
        }
        _ => Response::html("<p>public page</p>"),
    })
}

#[test]
fn robots_txt_is_read_once_and_obeyed() {
    let server = site();
    let fetcher = fetcher();
    let reason = refused(fetcher.fetch(&server.url("/private/a"), &Validators::default()));
    assert!(reason.contains("robots.txt"), "{reason}");
    let public = page(fetcher.fetch(&server.url("/public"), &Validators::default()));
    assert_eq!(public.body, b"<p>public page</p>");
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(server.hits("/private/a"), 0);
}

#[test]
fn the_user_agent_names_dossier_and_its_version() {
    let server = site();
    let body = page(fetcher().fetch(&server.url("/ua"), &Validators::default())).body;
    let agent = String::from_utf8(body).unwrap();
    assert!(
        agent.starts_with(&format!("dossier/{} (", env!("CARGO_PKG_VERSION"))),
        "{agent}"
    );
}

#[test]
fn a_slow_host_times_out_and_is_retried_then_refused() {
    let server = site();
    let reason = refused(fetcher().fetch(&server.url("/slow"), &Validators::default()));
    assert!(reason.contains("timed out"), "{reason}");
    assert!(reason.contains("tried 3 times"), "{reason}");
    assert_eq!(server.hits("/slow"), 3);
}

#[test]
fn a_server_error_is_retried_with_backoff_then_refused() {
    let server = site();
    let reason = refused(fetcher().fetch(&server.url("/error"), &Validators::default()));
    assert!(reason.contains("HTTP 500"), "{reason}");
    assert_eq!(server.hits("/error"), 3);
}

#[test]
fn redirects_are_followed_within_bounds() {
    let server = site();
    let fetcher = fetcher();
    let moved = page(fetcher.fetch(&server.url("/old"), &Validators::default()));
    assert_eq!(moved.final_url, server.url("/new"));
    let reason = refused(fetcher.fetch(&server.url("/loop"), &Validators::default()));
    assert!(reason.contains("too many redirects"), "{reason}");
    assert!(server.hits("/loop") <= 6, "{}", server.hits("/loop"));
}

#[test]
fn a_huge_page_and_a_gzip_bomb_stop_at_the_cap() {
    let server = site();
    let fetcher = fetcher();
    for path in ["/big", "/bomb"] {
        let reason = refused(fetcher.fetch(&server.url(path), &Validators::default()));
        assert!(reason.contains("larger than 10 MiB"), "{path}: {reason}");
    }
    let small = page(fetcher.fetch(&server.url("/gzipped"), &Validators::default()));
    assert_eq!(small.body, b"<p>small and compressed</p>");
}

#[test]
fn conditional_requests_send_back_the_validators() {
    let server = site();
    let fetcher = fetcher();
    let first = page(fetcher.fetch(&server.url("/cached"), &Validators::default()));
    assert_eq!(first.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        first.validators.last_modified.as_deref(),
        Some("Tue, 03 Jun 2025 10:00:00 GMT")
    );
    assert_eq!(
        first.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(matches!(
        fetcher.fetch(&server.url("/cached"), &first.validators),
        Fetched::NotModified
    ));
}

#[test]
fn fetch_all_keeps_the_order_of_the_requests() {
    let server = site();
    let other = site();
    let urls = [
        server.url("/a"),
        other.url("/new"),
        server.url("/private/x"),
        other.url("/b"),
    ];
    let requests: Vec<Request> = urls
        .iter()
        .map(|url| Request {
            url: url.clone(),
            validators: Validators::default(),
        })
        .collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let go_on = std::sync::atomic::AtomicBool::new(false);
    let outcomes = fetcher().fetch_all(
        &requests,
        |_| {
            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        },
        &go_on,
    );
    assert_eq!(done.into_inner(), 4);
    assert!(matches!(&outcomes[0], Fetched::Page(p) if p.body == b"<p>public page</p>"));
    assert!(matches!(&outcomes[1], Fetched::Page(p) if p.body == b"<p>moved here</p>"));
    assert!(matches!(&outcomes[2], Fetched::Refused(r) if r.contains("robots.txt")));
    assert!(matches!(&outcomes[3], Fetched::Page(_)));
}

#[test]
fn a_cancelled_fetch_starts_no_further_request() {
    let server = site();
    let requests: Vec<Request> = (0..3)
        .map(|n| Request {
            url: server.url(&format!("/page{n}")),
            validators: Validators::default(),
        })
        .collect();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let outcomes = fetcher().fetch_all(
        &requests,
        |_| cancel.store(true, std::sync::atomic::Ordering::Relaxed),
        &cancel,
    );
    assert!(matches!(&outcomes[0], Fetched::Page(_)));
    for outcome in &outcomes[1..] {
        assert!(
            matches!(outcome, Fetched::Refused(r) if r.contains("stopped")),
            "{outcome:?}"
        );
    }
    assert_eq!(server.hits("/page1") + server.hits("/page2"), 0);
}
