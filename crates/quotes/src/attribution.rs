//! The attribution patterns: a speech verb or attribution phrase and its
//! speaker (`speaker.rs`), found in the words around what was said — after
//! a closing quotation mark ("…,” said Mr. Lee"), before an opening one
//! ("Mr. Lee said: “…”"), or around reported speech.

use dossier_model::Span;

use super::lexicon::{lexicon, VerbKind};
use super::speaker::{
    leading_name, leading_phrase, leading_pronoun, named_just_before, speaker_after,
    speaker_before, trailing_name, valid_speaker, MAX_SPEAKER_WORDS,
};
use super::words::{covering, is_comma_like, Token};

/// A speaker (when the pattern names one) and the cue that ties the speaker
/// to what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Attribution {
    pub speaker: Option<Span>,
    pub cue: Span,
}

/// Most words between a speech verb and a colon that opens the quotation
/// ("told reporters at the White House on Tuesday:").
const MAX_ADJUNCT_WORDS: usize = 12;
/// Most words between a closing quotation mark and the speech verb after
/// it: the speaker with an apposition ("Jane Roe, a professor at …, said").
const MAX_TAIL_WORDS: usize = 24;
/// Most words between a closing quotation mark and the speaker's name
/// ("…,” the bespectacled, 71-year-old diplomat said).
pub(super) const MAX_LEAD_WORDS: usize = 4;

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
    let before = i.checked_sub(1).map(|b| tokens[b].lower.as_ref());
    let infinitive = before == Some("to");
    if !word.is_lowercase_word() || infinitive {
        return None;
    }
    // The verb first: most words are none, and the checks on the word
    // before cost two more look-ups.
    let verb = lex.verb(&tokens[i..])?;
    // "Mr. Lee was asked", "it has been said": the subject did not speak;
    // "a written statement", "the said report": an adjective.
    let passive = before.is_some_and(|b| lex.is_be(b)) && !word.lower.ends_with("ing");
    let attributive = before.is_some_and(|b| lex.is_determiner(b));
    (!passive && !attributive).then_some(verb)
}

/// A present participle ("saying", "adding"): its speaker is the subject of
/// the clause it hangs on, not a phrase before it.
pub(super) fn is_participle(tokens: &[Token], i: usize) -> bool {
    tokens[i].lower.ends_with("ing")
}

/// An attribution phrase ("according to X", "as X put it") starting at
/// `tokens[i]`: the attribution and the index after the phrase.
pub(super) fn phrase_at(tokens: &[Token], i: usize) -> Option<(Attribution, usize)> {
    let lex = lexicon();
    if !tokens.get(i).is_some_and(|t| lex.starts_phrase(&t.lower)) {
        return None;
    }
    let same = |at: &[Token], words: &[String]| {
        at.len() == words.len() && at.iter().zip(words).all(|(t, w)| t.lower == w.as_str())
    };
    lex.phrases.iter().find_map(|phrase| {
        let n = phrase.before.len();
        if tokens.len() < i + n || !same(&tokens[i..i + n], &phrase.before) {
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
            .find(|&k| same(&rest[k..k + m], &phrase.after))?;
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
            && !CONTENT_OPENERS.contains(&first.lower.as_ref())
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

/// "Said Mr. Lee, “…”": the verb first, capitalised, the speaker after it.
fn inverted_head(body: &[Token]) -> Option<Attribution> {
    let first = body.first()?;
    // "Asked about …, she said", "Emphasizing …, he said": participial
    // openings, not inverted verbs.
    if !first.is_capitalised() || first.lower.ends_with("ing") {
        return None;
    }
    let (kind, n) = lexicon().verb(body)?;
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

/// An attribution phrase that ends the head: "According to Mr. Lee,".
fn head_phrase(body: &[Token]) -> Option<Attribution> {
    (0..body.len()).find_map(|i| {
        phrase_at(body, i)
            .filter(|&(_, end)| end == body.len())
            .map(|(attribution, _)| attribution)
    })
}
