//! Literal pattern sets found fast: the gazetteer's aliases, titles and
//! state bodies.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, Match, MatchKind, StartKind};

/// Finds literal patterns in a text, leftmost-longest, as an unanchored
/// Aho-Corasick search would, but faster: a pattern can only start where
/// the text has one of the patterns' first two bytes (a capital letter,
/// mostly), so the automaton is run, anchored, from those positions alone.
/// (A DFA over the gazetteer's ~20,000 aliases scans as fast but takes
/// 100 MB and a seventh of a second to build, on every run.)
pub struct PatternFinder {
    automaton: AhoCorasick,
    /// Bit `b0 << 8 | b1` is set when a pattern may start at a byte b0
    /// followed by b1 (every b1, for a one-byte pattern b0; b1 is 0 at the
    /// end of the text). One bit test per byte and no branch on the first
    /// byte alone: common letters start a few patterns ("the Kremlin"), and
    /// a test that passed for them mispredicted at every other byte.
    openings: Vec<u64>,
}

impl PatternFinder {
    /// `ascii_case_insensitive`: whether "Foreign Ministry" also finds
    /// "foreign ministry".
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], ascii_case_insensitive: bool) -> PatternFinder {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(ascii_case_insensitive)
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .expect("pattern automaton");
        let cases = |b: u8| {
            if ascii_case_insensitive {
                [b.to_ascii_lowercase(), b.to_ascii_uppercase()]
            } else {
                [b, b]
            }
        };
        let mut openings = vec![0u64; 1 << 10];
        let mut set = |b0: u8, b1: u8| {
            let bit = (b0 as usize) << 8 | b1 as usize;
            openings[bit >> 6] |= 1 << (bit & 63);
        };
        for p in patterns.iter().map(AsRef::as_ref) {
            match *p {
                [] => {}
                [b0] => {
                    for b0 in cases(b0) {
                        (0..=255).for_each(|b1| set(b0, b1));
                    }
                }
                [b0, b1, ..] => {
                    for b0 in cases(b0) {
                        cases(b1).into_iter().for_each(|b1| set(b0, b1));
                    }
                }
            }
        }
        PatternFinder {
            automaton,
            openings,
        }
    }

    fn opens(&self, b0: u8, b1: u8) -> bool {
        let bit = (b0 as usize) << 8 | b1 as usize;
        self.openings[bit >> 6] & (1 << (bit & 63)) != 0
    }

    /// The longest pattern starting exactly at byte `at` of `text`.
    fn longest_at(&self, text: &str, at: usize) -> Option<Match> {
        let input = Input::new(text)
            .span(at..text.len())
            .anchored(Anchored::Yes);
        self.automaton.find(input)
    }

    /// The leftmost match starting at or after byte `from`, the longest
    /// there; offsets are into `text`.
    pub fn find_from(&self, text: &str, from: usize) -> Option<Match> {
        let bytes = text.as_bytes();
        let mut at = from;
        while at < bytes.len() {
            let skip = bytes[at..]
                .windows(2)
                .position(|w| self.opens(w[0], w[1]))
                .unwrap_or(bytes.len() - 1 - at);
            at += skip;
            // The last byte has no pair: it opens with a following 0.
            let next = bytes.get(at + 1).copied().unwrap_or(0);
            if self.opens(bytes[at], next) {
                if let Some(m) = self.longest_at(text, at) {
                    return Some(m);
                }
            }
            at += 1;
        }
        None
    }

    /// Non-overlapping matches, leftmost first, the longest at each start.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Match> + 't {
        let mut from = 0;
        std::iter::from_fn(move || {
            let m = self.find_from(text, from)?;
            // No pattern is empty, so this always advances.
            from = m.end().max(m.start() + 1);
            Some(m)
        })
    }

    /// Whether the whole of `word` is a pattern.
    pub fn is_pattern(&self, word: &str) -> bool {
        !word.is_empty()
            && self
                .longest_at(word, 0)
                .is_some_and(|m| m.end() == word.len())
    }
}
