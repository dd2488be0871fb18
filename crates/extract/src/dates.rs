//! Publication dates as pages and bylines write them → ISO `YYYY-MM-DD`.
//!
//! Only unambiguous dates are read: `03/04/2025` could be March or April and
//! is left alone rather than guessed.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use dossier_lexicon::DATE_WORDS;
use dossier_lexicon::MONTHS;
use dossier_text::tokenize::runs_within_tokens;

struct DateLexicon {
    months: HashMap<String, u32>,
    /// Words allowed around a date on a line that is only a date.
    around: HashMap<String, String>,
}

fn lexicon() -> &'static DateLexicon {
    static LEX: OnceLock<DateLexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let pairs = |lexicon: &'static dossier_lexicon::Lexicon| {
            lexicon.rows().filter_map(|row| row.line.split_once('\t'))
        };
        DateLexicon {
            months: pairs(&MONTHS)
                .map(|(n, name)| (name.trim().to_string(), n.parse().expect("month number")))
                .collect(),
            around: pairs(&DATE_WORDS)
                .map(|(kind, w)| (w.trim().to_string(), kind.to_string()))
                .collect(),
        }
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    Number(&'a str),
}

/// Date pieces with, for each, the text that separates it from the next
/// one (numeric dates need a `-`, `/` or `.` there, not a space).
fn pieces_with_gaps(text: &str) -> (Vec<Token<'_>>, Vec<&str>) {
    let toks = pieces(text);
    let mut gaps = Vec::with_capacity(toks.len());
    let base = text.as_ptr() as usize;
    for pair in toks.windows(2) {
        let end = token_str(&pair[0]).as_ptr() as usize - base + token_str(&pair[0]).len();
        let start = token_str(&pair[1]).as_ptr() as usize - base;
        gaps.push(&text[end..start]);
    }
    gaps.push("");
    (toks, gaps)
}

fn token_str<'a>(t: &Token<'a>) -> &'a str {
    match t {
        Token::Word(w) | Token::Number(w) => w,
    }
}

/// The words and numbers of `text`: the letters and digits of the one
/// tokenizer's tokens (`dossier_text`), cut where digits meet letters
/// ("13th" → "13" "th", "13T09" → "13" "T" "09"), so the marks between a
/// date's numbers are the gaps [`find`] reads.
fn pieces(text: &str) -> Vec<Token<'_>> {
    fn token(piece: &str) -> Token<'_> {
        if piece.bytes().all(|b| b.is_ascii_digit()) {
            Token::Number(piece)
        } else {
            Token::Word(piece)
        }
    }
    let mut out = Vec::new();
    for (a, b) in runs_within_tokens(text, char::is_alphanumeric) {
        let run = &text[a..b];
        let mut start = 0;
        let mut prev_digit = None;
        for (i, c) in run.char_indices() {
            let digit = c.is_ascii_digit();
            if prev_digit.is_some_and(|p| p != digit) {
                out.push(token(&run[start..i]));
                start = i;
            }
            prev_digit = Some(digit);
        }
        out.push(token(&run[start..]));
    }
    out
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=2999).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first unambiguous date in `text`, as `YYYY-MM-DD`, with the index range
/// of the tokens it used.
fn find(tokens: &[Token<'_>], gaps: &[&str]) -> Option<(String, std::ops::Range<usize>)> {
    let lex = lexicon();
    // Numbers of a numeric date are joined by one separator: 2025-03-13,
    // 13.03.2025, 2025/3/13 — never by spaces ("2380 2 3" is a score line).
    let joined = |i: usize| matches!(gaps.get(i).copied(), Some("-" | "/" | "."));
    let month = |t: &Token<'_>| match t {
        Token::Word(w) => lex.months.get(&w.to_lowercase()).copied(),
        Token::Number(_) => None,
    };
    let num = |t: &Token<'_>| match t {
        Token::Number(n) if n.len() <= 4 => n.parse::<u32>().ok(),
        _ => None,
    };
    let year = |t: &Token<'_>| match t {
        Token::Number(n) if n.len() == 4 => n.parse::<u32>().ok(),
        _ => None,
    };
    // An ordinal suffix ("13th") is split off as a word by the tokenizer.
    let ordinal = |t: Option<&Token<'_>>| matches!(t, Some(Token::Word(w)) if matches!(w.to_lowercase().as_str(), "st" | "nd" | "rd" | "th"));
    for i in 0..tokens.len() {
        let t = &tokens[i];
        // 2025-03-13, 2025/3/13, 20250313 is not accepted (too easily a number).
        if let Some(y) = year(t).filter(|_| joined(i) && joined(i + 1)) {
            if let (Some(m), Some(d)) = (
                tokens.get(i + 1).and_then(num),
                tokens.get(i + 2).and_then(num),
            ) {
                if let Some(date) = valid(y, m, d) {
                    return Some((date, i..i + 3));
                }
            }
            // 2025 March 13 (rare) is not read; "March 2025" alone has no day.
        }
        // March 13, 2025 / Mar 13th 2025
        if let Some(m) = month(t) {
            let mut j = i + 1;
            if let Some(d) = tokens.get(j).and_then(num) {
                j += 1;
                if ordinal(tokens.get(j)) {
                    j += 1;
                }
                if let Some(y) = tokens.get(j).and_then(year) {
                    if let Some(date) = valid(y, m, d) {
                        return Some((date, i..j + 1));
                    }
                }
            }
        }
        // 13 March 2025 / 13th of March 2025 / 13 de marzo de 2025 / 13.03.2025
        if let Some(d) = num(t).filter(|_| !matches!(t, Token::Number(n) if n.len() > 2)) {
            let mut j = i + 1;
            if ordinal(tokens.get(j)) {
                j += 1;
            }
            if matches!(tokens.get(j), Some(Token::Word(w)) if matches!(w.to_lowercase().as_str(), "of" | "de"))
            {
                j += 1;
            }
            if let Some(m) = tokens.get(j).and_then(month) {
                j += 1;
                if matches!(tokens.get(j), Some(Token::Word(w)) if w.eq_ignore_ascii_case("de")) {
                    j += 1;
                }
                if let Some(y) = tokens.get(j).and_then(year) {
                    if let Some(date) = valid(y, m, d) {
                        return Some((date, i..j + 1));
                    }
                }
            } else if let (true, Some(m), Some(y)) = (
                joined(i) && joined(i + 1),
                tokens.get(i + 1).and_then(num),
                tokens.get(i + 2).and_then(year),
            ) {
                // Day-first numeric dates are read only when unambiguous.
                if d > 12 && m <= 12 {
                    if let Some(date) = valid(y, m, d) {
                        return Some((date, i..i + 3));
                    }
                } else if m > 12 && d <= 12 {
                    if let Some(date) = valid(y, d, m) {
                        return Some((date, i..i + 3));
                    }
                }
            }
        }
    }
    None
}

/// Reads a date from a metadata value (`2025-03-13T09:00:00Z`,
/// `Thu, 13 Mar 2025 09:00:00 GMT`, `March 13, 2025`, `２０２５-０３-１３`).
pub fn iso_date(value: &str) -> Option<String> {
    let value = fold_digits_and_dashes(value);
    let (toks, gaps) = pieces_with_gaps(&value);
    find(&toks, &gaps).map(|(date, _)| date)
}

/// Reads a publication date a source states (a JSON Lines `published`):
/// a full date as [`iso_date`] reads it, else a reduced ISO date (`2025-03`,
/// `2025`) kept at the precision given, since a month is still a fact the
/// source states. `None` for anything else ("not a date", `2025-13-45`).
pub fn given_date(value: &str) -> Option<String> {
    if let Some(date) = iso_date(value) {
        return Some(date);
    }
    let value = fold_digits_and_dashes(value.trim());
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match value.split_once('-') {
        None if digits(&value, 4) => Some(value.into_owned()),
        Some((y, m)) if digits(y, 4) && digits(m, 2) && ("01"..="12").contains(&m) => {
            Some(format!("{y}-{m}"))
        }
        _ => None,
    }
}

/// Zero in each script whose decimal digits dates are typed in besides
/// ASCII (each script's ten digits are consecutive code points).
const DIGIT_ZEROS: [u32; 7] = [
    0x0660, // Arabic-Indic
    0x06F0, // Extended Arabic-Indic (Persian, Urdu)
    0x0966, // Devanagari
    0x09E6, // Bengali
    0x0E50, // Thai
    0x1040, // Myanmar
    0xFF10, // full-width (Chinese, Japanese, Korean input methods)
];

/// `value` with other scripts' digits and the Unicode dashes, slashes and
/// full stops turned into their ASCII forms, so that `２０２５-０３-１３` and
/// `2025‐03‐13` (U+2010 HYPHEN) read as `2025-03-13`. Dates are parsed as
/// characters after this; nothing relies on a byte offset of the original.
pub fn fold_digits_and_dashes(value: &str) -> Cow<'_, str> {
    if value.is_ascii() {
        return Cow::Borrowed(value);
    }
    let fold = |c: char| -> char {
        let code = c as u32;
        if let Some(zero) = DIGIT_ZEROS.iter().find(|&&z| (z..z + 10).contains(&code)) {
            return char::from(b'0' + (code - zero) as u8);
        }
        match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{2044}' | '\u{2215}' | '\u{FF0F}' => '/',
            '\u{FF0E}' | '\u{3002}' => '.',
            '\u{FF1A}' => ':',
            c => c,
        }
    };
    Cow::Owned(value.chars().map(fold).collect())
}

/// If `line` is nothing but a date (with words like "Published:", a weekday,
/// a clock time), returns it as `YYYY-MM-DD`.
pub fn date_line(line: &str) -> Option<String> {
    let (toks, gaps) = pieces_with_gaps(line);
    if toks.len() > 14 {
        return None;
    }
    let (date, used) = find(&toks, &gaps)?;
    let lex = lexicon();
    // Besides framing words, a short line may name its outlet or place
    // ("Pamir Monitor, 18 March 2025"): up to three capitalised words.
    let mut names = 0;
    let rest_is_framing = toks.iter().enumerate().all(|(i, t)| {
        used.contains(&i)
            || match t {
                Token::Number(n) => n.len() <= 2 || n.len() == 4,
                Token::Word(w) if lex.around.contains_key(&w.to_lowercase()) => true,
                Token::Word(w) => {
                    names += 1;
                    names <= 3 && w.chars().next().is_some_and(char::is_uppercase)
                }
            }
    });
    rest_is_framing.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_metadata_dates() {
        assert_eq!(
            iso_date("2025-03-13T09:00:00+00:00").as_deref(),
            Some("2025-03-13")
        );
        assert_eq!(
            iso_date("Thu, 13 Mar 2025 09:00:00 GMT").as_deref(),
            Some("2025-03-13")
        );
        assert_eq!(iso_date("March 13th, 2025").as_deref(), Some("2025-03-13"));
        assert_eq!(
            iso_date("13 de marzo de 2025").as_deref(),
            Some("2025-03-13")
        );
        assert_eq!(iso_date("13.03.2025").as_deref(), Some("2025-03-13"));
        assert_eq!(iso_date("03/04/2025"), None, "ambiguous day and month");
        assert_eq!(iso_date("2025-02-30"), None);
    }

    #[test]
    fn unicode_digits_and_dashes_are_read_as_ascii() {
        for value in [
            "2025\u{2010}03\u{2010}13",
            "2025\u{2013}03\u{2013}13",
            "２０２５-０３-１３",
            "２０２５－０３－１３",
            "٢٠٢٥-٠٣-١٣",
            "13 March ２０２５",
        ] {
            assert_eq!(iso_date(value).as_deref(), Some("2025-03-13"), "{value}");
        }
    }

    #[test]
    fn given_dates_keep_reduced_precision_and_refuse_the_rest() {
        assert_eq!(given_date("2025-03").as_deref(), Some("2025-03"));
        assert_eq!(given_date("２０２５").as_deref(), Some("2025"));
        assert_eq!(
            given_date("２０２５‐０３‐１３").as_deref(),
            Some("2025-03-13")
        );
        for bad in ["not a date", "2025-13-45", "2025-13", "12345", "2025-3-"] {
            assert_eq!(given_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_lines_are_only_dates() {
        assert_eq!(
            date_line("Published: Thursday, 13 March 2025, 09:12 GMT").as_deref(),
            Some("2025-03-13")
        );
        assert_eq!(
            date_line("Updated March 14, 2025 at 7:05 p.m. ET").as_deref(),
            Some("2025-03-14")
        );
        assert_eq!(
            date_line("Pamir Monitor, 18 March 2025").as_deref(),
            Some("2025-03-18")
        );
        assert_eq!(
            date_line("The treaty was signed on March 13, 2025 in Astana."),
            None
        );
    }
}
