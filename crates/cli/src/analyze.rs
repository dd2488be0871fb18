//! `dossier analyze`: sources → extract → analyze → store, in batches.
//!
//! Inputs are read a few at a time; documents whose content is already
//! stored are dropped before extraction (so a re-run is cheap); the rest are
//! extracted and analysed in parallel and committed one batch per
//! transaction, so an interrupted run keeps every finished batch.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use dossier_fetch::Fetched;
use dossier_model::{AnalyzedDoc, RawDoc, Span, SpunEvidence, Validators};
use dossier_sources::{Input, Link, Skip};
use dossier_store::{Storage, Stored};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::link::{self, Linker};

#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    /// Documents read (a JSON Lines file, a feed or a WARC file counts
    /// each record; a fetched page counts once).
    pub read: usize,
    pub new: usize,
    pub new_versions: usize,
    /// Documents whose content is stored already, and pages the server
    /// says have not changed since the last fetch.
    pub unchanged: usize,
    /// Reuse links found between new documents and the store.
    pub links: usize,
    /// Stories in the store after the run.
    pub stories: usize,
    /// Events (merged across articles) in the store after the run.
    pub events: usize,
    /// Stance groups (the calculus) in the store after the run.
    pub stances: usize,
    pub skipped: Vec<SkipLine>,
    pub warnings: Vec<SkipLine>,
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

    pub(crate) fn skip_all(&mut self, skips: Vec<Skip>) {
        self.skipped.extend(skips.iter().map(SkipLine::from));
    }
}

#[derive(Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct SkipLine {
    pub origin: String,
    pub reason: String,
}

impl From<&Skip> for SkipLine {
    fn from(s: &Skip) -> Self {
        SkipLine {
            origin: s.origin.clone(),
            reason: s.reason.clone(),
        }
    }
}

/// How `analyze` and `watch` fetch. URLs asked for by name (on the command
/// line, in a list of URLs) and the pages that fetched feeds and sitemaps
/// point at are always fetched; the pages that feeds and sitemaps read
/// from files point at only when `follow_files` is set (`--fetch`, and
/// always in `watch`), else they are skips that say how to fetch them.
pub struct Fetching {
    pub config: dossier_fetch::Config,
    pub follow_files: bool,
}

/// How deep links are followed from what was given: a sitemap index, its
/// sitemaps, their pages (a feed: its items' pages), and one more level.
pub(crate) const MAX_LINK_DEPTH: usize = 4;

/// Pages fetched before their documents are queued for committing.
const FETCH_CHUNK: usize = 256;

/// Analyses `paths` into the store `open` opens (SQLite or PostgreSQL),
/// once every path is known to exist.
pub fn run<S: Storage>(
    open: impl FnOnce() -> dossier_store::Result<S>,
    paths: &[PathBuf],
    json: bool,
    batch_size: usize,
    fetching: Fetching,
) -> anyhow::Result<ExitCode> {
    let inputs = dossier_sources::expand(paths)?;
    let mut store = open()?;
    let mut linker = Linker::open(&store)?;
    let fetcher = dossier_fetch::Fetcher::new(fetching.config);
    let progress = progress_bar(inputs.len() as u64);
    let never = AtomicBool::new(false);
    let mut pass = Pass {
        store: &mut store,
        linker: &mut linker,
        fetcher: &fetcher,
        follow_files: fetching.follow_files,
        batch_size,
        progress: &progress,
        stop: &never,
    };
    let mut summary = pass.ingest(&inputs)?;
    progress.set_message("grouping stories");
    finish(&mut store, &mut linker, &mut summary, batch_size)?;
    progress.finish_and_clear();
    report(&store.location(), &summary, json)?;
    Ok(ExitCode::SUCCESS)
}

/// One reading of the inputs into the store: what `analyze` does once and
/// `watch` once per poll.
pub struct Pass<'a, S: Storage> {
    pub store: &'a mut S,
    pub linker: &'a mut Linker,
    pub fetcher: &'a dossier_fetch::Fetcher,
    /// Fetch the pages feeds and sitemaps read from files point at.
    pub follow_files: bool,
    pub batch_size: usize,
    pub progress: &'a ProgressBar,
    /// Set by Ctrl-C (`watch`): the pass ends after the batch it is
    /// committing, and the validators of what was committed are kept.
    pub stop: &'a AtomicBool,
}

impl<S: Storage> Pass<'_, S> {
    /// Reads, fetches, extracts, analyses, stores and links everything new.
    pub fn ingest(&mut self, inputs: &[Input]) -> anyhow::Result<Summary> {
        let mut summary = Summary::default();
        let mut pending: Vec<RawDoc> = Vec::new();
        let mut links: Vec<Link> = Vec::new();
        // Reading is cheap next to analysis; inputs are read in small
        // parallel groups so memory stays bounded on huge folders.
        for group in inputs.chunks(32) {
            let reads: Vec<_> = group.par_iter().map(dossier_sources::read_input).collect();
            for (input, read) in group.iter().zip(reads) {
                self.progress.set_message(short_name(input));
                links.extend(self.accept(read, &mut pending, &mut summary)?);
                self.progress.inc(1);
            }
            self.commit_full_batches(&mut pending, &mut summary)?;
            if self.stopped() {
                return Ok(summary);
            }
        }
        let fetched = self.fetch_links(links, &mut pending, &mut summary)?;
        if self.stopped() {
            // What is pending is dropped, and no validator is kept: each
            // page is fetched in full next time, and what was committed
            // comes back `unchanged`.
            return Ok(summary);
        }
        self.process(std::mem::take(&mut pending), &mut summary)?;
        // Only now that every page read is committed: a validator kept
        // before would make the next run skip a page never stored.
        self.store.remember_fetches(&fetched)?;
        Ok(summary)
    }

    /// Fetches the links, level by level (a fetched feed or sitemap points
    /// at more pages), reading each page as it comes; returns the
    /// validators of the pages fetched.
    fn fetch_links(
        &mut self,
        mut links: Vec<Link>,
        pending: &mut Vec<RawDoc>,
        summary: &mut Summary,
    ) -> anyhow::Result<Vec<(String, Validators)>> {
        let mut validators = Vec::new();
        if !self.follow_files {
            let (named, listed): (Vec<Link>, Vec<Link>) = links.into_iter().partition(|l| l.named);
            let why = "add --fetch to fetch them (URLs, and lists of URLs, are always fetched)";
            summary.skip_all(dossier_sources::not_fetched(&listed, why));
            links = named;
        }
        let mut seen: HashSet<String> = HashSet::new();
        for _ in 0..MAX_LINK_DEPTH {
            links.retain(|link| seen.insert(link.url.clone()));
            if links.is_empty() || self.stopped() {
                return Ok(validators);
            }
            let level = std::mem::take(&mut links);
            let mut next = Vec::new();
            // A few hundred pages at a time, committed as they come, so a
            // sitemap of 100,000 pages never sits in memory at once.
            for chunk in level.chunks(FETCH_CHUNK) {
                if self.stopped() {
                    break;
                }
                let requests = chunk
                    .iter()
                    .map(|link| {
                        Ok(dossier_fetch::Request {
                            url: link.url.clone(),
                            validators: self.store.validators(&link.url)?,
                        })
                    })
                    .collect::<anyhow::Result<Vec<_>>>()?;
                self.progress.inc_length(requests.len() as u64);
                let progress = self.progress;
                let outcomes = self.fetcher.fetch_all(
                    &requests,
                    |url| {
                        progress.set_message(url.to_string());
                        progress.inc(1);
                    },
                    self.stop,
                );
                for (link, outcome) in chunk.iter().cloned().zip(outcomes) {
                    match outcome {
                        Fetched::Page(page) => {
                            let read = dossier_sources::read_fetched(
                                &page.final_url,
                                page.body,
                                page.content_type.as_deref(),
                                link.given,
                            );
                            next.extend(self.accept(read, pending, summary)?);
                            if !page.validators.is_empty() {
                                validators.push((link.url, page.validators));
                            }
                        }
                        Fetched::NotModified => summary.unchanged += 1,
                        Fetched::Refused(reason) => summary.skipped.push(SkipLine {
                            origin: link.url,
                            reason,
                        }),
                    }
                }
                self.commit_full_batches(pending, summary)?;
            }
            links = next;
        }
        links.retain(|link| !seen.contains(&link.url));
        let why =
            format!("links more than {MAX_LINK_DEPTH} levels from what was given are not followed");
        summary.skip_all(dossier_sources::not_fetched(&links, &why));
        Ok(validators)
    }

    /// Takes what one input (or fetched page) read: counts its skips, queues
    /// its new documents, returns its links.
    fn accept(
        &mut self,
        read: dossier_sources::ReadResult,
        pending: &mut Vec<RawDoc>,
        summary: &mut Summary,
    ) -> anyhow::Result<Vec<Link>> {
        summary.skip_all(read.skips);
        summary.read += read.docs.len();
        for raw in read.docs {
            if self.store.id_for_hash(&raw.content_hash)?.is_some() {
                summary.unchanged += 1;
            } else {
                pending.push(raw);
            }
        }
        Ok(read.links)
    }

    fn commit_full_batches(
        &mut self,
        pending: &mut Vec<RawDoc>,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        while pending.len() >= self.batch_size && !self.stopped() {
            let batch: Vec<RawDoc> = pending.drain(..self.batch_size).collect();
            self.process(batch, summary)?;
        }
        Ok(())
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn process(&mut self, batch: Vec<RawDoc>, summary: &mut Summary) -> anyhow::Result<()> {
        process(self.store, self.linker, batch, summary, self.batch_size)
    }
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
            // Another writer (a worker that ran dry first) regrouped after
            // the last link step: everything this run stored is in it.
            if store.grouping_is_current()? {
                return Ok(());
            }
            store.merge_surname_people()?;
            let provenance = link::Provenance::load(store)?;
            link::restory(store, &provenance)?;
            link::remerge_events(store, &provenance)?;
            link::regroup_stances(store, &provenance)?;
            store.mark_grouped()?;
            Ok(())
        })?;
    }
    (summary.stories, summary.events, summary.stances) = store.grouped_counts()?;
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

pub fn progress_bar(len: u64) -> ProgressBar {
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
        Input::Url(url) => url.clone(),
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
