//! Unit tests on invented sentences: one per construction the extractor
//! must read.

use dossier_model::EventMention;

use super::*;
use dossier_actors::find_actors;
use dossier_times::find_times;

const DATE: &str = "2024-06-20";

fn events(text: &str) -> Vec<EventMention> {
    let mut doc = Doc::new(text);
    let (_, mentions) = find_actors(&mut doc, Some(DATE));
    let times = find_times(text, Some(DATE));
    find_events(&mut doc, &mentions, &times)
}

/// The only event of `text` whose type is `kind`.
fn one(text: &str, kind: &str) -> EventMention {
    let found = events(text);
    let mut of_kind = found.iter().filter(|e| e.kind == kind);
    let e = of_kind
        .next()
        .unwrap_or_else(|| panic!("no {kind} in {text:?}: {found:#?}"));
    assert!(
        of_kind.next().is_none(),
        "several {kind} in {text:?}: {found:#?}"
    );
    e.clone()
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn roles(e: &EventMention, sources: &[&str], targets: &[&str]) {
    assert_eq!(
        (&e.sources, &e.targets),
        (&ids(sources), &ids(targets)),
        "{e:#?}"
    );
}

#[test]
fn active_voice() {
    let e = one("Russia sanctioned Japan on Monday.", "SANCTION");
    roles(&e, &["RUS"], &["JPN"]);
    assert_eq!(e.date.as_deref(), Some("2024-06-17"));
    assert_eq!(e.date_text.as_deref(), Some("Monday"));
    assert!(!e.negated && !e.hypothetical && !e.future);
}

#[test]
fn passive_voice() {
    let e = one("Japan was sanctioned by Russia last week.", "SANCTION");
    roles(&e, &["RUS"], &["JPN"]);
    let e = one("Three Japanese sailors were detained.", "COERCE");
    roles(&e, &[], &["JPN"]);
    assert_eq!(e.mode.as_deref(), Some("arrest"));
}

/// "he" or "she" as the subject is the one person named just before it;
/// with two people there it stays unresolved.
#[test]
fn a_pronoun_subject_is_the_one_person_named_before_it() {
    let e = one(
        "Defence Secretary Mark Esper toured the region on Monday. He urged Vietnam to push back.",
        "REQUEST",
    );
    roles(&e, &["person:mark-esper"], &["VNM"]);
    let e = one(
        "Defence Secretary Mark Esper met Senator Jane Roe on Monday. He urged Vietnam to push back.",
        "REQUEST",
    );
    roles(&e, &[], &["VNM"]);
}

#[test]
fn coordinated_actors_share_a_role() {
    let e = one(
        "Russia and North Korea signed a mutual defence treaty.",
        "SUPPORT",
    );
    roles(&e, &["RUS", "PRK"], &[]);
    let e = one(
        "Chinese diplomats met with Russian and Iranian officials in Beijing.",
        "CONSULT",
    );
    roles(&e, &["CHN"], &["RUS", "IRN"]);
}

#[test]
fn met_with_two_targets() {
    let e = one(
        "The Chinese foreign minister met with Russia and North Korea on Tuesday.",
        "CONSULT",
    );
    assert_eq!(e.targets, ids(&["RUS", "PRK"]), "{e:#?}");
}

#[test]
fn negation() {
    let e = one("Russia did not sign the agreement with Japan.", "SUPPORT");
    assert!(e.negated, "{e:#?}");
    roles(&e, &["RUS"], &["JPN"]);
    let e = one("Moscow denied sending troops to North Korea.", "MOBILIZE");
    assert!(e.negated, "{e:#?}");
    roles(&e, &["RUS"], &["PRK"]);
    let e = one(
        "The talks failed: Japan and China reached no agreement.",
        "AGREE",
    );
    assert!(e.negated, "{e:#?}");
}

#[test]
fn refusals_are_rejections() {
    let e = one("China refused to meet with Japan.", "REJECT");
    assert_eq!(e.mode.as_deref(), Some("meet"));
    roles(&e, &["CHN"], &["JPN"]);
    assert!(!e.negated);
    let e = one(
        "Seoul said it will not meet the North Korean delegation.",
        "REJECT",
    );
    roles(&e, &["KOR"], &["PRK"]);
}

#[test]
fn hypothetical() {
    let e = one(
        "Analysts fear that Russia could supply missiles to North Korea.",
        "AID",
    );
    assert!(e.hypothetical, "{e:#?}");
    roles(&e, &["RUS"], &["PRK"]);
    let e = one("If China attacked Taiwan, Japan would respond.", "ASSAULT");
    assert!(e.hypothetical, "{e:#?}");
    roles(&e, &["CHN"], &["TWN"]);
    // What a body is supposed to do is a duty, not a deed.
    let e = one(
        "The joint commission is supposed to send aid to Chad within a week.",
        "AID",
    );
    assert!(e.hypothetical, "{e:#?}");
}

#[test]
fn future() {
    let e = one(
        "The leaders of China and Russia will meet in Moscow next month.",
        "AGREE",
    );
    assert!(e.future, "{e:#?}");
    roles(&e, &["CHN", "RUS"], &[]);
    assert_eq!(e.date.as_deref(), Some("2024-07"));
    let e = one("Russia plans to deploy more troops to Belarus.", "THREATEN");
    assert!(e.future, "{e:#?}");
    roles(&e, &["RUS"], &["BLR"]);
}

#[test]
fn signed_a_treaty_with() {
    let e = one(
        "North Korea signed a treaty with Russia in 2024.",
        "SUPPORT",
    );
    roles(&e, &["PRK"], &["RUS"]);
    assert_eq!(e.date.as_deref(), Some("2024"));
    assert_eq!(
        e.trigger
            .of("North Korea signed a treaty with Russia in 2024."),
        "signed"
    );
}

#[test]
fn accused_of() {
    let e = one(
        "South Korea accused North Korea of sending troops to Russia.",
        "ACCUSE",
    );
    roles(&e, &["KOR"], &["PRK"]);
    assert_eq!(e.mode.as_deref(), Some("allege"));
}

#[test]
fn imposed_sanctions_on() {
    let text = "The United States imposed new sanctions on Iran over its drone sales to Russia.";
    let e = one(text, "SANCTION");
    roles(&e, &["USA"], &["IRN"]);
    assert_eq!(e.trigger.of(text), "imposed new sanctions");
}

#[test]
fn sent_troops_to() {
    let e = one("North Korea sent troops to Russia.", "MOBILIZE");
    roles(&e, &["PRK"], &["RUS"]);
    assert_eq!(e.mode.as_deref(), Some("troops"));
    let e = one(
        "North Korean troops attacked Ukrainian positions near Kursk.",
        "ASSAULT",
    );
    roles(&e, &["PRK"], &["UKR"]);
}

#[test]
fn held_joint_drills_with() {
    let e = one(
        "China held joint naval drills with Russia in the Sea of Japan.",
        "COOPERATE",
    );
    roles(&e, &["CHN"], &["RUS"]);
}

#[test]
fn exercises_by_several_sides_are_joint() {
    let e = one(
        "Russia and China held naval drills near Japan.",
        "COOPERATE",
    );
    roles(&e, &["RUS", "CHN"], &[]);
    let e = one("China held naval drills near Taiwan.", "MOBILIZE");
    roles(&e, &["CHN"], &[]);
}

#[test]
fn announced_restraint_is_a_concession() {
    let e = one(
        "Israel said it would not attack Iran's oil fields.",
        "CONCEDE",
    );
    roles(&e, &["ISR"], &["IRN"]);
    assert!(!e.negated && !e.future, "{e:#?}");
}

#[test]
fn ratified() {
    let e = one(
        "Russia ratified the partnership treaty with North Korea on Saturday.",
        "SUPPORT",
    );
    roles(&e, &["RUS"], &["PRK"]);
}

#[test]
fn governing_verbs() {
    let e = one("Japan threatened to impose sanctions on China.", "THREATEN");
    roles(&e, &["JPN"], &["CHN"]);
    assert_eq!(e.mode.as_deref(), Some("relations"));
    let e = one(
        "The United States urged China to withdraw its ships.",
        "REQUEST",
    );
    roles(&e, &["USA"], &["CHN"]);
    assert_eq!(e.mode.as_deref(), Some("yield"));
    let e = one("Russia agreed to hold talks with Ukraine.", "AGREE");
    roles(&e, &["RUS"], &["UKR"]);
}

#[test]
fn coordinated_verbs_share_the_subject() {
    let found = events("Russia attacked Ukraine and seized two villages.");
    let seize = found
        .iter()
        .find(|e| e.kind == "ASSAULT" && e.trigger.start > 20)
        .expect("seized");
    assert_eq!(seize.sources, ids(&["RUS"]), "{found:#?}");
}

#[test]
fn the_parties_between_are_a_nouns_own() {
    // A noun: the clause's subject only talks about it.
    let e = one(
        "Japan views the military cooperation between Russia and Iran as a threat.",
        "COOPERATE",
    );
    roles(&e, &["RUS", "IRN"], &[]);
    // A verb: its subject acts on the parties.
    let e = one("Qatar mediated between Israel and Egypt.", "CONSULT");
    roles(&e, &["QAT"], &["ISR", "EGY"]);
}

#[test]
fn no_event_without_an_actor_or_trigger() {
    assert!(events("The weather was fine and the markets were calm.").is_empty());
    assert!(events("Officials declined to comment on the report.").is_empty());
    // "Thanks to" gives a cause: no one thanked anyone.
    assert!(events("Chile gained influence thanks to the Peruvian alliance.").is_empty());
    one("Chile thanked Peru for its support.", "SUPPORT");
}

#[test]
fn headlines_without_actors_still_report_their_type() {
    let kinds = |t: &str| reported_kinds(t).first().copied();
    assert_eq!(
        kinds("{country_1} threatens to ban civil society groups"),
        Some(Kind::Threaten)
    );
    assert_eq!(
        kinds("Rebels agree to withdraw from seized territory"),
        Some(Kind::Concede)
    );
    assert_eq!(kinds("Government refuses medical aid"), Some(Kind::Reject));
    assert_eq!(
        kinds("Hundreds rally against the new tax"),
        Some(Kind::Protest)
    );
}

/// A rally with an article before it is a campaign's, not a protest; one
/// staged, or against something, is a protest.
#[test]
fn a_campaign_rally_is_no_protest() {
    assert!(events("Sanders spoke at a rally in Ohio on Saturday.").is_empty());
    one(
        "Georgian opposition parties staged rallies in Tbilisi on Sunday.",
        "PROTEST",
    );
}

/// One "sentence" of 60,000 words with 30,000 triggers and mentions: a
/// quadratic pass would not finish (nextest's slow-test report names it);
/// its speed is the analysis bench's to measure, not a timed assertion's.
#[test]
fn run_on_text_finds_its_events() {
    let text = "Russia attacked Ukraine and China condemned the strike while ".repeat(6_000);
    let found = events(&text);
    assert!(found.len() > 5_000, "{}", found.len());
}

#[test]
fn titles_belong_to_the_names_they_stand_before() {
    let e = one(
        "The meeting between Brazilian President Luiz Inacio Lula da Silva and South African \
         leader Cyril Ramaphosa took ties to a new level.",
        "CONSULT",
    );
    roles(
        &e,
        &["person:luiz-inacio-lula-da-silva", "person:cyril-ramaphosa"],
        &[],
    );
    let e = one(
        "President of France, Emmanuel Macron and Prime Minister of India, Narendra Modi have \
         met to discuss a fighter deal.",
        "CONSULT",
    );
    roles(&e, &["person:emmanuel-macron", "person:narendra-modi"], &[]);
}

#[test]
fn reduced_passive_names_its_agents_after_a_dash() {
    let text = "Tehran ratified a treaty with Moscow, signed by the leaders of both \
                countries—Iranian President Masoud Pezeshkian and Russian President Vladimir \
                Putin—in January.";
    let found = events(text);
    let kinds: Vec<(&str, &str)> = found
        .iter()
        .map(|e| (e.kind.as_str(), e.trigger.of(text)))
        .collect();
    assert_eq!(kinds, [("SUPPORT", "ratified"), ("SUPPORT", "signed")]);
    roles(&found[0], &["IRN"], &["RUS"]);
    roles(
        &found[1],
        &["person:masoud-pezeshkian", "person:vladimir-putin"],
        &[],
    );
    assert_eq!(found[1].date.as_deref(), Some("2024-01"));
}

#[test]
fn purposes_and_reasons_are_not_events_of_their_own() {
    let found =
        events("Belarus sent several hundred troops to Russia to assist in its war in Ukraine.");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].kind, "MOBILIZE");
    let found = events(
        "In August 2023, India and Japan conducted \"Dharma 2023\" drills in the Bay of Bengal \
         to strengthen strategic cooperation in response to security threats.",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].kind, "COOPERATE");
    roles(&found[0], &["IND", "JPN"], &[]);
    // The year of the exercise's name is no date.
    assert_eq!(found[0].date.as_deref(), Some("2023-08"));
}

#[test]
fn an_opening_participle_takes_the_main_subject() {
    let e = one(
        "Meeting in Delhi on Tuesday, Emmanuel Macron and Narendra Modi praised the defence \
         accord.",
        "CONSULT",
    );
    roles(&e, &["person:emmanuel-macron", "person:narendra-modi"], &[]);
}

#[test]
fn whose_troops_are_sent_is_who_mobilises() {
    let e = one(
        "The decision to send North Korean troops to Russia alarmed Seoul.",
        "MOBILIZE",
    );
    roles(&e, &["PRK"], &["RUS"]);
}

#[test]
fn what_an_actor_wants_has_not_happened() {
    let e = one(
        "North Korea wants to widen its trade and support beyond China.",
        "SUPPORT",
    );
    assert!(e.hypothetical, "{e:#?}");
}

#[test]
fn what_an_actor_avoids_doing_did_not_happen() {
    for text in [
        "Turkey has avoided supplying weapons to Ukraine.",
        "Turkey is reluctant to supply weapons to Ukraine.",
        "Turkey refrained from supplying weapons to Ukraine.",
    ] {
        let e = one(text, "AID");
        assert!(e.negated, "{text}: {e:#?}");
    }
}

#[test]
fn an_abbreviation_s_full_stop_does_not_end_the_clause() {
    let text = "Kim Jong-un arrived on Monday. Xi Jinping later held talks with Mr. Kim.";
    let found = events(text);
    let e = found
        .iter()
        .find(|e| e.kind == "CONSULT" && e.sources == ids(&["person:xi-jinping"]))
        .unwrap_or_else(|| panic!("{found:#?}"));
    roles(e, &["person:xi-jinping"], &["person:kim-jong-un"]);
}

#[test]
fn a_described_action_is_not_reported() {
    // A participle or an adjective modifying a noun describes it; agreeing
    // that something is so is an opinion. Agreeing to act, or with
    // someone, is an event.
    for (text, kind) in [
        (
            "Hillary Clinton leads Bernie Sanders by 271 pledged delegates.",
            "AGREE",
        ),
        (
            "Bernie Sanders said he agrees Hillary Clinton is the stronger candidate.",
            "AGREE",
        ),
        (
            "Prince Andrew said he had no memory of the alleged sex victims of Jeffrey Epstein.",
            "ACCUSE",
        ),
    ] {
        let found = events(text);
        assert!(found.iter().all(|e| e.kind != kind), "{text}: {found:#?}");
    }
    one("Russia agreed to hold talks with Ukraine in May.", "AGREE");
}

#[test]
fn the_noun_a_participle_modifies_is_its_patient() {
    // "two Americans killed in …": the Americans were killed; they did
    // not kill.
    let text = "The parents of two Americans killed in the attack have sued the State Department.";
    let found = events(text);
    let killed = found
        .iter()
        .find(|e| e.trigger.of(text) == "killed")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(!killed.sources.contains(&"USA".to_string()), "{killed:#?}");
    assert!(killed.targets.contains(&"USA".to_string()), "{killed:#?}");
}

#[test]
fn actors_named_only_in_a_quotation_are_not_sides_of_the_verb_outside_it() {
    // The warning is the expert's; Russia is what was said.
    let text = "“Russia is losing patience,” the expert warned on Tuesday.";
    assert!(
        events(text)
            .iter()
            .all(|e| !e.sources.contains(&"RUS".to_string())),
        "{:#?}",
        events(text)
    );
    // A trigger inside the quotation keeps its sides.
    let inside = "“Russia attacked Ukraine,” the minister said.";
    let e = one(inside, "ASSAULT");
    roles(&e, &["RUS"], &["UKR"]);
}

#[test]
fn a_capitalised_trigger_word_inside_a_sentence_is_part_of_a_name() {
    // "Appeals" is the court's name; a headline capitalises every word.
    let text = "Rebecca Bradley defeated Appeals Court Judge JoAnne Kloppenburg on Tuesday.";
    assert!(
        events(text).iter().all(|e| e.kind != "REQUEST"),
        "{:#?}",
        events(text)
    );
    one("Russia Appeals To China For Help", "REQUEST");
}
