//! Tokens for the time grammar: words, numbers and single punctuation marks,
//! each with its byte span, so that a matched rule maps straight back to a
//! span of the text; a view over the article's [`Doc`] (see [`View`]).

use std::borrow::Cow;
use std::ops::Range;

use dossier_model::Span;
use dossier_text::chars::char_at;
use dossier_text::Doc;

/// What stands between a token and the one before it. Rules never run on
/// across a line break, so an expression never spans two paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    None,
    Space,
    Line,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// Digits, with thousands separators (`1,146`), a decimal part (`2.5`)
    /// or a small fraction (`1/2`).
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    /// Lowercase, apostrophes straightened, dots of a dotted abbreviation
    /// dropped (`p.m.` → `pm`); borrowed from the text when it already is
    /// (most tokens), so tokenizing allocates little.
    pub norm: Cow<'t, str>,
    pub kind: Kind,
    /// Starts with a capital letter.
    pub upper: bool,
    pub gap: Gap,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_number(&self) -> bool {
        self.kind == Kind::Number
    }

    /// Plain digits only (no separator, decimal or fraction).
    pub fn is_digits(&self) -> bool {
        self.is_number() && self.norm.bytes().all(|b| b.is_ascii_digit())
    }

    /// The number's value (`1,146` → 1146, `1/2` → 0.5).
    pub fn value(&self) -> Option<f64> {
        if !self.is_number() {
            return None;
        }
        if let Some((n, d)) = self.norm.split_once('/') {
            return Some(n.parse::<f64>().ok()? / d.parse::<f64>().ok()?);
        }
        if self.norm.contains(',') {
            return self.norm.replace(',', "").parse().ok();
        }
        self.norm.parse().ok()
    }

    pub fn is_fraction(&self) -> bool {
        self.is_number() && self.norm.contains('/')
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// The time grammar's tokens over a [`Doc`]'s, and each of the `Doc`'s
/// sentences as a range of them.
///
/// Words are cut by the `Doc`'s one tokenizer; this is a view over its
/// tokens, which cuts some of them finer because the grammar reads their
/// parts: "2024-05-01" and "11/12/2024" are three numbers between their
/// marks, "5pm" a number and a word, "mid-2024" a word, a hyphen and a
/// number, "1,146-kilometre" a number, a hyphen and a word; and "p.m." is
/// read as the word "pm", "Nov." as "nov" and a full stop. A piece never
/// runs past its `Doc` token, so every expression's span is made of the
/// `Doc`'s token boundaries or of finer ones inside a token.
pub struct View<'d> {
    pub tokens: Vec<Token<'d>>,
    pub sentences: Vec<Range<usize>>,
}

impl<'d> View<'d> {
    pub fn of(doc: &'d Doc) -> View<'d> {
        let text = doc.text();
        let mut tokens = Vec::with_capacity(doc.len() + doc.len() / 4);
        let mut sentences = Vec::with_capacity(doc.sentences().len());
        let mut previous_end = 0;
        for sentence in doc.sentences() {
            let first = tokens.len();
            for i in sentence.token_range() {
                let span = doc.span(i);
                // Text the `Doc` left out between two tokens (none in an
                // article's paragraphs) parts them as a line break does.
                let between = &text[previous_end..span.start];
                let gap = if tokens.is_empty()
                    || between.contains('\n')
                    || !between.trim_start().is_empty()
                {
                    Gap::Line
                } else if between.is_empty() {
                    Gap::None
                } else {
                    Gap::Space
                };
                push_pieces(doc, i, gap, &mut tokens);
                previous_end = span.end;
            }
            sentences.push(first..tokens.len());
        }
        View { tokens, sentences }
    }

    /// The token range of the sentence holding token `k`.
    pub fn sentence_around(&self, k: usize) -> Option<Range<usize>> {
        let s = self.sentences.partition_point(|r| r.end <= k);
        self.sentences.get(s).filter(|r| r.contains(&k)).cloned()
    }
}

/// The norms of a phrase's tokens (the lexicons' phrases are read as the
/// text is).
pub fn norms(phrase: &str) -> Vec<String> {
    let doc = Doc::new(phrase);
    View::of(&doc)
        .tokens
        .into_iter()
        .map(|t| t.norm.into_owned())
        .collect()
}

/// Appends the pieces of the `Doc`'s token `i` to `out`, the first after
/// `gap`: words (a dotted abbreviation whole, a clitic "'s" on its own),
/// numbers, single marks.
fn push_pieces<'d>(doc: &'d Doc, i: usize, mut gap: Gap, out: &mut Vec<Token<'d>>) {
    let Span { start: first, end } = doc.span(i);
    // Cut at the token's end, so no piece reads past it; what comes
    // before stays, for a clitic's test of the letter before it.
    let text = &doc.text()[..end];
    // The token lowercased, to borrow norms from; its offsets are the
    // text's only when lowercasing kept every byte in place.
    let lowered = text[first..].is_ascii().then(|| doc.lower(i));
    let lower_at = |a: usize, b: usize| lowered.map(|l| &l[a - first..b - first]);
    if matches!(doc.lower(i), "n't" | "n\u{2019}t") {
        // The tokenizer's "does" "n't": one word, not "n" and "'t".
        out.push(Token {
            start: first,
            end,
            norm: Cow::Borrowed("n't"),
            kind: Kind::Word,
            upper: false,
            gap,
        });
        return;
    }
    let mut start = first;
    while let Some(c) = char_at(text, start) {
        let next = start + c.len_utf8();
        // Most words are plain, their norm their lowercased bytes: found
        // without decoding characters or the checks `normalize` makes.
        let plain = plain_word_end(text, start);
        // Apostrophes are tested before letters: no apostrophe is one, and
        // typographic ones, common, would take a Unicode table look-up.
        let (piece_end, kind) = if let Some(e) = plain {
            (e, Kind::Word)
        } else if is_apostrophe(c)
            && text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && char_at(text, next).is_some_and(char::is_alphabetic)
        {
            // A clitic ("'s", "'ll") stays one token after its word.
            (letters_end(text, next), Kind::Word)
        } else if c.is_alphabetic() {
            (word_end(text, start), Kind::Word)
        } else if c.is_ascii_digit() {
            (number_end(text.as_bytes(), start), Kind::Number)
        } else {
            (next, Kind::Punct)
        };
        let lower = lower_at(start, piece_end);
        out.push(Token {
            start,
            end: piece_end,
            norm: match (plain, lower) {
                (Some(_), Some(lower)) => Cow::Borrowed(lower),
                _ => normalize(&text[start..piece_end], lower, kind),
            },
            kind,
            upper: c.is_uppercase(),
            gap,
        });
        gap = Gap::None;
        start = piece_end;
    }
}

/// The norm of a token `raw`; `lowered` is the same bytes with ASCII
/// letters lowercased, when the caller has them.
fn normalize<'t>(raw: &'t str, lowered: Option<&'t str>, kind: Kind) -> Cow<'t, str> {
    match (kind, lowered) {
        (Kind::Word, Some(lowered)) if raw.is_ascii() && !raw.contains(['.', '\'']) => {
            Cow::Borrowed(lowered)
        }
        (Kind::Word, _)
            if raw
                .chars()
                .any(|c| c == '.' || is_apostrophe(c) || c.is_uppercase()) =>
        {
            Cow::Owned(
                raw.chars()
                    .filter(|&c| c != '.')
                    .map(|c| if is_apostrophe(c) { '\'' } else { c })
                    .flat_map(char::to_lowercase)
                    .collect(),
            )
        }
        (Kind::Punct, _) if raw.chars().all(is_apostrophe) => Cow::Borrowed("'"),
        _ => Cow::Borrowed(raw),
    }
}

/// The end of a plain word at byte `start`: two or more ASCII letters and
/// no other letter after them ("Zürich"), so no dotted abbreviation
/// either. What follows is told to be no letter without a Unicode table
/// when it is ASCII or an apostrophe ("Korea’s").
fn plain_word_end(text: &str, start: usize) -> Option<usize> {
    let letters = text.as_bytes()[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let end = start + letters;
    let after = char_at(text, end);
    (letters >= 2 && after.is_none_or(|c| c.is_ascii() || is_apostrophe(c))).then_some(end)
}

/// The end of the run of letters from byte `at`.
fn letters_end(text: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(text, at).filter(|c| c.is_alphabetic()) {
        at += c.len_utf8();
    }
    at
}

/// A run of letters, or a dotted abbreviation of single letters (`a.m.`,
/// `U.S.`, also `a.m` without its last dot) taken whole.
fn word_end(text: &str, start: usize) -> usize {
    let end = letters_end(text, start);
    let letter = |at: usize| char_at(text, at).filter(|c| c.is_alphabetic());
    // The end of a single letter at `at` (one not followed by another).
    let single = |at: usize| {
        letter(at)
            .map(|c| at + c.len_utf8())
            .filter(|&e| letter(e).is_none())
    };
    let dot = |at: usize| text.as_bytes().get(at) == Some(&b'.');
    if single(start) != Some(end) || !(dot(end) && single(end + 1).is_some()) {
        return end;
    }
    let mut at = start;
    while let Some(e) = single(at) {
        if !dot(e) {
            return e;
        }
        at = e + 1;
    }
    at
}

/// Digits with thousands separators and a decimal part, or a fraction with
/// a small denominator (`1/2`, `3/4`); `11/11/2024` stays three numbers.
/// Everything it reads is ASCII, so it steps through bytes.
fn number_end(bytes: &[u8], i: usize) -> usize {
    let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    let is = |j: usize, b: u8| bytes.get(j) == Some(&b);
    let digits_end = |mut j: usize| {
        while digit(j) {
            j += 1;
        }
        j
    };
    let mut end = digits_end(i);
    if end - i == 1 && is(end, b'/') && digit(end + 1) && !digit(end + 2) && !is(end + 2, b'/') {
        let (n, d) = (bytes[i], bytes[end + 1]);
        if n < d && (b'2'..=b'4').contains(&d) {
            return end + 2;
        }
    }
    while is(end, b',') && (1..=3).all(|k| digit(end + k)) && !digit(end + 4) {
        end += 4;
    }
    if is(end, b'.') && digit(end + 1) {
        end = digits_end(end + 1);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_abbreviations() {
        assert_eq!(
            norms("At 3 p.m. on Nov. 11, 2024, the 1,146-kilometre road's end."),
            [
                "at",
                "3",
                "pm",
                "on",
                "nov",
                ".",
                "11",
                ",",
                "2024",
                ",",
                "the",
                "1,146",
                "-",
                "kilometre",
                "road",
                "'s",
                "end",
                "."
            ]
        );
        assert_eq!(
            norms("2 1/2 years, 3.5%"),
            ["2", "1/2", "years", ",", "3.5", "%"]
        );
        assert_eq!(
            norms("the ’90s, 11/12/2024"),
            ["the", "'", "90", "s", ",", "11", "/", "12", "/", "2024"]
        );
    }

    /// The `Doc` keeps "2024-05-01", "5pm" and "mid-2024" whole; the
    /// grammar reads their parts.
    #[test]
    fn the_view_cuts_dates_and_clock_times_finer_than_the_doc() {
        let text = "It doesn't end on 2024-05-01 at 5pm, mid-2024.";
        let doc = Doc::new(text);
        assert!((0..doc.len()).any(|i| doc.token_text(i) == "2024-05-01"));
        assert_eq!(
            norms(text),
            [
                "it", "does", "n't", "end", "on", "2024", "-", "05", "-", "01", "at", "5", "pm",
                ",", "mid", "-", "2024", "."
            ]
        );
    }

    #[test]
    fn gaps_record_spaces_and_lines() {
        let doc = Doc::new("May\n\n2011 x-y");
        let tokens = View::of(&doc).tokens;
        let gaps: Vec<Gap> = tokens.iter().map(|t| t.gap).collect();
        assert_eq!(
            gaps,
            [Gap::Line, Gap::Line, Gap::Space, Gap::None, Gap::None]
        );
        assert_eq!(tokens[1].value(), Some(2011.0));
    }
}
