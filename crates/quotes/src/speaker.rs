//! Speakers: noun phrases found without a parser, by where they stop.
//!
//! A speaker before its verb ("Mr. Lee said", "the ministry said", "Jane
//! Roe, a professor at Example University, said") reaches back to
//! punctuation, a conjunction or its article; a speaker after its verb
//! ("said Jane Roe, a professor …") runs on to punctuation or a
//! preposition. An apposition between commas belongs to the speaker's
//! description, not its name, so it is left out. When no speaker stands
//! next to the cue, the subject of the clause stands in: the name or noun
//! phrase a clause opens with.

use dossier_model::Span;

use super::attribution::verb_at;
use super::lexicon::{lexicon, Pronoun};
use super::words::{covering, is_comma_like, Token};

/// Longest speaker phrase, in words: longer runs are clauses, not names.
pub(super) const MAX_SPEAKER_WORDS: usize = 10;

/// The speaker that ends right before a verb: `tokens` run from the start
/// of the clause (or any earlier point) to the verb. When `bounded`, the
/// tokens start where the speaker may start (right after a closing
/// quotation mark), so a conjunction inside a description ("the senator
/// and presidential candidate") does not cut it.
pub(super) fn speaker_before(tokens: &[Token], bounded: bool) -> Option<Span> {
    let lex = lexicon();
    let mut end = tokens.len();
    // "Mr. Lee has also said", "Mr. Lee on Tuesday said".
    while end > 0 && {
        let t = &tokens[end - 1];
        lex.is_time(&t.lower)
            || t.is_lowercase_word() && (lex.is_skip(&t.lower) || lex.is_preposition(&t.lower))
    } {
        end -= 1;
    }
    // "Jane Roe, a professor at Example University, said": the apposition
    // describes the speaker; the name stands before it. A comma with no
    // apposition before it ends a clause: "Talks will resume, said Jane
    // Roe" has its speaker after the verb.
    if end > 0 && is_comma_like(&tokens[end - 1]) {
        end = tokens[..end - 1].iter().rposition(is_comma_like)?;
    }
    let mut start = phrase_start(&tokens[..end], bounded)?;
    // "a White House official who spoke on condition of anonymity said":
    // the relative clause describes the speaker, named before it ("to
    // which Mr. Lee replied" has the speaker after the relative word).
    while !bounded
        && start > 0
        && lex.is_relative(&tokens[start - 1].lower)
        && tokens[start..end]
            .first()
            .is_none_or(Token::is_lowercase_word)
    {
        end = start - 1;
        start = phrase_start(&tokens[..end], bounded)?;
    }
    while start < end && (lex.is_lead(&tokens[start].lower) || lex.is_stop(&tokens[start].lower)) {
        start += 1;
    }
    start += time_adjunct(&tokens[start..end]);
    valid_speaker(&tokens[start..end]).then(|| covering(&tokens[start..end]))
}

/// The length of a time adjunct opening a speaker phrase, "on 9 June" in
/// "on 9 June Bishkek agreed", when words follow it: a preposition, then
/// only numbers and words of time. 0 when there is none.
fn time_adjunct(phrase: &[Token]) -> usize {
    let lex = lexicon();
    let Some(first) = phrase.first() else {
        return 0;
    };
    if !first.is_lowercase_word() || !lex.is_preposition(&first.lower) {
        return 0;
    }
    let time = |t: &Token| {
        lex.is_time(&t.lower)
            || dossier_text::sentences::is_month_or_day(&t.lower)
            || t.lower.chars().all(|c| c.is_ascii_digit())
    };
    let n = 1 + phrase[1..].iter().take_while(|t| time(t)).count();
    if n > 1 && n < phrase.len() {
        n
    } else {
        0
    }
}

/// Where the noun phrase ending `tokens` starts: after punctuation or a
/// conjunction, or at its article ("In a statement the ministry"), unless
/// a preposition ties the article's phrase to more ("a spokesman for the
/// ministry"). `None` when no boundary comes within a speaker's length.
fn phrase_start(tokens: &[Token], bounded: bool) -> Option<usize> {
    let lex = lexicon();
    let end = tokens.len();
    let mut start = end;
    while start > 0 {
        let t = &tokens[start - 1];
        if t.punct().is_some() || !bounded && t.is_lowercase_word() && lex.is_stop(&t.lower) {
            break;
        }
        if end - start == MAX_SPEAKER_WORDS {
            return None;
        }
        start -= 1;
        let tied = start > 0 && lex.is_preposition(&tokens[start - 1].lower);
        if !bounded && lex.is_determiner(&t.lower) && !tied {
            break;
        }
    }
    Some(start)
}

/// The speaker written after its verb ("said Jane Roe, a professor …"):
/// `tokens` start right after the verb.
pub(super) fn speaker_after(tokens: &[Token]) -> Option<Span> {
    let lex = lexicon();
    if tokens.first().is_some_and(|t| lex.is_time(&t.lower)) {
        return None;
    }
    let mut end = tokens
        .iter()
        .take(MAX_SPEAKER_WORDS)
        .position(|t| {
            t.punct().is_some()
                || lex.is_time(&t.lower)
                || t.is_lowercase_word() && (lex.is_stop(&t.lower) || lex.is_preposition(&t.lower))
        })
        .unwrap_or(tokens.len().min(MAX_SPEAKER_WORDS));
    // "wrote the authors of the “…” report": the name is cut by a quotation.
    while end > 1 && tokens[end - 1].is_lowercase_word() && lex.is_stopword(&tokens[end - 1].lower)
    {
        end -= 1;
    }
    valid_speaker(&tokens[..end]).then(|| covering(&tokens[..end]))
}

/// A speaker phrase must end in a content word or be a pronoun ("he"), so
/// "the", "its" or a bare auxiliary never pass for one, and hold no
/// auxiliary.
pub(super) fn valid_speaker(tokens: &[Token]) -> bool {
    let lex = lexicon();
    let Some(last) = tokens.last() else {
        return false;
    };
    // "Jeb Bush has been considering": an auxiliary makes it a clause.
    let clause = tokens
        .iter()
        .any(|t| t.is_lowercase_word() && lex.is_auxiliary(&t.lower));
    last.is_word()
        && (lex.pronoun_of(&last.lower).is_some() || !lex.is_stopword(&last.lower))
        && !tokens.iter().all(|t| lex.is_time(&t.lower))
        && !clause
}

/// "…, with Mr. Lee reportedly yelling:": a name right before a
/// participle is its subject (a common noun there is more often its
/// object: "carrying signs saying").
pub(super) fn named_just_before(tokens: &[Token]) -> Option<Span> {
    if tokens.last()?.punct().is_some() {
        return None;
    }
    let speaker = speaker_before(tokens, false)?;
    let first = tokens.iter().find(|t| t.span.start == speaker.start)?;
    first.is_capitalised().then_some(speaker)
}

/// "He put it bluntly:": a personal pronoun opening the clause.
pub(super) fn leading_pronoun(clause: &[Token]) -> Option<Span> {
    let lex = lexicon();
    let first = clause.iter().find(|t| !lex.is_lead(&t.lower))?;
    matches!(
        lex.pronoun_of(&first.lower),
        Some(Pronoun::Person(_) | Pronoun::Body)
    )
    .then_some(first.span)
}

/// The capitalised words ending a clause, when something other than a
/// preposition comes before them ("a blunt message to Mr. Lee:" names the
/// listener).
pub(super) fn trailing_name(clause: &[Token]) -> Option<Span> {
    let len = clause
        .iter()
        .rev()
        .take_while(|t| t.is_word() && t.is_capitalised())
        .count();
    let before = clause.len().checked_sub(len + 1).map(|i| &clause[i])?;
    (len > 0 && !lexicon().is_preposition(&before.lower))
        .then(|| covering(&clause[clause.len() - len..]))
}

/// The subject of a cue that has none before it ("Mr. Lee declined to
/// comment, saying …", "Mr. Lee said he would and added, …"): the speaker
/// of the latest speech verb before it in `tokens` (the sentence up to the
/// cue; base forms such as "comment" are too often nouns to count), else
/// the name opening the latest comma-separated part that opens with one
/// ("On Tuesday, Mr. Lee declined to comment,").
pub(super) fn clause_subject(tokens: &[Token]) -> Option<Span> {
    let v = (1..tokens.len())
        .rev()
        .find(|&v| verb_at(tokens, v).is_some() && !lexicon().is_base_form(&tokens[v].lower));
    match v {
        // "… but said …, adding": that verb's subject, found the same way.
        Some(v) => speaker_before(&tokens[..v], false).or_else(|| clause_subject(&tokens[..v])),
        None => tokens.split(is_comma_like).rev().find_map(leading_subject),
    }
}

/// "Conceding that …", "Asked about …": a capitalised participle opening
/// a sentence, not a name.
fn is_verb_like(run: &[Token]) -> bool {
    let word = &run[0].lower;
    run.len() == 1 && word.len() > 4 && (word.ends_with("ing") || word.ends_with("ed"))
}

/// The name a clause opens with, after any lead word: "Mr. Lee declined
/// to comment, saying …", "The White House said".
pub(super) fn leading_name(tokens: &[Token]) -> Option<Span> {
    let lex = lexicon();
    let rest = after_leads(tokens)?;
    let article = usize::from(rest[0].lower == "the");
    let run = &rest[article..];
    let len = run
        .iter()
        .take_while(|t| t.is_word() && t.is_capitalised())
        .count();
    // "Here's Mr. Lee in 1992:": a capitalised function word opening the
    // run is not part of the name (a preposition opens no subject: "In
    // Seoul, …").
    let skip = if article == 0 {
        run[..len]
            .iter()
            .take_while(|t| lex.is_stopword(&t.lower) && !lex.is_preposition(&t.lower))
            .count()
    } else {
        0
    };
    let name = &run[skip..len];
    if name.is_empty() || article == 0 && (lex.is_stopword(&name[0].lower) || is_verb_like(name)) {
        return None;
    }
    Some(covering(if skip > 0 {
        name
    } else {
        &rest[..article + len]
    }))
}

/// The noun phrase a clause opens with when it is not a name: an article
/// or possessive and the words after it up to the first word that looks
/// like a verb ("The spokesman refused …", "Her campaign quickly sent …").
pub(super) fn leading_phrase(tokens: &[Token]) -> Option<Span> {
    let rest = after_leads(tokens)?;
    if !lexicon().is_determiner(&rest[0].lower) {
        return None;
    }
    let len = (1..rest.len())
        .take(MAX_PHRASE_WORDS)
        .take_while(|&i| rest[i].is_word() && !looks_like_verb(&rest[i], rest.get(i + 1)))
        .count();
    (len > 0).then(|| covering(&rest[..=len]))
}

/// A clause's subject: its leading name, else its leading noun phrase.
pub(super) fn leading_subject(tokens: &[Token]) -> Option<Span> {
    leading_name(tokens).or_else(|| leading_phrase(tokens))
}

/// `tokens` from the first that is neither punctuation nor a lead word.
fn after_leads<'a, 't>(tokens: &'a [Token<'t>]) -> Option<&'a [Token<'t>]> {
    let lex = lexicon();
    let start = tokens
        .iter()
        .position(|t| !(t.punct().is_some() || lex.is_lead(&t.lower)))?;
    Some(&tokens[start..])
}

/// Most words after the article of a leading noun phrase.
const MAX_PHRASE_WORDS: usize = 4;

/// A word that ends a leading noun phrase: an auxiliary, an adverb, a
/// conjunction, a speech verb, a past form ("refused", "issued"), or a
/// word with an object after it ("put it", "took the stage").
fn looks_like_verb(t: &Token, next: Option<&Token>) -> bool {
    let lex = lexicon();
    let w = t.lower.as_ref();
    let object_follows =
        next.is_some_and(|n| lex.pronoun_of(&n.lower).is_some() || lex.is_determiner(&n.lower));
    t.is_lowercase_word()
        && (lex.is_skip(w)
            || lex.is_stop(w)
            || lex.verb(&[w]).is_some()
            || w.len() > 4 && w.ends_with("ed")
            || object_follows)
}
