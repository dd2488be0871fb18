//! Evaluation of the link stage on a generated, labelled corpus (see
//! [`corpus`]): candidate recall of several shingling settings, precision
//! and recall of verified links per kind of copy, agreement of link kinds,
//! and the spun flag.
//!
//! A link is correct when both documents belong to one family (a source and
//! its copies: two copies of one source do copy each other). Recall is
//! counted on the (source, copy) pairs the generator made.

pub mod corpus;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::time::Instant;

use rayon::prelude::*;

pub use corpus::{
    make_copy, spin, Babble, CopyKind, Corpus, OwnThesaurus, Rng, SwapStats, Thesaurus,
};
use dossier_link::spun_evidence_doc;
use dossier_link::Doc;
use dossier_link::{align_docs, ReuseKind};
use dossier_link::{link_batch, Link};
use dossier_link::{Index, Shingling, Signature};

/// The seed of the evaluation corpus.
pub const SEED: u64 = 20_240_620;

/// Article bodies of the extraction benchmark's ground truth
/// (`{"<hash>": {"articleBody": …}, …}`), in key order.
pub fn load_bodies(path: &std::path::Path) -> std::io::Result<Vec<String>> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let mut entries: Vec<(&String, &serde_json::Value)> = json
        .as_object()
        .map(|o| o.iter().collect())
        .unwrap_or_default();
    entries.sort_by_key(|e| e.0);
    Ok(entries
        .iter()
        .filter_map(|(_, v)| v.get("articleBody")?.as_str().map(String::from))
        .collect())
}

/// Counts for one row of a precision or recall table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub hit: usize,
    pub of: usize,
}

impl Count {
    pub fn rate(self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.hit as f64 / self.of as f64
        }
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3} ({}/{})", self.rate(), self.hit, self.of)
    }
}

/// Candidate search with one shingling setting, LSH bands only.
#[derive(Debug, Clone)]
pub struct CandidateRow {
    pub setting: String,
    pub recall: Vec<(CopyKind, Count)>,
    /// Candidate pairs, and how many are within one family: without
    /// verification, the rest would be false links.
    pub pairs: Count,
    /// The same after verification (alignment).
    pub verified_recall: Vec<(CopyKind, Count)>,
    pub verified: Count,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub docs: usize,
    pub swaps: SwapStats,
    pub candidates: Vec<CandidateRow>,
    /// The index as shipped (bands and sentence fingerprints).
    pub index_recall: Vec<(CopyKind, Count)>,
    pub index_pairs: Count,
    /// Verified links found per kind of copy.
    pub recall: Vec<(CopyKind, Count)>,
    pub precision: Count,
    pub precision_by_link_kind: Vec<(ReuseKind, Count)>,
    /// Per kind of copy: the link kinds reported for it.
    pub kinds: Vec<(CopyKind, Vec<(ReuseKind, usize)>)>,
    /// Spun flag: share flagged among sources (real articles, should be 0)
    /// and among copies of each kind.
    pub spun_sources: Count,
    pub spun_copies: Vec<(CopyKind, Count)>,
    /// Spun scores (min, quartiles, 95th percentile, max) by group.
    pub spun_scores: Vec<(String, [f64; 6])>,
    pub seconds: f64,
}

impl Report {
    pub fn recall_of(&self, kind: CopyKind) -> f64 {
        self.recall
            .iter()
            .find(|r| r.0 == kind)
            .map_or(0.0, |r| r.1.rate())
    }
}

fn settings() -> Vec<(String, Shingling)> {
    let s = |n, classes, stopwords, within_sentences| Shingling {
        n,
        classes,
        stopwords,
        within_sentences,
    };
    vec![
        ("words, 5-shingles (plain)".into(), Shingling::WORDS_5),
        ("words, 3-shingles".into(), s(3, false, true, true)),
        ("content words, 2-shingles".into(), s(2, false, false, true)),
        (
            "content classes, 3-shingles".into(),
            s(3, true, false, true),
        ),
        (
            "content classes, 2-shingles (default)".into(),
            Shingling::DEFAULT,
        ),
        (
            "content classes, 1-shingles".into(),
            s(1, true, false, true),
        ),
    ]
}

fn recall_by_kind(corpus: &Corpus, found: impl Fn(usize, usize) -> bool) -> Vec<(CopyKind, Count)> {
    CopyKind::ALL
        .iter()
        .map(|&kind| {
            let mut c = Count::default();
            for &(a, b, k) in &corpus.pairs {
                if k == kind {
                    c.of += 1;
                    c.hit += usize::from(found(a, b));
                }
            }
            (kind, c)
        })
        .collect()
}

fn family_pairs(corpus: &Corpus, pairs: &HashSet<(usize, usize)>) -> Count {
    Count {
        hit: pairs
            .iter()
            .filter(|(a, b)| corpus.family[*a] == corpus.family[*b])
            .count(),
        of: pairs.len(),
    }
}

pub fn evaluate(corpus: &Corpus) -> Report {
    let start = Instant::now();
    let docs: Vec<Doc> = corpus.texts.par_iter().map(|t| Doc::new(t)).collect();

    let candidates = settings()
        .into_iter()
        .map(|(setting, shingling)| {
            let sigs: Vec<Signature> = docs
                .par_iter()
                .map(|d| Signature::with(d, shingling))
                .collect();
            let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
            let mut pairs: HashSet<(usize, usize)> = HashSet::new();
            for (i, sig) in sigs.iter().enumerate() {
                for key in sig.band_keys() {
                    let list = buckets.entry(key).or_default();
                    pairs.extend(list.iter().map(|&j| (j, i)));
                    list.push(i);
                }
            }
            let recall = recall_by_kind(corpus, |a, b| pairs.contains(&(a.min(b), a.max(b))));
            let verified: HashSet<(usize, usize)> = pairs
                .par_iter()
                .filter(|&&(a, b)| align_docs(&docs[a], &docs[b]).is_some())
                .copied()
                .collect();
            CandidateRow {
                setting,
                recall,
                pairs: family_pairs(corpus, &pairs),
                verified_recall: recall_by_kind(corpus, |a, b| {
                    verified.contains(&(a.min(b), a.max(b)))
                }),
                verified: family_pairs(corpus, &verified),
            }
        })
        .collect();

    let mut index = Index::new();
    let sigs: Vec<Signature> = docs.par_iter().map(Signature::new).collect();
    for (i, sig) in sigs.iter().enumerate() {
        index.insert(i as u64, sig);
    }
    let index_pairs: HashSet<(usize, usize)> = sigs
        .iter()
        .enumerate()
        .flat_map(|(i, sig)| {
            index
                .candidates(sig)
                .into_iter()
                .map(|j| j as usize)
                .filter(move |&j| j < i)
                .map(move |j| (j, i))
        })
        .collect();
    let index_recall = recall_by_kind(corpus, |a, b| index_pairs.contains(&(a.min(b), a.max(b))));

    let batch: Vec<(u64, &str)> = corpus
        .texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i as u64, t.as_str()))
        .collect();
    let (_, links) = link_batch(&mut Index::new(), &batch, |_| None::<&str>);
    let link_of: HashMap<(usize, usize), &Link> = links
        .iter()
        .map(|l| (((l.a.min(l.b)) as usize, l.a.max(l.b) as usize), l))
        .collect();
    let recall = recall_by_kind(corpus, |a, b| link_of.contains_key(&(a.min(b), a.max(b))));
    let correct = |l: &Link| corpus.family[l.a as usize] == corpus.family[l.b as usize];
    let precision = Count {
        hit: links.iter().filter(|l| correct(l)).count(),
        of: links.len(),
    };
    let precision_by_link_kind = [
        ReuseKind::Duplicate,
        ReuseKind::Reuse,
        ReuseKind::Paraphrase,
    ]
    .into_iter()
    .map(|k| {
        let of_kind: Vec<&Link> = links.iter().filter(|l| l.alignment.kind == k).collect();
        let hit = of_kind.iter().filter(|l| correct(l)).count();
        (
            k,
            Count {
                hit,
                of: of_kind.len(),
            },
        )
    })
    .collect();
    let kinds = CopyKind::ALL
        .iter()
        .map(|&kind| {
            let mut counts: HashMap<ReuseKind, usize> = HashMap::new();
            for &(a, b, k) in &corpus.pairs {
                if let Some(l) = link_of.get(&(a.min(b), a.max(b))).filter(|_| k == kind) {
                    *counts.entry(l.alignment.kind).or_default() += 1;
                }
            }
            let mut counts: Vec<(ReuseKind, usize)> = counts.into_iter().collect();
            counts.sort_by_key(|c| std::cmp::Reverse(c.1));
            (kind, counts)
        })
        .collect();

    let evidence: Vec<(bool, f64)> = docs
        .par_iter()
        .map(|d| {
            let e = spun_evidence_doc(d);
            (e.spun, e.score)
        })
        .collect();
    let spun: Vec<bool> = evidence.iter().map(|e| e.0).collect();
    let quartiles = |ids: &mut dyn Iterator<Item = usize>| {
        crate::metrics::quantiles(
            ids.map(|i| evidence[i].1).collect(),
            [0.0, 0.25, 0.5, 0.75, 0.95, 1.0],
        )
    };
    let mut spun_scores = vec![(
        "source articles".to_string(),
        quartiles(&mut corpus.originals.iter().copied()),
    )];
    for kind in [
        CopyKind::Exact,
        CopyKind::Spun20,
        CopyKind::Spun40,
        CopyKind::Paraphrase,
    ] {
        let mut ids = corpus.pairs.iter().filter(|p| p.2 == kind).map(|p| p.1);
        spun_scores.push((kind.name().to_string(), quartiles(&mut ids)));
    }
    let spun_sources = Count {
        hit: corpus.originals.iter().filter(|&&i| spun[i]).count(),
        of: corpus.originals.len(),
    };
    let spun_copies = recall_by_kind(corpus, |_, b| spun[b]);

    Report {
        docs: corpus.texts.len(),
        swaps: corpus.swaps,
        candidates,
        index_recall,
        index_pairs: family_pairs(corpus, &index_pairs),
        recall,
        precision,
        precision_by_link_kind,
        kinds,
        spun_sources,
        spun_copies,
        spun_scores,
        seconds: start.elapsed().as_secs_f64(),
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents: {}   time: {:.1} s", self.docs, self.seconds)?;
        let s = &self.swaps;
        writeln!(
            f,
            "spinner: {} swaps over {} content words; {:.1}% stay inside one word class",
            s.swaps,
            s.content,
            100.0 * s.in_class as f64 / s.swaps.max(1) as f64
        )?;
        let header = |f: &mut fmt::Formatter<'_>, title: &str| -> fmt::Result {
            writeln!(f, "\n{title}")?;
            write!(f, "{:<40}", "shingles")?;
            for k in CopyKind::ALL {
                write!(f, " {:>9}", short(k))?;
            }
            writeln!(f, "  pairs (share true)")
        };
        let row =
            |f: &mut fmt::Formatter<'_>, name: &str, recall: &[(CopyKind, Count)], pairs: Count| {
                write!(f, "{name:<40}")?;
                for (_, c) in recall {
                    write!(f, " {:>9.3}", c.rate())?;
                }
                writeln!(f, "  {} ({:.3})", pairs.of, pairs.rate())
            };
        header(
            f,
            "candidate recall, LSH bands only (32 bands x 4 rows of 128 MinHash values):",
        )?;
        for r in &self.candidates {
            row(f, &r.setting, &r.recall, r.pairs)?;
        }
        row(
            f,
            "index (default + sentence fingerprints)",
            &self.index_recall,
            self.index_pairs,
        )?;
        header(f, "the same candidates after verification (alignment):")?;
        for r in &self.candidates {
            row(f, &r.setting, &r.verified_recall, r.verified)?;
        }
        writeln!(f, "\nverified links: precision {}", self.precision)?;
        for (k, c) in &self.precision_by_link_kind {
            writeln!(
                f,
                "  precision of {:<10} links {}",
                format!("{k:?}").to_lowercase(),
                c
            )?;
        }
        writeln!(
            f,
            "{:<24} {:>22}  {:<12} {:>18}  link kinds",
            "kind of copy", "recall", "expected", "flagged spun"
        )?;
        for (((kind, c), (_, kinds)), (_, spun)) in
            self.recall.iter().zip(&self.kinds).zip(&self.spun_copies)
        {
            let kinds: Vec<String> = kinds
                .iter()
                .map(|(k, n)| format!("{k:?} {n}").to_lowercase())
                .collect();
            writeln!(
                f,
                "{:<24} {:>22}  {:<12} {:>18}  {}",
                kind.name(),
                c.to_string(),
                format!("{:?}", kind.expected()).to_lowercase(),
                spun.to_string(),
                kinds.join(", ")
            )?;
        }
        writeln!(
            f,
            "spun flag on the source articles (false positives): {}",
            self.spun_sources
        )?;
        writeln!(f, "spun score (min, q1, median, q3, p95, max):")?;
        for (group, q) in &self.spun_scores {
            let q: Vec<String> = q.iter().map(|x| format!("{x:.2}")).collect();
            writeln!(f, "  {group:<22} {}", q.join("  "))?;
        }
        Ok(())
    }
}

fn short(k: CopyKind) -> &'static str {
    match k {
        CopyKind::Exact => "exact",
        CopyKind::Boilerplate => "boilerpl",
        CopyKind::Dropped => "dropped",
        CopyKind::Reordered => "reorder",
        CopyKind::Passage => "passage",
        CopyKind::Spun20 => "spun20",
        CopyKind::Spun40 => "spun40",
        CopyKind::Paraphrase => "paraphr",
    }
}
