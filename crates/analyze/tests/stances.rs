//! The stances stage on invented sentences, through the whole analysis (a
//! statement's holder is an actor mention): each cue pattern, negation, hedges,
//! contrast, pronoun holders, quoted versus authorial statements.

use dossier_model::{Analysis, Article, Polarity, StanceStatement};

use dossier_analyze::analyze;

fn analysis(text: &str) -> Analysis {
    analyze(&Article::from_plain_text(text, Some("2024-06-20")))
}

/// (holder, polarity) of each statement.
fn stances(text: &str) -> Vec<(String, Polarity)> {
    analysis(text)
        .stances
        .iter()
        .map(|s| (s.holder.clone(), s.polarity))
        .collect()
}

fn one(text: &str) -> (StanceStatement, Analysis) {
    let a = analysis(text);
    assert_eq!(a.stances.len(), 1, "{text}: {:?}", a.stances);
    (a.stances[0].clone(), a)
}

fn pair(holder: &str, polarity: Polarity) -> (String, Polarity) {
    (holder.to_string(), polarity)
}

use Polarity::{Benefit, Cost, Oppose, Support};

#[test]
fn subject_cues() {
    assert_eq!(
        stances("Turkey stands to gain from the corridor."),
        [pair("TUR", Benefit)]
    );
    assert_eq!(
        stances("Egypt fears that the dam will cut its water."),
        [pair("EGY", Cost)]
    );
    assert_eq!(
        stances("Greece wants the port to grow."),
        [pair("GRC", Support)]
    );
    assert_eq!(
        stances("India opposes the corridor."),
        [pair("IND", Oppose)]
    );
    assert_eq!(
        stances("Russia risks losing its last ally."),
        [pair("RUS", Cost)]
    );
}

#[test]
fn object_and_for_cues() {
    assert_eq!(
        stances("The sanctions would hurt India."),
        [pair("IND", Cost)]
    );
    assert_eq!(
        stances("The deal is a windfall for Qatar."),
        [pair("QAT", Benefit)]
    );
    assert_eq!(
        stances("The drills are a headache for Beijing."),
        [pair("CHN", Cost)]
    );
    assert_eq!(
        stances("The treaty is detrimental to Japan's security."),
        [pair("JPN", Cost)]
    );
    assert_eq!(stances("The big loser is Russia."), [pair("RUS", Cost)]);
    assert_eq!(
        stances("For Pyongyang, this is a setback."),
        [pair("PRK", Cost)]
    );
}

#[test]
fn one_phrase_two_holders() {
    // The side with leverage gains; the side it is held over loses.
    let got = stances("The treaty would help Pyongyang gain more leverage over Beijing.");
    assert!(got.contains(&pair("PRK", Benefit)), "{got:?}");
    assert!(got.contains(&pair("CHN", Cost)), "{got:?}");
    let got = stances("The plan is a windfall for Turkey and a headache for Greece.");
    assert_eq!(got, [pair("TUR", Benefit), pair("GRC", Cost)]);
}

#[test]
fn possessive_holders() {
    assert_eq!(
        stances("Several factors explain Japan's growing concerns."),
        [pair("JPN", Cost)]
    );
    assert_eq!(
        stances("Beijing views the expansion as detrimental to its interests."),
        [pair("CHN", Cost)]
    );
}

#[test]
fn negation_turns_gains_and_wants_and_cancels_losses() {
    assert_eq!(
        stances("China does not want Russia to lose the war."),
        [pair("CHN", Oppose)]
    );
    assert_eq!(
        stances("The pact is not good news for Beijing."),
        [pair("CHN", Cost)]
    );
    assert_eq!(
        stances("Greece does not benefit from a long review."),
        [pair("GRC", Cost)]
    );
    assert_eq!(
        stances("Vietnam would not like to take sides."),
        [pair("VNM", Oppose)]
    );
    assert!(stances("The dam is not a problem for Egypt.").is_empty());
    assert!(stances("The United States does not oppose the talks.").is_empty());
    // A negation governs only the words next to it.
    assert_eq!(
        stances("Tokyo does not hide its concerns about the flights."),
        [pair("JPN", Cost)]
    );
    // Lexicalised negations are not negations of the cue.
    assert_eq!(
        stances("Xi can't afford to let Putin win."),
        [pair("CHN", Oppose)]
    );
}

#[test]
fn hedges() {
    let (s, _) = one("China could benefit from the arms deal.");
    assert!(s.hedged);
    let (s, _) = one("China benefits from the arms deal.");
    assert!(!s.hedged);
    let (s, _) = one("If talks fail, Ukraine would lose its grain market.");
    assert!(s.hedged);
}

#[test]
fn contrast_opens_clauses() {
    // The holder of "never willing" is the subject of the clause before.
    let got = stances("China supports the North, but never willing to pay for it.");
    assert_eq!(got, [pair("CHN", Support), pair("CHN", Oppose)]);
    // "however" between commas is an aside, not a new clause.
    assert_eq!(
        stances("Brazil, however, is uneasy about the plan."),
        [pair("BRA", Cost)]
    );
    // Negation does not reach across a contrast.
    let got = stances("Russia will not win, but Turkey gains a route to Asia.");
    assert_eq!(got, [pair("RUS", Cost), pair("TUR", Benefit)]);
}

#[test]
fn pronouns_take_the_subject_before() {
    let text = "China has avoided sending weapons. However, it does not want Russia to lose.";
    let (s, _) = one(text);
    assert_eq!((s.holder.as_str(), s.polarity), ("CHN", Oppose));
    assert_eq!(s.span.of(text), "it does not want Russia to lose");
    let got = stances("Mr. Xi met officials, and he wants a calm border.");
    assert_eq!(got, [pair("CHN", Support)]);
}

#[test]
fn leaders_and_state_bodies_stand_for_their_state() {
    assert_eq!(
        stances("The pact is a headache for Xi Jinping."),
        [pair("CHN", Cost)]
    );
    assert_eq!(
        stances("Mr. Erdogan is the quiet winner."),
        [pair("TUR", Benefit)]
    );
}

#[test]
fn wants_to_avoid_is_an_objection() {
    assert_eq!(
        stances("China wishes to avoid a new bloc."),
        [pair("CHN", Oppose)]
    );
    assert_eq!(
        stances("Beijing sought to distance itself from the pact."),
        [pair("CHN", Oppose)]
    );
    // Without a want, avoiding is a gain ("can avoid hostility") or
    // nothing at all.
    assert_eq!(
        stances("China can avoid further hostility."),
        [pair("CHN", Benefit)]
    );
    assert!(stances("China has avoided sending weapons.").is_empty());
}

#[test]
fn wanted_or_feared_gains_are_not_statements() {
    // "lose" is what China does not want, not a loss reported for Russia.
    assert_eq!(
        stances("China does not want Russia to lose the war."),
        [pair("CHN", Oppose)]
    );
    assert_eq!(
        stances("Seoul is reluctant to back the deal."),
        [pair("KOR", Oppose)]
    );
}

#[test]
fn mixed_phrases_state_nothing() {
    assert!(stances("There are pros and cons for Beijing.").is_empty());
    assert!(stances("China is aware of its benefits and drawbacks.").is_empty());
}

#[test]
fn quoted_and_authorial() {
    let text =
        "\"The pact is a setback for Japan,\" said Jane Roe, a professor at Osaka University.";
    let (s, a) = one(text);
    let q = s.quote.expect("quoted");
    assert_eq!(a.quotes[q].speaker.as_deref(), Some("Jane Roe"));
    assert_eq!(s.span.of(text), "The pact is a setback for Japan");
    let (s, _) = one("The pact is a setback for Japan.");
    assert_eq!(s.quote, None);
}

#[test]
fn evidence_drops_leading_connectives_and_phrases() {
    let text = "According to many experts, China could benefit from the deal.";
    assert_eq!(
        one(text).0.span.of(text),
        "China could benefit from the deal"
    );
    let text = "Moreover, China can avoid further hostility.";
    assert_eq!(
        one(text).0.span.of(text),
        "China can avoid further hostility"
    );
}

#[test]
fn one_statement_per_sentence_holder_and_polarity() {
    let text = "The wooing creates a competitor for Beijing, and it is a headache for Xi Jinping.";
    assert!(one(text)
        .0
        .span
        .of(text)
        .ends_with("headache for Xi Jinping"));
}

#[test]
fn list_items_inherit_their_introduction() {
    let text = "Several factors lie behind Japan's concerns:\n\n\
        Rising Defence Costs: The budget will come under strain.\n\n\
        Significance of the Alliance: The alliance has kept the peace.";
    let a = analysis(text);
    let got: Vec<&str> = a.stances.iter().map(|s| s.span.of(text)).collect();
    assert_eq!(
        got,
        [
            "Several factors lie behind Japan's concerns",
            "Rising Defence Costs: The budget will come under strain"
        ]
    );
    assert!(a
        .stances
        .iter()
        .all(|s| s.holder == "JPN" && s.polarity == Cost));
}

#[test]
fn topics_name_the_development_and_its_actors() {
    let (s, _) = one("China might not like the military ties between Russia and North Korea.");
    assert_eq!(
        s.topic.as_deref(),
        Some("North Korea–Russia military cooperation")
    );
    assert_eq!(s.topic_actors, ["PRK", "RUS"]);
    let text =
        "Russia and North Korea signed an arms deal. China could benefit from the arms deal.";
    let (s, _) = one(text);
    assert_eq!(s.topic.as_deref(), Some("North Korea–Russia arms deal"));
    // A state named only through its leader has no name here.
    let text =
        "Vladimir Putin and Kim Jong-un signed an arms deal. China could benefit from the arms deal.";
    let (s, _) = one(text);
    assert_eq!(
        (s.topic, s.topic_actors),
        (None, vec!["PRK".into(), "RUS".into()])
    );
    let (s, _) = one("China wants a quiet life.");
    assert_eq!(s.topic, None);
}
