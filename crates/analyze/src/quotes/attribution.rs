//! The attribution patterns: a speaker and a speech verb or attribution
//! phrase, found in the words around what was said.
//!
//! Speakers are noun phrases found without a parser, by where they stop: a
//! speaker before its verb ("Mr. Lee said", "the ministry said", "Jane Roe,
//! a professor at Example University, said") reaches back to punctuation or
//! a conjunction; a speaker after its verb ("said Jane Roe, a professor …")
//! runs on to punctuation or a preposition. An apposition between commas
//! belongs to the speaker's description, not its name, so it is left out.

use dossier_model::Span;

use super::lexicon::{lexicon, Pronoun, VerbKind};
use super::words::{lowers, Token};

/// A speaker (when the pattern names one) and the cue that ties the speaker
/// to what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Attribution {
    pub speaker: Option<Span>,
    pub cue: Span,
}

/// Longest speaker phrase, in words: longer runs are clauses, not names.
const MAX_SPEAKER_WORDS: usize = 10;
/// Most words between a speech verb and a colon that opens the quotation
/// ("told reporters at the White House on Tuesday:").
const MAX_ADJUNCT_WORDS: usize = 12;
/// Most words between a closing quotation mark and the speech verb after
/// it: the speaker with an apposition ("Jane Roe, a professor at …, said").
const MAX_TAIL_WORDS: usize = 24;
/// Most words between a closing quotation mark and the speaker's name
/// ("…,” the bespectacled, 71-year-old diplomat said).
pub(super) const MAX_LEAD_WORDS: usize = 4;

fn covering(tokens: &[Token]) -> Span {
    Span::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end)
}

/// A comma, a parenthesis or a dash (a hyphen standing alone is a dash).
fn is_comma_like(t: &Token) -> bool {
    matches!(
        t.punct(),
        Some(',' | '\u{2014}' | '\u{2013}' | '(' | ')' | '-')
    )
}

/// Punctuation a speaker, a cue or its adjuncts never reach across.
fn is_clause_end(t: &Token) -> bool {
    t.punct().is_some() && !is_comma_like(t)
}

/// The speech verb starting at `tokens[i]`: its kind and its length in
/// tokens. Capitalised words are names ("Mark", "Post"), not verbs; an
/// infinitive ("declined to comment", "to announce") is no cue by itself,
/// nor is a passive ("was asked") or an adjective after an article ("a
/// written statement").
pub(super) fn verb_at(tokens: &[Token], i: usize) -> Option<(VerbKind, usize)> {
    let lex = lexicon();
    let word = tokens.get(i)?;
    let before = i.checked_sub(1).map(|b| tokens[b].lower.as_str());
    let infinitive = before == Some("to");
    // "Mr. Lee was asked", "it has been said": the subject did not speak;
    // "a written statement", "the said report": an adjective.
    let passive = before.is_some_and(|b| lex.is_be(b)) && !word.lower.ends_with("ing");
    let attributive = before.is_some_and(|b| lex.is_determiner(b));
    if !word.is_lowercase_word() || infinitive || passive || attributive {
        return None;
    }
    lex.verb(&lowers(&tokens[i..]))
}

/// A present participle ("saying", "adding"): its speaker is the subject of
/// the clause it hangs on, not a phrase before it.
pub(super) fn is_participle(tokens: &[Token], i: usize) -> bool {
    tokens[i].lower.ends_with("ing")
}

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
    // describes the speaker; the name stands before it.
    // A comma with no apposition before it ends a clause: "Talks will
    // resume, said Jane Roe" has its speaker after the verb.
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
    valid_speaker(&tokens[start..end]).then(|| covering(&tokens[start..end]))
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
fn valid_speaker(tokens: &[Token]) -> bool {
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

/// An attribution phrase ("according to X", "as X put it") starting at
/// `tokens[i]`: the attribution and the index after the phrase.
pub(super) fn phrase_at(tokens: &[Token], i: usize) -> Option<(Attribution, usize)> {
    let words = lowers(tokens);
    lexicon().phrases.iter().find_map(|phrase| {
        let n = phrase.before.len();
        if words.len() < i + n || words[i..i + n] != phrase.before[..] {
            return None;
        }
        let rest = &tokens[i + n..];
        if phrase.after.is_empty() {
            let speaker = speaker_after(rest)?;
            let end = i
                + n
                + rest
                    .iter()
                    .take_while(|t| t.span.end <= speaker.end)
                    .count();
            let cue = covering(&tokens[i..i + n]);
            return Some((
                Attribution {
                    speaker: Some(speaker),
                    cue,
                },
                end,
            ));
        }
        // The speaker stands between the two parts: "as Mr. Lee put it".
        let m = phrase.after.len();
        let k = (1..=MAX_SPEAKER_WORDS.min(rest.len().saturating_sub(m)))
            .find(|&k| words[i + n + k..i + n + k + m] == phrase.after[..])?;
        valid_speaker(&rest[..k]).then(|| {
            let cue = covering(&rest[k..k + m]);
            let speaker = Some(covering(&rest[..k]));
            (Attribution { speaker, cue }, i + n + k + m)
        })
    })
}

/// The attribution right after a closing quotation mark: "…,” said Mr. Lee",
/// "…,” Mr. Lee said", "…,” he added", "…,” according to the ministry".
/// `tokens` run from the closing mark to the end of its sentence; at most
/// `lead_words` may stand before the speaker.
pub(super) fn tail_attribution(tokens: &[Token], lead_words: usize) -> Option<Attribution> {
    if let Some(signature) = dash_signature(tokens) {
        return Some(signature);
    }
    let skip = tokens.iter().take_while(|t| is_comma_like(t)).count();
    let tokens = &tokens[skip..];
    if let Some((_, n)) = verb_at(tokens, 0) {
        let speaker = speaker_after(&tokens[n..])?;
        let cue = covering(&tokens[..n]);
        return Some(Attribution {
            speaker: Some(speaker),
            cue,
        });
    }
    if let Some((attribution, _)) = phrase_at(tokens, 0) {
        return Some(attribution);
    }
    let limit = tokens.len().min(MAX_TAIL_WORDS);
    let v = (1..limit)
        .take_while(|&v| !is_clause_end(&tokens[v - 1]))
        .find(|&v| verb_at(tokens, v).is_some())?;
    let (_, n) = verb_at(tokens, v)?;
    let speaker = speaker_before(&tokens[..v], true)?;
    // The speaker opens the tail, bar a few describing words; a clause
    // before it would make this no attribution of the quotation.
    let before = tokens
        .iter()
        .take_while(|t| t.span.start < speaker.start)
        .count();
    (before <= lead_words).then(|| Attribution {
        speaker: Some(speaker),
        cue: covering(&tokens[v..v + n]),
    })
}

/// "“…” — Jane Roe" or "“…” —Jane Roe, in a tweet": a dash and a name
/// standing alone after the quotation, as under an epigraph. The dash is
/// the cue.
pub(super) fn dash_signature(tokens: &[Token]) -> Option<Attribution> {
    let (dash, rest) = tokens.split_first()?;
    if !matches!(dash.punct(), Some('-' | '\u{2014}' | '\u{2013}')) {
        return None;
    }
    let name = leading_name(rest)?;
    let after = rest.iter().find(|t| t.span.start >= name.end);
    let alone = after.is_none_or(|t| matches!(t.punct(), Some(',' | '(' | '.' | ';')));
    (rest[0].span.start == name.start && alone).then_some(Attribution {
        speaker: Some(name),
        cue: dash.span,
    })
}

/// Words that open reported content after a listener ("told him that …",
/// "asked whether …", "urged them to …").
pub(super) const CONTENT_OPENERS: [&str; 4] = ["that", "whether", "if", "to"];

/// Whether the words after an attribution leave it bare, with no content
/// of its own: nothing, an apposition ("…, a professor at …"), or
/// adjuncts ("in a statement", "reporters on Tuesday") — not "that …" nor
/// a clause ("he would go").
pub(super) fn ends_attribution(rest: &[Token]) -> bool {
    let lex = lexicon();
    let Some(first) = rest.first() else {
        return true;
    };
    rest.iter().all(|t| t.punct().is_some())
        || first.punct() == Some(',')
        || first.is_lowercase_word()
            && !CONTENT_OPENERS.contains(&first.lower.as_str())
            && lex.pronoun_of(&first.lower).is_none()
            && !rest.iter().any(|t| t.lower == "that")
}

/// How the words before an opening quotation mark end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeadEnd {
    /// With a colon: "Mr. Lee said:".
    Colon,
    /// With a comma or dash: "Mr. Lee said,".
    Comma,
    /// With the verb phrase itself: "Mr. Lee said “…”".
    Bare,
}

/// The attribution that introduces a quotation: "Mr. Lee said: “…”",
/// "He told reporters on Tuesday, “…”", "According to Mr. Lee, “…”",
/// "Said Mr. Lee: “…”". `tokens` run from the start of the clause to the
/// opening mark. A cue whose subject stands further back ("…, saying: “…”",
/// "… and added, “…”") comes back without a speaker: see
/// [`clause_subject`].
pub(super) fn head_attribution(tokens: &[Token]) -> Option<(Attribution, HeadEnd)> {
    let (body, end) = match tokens.last()?.punct() {
        Some(':') => (&tokens[..tokens.len() - 1], HeadEnd::Colon),
        Some(',' | '\u{2014}' | '\u{2013}' | '-') => (&tokens[..tokens.len() - 1], HeadEnd::Comma),
        Some(_) => return None,
        None => (tokens, HeadEnd::Bare),
    };
    let attribution = head_phrase(body)
        .or_else(|| head_verb(body, end))
        .or_else(|| inverted_head(body))
        .or_else(|| {
            (end == HeadEnd::Colon)
                .then(|| colon_head(tokens))
                .flatten()
        })?;
    Some((attribution, end))
}

/// "Mr. Lee said in a statement", ending the head: the verb may be
/// followed by a listener or adjuncts, more of them before a colon.
fn head_verb(body: &[Token], end: HeadEnd) -> Option<Attribution> {
    let max_after = match end {
        HeadEnd::Colon | HeadEnd::Comma => MAX_ADJUNCT_WORDS,
        HeadEnd::Bare => 2,
    };
    (0..body.len())
        .rev()
        .take(max_after + 1)
        .take_while(|&v| !is_clause_end(&body[v]))
        .find_map(|v| verb_attribution(body, v, end))
}

/// The attribution of the speech verb at `body[v]` introducing what
/// follows the head.
fn verb_attribution(body: &[Token], v: usize, end: HeadEnd) -> Option<Attribution> {
    let (kind, n) = verb_at(body, v)?;
    let after = &body[v + n..];
    if after.last().is_some_and(|t| t.lower == "that")
        || kind == VerbKind::Object && end == HeadEnd::Bare
    {
        return None;
    }
    // "…, saying:" and "… and added:" have their subject further back.
    let coordinated =
        v > 0 && (is_comma_like(&body[v - 1]) || lexicon().is_stop(&body[v - 1].lower));
    let speaker = if is_participle(body, v) {
        named_just_before(&body[..v])
    } else {
        speaker_before(&body[..v], false)
    };
    if speaker.is_none() && !(is_participle(body, v) || coordinated) {
        return None;
    }
    Some(Attribution {
        speaker,
        cue: covering(&body[v..v + n]),
    })
}

/// "…, with Mr. Lee reportedly yelling:": a name right before a
/// participle is its subject (a common noun there is more often its
/// object: "carrying signs saying").
fn named_just_before(tokens: &[Token]) -> Option<Span> {
    if tokens.last()?.punct().is_some() {
        return None;
    }
    let speaker = speaker_before(tokens, false)?;
    let first = tokens.iter().find(|t| t.span.start == speaker.start)?;
    first.is_capitalised().then_some(speaker)
}

/// "Said Mr. Lee, “…”": the verb first, capitalised, the speaker after it.
fn inverted_head(body: &[Token]) -> Option<Attribution> {
    let first = body.first()?;
    // "Asked about …, she said", "Emphasizing …, he said": participial
    // openings, not inverted verbs.
    if !first.is_capitalised() || first.lower.ends_with("ing") {
        return None;
    }
    let (kind, n) = lexicon().verb(&lowers(body))?;
    if kind != VerbKind::Speech {
        return None;
    }
    let speaker = speaker_after(&body[n..])?;
    Some(Attribution {
        speaker: Some(speaker),
        cue: covering(&body[..n]),
    })
}

/// "In a Fox interview, Mr. Lee went further: “…”": no speech verb, but a
/// clause ending with a colon whose parts (between commas, dashes and
/// brackets, the last first) name someone: opening with a name or a
/// pronoun, ending with a name ("… doesn't surprise pollster Jane Roe:"),
/// or opening with a noun phrase ("The campaign, in a statement, put it
/// carefully:"). The colon is the cue.
fn colon_head(tokens: &[Token]) -> Option<Attribution> {
    let (colon, body) = tokens.split_last()?;
    let speaker = body.split(is_comma_like).rev().find_map(|part| {
        leading_name(part)
            .or_else(|| leading_pronoun(part))
            .or_else(|| trailing_name(part))
            .or_else(|| leading_phrase(part))
    })?;
    Some(Attribution {
        speaker: Some(speaker),
        cue: colon.span,
    })
}

/// "He put it bluntly:": a personal pronoun opening the clause.
fn leading_pronoun(clause: &[Token]) -> Option<Span> {
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
fn trailing_name(clause: &[Token]) -> Option<Span> {
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

/// An attribution phrase that ends the head: "According to Mr. Lee,".
fn head_phrase(body: &[Token]) -> Option<Attribution> {
    (0..body.len()).find_map(|i| {
        phrase_at(body, i)
            .filter(|&(_, end)| end == body.len())
            .map(|(attribution, _)| attribution)
    })
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
fn leading_phrase(tokens: &[Token]) -> Option<Span> {
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
    let w = t.lower.as_str();
    let object_follows =
        next.is_some_and(|n| lex.pronoun_of(&n.lower).is_some() || lex.is_determiner(&n.lower));
    t.is_lowercase_word()
        && (lex.is_skip(w)
            || lex.is_stop(w)
            || lex.verb(&[w]).is_some()
            || w.len() > 4 && w.ends_with("ed")
            || object_follows)
}
