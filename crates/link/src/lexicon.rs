//! The link stage's word lists (`lexicons/link_*.tsv`, `stopwords_en.txt`),
//! parsed once into maps keyed by word hashes.
//!
//! Keys are xxh3 hashes of lowercase words, so the hot paths look words up
//! without building a `String` per token; the maps use the hash itself as
//! the table hash ([`IdHasher`]), which xxh3 has already mixed.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use xxhash_rust::xxh3::xxh3_64;

use dossier_lexicon::LINK_CLASSES as CLASSES;
use dossier_lexicon::LINK_SYNONYMS as SYNONYMS;
pub use dossier_lexicon::LINK_USAGE as USAGE;
use dossier_lexicon::STOPWORDS_EN as STOPWORDS;

/// Passes a pre-mixed `u64` key through as its own hash.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// The hash that stands for a lowercase word everywhere in this crate.
pub fn word_hash(lower: &str) -> u64 {
    xxh3_64(lower.as_bytes())
}

/// Order-dependent combination of two hashes (bigram keys, n-gram shingles).
pub fn combine(h: u64, next: u64) -> u64 {
    // splitmix64's finaliser over a rotate-xor: cheap and avalanching.
    let mut z = h.rotate_left(23) ^ next.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub struct Lexicon {
    /// Word → its class representative (absent: the word is its own class)
    /// and whether it is a function word: one lookup per token.
    words: IdMap<(u64, bool)>,
    /// Word → synonyms with their hashes, most frequent first.
    synonyms: IdMap<Vec<(&'static str, u64)>>,
    /// Word → frequency rank (0 = most frequent), for words with synonyms:
    /// the thesaurus lists them in frequency order.
    ranks: IdMap<u32>,
    /// A word's hash, or `combine(first, second)` for a bigram → log2 of its
    /// count in units of 6.4 million (the bigram list's floor).
    usage: IdMap<i8>,
}

fn split_tab(line: &'static str, file: &str) -> (&'static str, &'static str) {
    line.split_once('\t')
        .unwrap_or_else(|| panic!("{file}: no tab in {line:?}"))
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut words: IdMap<(u64, bool)> = IdMap::default();
        for line in CLASSES.words() {
            let (rep, members) = split_tab(line, "link_classes.tsv");
            let rep = word_hash(rep);
            for m in members.split(' ') {
                words.insert(word_hash(m), (rep, false));
            }
        }
        for w in STOPWORDS.words().map(word_hash) {
            words.entry(w).or_insert((w, true)).1 = true;
        }
        let mut synonyms = IdMap::default();
        let mut ranks = IdMap::default();
        for (rank, line) in SYNONYMS.words().enumerate() {
            let (word, syns) = split_tab(line, "link_synonyms.tsv");
            let syns = syns.split(' ').map(|s| (s, word_hash(s))).collect();
            synonyms.insert(word_hash(word), syns);
            ranks.insert(word_hash(word), rank as u32);
        }
        let usage = USAGE
            .words()
            .map(|line| {
                let (entry, bucket) = split_tab(line, "link_usage.tsv");
                let key = match entry.split_once(' ') {
                    Some((a, b)) => combine(word_hash(a), word_hash(b)),
                    None => word_hash(entry),
                };
                let bucket = bucket
                    .parse()
                    .unwrap_or_else(|_| panic!("link_usage.tsv: bad count in {line:?}"));
                (key, bucket)
            })
            .collect();
        Lexicon {
            words,
            synonyms,
            ranks,
            usage,
        }
    }

    /// A word's class and whether it is a function word.
    pub fn word(&self, word: u64) -> (u64, bool) {
        self.words.get(&word).copied().unwrap_or((word, false))
    }

    pub fn class(&self, word: u64) -> u64 {
        self.word(word).0
    }

    pub fn is_stopword(&self, word: u64) -> bool {
        self.word(word).1
    }

    pub fn synonyms(&self, word: u64) -> &[(&'static str, u64)] {
        self.synonyms.get(&word).map_or(&[], Vec::as_slice)
    }

    /// Frequency rank among the words of the thesaurus; rarer words (and
    /// words without synonyms) rank `u32::MAX`.
    pub fn rank(&self, word: u64) -> u32 {
        self.ranks.get(&word).copied().unwrap_or(u32::MAX)
    }

    /// The reference's log2 count bucket for `first second`, `None` when the
    /// bigram is rarer than the reference's floor.
    pub fn bigram(&self, first: u64, second: u64) -> Option<i8> {
        self.usage.get(&combine(first, second)).copied()
    }

    /// The log2 count bucket of a word, `None` for words outside the
    /// reference.
    pub fn unigram(&self, word: u64) -> Option<i8> {
        self.usage.get(&word).copied()
    }
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_load() {
        let lex = lexicon();
        let h = word_hash;
        assert_eq!(lex.class(h("aid")), lex.class(h("help")));
        assert_eq!(lex.class(h("years")), lex.class(h("year")));
        assert!(lex.is_stopword(h("the")));
        assert!(lex.synonyms(h("threat")).iter().any(|s| s.0 == "menace"));
        assert!(lex.bigram(h("the"), h("threat")).is_some());
        assert!(lex.bigram(h("the"), h("menace")).is_none());
    }
}
