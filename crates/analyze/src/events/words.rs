//! The words of one sentence, as byte spans, with the punctuation between
//! them: the unit trigger patterns and role rules are written in. Filled into
//! a reused buffer so a document's sentences cost no allocation after the
//! first.

use std::cell::Cell;

use dossier_model::Span;

use crate::chars::char_at;

/// Characters that join two word parts ("cease-fire", "didn't", "Russia's")
/// when letters or digits stand on both sides.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}')
}

/// The furthest any scan looks back from a trigger, in words: a clause
/// this long has lost track of its subject and auxiliaries, and the bound
/// keeps run-on text linear.
pub const REACH_BACK: usize = 40;

#[derive(Debug, Default)]
pub struct Words {
    pub spans: Vec<Span>,
    /// The first punctuation mark between word `i - 1` and word `i`, if any
    /// (for the first word: between the sentence start and it).
    pub punct_before: Vec<Option<char>>,
    /// The cue classes of the phrases ending at each word, once looked up
    /// (`None` until then): the role and mood scans ask for the same words
    /// again and again.
    pub cue_cache: Vec<Cell<Option<u16>>>,
}

impl Words {
    /// Replaces the contents with the words of `region` of `text`.
    pub fn fill(&mut self, text: &str, region: Span) {
        self.spans.clear();
        self.punct_before.clear();
        let part = region.of(text);
        let mut punct = None;
        let mut i = 0;
        while i < part.len() {
            let Some(c) = char_at(part, i) else { break };
            let len = c.len_utf8();
            if !c.is_alphanumeric() {
                if !c.is_whitespace() && punct.is_none() {
                    punct = Some(c);
                }
                i += len;
                continue;
            }
            let start = i;
            let mut end = i + len;
            let mut next = end;
            while next < part.len() {
                let Some(d) = char_at(part, next) else { break };
                let d_len = d.len_utf8();
                if d.is_alphanumeric() {
                    next += d_len;
                    end = next;
                } else if is_joiner(d) && part[next + d_len..].starts_with(char::is_alphanumeric) {
                    next += d_len;
                } else {
                    break;
                }
            }
            self.spans
                .push(Span::new(region.start + start, region.start + end));
            self.punct_before.push(punct.take());
            i = next;
        }
        self.cue_cache.clear();
        self.cue_cache.resize(self.spans.len(), Cell::new(None));
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The index of the word starting exactly at byte `start`.
    pub fn at(&self, start: usize) -> Option<usize> {
        self.spans.binary_search_by_key(&start, |s| s.start).ok()
    }

    /// The first word ending after `offset` (the word containing it, or the
    /// next one).
    pub fn word_at_or_after(&self, offset: usize) -> usize {
        self.spans.partition_point(|s| s.end <= offset)
    }

    /// Whether punctuation that ends a clause stands right before word `i`
    /// (quotation marks, dollar signs and the like do not). Words are read
    /// a sentence at a time, so a full stop inside one ends an abbreviation
    /// ("talks with Mr. Kim", "the U.S. envoy"), not a clause.
    pub fn clause_break_before(&self, i: usize) -> bool {
        matches!(
            self.punct_before.get(i).copied().flatten(),
            Some(',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–' | '!' | '?')
        )
    }
}

/// Whether a word of the text equals a lexicon word: ASCII case folded,
/// curly apostrophes read as straight ones.
pub fn same(word: &str, lexical: &str) -> bool {
    if word.is_ascii() {
        // Most words: folding is lowercasing, byte for byte.
        return word.len() == lexical.len()
            && word
                .bytes()
                .zip(lexical.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b);
    }
    let mut a = word.chars().map(fold);
    let mut b = lexical.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

fn fold(c: char) -> char {
    match c {
        '\u{2019}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        c => c.to_ascii_lowercase(),
    }
}

/// `word` folded as [`same`] does, into a reused buffer: the key for the
/// lexicon's hash maps.
pub fn key<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(word.chars().map(fold));
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_joined_parts_and_note_punctuation() {
        let text = "Russia's cease-fire, they didn’t sign.";
        let mut w = Words::default();
        w.fill(text, Span::new(0, text.len()));
        let got: Vec<&str> = w.spans.iter().map(|s| s.of(text)).collect();
        assert_eq!(got, ["Russia's", "cease-fire", "they", "didn’t", "sign"]);
        assert_eq!(w.punct_before[2], Some(','));
        assert!(w.clause_break_before(2));
        assert!(same("Didn’t", "didn't"));
    }
}
