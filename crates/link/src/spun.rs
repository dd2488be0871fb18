//! Spun-text detection: machine rewriting ("spinning") swaps words for
//! thesaurus synonyms one at a time, and so breaks collocations that normal
//! English keeps — "military aid" becomes "navy help", "the threat" becomes
//! "the menace", "last year" becomes "final year". The evidence is the
//! adjacent word pairs that the reference of normal usage
//! (`lexicons/link_usage.tsv`, Google Books counts via SymSpell) never
//! sees, while a synonym swap of one or both words gives a pair it sees
//! often. Every piece of evidence is shown with the usual phrase.
//!
//! Human writers break collocations too, but rarely: on the extraction
//! benchmark's 91 news articles the rate stays far below what spinning
//! produces (see `eval`).

use std::ops::Range;

use serde::Serialize;

use crate::lexicon::lexicon;
use crate::normalize::{Doc, Token};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpunEvidence {
    pub spun: bool,
    /// Broken collocations per 100 checkable word pairs.
    pub score: f64,
    /// Each broken collocation: its bytes in the text and the phrase normal
    /// usage would have there.
    pub examples: Vec<(Range<usize>, String)>,
}

/// The usual phrase must be at least this common (log2 of count / 6.4M):
/// 2 = 25 million occurrences in Google Books.
const USUAL_MIN: i8 = 2;
/// log2 of the share of the rarer word's occurrences that the usual phrase
/// accounts for: -4 = one in sixteen.
const COLLOCATION: i8 = -2;
/// Broken collocations per 100 checkable pairs that make a text spun …
const SPUN_SCORE: f64 = 7.0;
/// … with at least this many examples (one or two happen in any text).
const SPUN_MIN_EXAMPLES: usize = 4;

pub fn spun_evidence(text: &str) -> SpunEvidence {
    spun_evidence_doc(&Doc::new(text))
}

/// A name or a sentence's first word in capitals is not a spinner's swap.
fn is_name(doc: &Doc, t: &Token, sentence_start: bool) -> bool {
    !sentence_start && doc.text[t.span()].starts_with(char::is_uppercase)
}

pub fn spun_evidence_doc(doc: &Doc) -> SpunEvidence {
    let lex = lexicon();
    let mut checked = 0usize;
    let mut examples = Vec::new();
    for s in &doc.sentences {
        for i in s.start + 1..s.end {
            let (x, y) = (&doc.tokens[i - 1], &doc.tokens[i]);
            if !y.joined || is_name(doc, x, i - 1 == s.start) || is_name(doc, y, false) {
                continue;
            }
            let (sx, sy) = (lex.synonyms(x.word), lex.synonyms(y.word));
            if sx.is_empty() && sy.is_empty() {
                continue;
            }
            checked += 1;
            if lex.bigram(x.word, y.word).is_some() {
                continue;
            }
            let lower = |t: &Token| doc.text[t.span()].to_lowercase();
            let mut usual: Option<(i8, String)> = None;
            let mut consider = |(first, second): (u64, u64), phrase: &dyn Fn() -> String| {
                let bucket = lex.bigram(first, second).filter(|&b| b >= USUAL_MIN);
                // A collocation: the pair makes up a good share of the rarer
                // word's uses ("the threat"), not just two frequent words
                // that meet often ("made for").
                let rarer = lex
                    .unigram(first)
                    .min(lex.unigram(second))
                    .unwrap_or(i8::MAX);
                if let Some(b) = bucket.filter(|&b| b - rarer >= COLLOCATION) {
                    if usual.as_ref().is_none_or(|u| b > u.0) {
                        usual = Some((b, phrase()));
                    }
                }
            };
            // Spinners trade a common word for a rarer synonym: only a more
            // common word is a plausible original.
            let commoner = |alt: u64, word: u64| lex.rank(alt) < lex.rank(word);
            let sx: Vec<_> = sx.iter().filter(|s| commoner(s.1, x.word)).collect();
            let sy: Vec<_> = sy.iter().filter(|s| commoner(s.1, y.word)).collect();
            for &&(a, ha) in &sx {
                consider((ha, y.word), &|| format!("{a} {}", lower(y)));
                for &&(b, hb) in &sy {
                    consider((ha, hb), &|| format!("{a} {b}"));
                }
            }
            for &&(b, hb) in &sy {
                consider((x.word, hb), &|| format!("{} {b}", lower(x)));
            }
            if let Some((_, phrase)) = usual {
                examples.push((x.start as usize..y.end as usize, phrase));
            }
        }
    }
    let score = 100.0 * examples.len() as f64 / checked.max(1) as f64;
    SpunEvidence {
        spun: score >= SPUN_SCORE && examples.len() >= SPUN_MIN_EXAMPLES,
        score,
        examples,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_collocations_are_shown_with_the_usual_phrase() {
        let text = "The pact poses the menace of war.";
        let ev = spun_evidence(text);
        let shown: Vec<(&str, &str)> = ev
            .examples
            .iter()
            .map(|(r, usual)| (&text[r.clone()], usual.as_str()))
            .collect();
        assert!(shown.contains(&("the menace", "the threat")), "{shown:?}");
    }

    #[test]
    fn plain_prose_is_not_spun() {
        let ev = spun_evidence(
            "The government said last year that military aid would continue. \
             Officials expect the talks to resume next week, according to people familiar with the matter.",
        );
        assert!(!ev.spun, "{ev:?}");
    }
}
