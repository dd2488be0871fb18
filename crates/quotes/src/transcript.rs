//! Transcript lines: a quotation that opens with a speaker's label in
//! capitals and a colon ("“RAMOS: Secretary Clinton, did you lie to
//! them?”") is that speaker's words, and the label is not part of them.
//!
//! Only labels in capitals count: that is how transcripts set speakers
//! apart, while a capitalised word before a colon in running speech is as
//! often a heading or the start of a list. Headings written in capitals
//! ("UPDATE:", "Q:") are listed as `not-label` in `lexicons/quote_words.tsv`.

use dossier_model::{Directness, Quote};

use super::lexicon::lexicon;
use super::words::covering;
use super::Context;

/// Most words in a speaker's label ("SEN. BERNIE SANDERS").
const MAX_LABEL_WORDS: usize = 3;

/// Fewest words after the label for a line to be speech rather than a
/// heading ("CLINTON: No.", though speech, is too short to tell).
const MIN_LINE_WORDS: usize = 3;

/// Gives each direct quotation opening with a label that label as its
/// speaker, and starts its content after the colon.
pub(super) fn label_speakers(ctx: &Context, quotes: &mut [Quote]) {
    let lex = lexicon();
    for q in quotes.iter_mut().filter(|q| q.direct == Directness::Direct) {
        let words = ctx.words_in(q.span);
        let Some(colon) = words
            .iter()
            .take(MAX_LABEL_WORDS + 1)
            .position(|t| t.punct() == Some(':'))
        else {
            continue;
        };
        let (label, line) = (&words[..colon], &words[colon + 1..]);
        let letters: usize = label
            .iter()
            .map(|t| t.text.chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        if label.is_empty()
            || letters < 2
            || !label.iter().all(|t| t.is_word() && in_capitals(t.text))
            || lex.is_not_label(&label[0].lower)
            || line.iter().filter(|t| t.is_word()).count() < MIN_LINE_WORDS
        {
            continue;
        }
        let speaker = covering(label);
        q.span.start = line[0].span.start;
        q.speaker = Some(speaker.of(ctx.text).to_owned());
        q.speaker_span = Some(speaker);
        q.cue = Some(words[colon].span);
    }
}

/// Fewest words of a quotation in capitals read as a heading.
const MIN_HEADING_WORDS: usize = 3;

/// Drops the quotations no one is said to speak that are written wholly in
/// capitals: a heading set in quotation marks ("‘EUROPEANS ASK IF VIOLENCE
/// IS BECOMING FACT OF LIFE’" over a newsletter's item) is a title, not
/// speech. A shouted line or a chant with its speaker stays.
pub(super) fn drop_headings(ctx: &Context, quotes: &mut Vec<Quote>) {
    quotes.retain(|q| {
        if q.speaker.is_some() {
            return true;
        }
        let words: Vec<_> = (ctx.words_in(q.span).iter())
            .filter(|t| t.text.chars().any(char::is_alphabetic))
            .collect();
        words.len() < MIN_HEADING_WORDS || !words.iter().all(|t| in_capitals(t.text))
    });
}

/// Whether every letter of `word` is a capital (and it has one).
fn in_capitals(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}
