//! The words a stage's lexicons name, numbered: each word of an article is
//! looked up once, and the rules then compare numbers and read what the
//! stage keeps per number (the events' triggers and cues, the stances'
//! word roles).

use std::num::NonZeroU32;

use foldhash::HashMap;

/// The number of a word the lexicons name (from 1, so that an
/// `Option<WordId>` takes no more room than one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WordId(NonZeroU32);

impl WordId {
    /// Its place in a table with one entry per word, in numbering order.
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// Words numbered in the order first met.
///
/// Every word of every article is looked up here, so words short enough
/// (all, in practice) are keyed by their bytes packed into an integer,
/// which hashes and compares faster than a string.
#[derive(Debug, Default)]
pub struct Vocabulary {
    short: HashMap<u128, WordId>,
    long: HashMap<String, WordId>,
    /// The words, by number (for tests and checks of the lexicons).
    words: Vec<String>,
}

impl Vocabulary {
    /// The number of `word`, if it is in the vocabulary.
    pub fn id(&self, word: &str) -> Option<WordId> {
        match pack(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    /// The number of `word`, numbering it if new.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(id) = self.id(word) {
            return id;
        }
        let count = u32::try_from(self.words.len() + 1).expect("vocabulary fits u32");
        let id = WordId(NonZeroU32::new(count).expect("numbered from 1"));
        match pack(word) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(word.to_string(), id),
        };
        self.words.push(word.to_string());
        id
    }

    /// How many words are numbered.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Every word with its number (for checks of the lexicons).
    pub fn iter(&self) -> impl Iterator<Item = (&str, WordId)> {
        self.words.iter().enumerate().map(|(i, w)| {
            (
                w.as_str(),
                self.id(w).unwrap_or_else(|| unreachable!("{i}")),
            )
        })
    }
}

/// The longest word packed into a `u128`: its bytes, then its length in
/// the top byte (so that no two words share a key).
const PACKED_LEN: usize = 15;

fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let len = bytes.len();
    if len > PACKED_LEN {
        return None;
    }
    // Bytes 0..8 and 8..len as two little-endian integers, read with
    // overlapping loads rather than byte by byte: the packing runs for
    // every word of every article.
    let (lo, hi) = if len >= 8 {
        let hi = if len == 8 {
            0
        } else {
            le_u64(&bytes[len - 8..]) >> (8 * (16 - len))
        };
        (le_u64(&bytes[..8]), hi)
    } else {
        (le_tail(bytes), 0)
    };
    Some(u128::from(hi | (len as u64) << 56) << 64 | u128::from(lo))
}

fn le_u64(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"))
}

/// Up to seven bytes as a little-endian integer.
fn le_tail(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let u32_at = |i: usize| {
        u64::from(u32::from_le_bytes(
            bytes[i..i + 4].try_into().expect("four"),
        ))
    };
    match len {
        0 => 0,
        1..=3 => {
            let (first, mid, last) = (bytes[0], bytes[len / 2], bytes[len - 1]);
            u64::from(first)
                | u64::from(mid) << (8 * (len / 2))
                | u64::from(last) << (8 * (len - 1))
        }
        // Two four-byte loads overlapping in the middle: the bytes they
        // share are the same.
        _ => u32_at(0) | u32_at(len - 4) << (8 * (len - 4)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_pack_byte_by_byte_with_their_length() {
        let text = "abcdefghijklmnopq";
        for len in 0..=PACKED_LEN {
            let word = &text[..len];
            let expected = word
                .bytes()
                .enumerate()
                .fold((len as u128) << 120, |key, (i, b)| {
                    key | u128::from(b) << (8 * i)
                });
            assert_eq!(pack(word), Some(expected), "{word:?}");
        }
        assert_eq!(pack(&text[..PACKED_LEN + 1]), None);
    }
}
