//! Throughput of the annotated document on one core: tokens/s, sentences/s
//! and articles/s for building the `Doc` (sentences + tokens), tagging
//! (with lemmas), parsing every sentence, finding entities, all of it, and
//! all of it with one sentence in three parsed (`whole-1/3`),
//! over a folder of articles repeated N times (default: ../shared/corpus/seeds
//! and examples/corpus, × 200).
//!
//! `cargo bench -p dossier-text -- [DIR…] [REPEAT]` (`BENCH_ONLY=parse`, or
//! doc, tag, entities, whole-1/3, whole: that one alone, for profiling)
//!
//! Times are the thread's CPU time (from /proc/thread-self/schedstat, where
//! available), not wall time, as in `crates/analyze/benches/analysis.rs`.

use std::path::PathBuf;
use std::time::Instant;

use dossier_text::Doc;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let mut dirs: Vec<PathBuf> = args
        .iter()
        .filter(|a| a.parse::<usize>().is_err())
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        dirs = vec![
            root.join("../shared/corpus/seeds"),
            root.join("examples/corpus"),
        ];
        dirs.retain(|d| d.is_dir());
    }
    let repeat: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(200);
    let inputs = dossier_sources::expand(&dirs).unwrap_or_else(|e| panic!("{e}"));
    let articles: Vec<_> = inputs
        .iter()
        .flat_map(|i| dossier_sources::read_input(i).docs)
        .map(|raw| dossier_extract::extract(&raw))
        .filter(|a| !a.text.is_empty())
        .collect();
    assert!(!articles.is_empty(), "no articles in {dirs:?}");
    let paragraphs: Vec<Vec<dossier_model::Span>> = articles
        .iter()
        .map(|a| a.paragraphs.iter().map(|p| p.span).collect())
        .collect();
    let _ = dossier_text::model(); // load once, outside the timings
    let docs: Vec<Doc> = articles
        .iter()
        .zip(&paragraphs)
        .map(|(a, p)| Doc::with_paragraphs(&a.text, p))
        .collect();
    let tokens: usize = docs.iter().map(|d| d.len()).sum::<usize>() * repeat;
    let sentences: usize = docs.iter().map(|d| d.sentences().len()).sum::<usize>() * repeat;
    let n = articles.len() * repeat;
    println!(
        "{} articles × {repeat}: {:.0} sentences and {:.0} tokens per article",
        articles.len(),
        sentences as f64 / n as f64,
        tokens as f64 / n as f64
    );
    let tagged: Vec<Doc> = docs
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.tag();
            d
        })
        .collect();
    let report = |name: &str, secs: f64, found: usize| {
        println!(
            "  {name:<10} {:>11.0} tokens/s {:>9.0} sentences/s {:>8.0} articles/s  ({:.3} ms/article; {found} found)",
            tokens as f64 / secs,
            sentences as f64 / secs,
            n as f64 / secs,
            secs * 1e3 / n as f64
        );
    };
    let only = std::env::var("BENCH_ONLY").ok();
    let run = |name: &str, f: &dyn Fn() -> usize| {
        if only.as_deref().is_some_and(|o| o != name) {
            return;
        }
        let start = seconds();
        let mut found = 0;
        for _ in 0..repeat {
            found += f();
        }
        report(name, seconds() - start, found);
    };
    run("doc", &|| {
        articles
            .iter()
            .zip(&paragraphs)
            .map(|(a, p)| Doc::with_paragraphs(&a.text, p).len())
            .sum()
    });
    run("tag", &|| {
        docs.iter()
            .map(|d| {
                let mut d = d.clone();
                d.tag();
                d.len()
            })
            .sum()
    });
    run("parse", &|| {
        tagged
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.parse();
                d.sentences().len()
            })
            .sum()
    });
    run("entities", &|| {
        tagged
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.find_entities();
                d.entities().len()
            })
            .sum()
    });
    // As a stage that needs the tree of only some sentences would: tags
    // and entities everywhere, one sentence in three parsed.
    run("whole-1/3", &|| {
        articles
            .iter()
            .zip(&paragraphs)
            .map(|(a, p)| {
                let mut d = Doc::with_paragraphs(&a.text, p);
                let some: Vec<usize> = (0..d.sentences().len()).step_by(3).collect();
                d.tag().find_entities().parse_sentences(&some);
                d.entities().len()
            })
            .sum()
    });
    run("whole", &|| {
        articles
            .iter()
            .zip(&paragraphs)
            .map(|(a, p)| {
                let mut d = Doc::with_paragraphs(&a.text, p);
                d.annotate();
                d.entities().len()
            })
            .sum()
    });
}
