//! A forgiving, allocation-light HTML tokenizer.
//!
//! It never builds a tree and never recurses, so a page nested 100,000
//! levels deep costs no stack, and broken markup simply yields text. Raw-text
//! elements (`script`, `style`, …) are skipped whole, so `<` inside scripts
//! cannot derail it.

/// One token. Names are lowercased ASCII; attribute values are raw (entities
/// not yet decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Start {
        name: String,
        attrs: Vec<(String, &'a str)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    Text(&'a str),
    /// The content of a raw-text element (`script`, `style`, `title`, …).
    RawText {
        name: String,
        attrs: Vec<(String, &'a str)>,
        content: &'a str,
    },
}

const RAW_TEXT: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "template",
];

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Tokenizer<'a> {
        Tokenizer { src, pos: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Index of the next `<` that opens markup, from `from`.
    fn next_markup(&self, from: usize) -> usize {
        let b = self.bytes();
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

    fn skip_to(&mut self, needle: &[u8]) {
        let b = self.bytes();
        match find(&b[self.pos..], needle) {
            Some(off) => self.pos += off + needle.len(),
            None => self.pos = b.len(),
        }
    }

    fn name_at(&self, start: usize) -> (String, usize) {
        let b = self.bytes();
        let mut end = start;
        while end < b.len() && !b[end].is_ascii_whitespace() && !matches!(b[end], b'>' | b'/') {
            end += 1;
        }
        (self.src[start..end].to_ascii_lowercase(), end)
    }

    fn attrs(&mut self) -> (Vec<(String, &'a str)>, bool) {
        let b = self.bytes();
        let src = self.src;
        let mut attrs = Vec::new();
        loop {
            while self.pos < b.len() && (b[self.pos].is_ascii_whitespace() || b[self.pos] == b'/') {
                if b[self.pos] == b'/' && b.get(self.pos + 1) == Some(&b'>') {
                    self.pos += 2;
                    return (attrs, true);
                }
                self.pos += 1;
            }
            if self.pos >= b.len() {
                return (attrs, false);
            }
            if b[self.pos] == b'>' {
                self.pos += 1;
                return (attrs, false);
            }
            let start = self.pos;
            while self.pos < b.len()
                && !b[self.pos].is_ascii_whitespace()
                && !matches!(b[self.pos], b'=' | b'>' | b'/')
            {
                self.pos += 1;
            }
            let name = src[start..self.pos].to_ascii_lowercase();
            if self.pos == start {
                // A stray character that starts no attribute name.
                self.pos += 1;
                continue;
            }
            while self.pos < b.len() && b[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            let mut value = "";
            if self.pos < b.len() && b[self.pos] == b'=' {
                self.pos += 1;
                while self.pos < b.len() && b[self.pos].is_ascii_whitespace() {
                    self.pos += 1;
                }
                if self.pos < b.len() && matches!(b[self.pos], b'"' | b'\'') {
                    let quote = b[self.pos];
                    let vstart = self.pos + 1;
                    let vend = memchr(quote, &b[vstart..]).map_or(b.len(), |o| vstart + o);
                    value = &src[vstart..vend];
                    self.pos = (vend + 1).min(b.len());
                } else {
                    let vstart = self.pos;
                    while self.pos < b.len()
                        && !b[self.pos].is_ascii_whitespace()
                        && b[self.pos] != b'>'
                    {
                        self.pos += 1;
                    }
                    value = &src[vstart..self.pos];
                }
            }
            attrs.push((name, value));
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let b = self.bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            if b[self.pos] != b'<' || self.next_markup(self.pos) != self.pos {
                let end = self.next_markup(self.pos);
                let text = &self.src[self.pos..end];
                self.pos = end;
                return Some(Token::Text(text));
            }
            match b.get(self.pos + 1) {
                Some(b'!') => {
                    if b[self.pos..].starts_with(b"<!--") {
                        self.pos += 4;
                        self.skip_to(b"-->");
                    } else if b[self.pos..].len() >= 9
                        && b[self.pos + 2..self.pos + 9].eq_ignore_ascii_case(b"[CDATA[")
                    {
                        self.pos += 9;
                        self.skip_to(b"]]>");
                    } else {
                        self.skip_to(b">");
                    }
                }
                Some(b'?') => self.skip_to(b">"),
                Some(b'/') => {
                    let (name, end) = self.name_at(self.pos + 2);
                    self.pos = end;
                    self.skip_to(b">");
                    if !name.is_empty() {
                        return Some(Token::End { name });
                    }
                }
                _ => {
                    let (name, end) = self.name_at(self.pos + 1);
                    self.pos = end;
                    let (attrs, self_closing) = self.attrs();
                    if RAW_TEXT.contains(&name.as_str()) && !self_closing {
                        let start = self.pos;
                        let close = find_close_tag(&b[start..], name.as_bytes());
                        let (content_end, next) = match close {
                            Some((at, after)) => (start + at, start + after),
                            None => (b.len(), b.len()),
                        };
                        self.pos = next;
                        return Some(Token::RawText {
                            name,
                            attrs,
                            content: &self.src[start..content_end],
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

/// Finds `</name` (any case) followed by `>`; returns (start of the closing
/// tag, index just after it).
fn find_close_tag(hay: &[u8], name: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(off) = find(&hay[i..], b"</") {
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

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while let Some(off) = memchr(first, &hay[i..]) {
        let at = i + off;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_tags_text_and_raw_text() {
        let toks: Vec<_> =
            Tokenizer::new("<P class=\"a\">x &amp; y<br/><script>if (a<b) {}</script></p>")
                .collect();
        assert_eq!(
            toks,
            vec![
                Token::Start {
                    name: "p".into(),
                    attrs: vec![("class".into(), "a")],
                    self_closing: false
                },
                Token::Text("x &amp; y"),
                Token::Start {
                    name: "br".into(),
                    attrs: vec![],
                    self_closing: true
                },
                Token::RawText {
                    name: "script".into(),
                    attrs: vec![],
                    content: "if (a<b) {}"
                },
                Token::End { name: "p".into() },
            ]
        );
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
        ] {
            let _ = Tokenizer::new(src).count();
        }
        let text: Vec<_> = Tokenizer::new("a < b").collect();
        assert_eq!(text, vec![Token::Text("a < b")]);
    }
}
