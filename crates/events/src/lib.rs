//! Events: who did what to whom, sentence by sentence, in the PLOVER
//! ontology (see [`EventMention`]; merging the same event across articles is
//! the link stage's job).
//!
//! For each sentence:
//! 1. **Triggers**: the words that are first words of the patterns of
//!    `lexicons/plover_triggers.tsv` (each word of the sentence is looked up
//!    once, in ASCII words only); each is extended to the longest pattern
//!    that matches there ("imposed new sanctions"), a non-event phrase
//!    ("declined to comment") blocking it.
//! 2. **Governing**: a verbal trigger takes the event after it in its clause
//!    as its content, and the two are coded as one event by the manual's
//!    rules ([`kind::govern`]): "agreed to hold talks" is AGREE, "threatened
//!    to impose sanctions" THREATEN, "refused to meet" REJECT 'meet';
//!    "denied sending troops" is the sending, negated.
//! 3. **Mood** (`mood.rs`): negated, hypothetical, future, from the cue
//!    words of `lexicons/event_cues.tsv`; an event announced for the future
//!    is coded as the manual says (future cooperation is AGREE, a future
//!    retreat CONCEDE, announced coercion THREATEN); "will not meet" is a
//!    refusal (REJECT).
//! 4. **Roles** (`roles.rs`): sources and targets from the actor mentions
//!    around the trigger.
//! 5. **Date**: the time expression of the sentence nearest the trigger.
//!
//! An event needs at least one actor; a sentence may report several, in
//! text order. Military exercises with several participants are COOPERATE
//! (manual 3.14.1). Everything is linear in the text: each scan around a
//! trigger is bounded, and the buffers are reused across sentences.
//!
//! Besides [`find_events`]: [`reported_kinds`] gives the types a text
//! reports whoever the actors (headlines), and [`classify::story_kind`] the
//! type a whole story is mainly about.

pub mod classify;
pub mod confidence;
mod figurative;
pub mod kind;
mod lexicon;
mod mood;
mod parsed_roles;
mod roles;
mod words;

#[cfg(test)]
mod tests;

use dossier_model::{EventMention, Mention, Span, TimeExpr, TimeKind};

pub use kind::Kind;
use kind::{govern, promised, refused, Coded};
use lexicon::{Cue, Lexicon};
use mood::Mood;
use roles::{At, Roles, Voice};
use words::Words;

use dossier_lexicon::FunctionWords;
use dossier_text::sentences::split_sentences;
use dossier_text::Doc;

/// How many words after a verbal trigger the event it governs may start.
const GOVERN_REACH: usize = 12;

/// Finds the events reported in the article `doc` holds. `mentions` and
/// `times` are the article's, as the analysis found them (`times` may be
/// empty). Parses the sentences that report an event (only those).
pub fn find_events(doc: &mut Doc, mentions: &[Mention], times: &[TimeExpr]) -> Vec<EventMention> {
    find_events_with_features(doc, mentions, times)
        .into_iter()
        .map(|(e, _)| e)
        .collect()
}

/// [`find_events`], with each event's confidence features (for fitting
/// the confidence weights).
pub fn find_events_with_features(
    doc: &mut Doc,
    mentions: &[Mention],
    times: &[TimeExpr],
) -> Vec<(EventMention, confidence::Features)> {
    let sentences: Vec<Span> = doc.sentences().iter().map(|s| s.span).collect();
    let (events, features) = events_in(doc.text(), &sentences, mentions, times, Some(doc));
    events.into_iter().zip(features).collect()
}

/// The types of the events `text` reports, in order, whoever their actors
/// (none are looked for): what a headline says happened, and the evidence
/// the story classifier ([`classify`]) adds to a story's words.
pub fn reported_kinds(text: &str) -> Vec<Kind> {
    let sentences = split_sentences(text, Span::new(0, text.len()));
    events_in(text, &sentences, &[], &[], None)
        .0
        .iter()
        .filter_map(|e| Kind::parse(&e.kind))
        .collect()
}

/// The types of the trigger patterns whose first word is `word` (lowercase),
/// whatever follows it: what the lexicon knows of a word where the rules
/// find no event (the story classifier's evidence for headlines the
/// patterns do not parse).
pub fn trigger_kinds(word: &str) -> Vec<Kind> {
    Lexicon::get().anchor_kinds(word)
}

/// The events of `sentences`. With the article's `Doc` (`annotated`), an
/// event needs an actor and the parse weighs it; without, every pattern
/// that matches counts (the kinds a headline reports).
fn events_in(
    text: &str,
    sentences: &[Span],
    mentions: &[Mention],
    times: &[TimeExpr],
    annotated: Option<&mut Doc>,
) -> (Vec<EventMention>, Vec<confidence::Features>) {
    let require_actor = annotated.is_some();
    let mut mentions: Vec<&Mention> = mentions.iter().collect();
    mentions.sort_by_key(|m| m.span.start);
    let mut times: Vec<&TimeExpr> = times.iter().collect();
    times.sort_by_key(|t| t.span.start);
    let mut scratch = Scratch::default();
    let mut events = Vec::new();
    for &sentence in sentences {
        let from = mentions.partition_point(|m| m.span.start < sentence.start);
        let to = mentions.partition_point(|m| m.span.start < sentence.end);
        let t_from = times.partition_point(|t| t.span.start < sentence.start);
        let t_to = times.partition_point(|t| t.span.start < sentence.end);
        let doc = Sentence {
            text,
            span: sentence,
            mentions: &mentions[from..to],
            times: &times[t_from..t_to],
            require_actor,
        };
        doc.events(&mut scratch, &mut events);
    }
    let mut features = std::mem::take(&mut scratch.features);
    if let Some(doc) = annotated {
        let reported = confidence::syntax(doc, &mut events, &mentions, &mut features);
        keep(&mut events, &mut features, &reported);
        let kept = figurative::reread(text, &mut events);
        keep(&mut events, &mut features, &kept);
        for (e, f) in events.iter_mut().zip(&features) {
            e.confidence = confidence::score(f);
        }
    }
    (events, features)
}

/// Keeps the events, and their features, whose flag in `kept` is true.
fn keep(events: &mut Vec<EventMention>, features: &mut Vec<confidence::Features>, kept: &[bool]) {
    let mut flags = kept.iter();
    features.retain(|_| *flags.next().unwrap_or(&true));
    let mut flags = kept.iter();
    events.retain(|_| *flags.next().unwrap_or(&true));
}

/// Leaves out of a reported event's roles the actors named only inside
/// quotation marks: "“…Jeffrey Epstein is under investigation…,” the
/// expert warned" — the warning is the expert's, and Epstein is what was
/// said, not a side of it. A trigger inside the quotation keeps them.
/// `quote_marks` are the sentence's, in order. Whether the event still has
/// an actor.
fn unquote_roles(e: &mut EventMention, at: &[At], quote_marks: &[usize]) -> bool {
    let quoted = |pos: usize| quote_marks.partition_point(|&m| m < pos) % 2 == 1;
    if quote_marks.is_empty() || quoted(e.trigger.start) {
        return true;
    }
    let outside = |actor: &String| {
        at.iter()
            .any(|m| m.actor == actor.as_str() && !quoted(m.span.start))
    };
    e.sources.retain(outside);
    e.targets.retain(outside);
    !e.sources.is_empty() || !e.targets.is_empty()
}

/// Buffers reused across the sentences of a document.
#[derive(Default)]
struct Scratch {
    words: Words,
    triggers: Vec<Trigger>,
    in_mention: Vec<bool>,
    key: String,
    /// The confidence features of each event found, in order.
    features: Vec<confidence::Features>,
    quote_marks: Vec<usize>,
}

/// A trigger in the current sentence: words `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Trigger {
    first: usize,
    last: usize,
    coded: Coded,
}

/// The readers of one sentence's words.
struct Tools<'a, 't> {
    lex: &'a Lexicon,
    roles: Roles<'a, 't>,
    mood: mood::Reader<'a>,
}

struct Sentence<'s, 't> {
    text: &'t str,
    span: Span,
    mentions: &'s [&'t Mention],
    times: &'s [&'t TimeExpr],
    /// Whether an event needs an actor (always, except when only the types
    /// are wanted).
    require_actor: bool,
}

impl<'t> Sentence<'_, 't> {
    fn events(&self, s: &mut Scratch, out: &mut Vec<EventMention>) {
        let lex = Lexicon::get();
        s.words.fill(self.text, self.span, lex);
        self.find_triggers(lex, s);
        if s.triggers.is_empty() {
            return;
        }
        let at: Vec<At<'t>> = self.locate_mentions(&s.words);
        s.in_mention.clear();
        s.in_mention.resize(s.words.len(), false);
        for m in &at {
            s.in_mention[m.first..=m.last].fill(true);
        }
        let tools = Tools {
            lex,
            roles: Roles::new(lex, self.text, &s.words, &at),
            mood: mood::Reader::new(lex, self.text, &s.words, &s.in_mention),
        };
        confidence::quote_marks(self.text, self.span, &mut s.quote_marks);
        let first_out = out.len();
        let mut t = 0;
        while t < s.triggers.len() {
            let chain_end = self.chain_end(lex, &s.words, &s.triggers, t, &mut s.key);
            let chain = &s.triggers[t..=chain_end];
            let stop = s
                .triggers
                .get(chain_end + 1)
                .map_or(s.words.len(), |x| x.first);
            let adjunct = out.len() > first_out
                && self.in_adjunct(lex, &s.words, &s.in_mention, chain[0].first);
            if adjunct {
                // Its purpose or occasion belongs to the earlier event.
            } else if let Some((mut e, features)) = self.event(
                &tools,
                chain,
                stop,
                &out[first_out..],
                &s.quote_marks,
                &mut s.key,
            ) {
                if unquote_roles(&mut e, &at, &s.quote_marks) || !self.require_actor {
                    out.push(e);
                    s.features.push(features);
                }
            }
            t = chain_end + 1;
        }
    }

    /// The sentence's event triggers, longest match first, never
    /// overlapping. Pattern words are lowercase ASCII: a word with curly
    /// apostrophes or Unicode hyphens starts none.
    fn find_triggers(&self, lex: &Lexicon, s: &mut Scratch) {
        s.triggers.clear();
        let capitalised = |i: usize| {
            s.words.spans[i]
                .of(self.text)
                .starts_with(|c: char| c.is_ascii_uppercase())
        };
        // In running text a capitalised trigger word inside the sentence is
        // part of a name ("Appeals Court Judge", "Meet the Press"); a
        // headline in title case capitalises every word but short function
        // words, while running text has longer words in lower case.
        let headline = !(0..s.words.len()).any(|i| {
            let w = s.words.spans[i].of(self.text);
            w.len() >= 5 && w.starts_with(|c: char| c.is_ascii_lowercase())
        });
        let mut next_free = 0;
        for (i, id) in s.words.ids.iter().enumerate() {
            let Some(anchor) = id.filter(|&id| lex.is_anchor(id)) else {
                continue;
            };
            if i < next_free
                || !s.words.spans[i].of(self.text).is_ascii()
                || i > 0 && !headline && capitalised(i)
            {
                continue;
            }
            if let Some(m) = lex.match_at(anchor, &s.words, i) {
                next_free = m.last + 1;
                if let Some(coded) = m.coded {
                    s.triggers.push(Trigger {
                        first: i,
                        last: m.last,
                        coded,
                    });
                }
            }
        }
    }

    /// Whether the trigger at word `first` opens a purpose ("sent troops
    /// to assist", "met to discuss") or stands in a reason adjunct ("held
    /// drills in response to security threats"): said of an earlier event
    /// of the sentence, not reported as one of its own.
    fn in_adjunct(&self, lex: &Lexicon, words: &Words, in_mention: &[bool], first: usize) -> bool {
        if first == 0 {
            return false;
        }
        if lex.has_cue(words, first - 1, Cue::Purpose) {
            return true;
        }
        (1..=3).take_while(|&d| d <= first).any(|d| {
            let cue_end = first - d;
            (cue_end + 1..first).all(|k| {
                !in_mention[k]
                    && !words.clause_break_before(k)
                    && words.spans[k].of(self.text).starts_with(char::is_lowercase)
            }) && !words.clause_break_before(first)
                && lex.has_cue(words, cue_end, Cue::Reason)
        })
    }

    /// The sentence's mentions as word ranges; "anti-Syria" and
    /// "pro-Russian" name the opposite or the friends of an actor, not the
    /// actor, and are left out.
    fn locate_mentions(&self, words: &Words) -> Vec<At<'t>> {
        self.mentions
            .iter()
            .filter(|m| {
                let before = &self.text[self.span.start..m.span.start];
                !["anti-", "pro-", "anti ", "pro "].iter().any(|p| {
                    before.len() >= p.len()
                        && before.is_char_boundary(before.len() - p.len())
                        && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
                })
            })
            .filter_map(|m| {
                let first = words.word_at_or_after(m.span.start);
                let last = words
                    .spans
                    .partition_point(|w| w.start < m.span.end)
                    .checked_sub(1)?;
                (first <= last).then_some(At {
                    first,
                    last,
                    span: m.span,
                    actor: m.actor.as_str(),
                })
            })
            .collect()
    }

    /// The last trigger of the chain that trigger `t` heads: each verbal
    /// trigger governs the next one in its clause ("agreed to hold talks on
    /// the withdrawal"), unless that one is coordinated with it ("met Kim
    /// and signed …").
    fn chain_end(
        &self,
        lex: &Lexicon,
        words: &Words,
        triggers: &[Trigger],
        t: usize,
        buf: &mut String,
    ) -> usize {
        let mut end = t;
        while let Some(next) = triggers.get(end + 1) {
            let head = triggers[end];
            let linked = head.coded.0.governs()
                && next.first - head.last <= GOVERN_REACH
                && (head.last + 1..=next.first).all(|k| !words.clause_break_before(k))
                && self.complement(lex, words, head.last + 1, next.first)
                && !lex.coordinates(words.spans[next.first - 1].of(self.text), buf);
            if !linked {
                break;
            }
            end += 1;
        }
        end
    }

    /// Whether words `from..to` lead from a verbal trigger to what it is
    /// about: a complement word ("to", "of", "that", "on" …: "threatened to
    /// impose", "accused X of sending", "talks on the withdrawal"), or a
    /// short object with no preposition ("rejected a U.S. request",
    /// "condemned the attack"); never across a clause boundary ("reached
    /// an agreement with striking workers" is not about the strike).
    fn complement(&self, lex: &Lexicon, words: &Words, from: usize, to: usize) -> bool {
        let mut complement = false;
        let mut preposition = false;
        for k in from..to {
            let cues = lex.cues_at(words, k);
            if FunctionWords::Complement.contains(words.key(k)) {
                complement = true;
            } else if cues.has(Cue::Boundary) {
                return false;
            } else {
                preposition |= cues.has(Cue::Target) || cues.has(Cue::Skip);
            }
        }
        complement || (to - from <= 3 && !preposition)
    }

    /// The event a chain of triggers reports, if it has an actor.
    fn event(
        &self,
        tools: &Tools,
        chain: &[Trigger],
        stop: usize,
        earlier: &[EventMention],
        quote_marks: &[usize],
        buf: &mut String,
    ) -> Option<(EventMention, confidence::Features)> {
        let (lex, roles) = (tools.lex, &tools.roles);
        let words = roles.words;
        let head = chain[0];
        // Fold the chain from its innermost event out; a denial ("denied
        // sending troops") passes the inner event on, negated.
        let mut coded = chain[chain.len() - 1].coded;
        let mut trigger = chain[chain.len() - 1];
        let mut denied = false;
        for outer in chain[..chain.len() - 1].iter().rev() {
            if lex.has_cue(words, outer.first, Cue::Denial) {
                denied = true;
            } else {
                coded = govern(outer.coded, coded);
                trigger = *outer;
            }
        }
        let mut mood = tools.mood.mood(head.first, head.last);
        mood.negated |= denied;
        let (passive, reduced) = tools.mood.passive(head.first);
        let voice = Voice {
            passive,
            reduced,
            verbal: head.coded.0.governs(),
        };
        let mut found = roles.assign(head.first, head.last, stop, voice, buf);
        if found.sources.is_empty() && head.first == 0 {
            // "Meeting in Delhi on Tuesday, Modi and Macron praised …": an
            // opening participle's subject is the main clause's.
            found.sources = roles.fronted_subject(head.first, stop, buf);
        }
        if let Some(previous) = self.coordinated_with(lex, words, head.first, earlier, buf) {
            found.sources = previous.sources.clone();
            found.targets.retain(|t| !found.sources.contains(t));
        }
        if coded.0 == Kind::Mobilize && found.sources.is_empty() {
            // "sent North Korean troops": whose troops they are is who
            // mobilises.
            found.sources = roles.inside(trigger.first, trigger.last);
            found.targets.retain(|t| !found.sources.contains(t));
            if found.targets.is_empty() {
                found.targets = roles.target_after(trigger.last, stop, voice, buf);
            }
        }
        if self.require_actor && found.sources.is_empty() && found.targets.is_empty() {
            return None;
        }
        let date = self.date(lex, words, head.first);
        mood.future |= date.is_some_and(|(_, future)| future);
        if coded.0 == Kind::Mobilize
            && found.sources.len() + found.targets.len() > 1
            && (trigger.first..=trigger.last).any(|k| lex.has_cue(words, k, Cue::Joint))
        {
            // Exercises held by several sides are joint (manual 3.14.1).
            coded = (Kind::Cooperate, None);
        }
        let (kind, mode) = recode(coded, &mut mood);
        let trigger_span = Span::new(
            words.spans[trigger.first].start,
            words.spans[trigger.last].end,
        );
        let features = confidence::features(&confidence::Reading {
            text: self.text,
            sentence: self.span,
            words,
            lex,
            first: trigger.first,
            last: trigger.last,
            sources: !found.sources.is_empty(),
            targets: !found.targets.is_empty(),
            governed: chain.len() > 1,
            quote_marks,
        });
        let event = EventMention {
            span: self.span,
            trigger: trigger_span,
            kind: kind.as_str().to_string(),
            mode: mode.map(str::to_string),
            sources: found.sources,
            targets: found.targets,
            date: date.map(|(t, _)| t.value.clone()),
            date_text: date.map(|(t, _)| t.span.of(self.text).to_string()),
            negated: mood.negated,
            hypothetical: mood.hypothetical,
            future: mood.future,
            confidence: confidence::score(&features),
        };
        Some((event, features))
    }

    /// The earlier event of the sentence whose subject a coordinated verb
    /// shares ("Russia attacked Kharkiv and then seized two villages"): the
    /// trigger follows "and"/"or", perhaps with an adverb between.
    fn coordinated_with<'e>(
        &self,
        lex: &Lexicon,
        words: &Words,
        first: usize,
        earlier: &'e [EventMention],
        buf: &mut String,
    ) -> Option<&'e EventMention> {
        let previous = earlier.last()?;
        let mut conj = first.checked_sub(1)?;
        if FunctionWords::CoordinatedAdverb.contains(words.key(conj))
            || words.spans[conj].of(self.text).ends_with("ly")
        {
            conj = conj.checked_sub(1)?;
        }
        lex.coordinates(words.spans[conj].of(self.text), buf)
            .then_some(previous)
    }

    /// The time expression of the sentence nearest the trigger, with whether
    /// it puts the event after the article's date (only when it stands in
    /// the trigger's clause: "will meet next month").
    fn date(&self, lex: &Lexicon, words: &Words, first: usize) -> Option<(&'t TimeExpr, bool)> {
        let at = words.spans[first].start;
        let time = *self
            .times
            .iter()
            .filter(|t| {
                matches!(t.kind, TimeKind::Date | TimeKind::Time)
                    && t.value.starts_with(|c: char| c.is_ascii_digit())
            })
            .min_by_key(|t| t.span.start.abs_diff(at))?;
        // Calendar values only (`2024`, `2024-07`, `2024-07-02`): they
        // compare with the anchor as strings.
        let calendar = time.value.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        let later = calendar
            && time.anchor.as_deref().is_some_and(|anchor| {
                let n = time.value.len().min(anchor.len());
                time.value[..n] > anchor[..n]
            });
        let tw = words.word_at_or_after(time.span.start);
        let (a, b) = (tw.min(first), tw.max(first));
        let same_clause = (a + 1..=b).all(|k| !words.clause_break_before(k))
            && (a..b).all(|k| !lex.has_cue(words, k, Cue::Boundary));
        Some((time, later && same_clause))
    }
}

/// The PLOVER type of an event in its mood: "will not meet" is a refusal
/// (REJECT), anything else announced for the future is coded as promised.
fn recode(coded: Coded, mood: &mut Mood) -> Coded {
    match (mood.negated, mood.future) {
        (true, true) => {
            mood.negated = false;
            mood.future = false;
            refused(coded)
        }
        (false, true) => promised(coded),
        _ => coded,
    }
}
