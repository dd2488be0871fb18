//! Lists that state one stance item by item: "Several motivations explain
//! Beijing's concerns:" followed by paragraphs headed "Increased Arms Race
//! in the Region: …". Each item whose heading names a change (the
//! `change` words of the cue lexicon) inherits the stance of the sentence
//! that introduced the list, unless it states that stance itself.

use dossier_model::Span;

use super::cues::Draft;
use super::lexicon::Lexicon;
use super::words::Sentence;

/// A heading is at most this many words before its colon.
const MAX_HEADING_WORDS: usize = 12;

/// The statements list items inherit from the sentences introducing them.
pub fn inherit<'t>(text: &str, sentences: &[Sentence], drafts: &[Draft<'t>]) -> Vec<Draft<'t>> {
    let lex = Lexicon::get();
    let mut out = Vec::new();
    for (index, s) in sentences.iter().enumerate() {
        let intro: Vec<&Draft> = drafts.iter().filter(|d| d.sentence == index).collect();
        if intro.is_empty() || !ends_with_colon(text, s) {
            continue;
        }
        for item in items(text, sentences, index + 1) {
            if lex
                .change
                .longest_at(sentences[item].words, 0, |_| false)
                .is_empty()
            {
                continue;
            }
            for d in &intro {
                let stated = drafts.iter().any(|x| {
                    x.sentence == item && x.holder == d.holder && x.polarity == d.polarity
                });
                if !stated {
                    out.push(Draft {
                        sentence: item,
                        clauses: (0, 0),
                        holder_word: None,
                        inherited: true,
                        ..(*d).clone()
                    });
                }
            }
        }
    }
    out
}

fn ends_with_colon(text: &str, s: &Sentence) -> bool {
    s.words.last().is_some_and(|w| {
        Span::new(w.span.end, s.span.end)
            .of(text)
            .trim_start()
            .starts_with(':')
    })
}

/// The sentences opening the list items after sentence `from`: paragraphs
/// that start with a heading and a colon, up to the first that does not.
fn items(text: &str, sentences: &[Sentence], from: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for j in from..sentences.len() {
        if !starts_paragraph(text, sentences, j) {
            continue;
        }
        if !has_heading(&sentences[j]) {
            break;
        }
        out.push(j);
    }
    out
}

fn starts_paragraph(text: &str, sentences: &[Sentence], j: usize) -> bool {
    j == 0 || {
        let gap = Span::new(sentences[j - 1].span.end, sentences[j].span.start);
        gap.of(text).contains('\n')
    }
}

/// A capitalised word, then a colon within [`MAX_HEADING_WORDS`] words.
fn has_heading(s: &Sentence) -> bool {
    s.words.first().is_some_and(|w| w.capitalised)
        && s.words
            .iter()
            .take(MAX_HEADING_WORDS + 1)
            .skip(1)
            .any(|w| w.colon_before)
}
