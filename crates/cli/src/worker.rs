//! `dossier enqueue` and `dossier worker`: the scale-out path. `enqueue`
//! reads inputs as `analyze` does and puts the documents on the durable
//! queue (`dossier-queue`); each `worker`, on any machine, takes batches,
//! extracts, analyses, stores and links them exactly as `analyze` does
//! (`analyze::process`), then acknowledges the batch. Linking is the
//! store's: each link step runs under the store's write lock and links
//! every document not linked yet, whoever stored it, and a worker that
//! runs out of work regroups the store (`analyze::finish`), so the last
//! one to finish leaves it as one `analyze` of everything would.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use dossier_model::{RawDoc, Validators};
use dossier_queue::{Page, Queue, Work};
use dossier_store::Storage;

use crate::analyze::{self, SkipLine, Summary, MAX_LINK_DEPTH};
use crate::link::Linker;

/// `dossier enqueue PATH|URL…`: reads every input and queues its
/// documents; the pages to fetch (URLs given, URLs in lists of URLs, and,
/// with `follow_files`, the pages feeds and sitemaps read from files point
/// at) are queued as pages, for a worker to fetch.
pub fn enqueue(
    queue_url: &str,
    paths: &[PathBuf],
    follow_files: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let inputs = dossier_sources::expand(paths)?;
    let mut queue = Queue::connect(queue_url)?;
    let (mut read, mut pages, mut queued) = (0, 0, 0);
    let mut skipped: Vec<SkipLine> = Vec::new();
    for group in inputs.chunks(32) {
        let mut work: Vec<Work> = Vec::new();
        for input in group {
            let result = dossier_sources::read_input(input);
            skipped.extend(result.skips.iter().map(SkipLine::from));
            read += result.docs.len();
            work.extend(result.docs.into_iter().map(Work::Doc));
            let (fetch, listed): (Vec<_>, Vec<_>) = result
                .links
                .into_iter()
                .partition(|link| follow_files || link.named);
            let why = "add --fetch to queue them (URLs, and lists of URLs, are always queued)";
            skipped.extend(
                dossier_sources::not_fetched(&listed, why)
                    .iter()
                    .map(SkipLine::from),
            );
            pages += fetch.len();
            work.extend(fetch.into_iter().map(|link| {
                Work::Page(Page {
                    url: link.url,
                    given: link.given,
                    depth: 0,
                })
            }));
        }
        queued += queue.enqueue(&work)?;
    }
    let waiting = queue.len()?;
    if json {
        let summary = serde_json::json!({
            "read": read, "pages": pages, "queued": queued, "waiting": waiting, "skipped": skipped,
        });
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!(
            "read {read}, pages to fetch {pages}, queued {queued} ({} already waiting), skipped {}; \
             {waiting} waiting in the queue",
            read + pages - queued,
            skipped.len()
        );
        for skip in &skipped {
            println!("  skipped {}: {}", skip.origin, skip.reason);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How long an idle worker waits before looking at the queue again.
const IDLE: Duration = Duration::from_millis(250);

/// `dossier worker`: takes batches from the queue until stopped, or, with
/// `until_empty`, until the queue holds nothing (claimed batches included:
/// a worker that dies gives its batch back, and another takes it).
pub fn work<S: Storage>(
    open: impl FnOnce() -> dossier_store::Result<S>,
    queue_url: &str,
    batch_size: usize,
    fetching: dossier_fetch::Config,
    until_empty: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let fetcher = dossier_fetch::Fetcher::new(fetching);
    let mut store = open()?;
    let mut linker = Linker::open(&store)?;
    let mut queue = Queue::connect(queue_url)?;
    let mut total = Summary::default();
    // What this worker did since it last regrouped the store.
    let mut spell = Summary::default();
    loop {
        let batch = queue.claim(batch_size)?;
        if batch.is_empty() {
            if spell.read > 0 {
                analyze::finish(&mut store, &mut linker, &mut spell, batch_size)?;
                total.absorb(std::mem::take(&mut spell));
                if !json {
                    eprintln!(
                        "stored {} new, {} unchanged so far; waiting for work",
                        total.new, total.unchanged
                    );
                }
            }
            if until_empty && queue.is_empty()? {
                break;
            }
            std::thread::sleep(IDLE);
            continue;
        }
        let (mut docs, mut pages) = (Vec::new(), Vec::new());
        for work in batch {
            match work {
                Work::Doc(doc) => docs.push(doc),
                Work::Page(page) => pages.push(page),
            }
        }
        let fetched = fetch_pages(&fetcher, &store, pages, &mut spell)?;
        docs.extend(fetched.docs);
        spell.read += docs.len();
        let mut fresh = Vec::with_capacity(docs.len());
        for raw in docs {
            // Stored already: queued twice, or redelivered after a worker
            // stored it and died before acknowledging.
            if store.id_for_hash(&raw.content_hash)?.is_some() {
                spell.unchanged += 1;
            } else {
                fresh.push(raw);
            }
        }
        analyze::process(&mut store, &mut linker, fresh, &mut spell, batch_size)?;
        // As in `analyze`: validators only once the pages' documents are
        // committed, and the pages they list queued with the
        // acknowledgement.
        store.remember_fetches(&fetched.validators)?;
        queue.ack(&fetched.more)?;
    }
    (total.stories, total.events, total.stances) = store.grouped_counts()?;
    analyze::report(&store.location(), &total, json)?;
    Ok(ExitCode::SUCCESS)
}

/// What fetching a batch's pages gave.
struct FetchedPages {
    docs: Vec<RawDoc>,
    /// Pages the fetched feeds, sitemaps and lists point at, to queue.
    more: Vec<Work>,
    /// To remember once the documents are committed.
    validators: Vec<(String, Validators)>,
}

/// Fetches the pages of a batch with `analyze`'s politeness (robots.txt,
/// one request at a time per host, conditional requests with the
/// validators kept in the store) and reads them as `analyze` does; what
/// cannot be fetched is a skip naming it.
fn fetch_pages(
    fetcher: &dossier_fetch::Fetcher,
    store: &impl Storage,
    pages: Vec<Page>,
    summary: &mut Summary,
) -> anyhow::Result<FetchedPages> {
    let mut fetched = FetchedPages {
        docs: Vec::new(),
        more: Vec::new(),
        validators: Vec::new(),
    };
    if pages.is_empty() {
        return Ok(fetched);
    }
    let requests = pages
        .iter()
        .map(|page| {
            Ok(dossier_fetch::Request {
                url: page.url.clone(),
                validators: store.validators(&page.url)?,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let outcomes = fetcher.fetch_all(&requests, |_| {}, &AtomicBool::new(false));
    for (page, outcome) in pages.into_iter().zip(outcomes) {
        match outcome {
            dossier_fetch::Fetched::Page(got) => {
                let read = dossier_sources::read_fetched(
                    &got.final_url,
                    got.body,
                    got.content_type.as_deref(),
                    page.given,
                );
                summary.skip_all(read.skips);
                fetched.docs.extend(read.docs);
                let depth = page.depth + 1;
                if depth < MAX_LINK_DEPTH {
                    fetched.more.extend(read.links.into_iter().map(|link| {
                        Work::Page(Page {
                            url: link.url,
                            given: link.given,
                            depth,
                        })
                    }));
                } else {
                    let why = format!(
                        "links more than {MAX_LINK_DEPTH} levels from what was given are not followed"
                    );
                    summary.skip_all(dossier_sources::not_fetched(&read.links, &why));
                }
                if !got.validators.is_empty() {
                    fetched.validators.push((page.url, got.validators));
                }
            }
            dossier_fetch::Fetched::NotModified => summary.unchanged += 1,
            dossier_fetch::Fetched::Refused(reason) => summary.skipped.push(SkipLine {
                origin: page.url,
                reason,
            }),
        }
    }
    Ok(fetched)
}
