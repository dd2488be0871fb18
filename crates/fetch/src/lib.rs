//! Fetching pages over HTTP(S), politely and within bounds, for URLs given
//! on the command line and the pages feeds, sitemaps and lists point at.
//!
//! Kept out of `dossier-sources` so that reading files never touches the
//! network: this crate turns URLs into bytes (or a reason why not), and
//! `dossier_sources::read_fetched` reads those bytes like a file.
//!
//! What "politely" means here: a `User-Agent` that names dossier and where
//! it comes from; robots.txt read once per host and obeyed (its
//! `Crawl-delay` too); one request at a time per host, at least
//! [`Config::host_delay`] apart, several hosts at once; conditional
//! requests with the validators a previous fetch returned. What "within
//! bounds" means: a timeout per request, retries with doubling backoff only
//! for server errors and timeouts, a bounded number of redirects, and a
//! size cap on the decompressed body (a gzip bomb stops at the cap).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use dossier_model::Validators;
use ureq::http::Uri;
use ureq::ResponseExt;

/// How fetching behaves; [`Config::default`] is what `dossier` uses.
#[derive(Debug, Clone)]
pub struct Config {
    pub user_agent: String,
    /// The whole of one request: connecting, waiting and reading the body.
    pub timeout: Duration,
    /// Further attempts after a server error (5xx), `429 Too Many
    /// Requests` or a timeout.
    pub retries: u32,
    /// The wait before the first retry; doubled before each next one.
    pub backoff: Duration,
    /// The least time between two requests to one host (robots.txt may ask
    /// for more with `Crawl-delay`).
    pub host_delay: Duration,
    /// How many hosts are fetched from at once (one request at a time each).
    pub hosts_at_once: usize,
    pub max_redirects: u32,
    /// The largest body accepted, counted after decompression.
    pub max_bytes: u64,
}

/// The robots.txt user-agent token: the product's name.
pub const ROBOTS_AGENT: &str = "dossier";

impl Default for Config {
    fn default() -> Config {
        Config {
            user_agent: user_agent(),
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_secs(1),
            host_delay: Duration::from_secs(1),
            hosts_at_once: 4,
            max_redirects: 5,
            max_bytes: 10 * 1024 * 1024,
        }
    }
}

/// `dossier/VERSION (+REPOSITORY)`, the repository being the workspace's
/// `repository` field; without one, what dossier is and that it obeys
/// robots.txt, so a site's operator can tell who is asking.
fn user_agent() -> String {
    let version = env!("CARGO_PKG_VERSION");
    match option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty()) {
        Some(repository) => format!("dossier/{version} (+{repository})"),
        None => format!("dossier/{version} (news analysis; obeys robots.txt)"),
    }
}

/// A page fetched.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL after redirects: the document's origin.
    pub final_url: String,
    pub body: Vec<u8>,
    /// The `Content-Type` header, whose charset decides the decoding.
    pub content_type: Option<String>,
    /// To remember for the next fetch of the same URL.
    pub validators: Validators,
}

/// What fetching one URL came to.
#[derive(Debug, Clone)]
pub enum Fetched {
    Page(Page),
    /// The server says the page has not changed since the validators sent.
    NotModified,
    /// Not fetched, and why (robots.txt, a status, a cap, a timeout …),
    /// worded for the person running dossier.
    Refused(String),
}

/// One URL to fetch, with what the last fetch of it answered.
#[derive(Debug, Clone)]
pub struct Request {
    pub url: String,
    pub validators: Validators,
}

/// What robots.txt allows on one host, read once per run.
enum HostRules {
    Robots(texting_robots::Robot),
    AllowAll,
    /// robots.txt could not be read for a reason that forbids crawling
    /// (RFC 9309: an unreachable robots.txt means "disallow all").
    DenyAll(String),
}

/// Fetches URLs; one per run, so robots.txt and the per-host pacing are
/// shared by every request of the run.
pub struct Fetcher {
    agent: ureq::Agent,
    config: Config,
    rules: Mutex<HashMap<String, Arc<HostRules>>>,
    last_request: Mutex<HashMap<String, Instant>>,
}

impl Fetcher {
    pub fn new(config: Config) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .user_agent(config.user_agent.as_str())
            .timeout_global(Some(config.timeout))
            .max_redirects(config.max_redirects)
            .http_status_as_error(false)
            .build()
            .new_agent();
        Fetcher {
            agent,
            config,
            rules: Mutex::new(HashMap::new()),
            last_request: Mutex::new(HashMap::new()),
        }
    }

    /// Fetches every request: one host at a time per thread, up to
    /// [`Config::hosts_at_once`] hosts at once; the outcomes come back in
    /// the requests' order. `done` is called after each URL (progress).
    /// Once `cancel` is set (Ctrl-C), no further request starts: those
    /// not made are refused as such.
    pub fn fetch_all(
        &self,
        requests: &[Request],
        done: impl Fn(&str) + Sync,
        cancel: &AtomicBool,
    ) -> Vec<Fetched> {
        let mut by_host: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, request) in requests.iter().enumerate() {
            let host = host_key(&request.url).unwrap_or_default();
            match by_host.iter_mut().find(|(h, _)| *h == host) {
                Some((_, indices)) => indices.push(index),
                None => by_host.push((host, vec![index])),
            }
        }
        let queue = Mutex::new(by_host.into_iter().collect::<VecDeque<_>>());
        let outcomes: Mutex<Vec<Option<Fetched>>> = Mutex::new(vec![None; requests.len()]);
        let workers = self.config.hosts_at_once.clamp(1, requests.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    let next = lock(&queue).pop_front();
                    let Some((_, indices)) = next else { break };
                    for index in indices {
                        if cancel.load(Ordering::Relaxed) {
                            break;
                        }
                        let request = &requests[index];
                        let outcome = self.fetch(&request.url, &request.validators);
                        lock(&outcomes)[index] = Some(outcome);
                        done(&request.url);
                    }
                });
            }
        });
        let outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
        outcomes
            .into_iter()
            .map(|o| o.unwrap_or_else(|| Fetched::Refused("not fetched: stopped".into())))
            .collect()
    }

    /// Fetches one URL: robots.txt, pacing, conditional request, retries.
    pub fn fetch(&self, url: &str, validators: &Validators) -> Fetched {
        let Some(host) = host_key(url) else {
            return Fetched::Refused("not an http(s) URL with a host".into());
        };
        let rules = self.rules_for(&host);
        let crawl_delay = match rules.as_ref() {
            HostRules::DenyAll(reason) => return Fetched::Refused(reason.clone()),
            HostRules::Robots(robot) if !robot.allowed(url) => {
                return Fetched::Refused(format!(
                    "robots.txt of {host} does not allow {ROBOTS_AGENT} to fetch it"
                ))
            }
            HostRules::Robots(robot) => robot
                .delay
                .map(|s| Duration::from_secs_f32(s.clamp(0.0, 60.0))),
            HostRules::AllowAll => None,
        };
        let delay = crawl_delay.map_or(self.config.host_delay, |d| d.max(self.config.host_delay));
        let mut attempt = 0;
        loop {
            self.wait_turn(&host, delay);
            match self.attempt(url, validators) {
                Attempt::Done(fetched) => return fetched,
                Attempt::Transient(_) if attempt < self.config.retries => {
                    std::thread::sleep(self.config.backoff * 2u32.pow(attempt));
                    attempt += 1;
                }
                Attempt::Transient(reason) => {
                    return Fetched::Refused(format!(
                        "{reason} (tried {} times; try again later)",
                        attempt + 1
                    ))
                }
            }
        }
    }

    /// One request, without retrying.
    fn attempt(&self, url: &str, validators: &Validators) -> Attempt {
        let mut request = self.agent.get(url);
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header("If-Modified-Since", modified);
        }
        let mut response = match request.call() {
            Ok(response) => response,
            Err(err) => return failure(err),
        };
        let status = response.status().as_u16();
        if status == 304 {
            return Attempt::Done(Fetched::NotModified);
        }
        if status >= 500 {
            return Attempt::Transient(format!("server error: HTTP {status}"));
        }
        if status == 429 {
            return Attempt::Transient(
                "HTTP 429: the server asks for fewer requests (raise --host-delay)".into(),
            );
        }
        if !(200..300).contains(&status) {
            return Attempt::Done(Fetched::Refused(format!("HTTP {status}")));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let final_url = response.get_uri().to_string();
        match response
            .body_mut()
            .with_config()
            .limit(self.config.max_bytes)
            .read_to_vec()
        {
            Ok(body) => Attempt::Done(Fetched::Page(Page {
                final_url,
                body,
                content_type,
                validators,
            })),
            Err(err) => failure(err),
        }
    }

    /// The robots.txt rules of `host` (`scheme://authority`), fetched on
    /// first use.
    fn rules_for(&self, host: &str) -> Arc<HostRules> {
        if let Some(rules) = lock(&self.rules).get(host) {
            return rules.clone();
        }
        self.wait_turn(host, self.config.host_delay);
        let url = format!("{host}/robots.txt");
        let rules = match self.agent.get(&url).call() {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let body = response
                    .body_mut()
                    .with_config()
                    .limit(512 * 1024)
                    .read_to_vec();
                match (status, body) {
                    (200..=299, Ok(body)) => {
                        match texting_robots::Robot::new(ROBOTS_AGENT, &body) {
                            Ok(robot) => HostRules::Robots(robot),
                            // Unparseable rules say nothing we can obey.
                            Err(_) => HostRules::AllowAll,
                        }
                    }
                    // No robots.txt (4xx): everything is allowed.
                    (400..=499, _) => HostRules::AllowAll,
                    (status, _) => HostRules::DenyAll(format!(
                        "robots.txt of {host} could not be read (HTTP {status}), so nothing there is fetched; try again later"
                    )),
                }
            }
            Err(err) => HostRules::DenyAll(format!(
                "robots.txt of {host} could not be read ({err}), so nothing there is fetched"
            )),
        };
        let rules = Arc::new(rules);
        lock(&self.rules).insert(host.to_string(), rules.clone());
        rules
    }

    /// Sleeps until `delay` has passed since the last request to `host`,
    /// and marks this one.
    fn wait_turn(&self, host: &str, delay: Duration) {
        let wait = {
            let mut last = lock(&self.last_request);
            let now = Instant::now();
            let at = last
                .get(host)
                .map_or(now, |previous| (*previous + delay).max(now));
            last.insert(host.to_string(), at);
            at - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }
}

/// The outcome of one request: final, or worth trying again.
enum Attempt {
    Done(Fetched),
    Transient(String),
}

fn failure(err: ureq::Error) -> Attempt {
    match err {
        ureq::Error::Timeout(_) => Attempt::Transient("timed out".into()),
        ureq::Error::Io(io) => Attempt::Transient(format!("connection failed: {io}")),
        ureq::Error::ConnectionFailed => Attempt::Transient("connection failed".into()),
        ureq::Error::TooManyRedirects => Attempt::Done(Fetched::Refused(
            "too many redirects (a redirect loop?)".into(),
        )),
        ureq::Error::BodyExceedsLimit(limit) => Attempt::Done(Fetched::Refused(format!(
            "larger than {} MiB once decompressed (not an article, or a decompression bomb)",
            limit >> 20
        ))),
        other => Attempt::Done(Fetched::Refused(other.to_string())),
    }
}

/// `scheme://authority` of an http(s) URL: the unit of robots.txt and pacing.
fn host_key(url: &str) -> Option<String> {
    let uri: Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = uri.authority()?.as_str().to_ascii_lowercase();
    Some(format!("{scheme}://{authority}"))
}

/// Locks a mutex whose data stays valid when another thread panicked.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
