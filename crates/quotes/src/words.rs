//! The article's tokens as the attribution patterns read them: a view over
//! the `Doc`'s tokens (no second tokenizer), in which the pieces the `Doc`
//! splits off a written word are joined again — a clitic ("Trump" "'s",
//! "does" "n't") or a hyphen or slash between letters ("Kim Jong" "-" "un")
//! — because the patterns stop at punctuation, and a hyphen standing alone
//! is a dash to them.

use std::borrow::Cow;

use dossier_model::Span;
use dossier_text::Doc;

#[derive(Debug, Clone)]
pub(super) struct Token<'d> {
    pub span: Span,
    pub text: &'d str,
    /// Lowercase, with curly apostrophes straightened, as the lexicons are
    /// (borrowed from the `Doc` for a word that is one of its tokens and
    /// has no curly apostrophe: most words).
    pub lower: Cow<'d, str>,
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
/// "AT&T") when a letter or digit stands on both sides.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '.' | '&' | '/')
}

/// Whether the `Doc` token starting at byte `at` goes on with the word
/// ending at `at`: nothing between them, and a letter or digit meeting a
/// letter or digit, or a joiner with one on both sides.
fn glued(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text[..at].chars().next_back(), text[at..].chars().next())
    else {
        return false;
    };
    if before.is_alphanumeric() {
        let rest = &text[at + after.len_utf8()..];
        after.is_alphanumeric()
            || is_joiner(after) && rest.chars().next().is_some_and(char::is_alphanumeric)
    } else {
        let head = &text[..at - before.len_utf8()];
        is_joiner(before)
            && after.is_alphanumeric()
            && head.chars().next_back().is_some_and(char::is_alphanumeric)
    }
}

/// The words of the whole document, in text order.
pub(super) fn words<'d>(doc: &'d Doc) -> Vec<Token<'d>> {
    let text = doc.text();
    let mut out: Vec<Token<'d>> = Vec::with_capacity(doc.len());
    let mut first = 0;
    while first < doc.len() {
        let mut last = first;
        while last + 1 < doc.len()
            && doc.span(last).end == doc.span(last + 1).start
            && doc.sentence_of(last) == doc.sentence_of(last + 1)
            && glued(text, doc.span(last + 1).start)
        {
            last += 1;
        }
        let span = Span::new(doc.span(first).start, doc.span(last).end);
        let lower = if first == last && !doc.lower(first).contains('\u{2019}') {
            Cow::Borrowed(doc.lower(first))
        } else {
            Cow::Owned(
                (first..=last)
                    .map(|k| doc.lower(k))
                    .collect::<String>()
                    .replace('\u{2019}', "'"),
            )
        };
        out.push(Token {
            span,
            text: span.of(text),
            lower,
        });
        first = last + 1;
    }
    out
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

    fn words_of(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        words(&doc)
            .into_iter()
            .map(|t| format!("{}|{}", t.text, t.lower))
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_joined_words() {
        expect_test::expect![[r#"
            [
                "Mr.|mr.",
                "Lee|lee",
                ",|,",
                "Victor|victor",
                "D.|d.",
                "Cha|cha",
                "and|and",
                "U.S.|u.s.",
                "officials|officials",
                "’|'",
                "“|“",
                "AT&T-style|at&t-style",
                "”|”",
                "deal|deal",
                ".|.",
            ]
        "#]]
        .assert_debug_eq(&words_of(
            "Mr. Lee, Victor D. Cha and U.S. officials’ “AT&T-style” deal.",
        ));
    }

    #[test]
    fn clitics_and_hyphens_rejoin_their_word() {
        expect_test::expect![[r#"
            [
                "Kim|kim",
                "Jong-un|jong-un",
                "doesn’t|doesn't",
                "agree|agree",
                "—|—",
                "Trump's|trump's",
                "aides|aides",
                "said|said",
                ".|.",
            ]
        "#]]
        .assert_debug_eq(&words_of("Kim Jong-un doesn’t agree — Trump's aides said."));
    }
}
