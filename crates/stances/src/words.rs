//! One sentence as the stance rules read it: words with lowercase keys
//! (contractions split, possessives marked), the punctuation between them,
//! clause boundaries, and the actor occurrences that cover them.

use std::borrow::Cow;
use std::ops::Range;

use foldhash::HashMap;

use dossier_model::{ActorInfo, ActorKind, Mention, Span};

use dossier_text::chars::char_at;

use super::lexicon::{Lexicon, Roles, Token, Vocabulary, WordId};

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

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
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

/// Tokenizes the sentences at `spans` into one buffer for the article
/// (one allocation, not one per sentence), marking the words `mentions`
/// (sorted by start) cover. `lowered` is `text` with ASCII letters
/// lowercased (the same bytes otherwise), made once per article: word
/// keys borrow from it.
pub fn read_words<'t>(
    text: &'t str,
    lowered: &'t str,
    spans: &[Span],
    mentions: &[&'t Mention],
    holders: &Holders<'t>,
) -> (Vec<Word<'t>>, Vec<Marked<'t>>) {
    let mut words = Vec::with_capacity(text.len() / 5);
    let marked = spans
        .iter()
        .map(|&span| {
            let start = words.len();
            tokenize(&mut words, text, lowered, span);
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

/// Splits `span` of `text` into words, added to `words`; `lowered` is
/// `text` with ASCII letters lowercased.
pub fn tokenize<'t>(words: &mut Vec<Word<'t>>, text: &'t str, lowered: &'t str, span: Span) {
    let part = span.of(text);
    let lower_part = span.of(lowered);
    let vocabulary = &Lexicon::get().vocabulary;
    let mut prev_end = 0;
    let mut i = 0;
    while i < part.len() {
        let Some(c) = char_at(part, i) else { break };
        let len = c.len_utf8();
        if !is_word_char(c) {
            i += len;
            continue;
        }
        let mut end = i + len;
        let mut shape = Shape {
            ascii: c.is_ascii(),
            apostrophe: false,
        };
        while end < part.len() {
            if part.as_bytes()[end].is_ascii_alphanumeric() {
                end += 1;
                continue;
            }
            let Some(d) = char_at(part, end) else { break };
            let d_len = d.len_utf8();
            let joins = is_apostrophe(d) && part[end + d_len..].starts_with(is_word_char);
            if !(is_word_char(d) || joins) {
                break;
            }
            shape.ascii &= d.is_ascii();
            shape.apostrophe |= joins;
            end += d_len;
        }
        push_word(
            words,
            vocabulary,
            (part, lower_part),
            span.start,
            (i, end, shape),
            &part[prev_end..i],
        );
        prev_end = end;
        i = end;
    }
}

/// What the tokenizer saw of a word while finding its end. Most words are
/// ASCII without an apostrophe: their key is a slice of the lowercased
/// text, with no clitic to cut.
#[derive(Clone, Copy)]
struct Shape {
    ascii: bool,
    apostrophe: bool,
}

/// Adds the word `part[start..end]`, split in two when it is a negated
/// contraction.
fn push_word<'t>(
    words: &mut Vec<Word<'t>>,
    vocabulary: &Vocabulary,
    (part, lower_part): (&'t str, &'t str),
    base: usize,
    (start, end, shape): (usize, usize, Shape),
    gap: &str,
) {
    let raw = &part[start..end];
    let lower: Cow<'t, str> = if shape.ascii {
        Cow::Borrowed(&lower_part[start..end])
    } else if raw.chars().any(|c| c.is_uppercase() || is_apostrophe(c)) {
        Cow::Owned(
            raw.chars()
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .flat_map(char::to_lowercase)
                .collect(),
        )
    } else {
        Cow::Borrowed(raw)
    };
    // Most gaps are one space: nothing to read in them.
    let plain = gap == " ";
    let mut push = |s: usize, e: usize, key: Cow<'t, str>, possessive: bool, first: bool| {
        let id = vocabulary.id(&key);
        words.push(Word {
            span: Span::new(base + s, base + e),
            id,
            roles: id.map_or(Roles::default(), |id| vocabulary.roles(id)),
            key,
            possessive,
            capitalised: part[s..e].starts_with(char::is_uppercase),
            break_before: first && !plain && breaks_clause(gap),
            colon_before: first && !plain && gap.contains(':'),
            comma_before: first && !plain && gap.contains(','),
            occurrence: None,
        });
    };
    if !shape.apostrophe {
        if lower == "cannot" {
            push(start, start + 3, Cow::Borrowed("can"), false, true);
            push(start + 3, end, Cow::Borrowed("not"), false, false);
        } else {
            push(start, end, lower, false, true);
        }
        return;
    }
    if let Some(stem) = lower.strip_suffix("n't").filter(|s| !s.is_empty()) {
        // The "n" before the apostrophe is ASCII: the stem ends there.
        let cut = start + raw.rfind(is_apostrophe).unwrap_or(raw.len()) - 1;
        let stem = match stem {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            s => s,
        };
        push(start, cut, Cow::Owned(stem.to_string()), false, true);
        push(cut, end, Cow::Borrowed("not"), false, false);
        return;
    }
    let (key, possessive) = without_clitic(lower);
    push(start, end, key, possessive, true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_the_alphanumeric_ones() {
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        assert!(all
            .into_iter()
            .all(|c| is_word_char(c) == c.is_alphanumeric()));
    }
}
