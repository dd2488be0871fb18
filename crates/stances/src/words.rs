//! One sentence as the stance rules read it: words made from the
//! document's tokens, with lowercase keys (contractions split, possessives
//! marked), the punctuation between them,
//! clause boundaries, and the actor occurrences that cover them.

use std::borrow::Cow;
use std::ops::Range;

use foldhash::HashMap;

use dossier_model::{ActorInfo, ActorKind, Mention, Span};

use dossier_text::Doc;

use super::lexicon::{Lexicon, Roles, Token, WordId};

#[derive(Debug, Clone)]
pub struct Word<'t> {
    pub span: Span,
    /// Lowercase, straight apostrophes, without a possessive or clitic
    /// ending; "doesn't" is the two words "does" and "not". Borrowed from
    /// the text when it already is (most words).
    pub key: Cow<'t, str>,
    /// The key's number in the lexicons' vocabulary, if they name it,
    /// and its roles there.
    pub id: Option<WordId>,
    pub roles: Roles,
    pub possessive: bool,
    pub capitalised: bool,
    /// Punctuation that ends a clause (`;`, `:`, a dash, brackets,
    /// quotation marks) stands right before the word.
    pub break_before: bool,
    /// A colon stands right before the word (list headings).
    pub colon_before: bool,
    pub comma_before: bool,
    /// The actor occurrence covering the word.
    pub occurrence: Option<usize>,
}

impl Token for Word<'_> {
    fn key(&self) -> &str {
        &self.key
    }

    fn id(&self) -> Option<WordId> {
        self.id
    }

    fn roles(&self) -> Roles {
        self.roles
    }
}

/// An actor named in the sentence: a run of words covered by one mention.
#[derive(Debug, Clone)]
pub struct Occurrence<'t> {
    pub first: usize,
    pub last: usize,
    /// The holder it stands for: the mention's actor, or the state a
    /// leader heads.
    pub holder: &'t str,
    /// Named as a person (what "he" and "she" may refer to).
    pub person: bool,
    pub possessive: bool,
}

#[derive(Debug, Clone)]
pub struct Sentence<'t> {
    pub span: Span,
    pub words: &'t [Word<'t>],
    pub occurrences: Vec<Occurrence<'t>>,
    /// The hard clause of each word (0, 1, … in order).
    pub clause: Vec<usize>,
}

/// Roles that make a person speak for their state: a stance of the
/// president is the state's ("a headache for Xi Jinping" is China's).
const LEADER_ROLES: &[&str] = &["head_of_state", "head_of_government", "leader"];

/// Actor ids as holders: people who lead a state, and the state's own
/// bodies ("the Pentagon", "the Foreign Ministry"), stand for it.
pub struct Holders<'a> {
    infos: HashMap<&'a str, &'a ActorInfo>,
}

impl<'a> Holders<'a> {
    pub fn new(actors: &'a [ActorInfo]) -> Holders<'a> {
        Holders {
            infos: actors.iter().map(|a| (a.id.as_str(), a)).collect(),
        }
    }

    pub fn holder(&self, actor: &'a str) -> &'a str {
        self.infos
            .get(actor)
            .filter(|a| match a.kind {
                ActorKind::Person => a.roles.iter().any(|r| LEADER_ROLES.contains(&r.as_str())),
                ActorKind::Organization => true,
                ActorKind::State | ActorKind::Group => false,
            })
            .and_then(|a| a.country.as_deref())
            .unwrap_or(actor)
    }

    fn is_person(&self, actor: &str) -> bool {
        self.infos
            .get(actor)
            .map_or(actor.starts_with("person:"), |a| {
                a.kind == ActorKind::Person
            })
    }

    /// The name the article gives an actor: none for a state it names only
    /// through its leader.
    pub fn name(&self, actor: &str) -> Option<&str> {
        self.infos.get(actor).map(|a| a.name.as_str())
    }

    /// Whether an actor can be part of a development's name: states and
    /// international organisations (gazetteer codes), not the analysts
    /// and institutes found in the text.
    pub fn in_topics(&self, actor: &str) -> bool {
        !actor.contains(':')
    }
}

/// The General Punctuation block: dashes, curly quotes, ellipses, frequent
/// in articles and none of them a letter or digit.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// Whether `c` is a letter or digit (`char::is_alphanumeric`), without
/// the Unicode tables for ASCII and general punctuation.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
    }
}

/// Punctuation in a gap between two words that ends a clause.
fn breaks_clause(gap: &str) -> bool {
    gap.contains([';', ':', '(', ')', '[', ']', '—', '–', '"', '“', '”']) || gap.contains(" - ")
}

/// A sentence's words in the article's buffer, and the actors named there.
pub struct Marked<'t> {
    pub words: Range<usize>,
    pub occurrences: Vec<Occurrence<'t>>,
}

/// Reads the words of the document's sentences into one buffer for the
/// article (one allocation, not one per sentence), marking the words
/// `mentions` (sorted by start) cover.
pub fn read_words<'t>(
    doc: &'t Doc<'_>,
    mentions: &[&'t Mention],
    holders: &Holders<'t>,
) -> (Vec<Word<'t>>, Vec<Marked<'t>>) {
    let mut words = Vec::with_capacity(doc.len());
    let marked = doc
        .sentences()
        .iter()
        .map(|sentence| {
            let span = sentence.span;
            let start = words.len();
            push_words(&mut words, doc, sentence.token_range(), span.start);
            let from = mentions.partition_point(|m| m.span.start < span.start);
            let to = mentions.partition_point(|m| m.span.start < span.end);
            let occurrences = cover(&mut words[start..], span, &mentions[from..to], holders);
            Marked {
                words: start..words.len(),
                occurrences,
            }
        })
        .collect();
    (words, marked)
}

/// Marks the words each mention covers, and lists them as occurrences.
fn cover<'t>(
    words: &mut [Word<'t>],
    span: Span,
    mentions: &[&'t Mention],
    holders: &Holders<'t>,
) -> Vec<Occurrence<'t>> {
    let mut occurrences = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.span.start >= span.start && m.span.end <= span.end)
    {
        let first = words.partition_point(|w| w.span.end <= m.span.start);
        let end = words.partition_point(|w| w.span.start < m.span.end);
        if first >= end || words[first..end].iter().any(|w| w.occurrence.is_some()) {
            continue;
        }
        let index = occurrences.len();
        for w in &mut words[first..end] {
            w.occurrence = Some(index);
        }
        occurrences.push(Occurrence {
            first,
            last: end - 1,
            holder: holders.holder(&m.actor),
            person: holders.is_person(&m.actor),
            possessive: words[end - 1].possessive,
        });
    }
    occurrences.sort_by_key(|o| o.first);
    for (i, o) in occurrences.iter().enumerate() {
        for w in &mut words[o.first..=o.last] {
            w.occurrence = Some(i);
        }
    }
    occurrences
}

impl<'t> Sentence<'t> {
    /// The sentence at `span`, of `words`, with its clause marks.
    pub fn new(
        span: Span,
        words: &'t [Word<'t>],
        occurrences: Vec<Occurrence<'t>>,
    ) -> Sentence<'t> {
        let mut sentence = Sentence {
            span,
            clause: Vec::new(),
            words,
            occurrences,
        };
        sentence.clause = sentence.clauses(Lexicon::get());
        sentence
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Byte span of words `first..end`.
    pub fn bytes(&self, first: usize, end: usize) -> Span {
        Span::new(self.words[first].span.start, self.words[end - 1].span.end)
    }

    /// Whether an actor or a pronoun stands at word `i`.
    pub fn names_someone(&self, i: usize, lex: &Lexicon) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| w.occurrence.is_some() || lex.pronouns.contains(w))
    }

    /// Whether a subject stands at word `i`: an actor not in the
    /// possessive, or a subject pronoun ("as Beijing wants", not "as
    /// Russia's ally" or "as its ally").
    fn names_subject(&self, i: usize, lex: &Lexicon) -> bool {
        self.words.get(i).is_some_and(|w| match w.occurrence {
            Some(o) => !self.occurrences[o].possessive,
            None => lex.pronouns.get(w).is_some_and(|p| !p.possessive),
        })
    }

    /// Hard clauses: a new one starts after clause-ending punctuation, at a
    /// `hard` word, at a `hard_if_subject` word before an actor or
    /// pronoun, and after the comma that closes a subordinate clause the
    /// sentence opens with ("While X, …", "Since taking power, …").
    fn clauses(&self, lex: &Lexicon) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut clause = 0;
        let mut subordinate = false;
        for (i, w) in self.words.iter().enumerate() {
            // "Brussels, however, is uneasy": set off by commas, a
            // contrast word is an aside, not a new clause.
            let aside = w.comma_before && self.words.get(i + 1).is_some_and(|n| n.comma_before);
            let opens = i > 0
                && (w.break_before
                    || (lex.hard.contains(w) && !aside)
                    || (lex.hard_if_subject.contains(w) && self.names_subject(i + 1, lex)));
            let closes_subordinate = subordinate && w.comma_before;
            if opens || closes_subordinate {
                clause += 1;
                subordinate = false;
            }
            if (i == 0 || opens) && lex.hard.contains(w) {
                subordinate = true;
            }
            out.push(clause);
        }
        out
    }
}

/// A key without its possessive or clitic ending ("russia's" → "russia",
/// possessive; "they're" → "they"), borrowed when the key was.
fn without_clitic(lower: Cow<'_, str>) -> (Cow<'_, str>, bool) {
    let cut = match lower.rsplit_once('\'') {
        Some((stem, "s")) => Some((stem.len(), true)),
        Some((stem, "re" | "ve" | "ll" | "d" | "m")) => Some((stem.len(), false)),
        _ => None,
    };
    match (cut, lower) {
        (Some((n, possessive)), Cow::Borrowed(b)) => (Cow::Borrowed(&b[..n]), possessive),
        (Some((n, possessive)), Cow::Owned(mut o)) => {
            o.truncate(n);
            (Cow::Owned(o), possessive)
        }
        (None, lower) => (lower, false),
    }
}

/// The clitic a token is when it stands against the word before it:
/// `Some(true)` for the possessive "'s", `Some(false)` for "'re", "'ve",
/// "'ll", "'d", "'m" (the word keeps its key: "they're" is "they").
fn clitic(key: &str) -> Option<bool> {
    match key {
        "'s" => Some(true),
        "'re" | "'ve" | "'ll" | "'d" | "'m" => Some(false),
        _ => None,
    }
}

/// A lowercase form with curly apostrophes straightened, as the lexicons
/// are (borrowed when it has none: most words).
fn straightened(lower: &str) -> Cow<'_, str> {
    if lower.contains('\u{2019}') {
        Cow::Owned(lower.replace('\u{2019}', "'"))
    } else {
        Cow::Borrowed(lower)
    }
}

/// Whether a token is a word: it holds a letter or digit (else it is
/// punctuation between words).
fn is_word(form: &str) -> bool {
    form.bytes().any(|b| b.is_ascii_alphanumeric())
        || (!form.is_ascii() && form.chars().any(is_word_char))
}

/// Adds the words of the document's tokens `tokens` to `words`; `from` is
/// where the stretch they are in starts (the gap before the first word is
/// read from there). A token with a letter or digit is a word, keyed by
/// the document's lowercase form with apostrophes straightened; a clitic
/// token against the word before joins it ("Russia" "'s" is the word
/// "Russia's", key "russia", possessive); "n't" is the word "not", and
/// "ca", "wo", "sha" before it are "can", "will", "shall". Other tokens
/// are the punctuation between words.
pub fn push_words<'t>(
    words: &mut Vec<Word<'t>>,
    doc: &'t Doc<'_>,
    tokens: Range<usize>,
    from: usize,
) {
    let text = doc.text();
    let vocabulary = &Lexicon::get().vocabulary;
    let first = words.len();
    let mut prev_end = from;
    let end = tokens.end;
    for i in tokens {
        let span = doc.span(i);
        if !is_word(doc.token_text(i)) {
            continue;
        }
        let key = straightened(doc.lower(i));
        let attached = words.len() > first && prev_end == span.start;
        if attached {
            if let Some(possessive) = clitic(&key) {
                let last = words.last_mut().expect("a word before");
                last.span.end = span.end;
                last.possessive = possessive;
                prev_end = span.end;
                continue;
            }
        }
        let negated_next = i + 1 < end
            && doc.span(i + 1).start == span.end
            && straightened(doc.lower(i + 1)) == "n't";
        let key = match key.as_ref() {
            "n't" if attached => Cow::Borrowed("not"),
            "ca" if negated_next => Cow::Borrowed("can"),
            "wo" if negated_next => Cow::Borrowed("will"),
            "sha" if negated_next => Cow::Borrowed("shall"),
            _ => key,
        };
        let (key, possessive) = if key.contains('\'') {
            without_clitic(key)
        } else {
            (key, false)
        };
        let gap = &text[prev_end..span.start];
        // Most gaps are one space: nothing to read in them.
        let plain = gap == " ";
        let id = vocabulary.id(&key);
        words.push(Word {
            span,
            id,
            roles: id.map_or(Roles::default(), |id| vocabulary.roles(id)),
            key,
            possessive,
            capitalised: doc.token_text(i).starts_with(char::is_uppercase),
            break_before: !plain && breaks_clause(gap),
            colon_before: !plain && gap.contains(':'),
            comma_before: !plain && gap.contains(','),
            occurrence: None,
        });
        prev_end = span.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_join_clitics_and_split_negations() {
        let doc = Doc::new("Russia\u{2019}s allies can't, they're sure; the U.S. bloc doesn't.");
        let mut words = Vec::new();
        push_words(&mut words, &doc, 0..doc.len(), 0);
        let read: Vec<(&str, &str, bool)> = words
            .iter()
            .map(|w| (w.span.of(doc.text()), w.key.as_ref(), w.possessive))
            .collect();
        assert_eq!(
            read,
            [
                ("Russia\u{2019}s", "russia", true),
                ("allies", "allies", false),
                ("ca", "can", false),
                ("n't", "not", false),
                ("they're", "they", false),
                ("sure", "sure", false),
                ("the", "the", false),
                ("U.S.", "u.s.", false),
                ("bloc", "bloc", false),
                ("does", "does", false),
                ("n't", "not", false),
            ]
        );
        assert!(words[4].comma_before && !words[5].break_before && words[6].break_before);
    }

    #[test]
    fn word_chars_are_the_alphanumeric_ones() {
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        assert!(all
            .into_iter()
            .all(|c| is_word_char(c) == c.is_alphanumeric()));
    }
}
