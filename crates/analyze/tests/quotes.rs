//! Quote speakers linked to actors: the quotes stage finds the speaker as
//! written, the actors stage links it to an actor, so these tests need the
//! whole analysis.

use dossier_analyze::analyze;
use dossier_model::{Directness::Direct, Paragraph, ParagraphKind, Span};

#[test]
fn a_described_speaker_is_the_person_named_before() {
    let text = "Sen. Bernie Sanders spoke in Iowa on Sunday.\n\n\
                \u{201c}I apologize to nobody for that,\u{201d} the senator said.\n\n\
                \u{201c}We will look into it,\u{201d} the official said.";
    let actors = speaker_actors(text);
    assert_eq!(actors, [Some("person:bernie-sanders".into()), None]);
}

#[test]
fn a_description_naming_a_body_is_a_person_of_that_body() {
    // "the Democratic front-runner" is the Democrat named before, not the
    // party and not the Republican named last; with no such person named,
    // the state a minister serves speaks.
    let text = "Democratic presidential candidate Hillary Clinton criticised \
                Republican presidential candidate Donald Trump on Monday.\n\n\
                \u{201c}He is becoming the best recruiter they have,\u{201d} the Democratic \
                front-runner said.\n\n\
                \u{201c}The talks will go on,\u{201d} the Russian foreign minister said.";
    let analysis = analyze(&article(text));
    let clinton = analysis
        .actors
        .iter()
        .find(|a| a.name == "Hillary Clinton")
        .map(|a| a.id.clone());
    let actors = speaker_actors(text);
    assert_eq!(actors.len(), 2);
    assert!(clinton.is_some());
    assert_eq!(actors[0], clinton, "{actors:?}");
    assert_eq!(actors[1].as_deref(), Some("RUS"), "{actors:?}");
}

#[test]
fn he_never_refers_back_to_a_state() {
    let text = "Sir Peter Westmacott is leaving Washington.\n\n\
                Turkey was among the topics of his farewell.\n\n\
                \u{201c}I think the legacy does not look bad,\u{201d} he told reporters.";
    let analysis = analyze(&article(text));
    let speakers: Vec<Option<&str>> = analysis
        .quotes
        .iter()
        .filter(|q| q.direct == Direct)
        .map(|q| q.speaker.as_deref())
        .collect();
    assert_ne!(speakers, [Some("Turkey")]);
    assert_eq!(speakers.len(), 1);
}

#[test]
fn a_place_modifying_the_speaker_is_not_the_speaker() {
    // "London" is an alias of the United Kingdom in the gazetteer; the
    // teacher is no one it names. An official speaks for the state.
    let text = "\u{201c}Why were we never asked?\u{201d} a London teacher said.\n\n\
                \u{201c}The talks will go on,\u{201d} a Russian official said.";
    let actors = speaker_actors(text);
    assert_eq!(actors.len(), 2);
    assert_eq!(actors[0], None);
    assert!(actors[1].is_some(), "{actors:?}");
}

#[test]
fn a_place_after_the_speakers_head_is_where_they_are() {
    // "Critics in Russia" are not Russia; "a spokesman for the Kremlin"
    // speaks for it, and a titled name is the person.
    let text = "Critics in Russia say the deal gives away too much.\n\n\
                \u{201c}The talks will go on,\u{201d} said a spokesman for the Russian Foreign Ministry.\n\n\
                \u{201c}We are ready,\u{201d} said President of Russia Vladimir Putin.";
    let analysis = analyze(&article(text));
    let linked: Vec<(&str, Option<&str>)> = analysis
        .quotes
        .iter()
        .map(|q| {
            (
                q.speaker.as_deref().unwrap_or(""),
                q.speaker_actor.as_deref(),
            )
        })
        .collect();
    assert_eq!(linked.len(), 3, "{linked:?}");
    assert_eq!(linked[0], ("Critics in Russia", None));
    assert!(linked[1].1.is_some(), "{linked:?}");
    assert_eq!(linked[2].1, Some("person:vladimir-putin"), "{linked:?}");
}

/// The actor each quotation's speaker is linked to, in order.
fn speaker_actors(text: &str) -> Vec<Option<String>> {
    analyze(&article(text))
        .quotes
        .into_iter()
        .map(|q| q.speaker_actor)
        .collect()
}

/// An article of blank-line separated paragraphs, for tests that need the
/// whole analysis (actors as well as quotes).
fn article(text: &str) -> dossier_model::Article {
    dossier_model::Article {
        text: text.to_string(),
        paragraphs: text
            .split("\n\n")
            .scan(0, |at, p| {
                let span = Span::new(*at, *at + p.len());
                *at += p.len() + 2;
                Some(Paragraph {
                    span,
                    kind: ParagraphKind::Body,
                })
            })
            .collect(),
        ..Default::default()
    }
}
