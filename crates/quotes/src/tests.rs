//! Quote attribution on invented sentences, one construction per test.

use dossier_model::{Directness, Quote, Span};

use super::find_quotes;
use dossier_text::Doc;

use Directness::{Direct, Indirect, Partial};

/// The quotes of `text`, whose paragraphs are separated by blank lines.
fn run(text: &str) -> Vec<Quote> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        paragraphs.push(Span::new(start, start + part.len()));
        start += part.len() + 2;
    }
    find_quotes(&mut Doc::with_paragraphs(text, &paragraphs))
}

/// (content, speaker, cue, directness) of each quote found in `text`.
fn quotes(text: &str) -> Vec<(&str, Option<String>, Option<&str>, Directness)> {
    run(text)
        .into_iter()
        .map(|q| {
            (
                q.span.of(text),
                q.speaker,
                q.cue.map(|c| c.of(text)),
                q.direct,
            )
        })
        .collect()
}

fn one(
    content: &str,
    speaker: &str,
    cue: &str,
    direct: Directness,
) -> (String, Option<String>, Option<String>, Directness) {
    (
        content.to_owned(),
        Some(speaker.to_owned()),
        Some(cue.to_owned()),
        direct,
    )
}

/// Asserts that none of `texts` holds a quotation.
fn no_quotes(texts: &[&str]) {
    for text in texts {
        assert_eq!(quotes(text), [], "{text}");
    }
}

/// Asserts that `text` holds one reported statement: `content` said by
/// `speaker` with `cue`.
fn one_reported(text: &str, content: &str, speaker: &str, cue: &str) {
    assert_eq!(owned(text), [one(content, speaker, cue, Indirect)]);
}

/// `quotes` with owned strings, to compare with [`one`].
fn owned(text: &str) -> Vec<(String, Option<String>, Option<String>, Directness)> {
    quotes(text)
        .into_iter()
        .map(|(c, s, cue, d)| (c.to_owned(), s, cue.map(str::to_owned), d))
        .collect()
}

#[test]
fn speaker_after_the_quotation_with_an_honorific() {
    assert_eq!(
        owned("“We will not sign,” said Mr. Lee."),
        [one("We will not sign,", "Mr. Lee", "said", Direct)]
    );
}

#[test]
fn speaker_after_the_verb_with_an_apposition() {
    assert_eq!(
        owned("“The pact changes little,” said Jane Roe, a professor at Example University."),
        [one("The pact changes little,", "Jane Roe", "said", Direct)]
    );
}

#[test]
fn speaker_before_the_verb_after_the_quotation() {
    assert_eq!(
        owned("“The talks are over,” the ministry said on Tuesday. \"We expect nothing,\" Jane Roe told reporters."),
        [
            one("The talks are over,", "the ministry", "said", Direct),
            one("We expect nothing,", "Jane Roe", "told", Direct),
        ]
    );
}

#[test]
fn speaker_before_the_quotation() {
    assert_eq!(
        owned("Mr. Lee said: “We will not sign.” Later, the ministry said in a statement, “Nothing has changed.”"),
        [
            one("We will not sign.", "Mr. Lee", "said", Direct),
            one("Nothing has changed.", "the ministry", "said", Direct),
        ]
    );
}

#[test]
fn a_spun_speech_verb() {
    assert_eq!(
        owned("“It needs to keep its options open,” mentioned Yun Park, the director of a research centre."),
        [one("It needs to keep its options open,", "Yun Park", "mentioned", Direct)]
    );
}

#[test]
fn a_pronoun_speaker_points_at_the_name_before_it() {
    let text = "Mr. Lee arrived on Tuesday. “We came to listen,” he added.";
    let found = run(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].speaker.as_deref(), Some("Mr. Lee"));
    assert_eq!(found[0].speaker_span.map(|s| s.of(text)), Some("Mr. Lee"));
    assert_eq!(found[0].cue.map(|c| c.of(text)), Some("added"));
}

#[test]
fn a_pronoun_skips_names_of_the_other_sex() {
    let text = "Ms. Roe met Mr. Lee in Seoul. “It went well,” she said.";
    assert_eq!(
        owned(text),
        [one("It went well,", "Ms. Roe", "said", Direct)]
    );
}

#[test]
fn a_quotation_split_around_its_verb_is_two_records_of_one_utterance() {
    let text = "“We are ready,” he said, “but not at any price.”";
    let found = run(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].span.of(text), "We are ready,");
    assert_eq!(found[1].span.of(text), "but not at any price.");
    assert_eq!(found[0].cue, found[1].cue);
    assert!(found.iter().all(|q| q.direct == Direct));
}

#[test]
fn sentences_quoted_after_an_attributed_one_share_its_speaker() {
    let text = "“We are ready,” Jane Roe said. “The rest is up to them.”";
    assert_eq!(
        owned(text),
        [
            one("We are ready,", "Jane Roe", "said", Direct),
            one("The rest is up to them.", "Jane Roe", "said", Direct),
        ]
    );
}

#[test]
fn a_quotation_going_on_into_the_next_paragraph() {
    let text = "Jane Roe said: “The first step is a ceasefire.\n\n“The second is a treaty.”";
    assert_eq!(
        owned(text),
        [
            one("The first step is a ceasefire.", "Jane Roe", "said", Direct),
            one("The second is a treaty.", "Jane Roe", "said", Direct),
        ]
    );
}

#[test]
fn a_quotation_introduced_by_the_paragraph_before() {
    let text = "The minister put it this way:\n\n“Nobody wins a trade war.”";
    assert_eq!(
        owned(text),
        [one("Nobody wins a trade war.", "The minister", ":", Direct)]
    );
}

#[test]
fn a_quotation_signed_with_a_dash() {
    let text = "“Peace is not a slogan.” — Jane Roe";
    assert_eq!(
        owned(text),
        [one("Peace is not a slogan.", "Jane Roe", "—", Direct)]
    );
}

#[test]
fn a_left_quote_typed_as_a_closing_mark() {
    assert_eq!(
        owned("“Apparently not,“ he said. “Nothing changes.”"),
        [
            one("Apparently not,", "he", "said", Direct),
            one("Nothing changes.", "he", "said", Direct),
        ]
    );
}

#[test]
fn reported_speech_with_that() {
    assert_eq!(
        owned("The minister said that the talks had failed."),
        [one(
            "that the talks had failed",
            "The minister",
            "said",
            Indirect
        )]
    );
}

#[test]
fn reported_speech_written_in_a_column() {
    assert_eq!(
        owned("Jane Roe wrote in a column that the sanctions had failed."),
        [one(
            "that the sanctions had failed",
            "Jane Roe",
            "wrote",
            Indirect
        )]
    );
}

#[test]
fn reported_speech_with_the_attribution_last() {
    assert_eq!(
        owned("The sanctions had failed, officials said. Talks will resume, said Jane Roe, an adviser."),
        [
            one("The sanctions had failed", "officials", "said", Indirect),
            one("Talks will resume", "Jane Roe", "said", Indirect),
        ]
    );
}

#[test]
fn according_to_before_and_after() {
    assert_eq!(
        owned(
            "According to the ministry, the talks failed. The deal is off, according to Mr. Lee."
        ),
        [
            one("the talks failed", "the ministry", "According to", Indirect),
            one("The deal is off", "Mr. Lee", "according to", Indirect),
        ]
    );
}

#[test]
fn declining_to_comment_while_saying_something() {
    assert_eq!(
        owned("Mr. Lee declined to comment, saying the matter was closed."),
        [one("the matter was closed", "Mr. Lee", "saying", Indirect)]
    );
}

#[test]
fn reported_speech_with_a_quoted_phrase_is_partial() {
    assert_eq!(
        owned("Mr. Lee said the deal was “a windfall for Kim.”"),
        [one(
            "the deal was “a windfall for Kim.”",
            "Mr. Lee",
            "said",
            Partial
        )]
    );
}

#[test]
fn a_coordinated_speech_verb_shares_the_subject() {
    let text = "Mr. Lee met the envoy on Tuesday and said the deal was “dead on arrival.”";
    let found = run(text);
    let said = found
        .iter()
        .find(|q| q.cue.is_some_and(|c| c.of(text) == "said"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(said.speaker.as_deref(), Some("Mr. Lee"));
    assert_eq!(said.direct, Partial);
}

#[test]
fn a_quoted_phrase_the_content_would_cut_short_is_whole() {
    // Typed with two apostrophes, the closing mark comes after the full
    // stop; the record still holds the whole quoted phrase.
    let text = "Ms. Warren praised Mrs. Clinton, saying she had ''steady hands, but most of all, a good heart.''";
    let found = run(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].direct, Partial);
    assert!(
        found[0].span.of(text).ends_with("heart.''"),
        "{:?}",
        found[0].span.of(text)
    );
}

#[test]
fn scare_quotes_and_titles_are_not_quotations() {
    assert_eq!(
        quotes("The so-called “reset” failed, and “Meet the Press” aired late."),
        []
    );
}

#[test]
fn quotes_inside_markup_are_attribute_values() {
    assert_eq!(
        owned("<span title=\"unclosed>Hi</span>\n\n“We will win,” said Mr. Lee."),
        [one("We will win,", "Mr. Lee", "said", Direct)]
    );
}

#[test]
fn long_texts_without_full_stops_stay_cheap() {
    let unit = "“a b c d e f,” said Jane Roe and he said that x y z, ";
    let text = unit.repeat(20_000);
    let started = std::time::Instant::now();
    let found = run(&text);
    assert!(!found.is_empty());
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn two_apostrophes_are_a_double_quotation_mark() {
    let text = "''I would have been all in,'' Mr. Lee said in his office.\n\n\
                ''Sometimes they say, 'go back home,''' said Mr. Lee.";
    let found = quotes(text);
    assert_eq!(found[0].0, "I would have been all in,");
    assert_eq!(found[0].1.as_deref(), Some("Mr. Lee"));
    assert_eq!(found[1].0, "Sometimes they say, 'go back home,'");
    assert_eq!(found.len(), 2);
}

/// (content, speaker) of each quotation, for the speaker tests below.
fn speakers(text: &str) -> Vec<(String, Option<String>)> {
    run(text)
        .into_iter()
        .map(|q| (q.span.of(text).to_owned(), q.speaker))
        .collect()
}

#[test]
fn the_speaker_is_the_subject_of_the_speech_verb() {
    // A name in apposition to the subject is the speaker the
    // description stands for ("the mayor's deputy, Jane Roe, said").
    expect_test::expect![[r#"
        [
            (
                "The water accord will hold,",
                Some(
                    "Minister Aida Balgimbayeva",
                ),
            ),
            (
                "We have waited long enough.",
                Some(
                    "Jane Roe",
                ),
            ),
        ]
    "#]]
    .assert_debug_eq(&speakers(
        "“The water accord will hold,” Minister Aida Balgimbayeva told farmers on Tuesday.\n\n\
         Speaking after the vote, the mayor’s deputy, Jane Roe, said: “We have waited long enough.”",
    ));
}

#[test]
fn a_name_before_a_colon_is_not_the_subject_after_it() {
    // An interview's label ("The Ledger:") opens the question; the
    // question's own subject says what it reports.
    let found = speakers(
        "The Ledger: Critics in Kyrgyzstan say Bishkek has given away its only leverage.\n\n\
         Sultanova: I understand the feeling.",
    );
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|(_, s)| s.as_deref() != Some("The Ledger") && s.as_deref() != Some("Ledger")),
        "{found:?}"
    );
}

#[test]
fn a_transcript_line_is_its_labels_words() {
    // The label in capitals is the speaker and not part of what was said;
    // a heading in capitals is no speaker.
    expect_test::expect![[r#"
        [
            (
                "Secretary Clinton, did you lie to them?",
                Some(
                    "RAMOS",
                ),
            ),
            (
                "I feel a great deal of sympathy for the families.",
                Some(
                    "CLINTON",
                ),
            ),
        ]
    "#]]
    .assert_debug_eq(&speakers(
        "The exchange went on.\n\n\
         \"RAMOS: Secretary Clinton, did you lie to them?\"\n\n\
         \"CLINTON: I feel a great deal of sympathy for the families.\"",
    ));
    let found = speakers("“UPDATE: The talks will resume on Monday,” the ministry said.");
    assert_eq!(found.len(), 1);
    assert!(found[0].0.starts_with("UPDATE"), "{found:?}");
}

#[test]
fn a_heading_in_capitals_is_no_quotation() {
    // Wholly in capitals and spoken by no one: a newsletter's heading. A
    // shouted line with its speaker stays.
    let found = speakers(
        "‘EUROPEANS ASK IF VIOLENCE IS BECOMING FACT OF LIFE’ “In less than two weeks, \
         Western Europe has witnessed the calm of everyday life shattered.” [WSJ]\n\n\
         “LOCK HER UP,” the crowd chanted.",
    );
    assert!(
        found.iter().all(|(q, _)| !q.starts_with("EUROPEANS")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(q, s)| q.starts_with("LOCK") && s.is_some()),
        "{found:?}"
    );
}

#[test]
fn a_weekday_is_no_speaker() {
    let found = speakers(
        "Mr. Lee spoke on Thursday.\n\n\
         Friday, he told the Daily News that the mayor was \"dragging his feet.\"",
    );
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|(_, s)| s.as_deref() != Some("Friday")),
        "{found:?}"
    );
}

#[test]
fn it_never_refers_back_to_a_plural() {
    // "it" is the email, not the two people killed.
    let found = speakers(
        "The email was sent at 7 p.m. by the chief of staff. Two Americans were killed.\n\n\
         “I just tried you on the phone,” it reads.",
    );
    assert_eq!(found.len(), 1);
    assert_ne!(found[0].1.as_deref(), Some("Two Americans"), "{found:?}");
}

#[test]
fn a_possessive_is_no_one_she_refers_to() {
    let found = speakers(
        "Jane Roe, Lindqvist’s attorney, told reporters that her client meant no harm.\n\n\
         “He has taken responsibility for his words,” she said in an email.",
    );
    let last = found.last().expect("a quotation");
    assert_eq!(last.1.as_deref(), Some("Jane Roe"), "{found:?}");
}

#[test]
fn a_sentence_ending_in_a_noun_introduces_no_quotation() {
    // "state" ends the sentence before as a noun, not as "Mr. Lee put it
    // this way."; the quotation goes on with Mr. Erekat's reported words.
    let found = speakers(
        "Mr. Erekat said it was the latest move by the US to force the Palestinians to capitulate and give up their claims to an independent state.\n\n\
         “They wanted us on our knees and they used every trick.”",
    );
    let last = found.last().expect("a quotation");
    assert_eq!(last.1.as_deref(), Some("Mr. Erekat"), "{found:?}");
}

#[test]
fn joint_subjects_leave_the_patterns_speaker() {
    // "Mr. Lee and Ms. Roe said" names no one speaker: the parse does not
    // replace what the patterns read.
    let found = speakers("“We disagree,” Mr. Lee and Ms. Roe said in a joint statement.");
    assert_eq!(found.len(), 1);
    assert_ne!(found[0].1.as_deref(), Some("Mr. Lee"));
}

#[test]
fn he_added_goes_on_with_the_last_speaker() {
    // The sentence is about Mr. Park; "added" continues Mr. Lee's words.
    expect_test::expect![[r#"
        [
            (
                "We will sign the accord in May,",
                Some(
                    "Mr. Lee",
                ),
            ),
            (
                "Nothing has changed since the election,",
                Some(
                    "Mr. Lee",
                ),
            ),
        ]
    "#]]
    .assert_debug_eq(&speakers(
        "“We will sign the accord in May,” Mr. Lee said.\n\n\
         Mr. Park, the opposition leader, had demanded a delay. “Nothing has changed since the election,” he added.",
    ));
}

#[test]
fn he_said_after_a_new_subject_is_that_subject() {
    // "said" starts no continuation: "he" is the person the text turned to.
    let found = speakers(
        "“We will sign the accord in May,” Ms. Roe said.\n\n\
         Mr. Park, the opposition leader, arrived later. “Nothing has changed,” he said.",
    );
    assert_eq!(found[1].1.as_deref(), Some("Mr. Park"));
}

/// A listed verb form the parse reads as a noun reports nothing: no
/// reported speech hangs on "state" in "state banks" or "In this
/// battleground state".
#[test]
fn a_speech_verb_read_as_a_noun_reports_nothing() {
    no_quotes(&[
        "Moscow offered to pay for the dam, while China's state banks have proposed $2.3 billion in loans.",
        "In this battleground state, Mrs. Roe delivered a forceful promise to strengthen labor unions.",
    ]);
    // The verb itself still reports.
    one_reported(
        "The ministry stated that the talks had failed.",
        "that the talks had failed",
        "The ministry",
        "stated",
    );
}

/// "…, X declared an emergency": the speech verb has an object of its
/// own, so the clause before the comma is not what X said; "…, X said in
/// a statement" still reports it.
#[test]
fn a_speech_verb_with_its_own_object_reports_no_clause_before_it() {
    let text = "Two days later, on 31 July, the authorities declared an emergency in the district.";
    assert!(
        quotes(text)
            .iter()
            .all(|q| !q.0.starts_with("Two days later")),
        "{:?}",
        quotes(text)
    );
    one_reported(
        "The talks had failed, the minister said in a statement.",
        "The talks had failed",
        "the minister",
        "said",
    );
}

/// A speech verb followed by one of its own prepositions ("argued with",
/// "contended for") reports nothing; "said on Tuesday that …" still does.
#[test]
fn a_speech_verb_and_its_own_preposition_report_nothing() {
    no_quotes(&[
        "For thirty years we argued about every cubic metre of water.",
        "Outside powers are contending for a role in the region.",
    ]);
    one_reported(
        "The minister said on Tuesday that the talks had failed.",
        "that the talks had failed",
        "The minister",
        "said",
    );
}

/// A time adjunct before the speaker's name is no part of the speaker.
#[test]
fn a_time_adjunct_before_the_speaker_is_left_out() {
    one_reported(
        "After the complaint, on 9 June Bishkek promised that it would add the missing volume.",
        "that it would add the missing volume",
        "Bishkek",
        "promised",
    );
}

/// Two words before ", X said," are an adjunct, not what X said.
#[test]
fn two_words_before_an_attribution_are_no_statement() {
    let text = "In Miami, Mr. Lee said, the mayor is seen as a bully.";
    assert!(
        quotes(text).iter().all(|q| q.0 != "In Miami"),
        "{:?}",
        quotes(text)
    );
    one_reported(
        "Prices rose sharply, the minister said.",
        "Prices rose sharply",
        "the minister",
        "said",
    );
}

/// A quotation goes on with the reported speech before it only if the
/// parse keeps that reported speech: "the same notes" is no speaker.
#[test]
fn a_quotation_takes_no_speaker_from_a_noun_cue() {
    let text = "Mrs. Roe struck many of the same notes, hitting themes that elevated the senator in the Senate.\n\n\
                “She is speaking for all of us.”";
    assert!(
        quotes(text)
            .iter()
            .all(|q| q.1.as_deref() != Some("the same")),
        "{:?}",
        quotes(text)
    );
}
