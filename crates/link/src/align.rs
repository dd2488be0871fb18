//! Passage alignment and verification of candidate pairs.
//!
//! As in passim: seeds are shared n-grams (here, pairs of consecutive
//! content-word classes inside a sentence), and each pair of sentences that
//! shares seeds is aligned locally (Smith–Waterman over word classes), so a
//! sentence that was reworded ("China could benefit …" / "China would
//! benefit …"), spun or cut short still aligns on its common part. Aligned
//! sentence pairs that follow each other in both texts merge into passages.
//! Verification then rejects pairs whose aligned material is too thin to be
//! copying — two independent reports that both name "Russian President
//! Vladimir Putin and North Korean leader Kim Jong Un" share a phrase, not a
//! source.

use std::ops::Range;

use serde::Serialize;

use crate::lexicon::{combine, IdMap};
use crate::normalize::{Doc, Token};

/// How one text reuses another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReuseKind {
    /// Nearly all of both texts align, nearly word for word (boilerplate,
    /// dropped or reordered sentences aside).
    Duplicate,
    /// Word-for-word passages inside otherwise different texts.
    Reuse,
    /// The aligned passages are reworded: synonyms swapped (spun copies),
    /// words changed, clauses cut.
    Paraphrase,
}

impl ReuseKind {
    /// The export contract's name for the kind.
    pub fn name(self) -> &'static str {
        match self {
            ReuseKind::Duplicate => "duplicate",
            ReuseKind::Reuse => "reuse",
            ReuseKind::Paraphrase => "paraphrase",
        }
    }
}

/// A verified link between two texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// The share of both texts' tokens that align to a matching token of the
    /// other (1.0 for identical texts).
    pub similarity: f64,
    /// Aligned passages as byte ranges `(in a, in b)`, in `a`'s order.
    pub passages: Vec<(Range<usize>, Range<usize>)>,
    pub kind: ReuseKind,
}

/// Sentences longer than this are aligned in pieces (bounds the
/// Smith–Waterman table for texts without punctuation).
const PIECE: usize = 60;
/// A seed shared by more sentences of `b` than this is a formula, not a seed.
const SEED_MAX_SENTENCES: usize = 8;
/// A sentence pair is aligned when its local alignment matches at least this
/// many content words …
const PAIR_MIN_CONTENT: usize = 4;
/// … and at least this share of the longer side of the aligned region.
const PAIR_MIN_DENSITY: f64 = 0.6;
/// A short sentence (fewer than [`PAIR_MIN_CONTENT`] content words) aligns
/// when at least this many content words, all it has on both sides, match
/// at this density; such a pair only extends a lifted passage.
const SHORT_PAIR_MIN_CONTENT: usize = 2;
const SHORT_PAIR_MIN_DENSITY: f64 = 0.8;
/// Verification: a link needs this many matched content words in all …
const LINK_MIN_CONTENT: usize = 24;
/// … spread over at least this many sentence pairs …
const LINK_MIN_PAIRS: usize = 2;
/// … and covering this share of the shorter text, unless the matched
/// material alone is long enough to be a reused passage.
const LINK_MIN_COVER: f64 = 0.2;
const LINK_LONG_PASSAGE: usize = 60;
/// … or one passage (aligned sentence pairs following each other in both
/// texts) of at least this many sentence pairs and matched content words:
/// two or three sentences lifted into an otherwise unrelated article.
/// Set with `dossier eval passages` on its development pool (two-sentence
/// lifts found: 0.64 at 12, 0.59 at 14, 0.56 at 16); at 12 and at 14 `eval
/// provenance` makes one false link among 3,026 (two generated texts), at 16
/// none.
const PASSAGE_MIN_PAIRS: usize = 2;
const PASSAGE_MIN_CONTENT: usize = 14;
/// Aligned tokens identical in surface form, below which a link is a
/// paraphrase.
const VERBATIM: f64 = 0.95;
/// Coverage of the more-covered text and of the less-covered one that make
/// a duplicate.
const DUPLICATE_MAX_COVER: f64 = 0.9;
const DUPLICATE_MIN_COVER: f64 = 0.5;

pub fn align(a: &str, b: &str) -> Option<Alignment> {
    align_docs(&Doc::new(a), &Doc::new(b))
}

/// One aligned sentence pair: token ranges in both texts and counts.
#[derive(Debug, Clone)]
struct Pair {
    a: Range<usize>,
    b: Range<usize>,
    matched: usize,
    content: usize,
    identical: usize,
    /// A short sentence matched whole (fewer than [`PAIR_MIN_CONTENT`]
    /// content words): it extends a lifted passage but is no evidence alone.
    short: bool,
}

/// [`align`] for documents already normalised (the link loop normalises each
/// text once for its signature and its alignments).
pub fn align_docs(a: &Doc, b: &Doc) -> Option<Alignment> {
    let pieces_a = pieces(a);
    let pieces_b = pieces(b);
    let mut seeds: IdMap<Vec<u32>> = IdMap::default();
    for (j, piece) in pieces_b.iter().enumerate() {
        for key in seed_keys(&b.tokens[piece.clone()]) {
            let list = seeds.entry(key).or_default();
            if list.last() != Some(&(j as u32)) {
                list.push(j as u32);
            }
        }
    }
    let mut pairs = Vec::new();
    let mut shared: IdMap<u32> = IdMap::default();
    for piece in &pieces_a {
        shared.clear();
        let keys = seed_keys(&a.tokens[piece.clone()]);
        for key in &keys {
            if let Some(list) = seeds.get(key).filter(|l| l.len() <= SEED_MAX_SENTENCES) {
                for &j in list {
                    *shared.entry(j as u64).or_default() += 1;
                }
            }
        }
        for (&j, &n) in &shared {
            let piece_b = &pieces_b[j as usize];
            let short = keys.len().min(piece_b.len()) <= 3;
            if n >= 2 || (short && n >= 1) {
                if let Some(p) = local_alignment(a, piece.clone(), b, piece_b.clone()) {
                    pairs.push(p);
                }
            }
        }
    }
    // Best pairs first; a pair is kept when neither side overlaps a kept
    // pair (a sentence split in two in the other text keeps both halves).
    pairs.sort_by(|x, y| y.matched.cmp(&x.matched).then(x.a.start.cmp(&y.a.start)));
    let (mut used_a, mut used_b) = (vec![false; a.tokens.len()], vec![false; b.tokens.len()]);
    pairs.retain(|p| {
        let free = !used_a[p.a.clone()].contains(&true) && !used_b[p.b.clone()].contains(&true);
        if free {
            used_a[p.a.clone()].fill(true);
            used_b[p.b.clone()].fill(true);
        }
        free
    });
    verify(a, b, pairs)
}

fn verify(a: &Doc, b: &Doc, mut pairs: Vec<Pair>) -> Option<Alignment> {
    let full = || pairs.iter().filter(|p| !p.short);
    let content: usize = full().map(|p| p.content).sum();
    let full_pairs = full().count();
    let matched: usize = pairs.iter().map(|p| p.matched).sum();
    let len_a: usize = pairs.iter().map(|p| p.a.len()).sum();
    let len_b: usize = pairs.iter().map(|p| p.b.len()).sum();
    let cover_a = len_a as f64 / alignable(a) as f64;
    let cover_b = len_b as f64 / alignable(b) as f64;
    let (low, high) = (cover_a.min(cover_b), cover_a.max(cover_b));
    let covered = high >= LINK_MIN_COVER || matched >= LINK_LONG_PASSAGE;
    pairs.sort_by_key(|p| p.a.start);
    let spread = content >= LINK_MIN_CONTENT && full_pairs >= LINK_MIN_PAIRS && covered;
    if !spread && !has_lifted_passage(a, b, &pairs) {
        return None;
    }
    let identical: usize = pairs.iter().map(|p| p.identical).sum();
    let verbatim = 2.0 * identical as f64 / (len_a + len_b) as f64;
    let kind = if verbatim < VERBATIM {
        ReuseKind::Paraphrase
    } else if high >= DUPLICATE_MAX_COVER && low >= DUPLICATE_MIN_COVER {
        ReuseKind::Duplicate
    } else {
        ReuseKind::Reuse
    };
    let mut passages: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut last: Option<&Pair> = None;
    for p in &pairs {
        let (sa, sb) = (a.span(p.a.clone()), b.span(p.b.clone()));
        match (last, passages.last_mut()) {
            (Some(l), Some((pa, pb)))
                if follows(a, l.a.end, p.a.start) && follows(b, l.b.end, p.b.start) =>
            {
                pa.end = sa.end;
                pb.end = sb.end;
            }
            _ => passages.push((sa, sb)),
        }
        last = Some(p);
    }
    Some(Alignment {
        similarity: (2.0 * matched as f64 / (a.tokens.len() + b.tokens.len()) as f64).min(1.0),
        passages,
        kind,
    })
}

/// Whether `pairs` (in `a`'s order) hold one run of at least
/// `PASSAGE_MIN_PAIRS` pairs following each other in both texts, with at
/// least `PASSAGE_MIN_CONTENT` matched content words.
fn has_lifted_passage(a: &Doc, b: &Doc, pairs: &[Pair]) -> bool {
    let (mut run_pairs, mut run_content, mut run_full) = (0, 0, 0);
    for (i, p) in pairs.iter().enumerate() {
        let continues = i > 0 && {
            let l = &pairs[i - 1];
            follows(a, l.a.end, p.a.start) && follows(b, l.b.end, p.b.start)
        };
        if !continues {
            (run_pairs, run_content, run_full) = (0, 0, 0);
        }
        run_pairs += 1;
        run_content += p.content;
        run_full += usize::from(!p.short);
        if run_pairs >= PASSAGE_MIN_PAIRS && run_full > 0 && run_content >= PASSAGE_MIN_CONTENT {
            return true;
        }
    }
    false
}

/// Tokens in sentences with enough content words to align: coverage is
/// measured against these, so headings and one-line captions neither make
/// a copy less of a duplicate nor count as unaligned text.
fn alignable(doc: &Doc) -> usize {
    let n: usize = pieces(doc)
        .into_iter()
        .filter(|p| doc.tokens[p.clone()].iter().filter(|t| !t.stop).count() >= PAIR_MIN_CONTENT)
        .map(|p| p.len())
        .sum();
    n.max(1)
}

/// Whether an aligned run starting at token `next` continues one that ended
/// at token `end` (at most one short unaligned sentence between them).
fn follows(doc: &Doc, end: usize, next: usize) -> bool {
    next >= end && next - end <= 12 && (next == end || doc.tokens[end..next].len() < 12)
}

/// Sentences, with long ones cut into pieces of at most `PIECE` tokens.
fn pieces(doc: &Doc) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    for s in &doc.sentences {
        let mut start = s.start;
        while start < s.end {
            let end = (start + PIECE).min(s.end);
            out.push(start..end);
            start = end;
        }
    }
    out
}

/// Seeds of one sentence: hashes of consecutive content-word class pairs
/// (a lone content word when there is only one).
fn seed_keys(tokens: &[Token]) -> Vec<u64> {
    let content: Vec<u64> = tokens.iter().filter(|t| !t.stop).map(|t| t.class).collect();
    if content.len() == 1 {
        return content;
    }
    content.windows(2).map(|w| combine(w[0], w[1])).collect()
}

const MATCH: i32 = 2;
const MISMATCH: i32 = -1;
const GAP: i32 = -1;

/// Smith–Waterman over word classes between two pieces; the best-scoring
/// local alignment, if it is dense enough to count.
fn local_alignment(a: &Doc, ra: Range<usize>, b: &Doc, rb: Range<usize>) -> Option<Pair> {
    let (ta, tb) = (&a.tokens[ra.clone()], &b.tokens[rb.clone()]);
    let (n, m) = (ta.len(), tb.len());
    let w = m + 1;
    let mut score = vec![0i32; (n + 1) * w];
    let mut best = (0, 0, 0);
    for i in 1..=n {
        for j in 1..=m {
            let diag = score[(i - 1) * w + j - 1]
                + if ta[i - 1].class == tb[j - 1].class {
                    MATCH
                } else {
                    MISMATCH
                };
            let s = diag
                .max(score[(i - 1) * w + j] + GAP)
                .max(score[i * w + j - 1] + GAP)
                .max(0);
            score[i * w + j] = s;
            if s > best.0 {
                best = (s, i, j);
            }
        }
    }
    let (_, mut i, mut j) = best;
    let (end_a, end_b) = (i, j);
    let (mut matched, mut content, mut identical) = (0, 0, 0);
    while i > 0 && j > 0 && score[i * w + j] > 0 {
        let s = score[i * w + j];
        let (x, y) = (&ta[i - 1], &tb[j - 1]);
        let step = if x.class == y.class { MATCH } else { MISMATCH };
        if s == score[(i - 1) * w + j - 1] + step {
            if x.class == y.class {
                matched += 1;
                content += usize::from(!x.stop);
                identical += usize::from(x.word == y.word);
            }
            (i, j) = (i - 1, j - 1);
        } else if s == score[(i - 1) * w + j] + GAP {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    let longer = (end_a - i).max(end_b - j);
    let content_of = |t: &[Token]| t.iter().filter(|t| !t.stop).count();
    // A short sentence counts only when all of its content words, on both
    // sides, are matched, densely.
    let short = content < PAIR_MIN_CONTENT
        && content >= SHORT_PAIR_MIN_CONTENT
        && content == content_of(ta)
        && content == content_of(tb)
        && matched as f64 >= SHORT_PAIR_MIN_DENSITY * longer as f64;
    ((content >= PAIR_MIN_CONTENT && matched as f64 >= PAIR_MIN_DENSITY * longer as f64) || short)
        .then(|| Pair {
            a: ra.start + i..ra.start + end_a,
            b: rb.start + j..rb.start + end_b,
            matched,
            content,
            identical,
            short,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "The defence ministry said on Tuesday that the new air base would open next spring.\n\
        Officials expect two squadrons of fighter jets to be stationed there permanently.\n\
        Local farmers have protested against the noise and the loss of grazing land for months.\n\
        The regional governor promised compensation but gave no figures or dates.\n";

    #[test]
    fn identical_texts_are_duplicates() {
        let al = align(STORY, STORY).expect("linked");
        assert_eq!(al.kind, ReuseKind::Duplicate);
        assert!((al.similarity - 1.0).abs() < 1e-9);
        // One passage from the first word to the last.
        let end = STORY.trim_end().len() - 1;
        assert_eq!(al.passages, [(0..end, 0..end)]);
    }

    #[test]
    fn reworded_sentences_align_as_paraphrase() {
        let b = STORY
            .replace("said", "stated")
            .replace("new air", "novel air")
            .replace("expect", "anticipate")
            .replace("stationed there", "posted there")
            .replace("protested", "demonstrated")
            .replace("for months", "for ages")
            .replace("promised", "pledged")
            .replace("gave no", "offered no");
        let al = align(STORY, &b).expect("linked");
        assert_eq!(al.kind, ReuseKind::Paraphrase);
        assert!(al.similarity > 0.7, "{al:?}");
    }

    #[test]
    fn two_lifted_sentences_in_unrelated_text_are_reuse() {
        let lifted = "Officials expect two squadrons of fighter jets to be stationed there permanently. \
             Local farmers have protested against the noise and the loss of grazing land for months.";
        let host = format!(
            "A storm closed every school in the valley and cut power to thousands of homes. \
             Rescue teams searched flooded roads for stranded drivers overnight.\n\n{lifted}\n\n\
             The weather service expects more rain on Friday, with rivers already near their banks. \
             Schools will stay closed until the roads are cleared, the district said. \
             Volunteers filled sandbags outside the town hall through the night. \
             Insurers said claims were arriving faster than after any storm in a decade."
        );
        let al = align(STORY, &host).expect("linked");
        assert_eq!(al.kind, ReuseKind::Reuse);
        assert_eq!(al.passages.len(), 1);
        assert_eq!(
            &host[al.passages[0].1.clone()],
            lifted.trim_end_matches('.')
        );
    }

    #[test]
    fn a_shared_phrase_is_not_a_link() {
        let a = "Russian President Vladimir Putin and North Korean leader Kim Jong Un met in Pyongyang. \
                 Markets barely moved.";
        let b = "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a treaty. \
                 Rain is expected tomorrow across the south.";
        assert_eq!(align(a, b), None);
    }

    /// A lifted passage of short sentences around one long one: the short
    /// ones, matched whole, make it a passage of three pairs; one short
    /// sentence shared alone links nothing.
    #[test]
    fn short_sentences_matched_whole_extend_a_lifted_passage() {
        let lifted = "The vote failed. Opposition deputies walked out of the chamber before the \
             second reading of the budget bill on pensions and regional subsidies. \
             Talks resume Monday.";
        let source = format!(
            "Farm prices fell for a third month as exporters cut orders. \
             Grain traders blamed a stronger currency and full silos.\n\n{lifted}\n\n\
             The central bank kept its main rate unchanged at its meeting."
        );
        let host = format!(
            "A storm closed every school in the valley and cut power to thousands of homes. \
             Rescue teams searched flooded roads for stranded drivers overnight.\n\n{lifted}\n\n\
             Volunteers filled sandbags outside the town hall through the night."
        );
        let al = align(&source, &host).expect("linked");
        assert_eq!(al.passages.len(), 1, "{al:?}");
        assert_eq!(
            &host[al.passages[0].1.clone()],
            lifted.trim_end_matches('.')
        );
        let other =
            "The vote failed. Rain is expected tomorrow across the south, forecasters said.";
        assert_eq!(align(&source, other), None);
    }
}
