//! Violence words that political news uses for words, not blows: "Warren
//! has been attacking Trump" is criticism (ACCUSE), "Trump shot back" a
//! retort (REJECT), "beating Clinton in a general election fight" no event
//! at all. PLOVER's ASSAULT is physical force, so an ASSAULT read from such
//! a word between people only, in a sentence that says nothing literal
//! about violence (`lexicons/figurative_violence.tsv`: "killed", "troops",
//! "bomb"), is re-read. States, armed groups and organisations keep the
//! literal reading: "Russia attacked Kharkiv" stands.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dossier_lexicon::FIGURATIVE_VIOLENCE;
use dossier_model::{EventMention, Span};

use crate::kind::Kind;

struct Figures {
    /// Trigger phrase → what it reports between people (None: no event).
    triggers: HashMap<&'static str, Option<Kind>>,
    literal: HashSet<&'static str>,
}

fn figures() -> &'static Figures {
    static F: OnceLock<Figures> = OnceLock::new();
    F.get_or_init(|| {
        let mut figures = Figures {
            triggers: HashMap::new(),
            literal: HashSet::new(),
        };
        for row in FIGURATIVE_VIOLENCE.rows() {
            let fields: Vec<&'static str> = row.fields().collect();
            match fields[..] {
                ["trigger", reading, phrase] => {
                    let kind = (reading != "-").then(|| {
                        Kind::parse(reading).unwrap_or_else(|| {
                            panic!("{}", row.error(format!("unknown event type {reading}")))
                        })
                    });
                    figures.triggers.insert(phrase, kind);
                }
                ["literal", _, word] => {
                    figures.literal.insert(word);
                }
                _ => panic!("{}", row.error("expected trigger or literal".into())),
            }
        }
        figures
    })
}

/// Re-reads the figurative ASSAULTs of `events` in place; returns, for each
/// event, whether it is still an event.
pub(crate) fn reread(text: &str, events: &mut [EventMention]) -> Vec<bool> {
    let figures = figures();
    // Whether a sentence has a literal word, per sentence: its events share
    // it, and a sentence can be a whole page long.
    let mut literal_in: Option<(Span, bool)> = None;
    events
        .iter_mut()
        .map(|e| {
            if e.kind != Kind::Assault.as_str() {
                return true;
            }
            let trigger = e.trigger.of(text).to_lowercase();
            let Some(reading) = figures.triggers.get(trigger.as_str()) else {
                return true;
            };
            let mut participants = e.sources.iter().chain(&e.targets).peekable();
            let between_people =
                participants.peek().is_some() && participants.all(|id| id.starts_with("person:"));
            if !between_people {
                return true;
            }
            let literal = match literal_in {
                Some((span, literal)) if span == e.span => literal,
                _ => {
                    let literal = (e.span.of(text).split(|c: char| !c.is_alphabetic()))
                        .any(|w| figures.literal.contains(w.to_lowercase().as_str()));
                    literal_in = Some((e.span, literal));
                    literal
                }
            };
            if literal {
                return true;
            }
            match reading {
                Some(kind) => {
                    e.kind = kind.as_str().to_string();
                    e.mode = None;
                    true
                }
                None => false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::Span;

    fn assault(text: &str, trigger: &str, sources: &[&str], targets: &[&str]) -> EventMention {
        let at = text.find(trigger).unwrap();
        EventMention {
            span: Span::new(0, text.len()),
            trigger: Span::new(at, at + trigger.len()),
            kind: "ASSAULT".into(),
            mode: None,
            sources: sources.iter().map(|s| s.to_string()).collect(),
            targets: targets.iter().map(|s| s.to_string()).collect(),
            date: None,
            date_text: None,
            negated: false,
            hypothetical: false,
            future: false,
            confidence: 0.9,
        }
    }

    #[test]
    fn people_attacking_people_accuse_and_states_still_assault() {
        let cases = [
            (
                "Warren has been attacking Trump over his taxes.",
                "attacking",
                &["person:elizabeth-warren"][..],
                &["person:donald-trump"][..],
            ),
            (
                "Trump shot back in a statement.",
                "shot back",
                &["person:donald-trump"],
                &[],
            ),
            (
                "Kasich has the best odds of beating Clinton.",
                "beating",
                &["person:john-kasich"],
                &["person:hillary-clinton"],
            ),
            (
                "Russia attacked Kharkiv at dawn.",
                "attacked",
                &["RUS"],
                &["UKR"],
            ),
            (
                "Smith attacked Jones with a knife.",
                "attacked",
                &["person:smith"],
                &["person:jones"],
            ),
        ];
        let text_of = |i: usize| cases[i].0;
        let mut events: Vec<EventMention> = cases
            .iter()
            .map(|(text, trigger, s, t)| assault(text, trigger, s, t))
            .collect();
        let read: Vec<(String, bool)> = events
            .iter_mut()
            .enumerate()
            .map(|(i, e)| {
                let kept = reread(text_of(i), std::slice::from_mut(e))[0];
                (e.kind.clone(), kept)
            })
            .collect();
        assert_eq!(
            read,
            [
                ("ACCUSE".to_string(), true),
                ("REJECT".to_string(), true),
                ("ASSAULT".to_string(), false),
                ("ASSAULT".to_string(), true),
                ("ASSAULT".to_string(), true),
            ]
        );
    }
}
