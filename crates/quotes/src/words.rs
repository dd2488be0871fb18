//! Words and punctuation of one stretch of text, with their byte spans: the
//! unit the attribution patterns are written in.

use std::borrow::Cow;

use dossier_model::Span;

use dossier_text::chars::char_at;

#[derive(Debug, Clone)]
pub(super) struct Token<'t> {
    pub span: Span,
    pub text: &'t str,
    /// Lowercase, with curly apostrophes straightened, as the lexicons are
    /// (borrowed from the text when it already is: most words).
    pub lower: Cow<'t, str>,
}

/// Lexicon look-ups read a token's lowercase form.
impl AsRef<str> for Token<'_> {
    fn as_ref(&self) -> &str {
        &self.lower
    }
}

impl Token<'_> {
    /// A word, not a punctuation mark.
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// The punctuation mark this token is, if it is one.
    pub fn punct(&self) -> Option<char> {
        let c = self.text.chars().next()?;
        (!c.is_alphanumeric()).then_some(c)
    }

    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_lowercase_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }
}

/// Characters that join two word parts ("U.S.", "Kim Jong-un", "Trump's",
/// "AT&T") when a letter or digit follows.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '.' | '&' | '/')
}

/// Splits `region` of `text` into tokens: runs of word characters (with
/// joiners inside), and every other non-space character alone.
/// `lower` is `text` in ASCII lowercase ([`str::to_ascii_lowercase`], so at
/// the same offsets): ASCII words borrow their lowercase forms from it
/// instead of each allocating one.
pub(super) fn tokenize<'t>(text: &'t str, lower: &'t str, region: Span) -> Vec<Token<'t>> {
    let mut out = Vec::with_capacity(region.len() / 4);
    out.extend(tokens(text, lower, region));
    out
}

/// The tokens of [`tokenize`] one at a time, for readers that need only
/// the first few.
pub(super) fn tokens<'t>(
    text: &'t str,
    lower: &'t str,
    region: Span,
) -> impl Iterator<Item = Token<'t>> {
    let part = region.of(text);
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let c = char_at(part, at)?;
        let start = at;
        at += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let bytes = part.as_bytes();
            loop {
                // Most of a word is ASCII letters: stepped over undecoded.
                while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
                    at += 1;
                }
                match continues_word(part, at) {
                    Some(next) => at = next,
                    None => break,
                }
            }
            if abbreviation_period(part, start, c, at) {
                at += 1;
            }
        }
        let word = &part[start..at];
        let span = Span::new(region.start + start, region.start + at);
        return Some(Token {
            span,
            text: word,
            lower: lower_form(word, span.of(lower)),
        });
    })
}

/// A word in lowercase with curly apostrophes straightened, given the
/// same bytes in ASCII lowercase: that when the word is ASCII, else
/// borrowed when it already is lowercase (most words).
fn lower_form<'t>(word: &'t str, ascii_lower: &'t str) -> Cow<'t, str> {
    if word.is_ascii() {
        Cow::Borrowed(ascii_lower)
    } else if word.chars().any(|c| c.is_uppercase() || c == '\u{2019}') {
        Cow::Owned(word.to_lowercase().replace('\u{2019}', "'"))
    } else {
        Cow::Borrowed(word)
    }
}

/// Where the word goes on to when the character at byte `at` continues
/// it: a letter or digit, or a joiner before one.
fn continues_word(part: &str, at: usize) -> Option<usize> {
    let c = char_at(part, at)?;
    let next = at + c.len_utf8();
    (c.is_alphanumeric()
        || (is_joiner(c) && char_at(part, next).is_some_and(char::is_alphanumeric)))
    .then_some(next)
}

/// Whether the full stop at byte `end`, after the word `part[start..end]`
/// that begins with `first`, belongs to it: an initial ("D."), a dotted
/// abbreviation ("U.S."), or a short capitalised abbreviation before a
/// name ("Mr. Lee", "Sen. Cruz"). Sentences are split already, so a full
/// stop followed by a capitalised word inside one sentence is not the
/// sentence's end.
fn abbreviation_period(part: &str, start: usize, first: char, end: usize) -> bool {
    if char_at(part, end) != Some('.') {
        return false;
    }
    let word = &part[start..end];
    let capitalised = first.is_uppercase();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let next_capital = part[end + 1..]
        .chars()
        .find(|c| !c.is_whitespace())
        .is_some_and(char::is_uppercase);
    let space_after = char_at(part, end + 1).is_some_and(char::is_whitespace);
    (capitalised && letters == 1)
        || word.contains('.')
        || (capitalised && letters <= 4 && space_after && next_capital)
}

/// The span from the first token's start to the last one's end.
pub(super) fn covering(tokens: &[Token]) -> Span {
    Span::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end)
}

/// A comma, a parenthesis or a dash (a hyphen standing alone is a dash).
pub(super) fn is_comma_like(t: &Token) -> bool {
    matches!(
        t.punct(),
        Some(',' | '\u{2014}' | '\u{2013}' | '(' | ')' | '-')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let lower = text.to_ascii_lowercase();
        tokenize(text, &lower, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_joined_words() {
        assert_eq!(
            words("Mr. Lee, Victor D. Cha and U.S. officials’ “AT&T-style” deal."),
            [
                "Mr.",
                "Lee",
                ",",
                "Victor",
                "D.",
                "Cha",
                "and",
                "U.S.",
                "officials",
                "’",
                "“",
                "AT&T-style",
                "”",
                "deal",
                "."
            ]
        );
    }
}
