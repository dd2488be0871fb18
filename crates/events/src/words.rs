//! The words of one sentence, as byte spans, with the punctuation between
//! them: the unit trigger patterns and role rules are written in. Filled into
//! a reused buffer so a document's sentences cost no allocation after the
//! first.

use std::cell::Cell;

use dossier_model::Span;

use dossier_text::chars::char_at;

use super::lexicon::{Lexicon, WordId};

/// Characters that join two word parts ("cease-fire", "didn't", "Russia's")
/// when letters or digits stand on both sides.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}')
}

/// Whether each byte is an ASCII letter or digit: one load per byte in
/// the loop that runs over most of the text.
const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// [`char::is_alphanumeric`], without its Unicode tables for the General
/// Punctuation block (curly quotes, dashes: most of the non-ASCII
/// characters of news text), which holds no letters or digits.
fn is_alphanumeric(c: char) -> bool {
    !matches!(c, '\u{2000}'..='\u{206f}') && c.is_alphanumeric()
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
    /// Each word's id in the lexicons' vocabulary, if they name it: the
    /// trigger, cue and speech-verb lookups compare ids, so each word is
    /// folded and hashed once.
    pub ids: Vec<Option<WordId>>,
    /// The cue classes of the phrases ending at each word, once looked up
    /// (`None` until then): the role and mood scans ask for the same words
    /// again and again.
    pub cue_cache: Vec<Cell<Option<u16>>>,
    /// Where each word's key (see [`Words::key`]) lies in `folded`.
    keys: Vec<Span>,
    /// The sentence with its ASCII letters lowercased (the keys of its
    /// ASCII words, in place), then the keys of its other words.
    folded: String,
}

impl Words {
    /// Replaces the contents with the words of `region` of `text`, each
    /// folded and looked up in the vocabulary of `lex`.
    pub fn fill(&mut self, text: &str, region: Span, lex: &Lexicon) {
        self.spans.clear();
        self.punct_before.clear();
        self.ids.clear();
        self.keys.clear();
        let part = region.of(text);
        self.folded.clear();
        self.folded.push_str(part);
        self.folded.make_ascii_lowercase();
        let bytes = part.as_bytes();
        let mut punct = None;
        let mut i = 0;
        while i < part.len() {
            if bytes[i] == b' ' {
                i += 1;
                continue;
            }
            let Some(c) = char_at(part, i) else { break };
            let len = c.len_utf8();
            if !is_alphanumeric(c) {
                if !c.is_whitespace() && punct.is_none() {
                    punct = Some(c);
                }
                i += len;
                continue;
            }
            let start = i;
            let mut end = i + len;
            let mut next = end;
            let mut ascii = c.is_ascii();
            while next < part.len() {
                // Most words are ASCII letters and digits throughout, and
                // end at an ASCII space or mark.
                let b = bytes[next];
                if ASCII_ALNUM[usize::from(b)] {
                    next += 1;
                    end = next;
                    continue;
                }
                if b.is_ascii() && !matches!(b, b'-' | b'\'') {
                    break;
                }
                let Some(d) = char_at(part, next) else { break };
                let d_len = d.len_utf8();
                if is_alphanumeric(d) {
                    next += d_len;
                    end = next;
                } else if is_joiner(d) && part[next + d_len..].starts_with(is_alphanumeric) {
                    next += d_len;
                } else {
                    break;
                }
                ascii &= d.is_ascii();
            }
            let key = if ascii {
                // Most words: folding is lowercasing, done already.
                Span::new(start, end)
            } else {
                let from = self.folded.len();
                self.folded.extend(part[start..end].chars().map(fold));
                Span::new(from, self.folded.len())
            };
            self.ids.push(lex.id(&self.folded[key.start..key.end]));
            self.keys.push(key);
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

    /// Word `i` as the lexicons write words: ASCII case folded, curly
    /// apostrophes and Unicode hyphens read as straight ones.
    pub fn key(&self, i: usize) -> &str {
        self.keys[i].of(&self.folded)
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

/// How the lexicons write a character of a word.
fn fold(c: char) -> char {
    match c {
        '\u{2019}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        c => c.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_punctuation_holds_no_letters_or_digits() {
        for c in ('\u{2000}'..='\u{206f}').chain(['a', 'Z', '7', 'é', '-', '"']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn words_keep_joined_parts_and_note_punctuation() {
        let text = "Russia's cease-fire, they didn’t sign.";
        let mut w = Words::default();
        w.fill(text, Span::new(0, text.len()), Lexicon::get());
        let got: Vec<&str> = w.spans.iter().map(|s| s.of(text)).collect();
        assert_eq!(got, ["Russia's", "cease-fire", "they", "didn’t", "sign"]);
        assert_eq!(w.punct_before[2], Some(','));
        assert!(w.clause_break_before(2));
        assert_eq!(w.key(3), "didn't");
        assert!(w.ids[3].is_some());
        assert_eq!(w.key(0), "russia's");
    }
}
