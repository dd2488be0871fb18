//! Analysis throughput on one core: articles/s for the whole per-article
//! analysis and for each stage alone, over a folder of
//! articles repeated N times (default: ../shared/corpus/seeds × 1000).
//!
//! `cargo bench -p dossier-analyze --bench analysis -- [DIR] [REPEAT]`
//!
//! `BENCH_ONLY=times` (or actors, quotes, events, stances, sentences, tokens,
//! text, whole+text, whole) runs that stage alone, for profiling it.
//! `tokens` is the document of `dossier-text` the analysis makes once per
//! article (sentences and tokens, no model layer); `text` is that document
//! fully annotated (tags, parse of every sentence, entities), which the
//! stages do not need; `whole+text` is the analysis with it.
//!
//! Times are the thread's CPU time (from /proc/thread-self/schedstat, where
//! available), not wall time: on a shared two-core machine other jobs would
//! otherwise make the figures swing by half.

use std::path::PathBuf;
use std::time::Instant;

/// The allocator the `dossier` binary uses, so the figures are its.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Seconds of CPU time this thread has run, else of wall time since the
/// first call.
fn seconds() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed().as_secs_f64())
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    // Cargo runs benches in the crate's folder: a relative folder is taken
    // from the workspace root, where the README's commands are typed.
    let dir = args
        .first()
        .map(|a| root.join(a))
        .unwrap_or_else(|| root.join("../shared/corpus/seeds"));
    let repeat: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(1000);
    let inputs = dossier_sources::expand(&[&dir]).unwrap_or_else(|e| panic!("{e}"));
    let articles: Vec<_> = inputs
        .iter()
        .flat_map(|i| dossier_sources::read_input(i).docs)
        .map(|raw| dossier_extract::extract(&raw))
        .collect();
    assert!(!articles.is_empty(), "no articles in {}", dir.display());
    let n = articles.len() * repeat;
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum::<usize>() * repeat;

    // Each stage alone, on inputs the earlier stages computed once.
    let analyses: Vec<_> = articles.iter().map(dossier_analyze::analyze).collect();
    let only = std::env::var("BENCH_ONLY").ok();
    let stage =
        |name: &str, run: &dyn Fn(&dossier_model::Article, &dossier_model::Analysis) -> usize| {
            if only.as_deref().is_some_and(|o| o != name) {
                return;
            }
            let start = seconds();
            let mut found = 0;
            for _ in 0..repeat {
                for (a, x) in articles.iter().zip(&analyses) {
                    found += run(a, x);
                }
            }
            println!(
                "  {name:<10} {:>8.0} articles/s ({found} found)",
                n as f64 / (seconds() - start)
            );
        };
    stage("sentences", &|a, _| {
        a.paragraphs
            .iter()
            .map(|p| dossier_analyze::split_sentences(&a.text, p.span).len())
            .sum()
    });
    // Each stage with the making of the document it reads (tokens; the
    // stage adds the model's layers it needs).
    stage("actors", &|a, _| {
        let mut doc = dossier_analyze::article_doc(a);
        dossier_analyze::actors::find_actors(&mut doc, a.published.as_deref())
            .1
            .len()
    });
    stage("quotes", &|a, _| {
        dossier_analyze::quotes::find_quotes(&mut dossier_analyze::article_doc(a)).len()
    });
    stage("events", &|a, x| {
        let mut doc = dossier_analyze::article_doc(a);
        dossier_analyze::events::find_events(&mut doc, &x.mentions, &x.times).len()
    });
    // The sentences and tokens the whole analysis makes once for the
    // stages that read them (without the model's layers).
    stage("tokens", &|a, _| {
        let spans: Vec<_> = a.paragraphs.iter().map(|p| p.span).collect();
        dossier_text::Doc::with_paragraphs(&a.text, &spans).len()
    });
    // With the making of the tokens they read.
    stage("times", &|a, _| {
        let spans: Vec<_> = a.paragraphs.iter().map(|p| p.span).collect();
        let doc = dossier_text::Doc::with_paragraphs(&a.text, &spans);
        dossier_analyze::times::find_article_times(&doc, a.published.as_deref())
            .0
            .len()
    });
    stage("stances", &|a, x| {
        let spans: Vec<_> = a.paragraphs.iter().map(|p| p.span).collect();
        let doc = dossier_text::Doc::with_paragraphs(&a.text, &spans);
        dossier_analyze::stances::find_stances(&doc, &x.mentions, &x.quotes, &x.events, &x.actors)
            .len()
    });

    // The fully annotated document (dossier-text: tokens, tags, lemmas,
    // every sentence parsed, entities), more than the stages ask for.
    stage("text", &|a, _| {
        let spans: Vec<_> = a.paragraphs.iter().map(|p| p.span).collect();
        let mut doc = dossier_text::Doc::with_paragraphs(&a.text, &spans);
        doc.annotate();
        doc.entities().len()
    });
    if only
        .as_deref()
        .is_some_and(|o| o != "whole" && o != "whole+text")
    {
        return;
    }
    if only.as_deref() != Some("whole") {
        let start = seconds();
        for _ in 0..repeat {
            for a in &articles {
                let x = dossier_analyze::analyze(a);
                let spans: Vec<_> = a.paragraphs.iter().map(|p| p.span).collect();
                let mut doc = dossier_text::Doc::with_paragraphs(&a.text, &spans);
                doc.annotate();
                std::hint::black_box((x, doc.entities().len()));
            }
        }
        println!(
            "  whole analysis + annotated document (parse of every sentence): {:.0} articles/s",
            n as f64 / (seconds() - start)
        );
    }
    if only.as_deref() == Some("whole+text") {
        return;
    }
    let start = seconds();
    let mut sentences = 0;
    for _ in 0..repeat {
        for a in &articles {
            sentences += dossier_analyze::analyze(a).sentences.len();
        }
    }
    let all_secs = seconds() - start;
    println!(
        "{n} articles ({:.1} MB of clean text): whole analysis {:.0} articles/s, {:.0} sentences/s, {:.1} MB/s ({sentences} sentences), one core",
        bytes as f64 / 1e6,
        n as f64 / all_secs,
        sentences as f64 / all_secs,
        bytes as f64 / all_secs / 1e6,
    );
}
