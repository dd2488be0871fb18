//! Literal pattern sets found fast: the gazetteer's aliases, titles and
//! state bodies.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, Match, MatchKind, StartKind};

/// Finds literal patterns in a text, leftmost-longest, as an unanchored
/// Aho-Corasick search would, but faster (the actor stage went from ~8,300
/// to ~9,500 articles/s): a pattern can only start where the text has one
/// of the patterns' first two bytes (a capital letter, mostly), so the
/// automaton is run, anchored, from those positions alone. (A DFA over the
/// gazetteer's ~20,000 aliases scans as fast but takes 100 MB and a seventh
/// of a second to build, on every run.)
pub struct PatternFinder {
    automaton: AhoCorasick,
    /// Bit `b0 << 8 | b1` is set when some pattern starts with bytes b0, b1.
    openings: Vec<u64>,
    /// First bytes of one-byte patterns.
    single: [bool; 256],
    /// First bytes of any pattern: most bytes of a text are none, and one
    /// look-up here tells so.
    first: [bool; 256],
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
        let mut single = [false; 256];
        let mut first = [false; 256];
        for p in patterns.iter().map(AsRef::as_ref) {
            if let Some(&b0) = p.first() {
                for b in cases(b0) {
                    first[b as usize] = true;
                }
            }
            match *p {
                [] => {}
                [b0] => {
                    for b in cases(b0) {
                        single[b as usize] = true;
                    }
                }
                [b0, b1, ..] => {
                    for (b0, b1) in cases(b0)
                        .into_iter()
                        .flat_map(|b0| cases(b1).map(|b1| (b0, b1)))
                    {
                        let bit = (b0 as usize) << 8 | b1 as usize;
                        openings[bit >> 6] |= 1 << (bit & 63);
                    }
                }
            }
        }
        PatternFinder {
            automaton,
            openings,
            single,
            first,
        }
    }

    /// Whether a pattern may start at byte `at`, whose byte is a first byte.
    fn may_open(&self, bytes: &[u8], at: usize) -> bool {
        let b0 = bytes[at] as usize;
        let bit = b0 << 8 | bytes.get(at + 1).copied().unwrap_or(0) as usize;
        self.single[b0] || self.openings[bit >> 6] & (1 << (bit & 63)) != 0
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
        while let Some(skip) = bytes
            .get(at..)?
            .iter()
            .position(|&b| self.first[b as usize])
        {
            at += skip;
            if self.may_open(bytes, at) {
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
