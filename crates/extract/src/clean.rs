//! The block cleaner: decides, for each block of a page or pasted text,
//! whether it is the title, a subhead, body, a byline, a date line or debris.
//!
//! It works on features any article has — length, final punctuation,
//! function-word ratio, capitalisation, position, repetition, link-likeness —
//! and on the cue lexicon in `lexicons/debris_cues.tsv`. Nothing here is keyed
//! to a site or to a particular article.
//!
//! The decision runs in passes over the whole block list, because position
//! matters: a short capitalised line is a title before the body, a subhead
//! between body paragraphs and debris after the body ends.

use std::collections::HashMap;
use std::ops::Range;

use crate::dates;
use crate::lexicon::{normalize, Cue, Lexicon, Scope};

/// What the markup (if any) says a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Plain text: no markup.
    Plain,
    Paragraph,
    /// `<h1>`..`<h6>`.
    Heading(u8),
    ListItem,
}

/// A unit of text the cleaner labels: a line or paragraph of plain text, or a
/// block element of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub hint: Hint,
    /// The source lines this block was made from (plain text only; used to
    /// score the cleaner line by line).
    pub lines: Range<usize>,
}

impl Block {
    pub fn new(text: impl Into<String>, hint: Hint) -> Block {
        Block {
            text: text.into(),
            hint,
            lines: 0..0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Title,
    Subhead,
    Body,
    /// A byline, with the author's name.
    Byline(String),
    /// A line holding only the publication date, as `YYYY-MM-DD`.
    Dateline(String),
    /// Not part of the article; the reason names the evidence.
    Debris(&'static str),
}

/// Blocks with their labels.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub blocks: Vec<Block>,
    pub labels: Vec<Label>,
}

impl Cleaned {
    pub fn title(&self) -> Option<&str> {
        self.find(|l| matches!(l, Label::Title))
            .map(|i| self.blocks[i].text.as_str())
    }

    pub fn author(&self) -> Option<&str> {
        self.labels.iter().find_map(|l| match l {
            Label::Byline(name) => Some(name.as_str()),
            _ => None,
        })
    }

    pub fn published(&self) -> Option<&str> {
        self.labels.iter().find_map(|l| match l {
            Label::Dateline(date) => Some(date.as_str()),
            _ => None,
        })
    }

    /// The blocks kept in the clean text, in order.
    pub fn kept(&self) -> impl Iterator<Item = (&Block, &Label)> {
        self.blocks
            .iter()
            .zip(&self.labels)
            .filter(|(_, l)| matches!(l, Label::Body | Label::Subhead))
    }

    fn find(&self, pred: impl Fn(&Label) -> bool) -> Option<usize> {
        self.labels.iter().position(pred)
    }
}

/// Splits plain text into blocks: one per line, except that hard-wrapped
/// paragraphs (lines broken at a fixed width, as in e-mail and newsletters)
/// are joined back into one block.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let width = wrap_width(&lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut joinable = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            joinable = false;
            continue;
        }
        if joinable {
            if let Some(last) = blocks.last_mut() {
                last.text.push(' ');
                last.text.push_str(line);
                last.lines.end = i + 1;
                joinable = continues(line, width);
                continue;
            }
        }
        blocks.push(Block {
            text: line.to_string(),
            hint: Hint::Plain,
            lines: i..i + 1,
        });
        joinable = continues(line, width);
    }
    blocks
}

/// The width a text is hard-wrapped at, if it is: many lines end within a
/// few characters of one maximum of at most 100 characters.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .collect();
    if lengths.len() < 4 {
        return None;
    }
    let mut sorted = lengths.clone();
    sorted.sort_unstable();
    let width = sorted[(sorted.len() * 95).div_ceil(100) - 1];
    if !(40..=100).contains(&width) {
        return None;
    }
    let near_full = lengths
        .iter()
        .filter(|&&n| n * 10 >= width * 8 && n <= width + 2)
        .count();
    (near_full * 10 >= lengths.len() * 4).then_some(width)
}

/// Whether a line of hard-wrapped text continues on the next line: it nearly
/// fills the wrap width.
fn continues(line: &str, width: Option<usize>) -> bool {
    width.is_some_and(|w| line.chars().count() * 10 >= w * 7)
        && Lexicon::get().cue(&normalize(line), false).is_none()
}

/// Features of one block, computed once.
struct Features<'l> {
    words: usize,
    ends_sentence: bool,
    ends_colon: bool,
    has_lower: bool,
    all_caps: bool,
    starts_well: bool,
    link_like: bool,
    nav_line: bool,
    spam: bool,
    bullet: bool,
    cue: Option<&'l Cue>,
    date: Option<String>,
    byline: Option<String>,
    norm: String,
}

/// Longest block (in words) to which a `line` or `end` cue applies: longer
/// blocks are prose that merely mentions the phrase.
const CUE_MAX_WORDS: usize = 40;

fn features<'l>(block: &Block, lex: &'l Lexicon) -> Features<'l> {
    let text = block.text.as_str();
    let norm = normalize(text);
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let words = tokens.len() + cjk / 2;
    let alpha_words: Vec<String> = norm
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_string)
        .collect();
    let stops = alpha_words.iter().filter(|w| lex.is_stopword(w)).count();
    let trimmed_end = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '»' | '*'
        ) || c.is_whitespace()
    });
    let last = trimmed_end.chars().last();
    let ends_sentence = matches!(last, Some('.' | '!' | '?' | '…' | '。' | '！' | '？'));
    let first = text.chars().next();
    let bullet = matches!(first, Some('•' | '·' | '▪' | '–' | '-' | '*' | '◦'))
        && text.chars().nth(1).is_some_and(char::is_whitespace)
        || ordered_item(text);
    let starts_well = first.is_some_and(|c| {
        c.is_uppercase()
            || c.is_numeric()
            || is_cjk(c)
            || matches!(
                c,
                '"' | '\u{201c}' | '\u{2018}' | '\'' | '«' | '„' | '(' | '¿' | '¡'
            )
    }) || bullet;
    let has_lower = text.chars().any(char::is_lowercase);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters >= 3 && !has_lower && !text.chars().any(is_cjk);
    let link_like = tokens.iter().filter(|t| is_link_token(t)).count() * 2 >= tokens.len().max(1);
    let nav_line = tokens.len() >= 2
        && alpha_words.len() >= 2
        && alpha_words.iter().all(|w| lex.is_nav_word(w))
        || text.matches(['|', '»', '›', '>']).count() >= 2 && !ends_sentence;
    let spam = tokens.len() <= 4
        && !ends_sentence
        && tokens.iter().any(|t| {
            let has_digit = t.chars().any(|c| c.is_ascii_digit());
            let has_alpha = t.chars().any(char::is_alphabetic);
            let mixed_case =
                t.chars().skip(1).any(char::is_uppercase) && t.chars().any(char::is_lowercase);
            has_digit && has_alpha && (mixed_case || t.chars().any(char::is_lowercase))
        })
        && stops == 0;
    // CMS shortcodes left in the text: "[button link=…]Send us…[/button]".
    let shortcode = text.starts_with('[') && text.contains("[/");
    let cue = lex
        .cue(&norm, !ends_sentence && words <= 12)
        .filter(|cue| cue.scope == Scope::Exact || words <= CUE_MAX_WORDS);
    let date = (words <= 14).then(|| dates::date_line(text)).flatten();
    let byline = (words <= 12).then(|| byline(text, lex)).flatten();
    Features {
        words,
        ends_sentence,
        ends_colon: last == Some(':'),
        has_lower,
        all_caps,
        starts_well,
        link_like,
        nav_line,
        spam: spam || shortcode,
        bullet,
        cue,
        date,
        byline,
        norm,
    }
}

/// Scripts written without spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0xff66..=0xff9f)
}

fn ordered_item(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && text[digits..].starts_with(['.', ')'])
        && text[digits + 1..].starts_with(' ')
}

fn is_link_token(token: &str) -> bool {
    let t =
        token.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | ',' | '.'));
    t.starts_with("http://")
        || t.starts_with("https://")
        || t.starts_with("www.")
        || (t.starts_with('@') && t.len() > 1)
        || (t.starts_with('#') && t.len() > 1 && t[1..].chars().all(char::is_alphanumeric))
        || (t.contains('@') && t.contains('.') && !t.ends_with('@'))
}

/// "By Jane Doe", "Written by Jane Doe | Staff Writer", "Author: Jane Doe",
/// "(Reporting by Jane Doe; Editing by John Roe)".
fn byline(text: &str, lex: &Lexicon) -> Option<String> {
    let text = text.trim_start_matches('(');
    let lower = text.to_lowercase();
    let opener = lex.byline_openers().find(|o| lower.starts_with(*o))?;
    name_part(text.get(opener.len()..)?, lex)
}

/// The name in an author field as pages fill it: "By TOM KRISHER, AP Auto
/// Writer" → "TOM KRISHER"; `None` when what is left is not a name.
pub(crate) fn author_name(value: &str) -> Option<String> {
    let lex = Lexicon::get();
    let lower = value.to_lowercase();
    let rest = match lex.byline_openers().find(|o| lower.starts_with(*o)) {
        Some(opener) => &value[opener.len()..],
        None => value,
    };
    name_part(rest, lex).or_else(|| {
        // Several authors or unusual names: keep the field as given.
        let trimmed = rest.trim();
        (!trimmed.is_empty() && trimmed.split_whitespace().count() <= 12)
            .then(|| trimmed.to_string())
    })
}

/// The name at the start of `rest`, up to a separator or a job title.
fn name_part(rest: &str, lex: &Lexicon) -> Option<String> {
    let mut name = rest
        .split(['|', '•', '·', '—', '–', '/', ';', ')'])
        .next()?
        .trim();
    // "Jane Doe, Staff Writer": drop the job title after the comma.
    if let Some((head, tail)) = name.split_once(',') {
        let first = tail.split_whitespace().next().unwrap_or("").to_lowercase();
        if lex.is_role_word(&first)
            || tail
                .split_whitespace()
                .any(|w| lex.is_role_word(&w.to_lowercase()))
        {
            name = head.trim();
        }
    }
    let name = name.trim_end_matches([',', '.', ':']).trim();
    let name_words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = name_words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let connectors = name_words
        .iter()
        .filter(|w| lex.is_name_connector(w))
        .count();
    ((1..=8).contains(&name_words.len())
        && capitalised + connectors == name_words.len()
        && capitalised >= 1)
        .then(|| name.to_string())
}

impl Features<'_> {
    /// Reads as running prose: a sentence or more.
    fn is_prose(&self) -> bool {
        if self.link_like || self.nav_line || self.spam {
            return false;
        }
        self.words >= 20
            || (self.words >= 8 && self.ends_sentence)
            || (self.words >= 2 && self.ends_sentence && self.starts_well && self.has_lower)
            || (self.words > 6 && self.ends_colon && self.has_lower)
            || (self.bullet && self.words >= 3)
    }

    /// Reads as a heading: a short line without a final full stop.
    fn is_headline_like(&self) -> bool {
        (2..=30).contains(&self.words)
            && (!self.ends_colon || self.words <= 6)
            && !self.link_like
            && !self.nav_line
            && !self.spam
            && self.starts_well
            && (!self.ends_sentence || self.norm.ends_with('?') || self.norm.ends_with('!'))
    }

    fn hard_debris(&self) -> Option<Label> {
        if let Some(date) = &self.date {
            return Some(Label::Dateline(date.clone()));
        }
        if let Some(name) = &self.byline {
            return Some(Label::Byline(name.clone()));
        }
        if self.cue.is_some() {
            return Some(Label::Debris("cue"));
        }
        if self.link_like {
            return Some(Label::Debris("link"));
        }
        if self.nav_line {
            return Some(Label::Debris("navigation"));
        }
        if self.spam {
            return Some(Label::Debris("spam token"));
        }
        None
    }
}

/// Labels every block. `known_title` is the title the page's metadata gives
/// (HTML); a block repeating it is taken as the title.
pub fn classify(blocks: Vec<Block>, known_title: Option<&str>) -> Cleaned {
    let lex = Lexicon::get();
    let feats: Vec<Features> = blocks.iter().map(|b| features(b, lex)).collect();
    let n = blocks.len();
    let markup = blocks.iter().any(|b| b.hint != Hint::Plain);
    let mut labels: Vec<Option<Label>> = feats.iter().map(Features::hard_debris).collect();

    // Short lines that occur more than once (navigation repeated at top and
    // bottom, related-story lists) are debris wherever they stand; the title
    // is the exception, handled below.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for f in &feats {
        *seen.entry(f.norm.as_str()).or_default() += 1;
    }

    // A "Read more:" header takes the list of links under it with it: the
    // items that follow, up to the next sentence, are story titles.
    let mut in_related = false;
    for (f, label) in feats.iter().zip(labels.iter_mut()) {
        if f.cue.is_some_and(|c| c.kind == "related") {
            in_related = true;
        } else if in_related && label.is_none() && !f.ends_sentence && f.words <= 20 {
            *label = Some(Label::Debris("related link"));
        } else if label.is_none() {
            in_related = false;
        }
    }

    // A heading is never prose, however long: a deck in an <h2> is not the
    // first paragraph.
    let prose: Vec<bool> = feats
        .iter()
        .zip(&labels)
        .zip(&blocks)
        .map(|((f, l), b)| l.is_none() && f.is_prose() && !matches!(b.hint, Hint::Heading(_)))
        .collect();
    // Pages that mark paragraphs with <p> start their body at a <p>: text
    // before it in bare <div>s or lists is a summary, key points or a
    // caption; and bare-<div> text between paragraphs is captions and widgets.
    let paragraph_page = blocks.iter().filter(|b| b.hint == Hint::Paragraph).count() >= 3;
    // A question headline ("Can the talks survive?") reads as a sentence;
    // before any prose and followed by prose, it is the title.
    let question_title = |i: usize| {
        if known_title.is_some() {
            return false;
        }
        let f = &feats[i];
        let next = (i + 1..n).find(|&j| labels[j].is_none());
        f.words <= 20
            && f.norm.ends_with('?')
            && !f.norm.contains(". ")
            && next.is_some_and(|j| prose[j])
    };
    let Some(first_body) = (0..n).find(|&i| {
        prose[i]
            && !is_title_heading(&blocks[i])
            && (!paragraph_page || blocks[i].hint == Hint::Paragraph)
            && !(question_title(i) && (0..i).all(|j| !prose[j]))
    }) else {
        return fallback(blocks, labels);
    };

    // The title: metadata's title if a block repeats it, else the first
    // headline-like block before the body.
    let known = known_title.map(normalize);
    let title_at = (0..first_body)
        .find(|&i| {
            labels[i].is_none()
                && known
                    .as_deref()
                    .is_some_and(|k| !k.is_empty() && feats[i].norm == k)
        })
        .or_else(|| {
            if known.is_some() {
                return (0..first_body)
                    .find(|&i| labels[i].is_none() && matches!(blocks[i].hint, Hint::Heading(1)));
            }
            let candidates: Vec<usize> = (0..first_body)
                .filter(|&i| {
                    labels[i].is_none() && (feats[i].is_headline_like() || question_title(i))
                })
                .collect();
            // Site names and kickers are short; headlines run longer.
            let best = candidates
                .iter()
                .copied()
                .filter(|&i| feats[i].words >= 3 && !feats[i].all_caps)
                .max_by_key(|&i| (feats[i].words.min(14), std::cmp::Reverse(i)));
            best.or_else(|| candidates.first().copied())
        });
    if let Some(t) = title_at {
        labels[t] = Some(Label::Title);
        for i in 0..n {
            if i != t && feats[i].norm == feats[t].norm {
                labels[i] = Some(Label::Debris("repeated title"));
            }
        }
    }
    // Between the start and the body: whatever is not title, byline or date
    // is debris (site names, kickers, stray menu words, captions).
    for label in labels.iter_mut().take(first_body) {
        if label.is_none() {
            *label = Some(Label::Debris("before body"));
        }
    }

    let end = article_end(&feats, &labels, &prose, first_body);
    for label in labels.iter_mut().skip(end) {
        if !matches!(label, Some(Label::Byline(_) | Label::Dateline(_))) {
            *label = Some(Label::Debris("after article end"));
        }
    }

    // The body region: prose is body; a heading-like line followed by prose
    // is a subhead; other short lines are debris.
    let mut body_seen: HashMap<&str, ()> = HashMap::new();
    for i in first_body..end {
        if labels[i].is_some() {
            continue;
        }
        let f = &feats[i];
        labels[i] = Some(if prose[i] {
            if f.words >= 8
                && blocks[i].hint == Hint::Plain
                && body_seen.insert(f.norm.as_str(), ()).is_some()
            {
                Label::Debris("repeated paragraph")
            } else {
                Label::Body
            }
        } else if seen[f.norm.as_str()] > 1 && blocks[i].hint == Hint::Plain {
            // Navigation repeated at top and bottom of pasted text; inside
            // a page's marked-up paragraphs repetition is the article's own
            // (a recipe's "Eat every 2–3 hours").
            Label::Debris("repeated line")
        } else if (f.is_headline_like()
            || f.ends_colon
            || matches!(blocks[i].hint, Hint::Heading(_)))
            && f.words <= 20
            && next_kept_is_prose(&labels, &prose, i + 1, end)
        {
            Label::Subhead
        } else if matches!(blocks[i].hint, Hint::ListItem) && f.words >= 2 {
            Label::Body
        } else if markup && matches!(blocks[i].hint, Hint::Heading(_)) {
            Label::Subhead
        } else if paragraph_page && blocks[i].hint == Hint::Plain {
            Label::Debris("text outside paragraphs")
        } else if markup && (blocks[i].hint != Hint::Plain || f.words >= 3) {
            // In a page the container was chosen from the markup already;
            // short items inside it (table rows, list entries, one-line
            // paragraphs) are the article's own unless a cue says otherwise.
            Label::Body
        } else {
            Label::Debris("short line")
        });
    }

    trim_tail(&feats, &mut labels, first_body, end);
    Cleaned {
        blocks,
        labels: labels
            .into_iter()
            .map(|l| l.unwrap_or(Label::Debris("unlabelled")))
            .collect(),
    }
}

/// An `<h1>` is a title, never the first body paragraph.
fn is_title_heading(block: &Block) -> bool {
    matches!(block.hint, Hint::Heading(1))
}

fn next_kept_is_prose(labels: &[Option<Label>], prose: &[bool], from: usize, end: usize) -> bool {
    (from..end)
        .find(|&j| {
            !matches!(
                labels[j],
                Some(Label::Debris(_) | Label::Byline(_) | Label::Dateline(_))
            )
        })
        .is_some_and(|j| prose[j])
}

/// Where the article ends: the first end cue (comment form, related-story
/// block, author box) after which little prose follows. A prompt in the
/// middle of a long article ("Sign up for our newsletter") does not end it.
fn article_end(
    feats: &[Features],
    labels: &[Option<Label>],
    prose: &[bool],
    first_body: usize,
) -> usize {
    let n = feats.len();
    let prose_words = |range: Range<usize>| -> usize {
        range.filter(|&i| prose[i]).map(|i| feats[i].words).sum()
    };
    for i in first_body..n {
        let Some(cue) = feats[i].cue else { continue };
        if !cue.ends_article() || labels[i].is_none() && prose[i] {
            continue;
        }
        let before = prose_words(first_body..i);
        let after_blocks = (i + 1..n).filter(|&j| prose[j]).count();
        let after = prose_words(i + 1..n);
        if after_blocks < 2 || after * 10 < before * 3 {
            return i;
        }
    }
    n
}

/// Author boxes and credits that sit at the end of the body without an
/// end cue before them ("Jane Doe is a senior fellow at …").
fn trim_tail(feats: &[Features], labels: &mut [Option<Label>], first_body: usize, end: usize) {
    let lex_tail_kinds = ["bio", "credit", "legal", "subscribe"];
    let mut body_from_end = 0;
    for i in (first_body..end).rev() {
        match &labels[i] {
            Some(Label::Body) => {
                body_from_end += 1;
                let tail_cue = feats[i]
                    .cue
                    .is_some_and(|c| lex_tail_kinds.contains(&c.kind.as_str()))
                    || (body_from_end <= 2 && is_bio_paragraph(&feats[i].norm));
                if tail_cue {
                    labels[i] = Some(Label::Debris("author box"));
                } else {
                    return;
                }
            }
            Some(Label::Subhead) => labels[i] = Some(Label::Debris("heading after body")),
            _ => {}
        }
    }
}

/// "Jane Doe is a senior fellow at …", "I hold a degree in …": a bio cue
/// near the start of a sentence of a short paragraph, where a bio states who
/// the author is.
fn is_bio_paragraph(norm: &str) -> bool {
    let sentences = norm.matches(". ").count() + 1;
    if sentences > 4 {
        return false;
    }
    let lex = Lexicon::get();
    // "About the Ministry: The Ministry is …" — a boilerplate box run in.
    if let Some((lead, _)) = norm.split_once(": ") {
        if lead.split(' ').count() <= 6 && lex.cue(lead, true).is_some_and(|c| c.kind == "bio") {
            return true;
        }
    }
    norm.split(". ").any(|sentence| {
        let head: String = sentence.split(' ').take(10).collect::<Vec<_>>().join(" ");
        lex.opens_author_box(&head)
    })
}

/// Text with no prose at all (a list of short lines): keep every line that
/// is not clearly debris, rather than lose the document.
fn fallback(blocks: Vec<Block>, labels: Vec<Option<Label>>) -> Cleaned {
    let labels = labels
        .into_iter()
        .map(|l| l.unwrap_or(Label::Body))
        .collect();
    Cleaned { blocks, labels }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels_of(text: &str) -> Vec<(String, Label)> {
        let cleaned = classify(text_blocks(text), None);
        cleaned
            .blocks
            .into_iter()
            .map(|b| b.text)
            .zip(cleaned.labels)
            .collect()
    }

    #[test]
    fn title_body_and_comment_form() {
        let text = "menu\n\nEnvoys agree to reopen the border crossing\n\nGENEVA — Envoys from both countries agreed on Monday to reopen the main crossing, officials said.\n\nThe deal follows months of talks.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n\nQx7vP lm3Rt\n";
        let got = labels_of(text);
        assert!(matches!(got[0].1, Label::Debris(_)));
        assert_eq!(got[1].1, Label::Title);
        assert_eq!(got[2].1, Label::Body);
        assert_eq!(got[3].1, Label::Body);
        assert!(
            got[4..].iter().all(|(_, l)| matches!(l, Label::Debris(_))),
            "{got:?}"
        );
    }

    #[test]
    fn subheads_sit_between_body_paragraphs() {
        let text = "The ministry published its annual review of regional security on Tuesday, listing new risks.\nWhat comes next\nDiplomats expect a second round of talks before the end of the year, according to two officials.\n";
        let got = labels_of(text);
        assert_eq!(got[1].1, Label::Subhead);
        assert_eq!(got[0].1, Label::Body);
        assert_eq!(got[2].1, Label::Body);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let para = "The foreign ministers of the three neighbouring states met behind closed\ndoors for most of the afternoon and agreed on a joint statement that\ncommits them to share river data every week during the dry season.\n";
        let text = format!("{para}\n{para}\nShort closing line here.\n");
        let blocks = text_blocks(&text);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!(blocks[0].lines, 0..3);
    }

    #[test]
    fn bylines_and_date_lines_carry_metadata() {
        let text = "Ministers sign water accord\nBy Dana Whitfield | Regional Correspondent\nPublished: 13 March 2025, 09:12 GMT\nThe accord commits all four governments to publish reservoir levels every week during summer.\n";
        let cleaned = classify(text_blocks(text), None);
        assert_eq!(cleaned.title(), Some("Ministers sign water accord"));
        assert_eq!(cleaned.author(), Some("Dana Whitfield"));
        assert_eq!(cleaned.published(), Some("2025-03-13"));
        assert_eq!(cleaned.kept().count(), 1);
        let lex = Lexicon::get();
        assert_eq!(
            byline("(Reporting by Ana Ruiz; Editing by Tom Vega)", lex).as_deref(),
            Some("Ana Ruiz")
        );
        assert_eq!(byline("Byrne Street closed", lex), None);
        assert_eq!(
            author_name("By TOM KRISHER, AP Auto Writer").as_deref(),
            Some("TOM KRISHER")
        );
        assert_eq!(
            author_name("Jane Doe and John Roe").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(
            byline("By the end of the week talks had stalled", lex),
            None
        );
    }

    #[test]
    fn a_prompt_mid_article_does_not_end_it() {
        let para = "Officials from both capitals spent the week arguing over the wording of the communiqué and the timetable for inspections.";
        let text = format!("{para}\n{para} Again.\nSign up for our newsletter\n{para} Third.\n{para} Fourth.\n{para} Fifth.\n");
        let got = labels_of(&text);
        assert_eq!(got[2].1, Label::Debris("cue"));
        assert_eq!(
            got.iter().filter(|(_, l)| *l == Label::Body).count(),
            5,
            "{got:?}"
        );
    }

    #[test]
    fn text_without_prose_is_kept_not_lost() {
        let got = labels_of("Alpha Beta Gamma\nDelta Epsilon\n");
        assert!(got.iter().all(|(_, l)| *l == Label::Body));
    }
}
