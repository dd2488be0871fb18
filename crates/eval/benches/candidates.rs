//! Candidate search speed and recall, for `bench/link_candidates.sh`.
//!
//! Default: the evaluation corpus (copies of the extraction benchmark's
//! article bodies, every kind of copy) filled up with unrelated chain text
//! to 10,000 documents. Writes the documents and the labelled pairs to
//! `target/link-bench/` for the datasketch side, then times text →
//! signatures → index → candidates on two threads and on one, and prints
//! recall per kind of copy; then verifies the candidates (alignment) and
//! prints link precision and recall.
//!
//! `--million`: 1,000,000 generated documents (chain text, 2% of them
//! copies of every kind), linked incrementally in batches of 100,000 (each
//! batch against the index of the earlier ones, earlier texts regenerated
//! on demand as a store would read them); prints time per batch, total time,
//! peak RSS, and precision and recall of the links.
//!
//! `cargo bench -p dossier-eval --bench candidates -- [--million [--docs=N]] [GROUND_TRUTH]`

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use dossier_eval::provenance::{
    load_bodies, make_copy, Babble, CopyKind, Corpus, Rng, SwapStats, SEED,
};
use dossier_link::{align_docs, link_batch, Doc, Index, Signature};
use rayon::prelude::*;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Candidate pairs `(i, j)`, `i < j`, from text on the current rayon pool.
fn candidate_pairs(texts: &[String]) -> HashSet<(usize, usize)> {
    let sigs: Vec<Signature> = texts
        .par_iter()
        .map(|t| Signature::new(&Doc::new(t)))
        .collect();
    let mut index = Index::new();
    for (i, s) in sigs.iter().enumerate() {
        index.insert(i as u64, s);
    }
    sigs.par_iter()
        .enumerate()
        .flat_map_iter(|(i, s)| {
            index
                .candidates(s)
                .into_iter()
                .map(|j| j as usize)
                .filter(move |&j| j < i)
                .map(move |j| (j, i))
        })
        .collect()
}

fn recall_line(
    pairs: &[(usize, usize, CopyKind)],
    found: impl Fn(usize, usize) -> bool,
) -> (f64, String) {
    let mut parts = Vec::new();
    let (mut hit_all, mut of_all) = (0, 0);
    for kind in CopyKind::ALL {
        let of: Vec<_> = pairs.iter().filter(|p| p.2 == kind).collect();
        let hit = of
            .iter()
            .filter(|p| found(p.0.min(p.1), p.0.max(p.1)))
            .count();
        (hit_all, of_all) = (hit_all + hit, of_all + of.len());
        if !of.is_empty() {
            parts.push(format!(
                "{} {:.3}",
                kind.name(),
                hit as f64 / of.len() as f64
            ));
        }
    }
    (hit_all as f64 / of_all.max(1) as f64, parts.join(", "))
}

fn ten_thousand(gold: PathBuf) {
    let bodies = load_bodies(&gold).unwrap_or_else(|e| panic!("{}: {e}", gold.display()));
    let copies = Corpus::generate(&bodies, 0, SEED).texts.len();
    let corpus = Corpus::generate(&bodies, 10_000 - copies, SEED);
    assert_eq!(corpus.texts.len(), 10_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/link-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("corpus.jsonl")).unwrap());
    for (t, f) in corpus.texts.iter().zip(&corpus.family) {
        writeln!(out, "{}", serde_json::json!({"text": t, "family": f})).unwrap();
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("pairs.tsv")).unwrap());
    for (a, b, k) in &corpus.pairs {
        writeln!(out, "{a}\t{b}\t{}", k.name()).unwrap();
    }
    drop(out);

    Babble::get(); // word lists parsed before timing
    let _ = candidate_pairs(&corpus.texts[..10]);
    let t = Instant::now();
    let pairs = candidate_pairs(&corpus.texts);
    let two = t.elapsed().as_secs_f64();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let t = Instant::now();
    let pairs_one = pool.install(|| candidate_pairs(&corpus.texts));
    let one = t.elapsed().as_secs_f64();
    assert_eq!(pairs, pairs_one);
    let (recall, by_kind) = recall_line(&corpus.pairs, |a, b| pairs.contains(&(a, b)));
    println!(
        "dossier-link candidates: 10000 docs in {two:.2} s (2 threads), {one:.2} s (1 thread); \
         {} candidate pairs; recall {recall:.3} ({by_kind})",
        pairs.len()
    );

    let stored: Vec<Vec<u8>> = corpus
        .texts
        .par_iter()
        .map(|t| Signature::new(&Doc::new(t)).to_bytes())
        .collect();
    let t = Instant::now();
    let mut index = Index::new();
    for (i, bytes) in stored.iter().enumerate() {
        index.insert(i as u64, &Signature::from_bytes(bytes).expect("own bytes"));
    }
    println!(
        "dossier-link index rebuilt from {} stored signatures ({:.1} MB) in {:.3} s",
        index.len(),
        stored.iter().map(Vec::len).sum::<usize>() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let docs: Vec<Doc> = corpus.texts.par_iter().map(|t| Doc::new(t)).collect();
    let pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
    let links: HashSet<(usize, usize)> = pairs
        .par_iter()
        .filter(|&&(a, b)| align_docs(&docs[a], &docs[b]).is_some())
        .copied()
        .collect();
    let verify = t.elapsed().as_secs_f64();
    let correct = links
        .iter()
        .filter(|(a, b)| corpus.family[*a] == corpus.family[*b])
        .count();
    let (link_recall, by_kind) = recall_line(&corpus.pairs, |a, b| links.contains(&(a, b)));
    println!(
        "dossier-link verified: {} links in {verify:.2} s (2 threads); precision {:.3}; recall {link_recall:.3} ({by_kind})",
        links.len(),
        correct as f64 / links.len().max(1) as f64
    );
    println!(
        "{}",
        serde_json::json!({"seconds_2_threads": two, "seconds_1_thread": one, "recall": recall})
    );
}

const BATCH: u64 = 100_000;
/// Every COPY_EVERY-th document is a copy of an earlier one.
const COPY_EVERY: u64 = 50;

fn mix(k: u64) -> u64 {
    Rng::new(k ^ 0xD055_1E20).next_u64()
}

fn base_text(k: u64) -> String {
    let mut rng = Rng::new(SEED ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    Babble::get().text(120 + rng.below(80), &mut rng)
}

/// The `(source, kind)` a document copies, if it is a copy.
fn copy_of(k: u64) -> Option<(u64, CopyKind)> {
    if k % COPY_EVERY != COPY_EVERY - 1 {
        return None;
    }
    let mut source = k - 1 - mix(k) % 20_000.min(k - 1);
    if source % COPY_EVERY == COPY_EVERY - 1 {
        source -= 1;
    }
    Some((source, CopyKind::ALL[((k / COPY_EVERY) % 8) as usize]))
}

fn million_text(k: u64) -> String {
    match copy_of(k) {
        None => base_text(k),
        Some((source, kind)) => {
            let mut rng = Rng::new(mix(k));
            let host = Babble::get().text(150, &mut rng);
            make_copy(
                kind,
                &base_text(source),
                &host,
                &mut rng,
                &mut SwapStats::default(),
            )
        }
    }
}

fn million(docs: u64) {
    Babble::get();
    let start = Instant::now();
    let mut index = Index::new();
    let mut links = Vec::new();
    let mut link_seconds = 0.0;
    for batch in 0..docs.div_ceil(BATCH) {
        let t = Instant::now();
        let texts: Vec<String> = (batch * BATCH..((batch + 1) * BATCH).min(docs))
            .into_par_iter()
            .map(million_text)
            .collect();
        let generate = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let new: Vec<(u64, &str)> = texts
            .iter()
            .enumerate()
            .map(|(i, s)| (batch * BATCH + i as u64, s.as_str()))
            .collect();
        let (_, found) = link_batch(&mut index, &new, |k| Some(million_text(k)));
        let seconds = t.elapsed().as_secs_f64();
        link_seconds += seconds;
        println!(
            "batch {batch}: {} docs indexed; generated in {generate:.1} s, linked in {seconds:.1} s; {} links; peak RSS {:.0} MiB",
            index.len(),
            found.len(),
            peak_rss_mib()
        );
        links.extend(found.into_iter().map(|l| (l.a, l.b)));
    }
    let total = start.elapsed().as_secs_f64();
    let family = |k: u64| copy_of(k).map_or(k, |(s, _)| s);
    let correct = links
        .iter()
        .filter(|(a, b)| family(*a) == family(*b))
        .count();
    let linked: HashSet<(u64, u64)> = links.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
    let mut by_kind: HashMap<CopyKind, (usize, usize)> = HashMap::new();
    for k in (0..docs).filter(|k| k % COPY_EVERY == COPY_EVERY - 1) {
        let (source, kind) = copy_of(k).expect("a copy");
        let e = by_kind.entry(kind).or_default();
        e.1 += 1;
        e.0 += usize::from(linked.contains(&(source, k)));
    }
    let recall: Vec<String> = CopyKind::ALL
        .iter()
        .map(|k| {
            let (hit, of) = by_kind.get(k).copied().unwrap_or_default();
            format!("{} {:.3}", k.name(), hit as f64 / of as f64)
        })
        .collect();
    println!(
        "{docs} docs: total {total:.0} s (linking {link_seconds:.0} s, the rest generating text); peak RSS {:.0} MiB; \
         {} links, precision {:.4}; recall {}",
        peak_rss_mib(),
        links.len(),
        correct as f64 / links.len().max(1) as f64,
        recall.join(", ")
    );
}

fn main() {
    // `cargo bench` passes `--bench`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.iter().any(|a| a == "--million") {
        let docs = args
            .iter()
            .find_map(|a| a.strip_prefix("--docs=")?.parse().ok());
        million(docs.unwrap_or(1_000_000));
        return;
    }
    let gold = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/eval/extraction/ground-truth.json")
        });
    ten_thousand(gold);
}
