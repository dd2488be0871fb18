//! The one tokenizer: the text of a sentence → token byte spans, in the
//! manner of spaCy's English tokenizer (so the teacher's labels fit the
//! tokens): whitespace-separated chunks lose their opening punctuation
//! (quotes, brackets, currency signs) and closing punctuation (commas,
//! quotes, a final full stop unless the chunk is an abbreviation — "U.S.",
//! "Mr.", "p.m.", an initial "D."), clitics split off ("doesn't" → "does"
//! "n't", "can't" → "ca" "n't", "Iran's" → "Iran" "'s", "cannot" → "can"
//! "not"), and inside what remains dashes, hyphens between letters
//! ("well-known" → "well" "-" "known"), slashes and commas between letters
//! and "..." are tokens of their own. Numbers keep their inner punctuation
//! ("1,000", "3.5", "10:30", "2015-12-11"); URLs, e-mail addresses and
//! handles stay whole.

use crate::sentences::{is_abbreviation, is_stopword};

/// Appends the spans (absolute byte offsets) of the tokens of
/// `text[start..end]` — one sentence — to `out`.
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<(u32, u32)>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        // Skip whitespace (ASCII fast path; Unicode spaces too).
        let c = char_at(text, i);
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut j = i;
        while j < end {
            let b = bytes[j];
            if b < 0x80 {
                if b.is_ascii_whitespace() {
                    break;
                }
                j += 1;
            } else {
                let d = char_at(text, j);
                if d.is_whitespace() {
                    break;
                }
                j += d.len_utf8();
            }
        }
        let last = text[j..end].trim_start().is_empty();
        chunk(text, i, j, last, out);
        i = j;
    }
}

/// The tokens of `text` as string slices (tests and tools).
pub fn tokens(text: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    tokenize_into(text, 0, text.len(), &mut spans);
    spans
        .into_iter()
        .map(|(a, b)| &text[a as usize..b as usize])
        .collect()
}

/// The runs of characters that `inside` accepts within each token of
/// `text`, as byte spans, in order; a run never crosses from one token into
/// the next. A view for readers that compare words without their
/// punctuation (publication dates, the extraction benchmark's metric, the
/// link stage's normaliser): they take the tokenizer's word boundaries and
/// drop the marks, instead of scanning the text a second way.
pub fn runs_within_tokens(text: &str, inside: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, 0, text.len(), &mut spans);
    let mut runs = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        let (a, b) = (a as usize, b as usize);
        let mut start = None;
        for (i, c) in text[a..b].char_indices() {
            if inside(c) {
                start.get_or_insert(a + i);
            } else if let Some(s) = start.take() {
                runs.push((s, a + i));
            }
        }
        if let Some(s) = start {
            runs.push((s, b));
        }
    }
    runs
}

#[inline]
fn char_at(text: &str, at: usize) -> char {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        b as char
    } else {
        text[at..].chars().next().unwrap_or(' ')
    }
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn is_prefix_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201c}'
            | '\u{2018}'
            | '('
            | '['
            | '{'
            | '«'
            | '„'
            | '¿'
            | '¡'
            | '$'
            | '£'
            | '€'
            | '¥'
            | '`'
            | '*'
            | '—'
            | '–'
            | '…'
            | '<'
            | '~'
            | '•'
            | '·'
    )
}

fn is_suffix_char(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '\''
            | '\u{201d}'
            | '\u{2019}'
            | ')'
            | ']'
            | '}'
            | '»'
            | '%'
            | '…'
            | '—'
            | '–'
            | '*'
            | '>'
            | '•'
    )
}

/// Clitics split from the end of a word, lowercase, longest first within
/// each apostrophe; matched case-insensitively.
const CLITICS: [&str; 16] = [
    "n't",
    "n\u{2019}t",
    "'s",
    "\u{2019}s",
    "'re",
    "\u{2019}re",
    "'ve",
    "\u{2019}ve",
    "'ll",
    "\u{2019}ll",
    "'d",
    "\u{2019}d",
    "'m",
    "\u{2019}m",
    "'S",
    "\u{2019}S",
];

/// A URL, e-mail address or handle: no infix splitting.
fn is_link_like(s: &str) -> bool {
    s.contains("://") || s.starts_with("www.") || (s.contains('@') && s.len() > 1)
}

/// Whether the chunk (ending in a period) keeps its period: a listed
/// abbreviation, a dotted initialism ("U.S.", "p.m.", "Ph.D."), or an
/// initial ("D."). At the end of the sentence a listed abbreviation that is
/// also a function word ("no.") gives its period back.
fn keeps_period(core: &str, last_in_sentence: bool) -> bool {
    let body = &core[..core.len() - 1];
    if body.is_empty() {
        return false;
    }
    let letters_and_dots = body.chars().all(|c| c.is_alphabetic() || c == '.');
    if letters_and_dots && body.contains('.') && !body.ends_with('.') {
        return true; // U.S. p.m. Ph.D.
    }
    let mut it = body.chars();
    if let (Some(c), None) = (it.next(), it.next()) {
        if c.is_uppercase() {
            return true; // an initial
        }
    }
    let mut buf = [0u8; 32];
    let Some(lower) = ascii_lower(core, &mut buf) else {
        return is_abbreviation(&core.to_lowercase());
    };
    if !is_abbreviation(lower) {
        return false;
    }
    !(last_in_sentence && is_stopword(&lower[..lower.len() - 1]))
}

fn ascii_lower<'b>(s: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if s.len() > buf.len() || !s.is_ascii() {
        return None;
    }
    for (d, b) in buf.iter_mut().zip(s.bytes()) {
        *d = b.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..s.len()]).ok()
}

fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.is_char_boundary(s.len() - suffix.len())
        && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// One whitespace-separated chunk `text[a..b]`.
fn chunk(
    text: &str,
    mut a: usize,
    mut b: usize,
    last_in_sentence: bool,
    out: &mut Vec<(u32, u32)>,
) {
    let push = |out: &mut Vec<(u32, u32)>, s: usize, e: usize| out.push((s as u32, e as u32));
    // Prefixes.
    while a < b {
        let s = &text[a..b];
        if s.len() > 3 && s.starts_with("...") {
            push(out, a, a + 3);
            a += 3;
            continue;
        }
        if s.len() > 2 && s.starts_with("--") {
            push(out, a, a + 2);
            a += 2;
            continue;
        }
        let c = char_at(text, a);
        if is_prefix_char(c) && s.len() > c.len_utf8() {
            // "'s" and "'90s" stay whole.
            if matches!(c, '\'' | '\u{2019}') {
                let rest = &s[c.len_utf8()..];
                if CLITICS.iter().any(|k| s.eq_ignore_ascii_case(k))
                    || rest.starts_with(|d: char| d.is_ascii_digit())
                {
                    break;
                }
            }
            push(out, a, a + c.len_utf8());
            a += c.len_utf8();
            continue;
        }
        break;
    }
    // Suffixes, collected outermost first, emitted in reverse.
    let mut suffixes: [(usize, usize); 12] = [(0, 0); 12];
    let mut n_suffixes = 0;
    while a < b && n_suffixes < suffixes.len() {
        let s = &text[a..b];
        if s.len() > 3 && s.ends_with("...") {
            suffixes[n_suffixes] = (b - 3, b);
            n_suffixes += 1;
            b -= 3;
            continue;
        }
        let Some(c) = last_char(s) else { break };
        let cl = c.len_utf8();
        if s.len() > cl {
            if c == '.' {
                if is_link_like(s) && !last_in_sentence {
                    break;
                }
                if keeps_period(s, last_in_sentence && n_suffixes == 0) {
                    break;
                }
                suffixes[n_suffixes] = (b - 1, b);
                n_suffixes += 1;
                b -= 1;
                continue;
            }
            // A closing apostrophe that opens a clitic is handled below.
            if is_suffix_char(c) {
                suffixes[n_suffixes] = (b - cl, b);
                n_suffixes += 1;
                b -= cl;
                continue;
            }
        }
        if s.eq_ignore_ascii_case("cannot") {
            suffixes[n_suffixes] = (b - 3, b);
            n_suffixes += 1;
            b -= 3;
            continue;
        }
        // Clitics end in an apostrophe and up to two letters: look for one
        // (' or the last byte of ’) before trying each.
        let tail = &s.as_bytes()[s.len().saturating_sub(6)..];
        if !tail.iter().any(|&b| b == b'\'' || b == 0x99) {
            break;
        }
        let mut split = false;
        for k in CLITICS {
            if s.len() > k.len() && ends_with_ci(s, k) {
                let before = last_char(&s[..s.len() - k.len()]).unwrap_or(' ');
                // "n't" needs a letter before it; "'s" a letter or digit.
                if before.is_alphanumeric() {
                    suffixes[n_suffixes] = (b - k.len(), b);
                    n_suffixes += 1;
                    b -= k.len();
                    split = true;
                }
                break;
            }
        }
        if !split {
            break;
        }
    }
    if a < b {
        infixes(text, a, b, out);
    }
    for k in (0..n_suffixes).rev() {
        let (s, e) = suffixes[k];
        push(out, s, e);
    }
}

/// Splits the core of a chunk at infixes: dashes, "...", a hyphen, comma
/// or slash between letters, a full stop between a lowercase and an
/// uppercase letter.
fn infixes(text: &str, a: usize, b: usize, out: &mut Vec<(u32, u32)>) {
    let s = &text[a..b];
    if is_link_like(s) || s.len() == 1 {
        out.push((a as u32, b as u32));
        return;
    }
    let mut start = a;
    let mut prev: char = '\0';
    let mut i = a;
    while i < b {
        let c = char_at(text, i);
        let cl = c.len_utf8();
        let next = if i + cl < b {
            char_at(text, i + cl)
        } else {
            '\0'
        };
        // Width of an infix token starting at i, if any.
        let infix = match c {
            '—' | '–' | '…' => cl,
            '-' if next == '-' => {
                let mut k = i;
                while k < b && text.as_bytes()[k] == b'-' {
                    k += 1;
                }
                k - i
            }
            '.' if next == '.' => {
                let mut k = i;
                while k < b && text.as_bytes()[k] == b'.' {
                    k += 1;
                }
                k - i
            }
            '-' | ',' if prev.is_alphabetic() && next.is_alphabetic() => 1,
            '/' | ':' | '=' | '<' | '>' | '+' | '^'
                if prev.is_alphanumeric() && next.is_alphabetic() =>
            {
                1
            }
            '.' if (prev.is_lowercase() || prev == '"') && next.is_uppercase() => 1,
            _ => 0,
        };
        if infix > 0 && i > a {
            if start < i {
                out.push((start as u32, i as u32));
            }
            out.push((i as u32, (i + infix) as u32));
            i += infix;
            start = i;
            prev = c;
            continue;
        }
        prev = c;
        i += cl;
    }
    if start < b {
        out.push((start as u32, b as u32));
    }
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            tokens("Mr. Lee met U.S. officials at 3 p.m. in Washington, D.C."),
            [
                "Mr.",
                "Lee",
                "met",
                "U.S.",
                "officials",
                "at",
                "3",
                "p.m.",
                "in",
                "Washington",
                ",",
                "D.C."
            ]
        );
        assert_eq!(
            tokens("Troops left the U.S."),
            ["Troops", "left", "the", "U.S."]
        );
        assert_eq!(
            tokens("The answer was no."),
            ["The", "answer", "was", "no", "."]
        );
    }

    #[test]
    fn clitics_split_like_spacy() {
        assert_eq!(
            tokens("He doesn't know."),
            ["He", "does", "n't", "know", "."]
        );
        assert_eq!(
            tokens("We can't, won't and cannot."),
            ["We", "ca", "n't", ",", "wo", "n't", "and", "can", "not", "."]
        );
        assert_eq!(
            tokens("Iran’s leader isn’t here"),
            ["Iran", "’s", "leader", "is", "n’t", "here"]
        );
        assert_eq!(
            tokens("They're sure we'll win"),
            ["They", "'re", "sure", "we", "'ll", "win"]
        );
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(
            tokens("“We will not sign,” he said (again)."),
            ["“", "We", "will", "not", "sign", ",", "”", "he", "said", "(", "again", ")", "."]
        );
        assert_eq!(tokens("\"Enough.\""), ["\"", "Enough", ".", "\""]);
        assert_eq!(tokens("in the '90s"), ["in", "the", "'90s"]);
    }

    #[test]
    fn dashes_and_hyphens() {
        assert_eq!(
            tokens("a well-known deal—or not -- said the U.S.-led group"),
            [
                "a", "well", "-", "known", "deal", "—", "or", "not", "--", "said", "the",
                "U.S.-led", "group"
            ]
        );
        assert_eq!(tokens("COVID-19 and F-16s"), ["COVID-19", "and", "F-16s"]);
    }

    #[test]
    fn numbers_money_and_percentages() {
        assert_eq!(
            tokens("It cost $1,000.50, up 3.5% on 2015-12-11 at 10:30."),
            [
                "It",
                "cost",
                "$",
                "1,000.50",
                ",",
                "up",
                "3.5",
                "%",
                "on",
                "2015-12-11",
                "at",
                "10:30",
                "."
            ]
        );
    }

    #[test]
    fn links_stay_whole_and_missing_spaces_split() {
        assert_eq!(
            tokens("See https://example.com/a-b or mail info@un.org now"),
            [
                "See",
                "https://example.com/a-b",
                "or",
                "mail",
                "info@un.org",
                "now"
            ]
        );
        assert_eq!(
            tokens("new level.According to"),
            ["new", "level", ".", "According", "to"]
        );
        assert_eq!(tokens("wait... what"), ["wait", "...", "what"]);
    }

    #[test]
    fn runs_within_tokens_drop_marks_and_keep_token_boundaries() {
        let text = "U.S.-led talks doesn't end on 2025-03-13T09:00Z";
        let runs: Vec<&str> = super::runs_within_tokens(text, char::is_alphanumeric)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(
            runs,
            [
                "U", "S", "led", "talks", "does", "n", "t", "end", "on", "2025", "03", "13T09",
                "00Z"
            ]
        );
    }

    /// Tokens of arbitrary text are non-empty, in order, on character
    /// boundaries, and cover every non-space character.
    #[test]
    fn spans_cover_any_text() {
        let pieces = [
            "U.S.", "doesn't", "’s", "n’t", "--", "—", "...", "…", "\"", "“", "”", "'", "(", ")",
            "$", "%", "1,000.5", "a-b", "x/y", "e.g.", "www.a.b", "@x", "é", "北京", "。", " ",
            "\n", "\t", ".", ",", "Mr.", "'90s", "can't", "A.", "z", "\u{a0}", "a.B", "’", "-",
            "..",
        ];
        let mut seed = 0x1234_5678_9abc_def1u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let mut spans = Vec::new();
            super::tokenize_into(&text, 0, text.len(), &mut spans);
            let mut at = 0;
            for &(a, b) in &spans {
                let (a, b) = (a as usize, b as usize);
                assert!(a >= at && a < b && b <= text.len(), "{text:?}: {spans:?}");
                assert!(
                    text.is_char_boundary(a) && text.is_char_boundary(b),
                    "{text:?}"
                );
                assert!(
                    text[at..a].chars().all(char::is_whitespace),
                    "{text:?}: gap {:?}",
                    &text[at..a]
                );
                assert!(
                    !text[a..b].chars().any(char::is_whitespace),
                    "{text:?}: {:?}",
                    &text[a..b]
                );
                at = b;
            }
            assert!(
                text[at..].chars().all(char::is_whitespace),
                "{text:?}: tail"
            );
        }
    }
}
