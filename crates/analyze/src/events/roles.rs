//! Who acts and who is acted upon, from the clause around a trigger.
//!
//! - **Source**: the actor group nearest before the trigger that is not the
//!   object of a preposition ("in Seoul", "with China") — in news English
//!   the subject, or the antecedent of "it"/"which" ("China said it would
//!   send …"). A possessive or adjective counts ("Russia's invasion",
//!   "North Korean troops").
//! - **Target**: the first actor group after the trigger that is its direct
//!   object or the object of a target preposition ("met with", "sanctions
//!   on", "troops to", "the invasion of"), before the clause ends.
//! - **Passive** ("X was sanctioned by Y"): the subject is the target and
//!   the "by" group the source.
//! - **Groups**: mentions joined by coordination ("Russia and North Korea",
//!   "X, Y and Z") fill one role together; "between X and Y" makes them all
//!   actors of a reciprocal event when no subject precedes.

use dossier_model::Span;

use super::lexicon::{Cue, Lexicon};
use super::words::{same, Words};

/// An actor mention located in the sentence's words.
#[derive(Debug, Clone, Copy)]
pub struct At<'t> {
    pub first: usize,
    pub last: usize,
    pub span: Span,
    pub actor: &'t str,
}

/// Words after which a mention is not yet an actor of its own: it belongs
/// to the noun phrase that follows ("the", "its").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "both", "all", "two",
];

/// The most words scanned after a trigger for its target.
const TARGET_REACH: usize = 12;

pub struct Roles<'a, 't> {
    pub lex: &'a Lexicon,
    pub text: &'t str,
    pub words: &'a Words,
    pub mentions: &'a [At<'t>],
}

/// What the scan after a trigger found.
#[derive(Debug, Default)]
pub struct Found {
    pub sources: Vec<String>,
    pub targets: Vec<String>,
}

/// How two neighbouring mentions are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Bare space: one noun phrase ("Chinese President Xi Jinping").
    Phrase,
    /// "and", "or", "as well as", a hyphen or slash.
    Word,
    Comma,
    None,
}

/// How the preposition last seen relates its object to the trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prep {
    Target,
    Between,
    By,
    Skip,
}

impl Roles<'_, '_> {
    /// The roles of the trigger at words `first..=last`; the target scan
    /// stops at word `stop` (the next trigger of its own).
    pub fn assign(
        &self,
        first: usize,
        last: usize,
        stop: usize,
        passive: bool,
        buf: &mut String,
    ) -> Found {
        let subject = self.subject(first, buf);
        let mut found = Found::default();
        if passive {
            found.targets = subject;
        } else {
            found.sources = subject;
        }
        self.scan_after(last, stop, passive, &mut found, buf);
        found.targets.retain(|t| !found.sources.contains(t));
        found
    }

    /// The group nearest before word `first` that is not a prepositional
    /// object; stops at a semicolon.
    fn subject(&self, first: usize, buf: &mut String) -> Vec<String> {
        let before = self.mentions.partition_point(|m| m.last < first);
        for m in (0..before).rev() {
            if (self.mentions[m].last + 1..=first).any(|k| self.words.punct_before[k] == Some(';'))
            {
                break;
            }
            if self.eligible_subject(m, buf) {
                let (a, b) = self.group(m, first, buf);
                return self.actors(a, b);
            }
        }
        Vec::new()
    }

    /// A mention not governed by a preposition other than "of" ("the
    /// leader of North Korea met …").
    fn eligible_subject(&self, m: usize, buf: &mut String) -> bool {
        let mut k = self.mentions[m].first;
        while k > 0 && !self.words.clause_break_before(k) {
            k -= 1;
            let word = self.words.spans[k].of(self.text);
            if DETERMINERS.iter().any(|d| same(word, d)) {
                continue;
            }
            let cues = self.lex.cues_at(self.text, self.words, k, buf);
            return same(word, "of") || !(cues.has(Cue::Target) || cues.has(Cue::Skip));
        }
        true
    }

    /// The coordinated group around mention `m`, as a range of mention
    /// indices, not reaching word `limit`. A comma joins only inside a list
    /// that ends in "and"/"or" ("Russia, China and Iran"), not across a
    /// clause ("If China attacked Taiwan, Japan …").
    fn group(&self, m: usize, limit: usize, buf: &mut String) -> (usize, usize) {
        let mut a = m;
        let mut listed = false;
        while a > 0 {
            match self.join(a - 1, a, buf) {
                Join::Phrase => {}
                Join::Word => listed = true,
                Join::Comma if listed => {}
                _ => break,
            }
            a -= 1;
        }
        let mut b = m;
        while b + 1 < self.mentions.len() && self.mentions[b + 1].last < limit {
            match self.join(b, b + 1, buf) {
                Join::Phrase | Join::Word => {}
                Join::Comma if self.list_goes_on(b + 1, limit, buf) => {}
                _ => break,
            }
            b += 1;
        }
        (a, b)
    }

    /// Whether the comma-joined mentions from `x` on end in a word join.
    fn list_goes_on(&self, mut x: usize, limit: usize, buf: &mut String) -> bool {
        while x + 1 < self.mentions.len() && self.mentions[x + 1].last < limit {
            match self.join(x, x + 1, buf) {
                Join::Word => return true,
                Join::Comma | Join::Phrase => x += 1,
                Join::None => return false,
            }
        }
        false
    }

    /// How mentions `x` and `x + 1` are joined.
    fn join(&self, x: usize, y: usize, buf: &mut String) -> Join {
        let gap = &self.text[self.mentions[x].span.end..self.mentions[y].span.start];
        if gap.trim().is_empty() {
            Join::Phrase
        } else if !self.lex.coordinates(gap, buf) {
            Join::None
        } else if gap.trim() == "," {
            Join::Comma
        } else {
            Join::Word
        }
    }

    /// The actor ids of mentions `a..=b`, each once; in one noun phrase only
    /// its head (the last mention) counts.
    fn actors(&self, a: usize, b: usize) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for m in a..=b {
            let next_in_phrase = m < b
                && self.text[self.mentions[m].span.end..self.mentions[m + 1].span.start]
                    .trim()
                    .is_empty();
            let id = self.mentions[m].actor;
            if !next_in_phrase && !ids.iter().any(|x| x == id) {
                ids.push(id.to_string());
            }
        }
        ids
    }

    /// Scans the words after the trigger for the target (and, in the
    /// passive, the "by" source).
    fn scan_after(
        &self,
        last: usize,
        stop: usize,
        passive: bool,
        found: &mut Found,
        buf: &mut String,
    ) {
        let mut prep: Option<Prep> = None;
        let mut seen = 0;
        let mut k = last + 1;
        let mut m = self.mentions.partition_point(|x| x.last <= last);
        while k < stop.min(self.words.len()) && seen <= TARGET_REACH {
            if self.words.clause_break_before(k) {
                return;
            }
            if m < self.mentions.len() && self.mentions[m].first <= k {
                let (a, b) = self.group(m, stop, buf);
                let actors = self.actors(a, b);
                match prep {
                    Some(Prep::By) if passive => found.sources = actors,
                    Some(Prep::Between) if found.sources.is_empty() => {
                        found.sources = actors;
                        return;
                    }
                    None | Some(Prep::Target | Prep::Between) => {
                        found.targets = actors;
                        return;
                    }
                    Some(Prep::By | Prep::Skip) => {}
                }
                if !found.targets.is_empty() {
                    return;
                }
                prep = None;
                k = self.mentions[b].last + 1;
                m = b + 1;
                continue;
            }
            let word = self.words.spans[k].of(self.text);
            let cues = self.lex.cues_at(self.text, self.words, k, buf);
            if cues.has(Cue::Boundary) || (seen > 0 && ["and", "or"].iter().any(|c| same(word, c)))
            {
                return;
            }
            if same(word, "by") {
                prep = Some(Prep::By);
            } else if same(word, "between") || same(word, "among") {
                prep = Some(Prep::Between);
            } else if cues.has(Cue::Target) {
                prep = Some(Prep::Target);
            } else if cues.has(Cue::Skip) {
                prep = Some(Prep::Skip);
            }
            seen += 1;
            k += 1;
        }
    }
}
