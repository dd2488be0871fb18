//! Passage reuse on real news (`dossier eval passages`): 2–4 consecutive
//! sentences lifted from one human-written article, lightly edited, and
//! pasted into another, unrelated one — the way a site lifts a paragraph of
//! a wire story into its own piece. Measures whether the link stage links
//! the two, with the lifted passage's span, and how many of its links are
//! wrong.
//!
//! For each pool ([`crate::human`]), articles are shuffled with a fixed seed
//! and paired: the first of each pair is a *source*, kept in the pile as
//! written; the second is a *host*, which enters the pile only with a
//! passage of its source pasted in (a *composite*). The pile is linked in
//! one batch, as `dossier analyze` links a new batch.
//!
//! - *Recall*: composites linked to their source, with aligned passages in
//!   the composite covering at least half of the pasted bytes; by the
//!   number of sentences lifted.
//! - *Link precision*: of the links a composite takes part in, those to its
//!   source or host or to a real copy of either (articles sharing five
//!   8-word shingles are one family: PolNeAR holds wire copies).
//! - *Span precision*: of the composite's bytes aligned to its source, the
//!   share inside the pasted passage.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use dossier_link::lexicon::combine;
use dossier_link::{link_batch, Index, Link};

use dossier_text::Doc;

use crate::human::{HumanText, Pools, DEV_NAME, HELDOUT_NAME};
use crate::provenance::{spin, Count, OwnThesaurus, Rng, SwapStats};

/// The seed of the lifts.
pub const SEED: u64 = 20_261_208;
/// Sentences lifted: 2, 3 or 4.
const LIFTS: [usize; 3] = [2, 3, 4];
/// A host or source needs this many sentences (a lift is a part of it).
const MIN_SENTENCES: usize = 8;
/// A hit needs aligned passages over this share of the pasted bytes.
const SPAN_MIN_COVER: f64 = 0.5;
/// Shingles held by more articles than this are boilerplate, not copying.
const FAMILY_SHINGLE_MAX_DOCS: usize = 20;

/// Light edits a re-user makes: a tenth of the content words swapped for
/// synonyms, modals changed, curly quotes straightened.
fn edit(sentence: &str, rng: &mut Rng) -> String {
    let mut s = spin(sentence, 0.1, &OwnThesaurus, rng, &mut SwapStats::default());
    for (from, to) in [
        (" will ", " would "),
        (" could ", " might "),
        (" says ", " said "),
    ] {
        if s.contains(from) && rng.chance(0.5) {
            s = s.replacen(from, to, 1);
        }
    }
    s.replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{2018}', '\u{2019}'], "'")
}

/// One generated composite.
#[derive(Debug, Clone)]
struct Lift {
    source: usize,
    host: usize,
    sentences: usize,
    /// The pasted passage's bytes in the composite.
    pasted: Range<usize>,
    composite: String,
}

/// A text's sentences, by the product's splitter (`dossier-text`'s `Doc`,
/// whose paragraphs are the text's lines), so a lift of n sentences is n
/// sentences of the article, not pieces of one cut at "Mr." or "Sen." (the
/// generated-copy corpus's simple splitter does).
fn sentences(text: &str) -> Vec<&str> {
    let doc = Doc::new(text);
    doc.sentences().iter().map(|s| s.span.of(text)).collect()
}

/// The pasted passage's text and the composite: the passage goes in as a
/// paragraph of its own at the host's middle paragraph break.
fn lift(source: &str, host: &str, n: usize, rng: &mut Rng) -> (String, Range<usize>) {
    let s = sentences(source);
    let start = rng.below(s.len() - n + 1);
    let passage: Vec<String> = s[start..start + n].iter().map(|t| edit(t, rng)).collect();
    let passage = passage.join(" ");
    let breaks: Vec<usize> = host.match_indices("\n\n").map(|(i, _)| i).collect();
    let mut at = breaks
        .get(breaks.len() / 2)
        .copied()
        .unwrap_or(host.len() / 2);
    while !host.is_char_boundary(at) {
        at -= 1;
    }
    let head = host[..at].trim_end();
    let tail = host[at..].trim_start();
    let begin = head.len() + 2;
    let composite = format!("{head}\n\n{passage}\n\n{tail}");
    (composite, begin..begin + passage.len())
}

/// Family labels: articles sharing at least five lowercase 8-word shingles
/// (none held by more than `FAMILY_SHINGLE_MAX_DOCS` articles) are one
/// family, transitively. Independent of the aligner.
fn families(texts: &[&str]) -> Vec<usize> {
    let mut holders: HashMap<u64, Vec<u32>> = HashMap::new();
    for (d, t) in texts.iter().enumerate() {
        let words: Vec<u64> = t
            .split_whitespace()
            .map(|w| dossier_link::lexicon::word_hash(&w.to_lowercase()))
            .collect();
        let mut keys: Vec<u64> = words
            .windows(8)
            .map(|w| w.iter().fold(0, |h, &x| combine(h, x)))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            holders.entry(k).or_default().push(d as u32);
        }
    }
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    for docs in holders
        .values()
        .filter(|d| d.len() <= FAMILY_SHINGLE_MAX_DOCS)
    {
        for (i, &a) in docs.iter().enumerate() {
            for &b in &docs[i + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut parent: Vec<usize> = (0..texts.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (&(a, b), &n) in &shared {
        if n >= 5 {
            let (ra, rb) = (root(&mut parent, a as usize), root(&mut parent, b as usize));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    (0..texts.len()).map(|x| root(&mut parent, x)).collect()
}

/// Figures for one pool.
#[derive(Debug, Clone)]
pub struct PoolFigures {
    pub name: &'static str,
    /// Documents in the linked pile (sources and composites).
    pub pile: usize,
    /// Composites whose source is among the candidate search's answers.
    pub candidates: Count,
    /// Links between real articles of different families (not scored).
    pub unlabelled: usize,
    /// By sentences lifted: composites found with their span.
    pub recall: Vec<(usize, Count)>,
    /// Links a composite takes part in, and those that are right.
    pub precision: Count,
    /// Aligned composite bytes inside the pasted passage (correct links).
    pub span_precision: f64,
}

fn covered(passage: &Range<usize>, spans: &[Range<usize>]) -> usize {
    spans
        .iter()
        .map(|s| {
            s.end
                .min(passage.end)
                .saturating_sub(s.start.max(passage.start))
        })
        .sum()
}

fn pool(name: &'static str, texts: &[HumanText]) -> PoolFigures {
    let mut rng = Rng::new(SEED);
    let mut usable: Vec<usize> = (0..texts.len())
        .filter(|&i| sentences(&texts[i].text).len() >= MIN_SENTENCES)
        .collect();
    rng.shuffle(&mut usable);
    let lifts: Vec<Lift> = usable
        .chunks_exact(2)
        .enumerate()
        .map(|(k, pair)| {
            let n = LIFTS[k % LIFTS.len()];
            let (composite, pasted) = lift(&texts[pair[0]].text, &texts[pair[1]].text, n, &mut rng);
            Lift {
                source: pair[0],
                host: pair[1],
                sentences: n,
                pasted,
                composite,
            }
        })
        .collect();
    let all: Vec<&str> = texts.iter().map(|t| t.text.as_str()).collect();
    let family = families(&all);
    // Pile keys: a source's key is its index in `texts`; a composite's is
    // `texts.len()` + its lift number.
    let mut pile: Vec<(u64, &str)> = lifts
        .iter()
        .map(|l| (l.source as u64, texts[l.source].text.as_str()))
        .collect();
    let base = texts.len() as u64;
    pile.extend(
        lifts
            .iter()
            .enumerate()
            .map(|(k, l)| (base + k as u64, l.composite.as_str())),
    );
    let mut index = Index::new();
    let (signatures, links) = link_batch(&mut index, &pile, |_| None::<&str>);
    let candidates = Count {
        hit: (0..lifts.len())
            .filter(|&k| {
                let found = index.candidates(&signatures[lifts.len() + k]);
                found.binary_search(&(lifts[k].source as u64)).is_ok()
            })
            .count(),
        of: lifts.len(),
    };
    // Links between two real articles of different families: shared
    // quotations or a common source, unlabelled; counted, not scored.
    let unlabelled = links
        .iter()
        .filter(|l| l.a < base && l.b < base && family[l.a as usize] != family[l.b as usize])
        .count();
    let mut of_composite: HashMap<usize, Vec<&Link>> = HashMap::new();
    for l in &links {
        for (me, _) in [(l.a, l.b), (l.b, l.a)] {
            if me >= base {
                of_composite
                    .entry((me - base) as usize)
                    .or_default()
                    .push(l);
            }
        }
    }
    let mut recall: Vec<(usize, Count)> = LIFTS.iter().map(|&n| (n, Count::default())).collect();
    let mut precision = Count::default();
    let (mut aligned, mut inside) = (0usize, 0usize);
    for (k, l) in lifts.iter().enumerate() {
        let me = base + k as u64;
        let mine = of_composite.get(&k).map_or(&[][..], Vec::as_slice);
        let mut hit = false;
        for link in mine {
            let other = if link.a == me { link.b } else { link.a };
            // Another composite is a copy of its own host and source.
            let other_families: Vec<usize> = if other >= base {
                let o = &lifts[(other - base) as usize];
                vec![family[o.source], family[o.host]]
            } else {
                vec![family[other as usize]]
            };
            let right = other_families
                .iter()
                .any(|&f| f == family[l.source] || f == family[l.host]);
            precision.of += 1;
            precision.hit += usize::from(right);
            if other == l.source as u64 {
                let spans: Vec<Range<usize>> = link
                    .alignment
                    .passages
                    .iter()
                    .map(|(pa, pb)| if link.a == me { pa.clone() } else { pb.clone() })
                    .collect();
                let cover = covered(&l.pasted, &spans);
                aligned += spans.iter().map(|s| s.len()).sum::<usize>();
                inside += cover;
                hit = cover as f64 >= SPAN_MIN_COVER * l.pasted.len() as f64;
            }
        }
        let row = &mut recall[LIFTS
            .iter()
            .position(|&n| n == l.sentences)
            .expect("a lift")];
        row.1.of += 1;
        row.1.hit += usize::from(hit);
    }
    PoolFigures {
        name,
        pile: pile.len(),
        candidates,
        unlabelled,
        recall,
        precision,
        span_precision: inside as f64 / aligned.max(1) as f64,
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub dev: PoolFigures,
    pub heldout: PoolFigures,
}

pub fn evaluate(pools: &Pools) -> Report {
    Report {
        dev: pool(DEV_NAME, &pools.dev),
        heldout: pool(HELDOUT_NAME, &pools.heldout),
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "passages of 2-4 sentences lifted (lightly edited) from one real article into \
             another; recall counts a link to the source whose passages cover half the \
             pasted bytes; candidates: the source among the candidate search's answers; \
             unlabelled: links between real articles of different families (shared quotations \
             or a common source, not scored)"
        )?;
        write!(f, "{:<60} {:>5}", "pool", "pile")?;
        for (n, _) in &self.dev.recall {
            write!(f, " {:>18}", format!("recall {n} sent."))?;
        }
        writeln!(
            f,
            " {:>22} {:>6} {:>20} {:>10}",
            "link precision", "span P", "candidates", "unlabelled"
        )?;
        for (label, p) in [("development", &self.dev), ("held-out", &self.heldout)] {
            write!(f, "{:<60} {:>5}", format!("{label}: {}", p.name), p.pile)?;
            for (_, c) in &p.recall {
                write!(f, " {:>18}", c.to_string())?;
            }
            writeln!(
                f,
                " {:>22} {:>6.3} {:>20} {:>10}",
                p.precision.to_string(),
                p.span_precision,
                p.candidates.to_string(),
                p.unlabelled
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lift_is_pasted_whole_between_host_paragraphs() {
        let source = "One sentence here. Two sentence here. Three sentence here. Four here.";
        let host = "Host opens.\n\nHost middle.\n\nHost ends.";
        let mut rng = Rng::new(1);
        let (composite, pasted) = lift(source, host, 2, &mut rng);
        assert!(composite.starts_with("Host opens.\n\n"), "{composite:?}");
        assert!(composite[pasted.clone()].ends_with('.'));
        assert_eq!(composite[pasted.clone()].matches(". ").count(), 1);
        assert_eq!(&composite[pasted.end..pasted.end + 2], "\n\n");
    }

    #[test]
    fn families_join_articles_sharing_long_shingles_only() {
        let wire = "the minister said on tuesday that talks on the new water accord would \
                    resume in geneva next month after a pause of two years";
        let other = "a storm closed every school in the valley and cut power to thousands";
        let copy = format!("Updated. {wire}");
        let f = families(&[wire, other, &copy]);
        assert_eq!(f[0], f[2]);
        assert_ne!(f[0], f[1]);
    }
}
