//! Sentence splitting that survives news prose: abbreviations ("Mr.",
//! "U.S.", "Jan.", "No."), initials ("Victor D. Cha"), quotations closed after
//! the full stop, speech tags after a quoted question ("…?” she asked"), and
//! a missing space after a full stop ("…next level.According to…").

use foldhash::{HashMap, HashSet};
use std::sync::OnceLock;

use dossier_model::Span;

use dossier_lexicon::ABBREVIATIONS;
use dossier_lexicon::DATE_WORDS;
use dossier_lexicon::MONTHS;
use dossier_lexicon::STOPWORDS_EN;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbrevClass {
    /// Precedes a name or number; never ends a sentence ("Mr.", "No.").
    Title,
    /// A month before a day number ("Jan. 5").
    Month,
    /// May end a sentence ("U.S.", "Inc.").
    Other,
}

struct Resources {
    abbreviations: HashMap<String, AbbrevClass>,
    /// Lowercase function words: a capitalised one after an ambiguous
    /// abbreviation signals a new sentence ("… in the U.S. The talks …").
    stopwords: HashSet<String>,
    /// Month and weekday names, lowercase.
    calendar_words: HashSet<String>,
}

fn resources() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(|| {
        let lines = |lexicon: &'static dossier_lexicon::Lexicon| lexicon.words();
        let abbreviations = lines(&ABBREVIATIONS)
            .map(|l| {
                let (abbr, class) = l
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("lexicons/abbreviations.tsv: bad line {l:?}"));
                let class = match class.trim() {
                    "title" => AbbrevClass::Title,
                    "month" => AbbrevClass::Month,
                    "other" => AbbrevClass::Other,
                    other => panic!("lexicons/abbreviations.tsv: unknown class {other:?}"),
                };
                (abbr.trim().to_lowercase(), class)
            })
            .collect();
        // Full names only: "Sun" and "Mar" are also names of people.
        let calendar_words = lines(&MONTHS)
            .filter_map(|l| l.split_once('\t').map(|(_, name)| name.trim().to_string()))
            .chain(
                lines(&DATE_WORDS)
                    .filter_map(|l| l.strip_prefix("weekday\t").map(|w| w.trim().to_string())),
            )
            .filter(|w| w.chars().count() > 3)
            .collect();
        Resources {
            abbreviations,
            stopwords: lines(&STOPWORDS_EN).map(str::to_lowercase).collect(),
            calendar_words,
        }
    })
}

/// Whether a lowercase word is an English function word.
pub fn is_stopword(lowercase: &str) -> bool {
    resources().stopwords.contains(lowercase)
}

/// The function words, months and weekdays these functions know.
pub fn stopwords_and_calendar_words() -> impl Iterator<Item = &'static str> {
    let res = resources();
    res.stopwords
        .iter()
        .chain(&res.calendar_words)
        .map(String::as_str)
}

/// Whether a lowercase token, with its final period, is a listed
/// abbreviation ("u.s.", "mr.", "jan."): the tokenizer keeps its period.
pub fn is_abbreviation(lowercase_with_period: &str) -> bool {
    resources()
        .abbreviations
        .contains_key(lowercase_with_period)
}

/// Whether a lowercase word names a month or a day of the week.
pub fn is_month_or_day(lowercase: &str) -> bool {
    resources().calendar_words.contains(lowercase)
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '»' | '」' | '』'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '«' | '„' | '¿' | '¡'
    )
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Splits the text under `span` (one paragraph) into sentence spans, trimmed
/// of surrounding whitespace. The spans cover every non-space character.
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let para = span.of(text);
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut at = 0usize;
    while let Some((i, c)) = next_terminal(para, at) {
        // Take the whole run of terminals and closing quotes: `?!`, `.”`, `…)`.
        let mut j = i + c.len_utf8();
        while let Some(d) = para[j..]
            .chars()
            .next()
            .filter(|&d| is_terminal(d) || is_closer(d))
        {
            j += d.len_utf8();
        }
        let is_boundary = match para[j..].chars().next() {
            None => true,
            Some(after) if after.is_whitespace() => {
                let next = para[j..].chars().find(|ch| !ch.is_whitespace());
                next.is_some_and(starts_sentence) && !(c == '.' && abbreviation_blocks(para, i, j))
            }
            Some(_) if is_cjk_terminal(c) => true,
            Some(_) => c == '.' && missing_space_boundary(para, i),
        };
        if is_boundary {
            push_trimmed(para, start, j, span.start, &mut out);
            start = j;
        }
        at = j;
    }
    push_trimmed(para, start, para.len(), span.start, &mut out);
    out
}

/// The first sentence-ending character at or after byte `from`, and its
/// offset. Bytes are scanned, not characters decoded: every terminal is
/// ASCII or starts with one of three lead bytes, and most text is neither.
fn next_terminal(para: &str, from: usize) -> Option<(usize, char)> {
    let bytes = para.as_bytes();
    let mut at = from;
    while let Some(k) = bytes[at..]
        .iter()
        .position(|b| matches!(b, b'.' | b'!' | b'?' | 0xe2 | 0xe3 | 0xef))
    {
        let i = at + k;
        let c = para[i..].chars().next()?;
        if is_terminal(c) {
            return Some((i, c));
        }
        at = i + c.len_utf8();
    }
    None
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || is_opener(c)
        || !c.is_alphabetic() && !c.is_ascii_punctuation()
}

/// Whether the full stop at byte `dot_byte` belongs to an abbreviation or
/// initial that does not end the sentence here. `after` is the byte after
/// the terminal run.
fn abbreviation_blocks(para: &str, dot_byte: usize, after: usize) -> bool {
    let res = resources();
    let word_start = para[..dot_byte]
        .rfind(|c: char| c.is_whitespace() || is_opener(c))
        .map_or(0, |p| {
            p + para[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &para[word_start..dot_byte + 1];
    let next_word: String = para[after..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let next_starts_sentence = res.stopwords.contains(&next_word.to_lowercase());
    let lower = word.to_lowercase();
    match res.abbreviations.get(lower.as_str()) {
        Some(AbbrevClass::Title | AbbrevClass::Month) => return true,
        Some(AbbrevClass::Other) => return !next_starts_sentence,
        None => {}
    }
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    // An initial ("D.") or a dotted acronym ("N.A.T.O.") not in the list.
    let initial = letters.len() == 1 && letters[0].is_uppercase();
    let dotted = word.matches('.').count() >= 2 && letters.iter().all(|c| c.is_alphabetic());
    (initial || dotted) && !next_starts_sentence
}

/// "…the next level.According to…": a lowercase word, a full stop and a
/// capitalised word with no space between — a typing slip, not a domain
/// name or an abbreviation.
fn missing_space_boundary(para: &str, dot: usize) -> bool {
    let mut before = para[..dot].chars().rev();
    let before_lower = before.next().is_some_and(char::is_lowercase)
        && before.next().is_some_and(char::is_lowercase);
    let mut after = para[dot + 1..].chars();
    let after_word = after.next().is_some_and(char::is_uppercase)
        && after.next().is_some_and(char::is_lowercase);
    if !(before_lower && after_word) {
        return false;
    }
    // After the space, whatever its width ("\u{2006}" is three bytes).
    let word_start = (para[..dot].char_indices().rev())
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &para[word_start..dot];
    // "e.g.Something", "www.Example": dots inside the word mean it is not prose.
    !word.contains('.') && !word.contains('/') && !word.contains('@')
}

fn push_trimmed(para: &str, start: usize, end: usize, base: usize, out: &mut Vec<Span>) {
    let piece = &para[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(base + start + lead, base + end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| s.of(text))
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            split("Mr. Lee met Dr. Ortiz on Jan. 5 at No. 10 Downing Street. Victor D. Cha disagreed."),
            ["Mr. Lee met Dr. Ortiz on Jan. 5 at No. 10 Downing Street.", "Victor D. Cha disagreed."]
        );
    }

    #[test]
    fn ambiguous_abbreviations_split_before_a_new_sentence() {
        assert_eq!(
            split("Troops left the U.S. The base closed. Talks with the U.S. Navy resumed."),
            [
                "Troops left the U.S.",
                "The base closed.",
                "Talks with the U.S. Navy resumed."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences_and_speech_tags_stay() {
        assert_eq!(
            split("“We will not sign,” he said. “Why now?” she asked. He left. \"Enough.\" Then silence."),
            ["“We will not sign,” he said.", "“Why now?” she asked.", "He left.", "\"Enough.\"", "Then silence."]
        );
    }

    #[test]
    fn missing_space_after_a_full_stop() {
        assert_eq!(
            split("Ties reached a new level.According to experts, this matters. Visit example.com today."),
            ["Ties reached a new level.", "According to experts, this matters.", "Visit example.com today."]
        );
        // A wide space before the word (found by the `dates` fuzz target).
        assert_eq!(
            split("It rose\u{2006}level.According to them."),
            ["It rose\u{2006}level.", "According to them."]
        );
    }

    #[test]
    fn spans_respect_the_paragraph_offset() {
        let text = "Head.\n\nFirst one. Second one.";
        let spans = split_sentences(text, Span::new(7, text.len()));
        assert_eq!(spans, [Span::new(7, 17), Span::new(18, 29)]);
    }

    #[test]
    fn cjk_sentences_split_without_spaces() {
        assert_eq!(
            split("北京表示欢迎。双方将继续会谈。"),
            ["北京表示欢迎。", "双方将继续会谈。"]
        );
    }
}
