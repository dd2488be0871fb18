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
use std::time::Duration;

use dossier_model::RawDoc;
use dossier_queue::Queue;
use dossier_store::Storage;

use crate::analyze::{self, SkipLine, Summary};
use crate::link::Linker;

/// `dossier enqueue PATH…`: reads every input and queues its documents.
pub fn enqueue(queue_url: &str, paths: &[PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    let inputs = dossier_sources::expand(paths)?;
    let mut queue = Queue::connect(queue_url)?;
    let (mut read, mut queued) = (0, 0);
    let mut skipped: Vec<SkipLine> = Vec::new();
    for group in inputs.chunks(32) {
        let mut docs: Vec<RawDoc> = Vec::new();
        for input in group {
            let result = dossier_sources::read_input(input);
            skipped.extend(result.skips.iter().map(SkipLine::from));
            read += result.docs.len();
            docs.extend(result.docs);
        }
        queued += queue.enqueue(&docs)?;
    }
    let waiting = queue.len()?;
    if json {
        let summary = serde_json::json!({
            "read": read, "queued": queued, "waiting": waiting, "skipped": skipped,
        });
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!(
            "read {read}, queued {queued} ({} already waiting), skipped {}; {waiting} waiting in the queue",
            read - queued,
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
    until_empty: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
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
        spell.read += batch.len();
        let mut fresh = Vec::with_capacity(batch.len());
        for raw in batch {
            // Stored already: queued twice, or redelivered after a worker
            // stored it and died before acknowledging.
            if store.id_for_hash(&raw.content_hash)?.is_some() {
                spell.unchanged += 1;
            } else {
                fresh.push(raw);
            }
        }
        analyze::process(&mut store, &mut linker, fresh, &mut spell, batch_size)?;
        queue.ack()?;
    }
    (total.stories, total.events, total.stances) = store.grouped_counts()?;
    analyze::report(&store.location(), &total, json)?;
    Ok(ExitCode::SUCCESS)
}
