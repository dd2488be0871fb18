//! Quotation marks paired into quoted stretches, one paragraph at a time.
//!
//! Double quotes open and close a quotation, straight (`"…"`), curly
//! (`“…”`, `„…“`, `«…»`; a `“` after text and before no word closes) or
//! typed as two apostrophes (`''…''`, as news archives and typewriter copy
//! write them; of three, `'''`, the last two close the quotation). Single
//! curly quotes (`‘…’`) count only outside a double quotation and only when
//! the closing `’` is not an apostrophe (`don’t`, `Beijing’s`). News style
//! leaves a quotation that goes on into the next paragraph open at the
//! paragraph's end; such a stretch has no closing mark.

use dossier_model::Span;

/// One quoted stretch inside a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stretch {
    pub open: Span,
    /// `None` when the quotation runs on past the paragraph's end.
    pub close: Option<Span>,
    /// What stands between the marks, trimmed of spaces.
    pub content: Span,
    pub paragraph: usize,
}

impl Stretch {
    /// Where the stretch ends, closing mark included.
    pub fn end(&self) -> usize {
        self.close.map_or(self.content.end, |c| c.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight double quote: opens or closes as the stretch state needs.
    Either,
    SingleOpen,
    SingleClose,
}

/// Classifies the character at byte `i` of `para` as a quotation mark.
fn mark_at(para: &str, i: usize, c: char) -> Option<Mark> {
    let prev = para[..i].chars().next_back();
    let next = para[i + c.len_utf8()..].chars().next();
    let word_before = prev.is_some_and(char::is_alphanumeric);
    let word_after = next.is_some_and(char::is_alphanumeric);
    match c {
        // A left quote closing a quotation: German „…“, or a typing slip
        // ("…,“ he said"): text before it, no word after.
        '\u{201c}' if prev.is_some_and(|p| !p.is_whitespace()) && !word_after => Some(Mark::Close),
        '\u{201c}' | '\u{201e}' | '«' => Some(Mark::Open),
        // A right quote typed where a left one belongs: space before, word after.
        '\u{201d}' | '»' if !word_before && word_after && prev.is_none_or(char::is_whitespace) => {
            Some(Mark::Open)
        }
        '\u{201d}' | '»' => Some(Mark::Close),
        '"' => Some(Mark::Either),
        '\u{2018}' if !word_before => Some(Mark::SingleOpen),
        '\u{2019}' if !word_after => Some(Mark::SingleClose),
        _ => None,
    }
}

/// The quoted stretches of every paragraph, in text order.
pub(super) fn find_stretches(text: &str, paragraphs: &[Span]) -> Vec<Stretch> {
    let mut out = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        paragraph_stretches(text, *paragraph, index, &mut out);
    }
    out
}

fn paragraph_stretches(text: &str, span: Span, paragraph: usize, out: &mut Vec<Stretch>) {
    let para = span.of(text);
    // The open mark and whether it is a single quote.
    let mut open: Option<(Span, bool)> = None;
    let mut push = |open: Span, close: Option<Span>| {
        let inner = Span::new(open.end, close.map_or(span.end, |c| c.start));
        let content = trim(text, inner);
        if !content.is_empty() {
            out.push(Stretch {
                open,
                close,
                content,
                paragraph,
            });
        }
    };
    let mut in_tag = false;
    let bytes = para.as_bytes();
    // Bytes before this offset belong to a mark already read.
    let mut read_to = 0;
    for i in mark_candidates(bytes) {
        if i < read_to {
            continue;
        }
        let Some(c) = para[i..].chars().next() else {
            continue;
        };
        // Two apostrophes are one double mark; a lone one is an apostrophe.
        let doubled = c == '\'' && bytes.get(i + 1) == Some(&b'\'');
        if c == '\'' && (!doubled || bytes.get(i + 2) == Some(&b'\'')) {
            continue;
        }
        // Markup left in plain text (`<tweet author="@x">`): its quotes
        // delimit attribute values, not quotations.
        if c == '<' && para[i + 1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/') {
            in_tag = true;
        } else if c == '>' {
            in_tag = false;
        }
        let mark = if doubled {
            Some(Mark::Either)
        } else {
            mark_at(para, i, c)
        };
        let Some(mark) = mark.filter(|_| !in_tag) else {
            continue;
        };
        let width = if doubled { 2 } else { c.len_utf8() };
        read_to = i + width;
        let at = Span::new(span.start + i, span.start + i + width);
        match (open, mark) {
            (None, Mark::Open | Mark::Either) => open = Some((at, false)),
            (None, Mark::SingleOpen) => open = Some((at, true)),
            (Some((o, false)), Mark::Close | Mark::Either)
            | (Some((o, true)), Mark::SingleClose) => {
                push(o, Some(at));
                open = None;
            }
            // A double quote inside a single-quoted stretch: the single
            // quote was an apostrophe or a nested mark; start over.
            (Some((_, true)), Mark::Open | Mark::Either) => open = Some((at, false)),
            _ => {}
        }
    }
    // An unclosed single quote is an apostrophe ("the ‘90s"), not a quotation.
    if let Some((o, false)) = open {
        push(o, None);
    }
}

/// The offsets, in order, of the bytes that may matter to pairing: tag
/// brackets, straight double quotes, apostrophes and the first bytes of
/// `«»` (0xC2) and `‘’“”„` (0xE2). Found with memchr, which spares looking
/// at every character of the article.
fn mark_candidates(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let marks = memchr::memchr3_iter(b'"', 0xC2, 0xE2, bytes);
    let others = merged(
        memchr::memchr2_iter(b'<', b'>', bytes),
        memchr::memchr_iter(b'\'', bytes),
    );
    merged(marks, others)
}

/// Two ascending sequences of offsets as one.
fn merged(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// `span` without the white space at its ends.
pub(super) fn trim(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let start = span.start + (s.len() - s.trim_start().len());
    Span::new(start, start.max(span.start + s.trim_end().len()))
}
