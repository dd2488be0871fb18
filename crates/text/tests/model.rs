//! The shipped model loads and gives sane analyses of plain news sentences.

use dossier_text::{Doc, EntityKind};

#[test]
fn model_loads_with_every_part() {
    let m = dossier_text::model();
    assert_eq!(m.tagger.classes, dossier_text::labels::TAGS.len());
    assert_eq!(m.labels.classes, dossier_text::labels::DEPS.len());
    assert_eq!(m.segments.classes, 5);
    assert_eq!(m.kinds.classes, dossier_text::labels::ENTITY_KINDS.len());
    assert!(
        m.words.len() > 10_000,
        "vocabulary of {} words",
        m.words.len()
    );
    assert!(m.word_id("the") > 0);
}

#[test]
fn a_simple_sentence_parses_with_the_verb_as_root() {
    let mut doc = Doc::new("The foreign minister signed the agreement in Geneva on Monday.");
    doc.annotate();
    let word = |w: &str| (0..doc.len()).find(|&i| doc.token_text(i) == w).unwrap();
    let signed = word("signed");
    assert_eq!(doc.sentence_root(0), Some(signed));
    assert_eq!(doc.tag_of(signed).name(), "VBD");
    assert_eq!(doc.lemma(signed), "sign");
    let minister = word("minister");
    assert_eq!(doc.head(minister), Some(signed));
    assert_eq!(doc.dep(minister).name(), "nsubj");
    assert_eq!(doc.head(word("agreement")), Some(signed));
    assert_eq!(doc.dep(word("agreement")).name(), "dobj");
    assert_eq!(doc.child_with(signed, "nsubj"), Some(minister));
    let geneva = doc
        .entities()
        .iter()
        .find(|e| e.span.of(doc.text()) == "Geneva")
        .expect("Geneva");
    assert_eq!(geneva.kind, EntityKind::Gpe);
}

#[test]
fn only_the_asked_sentences_are_parsed() {
    let mut doc = Doc::new("Talks resumed. Russia's envoy doesn't agree. He left.");
    doc.parse_sentences(&[1]);
    assert!(!doc.is_parsed(0) && doc.is_parsed(1) && !doc.is_parsed(2));
    assert_eq!(doc.head(0), None);
    let root = doc.sentence_root(1).unwrap();
    assert_eq!(doc.token_text(root), "agree");
    let envoy = (0..doc.len())
        .find(|&i| doc.token_text(i) == "envoy")
        .unwrap();
    assert_eq!(doc.head(envoy), Some(root));
    let neg = (0..doc.len())
        .find(|&i| doc.token_text(i) == "n't")
        .unwrap();
    assert_eq!(doc.lemma(neg), "not");
    assert!(doc.entities().is_empty(), "entities only when asked");
    doc.find_entities();
    assert!(doc
        .entities()
        .iter()
        .any(|e| e.kind == EntityKind::Gpe && e.span.of(doc.text()) == "Russia"));
}

#[test]
fn a_sentence_longer_than_the_parse_limit_is_left_unparsed() {
    let list = "Oman, Qatar and Iran ".repeat(dossier_text::MAX_PARSED_TOKENS / 3);
    let text = format!("Talks resumed. {list}met. He left.");
    let mut doc = Doc::new(&text);
    assert_eq!(doc.sentences().len(), 3);
    doc.parse();
    assert!(doc.is_parsed(0) && !doc.is_parsed(1) && doc.is_parsed(2));
    let oman = (0..doc.len()).find(|&i| doc.token_text(i) == "Oman");
    assert_eq!(doc.head(oman.unwrap()), None);
}

/// Layers added a few sentences at a time, out of text order (as the
/// stages ask), are the ones a whole-document annotation gives.
#[test]
fn layers_added_per_sentence_equal_the_whole_annotation() {
    let text = "Talks resumed in Vienna. Russia's envoy doesn't agree, Sergei Lavrov said.\n\
                The ministers will meet again on Friday. He left for Moscow.";
    let mut whole = Doc::new(text);
    whole.annotate();
    let mut parts = Doc::new(text);
    parts.find_entities_in(&[3, 1]);
    parts.parse_sentences(&[2, 1]);
    parts.tag_sentences(&[0]);
    parts.parse_sentences(&[0, 3]);
    parts.find_entities_in(&[0, 2, 1]);
    assert_eq!(parts.entities(), whole.entities());
    for i in 0..whole.len() {
        assert_eq!(parts.tag_of(i), whole.tag_of(i), "{}", whole.token_text(i));
        assert_eq!(parts.lemma(i), whole.lemma(i));
        assert_eq!(parts.head(i), whole.head(i));
        assert_eq!(parts.dep(i), whole.dep(i));
    }
    let mut untagged = Doc::new(text);
    untagged.tag_sentences(&[1]);
    assert_eq!(untagged.lemma(0), "", "sentence 0 was not tagged");
    assert_eq!(untagged.lemma(untagged.len() - 2), "", "nor sentence 3");
    assert!(!untagged.is_parsed(1), "tagging does not parse");
}

#[test]
fn odd_text_annotates_without_panicking() {
    let long = "word ".repeat(3000);
    for text in [
        "",
        " \n\n ",
        "...",
        "“”",
        "北京表示欢迎。双方将继续会谈。",
        "U.S.",
        long.as_str(),
        "a\n\nb\n\nc",
    ] {
        let mut doc = Doc::new(text);
        doc.annotate();
        for (s, sent) in doc.sentences().iter().enumerate() {
            let r = sent.token_range();
            if !doc.is_parsed(s) {
                assert!(r.len() > dossier_text::MAX_PARSED_TOKENS, "{text:?}");
                continue;
            }
            assert_eq!(
                r.clone().filter(|&i| doc.head(i).is_none()).count(),
                1,
                "one root in {text:?}"
            );
            for i in r.clone() {
                assert!(
                    doc.head(i).map_or(true, |h| r.contains(&h)),
                    "head inside the sentence"
                );
            }
            assert!(doc.sentence_root(s).is_some());
        }
        for e in doc.entities() {
            assert!(e.tokens.0 < e.tokens.1);
        }
    }
}

#[test]
fn agents_and_patients_of_verbs() {
    let mut doc = Doc::new("The treaty was signed by Iran. Russia met Oman and signed the deal.");
    doc.parse();
    let word = |w: &str| (0..doc.len()).find(|&i| doc.token_text(i) == w).unwrap();
    let text = |i: Option<usize>| i.map(|i| doc.token_text(i));
    let signed = word("signed");
    assert_eq!(
        text(doc.agent_of(signed)),
        Some("Iran"),
        "passive: the agent"
    );
    assert_eq!(
        text(doc.patient_of(signed)),
        Some("treaty"),
        "passive: the subject"
    );
    let second = (0..doc.len())
        .rev()
        .find(|&i| doc.token_text(i) == "signed")
        .unwrap();
    assert_eq!(
        text(doc.agent_of(second)),
        Some("Russia"),
        "shared subject of a conjoined verb"
    );
    assert_eq!(text(doc.patient_of(second)), Some("deal"));
}
