//! The linguistic resources dossier compiles in: every word list of
//! `lexicons/` and every table of `gazetteer/`, as [`Lexicon`] constants,
//! and the one reader the stages parse them with.
//!
//! Why one crate: several stages read the same lists (months, speech verbs,
//! titles, stopwords), and a malformed line should be reported the same way
//! wherever it is read — as `lexicons/file.tsv:LINE: what is wrong` — by a
//! test that loads every file, before any stage trips over it.
//!
//! Format, shared by every file (documented per file in
//! `lexicons/README.md` and `gazetteer/README.md`): UTF-8 text, one record a
//! line, fields separated by tabs; blank lines and lines starting with `#`
//! are comments.

use std::fmt;
use std::ops::RangeInclusive;

/// One compiled-in resource file.
#[derive(Debug)]
pub struct Lexicon {
    /// Its path in the repository, for messages.
    pub path: &'static str,
    /// The whole file.
    pub text: &'static str,
    /// How many tab-separated fields a record has.
    pub fields: RangeInclusive<usize>,
}

/// A record: one data line of a lexicon.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub path: &'static str,
    /// 1-based line number in the file.
    pub number: usize,
    /// The line without its line break.
    pub line: &'static str,
}

/// A malformed record, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: &'static str,
    pub number: usize,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.number, self.message)
    }
}

impl std::error::Error for Error {}

impl Lexicon {
    /// The data lines: comments and blank lines skipped.
    pub fn rows(&self) -> impl Iterator<Item = Row> + '_ {
        let path = self.path;
        self.text
            .lines()
            .enumerate()
            .map(move |(i, line)| Row {
                path,
                number: i + 1,
                line: line.strip_suffix('\r').unwrap_or(line),
            })
            .filter(|row| !row.line.trim().is_empty() && !row.line.starts_with('#'))
    }

    /// The data lines trimmed, for one-column word lists.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rows().map(|row| row.line.trim())
    }

    /// Every record checked against the declared number of fields.
    pub fn check(&self) -> Result<usize, Error> {
        let mut count = 0;
        for row in self.rows() {
            let n = row.fields().count();
            if !self.fields.contains(&n) {
                return Err(row.error(format!(
                    "{n} tab-separated fields, expected {}..={}",
                    self.fields.start(),
                    self.fields.end()
                )));
            }
            count += 1;
        }
        Ok(count)
    }
}

impl Row {
    /// The tab-separated fields.
    pub fn fields(&self) -> std::str::Split<'static, char> {
        self.line.split('\t')
    }

    /// Field `i` (0-based), or an error naming the line.
    pub fn field(&self, i: usize) -> Result<&'static str, Error> {
        self.fields()
            .nth(i)
            .ok_or_else(|| self.error(format!("no field {} (fields are tab-separated)", i + 1)))
    }

    /// The first field and the rest of the line after its tab.
    pub fn split_first(&self) -> Result<(&'static str, &'static str), Error> {
        self.line
            .split_once('\t')
            .ok_or_else(|| self.error("expected two tab-separated fields".into()))
    }

    /// An error located at this line.
    pub fn error(&self, message: String) -> Error {
        Error {
            path: self.path,
            number: self.number,
            message,
        }
    }
}

macro_rules! lexicons {
    ($($name:ident: $path:literal, $fields:expr;)*) => {
        $(
            #[doc = concat!("`", $path, "`")]
            pub const $name: Lexicon = Lexicon {
                path: $path,
                text: include_str!(concat!("../../../", $path)),
                fields: $fields,
            };
        )*
        /// Every compiled-in resource, for the test that loads them all.
        pub const ALL: &[&Lexicon] = &[$(&$name),*];
    };
}

lexicons! {
    ABBREVIATIONS: "lexicons/abbreviations.tsv", 2..=2;
    ACTOR_CONTEXT: "lexicons/actor_context.tsv", 2..=2;
    ATTRIBUTION_PHRASES: "lexicons/attribution_phrases.txt", 1..=1;
    BYLINES: "lexicons/bylines.tsv", 2..=2;
    CONTEXTUAL_ALIASES: "lexicons/contextual_aliases.tsv", 3..=3;
    DATE_WORDS: "lexicons/date_words.tsv", 2..=2;
    DEBRIS_CUES: "lexicons/debris_cues.tsv", 3..=3;
    EVENT_CONFIDENCE: "lexicons/event_confidence.tsv", 2..=2;
    EVENT_CUES: "lexicons/event_cues.tsv", 2..=2;
    FIGURATIVE_VIOLENCE: "lexicons/figurative_violence.tsv", 3..=3;
    FUNCTION_WORDS: "lexicons/function_words.tsv", 2..=2;
    GENERIC_BODIES: "lexicons/generic_bodies.tsv", 2..=2;
    HOLIDAYS: "lexicons/holidays.tsv", 2..=2;
    LINK_CLASSES: "lexicons/link_classes.tsv", 2..=2;
    LINK_SYNONYMS: "lexicons/link_synonyms.tsv", 2..=2;
    LINK_USAGE: "lexicons/link_usage.tsv", 2..=2;
    MONTHS: "lexicons/months.tsv", 2..=2;
    NON_ACTOR_PHRASES: "lexicons/non_actor_phrases.txt", 1..=1;
    ORG_HEADS: "lexicons/org_heads.tsv", 2..=2;
    PAST_DATE_CUES: "lexicons/past_date_cues.txt", 1..=1;
    PERSON_ROLES: "lexicons/person_roles.txt", 1..=1;
    PERSON_TITLES: "lexicons/person_titles.tsv", 2..=2;
    PLACE_WORDS: "lexicons/place_words.tsv", 2..=2;
    PLOVER_SCALE: "lexicons/plover_scale.tsv", 2..=2;
    PLOVER_STORY_CLASSIFIER: "lexicons/plover_story_classifier.tsv", 2..=17;
    PLOVER_TRIGGERS: "lexicons/plover_triggers.tsv", 3..=3;
    QUOTE_WORDS: "lexicons/quote_words.tsv", 2..=2;
    ROLE_NOUNS: "lexicons/role_nouns.tsv", 2..=2;
    SPEECH_VERBS: "lexicons/speech_verbs.tsv", 2..=2;
    STANCE_CUES: "lexicons/stance_cues.tsv", 3..=3;
    STANCE_FACETS: "lexicons/stance_facets.tsv", 3..=3;
    STANCE_TOPICS: "lexicons/stance_topics.tsv", 2..=2;
    STOPWORDS_EN: "lexicons/stopwords_en.txt", 1..=1;
    TENSE_CUES: "lexicons/tense_cues.tsv", 2..=2;
    TIME_WORDS: "lexicons/time_words.tsv", 3..=3;
    UNNAMED_ROLES: "lexicons/unnamed_roles.txt", 1..=1;
    GAZETTEER_ACTORS: "gazetteer/actors.tsv", 5..=5;
    GAZETTEER_ALIASES: "gazetteer/aliases.tsv", 4..=4;
    GAZETTEER_AMBIGUOUS: "gazetteer/ambiguous.tsv", 3..=3;
    GAZETTEER_ROLES: "gazetteer/roles.tsv", 6..=6;
}

/// The closed word classes of `lexicons/function_words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionWords {
    CoordinatedAdverb,
    Complement,
    Determiner,
    AppositionOpener,
    HolderPronoun,
    Demonstrative,
    Article,
    IndefiniteArticle,
    Coordinator,
    ReciprocalPreposition,
    NonTargetPreposition,
    Benefactive,
    PhraseTail,
    SpeakerPreposition,
    UnreportedOpener,
}

impl FunctionWords {
    const ALL: [FunctionWords; 15] = [
        FunctionWords::CoordinatedAdverb,
        FunctionWords::Complement,
        FunctionWords::Determiner,
        FunctionWords::AppositionOpener,
        FunctionWords::HolderPronoun,
        FunctionWords::Demonstrative,
        FunctionWords::Article,
        FunctionWords::IndefiniteArticle,
        FunctionWords::Coordinator,
        FunctionWords::ReciprocalPreposition,
        FunctionWords::NonTargetPreposition,
        FunctionWords::Benefactive,
        FunctionWords::PhraseTail,
        FunctionWords::SpeakerPreposition,
        FunctionWords::UnreportedOpener,
    ];

    /// Its name in the file.
    pub fn name(self) -> &'static str {
        match self {
            FunctionWords::CoordinatedAdverb => "coordinated_adverb",
            FunctionWords::Complement => "complement",
            FunctionWords::Determiner => "determiner",
            FunctionWords::AppositionOpener => "apposition_opener",
            FunctionWords::HolderPronoun => "holder_pronoun",
            FunctionWords::Demonstrative => "demonstrative",
            FunctionWords::Article => "article",
            FunctionWords::IndefiniteArticle => "indefinite_article",
            FunctionWords::Coordinator => "coordinator",
            FunctionWords::ReciprocalPreposition => "reciprocal_preposition",
            FunctionWords::NonTargetPreposition => "non_target_preposition",
            FunctionWords::Benefactive => "benefactive",
            FunctionWords::PhraseTail => "phrase_tail",
            FunctionWords::SpeakerPreposition => "speaker_preposition",
            FunctionWords::UnreportedOpener => "unreported_opener",
        }
    }

    /// The class's words, lowercase (parsed once; a lookup is an index).
    pub fn words(self) -> &'static [&'static str] {
        static CLASSES: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
        let classes = CLASSES.get_or_init(|| {
            let mut classes = vec![Vec::new(); FunctionWords::ALL.len()];
            for row in FUNCTION_WORDS.rows() {
                let (class, word) = row.split_first().unwrap_or_else(|e| panic!("{e}"));
                let i = FunctionWords::ALL
                    .iter()
                    .position(|c| c.name() == class)
                    .unwrap_or_else(|| panic!("{}", row.error(format!("unknown class {class:?}"))));
                classes[i].push(word.trim());
            }
            classes
        });
        &classes[self as usize]
    }

    /// Whether `lowercase` is one of the class's words.
    pub fn contains(self, lowercase: &str) -> bool {
        self.words().contains(&lowercase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file loads, every record has its declared fields, and every
    /// file in the two folders is compiled in (a new list is not forgotten).
    #[test]
    fn every_file_loads() {
        let mut failures = Vec::new();
        for lexicon in ALL {
            match lexicon.check() {
                Ok(0) => failures.push(format!("{}: no records", lexicon.path)),
                Ok(_) => {}
                Err(e) => failures.push(e.to_string()),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for folder in ["lexicons", "gazetteer"] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                if name.ends_with(".tsv") || name.ends_with(".txt") {
                    let path = format!("{folder}/{name}");
                    assert!(
                        ALL.iter().any(|l| l.path == path),
                        "{path} is not compiled in: add it to dossier-lexicon"
                    );
                }
            }
        }
    }

    #[test]
    fn every_function_word_class_has_words() {
        for class in FunctionWords::ALL {
            assert!(!class.words().is_empty(), "{}", class.name());
        }
        assert!(FunctionWords::Determiner.contains("its"));
        assert!(!FunctionWords::Article.contains("its"));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let lexicon = Lexicon {
            path: "lexicons/x.tsv",
            text: "# comment\n\nword\tclass\nlonely\n",
            fields: 2..=2,
        };
        let rows: Vec<Row> = lexicon.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].number, 3);
        assert_eq!(rows[0].field(1), Ok("class"));
        assert_eq!(
            rows[1].field(1).unwrap_err().to_string(),
            "lexicons/x.tsv:4: no field 2 (fields are tab-separated)"
        );
        assert_eq!(
            lexicon.check().unwrap_err().to_string(),
            "lexicons/x.tsv:4: 1 tab-separated fields, expected 2..=2"
        );
    }
}
