//! Who acts and who is acted upon, as the sentence's parse reads it.
//!
//! The word-window rules of [`super::roles`] take the nearest actor before
//! a trigger as its source, which inverts events whose subject stands
//! further away ("The U.S. has applied pressure on China …, urging Beijing
//! to …": the nearest actor before "urging" is not who urges). Where the
//! trigger is a parsed verb whose subject (in the passive, its "by" agent)
//! names an actor, that actor is the source; where its object (in the
//! passive, its subject; for a participle modifying a noun that names an
//! actor, "two Americans killed in …", that noun) or the object of one of
//! its prepositions names an actor, that actor is the target. A subject
//! "he" or "she" is the one person named just before it, if only one is
//! ([`referent`]). Where the parse names no actor in a role, the window
//! rules' answer stands: another pronoun subject ("it said it would send")
//! is theirs to resolve.

use dossier_lexicon::FunctionWords;
use dossier_model::{EventMention, Mention};
use dossier_text::Doc;

use super::lexicon::{Cue, Lexicon};

/// Dependency labels by which a word joins the noun phrase it belongs to:
/// an actor named there stands for the phrase ("China's foreign ministry",
/// "the Chinese government", "Russian troops").
const PHRASE_PARTS: [&str; 4] = ["poss", "compound", "amod", "nmod"];

/// How many coordinated phrases one role may gather ("Russia, Iran and
/// North Korea").
const MAX_CONJUNCTS: usize = 6;

/// Re-reads the sources and targets of `events` from the parse in `doc`
/// (whose sentences are those of the events, parsed). `mentions` are the
/// article's, sorted by start.
pub(super) fn apply(doc: &Doc, events: &mut [EventMention], mentions: &[&Mention]) {
    let lex = Lexicon::get();
    for e in events {
        let Some(t) = doc.token_at(e.trigger.start) else {
            continue;
        };
        if !doc.is_parsed(doc.sentence_of(t)) || !doc.tag_of(t).is_verb() {
            continue;
        }
        let sources = doc
            .agent_of(t)
            .map(|a| {
                let named = actors_of_phrase(doc, a, mentions, Modifiers::Read);
                if named.is_empty() {
                    referent(doc, a, mentions).into_iter().collect()
                } else {
                    named
                }
            })
            .unwrap_or_default();
        // The target: the actor the verb's object names ("met Mr. Kim");
        // else the object of a target preposition on that object ("imposed
        // sanctions on Iran") or on the verb ("met with", "sent troops
        // to"); else an actor modifying the object ("met Russian
        // officials") — last, because the owner of what is sent ("sent
        // North Korean troops to Russia") is not whom it is sent to.
        let patient = doc.patient_of(t);
        let of_patient = |modifiers| {
            patient
                .map(|p| actors_of_phrase(doc, p, mentions, modifiers))
                .unwrap_or_default()
        };
        let mut targets = of_patient(Modifiers::Skip);
        for governor in patient.into_iter().chain([t]) {
            if !targets.is_empty() {
                break;
            }
            targets = doc
                .children(governor)
                .filter_map(|c| match doc.dep(c).name() {
                    "prep" if is_target_preposition(lex, doc.lower(c)) => doc.child_with(c, "pobj"),
                    // "gave Russia shells".
                    "dative" => doc.child_with(c, "pobj").or(Some(c)),
                    _ => None,
                })
                .map(|o| actors_of_phrase(doc, o, mentions, Modifiers::Read))
                .find(|found| !found.is_empty())
                .unwrap_or_default();
        }
        if targets.is_empty() {
            targets = of_patient(Modifiers::Read);
        }
        // Where the parse reads fewer actors into a role than the window
        // rules and all of them are among theirs, the window rules' wider
        // reading of the coordination stands.
        let replaces = |parsed: &[String], window: &[String]| {
            !parsed.is_empty() && !parsed.iter().all(|a| window.contains(a))
        };
        let window_targets = std::mem::take(&mut e.targets);
        if replaces(&sources, &e.sources) {
            e.sources = sources;
        }
        // "the parents of two Americans killed in the attacks": an actor
        // the participle modifies is what was done to; named nearest before
        // the trigger, it is not also who did it.
        if let Some(done_to) = doc
            .reduced_relative_head(t)
            .and_then(|h| actor_at(doc, h, mentions))
        {
            e.sources.retain(|a| *a != done_to);
            if targets.is_empty() {
                targets.push(done_to);
            }
        }
        // One actor in both roles is a misreading of one of them: the
        // subject stands. A parsed target that is only the subject again
        // leaves the window rules' target.
        let not_source = |found: &[String]| -> Vec<String> {
            found
                .iter()
                .filter(|a| !e.sources.contains(a))
                .cloned()
                .collect()
        };
        let (targets, window_targets) = (not_source(&targets), not_source(&window_targets));
        e.targets = if replaces(&targets, &window_targets) {
            targets
        } else {
            window_targets
        };
    }
}

/// The person "he" or "she" at token `i` refers to, when one person alone
/// is named between the start of the sentence before and the pronoun, in
/// the same paragraph ("Jane Roe toured the border. She accused Ruritania
/// …"). With two people there, or none, the pronoun stays unresolved: a
/// wrong source is worse than none.
fn referent(doc: &Doc, i: usize, mentions: &[&Mention]) -> Option<String> {
    if !matches!(doc.lower(i), "he" | "she") {
        return None;
    }
    let sentences = doc.sentences();
    let s = doc.sentence_of(i);
    let paragraph = sentences[s].paragraph;
    let from = match s.checked_sub(1).map(|p| &sentences[p]) {
        Some(previous) if previous.paragraph == paragraph => previous.span.start,
        _ => sentences[s].span.start,
    };
    let at = doc.span(i).start;
    let window = mentions.partition_point(|m| m.span.start < from)
        ..mentions.partition_point(|m| m.span.start < at);
    let mut people = mentions[window]
        .iter()
        .filter(|m| m.actor.starts_with("person:"))
        .map(|m| m.actor.as_str());
    let first = people.next()?;
    people.all(|p| p == first).then(|| first.to_string())
}

/// Whether the words modifying a phrase's head may name its actor.
#[derive(Clone, Copy, PartialEq)]
enum Modifiers {
    Read,
    Skip,
}

/// A preposition whose object is the event's target (`target` in
/// `lexicons/event_cues.tsv`), except "of" and "from"
/// (`non_target_preposition` in `lexicons/function_words.tsv`): after a verb they
/// name the charge ("accused X of Y") or the source ("a request from the
/// US"), which the window rules read in context.
fn is_target_preposition(lex: &Lexicon, word: &str) -> bool {
    !FunctionWords::NonTargetPreposition.contains(word) && lex.is_word_cue(word, Cue::Target)
}

/// The actors named by the noun phrase headed by token `head`: the head
/// itself, else a name in apposition ("the US ambassador, Linda
/// Thomas-Greenfield"), else the words that modify it ("Russian and
/// Iranian officials"); and the same for the phrases coordinated with it.
fn actors_of_phrase(
    doc: &Doc,
    head: usize,
    mentions: &[&Mention],
    modifiers: Modifiers,
) -> Vec<String> {
    let mut actors = Vec::new();
    for h in with_conjuncts(doc, head) {
        if let Some(actor) = actor_at(doc, h, mentions) {
            push_new(&mut actors, actor);
            continue;
        }
        let of_children = |labels: &[&str]| -> Vec<String> {
            doc.children(h)
                .filter(|&c| labels.contains(&doc.dep(c).name()))
                .flat_map(|c| with_conjuncts(doc, c))
                .filter_map(|c| actor_at(doc, c, mentions))
                .collect()
        };
        let mut named = of_children(&["appos"]);
        if named.is_empty() && modifiers == Modifiers::Read {
            named = of_children(&PHRASE_PARTS);
        }
        for actor in named {
            push_new(&mut actors, actor);
        }
    }
    actors
}

/// Token `i` and the tokens coordinated with it ("Russia, Iran and North
/// Korea"), at most [`MAX_CONJUNCTS`].
fn with_conjuncts(doc: &Doc, i: usize) -> Vec<usize> {
    let mut all = vec![i];
    let mut k = 0;
    while k < all.len() && all.len() <= MAX_CONJUNCTS {
        let h = all[k];
        all.extend(doc.children(h).filter(|&c| doc.dep(c).name() == "conj"));
        k += 1;
    }
    all
}

fn push_new(actors: &mut Vec<String>, actor: String) {
    if !actors.contains(&actor) {
        actors.push(actor);
    }
}

/// The actor a mention covering token `i` names.
fn actor_at(doc: &Doc, i: usize, mentions: &[&Mention]) -> Option<String> {
    mention_at(doc, i, mentions).map(|m| m.actor.clone())
}

/// The mention holding token `i`: `mentions` are in text order, so it is
/// among the last few to start at or before the token (a binary search).
pub(super) fn mention_at<'m>(doc: &Doc, i: usize, mentions: &[&'m Mention]) -> Option<&'m Mention> {
    let at = doc.span(i).start;
    let k = mentions.partition_point(|m| m.span.start <= at);
    mentions[..k]
        .iter()
        .rev()
        .take(4)
        .find(|m| at < m.span.end)
        .copied()
}
