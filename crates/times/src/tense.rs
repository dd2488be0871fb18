//! The tense around an expression, from the nearest cue word in its
//! sentence: enough to tell "Friday" in "the talks ended Friday" (past)
//! from "the talks will resume Friday" (future) without a tagger.

use std::ops::Range;

use super::lexicon::{lexicon, Cue};
use super::resolve::Tense;
use super::tokens::Token;

/// Farthest a tense cue is looked for from an expression, in tokens: a
/// clause is shorter, and a page-long "sentence" (a list, a table) would
/// otherwise be scanned whole for each of its expressions.
const TENSE_REACH: usize = 40;

/// The tense of the cue word nearest to the tokens `expr` within
/// `sentence` and [`TENSE_REACH`] (left first at equal distance), or
/// `Unknown`. A reporting verb counts only on the left ("said Friday"): on
/// the right it usually frames a quotation with a tense of its own.
pub fn tense_at(tokens: &[Token], sentence: Range<usize>, expr: Range<usize>) -> Tense {
    for distance in 1..=sentence.len().min(TENSE_REACH) {
        let left = expr
            .start
            .checked_sub(distance)
            .filter(|&k| k >= sentence.start);
        let right = Some(expr.end - 1 + distance).filter(|&k| k < sentence.end);
        if left.is_none() && right.is_none() {
            break;
        }
        let sides = [(left, true), (right, false)];
        let cue = sides
            .into_iter()
            .find_map(|(k, on_left)| cue_at(tokens, k?, sentence.start, on_left));
        if let Some(tense) = cue {
            return tense;
        }
    }
    Tense::Unknown
}

/// The tense token `k` signals: a future cue, which is past after a past
/// auxiliary ("had been due"); a reporting verb, left of the expression
/// only; a past form (listed, or a word in -ed), which is future after a
/// modal ("will be held").
fn cue_at(tokens: &[Token], k: usize, sentence_start: usize, on_left: bool) -> Option<Tense> {
    let lex = lexicon();
    let word = tokens[k].norm.as_ref();
    let cues = lex.cues(word);
    let just_before = |wanted: &dyn Fn(&Cue) -> bool| {
        (k.saturating_sub(3).max(sentence_start)..k)
            .any(|j| lex.cues(&tokens[j].norm).iter().any(wanted))
    };
    if cues.contains(&Cue::Future) {
        let planned_before = just_before(&|c| *c == Cue::PastAux);
        return Some(if planned_before {
            Tense::Past
        } else {
            Tense::Future
        });
    }
    if cues.contains(&Cue::Reporting) {
        return on_left.then_some(Tense::Past);
    }
    let past_form = cues.contains(&Cue::Past)
        || (tokens[k].is_word()
            && word.len() >= 4
            && word.ends_with("ed")
            && !cues.contains(&Cue::NotPast));
    if !past_form {
        return None;
    }
    let modal = just_before(&|c| matches!(c, Cue::Modal | Cue::Future));
    Some(if modal { Tense::Future } else { Tense::Past })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::View;
    use dossier_text::Doc;

    fn tense(sentence: &str, word: &str) -> Tense {
        let doc = Doc::new(sentence);
        let tokens = View::of(&doc).tokens;
        let k = tokens.iter().position(|t| t.norm == word).unwrap();
        tense_at(&tokens, 0..tokens.len(), k..k + 1)
    }

    #[test]
    fn nearest_cue_decides() {
        assert_eq!(tense("The talks ended on Friday.", "friday"), Tense::Past);
        assert_eq!(
            tense("The talks will resume on Friday.", "friday"),
            Tense::Future
        );
        assert_eq!(
            tense("Ministers said Friday they will meet.", "friday"),
            Tense::Past
        );
        assert_eq!(
            tense("The summit is to be held on Friday.", "friday"),
            Tense::Future
        );
        assert_eq!(tense("Friday is a holiday.", "friday"), Tense::Unknown);
    }

    #[test]
    fn a_cue_beyond_the_reach_is_not_read() {
        let far = "and the next one ".repeat(TENSE_REACH / 4 + 1);
        let near = "and the next one ".repeat(TENSE_REACH / 8);
        assert_eq!(
            tense(&format!("The talks ended {near}on Friday."), "friday"),
            Tense::Past
        );
        assert_eq!(
            tense(&format!("The talks ended {far}on Friday."), "friday"),
            Tense::Unknown
        );
    }
}
