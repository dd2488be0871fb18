//! The text normaliser shared by shingling, alignment and spun detection.
//!
//! A token is a run of letters and digits (an apostrophe between two of them
//! stays inside: "don't", "China's"), a view over the one tokenizer's
//! tokens (see [`words`]), kept as byte offsets into the text and
//! two hashes: `word`, the lowercase form with a possessive `'s` dropped, and
//! `class`, the word's class in `lexicons/link_classes.tsv` (inflections and
//! first-sense synonyms share one, so "aid", "aided" and "help" compare
//! equal). One `String` buffer is reused for lowercasing; nothing is
//! allocated per token.

use std::ops::Range;

use dossier_text::tokenize::runs_within_tokens;

use crate::lexicon::{lexicon, word_hash};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    /// Hash of the lowercase word.
    pub word: u64,
    /// Hash of the word's class representative.
    pub class: u64,
    /// A function word (`lexicons/stopwords_en.txt`).
    pub stop: bool,
    /// Only spaces or tabs separate it from the previous token, so the two
    /// form a phrase (no punctuation or line break between them).
    pub joined: bool,
}

impl Token {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A normalised document: its tokens and sentences.
#[derive(Debug, Clone)]
pub struct Doc<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    /// Sentences as ranges of token indices, in order, never empty.
    pub sentences: Vec<Range<usize>>,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// A sentence ends where the gap between two tokens holds a line break, or
/// `.`, `!` or `?` followed by white space before a token that does not
/// start in lowercase ("U.S. forces" splits, "U.S." and "e.g. this" do not).
fn starts_sentence(gap: &str, next: char) -> bool {
    if gap.contains('\n') {
        return true;
    }
    match gap.rfind(['.', '!', '?']) {
        Some(i) => gap[i..].contains(char::is_whitespace) && !next.is_lowercase(),
        None => false,
    }
}

impl<'t> Doc<'t> {
    pub fn new(text: &'t str) -> Doc<'t> {
        let lex = lexicon();
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut sentences = Vec::new();
        let mut sentence_start = 0;
        let mut lower = String::with_capacity(32);
        let mut prev_end = 0;
        for (start, end) in words(text) {
            lower.clear();
            for c in text[start..end].chars() {
                if is_apostrophe(c) {
                    lower.push('\'');
                } else if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            let gap = &text[prev_end..start];
            let first = text[start..].chars().next().unwrap_or(' ');
            if !tokens.is_empty() && starts_sentence(gap, first) {
                sentences.push(sentence_start..tokens.len());
                sentence_start = tokens.len();
            }
            let key = lower.strip_suffix("'s").unwrap_or(&lower);
            let word = word_hash(key);
            let (class, stop) = lex.word(word);
            tokens.push(Token {
                start: start as u32,
                end: end as u32,
                word,
                class,
                stop,
                joined: gap.bytes().all(|b| b == b' ' || b == b'\t'),
            });
            prev_end = end;
        }
        if sentence_start < tokens.len() {
            sentences.push(sentence_start..tokens.len());
        }
        Doc {
            text,
            tokens,
            sentences,
        }
    }

    /// Byte range of a run of tokens.
    pub fn span(&self, tokens: Range<usize>) -> Range<usize> {
        if tokens.is_empty() {
            return 0..0;
        }
        self.tokens[tokens.start].start as usize..self.tokens[tokens.end - 1].end as usize
    }
}

/// The normaliser's words: the letters and digits of the one tokenizer's
/// tokens (`dossier_text`), joined where two runs touch ("does" "n't" →
/// "doesn't") or one apostrophe parts them ("China" "’s" → "China’s"). So
/// a word is a run of letters and digits with its inner apostrophes, as the
/// signatures already in a store were made from.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    for (a, b) in runs_within_tokens(text, char::is_alphanumeric) {
        match words.last_mut() {
            Some(last) if last.1 == a || one_apostrophe(&text[last.1..a]) => last.1 = b,
            _ => words.push((a, b)),
        }
    }
    words
}

fn one_apostrophe(gap: &str) -> bool {
    let mut chars = gap.chars();
    chars.next().is_some_and(is_apostrophe) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'t>(doc: &Doc<'t>) -> Vec<&'t str> {
        doc.tokens.iter().map(|t| &doc.text[t.span()]).collect()
    }

    #[test]
    fn words_keep_offsets_and_inner_apostrophes() {
        let doc = Doc::new("China’s aid—don't stop. U.S. forces\nNew line");
        assert_eq!(
            words(&doc),
            [
                "China’s",
                "aid",
                "don't",
                "stop",
                "U",
                "S",
                "forces",
                "New",
                "line"
            ]
        );
        assert_eq!(doc.tokens[0].word, word_hash("china"));
        assert_eq!(doc.tokens[2].word, word_hash("don't"));
        assert_eq!(doc.sentences, [0..4, 4..7, 7..9]);
        assert!(doc.tokens[1].joined && !doc.tokens[2].joined);
    }

    #[test]
    fn classes_join_synonyms_and_inflections() {
        let a = Doc::new("Military aid arrived");
        let b = Doc::new("military help arrives");
        let classes = |d: &Doc| d.tokens.iter().map(|t| t.class).collect::<Vec<_>>();
        assert_eq!(classes(&a), classes(&b));
        assert!(Doc::new("the").tokens[0].stop);
    }
}
