//! The bundled gazetteer (`gazetteer/*.tsv`, format in its README) and the
//! lexicons of the actors stage, loaded once into lookup structures.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::OnceLock;

use dossier_model::ActorKind;

use super::patterns::PatternFinder;
use dossier_text::shapes::WordShapes;

use dossier_lexicon::ACTOR_CONTEXT as CONTEXT;
use dossier_lexicon::CONTEXTUAL_ALIASES as CONTEXTUAL;
use dossier_lexicon::GAZETTEER_ACTORS as ACTORS;
use dossier_lexicon::GAZETTEER_ALIASES as ALIASES;
use dossier_lexicon::GAZETTEER_AMBIGUOUS as AMBIGUOUS;
use dossier_lexicon::GAZETTEER_ROLES as ROLES;
use dossier_lexicon::GENERIC_BODIES;
use dossier_lexicon::NON_ACTOR_PHRASES as NON_ACTOR;
use dossier_lexicon::ORG_HEADS;
use dossier_lexicon::PERSON_ROLES;
use dossier_lexicon::PERSON_TITLES as TITLES;
use dossier_lexicon::PLACE_WORDS;
use dossier_lexicon::ROLE_NOUNS;
use dossier_lexicon::SPEECH_VERBS;

/// How an alias names its actor (the `type` column of aliases.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasType {
    Name,
    Official,
    Short,
    Variant,
    /// A capital city standing for the state ("Beijing said").
    Capital,
    /// A seat of power ("the Kremlin").
    Seat,
    Adjective,
    Demonym,
    Surname,
    Translation,
}

impl AliasType {
    fn parse(s: &str) -> Option<AliasType> {
        Some(match s {
            "name" => AliasType::Name,
            "official" => AliasType::Official,
            "short" => AliasType::Short,
            "variant" => AliasType::Variant,
            "capital" => AliasType::Capital,
            "seat" => AliasType::Seat,
            "adjective" => AliasType::Adjective,
            "demonym" => AliasType::Demonym,
            "surname" => AliasType::Surname,
            "translation" => AliasType::Translation,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: ActorKind,
    pub name: String,
    pub country: Option<String>,
}

/// What one automaton pattern stands for.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// A gazetteer alias: every actor it may name (one unless the alias is
    /// ambiguous), with its type.
    Alias {
        ids: Vec<String>,
        kind: AliasType,
        /// Non-actor readings from ambiguous.tsv ("us-state:georgia").
        other_readings: Vec<String>,
        /// Written in a script without spaces between words: no word
        /// boundary check.
        unspaced: bool,
    },
    /// A phrase that contains a state's name but names no actor.
    NonActor,
}

#[derive(Debug, Clone)]
pub struct RoleRow {
    pub person: String,
    pub role: String,
    pub start: String,
    pub end: String,
    /// Left open by an old source: not evidence of holding office today.
    stale: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    Honorific,
    Title,
    Military,
}

pub struct Gazetteer {
    pub actors: HashMap<String, Entry>,
    pub patterns: Vec<Pattern>,
    pub aliases: PatternFinder,
    /// Office-holders by (country, role).
    roles: HashMap<(String, String), Vec<RoleRow>>,
    /// Every role row of a person.
    person_roles: HashMap<String, Vec<RoleRow>>,
    /// People by each token of their names ("Kim" → Kim Jong-un, Kim Yo-jong).
    pub people_by_token: HashMap<String, Vec<String>>,
    /// Cue words selecting a reading, by reading.
    pub context: HashMap<String, Vec<String>>,
    /// Titles before names, longest first, and a finder over them.
    pub titles: Vec<(String, TitleKind)>,
    pub title_finder: PatternFinder,
    /// Words capitalised for reasons other than naming, lowercase:
    /// single-word titles ("president", "mr."), function words, months and
    /// weekdays. One set, as every capitalised word is looked up.
    common_words: HashSet<String>,
    /// The shapes of the common words, to turn most names away without
    /// lowercasing and hashing them (non-ASCII words skip it: lowercasing
    /// may change their length).
    common_shapes: WordShapes,
    /// Role nouns after a state ("president" → head_of_state).
    pub role_nouns: Vec<(String, Vec<String>)>,
    /// Organisation head and lead words ("Center", "University"), sets
    /// because every capitalised word of an article is looked up.
    pub org_heads: HashSet<String>,
    pub org_leads: HashSet<String>,
    pub org_inner: Vec<String>,
    /// Generic state-body phrases → slug.
    pub generic_bodies: Vec<(String, String)>,
    /// Finds the generic body phrases in one pass, ASCII case-insensitive.
    pub generic_body_finder: PatternFinder,
    /// Nouns naming what a person does ("professor", "spokesman").
    pub role_words: HashSet<String>,
    /// Forms of verbs of saying whose subject is a speaker ("said", "told").
    pub speech_verbs: HashSet<String>,
    /// Words before a capital that make it a place, and after it that make
    /// it part of a name (place_words.tsv), lowercase.
    place_words_before: HashSet<String>,
    place_words_after: HashSet<String>,
    /// (alias, actor, actor that must be named elsewhere).
    pub contextual_aliases: Vec<(String, String, String)>,
}

fn rows(lexicon: &'static dossier_lexicon::Lexicon) -> impl Iterator<Item = Vec<&'static str>> {
    lexicon.rows().map(|row| row.fields().collect())
}

fn is_unspaced_script(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
    })
}

impl Gazetteer {
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    fn load() -> Gazetteer {
        let mut actors = HashMap::new();
        for r in rows(&ACTORS) {
            let kind = match r.get(1).copied() {
                Some("state") => ActorKind::State,
                Some("person") => ActorKind::Person,
                Some("group") => ActorKind::Group,
                _ => ActorKind::Organization,
            };
            let country = r.get(3).filter(|c| !c.is_empty()).map(|c| c.to_string());
            actors.insert(
                r[0].to_string(),
                Entry {
                    kind,
                    name: r.get(2).unwrap_or(&"").to_string(),
                    country,
                },
            );
        }
        let ambiguous: HashMap<&str, Vec<&str>> = rows(&AMBIGUOUS)
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0], r[1].split(';').collect()))
            .collect();

        // One pattern per distinct alias string.
        let mut by_alias: HashMap<&str, (Vec<String>, AliasType)> = HashMap::new();
        let mut people_by_token: HashMap<String, Vec<String>> = HashMap::new();
        for r in rows(&ALIASES) {
            let (Some(id), Some(alias), Some(kind)) = (
                r.first(),
                r.get(1),
                r.get(2).and_then(|t| AliasType::parse(t)),
            ) else {
                continue;
            };
            if !actors.contains_key(*id) {
                continue;
            }
            let entry = by_alias.entry(alias).or_insert_with(|| (Vec::new(), kind));
            if !entry.0.iter().any(|x| x == id) {
                entry.0.push(id.to_string());
            }
            if id.starts_with("person:") && matches!(kind, AliasType::Name | AliasType::Variant) {
                for token in alias.split([' ', '-']).filter(|t| t.len() > 1) {
                    let list = people_by_token.entry(token.to_string()).or_default();
                    if !list.iter().any(|x| x == id) {
                        list.push(id.to_string());
                    }
                }
            }
        }
        let mut strings: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (alias, (mut ids, kind)) in by_alias {
            let mut other_readings = Vec::new();
            if let Some(readings) = ambiguous.get(alias) {
                // The usual reading first, as ambiguous.tsv orders them.
                let order: Vec<&str> = readings.clone();
                ids.sort_by_key(|id| order.iter().position(|r| r == id).unwrap_or(usize::MAX));
                other_readings = readings
                    .iter()
                    .filter(|r| !actors.contains_key(**r))
                    .map(|r| r.to_string())
                    .collect();
            }
            strings.push(alias.to_string());
            patterns.push(Pattern::Alias {
                ids,
                kind,
                other_readings,
                unspaced: is_unspaced_script(alias),
            });
        }
        // Russian and Ukrainian decline names ("Россия" → "России",
        // "Путин" → "Путина"): the stem of a Cyrillic alias matches too, with
        // a short ending (checked by `cyrillic_ending`).
        let stems: Vec<(String, Pattern)> = strings
            .iter()
            .zip(&patterns)
            .filter_map(|(alias, p)| cyrillic_stem(alias).map(|stem| (stem, p.clone())))
            .filter(|(stem, _)| !strings.contains(stem))
            .collect();
        for (stem, pattern) in stems {
            strings.push(stem);
            patterns.push(pattern);
        }
        for phrase in NON_ACTOR.words() {
            strings.push(phrase.to_string());
            patterns.push(Pattern::NonActor);
        }
        let aliases = PatternFinder::new(&strings, false);

        let mut roles: HashMap<(String, String), Vec<RoleRow>> = HashMap::new();
        let mut person_roles: HashMap<String, Vec<RoleRow>> = HashMap::new();
        for r in rows(&ROLES) {
            if r.len() < 5 {
                continue;
            }
            let note = r.get(5).copied().unwrap_or("");
            let row = RoleRow {
                person: r[0].to_string(),
                role: r[1].to_string(),
                start: r[3].to_string(),
                end: r[4].to_string(),
                stale: note.contains("end not recorded"),
            };
            roles
                .entry((r[2].to_string(), r[1].to_string()))
                .or_default()
                .push(row.clone());
            person_roles.entry(r[0].to_string()).or_default().push(row);
        }

        let mut context: HashMap<String, Vec<String>> = HashMap::new();
        for r in rows(&CONTEXT).filter(|r| r.len() >= 2) {
            context
                .entry(r[0].to_string())
                .or_default()
                .push(r[1].to_string());
        }
        let mut titles: Vec<(String, TitleKind)> = rows(&TITLES)
            .filter(|r| r.len() >= 2)
            .map(|r| {
                let kind = match r[0] {
                    "honorific" => TitleKind::Honorific,
                    "military" => TitleKind::Military,
                    _ => TitleKind::Title,
                };
                (r[1].to_string(), kind)
            })
            .collect();
        titles.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        let mut role_nouns: Vec<(String, Vec<String>)> = rows(&ROLE_NOUNS)
            .filter(|r| r.len() >= 2)
            .map(|r| {
                (
                    r[0].to_string(),
                    r[1].split(';').map(str::to_string).collect(),
                )
            })
            .collect();
        role_nouns.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let org_words = |kind: &str| -> Vec<String> {
            rows(&ORG_HEADS)
                .filter(|r| r.len() >= 2 && r[0] == kind)
                .map(|r| r[1].to_string())
                .collect()
        };
        let mut generic_bodies: Vec<(String, String)> = rows(&GENERIC_BODIES)
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect();
        generic_bodies.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let generic_body_patterns: Vec<&str> =
            generic_bodies.iter().map(|(p, _)| p.as_str()).collect();
        let generic_body_finder = PatternFinder::new(&generic_body_patterns, true);
        let role_words = PERSON_ROLES.words().map(str::to_string).collect();
        let speech_verbs = rows(&SPEECH_VERBS)
            .filter(|r| r.len() >= 2 && matches!(r[0], "speech" | "object"))
            .flat_map(|r| r[1].split('|').map(str::to_string).collect::<Vec<_>>())
            .collect();
        let contextual_aliases = rows(&CONTEXTUAL)
            .filter(|r| r.len() >= 3)
            .map(|r| (r[0].to_string(), r[1].to_string(), r[2].to_string()))
            .collect();
        let title_patterns: Vec<&str> = titles.iter().map(|(t, _)| t.as_str()).collect();
        let title_finder = PatternFinder::new(&title_patterns, false);
        let common_words: HashSet<String> = titles
            .iter()
            .filter(|(t, _)| !t.contains(' '))
            .map(|(t, _)| t.to_lowercase())
            .chain(dossier_text::sentences::stopwords_and_calendar_words().map(str::to_string))
            .collect();
        let mut common_shapes = WordShapes::default();
        common_words.iter().for_each(|w| common_shapes.insert(w));
        let place_words = |class: &str| -> HashSet<String> {
            rows(&PLACE_WORDS)
                .filter(|r| r.len() >= 2 && r[0] == class)
                .map(|r| r[1].to_string())
                .collect()
        };
        Gazetteer {
            place_words_before: place_words("before"),
            place_words_after: place_words("after"),
            title_finder,
            common_words,
            common_shapes,
            contextual_aliases,
            role_words,
            speech_verbs,
            actors,
            patterns,
            aliases,
            roles,
            person_roles,
            people_by_token,
            context,
            titles,
            role_nouns,
            org_heads: org_words("head").into_iter().collect(),
            org_leads: org_words("lead").into_iter().collect(),
            org_inner: org_words("inner"),
            generic_bodies,
            generic_body_finder,
        }
    }

    /// Whether a lowercase word before a capital makes it a place.
    pub fn is_place_word_before(&self, lowercase: &str) -> bool {
        self.place_words_before.contains(lowercase)
    }

    /// Whether a lowercase word after a capital makes it part of a name
    /// ("the Astana accord").
    pub fn is_place_word_after(&self, lowercase: &str) -> bool {
        self.place_words_after.contains(lowercase)
    }

    /// Whether a word, as written, is capitalised for reasons other than
    /// naming: a title, a function word, a month or a weekday.
    pub fn is_common_word(&self, word: &str) -> bool {
        if word.is_ascii() && !self.common_shapes.may_contain(word) {
            return false;
        }
        let mut buf = [0u8; 24];
        self.common_words
            .contains(super::names::lowercase(word, &mut buf).as_ref())
    }

    /// Who held `role` in `country` on `date` (YYYY-MM-DD). Rows left open
    /// by an old source do not count after 2012.
    pub fn holder(&self, country: &str, role: &str, date: &str) -> Option<&str> {
        let rows = self.roles.get(&(country.to_string(), role.to_string()))?;
        rows.iter()
            .filter(|r| held_on(r, date) && !(r.stale && date > "2012"))
            .max_by(|a, b| a.start.cmp(&b.start))
            .map(|r| r.person.as_str())
    }

    /// The roles a person held on `date` (all their roles when undated).
    pub fn roles_of(&self, person: &str, date: Option<&str>) -> Vec<String> {
        let mut out: Vec<String> = self
            .person_roles
            .get(person)
            .into_iter()
            .flatten()
            .filter(|r| date.is_none_or(|d| held_on(r, d)))
            .map(|r| r.role.clone())
            .collect();
        out.dedup();
        out
    }

    /// Whether the person held any office on `date`.
    pub fn in_office(&self, person: &str, date: &str) -> bool {
        self.person_roles.get(person).is_some_and(|rows| {
            rows.iter()
                .any(|r| held_on(r, date) && !(r.stale && date > "2012"))
        })
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x04ff)
}

/// The stem of a Cyrillic alias whose last word is long enough to decline:
/// the alias without a final vowel or soft sign ("Россия" → "Росси").
fn cyrillic_stem(alias: &str) -> Option<String> {
    let last_word = alias.rsplit(' ').next()?;
    if last_word.chars().count() < 4 || !last_word.chars().all(is_cyrillic) {
        return None;
    }
    let mut stem = alias.to_string();
    if stem.ends_with(['а', 'я', 'о', 'е', 'и', 'ы', 'й', 'ь', 'у', 'ю']) {
        stem.pop();
    }
    Some(stem)
}

/// Whether the text after a Cyrillic match is a case ending (up to three
/// letters) rather than more of another word.
pub fn cyrillic_ending(rest: &str) -> bool {
    let ending = rest.chars().take_while(|&c| is_cyrillic(c)).count();
    ending <= 3
}

/// Start inclusive, end exclusive; partial dates compare as prefixes do.
fn held_on(row: &RoleRow, date: &str) -> bool {
    row.start.as_str() <= date && (row.end.is_empty() || date < row.end.as_str())
}
