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

use std::cell::Cell;

use dossier_lexicon::FunctionWords;
use dossier_model::Span;

use super::lexicon::{Cue, Lexicon};
use super::words::{Words, REACH_BACK};

/// An actor mention located in the sentence's words.
#[derive(Debug, Clone, Copy)]
pub struct At<'t> {
    pub first: usize,
    pub last: usize,
    pub span: Span,
    pub actor: &'t str,
}

/// The longest text, in bytes, that may join two mentions: a conjunction
/// and a title ("and Deputy Prime Minister of") at most; anything longer
/// joins nothing, and is not read.
const MAX_JOIN_GAP: usize = 48;

/// The most words scanned after a trigger for its target.
const TARGET_REACH: usize = 12;

pub struct Roles<'a, 't> {
    lex: &'a Lexicon,
    text: &'t str,
    pub words: &'a Words,
    mentions: &'a [At<'t>],
    /// How each mention is joined to the next, once read: the groups
    /// around the sentence's triggers ask for the same joins again and
    /// again.
    joins: Vec<Cell<Option<Join>>>,
}

/// How the trigger relates to its actors.
#[derive(Debug, Clone, Copy, Default)]
pub struct Voice {
    /// "was sanctioned by": the subject is the target.
    pub passive: bool,
    /// A passive with no "be" ("a treaty, signed by …"): no subject.
    pub reduced: bool,
    /// A verbal event: its target may stand after "that".
    pub verbal: bool,
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

impl<'a, 't> Roles<'a, 't> {
    pub fn new(
        lex: &'a Lexicon,
        text: &'t str,
        words: &'a Words,
        mentions: &'a [At<'t>],
    ) -> Roles<'a, 't> {
        Roles {
            lex,
            text,
            words,
            mentions,
            joins: vec![Cell::new(None); mentions.len().saturating_sub(1)],
        }
    }

    /// The roles of the trigger starting at word `first`; the target scan
    /// stops at word `stop` (the next trigger of its own). A verbal trigger
    /// reads through "that": the subject of what was demanded, denounced or
    /// agreed is its target ("demanded that Sudan end curbs").
    pub fn assign(
        &self,
        first: usize,
        last: usize,
        stop: usize,
        how: Voice,
        buf: &mut String,
    ) -> Found {
        let subject = self.subject(first, buf);
        let mut found = Found::default();
        if !how.passive {
            found.sources = subject;
        } else if !how.reduced {
            found.targets = subject;
        }
        let mut own = Found::default();
        if self.noun_between(first, last) {
            self.scan_after(first, stop, how, &mut own, buf);
        }
        if !own.sources.is_empty() {
            // A noun's parties are the actors after "between", when named.
            found = own;
        } else {
            self.scan_after(first, stop, how, &mut found, buf);
        }
        found.targets.retain(|t| !found.sources.contains(t));
        found
    }

    /// The subject of the clause after an opening participial phrase
    /// ("Meeting in Delhi, Modi and Macron praised …"): the first group
    /// after the phrase's comma, before word `stop`. Only participles
    /// ("-ing") open such phrases.
    pub fn fronted_subject(&self, first: usize, stop: usize, buf: &mut String) -> Vec<String> {
        let participle = self.words.spans[first].of(self.text).ends_with("ing");
        let Some(comma) = (first + 1..stop.min(self.words.len()))
            .find(|&k| self.words.punct_before[k] == Some(','))
        else {
            return Vec::new();
        };
        match self.mentions.iter().position(|m| m.first >= comma) {
            Some(m) if participle && self.mentions[m].first == comma => {
                let (a, b) = self.group(m, stop, buf);
                self.actors(a, b, buf)
            }
            _ => Vec::new(),
        }
    }

    /// The target found after word `last` alone (past the trigger phrase).
    pub fn target_after(
        &self,
        last: usize,
        stop: usize,
        how: Voice,
        buf: &mut String,
    ) -> Vec<String> {
        let mut found = Found::default();
        self.scan_after(last, stop, how, &mut found, buf);
        found.targets
    }

    /// Whether the trigger at words `first..=last` is a noun whose own
    /// parties follow it ("NATO views the military collaboration between
    /// Russia and North Korea"): "between" comes right after it, and a
    /// determiner up to three words before it, within its clause and after
    /// any mention. The clause's subject then only talks about the event;
    /// after a verb ("Qatar mediated between …") it acts.
    fn noun_between(&self, first: usize, last: usize) -> bool {
        let next = last + 1;
        next < self.words.len()
            && self.words.punct_before[next].is_none()
            && self.words.key(next) == "between"
            && (first.saturating_sub(3)..first)
                .rev()
                .take_while(|&k| {
                    !self.words.clause_break_before(k + 1)
                        && !self.mentions.iter().any(|m| m.first <= k && k <= m.last)
                })
                .any(|k| self.lex.has_cue(self.words, k, Cue::Determiner))
    }

    /// The actors named inside words `first..=last` (a trigger phrase).
    pub fn inside(&self, first: usize, last: usize) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for m in self
            .mentions
            .iter()
            .filter(|m| m.first > first && m.last <= last)
        {
            if !ids.iter().any(|x| x == m.actor) {
                ids.push(m.actor.to_string());
            }
        }
        ids
    }

    /// The group nearest before word `first` in its clause that is not a
    /// prepositional object nor inside an apposition ("Pakistan, a key U.S.
    /// ally, has refused"). Failing that, a place or people
    /// named in the sentence's opening phrase ("Opposition groups in
    /// Zimbabwe demanded …", "A camp for Congolese refugees was attacked").
    fn subject(&self, first: usize, buf: &mut String) -> Vec<String> {
        let before = self.mentions.partition_point(|m| m.last < first);
        // The subject stands in the trigger's clause: not before a
        // semicolon, nor before a word opening another clause ("while",
        // "after"), though across relatives and speech verbs ("Russia,
        // which …", "China said it would …").
        let reach = first.saturating_sub(REACH_BACK);
        let floor = (reach..first)
            .rev()
            .find(|&k| {
                let cues = self.lex.cues_at(self.words, k);
                self.words.punct_before[k + 1] == Some(';')
                    || (cues.has(Cue::Boundary) && !cues.has(Cue::Relative))
            })
            .map_or(reach, |k| k + 1);
        let mut fallback = None;
        for m in (0..before).rev() {
            if self.mentions[m].first < floor {
                break;
            }
            match self.governing_preposition(m) {
                None if self.in_apposition(m, first) => {}
                None => {
                    let (a, b) = self.group(m, first, buf);
                    return self.actors(a, b, buf);
                }
                Some(p) if ["in", "from", "for"].contains(&self.words.key(p)) => {
                    fallback = Some(m);
                }
                Some(_) => {}
            }
        }
        match fallback {
            Some(m) if floor == 0 && (1..=first).all(|k| !self.words.clause_break_before(k)) => {
                let (a, b) = self.group(m, first, buf);
                self.actors(a, b, buf)
            }
            _ => Vec::new(),
        }
    }

    /// The preposition governing mention `m`, as a word index: "with
    /// China", "in Western Cambodia"; not "of" ("the leader of North Korea
    /// met …").
    fn governing_preposition(&self, m: usize) -> Option<usize> {
        let mut k = self.mentions[m].first;
        let mut modifiers = 0;
        while k > 0 && self.mentions[m].first - k < 8 && !self.words.clause_break_before(k) {
            k -= 1;
            let word = self.words.spans[k].of(self.text);
            let modifier = word.starts_with(char::is_uppercase) || word.ends_with("ern");
            if FunctionWords::Determiner.contains(self.words.key(k)) || (modifier && modifiers < 3)
            {
                modifiers += usize::from(modifier);
                continue;
            }
            let cues = self.lex.cues_at(self.words, k);
            let preposition =
                self.words.key(k) != "of" && (cues.has(Cue::Target) || cues.has(Cue::Skip));
            return preposition.then_some(k);
        }
        None
    }

    /// Whether mention `m` stands in a phrase set off by commas that
    /// describes an earlier mention, before the trigger at `first`.
    fn in_apposition(&self, m: usize, first: usize) -> bool {
        let at = self.mentions[m];
        let closed = (at.last + 1..=first).any(|k| self.words.punct_before[k] == Some(','));
        let mut k = at.first;
        while self.words.punct_before[k] != Some(',') {
            if k == 0 || at.first - k >= REACH_BACK || self.words.clause_break_before(k) {
                return false;
            }
            k -= 1;
        }
        // Mentions are in text order: the first one stands before the comma.
        closed
            && FunctionWords::AppositionOpener.contains(self.words.key(k))
            && self.mentions[0].last < k
    }

    /// The coordinated group around mention `m`, as a range of mention
    /// indices, not reaching word `limit`. A comma joins only inside a list
    /// that ends in "and"/"or" ("Russia, China and Iran"), not across a
    /// clause ("If China attacked Taiwan, Japan …").
    fn group(&self, m: usize, limit: usize, buf: &mut String) -> (usize, usize) {
        let mut a = m;
        let mut listed = false;
        while a > 0 {
            match self.join(a - 1, buf) {
                Join::Phrase => {}
                Join::Word => listed = true,
                Join::Comma if listed => {}
                _ => break,
            }
            a -= 1;
        }
        let mut b = m;
        while b + 1 < self.mentions.len() && self.mentions[b + 1].last < limit {
            match self.join(b, buf) {
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
            match self.join(x, buf) {
                Join::Word => return true,
                Join::Comma | Join::Phrase => x += 1,
                Join::None => return false,
            }
        }
        false
    }

    /// How mentions `x` and `x + 1` are joined.
    fn join(&self, x: usize, buf: &mut String) -> Join {
        if let Some(known) = self.joins[x].get() {
            return known;
        }
        let join = self.read_join(x, buf);
        self.joins[x].set(Some(join));
        join
    }

    /// How mentions `x` and `x + 1` are joined, from the text between
    /// them. Titles belong to the phrase of the name they stand before:
    /// "South African leader Ramaphosa" is one phrase, "Macron and Prime
    /// Minister of India" a coordination, and "President of France,
    /// Macron" one phrase.
    fn read_join(&self, x: usize, buf: &mut String) -> Join {
        let gap = &self.text[self.mentions[x].span.end..self.mentions[x + 1].span.start];
        if gap.len() > MAX_JOIN_GAP {
            return Join::None;
        }
        match gap.trim() {
            "" => return Join::Phrase,
            "," if self.titled_by_of(x) => return Join::Phrase,
            "," => return Join::Comma,
            _ if self.lex.coordinates(gap, buf) => return Join::Word,
            _ => {}
        }
        match self.split_title(gap, buf) {
            (coordinator, true) if coordinator.trim().is_empty() => Join::Phrase,
            (coordinator, true) if self.lex.coordinates(coordinator, buf) => Join::Word,
            _ => Join::None,
        }
    }

    /// Splits a gap between mentions into what comes before a trailing
    /// title ("and Prime Minister of" → "and", title) and whether there was
    /// one.
    fn split_title<'g>(&self, gap: &'g str, buf: &mut String) -> (&'g str, bool) {
        let trimmed = gap.trim_end();
        let body = trimmed
            .strip_suffix(" of")
            .filter(|b| !b.trim().is_empty())
            .unwrap_or(trimmed);
        // Any title found below ends with the gap's last word (the text
        // after its last space; trimmed, when the title is that word
        // alone): most gaps are ruled out on it alone.
        let last = body.trim_end().rsplit(' ').next().unwrap_or_default();
        let trimmed_last = last.trim_start();
        fold_title(trimmed_last, buf);
        let mut may_end = self.lex.ends_title(buf);
        if !may_end && trimmed_last.len() < last.len() {
            fold_title(last, buf);
            may_end = self.lex.ends_title(buf);
        }
        if !may_end {
            return (gap, false);
        }
        // The longest run of words at the end of the gap that is a title.
        let starts = body
            .char_indices()
            .filter(|&(i, c)| c == ' ' && i + 1 < body.len())
            .map(|(i, _)| i + 1);
        for start in std::iter::once(0).chain(starts) {
            let tail = body[start..].trim();
            // Gaps can be long: only their last few words can be a title.
            if tail.bytes().filter(|&b| b == b' ').count() > self.lex.title_spaces {
                continue;
            }
            fold_title(tail, buf);
            if !tail.is_empty() && self.lex.is_title(buf) {
                return (&gap[..start], true);
            }
        }
        (gap, false)
    }

    /// Whether mention `x` is the state of a title ("President of France").
    fn titled_by_of(&self, x: usize) -> bool {
        let before = self.text[..self.mentions[x].span.start].trim_end();
        before
            .strip_suffix(" of")
            .and_then(|b| b.split_whitespace().last())
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    }

    /// The actor ids of mentions `a..=b`, each once; in one noun phrase only
    /// its head (the last mention) counts.
    fn actors(&self, a: usize, b: usize, buf: &mut String) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for m in a..=b {
            let next_in_phrase = m < b && self.join(m, buf) == Join::Phrase;
            let id = self.mentions[m].actor;
            if !next_in_phrase && !ids.iter().any(|x| x == id) {
                ids.push(id.to_string());
            }
        }
        ids
    }

    /// Scans the words after the trigger's first word for the target (and,
    /// in the passive, the "by" source): a mention inside the trigger is its
    /// object ("give Tanzania a grant", "expelled two Russian diplomats").
    fn scan_after(
        &self,
        first: usize,
        stop: usize,
        how: Voice,
        found: &mut Found,
        buf: &mut String,
    ) {
        let mut prep: Option<Prep> = None;
        let mut seen = 0;
        // After "that", the clause's subject must come soon.
        let mut reach = TARGET_REACH;
        let mut k = first + 1;
        let mut m = self.mentions.partition_point(|x| x.first <= first);
        while k < stop.min(self.words.len()) && seen <= reach {
            // "signed by the leaders of both countries — X and Y —": the
            // dash opens the names of the "by" group.
            let dash = matches!(self.words.punct_before[k], Some('—' | '–'));
            if self.words.clause_break_before(k) && !(dash && prep == Some(Prep::By)) {
                return;
            }
            if m < self.mentions.len() && self.mentions[m].first <= k {
                let (a, b) = self.group(m, stop, buf);
                let actors = self.actors(a, b, buf);
                match prep {
                    Some(Prep::By) => found.sources = actors,
                    Some(Prep::Between) if found.sources.is_empty() => {
                        found.sources = actors;
                        return;
                    }
                    None | Some(Prep::Target | Prep::Between) => {
                        found.targets = actors;
                        return;
                    }
                    Some(Prep::Skip) => {}
                }
                prep = None;
                k = self.mentions[b].last + 1;
                m = b + 1;
                continue;
            }
            let word = self.words.key(k);
            let cues = self.lex.cues_at(self.words, k);
            let through = how.verbal && word == "that";
            if (cues.has(Cue::Boundary) && !through)
                || (seen > 0 && FunctionWords::Coordinator.contains(word))
            {
                return;
            }
            if through {
                reach = seen + 4;
            }
            prep = if prep == Some(Prep::By) {
                // "by the leaders of both countries": the agent's phrase
                // runs on to its names.
                prep
            } else if word == "by" {
                // "sanctioned by Russia"; "calls by Belarus" names whose
                // calls; "by" right after an active verb is a means.
                Some(match (how.passive, k == first + 1) {
                    (true, _) => Prep::By,
                    (false, false) => Prep::Target,
                    (false, true) => Prep::Skip,
                })
            } else if FunctionWords::ReciprocalPreposition.contains(word) {
                Some(Prep::Between)
            } else if cues.has(Cue::Target) {
                Some(Prep::Target)
            } else if cues.has(Cue::Skip) {
                Some(Prep::Skip)
            } else {
                prep
            };
            seen += 1;
            k += 1;
        }
    }
}

/// `text` as the title list writes it, into `buf`: lowercase, without
/// periods.
fn fold_title(text: &str, buf: &mut String) {
    buf.clear();
    if text.is_ascii() {
        // Most gaps: lowercasing is byte for byte.
        buf.extend(text.split('.'));
        buf.make_ascii_lowercase();
    } else {
        buf.extend(
            text.chars()
                .filter(|&c| c != '.')
                .flat_map(char::to_lowercase),
        );
    }
}
