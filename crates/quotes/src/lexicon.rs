//! The word lists quote attribution reads, compiled in from `lexicons/`
//! (formats in `lexicons/README.md`): speech verbs, attribution phrases
//! ("according to X") and the words around a speaker (pronouns, honorifics,
//! words a speaker phrase never crosses).

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::OnceLock;

use dossier_lexicon::ATTRIBUTION_PHRASES;
use dossier_lexicon::QUOTE_WORDS;
use dossier_lexicon::SPEECH_VERBS;

/// How a speech verb may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VerbKind {
    /// Content may follow at once ("said the talks failed").
    Speech,
    /// A listener comes first ("told reporters that …").
    Object,
    /// Only a cue next to quotation marks ("he continued").
    Quote,
}

/// What a pronoun speaker refers back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pronoun {
    /// "he", "she": the latest named person of that sex (or unknown sex).
    Person(Sex),
    /// "it", "they": the latest named speaker or body.
    Body,
    /// "I", "we", "you": the writer or the reader; left as written.
    Deictic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sex {
    Male,
    Female,
}

/// A fixed attribution wording split around its speaker: `according to X`
/// has `before = ["according", "to"]` and no words after.
#[derive(Debug)]
pub(super) struct Phrase {
    pub before: Vec<String>,
    pub after: Vec<String>,
}

pub(super) struct Lexicon {
    /// Verb forms keyed by their first word; each form is its words.
    verbs: HashMap<String, Vec<(Vec<String>, VerbKind)>>,
    /// The first form listed for each verb, its base form ("say", "comment").
    base_forms: HashSet<String>,
    pub phrases: Vec<Phrase>,
    /// The first words of the phrases, unless one opens with its speaker:
    /// most words start no phrase, and a glance at these few tells so
    /// (faster than hashing every word).
    phrase_starts: Option<Vec<String>>,
    pronouns: HashMap<String, Pronoun>,
    /// Honorifics and titles as written; `Some` sex for honorifics that tell it.
    titles: HashMap<String, Option<Sex>>,
    leads: HashSet<String>,
    skips: HashSet<String>,
    stops: HashSet<String>,
    prepositions: HashSet<String>,
    times: HashSet<String>,
    relatives: HashSet<String>,
    determiners: HashSet<String>,
    be: HashSet<String>,
    auxiliaries: HashSet<String>,
    continuations: HashSet<String>,
    not_labels: HashSet<String>,
    /// "they": the pronouns that may refer to a plural.
    plural_pronouns: HashSet<String>,
    plurals: HashSet<String>,
}

fn split_kind<'a>(file: &str, line: &'a str) -> (&'a str, &'a str) {
    line.split_once('\t')
        .unwrap_or_else(|| panic!("lexicons/{file}: bad line {line:?}"))
}

/// The shared lexicon, loaded once.
pub(super) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

impl Lexicon {
    fn load() -> Lexicon {
        let phrases: Vec<Phrase> = ATTRIBUTION_PHRASES.words().map(parse_phrase).collect();
        let mut lex = Lexicon {
            verbs: HashMap::new(),
            base_forms: HashSet::new(),
            phrase_starts: phrases
                .iter()
                .map(|p| p.before.first().cloned())
                .collect::<Option<Vec<String>>>()
                .map(|mut starts| {
                    starts.sort();
                    starts.dedup();
                    starts
                }),
            phrases,
            pronouns: HashMap::new(),
            titles: HashMap::new(),
            leads: HashSet::new(),
            skips: HashSet::new(),
            stops: HashSet::new(),
            prepositions: HashSet::new(),
            times: HashSet::new(),
            relatives: HashSet::new(),
            determiners: HashSet::new(),
            be: HashSet::new(),
            auxiliaries: HashSet::new(),
            continuations: HashSet::new(),
            not_labels: HashSet::new(),
            plural_pronouns: HashSet::new(),
            plurals: HashSet::new(),
        };
        for line in SPEECH_VERBS.words() {
            lex.add_verb(line);
        }
        for line in QUOTE_WORDS.words() {
            lex.add_word(line);
        }
        lex
    }

    fn add_verb(&mut self, line: &str) {
        let (kind, forms) = split_kind("speech_verbs.tsv", line);
        let kind = match kind {
            "speech" => VerbKind::Speech,
            "object" => VerbKind::Object,
            "quote" => VerbKind::Quote,
            other => panic!("lexicons/speech_verbs.tsv: unknown kind {other:?}"),
        };
        if let Some(base) = forms.split('|').next() {
            self.base_forms.insert(base.to_owned());
        }
        for form in forms.split('|') {
            let words: Vec<String> = form.split_whitespace().map(str::to_owned).collect();
            self.verbs
                .entry(words[0].clone())
                .or_default()
                .push((words, kind));
        }
    }

    fn add_word(&mut self, line: &str) {
        let (kind, word) = split_kind("quote_words.tsv", line);
        let word = word.trim().to_owned();
        match kind {
            "he" => self.pronoun(word, Pronoun::Person(Sex::Male)),
            "she" => self.pronoun(word, Pronoun::Person(Sex::Female)),
            "it" => self.pronoun(word, Pronoun::Body),
            "they" => {
                self.plural_pronouns.insert(word.clone());
                self.pronoun(word, Pronoun::Body)
            }
            "self" => self.pronoun(word, Pronoun::Deictic),
            "male" => self.title(word, Some(Sex::Male)),
            "female" => self.title(word, Some(Sex::Female)),
            "title" => self.title(word, None),
            "lead" => _ = self.leads.insert(word),
            "skip" => _ = self.skips.insert(word),
            "stop" => _ = self.stops.insert(word),
            "preposition" => _ = self.prepositions.insert(word),
            "time" => _ = self.times.insert(word),
            "relative" => _ = self.relatives.insert(word),
            "determiner" => _ = self.determiners.insert(word),
            "be" => _ = self.be.insert(word),
            "aux" => _ = self.auxiliaries.insert(word),
            "continue" => _ = self.continuations.insert(word),
            "not-label" => _ = self.not_labels.insert(word),
            "plural" => _ = self.plurals.insert(word),
            other => panic!("lexicons/quote_words.tsv: unknown kind {other:?}"),
        }
    }

    fn pronoun(&mut self, word: String, pronoun: Pronoun) {
        self.pronouns.insert(word, pronoun);
    }

    fn title(&mut self, word: String, sex: Option<Sex>) {
        self.titles.insert(word, sex);
    }

    /// The speech verb whose form starts at `words[0]`: its kind and its
    /// length in words. Longer forms win ("pointed out" over "pointed").
    pub fn verb<W: AsRef<str>>(&self, words: &[W]) -> Option<(VerbKind, usize)> {
        let first = words.first()?;
        self.verbs
            .get(first.as_ref())?
            .iter()
            .filter(|(form, _)| {
                form.len() <= words.len() && form.iter().zip(words).all(|(f, w)| f == w.as_ref())
            })
            .max_by_key(|(form, _)| form.len())
            .map(|(form, kind)| (*kind, form.len()))
    }

    /// A verb's base form ("comment", "report"): as often a noun ("a
    /// Twitter comment") as a finite verb.
    pub fn is_base_form(&self, lower: &str) -> bool {
        self.base_forms.contains(lower)
    }

    pub fn pronoun_of(&self, lower: &str) -> Option<Pronoun> {
        self.pronouns.get(lower).copied()
    }

    /// `Some(sex)` for a title or honorific as written (`Some(None)` when
    /// it does not tell the sex).
    pub fn title_of(&self, word: &str) -> Option<Option<Sex>> {
        self.titles.get(word).copied()
    }

    /// Whether an attribution phrase may start at this word.
    pub fn starts_phrase(&self, lower: &str) -> bool {
        self.phrase_starts
            .as_ref()
            .is_none_or(|starts| starts.iter().any(|s| s == lower))
    }

    pub fn is_lead(&self, lower: &str) -> bool {
        self.leads.contains(lower)
    }

    /// Auxiliaries and adverbs that may stand between a speaker and its verb.
    pub fn is_skip(&self, lower: &str) -> bool {
        self.skips.contains(lower)
            || self.is_auxiliary(lower)
            || (lower.len() > 4 && lower.ends_with("ly"))
    }

    /// An auxiliary or modal verb, "be" included.
    pub fn is_auxiliary(&self, lower: &str) -> bool {
        self.auxiliaries.contains(lower) || self.be.contains(lower)
    }

    pub fn is_stop(&self, lower: &str) -> bool {
        self.stops.contains(lower)
    }

    pub fn is_preposition(&self, lower: &str) -> bool {
        self.prepositions.contains(lower)
    }

    pub fn is_time(&self, lower: &str) -> bool {
        self.times.contains(lower)
    }

    pub fn is_relative(&self, lower: &str) -> bool {
        self.relatives.contains(lower)
    }

    pub fn is_determiner(&self, lower: &str) -> bool {
        self.determiners.contains(lower)
    }

    /// A form of "be": before a past participle it makes a passive ("was
    /// asked"), whose subject is not the speaker.
    pub fn is_be(&self, lower: &str) -> bool {
        self.be.contains(lower)
    }

    /// The first word of a cue that goes on with what was just quoted
    /// ("added", "continued", "went on").
    pub fn is_continuation(&self, lower: &str) -> bool {
        self.continuations.contains(lower)
    }

    /// "they": a pronoun that may refer back to a plural ("Two Americans").
    pub fn is_plural_pronoun(&self, lower: &str) -> bool {
        self.plural_pronouns.contains(lower)
    }

    /// A word opening a plural noun phrase ("two", "several"), which "he",
    /// "she" or "it" never refers back to; numbers above one count too.
    pub fn opens_plural(&self, lower: &str) -> bool {
        self.plurals.contains(lower) || lower.parse::<u64>().is_ok_and(|n| n > 1)
    }

    /// A heading word written before a colon that names no speaker
    /// ("UPDATE:", "Q:").
    pub fn is_not_label(&self, lower: &str) -> bool {
        self.not_labels.contains(lower)
    }

    /// An English function word (`lexicons/stopwords_en.txt`).
    pub fn is_stopword(&self, lower: &str) -> bool {
        dossier_text::sentences::is_stopword(lower)
    }
}

fn parse_phrase(line: &'static str) -> Phrase {
    let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
    let x = words
        .iter()
        .position(|w| w == "X")
        .unwrap_or_else(|| panic!("lexicons/attribution_phrases.txt: no X in {line:?}"));
    Phrase {
        before: words[..x].to_vec(),
        after: words[x + 1..].to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists_load() {
        let lex = lexicon();
        assert_eq!(lex.verb(&["said", "x"]), Some((VerbKind::Speech, 1)));
        assert_eq!(lex.verb(&["pointed", "out"]), Some((VerbKind::Speech, 2)));
        assert_eq!(lex.verb(&["told"]), Some((VerbKind::Object, 1)));
        assert_eq!(lex.verb(&["mentioned"]), Some((VerbKind::Speech, 1)));
        assert_eq!(lex.pronoun_of("she"), Some(Pronoun::Person(Sex::Female)));
        assert_eq!(lex.title_of("Mr."), Some(Some(Sex::Male)));
        assert!(lex.phrases.iter().any(|p| p.before == ["according", "to"]));
    }
}
