//! The labelled test corpus: copies of real articles made the ways news
//! piles copy (see [`CopyKind`]), with a fixed seed, plus unrelated English
//! from a bigram chain for negatives and bulk.
//!
//! Source texts are read at run time (the extraction benchmark's article
//! bodies); nothing of them is stored in the repository. The spinner swaps
//! words for thesaurus synonyms of any sense, the way rewriting tools do
//! (`lexicons/link_synonyms.tsv`); the normaliser's word classes undo only
//! some of those swaps (the report says how many: `Report::swaps`).

use std::collections::HashMap;
use std::sync::OnceLock;

use dossier_link::lexicon::{lexicon, word_hash, USAGE};
use dossier_link::ReuseKind;

/// splitmix64: small, seedable, good enough to shuffle test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The seed is scrambled first: splitmix64 steps its state by a
    /// constant, so raw seeds one step apart would give the same sequence
    /// shifted by one draw.
    pub fn new(seed: u64) -> Rng {
        Rng(dossier_link::lexicon::combine(seed, 0x5EED))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// How a generated copy was made from its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CopyKind {
    /// The same text.
    Exact,
    /// Site boilerplate (share buttons, newsletter prompts, credits) added
    /// above and below.
    Boilerplate,
    /// 30% of the sentences dropped.
    Dropped,
    /// All sentences shuffled.
    Reordered,
    /// A run of about a third of the sentences pasted into another text.
    Passage,
    /// 20% of the content words swapped for thesaurus synonyms.
    Spun20,
    /// 40% of the content words swapped.
    Spun40,
    /// A retelling: a quarter of the sentences dropped, modals changed,
    /// attributions added, clauses moved, 15% of the words swapped, and
    /// sentences from elsewhere added.
    Paraphrase,
}

impl CopyKind {
    pub const ALL: [CopyKind; 8] = [
        CopyKind::Exact,
        CopyKind::Boilerplate,
        CopyKind::Dropped,
        CopyKind::Reordered,
        CopyKind::Passage,
        CopyKind::Spun20,
        CopyKind::Spun40,
        CopyKind::Paraphrase,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CopyKind::Exact => "exact duplicate",
            CopyKind::Boilerplate => "boilerplate added",
            CopyKind::Dropped => "30% sentences dropped",
            CopyKind::Reordered => "sentences reordered",
            CopyKind::Passage => "passage reuse",
            CopyKind::Spun20 => "synonyms 20%",
            CopyKind::Spun40 => "synonyms 40%",
            CopyKind::Paraphrase => "paraphrase",
        }
    }

    /// The link kind the aligner should report for this copy.
    pub fn expected(self) -> ReuseKind {
        match self {
            CopyKind::Exact | CopyKind::Boilerplate | CopyKind::Dropped | CopyKind::Reordered => {
                ReuseKind::Duplicate
            }
            CopyKind::Passage => ReuseKind::Reuse,
            CopyKind::Spun20 | CopyKind::Spun40 | CopyKind::Paraphrase => ReuseKind::Paraphrase,
        }
    }
}

/// Sentences of a text, each with its paragraph number: split after `.`,
/// `!` or `?` and a space before a capital, and at line breaks.
pub fn sentences(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (p, par) in text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let mut start = 0;
        let bytes = par.as_bytes();
        for (i, _) in par.match_indices(['.', '!', '?']) {
            let next = par[i + 1..].chars().nth(1);
            if bytes.get(i + 1) == Some(&b' ') && next.is_some_and(char::is_uppercase) {
                out.push((p, par[start..=i].trim().to_string()));
                start = i + 1;
            }
        }
        if !par[start..].trim().is_empty() {
            out.push((p, par[start..].trim().to_string()));
        }
    }
    out
}

/// Sentences back into text, a paragraph break wherever the paragraph
/// number changes.
fn join(sentences: &[(usize, String)]) -> String {
    let mut out = String::new();
    for (i, (p, s)) in sentences.iter().enumerate() {
        if i > 0 {
            out.push_str(if sentences[i - 1].0 == *p {
                " "
            } else {
                "\n\n"
            });
        }
        out.push_str(s);
    }
    out
}

const BOILERPLATE: &[&str] = &[
    "Share this article",
    "Share on Facebook Share on Twitter Share by email",
    "Sign up for our daily newsletter and get the top stories in your inbox.",
    "Advertisement",
    "Photo: staff photographer / agency pool",
    "Read more: the week's most popular stories",
    "Follow us on social media for the latest updates.",
    "All rights reserved. This material may not be published, broadcast or redistributed.",
    "Related articles",
    "Leave a comment below and tell us what you think.",
    "Subscribe now for unlimited access to all our reporting.",
    "This article was updated with additional reporting.",
];

/// Where a spinner finds its synonyms: the link stage's own thesaurus
/// ([`OwnThesaurus`]), or another one the detector never saw (the spun
/// evaluation's Moby-derived list), so recall is not measured only on swaps
/// the detector knows.
pub trait Thesaurus: Sync {
    /// Synonyms of a lowercase word, in any sense; empty when it has none.
    fn synonyms(&self, lower: &str) -> Vec<&str>;
}

/// `lexicons/link_synonyms.tsv`, the thesaurus spun detection proposes its
/// usual phrases from.
pub struct OwnThesaurus;

impl Thesaurus for OwnThesaurus {
    fn synonyms(&self, lower: &str) -> Vec<&str> {
        let syns = lexicon().synonyms(word_hash(lower));
        syns.iter().map(|s| s.0).collect()
    }
}

/// Content words are swapped when they are not function words, not names
/// (capitalised mid-sentence), and have synonyms.
pub fn spin(
    text: &str,
    share: f64,
    thesaurus: &dyn Thesaurus,
    rng: &mut Rng,
    stats: &mut SwapStats,
) -> String {
    let lex = lexicon();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut eligible: Vec<(usize, usize)> = Vec::new();
    let mut content = 0usize;
    let mut prev_end = 0;
    let mut at_start = true;
    for (start, end) in word_spans(text) {
        let word = &text[start..end];
        let lower = word.to_lowercase();
        let h = word_hash(&lower);
        let gap = &text[prev_end..start];
        at_start = at_start || gap.contains(['.', '!', '?', '\n']);
        let name = !at_start && word.starts_with(char::is_uppercase);
        if !lex.is_stopword(h) && !name && word.chars().all(char::is_alphabetic) {
            content += 1;
            if !thesaurus.synonyms(&lower).is_empty() {
                eligible.push((start, end));
            }
        }
        at_start = false;
        prev_end = end;
    }
    let p = (share * content as f64 / eligible.len().max(1) as f64).min(1.0);
    let mut last = 0;
    for (start, end) in eligible {
        if !rng.chance(p) {
            continue;
        }
        let word = &text[start..end];
        let lower = word.to_lowercase();
        let syn = *rng.pick(&thesaurus.synonyms(&lower));
        stats.swaps += 1;
        stats.in_class += usize::from(lex.class(word_hash(&lower)) == lex.class(word_hash(syn)));
        out.push_str(&text[last..start]);
        if word.starts_with(char::is_uppercase) {
            let mut cs = syn.chars();
            out.extend(cs.next().into_iter().flat_map(char::to_uppercase));
            out.push_str(cs.as_str());
        } else {
            out.push_str(syn);
        }
        last = end;
    }
    stats.content += content;
    out.push_str(&text[last..]);
    out
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

/// How many swaps the spinner made, and how many stayed inside one word
/// class (which the normaliser therefore undoes).
#[derive(Debug, Clone, Copy, Default)]
pub struct SwapStats {
    pub content: usize,
    pub swaps: usize,
    pub in_class: usize,
}

const MODALS: &[(&str, &str)] = &[
    ("could", "would"),
    ("would", "could"),
    ("can", "could"),
    ("will", "would"),
    ("may", "might"),
];
const ATTRIBUTIONS: &[&str] = &[
    "According to analysts, ",
    "As per reports, ",
    "Experts say that ",
    "It is reported that ",
];

fn paraphrase(text: &str, elsewhere: &str, rng: &mut Rng, stats: &mut SwapStats) -> String {
    let mut kept: Vec<(usize, String)> = Vec::new();
    for (p, s) in sentences(text) {
        if rng.chance(0.25) {
            continue;
        }
        let mut words: Vec<String> = s.split(' ').map(String::from).collect();
        for w in &mut words {
            if let Some((_, to)) = MODALS.iter().find(|(from, _)| w == from) {
                *w = to.to_string();
            }
        }
        let mut s = words.join(" ");
        if let Some(i) = s.find(", ").filter(|_| rng.chance(0.3)) {
            // "A, B." → "B, a."
            let (head, tail) = (&s[..i], s[i + 2..].trim_end_matches('.'));
            let mut t: Vec<char> = tail.chars().collect();
            if let Some(c) = t.first_mut() {
                *c = c.to_uppercase().next().unwrap_or(*c);
            }
            s = format!(
                "{}, {}.",
                t.into_iter().collect::<String>(),
                lower_first(head)
            );
        }
        if rng.chance(0.2) {
            s = format!("{}{}", rng.pick(ATTRIBUTIONS), lower_first(&s));
        }
        kept.push((p, s));
    }
    let other = sentences(elsewhere);
    for _ in 0..2 {
        if !other.is_empty() && !kept.is_empty() {
            let at = rng.below(kept.len());
            let p = kept[at].0;
            kept.insert(at, (p, rng.pick(&other).1.clone()));
        }
    }
    spin(&join(&kept), 0.15, &OwnThesaurus, rng, stats)
}

/// Lowercases a sentence's first word when it is a function word ("The
/// ministry" → "the ministry"); names keep their capital.
fn lower_first(s: &str) -> String {
    let first = s.split(' ').next().unwrap_or("");
    if lexicon().is_stopword(word_hash(&first.to_lowercase())) {
        format!("{}{}", first.to_lowercase(), &s[first.len()..])
    } else {
        s.to_string()
    }
}

/// A copy of `source` of the given kind. `elsewhere` is unrelated text (the
/// host of a pasted passage; sentences a paraphrase adds).
pub fn make_copy(
    kind: CopyKind,
    source: &str,
    elsewhere: &str,
    rng: &mut Rng,
    stats: &mut SwapStats,
) -> String {
    match kind {
        CopyKind::Exact => source.to_string(),
        CopyKind::Boilerplate => {
            let mut lines: Vec<&str> = BOILERPLATE.to_vec();
            rng.shuffle(&mut lines);
            let head = 1 + rng.below(3);
            let tail = 2 + rng.below(4);
            format!(
                "{}\n\n{source}\n\n{}",
                lines[..head].join("\n\n"),
                lines[head..head + tail].join("\n\n")
            )
        }
        CopyKind::Dropped => {
            let mut s = sentences(source);
            let drop = ((s.len() as f64 * 0.3).round() as usize).max(1);
            for _ in 0..drop.min(s.len().saturating_sub(1)) {
                s.remove(rng.below(s.len()));
            }
            join(&s)
        }
        CopyKind::Reordered => {
            let mut s = sentences(source);
            rng.shuffle(&mut s);
            let s: Vec<(usize, String)> = s
                .into_iter()
                .enumerate()
                .map(|(i, (_, t))| (i / 4, t))
                .collect();
            join(&s)
        }
        CopyKind::Passage => {
            let s = sentences(source);
            let len = (s.len() / 3).max(3).min(s.len());
            let start = rng.below(s.len() - len + 1);
            let passage = join(&s[start..start + len]);
            let host: Vec<&str> = elsewhere.split("\n\n").collect();
            let at = host.len() / 2;
            format!(
                "{}\n\n{passage}\n\n{}",
                host[..at].join("\n\n"),
                host[at..].join("\n\n")
            )
        }
        CopyKind::Spun20 => spin(source, 0.2, &OwnThesaurus, rng, stats),
        CopyKind::Spun40 => spin(source, 0.4, &OwnThesaurus, rng, stats),
        CopyKind::Paraphrase => paraphrase(source, elsewhere, rng, stats),
    }
}

/// A first-order chain over the reference bigrams: English-like word
/// sequences with realistic word frequencies, for unrelated documents.
pub struct Babble {
    words: Vec<&'static str>,
    /// Per word: successors as (word index, cumulative weight).
    next: Vec<Vec<(u32, u64)>>,
    /// Words that start a sentence, cumulative weights.
    starts: Vec<(u32, u64)>,
}

impl Babble {
    pub fn get() -> &'static Babble {
        static BABBLE: OnceLock<Babble> = OnceLock::new();
        BABBLE.get_or_init(Babble::build)
    }

    fn build() -> Babble {
        let mut ids: HashMap<&'static str, u32> = HashMap::new();
        let mut words = Vec::new();
        let mut next: Vec<Vec<(u32, u64)>> = Vec::new();
        let mut id =
            |w: &'static str, words: &mut Vec<&'static str>, next: &mut Vec<Vec<(u32, u64)>>| {
                *ids.entry(w).or_insert_with(|| {
                    words.push(w);
                    next.push(Vec::new());
                    (words.len() - 1) as u32
                })
            };
        for line in USAGE.rows().map(|row| row.line) {
            let Some((pair, bucket)) = line.split_once('\t') else {
                continue;
            };
            // Word lines carry unigram counts; the chain needs pairs.
            let Some((a, b)) = pair.split_once(' ') else {
                continue;
            };
            let weight = 1u64 << bucket.parse::<u32>().unwrap_or(0).min(30);
            let (ia, ib) = (id(a, &mut words, &mut next), id(b, &mut words, &mut next));
            next[ia as usize].push((ib, weight));
        }
        let mut starts = Vec::new();
        let mut total = 0;
        for (i, succ) in next.iter_mut().enumerate() {
            let mut acc = 0;
            for s in succ.iter_mut() {
                acc += s.1;
                s.1 = acc;
            }
            total += acc;
            starts.push((i as u32, total));
        }
        Babble {
            words,
            next,
            starts,
        }
    }

    fn draw(table: &[(u32, u64)], rng: &mut Rng) -> u32 {
        let total = table.last().map_or(1, |t| t.1);
        let x = rng.next_u64() % total;
        table[table.partition_point(|t| t.1 <= x)].0
    }

    /// About `words` words in sentences of 8–22 words and paragraphs of
    /// three to five sentences.
    pub fn text(&self, words: usize, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(words * 7);
        let (mut written, mut in_par) = (0, 0);
        let par_len = 3 + rng.below(3);
        while written < words {
            let len = 8 + rng.below(15);
            let mut w = Babble::draw(&self.starts, rng);
            for i in 0..len {
                let word = self.words[w as usize];
                if i == 0 {
                    let mut cs = word.chars();
                    out.extend(cs.next().into_iter().flat_map(char::to_uppercase));
                    out.push_str(cs.as_str());
                } else {
                    out.push(' ');
                    out.push_str(word);
                }
                let succ = &self.next[w as usize];
                w = if succ.is_empty() {
                    Babble::draw(&self.starts, rng)
                } else {
                    Babble::draw(succ, rng)
                };
            }
            out.push('.');
            written += len;
            in_par += 1;
            if written < words {
                out.push_str(if in_par % par_len == 0 { "\n\n" } else { " " });
            }
        }
        out
    }
}

/// The family of each body: its own index, or that of an earlier body it
/// shares at least five lowercase 8-word shingles with. Real piles hold
/// real copies (two of the extraction benchmark's pages carry one press
/// release); this exact test, independent of the aligner, labels them.
fn related_bodies(bodies: &[String]) -> Vec<usize> {
    let shingles: Vec<std::collections::HashSet<Vec<String>>> = bodies
        .iter()
        .map(|b| {
            let words: Vec<String> = b.split_whitespace().map(str::to_lowercase).collect();
            words.windows(8).map(<[String]>::to_vec).collect()
        })
        .collect();
    let mut family: Vec<usize> = (0..bodies.len()).collect();
    for i in 0..bodies.len() {
        for j in 0..i {
            if shingles[i].intersection(&shingles[j]).nth(4).is_some() {
                family[i] = family[j];
                break;
            }
        }
    }
    family
}

/// A labelled corpus: texts, the family (original source) of each, and the
/// (source, copy, kind) pairs to find.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub texts: Vec<String>,
    /// Documents of one family derive from one source; unrelated documents
    /// have families of their own.
    pub family: Vec<usize>,
    pub pairs: Vec<(usize, usize, CopyKind)>,
    /// The real articles (sources and short bodies), as opposed to copies
    /// and chain texts.
    pub originals: Vec<usize>,
    pub swaps: SwapStats,
}

impl Corpus {
    fn push(&mut self, text: String, family: usize) -> usize {
        self.texts.push(text);
        self.family.push(family);
        self.texts.len() - 1
    }

    /// Every body long enough to copy (at least 150 words and 6 sentences)
    /// as a source with one copy of each kind; the shorter bodies and
    /// `unrelated` chain texts of 300–700 words as negatives.
    pub fn generate(bodies: &[String], unrelated: usize, seed: u64) -> Corpus {
        let mut rng = Rng::new(seed);
        let mut c = Corpus::default();
        let babble = Babble::get();
        let families = related_bodies(bodies);
        for (body, &f) in bodies.iter().zip(&families) {
            let source = c.push(body.clone(), f);
            c.originals.push(source);
            if body.split_whitespace().count() < 150 || sentences(body).len() < 6 {
                continue;
            }
            for kind in CopyKind::ALL {
                let elsewhere = babble.text(300 + rng.below(300), &mut rng);
                let mut swaps = c.swaps;
                let copy = make_copy(kind, body, &elsewhere, &mut rng, &mut swaps);
                c.swaps = swaps;
                let copy = c.push(copy, f);
                c.pairs.push((source, copy, kind));
            }
        }
        for _ in 0..unrelated {
            let f = c.texts.len() + bodies.len();
            let words = 300 + rng.below(400);
            c.push(babble.text(words, &mut rng), f);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The ministry said the new base would open next spring. Officials expect two squadrons to arrive.\n\
        Farmers protested against the noise for months. The governor promised compensation.\n\
        Critics called the plan rushed. Supporters said it would bring jobs. A vote is due in May.";

    #[test]
    fn copies_keep_their_source_recognisable() {
        let mut rng = Rng::new(7);
        let mut stats = SwapStats::default();
        let host = Babble::get().text(200, &mut rng);
        assert!(host.split_whitespace().count() >= 200);
        for kind in CopyKind::ALL {
            let copy = make_copy(kind, BODY, &host, &mut rng, &mut stats);
            assert!(!copy.is_empty(), "{kind:?}");
        }
        let s = sentences(BODY);
        assert_eq!(s.len(), 7);
        assert_eq!(join(&s), BODY.replace('\n', "\n\n"));
        assert!(stats.swaps > 0 && stats.in_class <= stats.swaps);
    }

    #[test]
    fn the_seed_fixes_the_corpus() {
        let bodies = vec![BODY.repeat(4), "Short text.".to_string()];
        let a = Corpus::generate(&bodies, 3, 1);
        let b = Corpus::generate(&bodies, 3, 1);
        assert_eq!(a.texts, b.texts);
        assert_eq!(a.pairs.len(), CopyKind::ALL.len());
        assert_eq!(a.texts.len(), 2 + CopyKind::ALL.len() + 3);
    }
}
