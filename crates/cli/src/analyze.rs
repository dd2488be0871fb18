//! `dossier analyze`: sources → extract → analyze → store, in batches.
//!
//! Inputs are read a few at a time; documents whose content is already
//! stored are dropped before extraction (so a re-run is cheap); the rest are
//! extracted and analysed in parallel and committed one batch per
//! transaction, so an interrupted run keeps every finished batch.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use dossier_model::{AnalyzedDoc, RawDoc, Span, SpunEvidence};
use dossier_sources::{Input, Skip};
use dossier_store::{Storage, Stored};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::link::{self, Linker};

#[derive(Debug, Default, serde::Serialize)]
pub(crate) struct Summary {
    /// Documents read (a JSON Lines file counts each record).
    pub(crate) read: usize,
    pub(crate) new: usize,
    pub(crate) new_versions: usize,
    pub(crate) unchanged: usize,
    /// Reuse links found between new documents and the store.
    pub(crate) links: usize,
    /// Stories in the store after the run.
    pub(crate) stories: usize,
    /// Events (merged across articles) in the store after the run.
    pub(crate) events: usize,
    /// Stance groups (the calculus) in the store after the run.
    pub(crate) stances: usize,
    pub(crate) skipped: Vec<SkipLine>,
    pub(crate) warnings: Vec<SkipLine>,
}

impl Summary {
    /// Adds the counts and lines of `other` (a worker's busy spell).
    pub(crate) fn absorb(&mut self, other: Summary) {
        self.read += other.read;
        self.new += other.new;
        self.new_versions += other.new_versions;
        self.unchanged += other.unchanged;
        self.links += other.links;
        self.skipped.extend(other.skipped);
        self.warnings.extend(other.warnings);
    }
}

#[derive(Debug, serde::Serialize)]
pub(crate) struct SkipLine {
    pub(crate) origin: String,
    pub(crate) reason: String,
}

impl From<&Skip> for SkipLine {
    fn from(s: &Skip) -> Self {
        SkipLine {
            origin: s.origin.clone(),
            reason: s.reason.clone(),
        }
    }
}

/// Analyses `paths` into the store `open` opens (SQLite or PostgreSQL),
/// once every path is known to exist.
pub fn run<S: Storage>(
    open: impl FnOnce() -> dossier_store::Result<S>,
    paths: &[PathBuf],
    json: bool,
    batch_size: usize,
) -> anyhow::Result<ExitCode> {
    let inputs = dossier_sources::expand(paths)?;
    let mut store = open()?;
    let mut linker = Linker::open(&store)?;
    let progress = progress_bar(inputs.len() as u64);
    let mut summary = Summary::default();
    let mut pending: Vec<RawDoc> = Vec::new();

    // Reading is cheap next to analysis; inputs are read in small parallel
    // groups so memory stays bounded on huge folders.
    for group in inputs.chunks(32) {
        let reads: Vec<_> = group.par_iter().map(dossier_sources::read_input).collect();
        for (input, read) in group.iter().zip(reads) {
            progress.set_message(short_name(input));
            summary
                .skipped
                .extend(read.skips.iter().map(SkipLine::from));
            summary.read += read.docs.len();
            for raw in read.docs {
                if store.id_for_hash(&raw.content_hash)?.is_some() {
                    summary.unchanged += 1;
                } else {
                    pending.push(raw);
                }
            }
            progress.inc(1);
        }
        while pending.len() >= batch_size {
            let batch: Vec<RawDoc> = pending.drain(..batch_size).collect();
            process(&mut store, &mut linker, batch, &mut summary, batch_size)?;
        }
    }
    process(&mut store, &mut linker, pending, &mut summary, batch_size)?;
    progress.set_message("grouping stories");
    finish(&mut store, &mut linker, &mut summary, batch_size)?;
    (summary.stories, summary.events, summary.stances) = store.grouped_counts()?;
    progress.finish_and_clear();
    report(&store.location(), &summary, json)?;
    Ok(ExitCode::SUCCESS)
}

/// The end of a run (or of a worker's busy spell): links what is still
/// unlinked and, when this run stored or linked anything, regroups the
/// whole store (stories, events, calculus) under one write lock, so the
/// last writer to finish regroups everything every writer stored.
pub(crate) fn finish(
    store: &mut impl Storage,
    linker: &mut Linker,
    summary: &mut Summary,
    batch_size: usize,
) -> anyhow::Result<()> {
    // Documents another process stored but did not link (it was stopped),
    // or a store's from before link generations.
    let leftover = linker.link_pending(store, batch_size)?;
    summary.links += leftover.links;
    // The cross-article passes depend only on what is stored: a run that
    // stored nothing new and linked nothing leaves their results as they
    // are.
    if summary.new + summary.new_versions + leftover.documents > 0 {
        store.in_one_write(|store| -> anyhow::Result<()> {
            summary.links += linker.link_pending(store, batch_size)?.links;
            store.merge_surname_people()?;
            let provenance = link::Provenance::load(store)?;
            link::restory(store, &provenance)?;
            link::remerge_events(store, &provenance)?;
            link::regroup_stances(store, &provenance)?;
            Ok(())
        })?;
    }
    Ok(())
}

/// The article's analysis. A bug in a rule must not stop a run nor lose
/// the article: should the analysis panic, the article is stored without
/// one, with a warning saying so (the panic message is printed as usual).
fn analyze_or_warn(article: &mut dossier_model::Article) -> dossier_model::Analysis {
    match std::panic::catch_unwind(|| dossier_analyze::analyze(article)) {
        Ok(analysis) => analysis,
        Err(_) => {
            article.warnings.push(
                "the analysis failed on this article (a bug: please report it with the file); \
                 stored without actors, quotes, times, events or stances"
                    .to_string(),
            );
            dossier_model::Analysis::default()
        }
    }
}

/// Extracts, analyses and stores one batch in one transaction, then links
/// the documents not linked yet (the new ones, and any another process
/// stored meanwhile) against the store.
pub(crate) fn process(
    store: &mut impl Storage,
    linker: &mut Linker,
    batch: Vec<RawDoc>,
    summary: &mut Summary,
    batch_size: usize,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let analysed: Vec<(AnalyzedDoc, Option<Skip>)> = batch
        .into_par_iter()
        .map(|raw| {
            let mut article = dossier_extract::extract(&raw);
            let analysis = analyze_or_warn(&mut article);
            let skip = article.text.is_empty().then(|| Skip {
                origin: raw.origin.clone(),
                reason: "no article text found".to_string(),
            });
            let evidence = dossier_link::spun_evidence(&article.text);
            let spun = SpunEvidence {
                spun: evidence.spun,
                score: evidence.score,
                examples: evidence
                    .examples
                    .into_iter()
                    .map(|(r, usual)| (Span::new(r.start, r.end), usual))
                    .collect(),
            };
            let doc = AnalyzedDoc {
                id: raw.id,
                content_hash: raw.content_hash,
                article,
                analysis,
                spun,
            };
            (doc, skip)
        })
        .collect();
    let mut keep = Vec::with_capacity(analysed.len());
    for (doc, skip) in analysed {
        match skip {
            Some(skip) => summary.skipped.push(SkipLine::from(&skip)),
            None => {
                summary
                    .warnings
                    .extend(doc.article.warnings.iter().map(|w| SkipLine {
                        origin: doc.article.origin.clone(),
                        reason: w.clone(),
                    }));
                keep.push(doc);
            }
        }
    }
    for outcome in store.insert_batch(&keep)? {
        match outcome {
            Stored::New { .. } => summary.new += 1,
            Stored::NewVersion { .. } => summary.new_versions += 1,
            // Two identical documents in one batch (or one another process
            // stored meanwhile): the second is unchanged.
            Stored::Unchanged { .. } => summary.unchanged += 1,
        }
    }
    summary.links += linker.link_pending(store, batch_size)?.links;
    Ok(())
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} files {elapsed} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}

fn short_name(input: &Input) -> String {
    match input {
        Input::File(p) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        Input::Stdin => "-".into(),
        Input::Skipped(skip) => skip.origin.clone(),
    }
}

pub(crate) fn report(location: &str, s: &Summary, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(s)?);
        return Ok(());
    }
    println!(
        "read {}, new {}, new versions {}, unchanged {}, skipped {}; {} reuse links, {} stories, {} events → {}",
        s.read,
        s.new,
        s.new_versions,
        s.unchanged,
        s.skipped.len(),
        s.links,
        s.stories,
        s.events,
        location
    );
    for skip in &s.skipped {
        println!("  skipped {}: {}", skip.origin, skip.reason);
    }
    for warning in &s.warnings {
        println!("  warning {}: {}", warning.origin, warning.reason);
    }
    Ok(())
}
