//! Finding the article in the page tree, and turning it into blocks.
//!
//! The approach is the one readability made standard, measured and tuned on
//! news pages: every paragraph-like element scores its parent and
//! grandparent by its length and commas; containers whose class or id says
//! "article"/"content" gain, those that say "comment"/"related"/"share"
//! lose; link-heavy containers are discounted. The best container, plus
//! siblings that look like part of the same article, is the content. Its
//! subtrees that are boilerplate by element or by class are skipped, and the
//! remaining text is cut into blocks at block-element boundaries for the
//! cleaner to label.

use super::dom::{Dom, Tag, NONE};
use crate::clean::{is_cjk, Block, Hint};

/// Class/id words of containers that hold the article.
const POSITIVE: &[&str] = &[
    "article",
    "articlebody",
    "article-body",
    "body",
    "content",
    "entry",
    "entry-content",
    "hentry",
    "main",
    "page",
    "post",
    "post-content",
    "story",
    "story-body",
    "text",
    "blog",
    "prose",
    "rich",
];

/// Class/id words of containers that never hold the article text.
const NEGATIVE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "combx",
    "comment",
    "comments",
    "community",
    "consent",
    "cookie",
    "cookies",
    "disqus",
    "footer",
    "footnote",
    "masthead",
    "media",
    "meta",
    "modal",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pagination",
    "popup",
    "promo",
    "recommended",
    "related",
    "remark",
    "rss",
    "share",
    "sharing",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "toolbar",
    "tools",
    "widget",
    "author-bio",
    "bio",
    "signup",
    "paywall",
    "more-stories",
    "read-more",
    "trending",
    "most-popular",
    "mostread",
    "most-read",
    "teaser",
    "rollover",
    "tooltip",
    "hovercard",
];

/// Elements whose subtree is never article text.
fn is_skipped_element(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Head
            | Tag::Nav
            | Tag::Aside
            | Tag::Footer
            | Tag::Form
            | Tag::Button
            | Tag::Select
            | Tag::Option
            | Tag::Svg
            | Tag::Opaque
            | Tag::Dialog
            | Tag::Menu
            | Tag::Video
            | Tag::Figure
            | Tag::Figcaption
            | Tag::Input
            | Tag::Label
    )
}

/// +1 if a class/id value names article content, −1 if it names
/// boilerplate, 0 if neither (both: 0). Words and their dash-separated parts
/// are looked up case-insensitively, without allocating.
fn class_value_weight(value: &str) -> i32 {
    // Buckets by (length, first letter): most class words find no entry
    // with the same length and initial, so a lookup is a compare or two.
    type Buckets = Vec<Vec<(&'static str, i8)>>;
    static BUCKETS: std::sync::OnceLock<Buckets> = std::sync::OnceLock::new();
    const MAX_LEN: usize = 24;
    let key = |len: usize, first: u8| {
        len * 26 + usize::from(first.to_ascii_lowercase().wrapping_sub(b'a')).min(25)
    };
    let buckets = BUCKETS.get_or_init(|| {
        let mut b: Buckets = vec![Vec::new(); (MAX_LEN + 1) * 26];
        for (list, sign) in [(POSITIVE, 1i8), (NEGATIVE, -1i8)] {
            for word in list {
                b[key(word.len(), word.as_bytes()[0])].push((word, sign));
            }
        }
        b
    });
    let (mut pos, mut neg) = (false, false);
    let mut look = |part: &str| {
        if part.is_empty() || part.len() > MAX_LEN || !part.as_bytes()[0].is_ascii_alphabetic() {
            return;
        }
        for (word, sign) in &buckets[key(part.len(), part.as_bytes()[0])] {
            if word.eq_ignore_ascii_case(part) {
                pos |= *sign > 0;
                neg |= *sign < 0;
            }
        }
    };
    for word in value.split(|c: char| c.is_whitespace() || c == '_' || c == ':') {
        look(word);
        if word.contains('-') {
            word.split('-').for_each(&mut look);
        }
    }
    i32::from(pos) - i32::from(neg)
}

/// What an element's attributes say about it, read in one pass.
struct AttrFacts {
    /// +1 for a positive class/id word, −1 for a negative one, per attribute;
    /// +2 for `itemprop=articleBody`.
    weight: i32,
    hidden: bool,
}

fn attr_facts(dom: &Dom<'_>, id: u32) -> AttrFacts {
    let mut facts = AttrFacts {
        weight: 0,
        hidden: false,
    };
    for (name, value) in dom.nodes[id as usize].attrs.iter() {
        if name.eq_ignore_ascii_case("class") || name.eq_ignore_ascii_case("id") {
            facts.weight += class_value_weight(value);
        } else if name.eq_ignore_ascii_case("itemprop") {
            if value.eq_ignore_ascii_case("articleBody") {
                facts.weight += 2;
            }
        } else if name.eq_ignore_ascii_case("hidden") {
            facts.hidden = true;
        } else if name.eq_ignore_ascii_case("aria-hidden") {
            facts.hidden |= value.eq_ignore_ascii_case("true");
        } else if name.eq_ignore_ascii_case("style") {
            facts.hidden |= style_hides(value);
        }
    }
    facts
}

/// `display: none` or `visibility: hidden` in an inline style, however
/// spaced or cased.
fn style_hides(style: &str) -> bool {
    let lower = style.to_ascii_lowercase();
    if !lower.contains("none") && !lower.contains("hidden") {
        return false;
    }
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Length of text that counts: bytes of non-whitespace characters.
fn text_weight(text: &str) -> usize {
    text.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}

struct Stats {
    /// Inside a skipped element or hidden.
    skip: Vec<bool>,
    /// Text weight of the subtree.
    text: Vec<usize>,
    /// Text weight inside links.
    link: Vec<usize>,
    /// Class/id weight of each element (see [`AttrFacts`]).
    weight: Vec<i32>,
    /// Inside an element whose class/id marks boilerplate (and which is not
    /// a wrapper of most of the page).
    neg: Vec<bool>,
    /// Paragraph value of the element itself (0 if it is no paragraph), and
    /// summed over its subtree.
    value: Vec<f64>,
    value_sum: Vec<f64>,
}

fn stats(dom: &Dom<'_>) -> Stats {
    let n = dom.nodes.len();
    // Raw text per subtree, to recognise wrappers: ASP.NET pages wrap the
    // whole page in a <form>, and anti-flicker scripts hide <body> until
    // load. An element holding most of the page's text is never skipped.
    let mut raw = vec![0usize; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        if node.is_text {
            raw[i] = text_weight(node.text);
        }
        raw[node.parent as usize] += raw[i];
    }
    let mut skip = vec![false; n];
    let mut in_link = vec![false; n];
    let mut weight = vec![0; n];
    let mut neg = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let parent = node.parent as usize;
        let wrapper = raw[i] * 2 > raw[0];
        let mut hidden = false;
        if !node.is_text {
            let facts = attr_facts(dom, i as u32);
            weight[i] = facts.weight;
            hidden = facts.hidden;
        }
        neg[i] = neg[parent] || (weight[i] < 0 && !wrapper);
        skip[i] = skip[parent]
            || (!node.is_text
                && (node.tag == Tag::Head
                    || (!wrapper && (is_skipped_element(node.tag) || hidden))));
        in_link[i] = in_link[parent] || node.tag == Tag::A;
    }
    let mut text = vec![0; n];
    let mut link = vec![0; n];
    let mut inline = vec![0; n];
    let mut inline_link = vec![0; n];
    let mut commas = vec![0; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        if skip[i] {
            continue;
        }
        if node.is_text {
            let w = text_weight(node.text);
            text[i] = w;
            inline[i] = w;
            commas[i] = node.text.matches([',', '，', '、']).count();
            if in_link[i] {
                link[i] = w;
                inline_link[i] = w;
            }
        }
        let parent = node.parent as usize;
        text[parent] += text[i];
        link[parent] += link[i];
        if node.is_text || !node.tag.is_block() {
            inline[parent] += inline[i];
            inline_link[parent] += inline_link[i];
            commas[parent] += commas[i];
        }
    }
    // A paragraph: a block with enough text of its own (not inside a nested
    // block element), mostly not links.
    let mut value = vec![0.0; n];
    let mut value_sum = vec![0.0; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        if !node.is_text
            && !skip[i]
            && !neg[i]
            && node.tag.is_block()
            && inline[i] >= 25
            && density(inline_link[i], inline[i]) <= 0.5
        {
            value[i] = 1.0 + commas[i] as f64 + (inline[i] as f64 / 100.0).min(3.0);
        }
        value_sum[i] += value[i];
        let parent = node.parent as usize;
        value_sum[parent] += value_sum[i];
    }
    Stats {
        skip,
        text,
        link,
        weight,
        neg,
        value,
        value_sum,
    }
}

fn density(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The containers holding the article, in document order.
fn content_roots(dom: &Dom<'_>, st: &Stats) -> Vec<u32> {
    let n = dom.nodes.len();
    // Readability's scoring: each paragraph adds its value to its parent,
    // half to its grandparent, a quarter to the next.
    let mut score = vec![0.0f64; n];
    let mut scored = vec![false; n];
    for i in 1..n {
        if st.value[i] == 0.0 {
            continue;
        }
        let mut ancestor = dom.nodes[i].parent;
        for divider in [1.0, 2.0, 4.0] {
            if ancestor == NONE || ancestor == 0 {
                break;
            }
            let a = ancestor as usize;
            if !scored[a] {
                scored[a] = true;
                let tag_weight = match dom.nodes[a].tag {
                    Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
                    Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
                    Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
                    Tag::H(_) | Tag::Th => -5.0,
                    _ => 0.0,
                };
                score[a] = tag_weight + 25.0 * f64::from(st.weight[a]);
            }
            score[a] += st.value[i] / divider;
            ancestor = dom.nodes[a].parent;
        }
    }
    let adjusted = |i: usize| score[i] * (1.0 - density(st.link[i], st.text[i]));
    let Some(top) = (1..n)
        .filter(|&i| scored[i] && !st.skip[i] && !st.neg[i])
        .max_by(|&a, &b| adjusted(a).total_cmp(&adjusted(b)))
    else {
        // No paragraph anywhere (a short page, a table): all of it.
        return vec![0];
    };
    let top_score = adjusted(top);

    // Articles split into several containers (a lead section, then the
    // body) share an ancestor a few levels up: climb to the highest one
    // that adds real paragraph content.
    let mut root = top;
    let mut ancestor = dom.nodes[top].parent;
    for _ in 0..6 {
        if ancestor == NONE || ancestor == 0 {
            break;
        }
        let a = ancestor as usize;
        if matches!(dom.nodes[a].tag, Tag::Body | Tag::OtherBlock) || st.neg[a] {
            break;
        }
        let gain = st.value_sum[a] - st.value_sum[root];
        if gain >= (0.1 * st.value_sum[root]).max(3.0) {
            root = a;
        }
        ancestor = dom.nodes[a].parent;
    }
    let root = root as u32;
    let parent = dom.nodes[root as usize].parent;
    if parent == NONE || root as usize != top {
        return vec![root];
    }

    // Siblings of the top candidate that read as part of the article.
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.nodes[top].attrs.get("class");
    dom.children(parent)
        .filter(|&s| {
            let i = s as usize;
            if i == top {
                return true;
            }
            let node = &dom.nodes[i];
            if node.is_text || st.skip[i] || st.neg[i] {
                return false;
            }
            let bonus = if top_class.is_some() && node.attrs.get("class") == top_class {
                top_score * 0.2
            } else {
                0.0
            };
            if scored[i] && adjusted(i) + bonus >= threshold {
                return true;
            }
            if node.tag == Tag::P {
                let d = density(st.link[i], st.text[i]);
                return (st.text[i] > 80 && d < 0.25)
                    || (st.text[i] > 0 && d == 0.0 && ends_sentence(dom, s));
            }
            false
        })
        .collect()
}

fn ends_sentence(dom: &Dom<'_>, id: u32) -> bool {
    let mut last = None;
    let mut stack = vec![id];
    // The last text node of the subtree.
    while let Some(i) = stack.pop() {
        let node = &dom.nodes[i as usize];
        if node.is_text && !node.text.trim().is_empty() {
            last = Some(node.text.trim_end());
        }
        let children: Vec<u32> = dom.children(i).collect();
        stack.extend(children.into_iter().rev());
    }
    last.is_some_and(|t| t.ends_with(['.', '!', '?', '"', '”']))
}

/// Collects text blocks under `roots`, skipping boilerplate subtrees.
pub fn blocks(dom: &Dom<'_>) -> Vec<Block> {
    let st = stats(dom);
    let roots = content_roots(dom, &st);
    let total: usize = roots.iter().map(|&r| st.text[r as usize]).sum();
    let mut out = Vec::new();
    let mut gather = Gather::default();
    for root in roots {
        // Depth-first walk along first-child / next-sibling links: no stack,
        // no allocation, any depth.
        let mut id = root;
        loop {
            let i = id as usize;
            let node = &dom.nodes[i];
            let mut descend = false;
            if node.is_text {
                gather.push(node.text, gather.link_depth > 0);
            } else if !(st.skip[i] || (id != root && st.weight[i] < 0 && st.text[i] * 2 < total)) {
                gather.enter(node.tag, &mut out);
                descend = true;
            }
            if descend && node.first_child != NONE {
                id = node.first_child;
                continue;
            }
            if descend {
                gather.leave(node.tag, &mut out);
            }
            // Climb until a next sibling exists, leaving elements on the way.
            let mut at = id;
            loop {
                if at == root {
                    break;
                }
                let next = dom.nodes[at as usize].next_sibling;
                if next != NONE {
                    at = next;
                    break;
                }
                at = dom.nodes[at as usize].parent;
                gather.leave(dom.nodes[at as usize].tag, &mut out);
            }
            if at == root {
                break;
            }
            id = at;
        }
        gather.flush(&mut out);
    }
    out
}

fn hint_of(tag: Tag) -> Hint {
    match tag {
        Tag::H(level) => Hint::Heading(level.min(4)),
        Tag::Li | Tag::Dd | Tag::Dt | Tag::Tr => Hint::ListItem,
        Tag::P | Tag::Blockquote | Tag::Pre => Hint::Paragraph,
        _ => Hint::Plain,
    }
}

#[derive(Default)]
struct Gather {
    raw: String,
    raw_link: usize,
    link_depth: usize,
    hints: Vec<Hint>,
}

impl Gather {
    fn enter(&mut self, tag: Tag, out: &mut Vec<Block>) {
        if matches!(tag, Tag::Td | Tag::Th) {
            // A table row is one block, its cells separated by spaces.
            self.raw.push(' ');
        } else if tag.is_block() {
            self.flush(out);
            self.hints.push(hint_of(tag));
        }
        if tag == Tag::A {
            self.link_depth += 1;
        }
    }

    fn leave(&mut self, tag: Tag, out: &mut Vec<Block>) {
        if tag == Tag::A {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if matches!(tag, Tag::Td | Tag::Th) {
            self.raw.push(' ');
        } else if tag.is_block() {
            self.flush(out);
            self.hints.pop();
        }
    }

    fn push(&mut self, text: &str, in_link: bool) {
        // Scripts written without spaces (Chinese, Japanese) separate a
        // linked or emphasised word from its neighbours only by markup; keep
        // that boundary as a space so the word stays a word.
        let joins_cjk = match (self.raw.chars().last(), text.chars().next()) {
            (Some(a), Some(b)) => {
                !a.is_whitespace()
                    && !b.is_whitespace()
                    && (is_cjk(a) || is_cjk(b))
                    && a.is_alphanumeric()
                    && b.is_alphanumeric()
            }
            _ => false,
        };
        if joins_cjk {
            self.raw.push(' ');
        }
        self.raw.push_str(text);
        if in_link {
            self.raw_link += text_weight(text);
        }
    }

    fn flush(&mut self, out: &mut Vec<Block>) {
        if self.raw.trim().is_empty() {
            self.raw.clear();
            self.raw_link = 0;
            return;
        }
        let decoded = html_escape::decode_html_entities(&self.raw);
        let text = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
        let weight = text_weight(&text);
        // Lists of links (menus, "more stories") are not article text; a
        // paragraph with plenty of text of its own is, however linked.
        if density(self.raw_link, weight) < 0.6 || weight - self.raw_link.min(weight) >= 150 {
            let hint = self
                .hints
                .iter()
                .rev()
                .find(|h| **h != Hint::Plain)
                .copied()
                .unwrap_or(Hint::Plain);
            out.push(Block::new(text, hint));
        }
        self.raw.clear();
        self.raw_link = 0;
    }
}
