//! A light arena tree of the page body, built from the token stream.
//!
//! Nodes are stored in document order (a parent always precedes its
//! children), so bottom-up sums are one reverse loop: no recursion anywhere,
//! whatever the nesting depth. Text stays a slice of the source until the
//! blocks that are kept are assembled.
//!
//! Tree building follows the HTML rules that matter for text: a block element
//! closes an open `<p>`, a new `<li>`/`<td>`/`<tr>`/`<dt>`/`<dd>`/`<option>`
//! closes its open sibling, stray end tags are ignored. Beyond
//! [`MAX_DEPTH`] open elements, further elements are flattened into the
//! deepest one, which bounds memory and time on hostile pages.

use super::lexer::{Attrs, Token};

/// Deepest nesting tracked.
pub const MAX_DEPTH: usize = 256;

/// How far up the open-element stack an end tag looks for its start tag.
const END_TAG_LOOKBACK: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Root,
    A,
    Article,
    Aside,
    Blockquote,
    Body,
    Br,
    Button,
    Caption,
    Dd,
    Details,
    Dialog,
    Div,
    Dl,
    Dt,
    Figcaption,
    Figure,
    Footer,
    Form,
    H(u8),
    Head,
    Header,
    Hr,
    Img,
    Input,
    Label,
    Li,
    Main,
    Menu,
    Nav,
    Ol,
    Option,
    P,
    Pre,
    Section,
    Select,
    Svg,
    Table,
    Td,
    Th,
    Time,
    Tr,
    Ul,
    Video,
    /// Any other element, inline for layout purposes.
    Inline,
    /// Any other element that starts a new block (address, center, …).
    OtherBlock,
    /// Elements whose content is never text (audio, canvas, object, …).
    Opaque,
    /// Other void elements (meta, link, wbr, …): never have content.
    Void,
}

impl Tag {
    pub fn of(name: &str) -> Tag {
        let mut buf = [0u8; 12];
        if name.len() > buf.len() {
            return Tag::Inline;
        }
        for (d, s) in buf.iter_mut().zip(name.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"a" => Tag::A,
            b"article" => Tag::Article,
            b"aside" => Tag::Aside,
            b"blockquote" => Tag::Blockquote,
            b"body" => Tag::Body,
            b"br" => Tag::Br,
            b"button" => Tag::Button,
            b"caption" => Tag::Caption,
            b"dd" => Tag::Dd,
            b"details" => Tag::Details,
            b"dialog" => Tag::Dialog,
            b"div" => Tag::Div,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"figcaption" => Tag::Figcaption,
            b"figure" => Tag::Figure,
            b"footer" => Tag::Footer,
            b"form" => Tag::Form,
            b"h1" => Tag::H(1),
            b"h2" => Tag::H(2),
            b"h3" => Tag::H(3),
            b"h4" => Tag::H(4),
            b"h5" => Tag::H(5),
            b"h6" => Tag::H(6),
            b"head" => Tag::Head,
            b"header" => Tag::Header,
            b"hr" => Tag::Hr,
            b"img" => Tag::Img,
            b"input" => Tag::Input,
            b"label" => Tag::Label,
            b"li" => Tag::Li,
            b"main" => Tag::Main,
            b"menu" => Tag::Menu,
            b"nav" => Tag::Nav,
            b"ol" => Tag::Ol,
            b"option" => Tag::Option,
            b"p" => Tag::P,
            b"pre" => Tag::Pre,
            b"section" => Tag::Section,
            b"select" => Tag::Select,
            b"svg" | b"math" => Tag::Svg,
            b"table" => Tag::Table,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"time" => Tag::Time,
            b"tr" => Tag::Tr,
            b"ul" => Tag::Ul,
            b"video" => Tag::Video,
            b"address" | b"center" | b"fieldset" | b"hgroup" | b"legend" | b"summary"
            | b"tbody" | b"thead" | b"tfoot" | b"frameset" | b"html" => Tag::OtherBlock,
            b"audio" | b"canvas" | b"object" | b"map" | b"picture" => Tag::Opaque,
            b"meta" | b"link" | b"base" | b"col" | b"param" | b"source" | b"track" | b"wbr"
            | b"area" | b"keygen" | b"embed" => Tag::Void,
            _ => Tag::Inline,
        }
    }

    /// Starts a new block of text (layout-wise).
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Inline | Tag::A | Tag::Time | Tag::Label | Tag::Img | Tag::Input | Tag::Void
        )
    }

    fn is_void(self) -> bool {
        matches!(self, Tag::Br | Tag::Hr | Tag::Img | Tag::Input | Tag::Void)
    }

    /// Block elements that implicitly close an open `<p>`.
    fn closes_p(self) -> bool {
        self.is_block()
            && !matches!(
                self,
                Tag::Br
                    | Tag::Td
                    | Tag::Th
                    | Tag::Tr
                    | Tag::Li
                    | Tag::Dd
                    | Tag::Dt
                    | Tag::Option
                    | Tag::Caption
                    | Tag::Figcaption
            )
    }
}

pub const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub tag: Tag,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next_sibling: u32,
    /// For text nodes (`tag == Inline` with `is_text`), the raw text.
    pub text: &'a str,
    pub is_text: bool,
    /// The element name as written (empty for text).
    pub name: &'a str,
    pub attrs: Attrs<'a>,
}

pub struct Dom<'a> {
    pub nodes: Vec<Node<'a>>,
}

impl<'a> Dom<'a> {
    pub fn children(&self, id: u32) -> Children<'_, 'a> {
        Children {
            dom: self,
            next: self.nodes[id as usize].first_child,
        }
    }
}

pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: u32,
}

impl Iterator for Children<'_, '_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        (self.next != NONE).then(|| {
            let id = self.next;
            self.next = self.dom.nodes[id as usize].next_sibling;
            id
        })
    }
}

/// Builds the tree from tokens. Tokens other than start/end tags and text
/// are passed to `other` (the caller reads metadata from them).
pub struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    open: Vec<u32>,
}

impl<'a> Builder<'a> {
    pub fn new() -> Builder<'a> {
        let root = Node {
            tag: Tag::Root,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            text: "",
            is_text: false,
            name: "",
            attrs: Attrs::default(),
        };
        Builder {
            nodes: vec![root],
            open: vec![0],
        }
    }

    fn current(&self) -> u32 {
        *self.open.last().unwrap_or(&0)
    }

    fn append(&mut self, mut node: Node<'a>) -> u32 {
        let parent = self.current();
        let id = self.nodes.len() as u32;
        node.parent = parent;
        let last = self.nodes[parent as usize].last_child;
        if last == NONE {
            self.nodes[parent as usize].first_child = id;
        } else {
            self.nodes[last as usize].next_sibling = id;
        }
        self.nodes[parent as usize].last_child = id;
        self.nodes.push(node);
        id
    }

    fn tag_of(&self, id: u32) -> Tag {
        self.nodes[id as usize].tag
    }

    /// Pops open elements up to and including the nearest `tag`, if it is
    /// open within the lookback and not beyond a `stop` element.
    fn close(&mut self, tag: Tag, stop: &[Tag]) -> bool {
        let len = self.open.len();
        for depth in (1..len).rev().take(END_TAG_LOOKBACK) {
            let t = self.tag_of(self.open[depth]);
            if t == tag {
                self.open.truncate(depth);
                return true;
            }
            if stop.contains(&t) {
                return false;
            }
        }
        false
    }

    pub fn feed(&mut self, token: Token<'a>) {
        match token {
            Token::Text(text) => {
                self.append(Node {
                    tag: Tag::Inline,
                    parent: NONE,
                    first_child: NONE,
                    last_child: NONE,
                    next_sibling: NONE,
                    text,
                    is_text: true,
                    name: "",
                    attrs: Attrs::default(),
                });
            }
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                let tag = Tag::of(name);
                if tag.closes_p() {
                    self.close(
                        Tag::P,
                        &[
                            Tag::Td,
                            Tag::Th,
                            Tag::Button,
                            Tag::Table,
                            Tag::Li,
                            Tag::Div,
                            Tag::Blockquote,
                        ],
                    );
                }
                match tag {
                    Tag::Li => {
                        self.close(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu]);
                    }
                    Tag::Dt | Tag::Dd if !self.close(Tag::Dd, &[Tag::Dl]) => {
                        self.close(Tag::Dt, &[Tag::Dl]);
                    }
                    Tag::Td | Tag::Th if !self.close(Tag::Td, &[Tag::Tr, Tag::Table]) => {
                        self.close(Tag::Th, &[Tag::Tr, Tag::Table]);
                    }
                    Tag::Tr => {
                        self.close(Tag::Tr, &[Tag::Table]);
                    }
                    Tag::Option => {
                        self.close(Tag::Option, &[Tag::Select]);
                    }
                    Tag::P => {
                        self.close(
                            Tag::P,
                            &[
                                Tag::Td,
                                Tag::Th,
                                Tag::Button,
                                Tag::Table,
                                Tag::Li,
                                Tag::Div,
                                Tag::Blockquote,
                            ],
                        );
                    }
                    _ => {}
                }
                let id = self.append(Node {
                    tag,
                    parent: NONE,
                    first_child: NONE,
                    last_child: NONE,
                    next_sibling: NONE,
                    text: "",
                    is_text: false,
                    name,
                    attrs,
                });
                if !self_closing && !tag.is_void() && self.open.len() < MAX_DEPTH {
                    self.open.push(id);
                }
            }
            Token::End { name } => {
                let tag = Tag::of(name);
                if tag == Tag::Inline {
                    // Unknown inline elements: close by name.
                    let len = self.open.len();
                    for depth in (1..len).rev().take(END_TAG_LOOKBACK) {
                        let node = &self.nodes[self.open[depth] as usize];
                        if node.tag == Tag::Inline && node.name.eq_ignore_ascii_case(name) {
                            self.open.truncate(depth);
                            break;
                        }
                    }
                } else if tag == Tag::Br {
                    // `</br>` acts as `<br>` in browsers.
                    self.feed(Token::Start {
                        name,
                        attrs: Attrs::default(),
                        self_closing: true,
                    });
                } else {
                    self.close(tag, &[]);
                }
            }
            Token::RawText { .. } => {}
        }
    }

    pub fn finish(self) -> Dom<'a> {
        Dom { nodes: self.nodes }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::Lexer;
    use super::*;

    fn build(html: &str) -> Dom<'_> {
        let mut b = Builder::new();
        for t in Lexer::new(html) {
            b.feed(t);
        }
        b.finish()
    }

    fn shape(dom: &Dom<'_>, id: u32) -> String {
        let node = &dom.nodes[id as usize];
        if node.is_text {
            return node.text.to_string();
        }
        let inner: Vec<String> = dom.children(id).map(|c| shape(dom, c)).collect();
        format!("{:?}[{}]", node.tag, inner.join(","))
    }

    #[test]
    fn implicit_closes() {
        let dom = build("<p>one<p>two<div>three</div><ul><li>a<li>b</ul>");
        assert_eq!(
            shape(&dom, 0),
            "Root[P[one],P[two],Div[three],Ul[Li[a],Li[b]]]"
        );
    }

    #[test]
    fn stray_end_tags_are_ignored() {
        let dom = build("</div><p>x</span></p>y");
        assert_eq!(shape(&dom, 0), "Root[P[x],y]");
    }

    #[test]
    fn depth_is_bounded() {
        let html = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
        let dom = build(&html);
        assert!(dom.nodes.len() == 10_002);
        let text = dom.nodes.iter().find(|n| n.is_text).unwrap();
        assert_eq!(text.text, "deep");
    }
}
