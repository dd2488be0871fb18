//! Candidate search: MinHash signatures over shingles, LSH bands, and
//! indexes of long sentences and of short phrases for passages reused
//! inside other texts.
//!
//! Why several keys: a whole-document MinHash finds copies that share most of
//! their text (duplicates with new boilerplate, dropped or reordered
//! sentences, spun copies), but three paragraphs pasted into a longer story
//! leave the two documents' Jaccard similarity far below any usable LSH
//! threshold. Those are found by fingerprints of long sentences: two
//! documents sharing two such sentences are candidates. A retelling that
//! rewrites every sentence but keeps a clause of each shares no sentence;
//! it shares phrases (three content words), of which a sample by hash value
//! is indexed. Fingerprints and phrases that many documents share are
//! boilerplate ("Sign up for our newsletter …") and are ignored at query
//! time.

use std::ops::Range;

use crate::lexicon::{combine, IdMap};
use crate::normalize::Doc;

/// Hash functions per signature.
pub const PERMUTATIONS: usize = 128;
/// Rows per LSH band: a pair is a candidate when all rows of one band agree.
/// 32 bands of 4 put the 50% point of the S-curve at Jaccard ≈ 0.42.
pub const ROWS: usize = 4;
const BANDS: usize = PERMUTATIONS / ROWS;
/// A sentence gets a fingerprint when it has at least this many content
/// (non-function) words: shorter ones recur by chance.
const SENTENCE_MIN_CONTENT: usize = 6;
/// Sentence fingerprints and phrase keys shared by more documents than this
/// are boilerplate.
const SENTENCE_MAX_DOCS: u32 = 32;
/// Shared fingerprints (whole sentences or halves) that make two documents
/// candidates.
const SENTENCE_MIN_SHARED: u32 = 2;
/// Content words in a phrase key.
const PHRASE_WORDS: usize = 3;
/// One phrase in this many becomes a key, chosen by its hash, so two
/// documents keep the same phrases of what they share.
const PHRASE_SAMPLE: u64 = 4;
/// Shared phrase keys that make two documents candidates. Lowered from 3
/// with `dossier eval passages` (three lifted sentences found: development
/// 0.896 → 0.903, held-out 0.895 → 0.930, link precision 1.000 in both);
/// the alignment, not this count, decides a link.
const PHRASE_MIN_SHARED: u32 = 2;
/// At most this many candidates per query, bands and sentences together:
/// a templated text near-identical to thousands of others is aligned with
/// the same number of documents as any other, so every new document costs
/// a bounded number of alignments and copy families do not link with the
/// square of their size.
pub const MAX_CANDIDATES: usize = 64;
/// At most this many documents read from one band's bucket per query (the
/// latest indexed): a bucket that large is a family of near-identical
/// texts, already more than [`MAX_CANDIDATES`], so reading all of it would
/// only make the query cost grow with the family.
const BAND_MAX_READ: usize = 1024;

/// Which shingles a signature is computed from. The default was chosen by
/// `eval::evaluate` (see its report): word classes, so synonym swaps and
/// inflections often still match; function words dropped, so shingles are
/// content; pairs that never cross a sentence boundary, so reordering
/// sentences changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shingling {
    /// Tokens per shingle.
    pub n: usize,
    /// Hash word classes rather than the words themselves.
    pub classes: bool,
    /// Keep function words.
    pub stopwords: bool,
    /// Shingles stop at sentence boundaries.
    pub within_sentences: bool,
}

impl Shingling {
    pub const DEFAULT: Shingling = Shingling {
        n: 2,
        classes: true,
        stopwords: false,
        within_sentences: true,
    };
    /// The textbook setting: lowercase 5-word shingles over the whole text.
    pub const WORDS_5: Shingling = Shingling {
        n: 5,
        classes: false,
        stopwords: true,
        within_sentences: false,
    };

    /// Hashes of the document's shingles (with repeats; MinHash ignores them).
    pub fn shingles(&self, doc: &Doc, out: &mut Vec<u64>) {
        out.clear();
        let whole = 0..doc.tokens.len();
        let runs: &[Range<usize>] = if self.within_sentences {
            &doc.sentences
        } else {
            std::slice::from_ref(&whole)
        };
        let mut window: Vec<u64> = Vec::with_capacity(64);
        for run in runs {
            window.clear();
            window.extend(
                doc.tokens[run.clone()]
                    .iter()
                    .filter(|t| self.stopwords || !t.stop)
                    .map(|t| if self.classes { t.class } else { t.word }),
            );
            if window.is_empty() {
                continue;
            }
            let n = self.n.min(window.len());
            out.extend(
                window
                    .windows(n)
                    .map(|w| w.iter().fold(n as u64, |h, &x| combine(h, x))),
            );
        }
    }
}

/// The bin a densified slot borrows from on its `attempt`-th try: fixed per
/// (slot, attempt), so similar documents borrow alike.
fn borrow(slot: usize, attempt: u64) -> usize {
    (combine(slot as u64, attempt) % PERMUTATIONS as u64) as usize
}

/// A document's MinHash and the fingerprints of its long sentences.
///
/// The MinHash is one-permutation hashing with optimal densification
/// (Shrivastava, ICML 2017): each shingle hash picks one of `PERMUTATIONS`
/// bins by its top bits and competes for that bin's minimum with its low
/// bits; empty bins borrow from a bin chosen by a fixed hash sequence. The
/// collision probability per slot is the Jaccard similarity, as with
/// `PERMUTATIONS` independent permutations, at one hash per shingle instead
/// of 128. Serialisable,
/// so the store can keep it and rebuild the [`Index`] without re-reading
/// texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    mins: [u32; PERMUTATIONS],
    sentences: Vec<u64>,
    phrases: Vec<u64>,
}

/// Why bytes could not be read back as a [`Signature`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureError(&'static str);

impl std::fmt::Display for SignatureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad signature: {}", self.0)
    }
}

impl std::error::Error for SignatureError {}

const MAGIC: &[u8; 4] = b"DLS2";
/// The format before phrase keys: read with none, so a store made then
/// still links (its documents are found by bands and sentences only).
const MAGIC_WITHOUT_PHRASES: &[u8; 4] = b"DLS1";

impl Signature {
    pub fn new(doc: &Doc) -> Signature {
        Signature::with(doc, Shingling::DEFAULT)
    }

    /// A signature over other shingles (for measuring them; signatures made
    /// with different settings must not share an index).
    pub fn with(doc: &Doc, shingling: Shingling) -> Signature {
        let mut shingles = Vec::with_capacity(doc.tokens.len());
        shingling.shingles(doc, &mut shingles);
        shingles.sort_unstable();
        shingles.dedup();
        let mut bins = [u32::MAX; PERMUTATIONS];
        for &s in &shingles {
            let bin = (s >> (64 - PERMUTATIONS.trailing_zeros())) as usize;
            bins[bin] = bins[bin].min(s as u32);
        }
        let mut mins = bins;
        if !shingles.is_empty() {
            for (slot, m) in mins.iter_mut().enumerate().filter(|(_, m)| **m == u32::MAX) {
                let from = (0..)
                    .map(|attempt| borrow(slot, attempt))
                    .find(|&b| bins[b] != u32::MAX);
                *m = bins[from.expect("some bin is filled")];
            }
        }
        let keys = sentence_keys(doc);
        Signature {
            mins,
            sentences: keys.fingerprints,
            phrases: keys.phrases,
        }
    }

    /// The share of hash functions on which two signatures agree: an
    /// estimate of the Jaccard similarity of their shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / PERMUTATIONS as f64
    }

    /// `DLS2`, the count of hash values (u16), the values (u32), then the
    /// sentence fingerprints and the phrase keys, each as a count (u32) and
    /// the keys (u64), little-endian. (`DLS1` had no phrase keys.)
    pub fn to_bytes(&self) -> Vec<u8> {
        let keys = self.sentences.len() + self.phrases.len();
        let mut out = Vec::with_capacity(14 + 4 * PERMUTATIONS + 8 * keys);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(PERMUTATIONS as u16).to_le_bytes());
        for m in &self.mins {
            out.extend_from_slice(&m.to_le_bytes());
        }
        for list in [&self.sentences, &self.phrases] {
            out.extend_from_slice(&(list.len() as u32).to_le_bytes());
            for s in list {
                out.extend_from_slice(&s.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Signature, SignatureError> {
        let (rest, with_phrases) = match bytes.strip_prefix(MAGIC) {
            Some(rest) => (rest, true),
            None => (
                bytes
                    .strip_prefix(MAGIC_WITHOUT_PHRASES)
                    .ok_or(SignatureError("not a link signature"))?,
                false,
            ),
        };
        let (k, rest) = rest
            .split_at_checked(2)
            .ok_or(SignatureError("truncated"))?;
        if u16::from_le_bytes([k[0], k[1]]) as usize != PERMUTATIONS {
            return Err(SignatureError("made with another number of hash functions"));
        }
        let (mins_bytes, rest) = rest
            .split_at_checked(4 * PERMUTATIONS)
            .ok_or(SignatureError("truncated"))?;
        let mut mins = [0; PERMUTATIONS];
        for (m, b) in mins.iter_mut().zip(mins_bytes.chunks_exact(4)) {
            *m = u32::from_le_bytes(b.try_into().expect("4 bytes"));
        }
        let (sentences, rest) = read_keys(rest)?;
        let (phrases, rest) = if with_phrases {
            read_keys(rest)?
        } else {
            (Vec::new(), rest)
        };
        if !rest.is_empty() {
            return Err(SignatureError("wrong length"));
        }
        Ok(Signature {
            mins,
            sentences,
            phrases,
        })
    }

    /// A hash of the signature's content, which orders candidates that
    /// share as much with a query: the same documents win whatever order
    /// they were indexed in (an index number or a store key would depend
    /// on it).
    pub fn content_rank(&self) -> u64 {
        let mins = self
            .mins
            .iter()
            .fold(0x5eed, |h, &m| combine(h, u64::from(m)));
        self.sentences.iter().fold(mins, |h, &s| combine(h, s))
    }

    /// Band keys; none for a document without shingles, which would
    /// otherwise collide with every other empty document.
    pub fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        let bands = if self.mins[0] == u32::MAX { 0 } else { BANDS };
        self.mins
            .chunks_exact(ROWS)
            .take(bands)
            .enumerate()
            .map(|(band, rows)| rows.iter().fold(band as u64, |h, &r| combine(h, r as u64)))
    }
}

/// A count (u32) and that many keys (u64), and the bytes after them.
fn read_keys(bytes: &[u8]) -> Result<(Vec<u64>, &[u8]), SignatureError> {
    let (n, rest) = bytes
        .split_at_checked(4)
        .ok_or(SignatureError("truncated"))?;
    let n = u32::from_le_bytes(n.try_into().expect("4 bytes")) as usize;
    let (keys, rest) = rest
        .split_at_checked(n.checked_mul(8).ok_or(SignatureError("wrong length"))?)
        .ok_or(SignatureError("wrong length"))?;
    let keys = keys
        .chunks_exact(8)
        .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
        .collect();
    Ok((keys, rest))
}

/// Keys from each sentence's content words (one pass over them):
///
/// - *fingerprints* — hashes of the word-class sequences of sentences long
///   enough to be evidence of copying, and of the halves of their content
///   words;
/// - *phrases* — hashes of every run of [`PHRASE_WORDS`] consecutive content
///   words' classes, one in [`PHRASE_SAMPLE`] kept by value. What a
///   fingerprint misses — a retelling that keeps a clause or a quotation but
///   rewrites the rest of each sentence, a lifted passage with an edit in
///   each half of every sentence — still shares a few of these, and keeping
///   them by value, not by position, means two documents keep the same
///   sample of the phrases they share.
///
/// Both sorted and deduplicated.
struct SentenceKeys {
    fingerprints: Vec<u64>,
    phrases: Vec<u64>,
}

fn sentence_keys(doc: &Doc) -> SentenceKeys {
    let (mut fingerprints, mut phrases) = (Vec::new(), Vec::new());
    let mut content: Vec<u64> = Vec::new();
    for s in &doc.sentences {
        let tokens = &doc.tokens[s.clone()];
        content.clear();
        content.extend(tokens.iter().filter(|t| !t.stop).map(|t| t.class));
        phrases.extend(
            content
                .windows(PHRASE_WORDS)
                .map(|w| w.iter().fold(3, |h, &c| combine(h, c)))
                .filter(|h| h % PHRASE_SAMPLE == 0),
        );
        if content.len() < SENTENCE_MIN_CONTENT {
            continue;
        }
        fingerprints.push(tokens.iter().fold(0, |h, t| combine(h, t.class)));
        // Each half of its content words too, so a sentence lifted with a
        // word or two changed still shares the half its edits missed
        // (seeded apart from whole-sentence fingerprints).
        let (first, second) = content.split_at(content.len() / 2);
        fingerprints.push(first.iter().fold(1, |h, &c| combine(h, c)));
        fingerprints.push(second.iter().fold(2, |h, &c| combine(h, c)));
    }
    for keys in [&mut fingerprints, &mut phrases] {
        keys.sort_unstable();
        keys.dedup();
    }
    SentenceKeys {
        fingerprints,
        phrases,
    }
}

/// Lists of document numbers by key, in one arena: a head per key and a
/// `next` link per entry, 8 bytes an entry plus the head table — a million
/// documents' bands fit in a few hundred megabytes.
#[derive(Debug, Default)]
struct Postings {
    /// Key → (last entry, number of entries).
    heads: IdMap<(u32, u32)>,
    /// Entry → (document number, previous entry of the same key or NONE).
    entries: Vec<(u32, u32)>,
}

const NONE: u32 = u32::MAX;

impl Postings {
    fn insert(&mut self, key: u64, doc: u32) {
        let at = self.entries.len() as u32;
        let head = self.heads.entry(key).or_insert((NONE, 0));
        self.entries.push((doc, head.0));
        *head = (at, head.1 + 1);
    }

    fn count(&self, key: u64) -> u32 {
        self.heads.get(&key).map_or(0, |h| h.1)
    }

    fn docs(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.heads.get(&key).map_or(NONE, |h| h.0);
        std::iter::from_fn(move || {
            (at != NONE).then(|| {
                let (doc, prev) = self.entries[at as usize];
                at = prev;
                doc
            })
        })
    }
}

/// The LSH index: one postings table per band, one for sentence
/// fingerprints. Rebuilt from stored signatures by inserting them again
/// (about a microsecond per document); new documents are inserted and
/// queried without touching the others.
#[derive(Debug)]
pub struct Index {
    bands: Vec<Postings>,
    sentences: Postings,
    phrases: Postings,
    keys: Vec<u64>,
    /// Each document's [`Signature::content_rank`], by index number.
    ranks: Vec<u64>,
}

impl Default for Index {
    fn default() -> Index {
        Index::new()
    }
}

impl Index {
    pub fn new() -> Index {
        Index {
            bands: (0..BANDS).map(|_| Postings::default()).collect(),
            sentences: Postings::default(),
            phrases: Postings::default(),
            keys: Vec::new(),
            ranks: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Every indexed document's key, in insertion order.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn insert(&mut self, doc_key: u64, signature: &Signature) {
        let doc = u32::try_from(self.keys.len()).expect("fewer than 2^32 documents");
        self.keys.push(doc_key);
        self.ranks.push(signature.content_rank());
        for (band, key) in self.bands.iter_mut().zip(signature.band_keys()) {
            band.insert(key, doc);
        }
        for &s in &signature.sentences {
            self.sentences.insert(s, doc);
        }
        for &p in &signature.phrases {
            self.phrases.insert(p, doc);
        }
    }

    /// Keys of the documents that may copy or be copied by `signature`'s
    /// document (including its own key when it is in the index), sorted.
    pub fn candidates(&self, signature: &Signature) -> Vec<u64> {
        self.candidates_among(signature, |_| true)
    }

    /// Keys of the documents, among those whose key `keep` accepts, that
    /// may copy or be copied by `signature`'s document, sorted: those
    /// sharing a band, [`SENTENCE_MIN_SHARED`] fingerprints of sentences or
    /// [`PHRASE_MIN_SHARED`] phrase keys, each held by at most
    /// [`SENTENCE_MAX_DOCS`] documents; at most [`MAX_CANDIDATES`] of them,
    /// those sharing the most bands, fingerprints and phrases together
    /// first, ties broken by
    /// [`Signature::content_rank`] (then key). The cap is taken after
    /// `keep`, so documents the caller will not compare (the query itself,
    /// later documents of its batch) never take a place, and which
    /// documents fill it depends on what they share with the query, not on
    /// when they were indexed.
    pub fn candidates_among(&self, signature: &Signature, keep: impl Fn(u64) -> bool) -> Vec<u64> {
        let mut banded: Vec<u32> = Vec::new();
        for (band, key) in self.bands.iter().zip(signature.band_keys()) {
            banded.extend(band.docs(key).take(BAND_MAX_READ));
        }
        let shared = |keys: &[u64], postings: &Postings| -> Vec<u32> {
            let mut docs: Vec<u32> = keys
                .iter()
                .filter(|&&k| postings.count(k) <= SENTENCE_MAX_DOCS)
                .flat_map(|&k| postings.docs(k))
                .collect();
            docs.sort_unstable();
            docs
        };
        banded.sort_unstable();
        // (bands, fingerprints, phrases) shared per document: each list is
        // sorted, so one sort of their runs counts them.
        let runs = |docs: Vec<u32>, slot: usize| {
            docs.chunk_by(|a, b| a == b)
                .map(|run| {
                    let mut counts = [0u32; 3];
                    counts[slot] = run.len() as u32;
                    (run[0], counts)
                })
                .collect::<Vec<_>>()
        };
        let mut counts: Vec<(u32, [u32; 3])> = runs(banded, 0);
        counts.extend(runs(shared(&signature.sentences, &self.sentences), 1));
        counts.extend(runs(shared(&signature.phrases, &self.phrases), 2));
        counts.sort_unstable();
        let mut scored: Vec<(u32, u64, u64)> = counts
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                let mut total = [0u32; 3];
                for (_, c) in run {
                    for (t, c) in total.iter_mut().zip(c) {
                        *t += c;
                    }
                }
                (run[0].0, total)
            })
            .filter(|&(_, [bands, sentences, phrases])| {
                bands > 0 || sentences >= SENTENCE_MIN_SHARED || phrases >= PHRASE_MIN_SHARED
            })
            .map(|(doc, [bands, sentences, phrases])| {
                (
                    bands + sentences + phrases,
                    self.ranks[doc as usize],
                    self.keys[doc as usize],
                )
            })
            .filter(|&(_, _, key)| keep(key))
            .collect();
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut keys: Vec<u64> = scored
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(_, _, key)| key)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "The defence ministry said on Tuesday that the new air base would open next spring. \
        Officials expect two squadrons of fighter jets to be stationed there permanently. \
        Local farmers have protested against the noise and the loss of grazing land for months.";

    #[test]
    fn signatures_round_trip_through_bytes() {
        let sig = Signature::new(&Doc::new(TEXT));
        assert_eq!(Signature::from_bytes(&sig.to_bytes()), Ok(sig.clone()));
        assert!(Signature::from_bytes(b"DLS1").is_err());
        assert!(Signature::from_bytes(&sig.to_bytes()[..100]).is_err());
    }

    #[test]
    fn an_index_rebuilt_from_stored_signatures_answers_alike() {
        let texts = [TEXT, "A storm closed every school in the valley overnight."];
        let stored: Vec<Vec<u8>> = texts
            .iter()
            .map(|t| Signature::new(&Doc::new(t)).to_bytes())
            .collect();
        let mut index = Index::new();
        for (key, bytes) in stored.iter().enumerate() {
            index.insert(key as u64, &Signature::from_bytes(bytes).unwrap());
        }
        let query = Signature::new(&Doc::new(&format!("Share this article. {TEXT}")));
        assert_eq!(index.candidates(&query), [0]);
    }

    #[test]
    fn index_finds_copies_not_strangers() {
        let reordered: String = {
            let mut s: Vec<&str> = TEXT.split_inclusive(". ").collect();
            s.reverse();
            s.concat()
        };
        let other =
            "A storm closed every school in the valley and cut power to thousands of homes \
            while rescue teams searched flooded roads for stranded drivers overnight.";
        let mut index = Index::new();
        for (key, text) in [(1, TEXT), (2, other)] {
            index.insert(key, &Signature::new(&Doc::new(text)));
        }
        let sig = Signature::new(&Doc::new(&reordered));
        assert_eq!(index.candidates(&sig), [1]);
        assert!(sig.jaccard(&Signature::new(&Doc::new(TEXT))) > 0.9);
    }

    /// A templated family larger than the cap: each query gets at most
    /// `MAX_CANDIDATES` documents, and the same ones whatever order the
    /// family was indexed in (under any keys).
    #[test]
    fn the_candidate_cap_holds_and_ignores_indexing_order() {
        let words = [
            "harbour",
            "tariff",
            "senate",
            "drought",
            "pipeline",
            "embassy",
            "ceasefire",
            "uranium",
            "cotton",
            "railway",
            "satellite",
            "refinery",
        ];
        let member = |i: usize| {
            let (a, b) = (words[i % words.len()], words[i / words.len() % words.len()]);
            format!("{TEXT} The weekly bulletin on the {a} and the {b} is attached below.")
        };
        let family: Vec<Signature> = (0..3 * MAX_CANDIDATES)
            .map(|i| Signature::new(&Doc::new(&member(i))))
            .collect();
        let query = Signature::new(&Doc::new(&format!("{TEXT} Nothing else was announced.")));
        let found = |order: &mut dyn Iterator<Item = usize>| {
            let mut index = Index::new();
            for i in order {
                index.insert(1000 + i as u64, &family[i]);
            }
            index.candidates(&query)
        };
        let forward = found(&mut (0..family.len()));
        assert_eq!(forward.len(), MAX_CANDIDATES);
        assert_eq!(found(&mut (0..family.len()).rev()), forward);
        let interleaved = (0..family.len())
            .step_by(2)
            .chain((1..family.len()).step_by(2));
        assert_eq!(found(&mut interleaved.into_iter()), forward);
    }

    #[test]
    fn an_edited_lifted_sentence_still_shares_a_half() {
        let sentence =
            "The defence ministry said on Tuesday that the new air base would open next spring.";
        let edited =
            "The defence hospital said on Tuesday that the new air base would open next spring.";
        let (a, b) = (
            sentence_keys(&Doc::new(sentence)).fingerprints,
            sentence_keys(&Doc::new(edited)).fingerprints,
        );
        assert_eq!((a.len(), b.len()), (3, 3));
        let shared = a.iter().filter(|f| b.contains(f)).count();
        assert_eq!(shared, 1, "the half without the edit");
    }

    #[test]
    fn two_shared_long_sentences_make_a_candidate() {
        let host = format!(
            "Markets fell sharply across Asia after the central bank surprised investors. {TEXT} \
             Analysts said the decline could continue into next week as traders await data."
        );
        let source = format!(
            "{TEXT} {}",
            "Completely unrelated words fill the rest of this long article about gardening. "
                .repeat(20)
        );
        let mut index = Index::new();
        index.insert(7, &Signature::new(&Doc::new(&source)));
        assert_eq!(index.candidates(&Signature::new(&Doc::new(&host))), [7]);
    }

    #[test]
    fn signatures_stored_before_phrase_keys_still_read() {
        let sig = Signature::new(&Doc::new(TEXT));
        assert!(!sig.phrases.is_empty());
        let mut old = sig.to_bytes();
        old.truncate(old.len() - 4 - 8 * sig.phrases.len());
        old[..4].copy_from_slice(MAGIC_WITHOUT_PHRASES);
        let read = Signature::from_bytes(&old).unwrap();
        assert_eq!((read.mins, &read.sentences), (sig.mins, &sig.sentences));
        assert!(read.phrases.is_empty());
    }

    /// A retelling that keeps a clause of every sentence and rewrites the
    /// rest shares no band and no whole sentence or half, only phrases.
    #[test]
    fn a_retelling_that_keeps_clauses_is_a_candidate_by_its_phrases() {
        let source =
            "Officials confirmed the northern pipeline carrying natural gas toward coastal \
            refineries exploded near the border town early Monday. Witnesses described flames \
            rising above pine forests surrounding the damaged pumping station for several hours. \
            Engineers warned winter heating supplies across eastern provinces could fall sharply \
            before repairs finish. Prosecutors opened criminal proceedings against unnamed \
            saboteurs suspected of planting explosives beneath the concrete supports. The state \
            energy company promised emergency deliveries of liquefied fuel to hospitals and \
            schools within days. Neighbouring governments offered technical assistance and \
            spare compressor parts from their strategic reserves. Parliament will debate a \
            bill on Thursday tightening security around critical infrastructure, including \
            power lines, water treatment plants and undersea cables. Insurance analysts \
            estimated total losses above two billion euros, counting lost exports. The \
            opposition leader demanded the resignation of the interior minister, blaming \
            years of budget cuts for thin patrols along remote sections. Gas prices on \
            European exchanges jumped nine percent before easing during afternoon trading.";
        let retelling = "A blast struck late on the first day of the week: the northern pipeline \
            carrying natural gas toward coastal refineries, say ministers. Residents told radio \
            reporters about flames rising above pine forests surrounding the damaged pumping \
            station. Next month, experts fear, winter heating supplies across eastern provinces \
            could fall sharply. A case is now open, because prosecutors opened criminal \
            proceedings against unnamed saboteurs over the affair. Meanwhile emergency deliveries \
            of liquefied fuel to hospitals and schools were promised. Help came quickly: \
            neighbouring governments offered technical assistance and spare compressor parts \
            by Friday.";
        let stranger = "The football club announced a new coach after a disappointing season \
            in which the team lost eleven home matches and fans protested outside the stadium.";
        let retold = Signature::new(&Doc::new(retelling));
        let mut index = Index::new();
        index.insert(1, &Signature::new(&Doc::new(source)));
        index.insert(2, &Signature::new(&Doc::new(stranger)));
        assert_eq!(index.candidates(&retold), [1]);
        let without_phrases = Signature {
            phrases: Vec::new(),
            ..retold
        };
        assert!(index.candidates(&without_phrases).is_empty());
    }
}
