//! Spun-text detection against real human-written news and spun copies of
//! it (`dossier eval spun`).
//!
//! - **False alarms**: the share of human-written articles flagged, per
//!   1,000, on the development pool and on the held-out pool
//!   ([`crate::human`]).
//! - **Recall**: copies of the same articles spun at 20 % and 40 % of their
//!   content words, by two spinners: one drawing on the detector's own
//!   thesaurus (`lexicons/link_synonyms.tsv`), and one drawing on a
//!   thesaurus the detector never saw — Aiksaurus's word list (derived from
//!   Grady Ward's Moby Thesaurus, Debian package `libaiksaurus-1.2-data`,
//!   GPL, read from `/usr/share/aiksaurus` at run time, never copied).
//!
//! Copies are made in Rust with a fixed seed per article, so every run
//! gives the same figures.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use rayon::prelude::*;

use crate::human::{HumanText, Pools, DEV_NAME, HELDOUT_NAME};
use crate::provenance::{spin, Count, OwnThesaurus, Rng, SwapStats, Thesaurus};
use dossier_link::lexicon::combine;
use dossier_link::spun_evidence;

/// The seed of the spun copies.
pub const SEED: u64 = 20_261_207;
/// Copies are made of articles with at least this many words: a spinner's
/// customer rewrites articles, not captions.
const COPY_MIN_WORDS: usize = 150;

/// Aiksaurus's thesaurus: `words.dat` (per word: its name, NUL, big-endian
/// u16 meaning numbers, 0xFFFF) and `meanings.dat` (per meaning: u16 word
/// numbers, 0xFFFF). Multi-word entries (`give:up`) are left out; a
/// spinner swaps one word for one word here.
pub struct Aiksaurus {
    synonyms: HashMap<String, Vec<String>>,
}

impl Aiksaurus {
    pub fn load(dir: &Path) -> Result<Aiksaurus, String> {
        let read = |name: &str| {
            std::fs::read(dir.join(name)).map_err(|e| {
                format!(
                    "cannot read {}: {e} (the independent spinner's thesaurus is Debian's \
                     libaiksaurus-1.2-data: `apt-get install libaiksaurus-1.2-data`, or pass \
                     --thesaurus DIR)",
                    dir.join(name).display()
                )
            })
        };
        let (words_dat, meanings_dat) = (read("words.dat")?, read("meanings.dat")?);
        let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map(|x| u16::from_be_bytes([x[0], x[1]]));
        let mut words: Vec<(String, Vec<u16>)> = Vec::new();
        let mut at = 0;
        while at < words_dat.len() {
            let end = at
                + words_dat[at..]
                    .iter()
                    .position(|&b| b == 0)
                    .ok_or("words.dat: a word without its NUL")?;
            let name = String::from_utf8_lossy(&words_dat[at..end]).to_lowercase();
            at = end + 1;
            let mut meanings = Vec::new();
            loop {
                let m = u16_at(&words_dat, at).ok_or("words.dat: truncated")?;
                at += 2;
                if m == u16::MAX {
                    break;
                }
                meanings.push(m);
            }
            words.push((name, meanings));
        }
        let mut meanings: Vec<Vec<u16>> = vec![Vec::new()];
        for chunk in meanings_dat.chunks_exact(2) {
            match u16::from_be_bytes([chunk[0], chunk[1]]) {
                u16::MAX => meanings.push(Vec::new()),
                w => meanings.last_mut().expect("one open").push(w),
            }
        }
        let mut synonyms: HashMap<String, Vec<String>> = HashMap::new();
        for (name, senses) in &words {
            if name.contains(':') {
                continue;
            }
            let mut list: Vec<String> = senses
                .iter()
                .filter_map(|&m| meanings.get(m as usize))
                .flatten()
                .filter_map(|&w| words.get(w as usize))
                .map(|w| w.0.clone())
                .filter(|w| !w.contains(':') && w != name)
                .collect();
            list.sort();
            list.dedup();
            if !list.is_empty() {
                synonyms.insert(name.clone(), list);
            }
        }
        if synonyms.is_empty() {
            return Err(format!("{}: no synonyms read", dir.display()));
        }
        Ok(Aiksaurus { synonyms })
    }

    pub fn len(&self) -> usize {
        self.synonyms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.synonyms.is_empty()
    }
}

impl Thesaurus for Aiksaurus {
    fn synonyms(&self, lower: &str) -> Vec<&str> {
        self.synonyms
            .get(lower)
            .map(|l| l.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

/// A flagged human-written article (a false alarm): its origin, score and
/// evidence as `"text" for "usual phrase"`.
#[derive(Debug, Clone)]
pub struct Flag {
    pub origin: String,
    pub score: f64,
    pub examples: Vec<String>,
}

/// Figures for one pool.
#[derive(Debug, Clone)]
pub struct PoolFigures {
    pub name: &'static str,
    pub articles: usize,
    pub flags: Vec<Flag>,
    /// (spinner, share of content words swapped, copies flagged).
    pub recall: Vec<(&'static str, f64, Count)>,
    /// Spun scores of the human articles: min, quartiles, p95, p99, max.
    pub human_scores: [f64; 7],
}

impl PoolFigures {
    pub fn per_thousand(&self) -> f64 {
        1000.0 * self.flags.len() as f64 / self.articles.max(1) as f64
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub dev: PoolFigures,
    pub heldout: PoolFigures,
    /// Known spinner output among the seeds: origin, flagged.
    pub spun_seeds: Vec<(String, bool)>,
    /// Distinct words the independent thesaurus has synonyms for.
    pub independent_words: usize,
}

const SHARES: [f64; 2] = [0.2, 0.4];

fn pool(
    name: &'static str,
    texts: &[HumanText],
    spinners: &[(&'static str, &dyn Thesaurus)],
) -> PoolFigures {
    let evidence: Vec<_> = texts.par_iter().map(|t| spun_evidence(&t.text)).collect();
    let flags = texts
        .iter()
        .zip(&evidence)
        .filter(|(_, e)| e.spun)
        .map(|(t, e)| Flag {
            origin: t.origin.clone(),
            score: e.score,
            examples: e
                .examples
                .iter()
                .map(|(r, usual)| format!("\"{}\" for \"{usual}\"", &t.text[r.clone()]))
                .collect(),
        })
        .collect();
    let human_scores = crate::metrics::quantiles(
        evidence.iter().map(|e| e.score).collect(),
        [0.0, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0],
    );
    let long: Vec<(usize, &HumanText)> = texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.text.split_whitespace().count() >= COPY_MIN_WORDS)
        .collect();
    let long = &long;
    let recall = spinners
        .iter()
        .flat_map(|&(spinner, thesaurus)| {
            SHARES.iter().map(move |&share| {
                let hit = long
                    .par_iter()
                    .filter(|(i, t)| {
                        let copy_key = 100 * *i as u64 + (share * 100.0) as u64;
                        let mut rng = Rng::new(combine(SEED, copy_key));
                        let copy = spin(
                            &t.text,
                            share,
                            thesaurus,
                            &mut rng,
                            &mut SwapStats::default(),
                        );
                        spun_evidence(&copy).spun
                    })
                    .count();
                (
                    spinner,
                    share,
                    Count {
                        hit,
                        of: long.len(),
                    },
                )
            })
        })
        .collect();
    PoolFigures {
        name,
        articles: texts.len(),
        flags,
        recall,
        human_scores,
    }
}

pub fn evaluate(pools: &Pools, independent: &Aiksaurus) -> Report {
    let spinners: [(&'static str, &dyn Thesaurus); 2] = [
        ("own thesaurus", &OwnThesaurus),
        ("Moby (Aiksaurus)", independent),
    ];
    Report {
        dev: pool(DEV_NAME, &pools.dev, &spinners),
        heldout: pool(HELDOUT_NAME, &pools.heldout, &spinners),
        spun_seeds: pools
            .spun_seeds
            .iter()
            .map(|t| (t.origin.clone(), spun_evidence(&t.text).spun))
            .collect(),
        independent_words: independent.len(),
    }
}

impl Report {
    /// The development pool's false alarms with their evidence (never the
    /// held-out pool's: it is not inspected while tuning).
    pub fn dev_errors(&self) -> String {
        let mut out = String::new();
        for f in &self.dev.flags {
            out += &format!(
                "  {} (score {:.2}): {}\n",
                f.origin,
                f.score,
                f.examples.join(", ")
            );
        }
        out
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "false spun flags on human-written articles, and recall on spun copies of them \
             (articles of {COPY_MIN_WORDS}+ words; independent thesaurus: {} words)",
            self.independent_words
        )?;
        write!(
            f,
            "{:<56} {:>8} {:>7} {:>9}",
            "pool", "articles", "flags", "per 1,000"
        )?;
        for (spinner, share, _) in &self.dev.recall {
            write!(f, "  {:>22}", format!("{spinner} {:.0}%", share * 100.0))?;
        }
        writeln!(f)?;
        for (label, p) in [("development", &self.dev), ("held-out", &self.heldout)] {
            write!(
                f,
                "{:<56} {:>8} {:>7} {:>9.1}",
                format!("{label}: {}", p.name),
                p.articles,
                p.flags.len(),
                p.per_thousand()
            )?;
            for (_, _, c) in &p.recall {
                write!(f, "  {:>22}", c.to_string())?;
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "spun score of the human articles (min, q1, median, q3, p95, p99, max):"
        )?;
        for (label, p) in [("development", &self.dev), ("held-out", &self.heldout)] {
            let q: Vec<String> = p.human_scores.iter().map(|x| format!("{x:.2}")).collect();
            writeln!(f, "  {label:<12} {}", q.join("  "))?;
        }
        for (origin, flagged) in &self.spun_seeds {
            writeln!(
                f,
                "known spinner output {origin}: {}",
                if *flagged { "flagged" } else { "missed" }
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A words.dat/meanings.dat pair in Aiksaurus's layout, written here.
    fn write_thesaurus(dir: &Path) {
        let mut words = Vec::new();
        for (name, meanings) in [("aid", vec![0u16]), ("help", vec![0]), ("give:up", vec![0])] {
            words.extend_from_slice(name.as_bytes());
            words.push(0);
            for m in meanings {
                words.extend_from_slice(&m.to_be_bytes());
            }
            words.extend_from_slice(&u16::MAX.to_be_bytes());
        }
        let mut meanings = Vec::new();
        for w in [0u16, 1, 2, u16::MAX] {
            meanings.extend_from_slice(&w.to_be_bytes());
        }
        std::fs::write(dir.join("words.dat"), words).unwrap();
        std::fs::write(dir.join("meanings.dat"), meanings).unwrap();
    }

    #[test]
    fn aiksaurus_files_give_one_word_synonyms() {
        let dir = std::env::temp_dir().join(format!("dossier-aiksaurus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write_thesaurus(&dir);
        let t = Aiksaurus::load(&dir).unwrap();
        assert_eq!(t.synonyms("aid"), ["help"]);
        assert_eq!(t.synonyms("help"), ["aid"]);
        assert!(t.synonyms("give:up").is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
        let missing = Aiksaurus::load(&dir).err().unwrap();
        assert!(
            missing.contains("apt-get install libaiksaurus-1.2-data"),
            "{missing}"
        );
    }
}
