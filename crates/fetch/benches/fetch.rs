//! Fetching speed against a local server (127.0.0.1): N pages of about
//! 20 KB spread over H hosts (ports), no delay between requests, so the
//! figure is dossier's own cost per page (connection, robots.txt lookup,
//! reading the body), not a site's pace.
//!
//! `cargo bench -p dossier-fetch -- [PAGES] [HOSTS]` (defaults 2000 and 4).

#[path = "../tests/common/server.rs"]
mod server;

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use dossier_fetch::{Config, Fetched, Fetcher, Request, Validators};
use server::{Response, Server};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let pages = args.first().copied().unwrap_or(2000);
    let hosts = args.get(1).copied().unwrap_or(4).max(1);
    let body = "<p>The envoys met in Geneva on Monday, officials said.</p>\n".repeat(350);
    let servers: Vec<Server> = (0..hosts)
        .map(|_| {
            let body = body.clone();
            Server::start(move |request| match request.path.as_str() {
                "/robots.txt" => Response::new(200, "text/plain", "User-agent: *\nDisallow: /x\n"),
                _ => Response::html(body.clone()),
            })
        })
        .collect();
    let requests: Vec<Request> = (0..pages)
        .map(|n| Request {
            url: servers[n % hosts].url(&format!("/articles/{n}")),
            validators: Validators::default(),
        })
        .collect();
    let fetcher = Fetcher::new(Config {
        host_delay: Duration::ZERO,
        ..Config::default()
    });
    let started = Instant::now();
    let outcomes = fetcher.fetch_all(&requests, |_| {}, &AtomicBool::new(false));
    let elapsed = started.elapsed().as_secs_f64();
    let fetched = outcomes
        .iter()
        .filter(|o| matches!(o, Fetched::Page(_)))
        .count();
    let bytes: usize = outcomes
        .iter()
        .map(|o| match o {
            Fetched::Page(p) => p.body.len(),
            _ => 0,
        })
        .sum();
    println!(
        "fetched {fetched}/{pages} pages from {hosts} local hosts in {elapsed:.2} s: {:.0} pages/s, {:.1} MB/s",
        fetched as f64 / elapsed,
        bytes as f64 / elapsed / 1e6
    );
    assert_eq!(fetched, pages, "every page is fetched");
}
