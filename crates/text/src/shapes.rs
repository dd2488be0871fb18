//! A quick "certainly not in this word list" test, shared by the stages
//! that look up every word of an article in a small list (times'
//! lexicon phrases and cues, the actors' common capitalised words).

/// A set of word shapes (first letter, last letter, length up to 15), one
/// bit each. Most words of a text are in no such list, and most of those
/// have a shape no listed word has: they are told so by one bit test,
/// without lowercasing or hashing the word. Letters count by their five low
/// bits, so either case of an ASCII letter has the same shape; other bytes
/// may share a shape, which only costs a lookup.
pub struct WordShapes([u64; 256]);

impl Default for WordShapes {
    fn default() -> WordShapes {
        WordShapes([0; 256])
    }
}

impl WordShapes {
    fn bit(word: &str) -> usize {
        let bytes = word.as_bytes();
        let letter = |b: Option<&u8>| usize::from(b.map_or(0, |b| b & 31));
        letter(bytes.first()) << 9 | letter(bytes.last()) << 4 | bytes.len().min(15)
    }

    pub fn insert(&mut self, word: &str) {
        let bit = Self::bit(word);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False only when no inserted word has `word`'s shape.
    pub fn may_contain(&self, word: &str) -> bool {
        let bit = Self::bit(word);
        self.0[bit / 64] & 1 << (bit % 64) != 0
    }
}
