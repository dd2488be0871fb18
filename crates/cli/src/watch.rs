//! `dossier watch`: the `analyze` pass, repeated. Each poll reads the
//! sources again (a folder is walked again, so new files are seen),
//! fetches with the validators kept in the store, stores and links what is
//! new or changed, runs the cross-article passes only when something was,
//! and prints one line. Ctrl-C ends the poll after the batch being
//! committed, keeping everything committed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use dossier_store::Storage;

use crate::analyze::{self, Fetching, Pass, SkipLine};
use crate::link::Linker;

/// When to poll.
pub struct Schedule {
    /// From the start of one poll to the start of the next.
    pub every: Duration,
    /// Stop after this many polls; `None`: until Ctrl-C.
    pub polls: Option<u32>,
}

pub fn run<S: Storage>(
    open: impl FnOnce() -> dossier_store::Result<S>,
    sources: &[PathBuf],
    schedule: Schedule,
    batch_size: usize,
    fetching: Fetching,
) -> anyhow::Result<ExitCode> {
    if sources.iter().any(|s| s == Path::new("-")) {
        eprintln!(
            "dossier: error: watch reads its sources again on every poll, and standard input can be \
             read only once: save it to a file, or use dossier analyze -"
        );
        return Ok(ExitCode::from(2));
    }
    // Every path is checked before the first poll, as analyze does.
    dossier_sources::expand(sources)?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // The first Ctrl-C asks for a clean stop; a second one stops at once
    // (the batch in flight is rolled back, as when the process is killed).
    ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::Relaxed) {
            std::process::exit(130);
        }
        eprintln!("stopping after the batch being committed (Ctrl-C again stops at once)");
    })
    .context("cannot install the Ctrl-C handler")?;
    let mut store = open()?;
    let mut linker = Linker::open(&store)?;
    let fetcher = dossier_fetch::Fetcher::new(fetching.config);
    let mut reported: HashSet<SkipLine> = HashSet::new();
    let mut poll = 0;
    loop {
        poll += 1;
        let started = Instant::now();
        // A folder may have gained files, or lost them, since the last poll.
        let inputs = dossier_sources::expand(sources)?;
        let progress = analyze::progress_bar(inputs.len() as u64);
        let mut pass = Pass {
            store: &mut store,
            linker: &mut linker,
            fetcher: &fetcher,
            follow_files: fetching.follow_files,
            batch_size,
            progress: &progress,
            stop: &stop,
        };
        let mut summary = pass.ingest(&inputs)?;
        progress.set_message("grouping stories");
        analyze::finish(&mut store, &mut linker, &mut summary, batch_size)?;
        progress.finish_and_clear();
        let skipped = summary.skipped.len();
        let fresh: Vec<SkipLine> = summary
            .skipped
            .into_iter()
            .filter(|s| !reported.contains(s))
            .collect();
        println!(
            "poll {poll}: read {}, new {}, new versions {}, unchanged {}, skipped {skipped}{}; {} stories, {} events → {} ({:.1} s)",
            summary.read,
            summary.new,
            summary.new_versions,
            summary.unchanged,
            if fresh.is_empty() { "" } else { " (reasons below)" },
            summary.stories,
            summary.events,
            store.location(),
            started.elapsed().as_secs_f64(),
        );
        // Each skip's reason is printed the first time it is met, not on
        // every poll.
        for skip in fresh {
            println!("  skipped {}: {}", skip.origin, skip.reason);
            reported.insert(skip);
        }
        if stop.load(Ordering::Relaxed) {
            println!("stopped by Ctrl-C after poll {poll}; everything read so far is stored");
            break;
        }
        if schedule.polls.is_some_and(|n| poll >= n) {
            break;
        }
        if !sleep_until(started + schedule.every, &stop) {
            println!("stopped by Ctrl-C after poll {poll}; everything read so far is stored");
            break;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Sleeps until `deadline`, waking early for Ctrl-C; false when stopped.
fn sleep_until(deadline: Instant, stop: &AtomicBool) -> bool {
    while Instant::now() < deadline {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        std::thread::sleep(left.min(Duration::from_millis(200)));
    }
    !stop.load(Ordering::Relaxed)
}
