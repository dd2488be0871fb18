//! A forgiving, allocation-free HTML lexer: markup → tags, text and
//! comments. It cuts a page into HTML's own tokens, not words (the text it
//! yields is cut into words by `dossier_text`'s one tokenizer, later), so it
//! is named a lexer, to be told apart from that.
//!
//! Tokens borrow from the source: names and attribute values are slices,
//! attributes are parsed only when asked for. It never recurses, so a page
//! nested 100,000 levels deep costs no stack, and broken markup simply yields
//! text. Raw-text elements (`script`, `style`, …) come out whole, so a `<`
//! inside a script cannot derail it.

use memchr::{memchr, memchr2, memmem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A start tag; `name` keeps the source's case.
    Start {
        name: &'a str,
        attrs: Attrs<'a>,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    /// Text between tags, entities not yet decoded.
    Text(&'a str),
    /// A raw-text element (`script`, `style`, `title`, …) with its content.
    RawText {
        name: &'a str,
        attrs: Attrs<'a>,
        content: &'a str,
    },
}

/// Elements whose content is not markup. `noscript` is among them because a
/// browser with scripting on shows none of it, and its content usually
/// duplicates the page.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "template",
    "noscript",
    "plaintext",
];

pub fn is_raw_text(name: &str) -> bool {
    RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// The attribute source of a start tag, parsed on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attrs<'a>(&'a str);

impl<'a> Attrs<'a> {
    /// The raw value of the first attribute named `name` (ASCII
    /// case-insensitive); `Some("")` for an attribute without a value.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    pub fn iter(&self) -> AttrIter<'a> {
        AttrIter {
            src: self.0,
            pos: 0,
        }
    }
}

pub struct AttrIter<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Iterator for AttrIter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let b = self.src.as_bytes();
        loop {
            while self.pos < b.len() && (b[self.pos].is_ascii_whitespace() || b[self.pos] == b'/') {
                self.pos += 1;
            }
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            while self.pos < b.len()
                && !b[self.pos].is_ascii_whitespace()
                && !matches!(b[self.pos], b'=' | b'/')
            {
                self.pos += 1;
            }
            if self.pos == start {
                // A lone `=`: skip it.
                self.pos += 1;
                continue;
            }
            let name = &self.src[start..self.pos];
            while self.pos < b.len() && b[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if self.pos >= b.len() || b[self.pos] != b'=' {
                return Some((name, ""));
            }
            self.pos += 1;
            while self.pos < b.len() && b[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if self.pos < b.len() && matches!(b[self.pos], b'"' | b'\'') {
                let quote = b[self.pos];
                let vstart = self.pos + 1;
                let vend = memchr(quote, &b[vstart..]).map_or(b.len(), |o| vstart + o);
                self.pos = (vend + 1).min(b.len());
                return Some((name, &self.src[vstart..vend]));
            }
            let vstart = self.pos;
            while self.pos < b.len() && !b[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            return Some((name, &self.src[vstart..self.pos]));
        }
    }
}

pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Lexer<'a> {
        Lexer { src, pos: 0 }
    }

    /// Index of the next `<` that opens markup, from `from`.
    fn next_markup(&self, from: usize) -> usize {
        let b = self.src.as_bytes();
        let mut i = from;
        while let Some(off) = memchr(b'<', &b[i..]) {
            let at = i + off;
            match b.get(at + 1) {
                Some(c) if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?') => return at,
                _ => i = at + 1,
            }
        }
        b.len()
    }

    fn skip_past(&mut self, needle: &[u8]) {
        let b = self.src.as_bytes();
        match memmem::find(&b[self.pos..], needle) {
            Some(off) => self.pos += off + needle.len(),
            None => self.pos = b.len(),
        }
    }

    /// The tag name starting at `start`, and where it ends.
    fn name_at(&self, start: usize) -> (&'a str, usize) {
        let b = self.src.as_bytes();
        let mut end = start;
        while end < b.len() && !b[end].is_ascii_whitespace() && !matches!(b[end], b'>' | b'/') {
            end += 1;
        }
        (&self.src[start..end], end)
    }

    /// From just after a tag name: the attribute source, whether the tag is
    /// self-closing, and the index after the closing `>`. Quotes are honoured,
    /// so `>` inside an attribute value does not end the tag.
    fn tag_rest(&self, from: usize) -> (Attrs<'a>, bool, usize) {
        let b = self.src.as_bytes();
        let mut i = from;
        loop {
            match memchr2(b'>', b'"', &b[i..]).map(|o| i + o) {
                None => return (Attrs(&self.src[from..]), false, b.len()),
                Some(at) if b[at] == b'>' => {
                    let self_closing = at > from && b[at - 1] == b'/';
                    return (Attrs(&self.src[from..at]), self_closing, at + 1);
                }
                Some(at) => {
                    // Inside a double-quoted value: jump to its closing quote.
                    i = memchr(b'"', &b[at + 1..]).map_or(b.len(), |o| at + 1 + o + 1);
                    if i >= b.len() {
                        return (Attrs(&self.src[from..]), false, b.len());
                    }
                }
            }
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let b = self.src.as_bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let markup = self.next_markup(self.pos);
            if markup != self.pos {
                let text = &self.src[self.pos..markup];
                self.pos = markup;
                return Some(Token::Text(text));
            }
            match b.get(self.pos + 1) {
                Some(b'!') => {
                    if b[self.pos..].starts_with(b"<!--") {
                        self.pos += 4;
                        self.skip_past(b"-->");
                    } else {
                        self.skip_past(b">");
                    }
                }
                Some(b'?') => self.skip_past(b">"),
                Some(b'/') => {
                    let (name, end) = self.name_at(self.pos + 2);
                    self.pos = end;
                    self.skip_past(b">");
                    if !name.is_empty() {
                        return Some(Token::End { name });
                    }
                }
                _ => {
                    let (name, end) = self.name_at(self.pos + 1);
                    let (attrs, self_closing, next) = self.tag_rest(end);
                    self.pos = next;
                    if is_raw_text(name) && !self_closing {
                        let (content_end, after) = find_close_tag(&b[next..], name.as_bytes())
                            .map_or((b.len(), b.len()), |(at, after)| (next + at, next + after));
                        self.pos = after;
                        return Some(Token::RawText {
                            name,
                            attrs,
                            content: &self.src[next..content_end],
                        });
                    }
                    return Some(Token::Start {
                        name,
                        attrs,
                        self_closing,
                    });
                }
            }
        }
    }
}

/// Finds `</name` (any case) and the `>` after it; returns (start of the
/// closing tag, index just after it).
fn find_close_tag(hay: &[u8], name: &[u8]) -> Option<(usize, usize)> {
    let finder = memmem::Finder::new(b"</");
    let mut i = 0;
    while let Some(off) = finder.find(&hay[i..]) {
        let at = i + off;
        let after_name = at + 2 + name.len();
        if hay.len() >= after_name && hay[at + 2..after_name].eq_ignore_ascii_case(name) {
            let close = memchr(b'>', &hay[after_name..]).map_or(hay.len(), |o| after_name + o + 1);
            return Some((at, close));
        }
        i = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_tags_text_and_raw_text() {
        let toks: Vec<_> =
            Lexer::new("<P class=\"a>b\" id=x>x &amp; y<br/><script>if (a<b) {}</script></p>")
                .collect();
        let Token::Start {
            name,
            attrs,
            self_closing,
        } = toks[0]
        else {
            panic!()
        };
        assert_eq!(
            (name, attrs.get("class"), attrs.get("ID"), self_closing),
            ("P", Some("a>b"), Some("x"), false)
        );
        assert_eq!(toks[1], Token::Text("x &amp; y"));
        assert!(matches!(
            toks[2],
            Token::Start {
                name: "br",
                self_closing: true,
                ..
            }
        ));
        assert!(matches!(
            toks[3],
            Token::RawText {
                name: "script",
                content: "if (a<b) {}",
                ..
            }
        ));
        assert_eq!(toks[4], Token::End { name: "p" });
    }

    #[test]
    fn broken_markup_yields_text_not_panics() {
        for src in [
            "<",
            "<p",
            "<a href='x",
            "a < b and c > d",
            "<!--",
            "</",
            "<script>",
            "<\u{e9}>",
            "<a b=\"",
            "<a b=\">",
        ] {
            let _ = Lexer::new(src).count();
        }
        let text: Vec<_> = Lexer::new("a < b").collect();
        assert_eq!(text, vec![Token::Text("a < b")]);
    }

    #[test]
    fn attributes_without_values_and_quotes() {
        let attrs = Attrs(" hidden data-x='1 2' class=main  ");
        let all: Vec<_> = attrs.iter().collect();
        assert_eq!(all, [("hidden", ""), ("data-x", "1 2"), ("class", "main")]);
    }
}
