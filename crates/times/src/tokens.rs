//! Tokens for the time grammar: words, numbers and single punctuation marks,
//! each with its byte span, so that a matched rule maps straight back to a
//! span of the text.

use std::borrow::Cow;

use dossier_text::chars::char_at;

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

/// Splits `text` into tokens. Positions are byte offsets, read straight
/// from the text (no per-text table of characters).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokenize_lowered(text, None)
}

/// [`tokenize`], with `lowered`, `text` with its ASCII letters lowercased
/// (made once per article), to borrow the norms of capitalised words from
/// instead of allocating them.
pub fn tokenize_lowered<'t>(text: &'t str, lowered: Option<&'t str>) -> Vec<Token<'t>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut gap = Gap::Line;
    let mut start = 0;
    while let Some(c) = char_at(text, start) {
        let next = start + c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                gap = Gap::Line;
            } else if gap == Gap::None {
                gap = Gap::Space;
            }
            start = next;
            continue;
        }
        // Most words are plain, their norm their lowercased bytes: found
        // without decoding characters or the checks `normalize` makes.
        let plain = plain_word_end(text, start);
        // Apostrophes are tested before letters: no apostrophe is one, and
        // typographic ones, common, would take a Unicode table look-up.
        let (end, kind) = if let Some(end) = plain {
            (end, Kind::Word)
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
        tokens.push(Token {
            start,
            end,
            norm: match (plain, lowered) {
                (Some(_), Some(lowered)) => Cow::Borrowed(&lowered[start..end]),
                _ => normalize(&text[start..end], lowered.map(|l| &l[start..end]), kind),
            },
            kind,
            upper: c.is_uppercase(),
            gap,
        });
        gap = Gap::None;
        start = end;
    }
    tokens
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

    fn norms(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| t.norm.into_owned())
            .collect()
    }

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

    #[test]
    fn gaps_record_spaces_and_lines() {
        let tokens = tokenize("May\n\n2011 x-y");
        let gaps: Vec<Gap> = tokens.iter().map(|t| t.gap).collect();
        assert_eq!(
            gaps,
            [Gap::Line, Gap::Line, Gap::Space, Gap::None, Gap::None]
        );
        assert_eq!(tokens[1].value(), Some(2011.0));
    }
}
