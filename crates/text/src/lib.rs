//! The annotated document every stage can read: paragraphs, sentences and
//! tokens (a struct of arrays: byte spans, lowercase form, shape, word id in
//! the model's vocabulary), and from the shipped model part-of-speech tags,
//! lemmas, a dependency tree per sentence and named entities.
//!
//! ```
//! let mut doc = dossier_text::Doc::new("Iran's foreign minister met U.S. envoys in Oman.");
//! doc.annotate();
//! let root = doc.sentence_root(0).unwrap();
//! assert_eq!(doc.token_text(root), "met");
//! ```
//!
//! Building a `Doc` tokenises; [`Doc::tag`], [`Doc::parse`] and
//! [`Doc::find_entities`] add the model's layers to every sentence (each
//! tags first if needed), [`Doc::annotate`] all three. Each layer is kept
//! per sentence, so [`Doc::tag_sentences`], [`Doc::parse_sentences`] and
//! [`Doc::find_entities_in`] add it to a few: the analysis makes one `Doc`
//! per article and each stage asks for the sentences it reads, so a
//! sentence two stages read is tagged and parsed once, and one no stage
//! reads never is.

pub mod chars;
pub mod features;
pub mod labels;
pub mod lemma;
pub mod model;
pub mod parser;
pub mod sentences;
pub mod shapes;
pub mod tokenize;
#[cfg(feature = "train")]
pub mod train;
pub mod vocabulary;

use dossier_model::Span;

pub use labels::{Dep, EntityKind, Tag, Upos};
pub use model::{model, Model};

use features::{push_lower, TokenKeys};

/// The coarse shape of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// "talks"
    Lower,
    /// "Iran"
    Title,
    /// "NATO"
    Upper,
    /// "McCain", "iPhone"
    Mixed,
    /// "2015", "1,000", "3.5"
    Number,
    /// "F-16", "COVID-19", "2nd"
    AlphaNum,
    /// ",", "—", "“"
    Punct,
    /// anything else ("$", "%", symbols)
    Other,
}

impl Shape {
    pub fn of(form: &str) -> Shape {
        let (mut upper, mut lower, mut digit, mut punct, mut other) = (0, 0, 0, 0, 0);
        for c in form.chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_alphabetic() {
                lower += 1;
            } else if c.is_numeric() {
                digit += 1;
            } else if c.is_ascii_punctuation()
                || matches!(c, '“' | '”' | '‘' | '’' | '—' | '–' | '…' | '«' | '»')
            {
                punct += 1;
            } else {
                other += 1;
            }
        }
        let letters = upper + lower;
        if letters > 0 && digit > 0 {
            Shape::AlphaNum
        } else if letters > 0 {
            let first_upper = form.chars().next().is_some_and(char::is_uppercase);
            if lower == 0 {
                if upper == 1 && letters == 1 && punct == 0 {
                    Shape::Title
                } else {
                    Shape::Upper
                }
            } else if upper == 0 {
                Shape::Lower
            } else if first_upper && upper == 1 {
                Shape::Title
            } else {
                Shape::Mixed
            }
        } else if digit > 0 {
            Shape::Number
        } else if punct > 0 && other == 0 {
            Shape::Punct
        } else {
            Shape::Other
        }
    }
}

/// One sentence: its span, its tokens, its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Token indices `tokens.0 .. tokens.1`.
    pub tokens: (u32, u32),
    pub paragraph: u32,
}

impl Sentence {
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.tokens.0 as usize..self.tokens.1 as usize
    }
}

/// A named entity: its tokens, its byte span, its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity {
    pub tokens: (u32, u32),
    pub span: Span,
    pub kind: EntityKind,
}

/// Longest sentence parsed, in tokens. A longer run without a full stop is
/// a list, a table or a transcript: the model never saw one, and a stage
/// that reads a word's dependents scans its sentence, so parsing it would
/// cost the square of its length for nothing. Stages read such a sentence
/// as unparsed ([`Doc::is_parsed`]).
pub const MAX_PARSED_TOKENS: usize = 150;

const UNPARSED: u32 = u32::MAX;

/// Which model layers a sentence has (bits of `Doc::layers`).
const TAGGED: u8 = 1;
const PARSED: u8 = 2;
const ENTITIES: u8 = 4;

/// A document and its annotations; see the crate documentation.
#[derive(Debug, Clone)]
pub struct Doc<'t> {
    text: &'t str,
    paragraphs: Vec<Span>,
    sentences: Vec<Sentence>,
    start: Vec<u32>,
    end: Vec<u32>,
    lower_buf: String,
    lower_end: Vec<u32>,
    shape: Vec<Shape>,
    word: Vec<u32>,
    keys: Vec<TokenKeys>,
    tags: Vec<u8>,
    lemma_buf: String,
    /// Each token's lemma in `lemma_buf` (empty in untagged sentences):
    /// sentences are tagged in the order stages ask, not text order.
    lemma_at: Vec<(u32, u32)>,
    heads: Vec<u32>,
    deps: Vec<u8>,
    ner: Vec<u8>,
    /// Entities of the sentences searched, in text order.
    entities: Vec<Entity>,
    /// The model layers of each sentence (`TAGGED`, `PARSED`, `ENTITIES`);
    /// empty until a layer is asked for.
    layers: Vec<u8>,
}

impl<'t> Doc<'t> {
    /// A document whose paragraphs are its non-blank lines.
    pub fn new(text: &'t str) -> Doc<'t> {
        let mut paragraphs = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let lead = line.len() - line.trim_start().len();
                paragraphs.push(Span::new(at + lead, at + lead + trimmed.len()));
            }
            at += line.len();
        }
        Doc::with_paragraphs(text, &paragraphs)
    }

    /// A document with the paragraphs the cleaner found.
    pub fn with_paragraphs(text: &'t str, paragraphs: &[Span]) -> Doc<'t> {
        let mut sentences = Vec::new();
        let mut spans = Vec::new();
        for (p, para) in paragraphs.iter().enumerate() {
            for s in sentences::split_sentences(text, *para) {
                let first = spans.len() as u32;
                tokenize::tokenize_into(text, s.start, s.end, &mut spans);
                if spans.len() as u32 > first {
                    sentences.push(Sentence {
                        span: s,
                        tokens: (first, spans.len() as u32),
                        paragraph: p as u32,
                    });
                }
            }
        }
        Doc::from_spans(text, paragraphs.to_vec(), sentences, &spans)
    }

    /// A document from given sentences and token spans (tools that need
    /// the tokens of another tokenizer; the product uses [`Doc::new`]).
    pub fn from_spans(
        text: &'t str,
        paragraphs: Vec<Span>,
        sentences: Vec<Sentence>,
        spans: &[(u32, u32)],
    ) -> Doc<'t> {
        let n = spans.len();
        let mut doc = Doc {
            text,
            paragraphs,
            sentences,
            start: Vec::with_capacity(n),
            end: Vec::with_capacity(n),
            lower_buf: String::with_capacity(text.len()),
            lower_end: Vec::with_capacity(n),
            shape: Vec::with_capacity(n),
            word: Vec::new(),
            keys: Vec::new(),
            tags: Vec::new(),
            lemma_buf: String::new(),
            lemma_at: Vec::new(),
            heads: Vec::new(),
            deps: Vec::new(),
            ner: Vec::new(),
            entities: Vec::new(),
            layers: Vec::new(),
        };
        for &(a, b) in spans {
            let form = &text[a as usize..b as usize];
            push_lower(form, &mut doc.lower_buf);
            doc.start.push(a);
            doc.end.push(b);
            doc.lower_end.push(doc.lower_buf.len() as u32);
            doc.shape.push(Shape::of(form));
        }
        doc
    }

    /// Makes room for the model's layers, once: most documents are read
    /// by the stages without being tagged.
    fn ensure_layers(&mut self) {
        if self.layers.len() == self.sentences.len() {
            return;
        }
        let n = self.len();
        self.keys = vec![TokenKeys::default(); n];
        self.word = vec![0; n];
        self.tags = vec![0; n];
        self.lemma_at = vec![(0, 0); n];
        self.heads = vec![UNPARSED; n];
        self.deps = vec![0; n];
        self.ner = vec![0; n];
        self.layers = vec![0; self.sentences.len()];
    }

    /// Whether sentence `s` has `layer`.
    fn has(&self, s: usize, layer: u8) -> bool {
        self.layers.get(s).is_some_and(|&l| l & layer != 0)
    }

    /// Every sentence's index.
    fn all_sentences(&self) -> Vec<usize> {
        (0..self.sentences.len()).collect()
    }

    /// Tags, parses every sentence and finds entities.
    pub fn annotate(&mut self) -> &mut Self {
        self.tag();
        self.parse();
        self.find_entities();
        self
    }

    pub fn text(&self) -> &'t str {
        self.text
    }
    pub fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.start.len()
    }
    pub fn is_empty(&self) -> bool {
        self.start.is_empty()
    }
    pub fn span(&self, i: usize) -> Span {
        Span::new(self.start[i] as usize, self.end[i] as usize)
    }
    pub fn token_text(&self, i: usize) -> &'t str {
        &self.text[self.start[i] as usize..self.end[i] as usize]
    }
    /// Whether whitespace follows token `i`.
    pub fn space_after(&self, i: usize) -> bool {
        self.text[self.end[i] as usize..].starts_with(char::is_whitespace)
    }
    pub fn lower(&self, i: usize) -> &str {
        &self.lower_buf[self.lower_range(i)]
    }
    fn lower_range(&self, i: usize) -> std::ops::Range<usize> {
        let a = if i == 0 {
            0
        } else {
            self.lower_end[i - 1] as usize
        };
        a..self.lower_end[i] as usize
    }
    pub fn shape(&self, i: usize) -> Shape {
        self.shape[i]
    }
    /// The token's word id in the model's vocabulary (0: not in it);
    /// like [`Doc::words`] and [`Doc::keys`], known once its sentence is
    /// tagged ([`Doc::tag_sentences`]).
    pub fn word(&self, i: usize) -> u32 {
        self.word[i]
    }
    pub fn words(&self) -> &[u32] {
        &self.word
    }
    pub fn keys(&self) -> &[TokenKeys] {
        &self.keys
    }

    /// The token covering byte `at` of the text, if any.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        let i = self.start.partition_point(|&s| s as usize <= at);
        (i > 0 && at < self.end[i - 1] as usize).then(|| i - 1)
    }

    /// The tokens lying wholly inside a byte span (for stages that hold
    /// spans).
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        let a = self.start.partition_point(|&s| (s as usize) < span.start);
        let b = self.end.partition_point(|&e| (e as usize) <= span.end);
        a..b.max(a)
    }

    /// The sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences
            .partition_point(|s| (s.tokens.1 as usize) <= i)
    }

    /// Tags every token and finds its lemma.
    pub fn tag(&mut self) -> &mut Self {
        let all = self.all_sentences();
        self.tag_sentences(&all)
    }

    /// Tags the tokens of the given sentences (indices into
    /// [`Doc::sentences`]) and finds their lemmas, where not done yet.
    pub fn tag_sentences(&mut self, which: &[usize]) -> &mut Self {
        self.ensure_layers();
        let m = model();
        for &s in which {
            if s >= self.sentences.len() || self.has(s, TAGGED) {
                continue;
            }
            let r = self.sentences[s].token_range();
            // The keys the model's features are made of, for this
            // sentence's tokens only.
            for i in r.clone() {
                let keys = TokenKeys::new(self.token_text(i), self.lower(i));
                self.word[i] = m.word_id_by_key(keys.lower);
                self.keys[i] = keys;
            }
            m.tag(&self.keys[r.clone()], &mut self.tags[r.clone()]);
            for i in r {
                let a = self.lemma_buf.len() as u32;
                let lower = &self.lower_buf[self.lower_range(i)];
                let form = &self.text[self.start[i] as usize..self.end[i] as usize];
                match m.lemma_exception(lower, self.tags[i]) {
                    Some(l) => self.lemma_buf.push_str(l),
                    None => lemma::rule_lemma(form, lower, Tag(self.tags[i]), &mut self.lemma_buf),
                }
                self.lemma_at[i] = (a, self.lemma_buf.len() as u32);
            }
            self.layers[s] |= TAGGED;
        }
        self
    }

    /// The tag of token `i` (meaningless in an untagged sentence).
    pub fn tag_of(&self, i: usize) -> Tag {
        Tag(self.tags.get(i).copied().unwrap_or(0))
    }
    /// Tag ids of every token (empty before a sentence is tagged; 0 in
    /// the sentences not tagged).
    pub fn tags(&self) -> &[u8] {
        &self.tags
    }
    /// The universal part of speech (auxiliaries by their dependency).
    pub fn upos(&self, i: usize) -> Upos {
        let t = self.tag_of(i);
        let u = t.upos();
        if u == Upos::Verb
            && (matches!(self.lemma(i), "be")
                || self.head(i).is_some() && matches!(self.dep(i).name(), "aux" | "auxpass"))
        {
            return Upos::Aux;
        }
        if t.name() == "IN" && self.head(i).is_some() && self.dep(i).name() == "mark" {
            return Upos::Sconj;
        }
        u
    }
    /// The lemma of token `i` (empty in an untagged sentence).
    pub fn lemma(&self, i: usize) -> &str {
        let (a, b) = self.lemma_at.get(i).copied().unwrap_or((0, 0));
        &self.lemma_buf[a as usize..b as usize]
    }

    /// Parses every sentence.
    pub fn parse(&mut self) -> &mut Self {
        let all = self.all_sentences();
        self.parse_sentences(&all)
    }

    /// Parses the given sentences (indices into [`Doc::sentences`]) that
    /// are not parsed yet and have at most [`MAX_PARSED_TOKENS`] tokens.
    pub fn parse_sentences(&mut self, which: &[usize]) -> &mut Self {
        let which: Vec<usize> = (which.iter().copied())
            .filter(|&s| {
                self.sentences
                    .get(s)
                    .is_some_and(|sent| sent.token_range().len() <= MAX_PARSED_TOKENS)
            })
            .collect();
        self.tag_sentences(&which);
        let m = model();
        let mut st = parser::State::default();
        let mut heads = Vec::new();
        let mut labels = Vec::new();
        for &s in &which {
            let r = self.sentences[s].token_range();
            if self.has(s, PARSED) {
                continue;
            }
            heads.resize(r.len(), 0);
            labels.resize(r.len(), 0);
            m.parse(
                &self.keys[r.clone()],
                &self.tags[r.clone()],
                &mut st,
                &mut heads,
                &mut labels,
            );
            for (k, i) in r.clone().enumerate() {
                self.heads[i] = r.start as u32 + heads[k];
                self.deps[i] = labels[k];
            }
            self.layers[s] |= PARSED;
        }
        self
    }

    /// Whether sentence `s` has been parsed.
    pub fn is_parsed(&self, s: usize) -> bool {
        self.has(s, PARSED)
    }

    /// The head of token `i` (`None` for a root or an unparsed sentence).
    pub fn head(&self, i: usize) -> Option<usize> {
        match self.heads.get(i) {
            Some(&h) if h != UNPARSED && h as usize != i => Some(h as usize),
            _ => None,
        }
    }
    /// The dependency label of token `i` (ROOT for a root; meaningless in
    /// an unparsed sentence).
    pub fn dep(&self, i: usize) -> Dep {
        Dep(self.deps.get(i).copied().unwrap_or(0))
    }
    /// Heads of every token, document indices (a root is its own head;
    /// `u32::MAX` in unparsed sentences).
    pub fn heads(&self) -> &[u32] {
        &self.heads
    }
    /// The dependents of token `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let r = self.sentences[self.sentence_of(i)].token_range();
        r.filter(move |&k| k != i && self.heads.get(k) == Some(&(i as u32)))
    }
    /// The first dependent of `i` with label `name`.
    pub fn child_with(&self, i: usize, name: &str) -> Option<usize> {
        self.children(i).find(|&k| self.dep(k).name() == name)
    }
    /// Who does what verb `i` says: its subject, or in the passive the
    /// object of its "by" (agent); a verb without one (the second verb of
    /// "met and signed", "wants to sign") takes that of the verb it hangs
    /// from.
    pub fn agent_of(&self, i: usize) -> Option<usize> {
        let mut v = i;
        for _ in 0..4 {
            if let Some(by) = self.child_with(v, "agent") {
                return self.child_with(by, "pobj");
            }
            if let Some(s) = self
                .child_with(v, "nsubj")
                .or_else(|| self.child_with(v, "csubj"))
            {
                return Some(s);
            }
            if self.child_with(v, "nsubjpass").is_some() {
                return None;
            }
            match self.dep(v).name() {
                "conj" | "xcomp" | "advcl" if self.head(v).is_some() => v = self.head(v)?,
                _ => return None,
            }
        }
        None
    }

    /// What verb `i` is done to: its direct object, or in the passive its
    /// subject.
    pub fn patient_of(&self, i: usize) -> Option<usize> {
        self.child_with(i, "dobj")
            .or_else(|| self.child_with(i, "nsubjpass"))
    }

    /// The noun a past participle modifies, when `i` is one ("a man
    /// convicted of …"): what the verb was done to.
    pub fn reduced_relative_head(&self, i: usize) -> Option<usize> {
        (self.dep(i).name() == "acl" && self.tag_of(i).name() == "VBN")
            .then(|| self.head(i))
            .flatten()
            .filter(|&h| h != i)
    }

    /// The root token of sentence `s`, if it is parsed.
    pub fn sentence_root(&self, s: usize) -> Option<usize> {
        if !self.is_parsed(s) {
            return None;
        }
        self.sentences[s]
            .token_range()
            .find(|&i| self.heads[i] as usize == i)
    }

    /// Finds the named entities of every sentence.
    pub fn find_entities(&mut self) -> &mut Self {
        let all = self.all_sentences();
        self.find_entities_in(&all)
    }

    /// Finds the named entities of the given sentences (indices into
    /// [`Doc::sentences`]), where not done yet.
    pub fn find_entities_in(&mut self, which: &[usize]) -> &mut Self {
        self.tag_sentences(which);
        let m = model();
        let before = self.entities.len();
        for &s in which {
            if s >= self.sentences.len() || self.has(s, ENTITIES) {
                continue;
            }
            let r = self.sentences[s].token_range();
            m.entities(
                &self.keys[r.clone()],
                &self.tags[r.clone()],
                &mut self.ner[r.clone()],
            );
            let mut open: Option<usize> = None;
            for i in r {
                let (b, k) = labels::bilou_of(self.ner[i] as usize);
                match b {
                    labels::Bilou::B => open = Some(i),
                    labels::Bilou::U => self.entities.push(Entity {
                        tokens: (i as u32, i as u32 + 1),
                        span: Span::new(self.start[i] as usize, self.end[i] as usize),
                        kind: EntityKind::from_id(k),
                    }),
                    labels::Bilou::L => {
                        if let Some(a) = open.take() {
                            self.entities.push(Entity {
                                tokens: (a as u32, i as u32 + 1),
                                span: Span::new(self.start[a] as usize, self.end[i] as usize),
                                kind: EntityKind::from_id(k),
                            });
                        }
                    }
                    labels::Bilou::I => {}
                    labels::Bilou::O => open = None,
                }
            }
            self.layers[s] |= ENTITIES;
        }
        if self.entities.len() > before {
            self.entities.sort_by_key(|e| e.tokens.0);
        }
        self
    }

    /// Entities of the sentences searched ([`Doc::find_entities`],
    /// [`Doc::find_entities_in`]), in text order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }
    /// BILOU entity classes per token (empty before a sentence is
    /// searched, 0 in the sentences not searched).
    pub fn entity_classes(&self) -> &[u8] {
        &self.ner
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(Shape::of("talks"), Shape::Lower);
        assert_eq!(Shape::of("Iran"), Shape::Title);
        assert_eq!(Shape::of("NATO"), Shape::Upper);
        assert_eq!(Shape::of("U.S."), Shape::Upper);
        assert_eq!(Shape::of("McCain"), Shape::Mixed);
        assert_eq!(Shape::of("1,000"), Shape::Number);
        assert_eq!(Shape::of("F-16"), Shape::AlphaNum);
        assert_eq!(Shape::of("“"), Shape::Punct);
    }

    #[test]
    fn paragraphs_sentences_and_tokens() {
        let text = "Talks resumed. Mr. Lee doesn't agree.\n\n“No,” he said.";
        let doc = Doc::new(text);
        assert_eq!(doc.paragraphs().len(), 2);
        assert_eq!(doc.sentences().len(), 3);
        let toks: Vec<&str> = (0..doc.len()).map(|i| doc.token_text(i)).collect();
        assert_eq!(
            toks,
            [
                "Talks", "resumed", ".", "Mr.", "Lee", "does", "n't", "agree", ".", "“", "No", ",",
                "”", "he", "said", "."
            ]
        );
        assert_eq!(doc.lower(3), "mr.");
        assert_eq!(doc.sentence_of(4), 1);
        assert_eq!(doc.sentences()[2].paragraph, 1);
        let lee = text.find("Lee").unwrap();
        assert_eq!(doc.token_at(lee + 1), Some(4));
        assert_eq!(doc.token_at(lee + 3), None, "the space after Lee");
        assert_eq!(
            doc.tokens_in(Span::new(lee, lee + 11)),
            4..7,
            "Lee does n't"
        );
    }
}
