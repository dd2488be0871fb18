//! The extract stage's linguistic resources, loaded once from the data files
//! in `lexicons/` (formats documented in `lexicons/README.md`).

use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use dossier_lexicon::BYLINES;
use dossier_lexicon::DEBRIS_CUES;
use dossier_lexicon::STOPWORDS_EN;

/// Where a debris cue applies (the `scope` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The line containing the phrase ends the article.
    End,
    /// The (short) line containing the phrase is debris.
    Line,
    /// The line is debris only if it is exactly the phrase.
    Exact,
    /// A heading-like line starting with the phrase is debris.
    Prefix,
    /// Opens an author box at the end of the body (kind `bio`).
    Lead,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub kind: String,
    pub scope: Scope,
}

impl Cue {
    /// Comment forms, related-story blocks and author boxes close an article
    /// whether they appear as a phrase ("Leave a Reply") or as a bare heading
    /// ("Comments"); prompts and credits do not.
    pub fn ends_article(&self) -> bool {
        self.scope == Scope::End
            || (self.scope == Scope::Exact && matches!(self.kind.as_str(), "comment" | "related"))
            || (self.scope == Scope::Prefix && self.kind == "bio")
    }
}

pub struct Lexicon {
    substring_cues: Vec<Cue>,
    substrings: AhoCorasick,
    exact: std::collections::HashMap<String, Cue>,
    prefixes: Vec<(String, Cue)>,
    bio_leads: Vec<String>,
    stopwords: HashSet<String>,
    /// Words that make up navigation bars ("Home", "World", "Sport"): the
    /// `exact` cues of kind `nav`.
    nav_words: HashSet<String>,
    byline_openers: Vec<String>,
    name_connectors: HashSet<String>,
    role_words: HashSet<String>,
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(&DEBRIS_CUES, &STOPWORDS_EN, &BYLINES))
    }

    fn parse(
        cues: &'static dossier_lexicon::Lexicon,
        stopwords: &'static dossier_lexicon::Lexicon,
        bylines: &'static dossier_lexicon::Lexicon,
    ) -> Lexicon {
        let mut substring_cues = Vec::new();
        let mut patterns = Vec::new();
        let mut exact = std::collections::HashMap::new();
        let mut prefixes = Vec::new();
        let mut bio_leads = Vec::new();
        let mut nav_words = HashSet::new();
        for line in cues.words() {
            let mut fields = line.split('\t');
            let (Some(kind), Some(scope), Some(phrase)) =
                (fields.next(), fields.next(), fields.next())
            else {
                panic!("lexicons/debris_cues.tsv: expected kind, scope, phrase in {line:?}");
            };
            let scope = match scope {
                "end" => Scope::End,
                "line" => Scope::Line,
                "exact" => Scope::Exact,
                "prefix" => Scope::Prefix,
                "lead" => Scope::Lead,
                other => panic!("lexicons/debris_cues.tsv: unknown scope {other:?}"),
            };
            let cue = Cue {
                kind: kind.to_string(),
                scope,
            };
            let phrase = normalize(phrase);
            if scope == Scope::Lead {
                bio_leads.push(phrase);
            } else if scope == Scope::Prefix {
                prefixes.push((format!("{phrase} "), cue));
            } else if scope == Scope::Exact {
                if kind == "nav" && !phrase.contains(' ') {
                    nav_words.insert(phrase.clone());
                }
                exact.insert(phrase, cue);
            } else {
                patterns.push(phrase);
                substring_cues.push(cue);
            }
        }
        let substrings = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("debris cue automaton");
        Lexicon {
            substring_cues,
            substrings,
            exact,
            prefixes,
            bio_leads,
            stopwords: stopwords.words().map(str::to_lowercase).collect(),
            nav_words,
            // Openers keep their trailing space: "by " must not match "Byrne".
            byline_openers: bylines
                .rows()
                .filter_map(|row| row.line.strip_prefix("opener\t"))
                .map(str::to_string)
                .collect(),
            name_connectors: bylines
                .words()
                .filter_map(|l| l.strip_prefix("connector\t"))
                .map(str::to_string)
                .collect(),
            role_words: bylines
                .words()
                .filter_map(|l| l.strip_prefix("role\t"))
                .map(str::to_string)
                .collect(),
        }
    }

    /// The cue a line matches, if any. `normalized` must come from
    /// [`normalize`]; `heading_like` says the line has no final full stop
    /// (prefix cues apply only then).
    pub fn cue(&self, normalized: &str, heading_like: bool) -> Option<&Cue> {
        // Counts around a heading ("4 Comments") do not change what it is.
        let bare = normalized.trim_matches(|c: char| !c.is_alphabetic());
        let exact = self.exact.get(bare);
        let prefix = heading_like
            .then(|| {
                self.prefixes
                    .iter()
                    .find(|(p, _)| bare.starts_with(p.as_str()))
            })
            .flatten()
            .map(|(_, cue)| cue);
        let substrings = self
            .substrings
            .find_iter(normalized)
            .map(|m| &self.substring_cues[m.pattern().as_usize()]);
        // When a line matches several cues, the most telling wins: one that
        // ends the article, then a phrase, then a whole-line word.
        let rank = |cue: &Cue| match (cue.ends_article(), cue.scope) {
            (true, _) => 0,
            (false, Scope::Line) => 1,
            (false, Scope::Exact) => 2,
            _ => 3,
        };
        exact
            .into_iter()
            .chain(prefix)
            .chain(substrings)
            .min_by_key(|c| rank(c))
    }

    /// Whether the opening words of a paragraph introduce an author box.
    pub fn opens_author_box(&self, head: &str) -> bool {
        self.bio_leads.iter().any(|p| head.contains(p.as_str()))
    }

    pub fn byline_openers(&self) -> impl Iterator<Item = &str> {
        self.byline_openers.iter().map(String::as_str)
    }

    pub fn is_role_word(&self, lowercase_word: &str) -> bool {
        self.role_words.contains(lowercase_word)
    }

    pub fn is_name_connector(&self, word: &str) -> bool {
        self.name_connectors.contains(word)
    }

    pub fn is_stopword(&self, lowercase_word: &str) -> bool {
        self.stopwords.contains(lowercase_word)
    }

    pub fn is_nav_word(&self, lowercase_word: &str) -> bool {
        self.nav_words.contains(lowercase_word)
    }
}

/// Lowercases, straightens quotes and collapses whitespace, so that cue
/// phrases match however a page typeset them.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lexicon_parses_and_matches() {
        let lex = Lexicon::get();
        assert!(lex.is_stopword("the"));
        let cue = lex
            .cue(
                &normalize("Your email address will not be published."),
                false,
            )
            .unwrap();
        assert_eq!(cue.kind, "comment");
        assert!(lex
            .cue(
                &normalize("The talks will resume in Geneva on Monday."),
                false
            )
            .is_none());
        assert_eq!(
            lex.cue(&normalize("4 Comments"), true).unwrap().kind,
            "comment"
        );
        assert!(lex
            .cue(&normalize("About the Institute"), true)
            .unwrap()
            .ends_article());
        assert!(lex
            .cue(&normalize("About 800 people were displaced."), false)
            .is_none());
        assert_eq!(
            lex.cue(&normalize("Read more:"), true).unwrap().kind,
            "related"
        );
    }

    #[test]
    fn normalize_straightens_and_collapses() {
        assert_eq!(normalize("  Don’t   Share\tThis "), "don't share this");
    }
}
