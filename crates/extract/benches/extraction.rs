//! Extraction throughput on one core: pages/s and MB/s over a folder of
//! pages, read and decoded beforehand so only extraction is timed.
//!
//! `cargo bench -p dossier-extract --bench extraction -- [DIR] [ROUNDS]`
//! (default DIR: ../shared/eval/extraction/html, ROUNDS: 20). Prints one
//! line of figures and a JSON line for scripts (`bench/extraction.sh`).

use std::path::PathBuf;
use std::time::Instant;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    // `cargo bench` passes `--bench`; ignore flags.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/eval/extraction/html"));
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(20);
    let inputs = dossier_sources::expand(&[&dir]).unwrap_or_else(|e| panic!("{e}"));
    let docs: Vec<_> = inputs
        .iter()
        .flat_map(|i| dossier_sources::read_input(i).docs)
        .collect();
    assert!(!docs.is_empty(), "no pages in {}", dir.display());
    let bytes: usize = docs.iter().map(|d| d.content.len()).sum();
    // Warm-up round (page faults, lazily loaded lexicons).
    let mut sink = 0usize;
    for d in &docs {
        sink += dossier_extract::extract(d).text.len();
    }
    let start = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            sink += dossier_extract::extract(d).text.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let pages = (docs.len() * rounds) as f64;
    let pages_per_s = pages / secs;
    let mb_per_s = (bytes * rounds) as f64 / secs / 1e6;
    let rss = peak_rss_kib().unwrap_or(0);
    println!(
        "dossier extraction: {} pages x {rounds} rounds, {:.1} MB of HTML per round: {pages_per_s:.0} pages/s, {mb_per_s:.1} MB/s on one core, peak RSS {:.1} MiB (checksum {sink})",
        docs.len(),
        bytes as f64 / 1e6,
        rss as f64 / 1024.0
    );
    println!(
        "{{\"pages\": {}, \"rounds\": {rounds}, \"pages_per_s\": {pages_per_s:.1}, \"mb_per_s\": {mb_per_s:.2}, \"peak_rss_mib\": {:.1}}}",
        docs.len(),
        rss as f64 / 1024.0
    );
}
