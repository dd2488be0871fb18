//! The stance lexicons (`lexicons/stance_cues.tsv`,
//! `lexicons/stance_topics.tsv`, `lexicons/stance_facets.tsv`; format in
//! `lexicons/README.md`), parsed once into phrase patterns indexed by
//! their first word.
//!
//! Every word the lexicons name has a number in their [`Vocabulary`], and
//! [`Roles`]: the word classes it is in, the pattern sets with a phrase
//! starting with it. A text word looks its key up once; the rules then
//! test bits and match patterns by number rather than hash the key at
//! every test.

use std::sync::OnceLock;

use dossier_model::Polarity;

pub(crate) use dossier_text::vocabulary::WordId;

use dossier_lexicon::STANCE_CUES as CUES;
use dossier_lexicon::STANCE_FACETS as FACETS;
use dossier_lexicon::STANCE_TOPICS as TOPICS;

/// What a cue says about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    Benefit,
    Cost,
    /// A cost the holder foresees ("fears", "a concern for"): a cost that,
    /// like a want, governs the clause after it.
    Fear,
    Support,
    Oppose,
}

impl CueClass {
    /// Whether the cue states an attitude towards what follows it, so that
    /// a gain or loss named after it ("does not want Russia to lose") is its
    /// content, not a statement of its own.
    pub fn governs(self) -> bool {
        matches!(self, CueClass::Fear | CueClass::Support | CueClass::Oppose)
    }
}

/// Where a cue's holder stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Before the cue, in its clause: "China could benefit".
    Subject,
    /// Right after the cue: "isolate China".
    Object,
    /// After "for"/"to" a few words on: "a headache for Beijing".
    For,
    /// The possessive right before it: "Japan's concerns".
    Possessor,
}

/// The actors a pronoun may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounKind {
    /// "it", "its": a state or an organisation.
    State,
    /// "he", "she": a person.
    Person,
    /// "they": anyone.
    Any,
}

/// A pronoun of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pronoun {
    pub kind: PronounKind,
    /// "its", "their": cannot be a clause's subject.
    pub possessive: bool,
}

/// What the lexicons say of a word, a bit for each word class it is in
/// and each pattern set with a phrase starting with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles(u32);

impl Roles {
    fn has(self, role: Roles) -> bool {
        self.0 & role.0 != 0
    }
}

/// The words the lexicons name, numbered, with the roles of each.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: dossier_text::vocabulary::Vocabulary,
    /// Of each word, by number.
    roles: Vec<Roles>,
    /// Roles handed out so far.
    role_count: u32,
}

impl Vocabulary {
    /// The number of `word`, if the lexicons name it.
    pub fn id(&self, word: &str) -> Option<WordId> {
        self.words.id(word)
    }

    /// The roles of word `id`.
    pub fn roles(&self, id: WordId) -> Roles {
        self.roles[id.index()]
    }

    fn intern(&mut self, word: &str) -> WordId {
        let id = self.words.intern(word);
        self.roles.resize(self.words.len(), Roles::default());
        id
    }

    /// A role no word has yet.
    fn new_role(&mut self) -> Roles {
        assert!(self.role_count < u32::BITS, "more roles than bits");
        self.role_count += 1;
        Roles(1 << (self.role_count - 1))
    }

    fn add_role(&mut self, id: WordId, role: Roles) {
        self.roles[id.index()].0 |= role.0;
    }

    /// The numbers of the `|`-separated words of `words`.
    fn intern_all(&mut self, words: &str) -> Vec<WordId> {
        words.split('|').map(|w| self.intern(w)).collect()
    }
}

/// A word as the lexicons read it: its key, and its number and roles
/// when the lexicons name it.
pub trait Token {
    fn key(&self) -> &str;
    fn id(&self) -> Option<WordId>;
    fn roles(&self) -> Roles;
}

/// Bare keys (in tests) look their number up each time.
impl Token for &str {
    fn key(&self) -> &str {
        self
    }

    fn id(&self) -> Option<WordId> {
        Lexicon::get().vocabulary.id(self)
    }

    fn roles(&self) -> Roles {
        let vocabulary = &Lexicon::get().vocabulary;
        vocabulary
            .id(self)
            .map_or(Roles::default(), |id| vocabulary.roles(id))
    }
}

/// A class of single words ("negation", "hedge", …): a role.
#[derive(Debug, Clone, Copy)]
pub struct WordSet {
    role: Roles,
}

impl WordSet {
    fn new(vocabulary: &mut Vocabulary) -> WordSet {
        WordSet {
            role: vocabulary.new_role(),
        }
    }

    pub fn contains(&self, word: &impl Token) -> bool {
        word.roles().has(self.role)
    }

    /// Adds the `|`-separated words of `words`.
    fn extend(self, vocabulary: &mut Vocabulary, words: &str) {
        for id in vocabulary.intern_all(words) {
            vocabulary.add_role(id, self.role);
        }
    }
}

/// A value for some words of the vocabulary, indexed by their number.
#[derive(Debug)]
pub struct WordMap<T> {
    values: Vec<Option<T>>,
}

impl<T> Default for WordMap<T> {
    fn default() -> Self {
        WordMap { values: Vec::new() }
    }
}

impl<T> WordMap<T> {
    pub fn get(&self, word: &impl Token) -> Option<&T> {
        self.by_id(word.id()?)
    }

    pub fn contains(&self, word: &impl Token) -> bool {
        self.get(word).is_some()
    }

    fn by_id(&self, id: WordId) -> Option<&T> {
        self.values.get(id.index())?.as_ref()
    }

    fn slot(&mut self, id: WordId) -> &mut Option<T> {
        let i = id.index();
        if self.values.len() <= i {
            self.values.resize_with(i + 1, || None);
        }
        &mut self.values[i]
    }

    fn insert(&mut self, id: WordId, value: T) {
        *self.slot(id) = Some(value);
    }
}

/// One word of a pattern: alternatives, each a word or a stem ("a|b*").
#[derive(Debug, Clone)]
struct Element {
    words: Vec<WordId>,
    stems: Vec<String>,
}

impl Element {
    fn parse(word: &str, vocabulary: &mut Vocabulary) -> Element {
        let (stems, words): (Vec<&str>, Vec<&str>) =
            word.split('|').partition(|w| w.ends_with('*'));
        Element {
            words: words.into_iter().map(|w| vocabulary.intern(w)).collect(),
            stems: stems
                .into_iter()
                .map(|s| s.trim_end_matches('*').to_string())
                .collect(),
        }
    }

    fn matches(&self, word: &impl Token) -> bool {
        word.id().is_some_and(|id| self.words.contains(&id))
            || self
                .stems
                .iter()
                .any(|s| word.key().starts_with(s.as_str()))
    }
}

/// A phrase of the lexicons as a sequence of word elements.
#[derive(Debug, Clone)]
pub struct Pattern {
    elements: Vec<Element>,
}

impl Pattern {
    fn parse(phrase: &str, vocabulary: &mut Vocabulary) -> Pattern {
        Pattern {
            elements: phrase
                .split(' ')
                .map(|w| Element::parse(w, vocabulary))
                .collect(),
        }
    }

    /// Words each pattern may start with; `None` when it may start with
    /// a stem.
    fn first_words(&self) -> Option<&[WordId]> {
        let first = &self.elements[0];
        first.stems.is_empty().then_some(first.words.as_slice())
    }

    /// Whether `word` is one of the pattern's own words (not one skipped
    /// inside it): "not" in "can not afford", but not in "would not like".
    pub fn has_word(&self, word: &impl Token) -> bool {
        self.elements.iter().any(|e| e.matches(word))
    }

    /// The end (exclusive) of a match starting at `words[at]`, letting
    /// `skippable` words stand between the pattern's words.
    pub fn match_at<K: Token>(
        &self,
        words: &[K],
        at: usize,
        skippable: impl Fn(&K) -> bool,
    ) -> Option<usize> {
        let mut i = at;
        for (k, element) in self.elements.iter().enumerate() {
            if k > 0 {
                while i < words.len() && skippable(&words[i]) && !element.matches(&words[i]) {
                    i += 1;
                }
            }
            if i >= words.len() || !element.matches(&words[i]) {
                return None;
            }
            i += 1;
        }
        Some(i)
    }
}

/// Patterns indexed by the words they may start with.
#[derive(Debug)]
pub struct PatternSet<T> {
    entries: Vec<(Pattern, T)>,
    by_first: WordMap<Vec<usize>>,
    stems: Vec<usize>,
    /// The role of the words some pattern starts with.
    starts: Roles,
}

impl<T> PatternSet<T> {
    fn new(vocabulary: &mut Vocabulary) -> PatternSet<T> {
        PatternSet {
            entries: Vec::new(),
            by_first: WordMap::default(),
            stems: Vec::new(),
            starts: vocabulary.new_role(),
        }
    }

    fn push(&mut self, phrase: &str, value: T, vocabulary: &mut Vocabulary) {
        let pattern = Pattern::parse(phrase, vocabulary);
        let index = self.entries.len();
        match pattern.first_words() {
            Some(words) => {
                for &w in words {
                    vocabulary.add_role(w, self.starts);
                    self.by_first.slot(w).get_or_insert_default().push(index);
                }
            }
            None => self.stems.push(index),
        }
        self.entries.push((pattern, value));
    }

    /// Every entry matching at `words[at]`, with its end, longest first.
    #[inline]
    pub fn matches_at<K: Token>(
        &self,
        words: &[K],
        at: usize,
        skippable: impl Fn(&K) -> bool + Copy,
    ) -> Vec<Match<'_, T>> {
        // Called at every word: most start no pattern.
        if self.stems.is_empty() && !words[at].roles().has(self.starts) {
            return Vec::new();
        }
        let first = self.by_first.get(&words[at]).map_or(&[][..], Vec::as_slice);
        let candidates = first.iter().chain(&self.stems);
        let mut out: Vec<Match<'_, T>> = candidates
            .filter_map(|&i| {
                let (pattern, value) = &self.entries[i];
                let end = pattern.match_at(words, at, skippable)?;
                Some(Match {
                    end,
                    pattern,
                    value,
                })
            })
            .collect();
        out.sort_by_key(|m| std::cmp::Reverse(m.end));
        out
    }

    /// The longest matches at `words[at]` (several when one phrase has
    /// several readings).
    #[inline]
    pub fn longest_at<K: Token>(
        &self,
        words: &[K],
        at: usize,
        skippable: impl Fn(&K) -> bool + Copy,
    ) -> Vec<Match<'_, T>> {
        let mut all = self.matches_at(words, at, skippable);
        if let Some(end) = all.first().map(|m| m.end) {
            all.retain(|m| m.end == end);
        }
        all
    }
}

/// A pattern matched at a word: where it ends, and what it stands for.
#[derive(Debug, Clone, Copy)]
pub struct Match<'a, T> {
    pub end: usize,
    pub pattern: &'a Pattern,
    pub value: &'a T,
}

/// A cue's reading: its class and where its holder stands.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    pub class: CueClass,
    pub slot: Slot,
}

pub struct Lexicon {
    pub vocabulary: Vocabulary,
    pub cues: PatternSet<Reading>,
    pub averts: PatternSet<()>,
    pub mixed: PatternSet<()>,
    pub negations: WordSet,
    pub bridges: WordSet,
    pub copulas: WordSet,
    pub hedges: WordSet,
    pub skips: WordSet,
    pub hard: WordSet,
    pub hard_if_subject: WordSet,
    pub soft: WordSet,
    pub coordination: WordSet,
    pub connectives: WordSet,
    pub determiners: WordSet,
    pub relative: WordSet,
    pub prepositions: WordSet,
    pub absolute: WordSet,
    pub pronouns: WordMap<Pronoun>,
    pub change: PatternSet<()>,
    /// Topic phrases with their heads, in file order (the first head found
    /// wins).
    pub topics: PatternSet<usize>,
    pub topic_heads: Vec<String>,
    /// Event kinds naming a head, in file order.
    pub topic_events: Vec<(String, usize)>,
    /// Facet phrases: the facet's index in `facet_names` (file order,
    /// the first wins) and the polarity it is restricted to.
    pub facets: PatternSet<(usize, Option<Polarity>)>,
    pub facet_names: Vec<String>,
    /// Words that may stand between a facet phrase's words.
    pub facet_skips: WordSet,
}

fn cue_class(class: &str) -> Option<CueClass> {
    Some(match class {
        "benefit" => CueClass::Benefit,
        "cost" => CueClass::Cost,
        "fear" => CueClass::Fear,
        "support" => CueClass::Support,
        "oppose" => CueClass::Oppose,
        _ => return None,
    })
}

fn parse_slot(slot: &str, line: &str) -> Slot {
    match slot {
        "subject" => Slot::Subject,
        "object" => Slot::Object,
        "for" => Slot::For,
        "possessor" => Slot::Possessor,
        _ => panic!("stance_cues.tsv: bad slot in {line:?}"),
    }
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut vocabulary = Vocabulary::default();
        let v = &mut vocabulary;
        let mut lex = Lexicon {
            cues: PatternSet::new(v),
            averts: PatternSet::new(v),
            mixed: PatternSet::new(v),
            negations: WordSet::new(v),
            bridges: WordSet::new(v),
            copulas: WordSet::new(v),
            hedges: WordSet::new(v),
            skips: WordSet::new(v),
            hard: WordSet::new(v),
            hard_if_subject: WordSet::new(v),
            soft: WordSet::new(v),
            coordination: WordSet::new(v),
            connectives: WordSet::new(v),
            determiners: WordSet::new(v),
            relative: WordSet::new(v),
            prepositions: WordSet::new(v),
            absolute: WordSet::new(v),
            pronouns: WordMap::default(),
            change: PatternSet::new(v),
            topics: PatternSet::new(v),
            topic_heads: Vec::new(),
            topic_events: Vec::new(),
            facets: PatternSet::new(v),
            facet_names: Vec::new(),
            facet_skips: WordSet::new(v),
            vocabulary,
        };
        for line in CUES.words() {
            let fields: Vec<&str> = line.split('\t').collect();
            let [class, slot, phrase] = fields[..] else {
                panic!("stance_cues.tsv: expected three fields in {line:?}");
            };
            lex.add_cue_line(class, slot, phrase, line);
        }
        for line in TOPICS.words() {
            let (head, phrase) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("stance_topics.tsv: no tab in {line:?}"));
            let index = match lex.topic_heads.iter().position(|h| h == head) {
                Some(i) => i,
                None => {
                    lex.topic_heads.push(head.to_string());
                    lex.topic_heads.len() - 1
                }
            };
            match phrase.strip_prefix('@') {
                Some(kind) => lex.topic_events.push((kind.to_string(), index)),
                None => {
                    let phrase = phrase.replace('-', " ");
                    lex.topics.push(&phrase, index, &mut lex.vocabulary);
                }
            }
        }
        for line in FACETS.words() {
            let fields: Vec<&str> = line.split('\t').collect();
            let [facet, polarity, phrase] = fields[..] else {
                panic!("stance_facets.tsv: expected three fields in {line:?}");
            };
            lex.add_facet_line(facet, polarity, phrase, line);
        }
        lex
    }

    fn add_facet_line(&mut self, facet: &str, polarity: &str, phrase: &str, line: &str) {
        if facet == "skip" {
            self.facet_skips.extend(&mut self.vocabulary, phrase);
            return;
        }
        let polarity = match polarity {
            "*" => None,
            name => Some(
                Polarity::from_name(name)
                    .unwrap_or_else(|| panic!("stance_facets.tsv: bad polarity in {line:?}")),
            ),
        };
        let index = match self.facet_names.iter().position(|f| f == facet) {
            Some(i) => i,
            None => {
                self.facet_names.push(facet.to_string());
                self.facet_names.len() - 1
            }
        };
        let phrase = phrase.replace('-', " ");
        self.facets
            .push(&phrase, (index, polarity), &mut self.vocabulary);
    }

    fn add_cue_line(&mut self, class: &str, slot: &str, phrase: &str, line: &str) {
        let phrase = &phrase.replace('-', " ");
        if let Some(class) = cue_class(class) {
            let slot = parse_slot(slot, line);
            self.cues
                .push(phrase, Reading { class, slot }, &mut self.vocabulary);
            return;
        }
        match class {
            "avert" => self.averts.push(phrase, (), &mut self.vocabulary),
            "mixed" => self.mixed.push(phrase, (), &mut self.vocabulary),
            "change" => self.change.push(phrase, (), &mut self.vocabulary),
            "pronoun" => {
                let (kind, possessive) = match slot.strip_suffix("'s") {
                    Some(kind) => (kind, true),
                    None => (slot, false),
                };
                let kind = match kind {
                    "state" => PronounKind::State,
                    "person" => PronounKind::Person,
                    "any" => PronounKind::Any,
                    _ => panic!("stance_cues.tsv: bad pronoun kind in {line:?}"),
                };
                let id = self.vocabulary.intern(phrase);
                self.pronouns.insert(id, Pronoun { kind, possessive });
            }
            _ => {
                self.word_set(class)
                    .unwrap_or_else(|| panic!("stance_cues.tsv: unknown class in {line:?}"))
                    .extend(&mut self.vocabulary, phrase);
            }
        }
    }

    /// The set a class of single words goes into.
    fn word_set(&self, class: &str) -> Option<WordSet> {
        Some(match class {
            "negation" => self.negations,
            "bridge" => self.bridges,
            "copula" => self.copulas,
            "hedge" => self.hedges,
            "skip" => self.skips,
            "hard" => self.hard,
            "hard_if_subject" => self.hard_if_subject,
            "soft" => self.soft,
            "coordination" => self.coordination,
            "connective" => self.connectives,
            "determiner" => self.determiners,
            "relative" => self.relative,
            "preposition" => self.prepositions,
            "absolute" => self.absolute,
            _ => return None,
        })
    }

    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load)
    }

    /// Words that may stand between the words of a cue: the `skip` words
    /// and adverbs in -ly ("profited handsomely from").
    pub fn skippable<K: Token>(&self) -> impl Fn(&K) -> bool + Copy + '_ {
        move |w| self.skips.contains(w) || (w.key().len() > 4 && w.key().ends_with("ly"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_load_and_patterns_match() {
        let lex = Lexicon::get();
        let words = ["china", "does", "not", "want", "to", "lose"];
        let skip = lex.skippable();
        let m = lex.cues.longest_at(&words, 3, skip)[0];
        assert_eq!((m.end, m.value.class), (4, CueClass::Support));
        let words = ["good", "news", "for", "beijing"];
        assert_eq!(lex.cues.longest_at(&words, 0, skip)[0].end, 2);
        let words = ["would", "not", "like", "to"];
        let m = lex.cues.longest_at(&words, 0, skip)[0];
        assert_eq!(m.end, 3);
        assert!(!m.pattern.has_word(&"not") && m.pattern.has_word(&"would"));
        assert!(lex.negations.contains(&"not") && lex.hedges.contains(&"could"));
        assert_eq!(
            lex.pronouns.get(&"its"),
            Some(&Pronoun {
                kind: PronounKind::State,
                possessive: true
            })
        );
        assert!(!lex.topic_heads.is_empty() && !lex.topic_events.is_empty());
    }
}
