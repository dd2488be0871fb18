//! Direct quotations: quoted stretches that stand as what someone said, and
//! the attribution around them.
//!
//! A stretch is a quotation when it opens freely (at a sentence start, after
//! a colon, comma or dash, or right after a speech verb) and closes freely
//! (at the sentence end, or before its attribution: "…,” he said"). A quoted
//! phrase inside running prose ("called the deal “a windfall” for Kim") is
//! not; the reported-speech pass decides whether it belongs to a partial
//! quotation.
//!
//! The attribution is the one written next to a stretch (after it, else
//! before it), else one introducing it from the sentence before ("Mr. Lee
//! put it this way:"), else a signature under it ("— Jane Roe"). A
//! quotation left without one after all that takes the speaker of reported
//! speech in the sentence just before ([`adopt_attributions`]).
//!
//! Stretches that make up one utterance share its speaker and cue: a
//! quotation split around its verb (“…,” he said, “…”), the sentences quoted
//! after an attributed one in the same paragraph, and a quotation going on
//! into the next paragraph (left open at the paragraph's end, reopened at
//! the next one's start). Each stretch stays its own [`Quote`], so that no
//! record's span holds a quotation mark or the attribution between pieces;
//! the shared `cue` span tells which records are one utterance.

use dossier_model::{Directness, Quote, Span};

use super::attribution::{
    dash_signature, ends_attribution, head_attribution, tail_attribution, Attribution, HeadEnd,
    MAX_LEAD_WORDS,
};
use super::lexicon::lexicon;
use super::marks::Stretch;
use super::speaker::clause_subject;
use super::words::Token;
use super::Context;

/// Fewest words an unattributed quotation needs to be reported: shorter
/// quoted phrases standing alone are titles, slogans or scare quotes.
const MIN_UNATTRIBUTED_WORDS: usize = 4;

/// What the words around one stretch say about it.
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// The attribution written next to the stretch, if any.
    own: Option<Attribution>,
    /// Opens and closes freely: a quotation, not a quoted phrase in prose.
    standalone: bool,
}

/// The direct quotations of the document, and for each stretch whether it
/// became one.
pub(super) fn direct_quotes(ctx: &Context, stretches: &[Stretch]) -> (Vec<Quote>, Vec<bool>) {
    let readings: Vec<Reading> = (0..stretches.len())
        .map(|k| read(ctx, stretches, k))
        .collect();
    let mut quotes = Vec::new();
    let mut used = vec![false; stretches.len()];
    for utterance in utterances(ctx, stretches, &readings) {
        let attribution = utterance
            .iter()
            .find_map(|&k| readings[k].own)
            .or_else(|| introduced(ctx, &stretches[utterance[0]]))
            .or_else(|| signed(ctx, &stretches[utterance[utterance.len() - 1]]));
        if attribution.is_none() && words(ctx, stretches, &utterance) < MIN_UNATTRIBUTED_WORDS {
            continue;
        }
        for &k in &utterance {
            used[k] = true;
            quotes.push(quote(ctx, stretches[k].content, attribution));
        }
    }
    (quotes, used)
}

/// A direct [`Quote`] of `content` with the speaker and cue of `attribution`.
fn quote(ctx: &Context, content: Span, attribution: Option<Attribution>) -> Quote {
    let speaker_span = attribution.and_then(|a| a.speaker);
    Quote {
        span: content,
        speaker: speaker_span.map(|s| s.of(ctx.text).to_owned()),
        speaker_span,
        cue: attribution.map(|a| a.cue),
        speaker_actor: None,
        affiliation: None,
        direct: Directness::Direct,
    }
}

fn words(ctx: &Context, stretches: &[Stretch], utterance: &[usize]) -> usize {
    utterance
        .iter()
        .map(|&k| stretches[k].content.of(ctx.text).split_whitespace().count())
        .sum()
}

/// The tokens before the opening mark of stretch `k`, back to its
/// sentence's start or the previous stretch, whichever is nearer.
fn head<'c, 'd>(ctx: &'c Context<'d>, stretches: &[Stretch], k: usize) -> &'c [Token<'d>] {
    let s = &stretches[k];
    let sentence_start = ctx
        .sentence_at(s.open.start)
        .map_or(s.open.start, |i| ctx.sentences[i].start);
    let start = match k.checked_sub(1).map(|p| &stretches[p]) {
        Some(prev) if prev.paragraph == s.paragraph => sentence_start.max(prev.end()),
        _ => sentence_start,
    };
    ctx.words_in(ctx.last_bytes(Span::new(start, s.open.start)))
}

/// The tokens after the closing mark of stretch `k`, up to its sentence's
/// end or the next stretch, whichever is nearer. Empty when unclosed.
fn tail<'c, 'd>(ctx: &'c Context<'d>, stretches: &[Stretch], k: usize) -> &'c [Token<'d>] {
    let s = &stretches[k];
    let Some(close) = s.close else {
        return &[];
    };
    let sentence_end = ctx
        .sentence_at(close.start)
        .map_or(close.end, |i| ctx.sentences[i].end);
    let end = match stretches.get(k + 1) {
        Some(next) if next.paragraph == s.paragraph => sentence_end.min(next.open.start),
        _ => sentence_end,
    };
    ctx.words_in(ctx.first_bytes(Span::new(close.end, end.max(close.end))))
}

fn read(ctx: &Context, stretches: &[Stretch], k: usize) -> Reading {
    let s = &stretches[k];
    let head = head(ctx, stretches, k);
    let tail = tail(ctx, stretches, k);
    let content = s.content.of(ctx.text);
    // "…,” he said" / "…”, he said": punctuation must end the quoted words,
    // or the words after the mark still belong to the sentence.
    let pause = content.ends_with([',', '.', '?', '!', '…', '\u{2014}', '\u{2013}', '-'])
        || tail
            .first()
            .and_then(Token::punct)
            .is_some_and(|c| matches!(c, ',' | '\u{2014}' | '\u{2013}'));
    let from_head = head_attribution(head)
        .filter(|(_, end)| *end != HeadEnd::Bare || content.starts_with(char::is_uppercase));
    let from_tail = match (pause, tail.is_empty()) {
        (true, true) if from_head.is_none() => next_sentence_tail(ctx, s),
        (true, false) => tail_attribution(tail, MAX_LEAD_WORDS),
        // "“…” said Mr. Lee": without a pause only a speaker and verb at once.
        (false, false) => tail_attribution(tail, 0),
        _ => None,
    };
    // A head ending in an abbreviation's full stop ("… in Santa Monica,
    // Calif. “…”") ended its sentence: the splitter kept it whole.
    let opens_freely = head.is_empty()
        || from_head.is_some()
        || head.last().is_some_and(|t| {
            t.text.ends_with('.')
                || matches!(
                    t.punct(),
                    Some(':' | ',' | '\u{2014}' | '\u{2013}' | '-' | '(')
                )
        });
    // After an introduced quotation the sentence may go on past a comma:
    // "He vowed, “…,” referring to the Islamic State."
    let closes_freely = from_tail.is_some()
        || tail.iter().all(|t| t.punct().is_some())
        || from_head.is_some() && tail.first().and_then(Token::punct) == Some(',');
    let own = from_tail.or_else(|| from_head.map(|(a, _)| with_subject(ctx, head, a)));
    Reading {
        own,
        standalone: opens_freely && closes_freely,
    }
}

/// "“…?” Mr. Lee asked." split by the sentence splitter after the question
/// mark: the attribution opening the next sentence of the paragraph, with
/// the speaker first ("Reluctantly, Mr. Lee said …" is a new statement)
/// and no content of its own ("Mr. Lee said he would go." is one).
fn next_sentence_tail(ctx: &Context, s: &Stretch) -> Option<Attribution> {
    let close = s.close?;
    let next = ctx.sentences[ctx.sentence_at(close.start)? + 1..].first()?;
    let paragraph = ctx.paragraphs[s.paragraph];
    if next.end > paragraph.end || !ctx.text[close.end..next.start].trim().is_empty() {
        return None;
    }
    let tokens = ctx.words_in(ctx.first_bytes(*next));
    let attribution = tail_attribution(tokens, 0)?;
    let end = attribution
        .speaker
        .map_or(attribution.cue.end, |s| s.end.max(attribution.cue.end));
    let rest = &tokens[tokens.partition_point(|t| t.span.start < end)..];
    ends_attribution(rest).then_some(attribution)
}

/// A cue without a subject of its own ("…, saying: “…”") takes its
/// clause's subject, found in the sentence before it.
fn with_subject(ctx: &Context, head: &[Token], attribution: Attribution) -> Attribution {
    if attribution.speaker.is_some() {
        return attribution;
    }
    let Some(first) = head.first() else {
        return attribution;
    };
    let sentence = ctx
        .sentence_at(first.span.start)
        .map_or(first.span, |i| ctx.sentences[i]);
    let start = sentence.start.min(first.span.start);
    let before = ctx.words_in(ctx.last_bytes(Span::new(start, attribution.cue.start)));
    Attribution {
        speaker: clause_subject(before),
        ..attribution
    }
}

/// Groups standalone stretches into utterances (see the module docs).
/// Quoted phrases in between (a show's title after "said on") do not
/// break an utterance.
fn utterances(ctx: &Context, stretches: &[Stretch], readings: &[Reading]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for k in (0..stretches.len()).filter(|&k| readings[k].standalone) {
        let joins = out
            .last()
            .is_some_and(|u| continues(ctx, stretches, readings, u, k));
        match out.last_mut() {
            Some(utterance) if joins => utterance.push(k),
            _ => out.push(vec![k]),
        }
    }
    out
}

/// Whether stretch `k` goes on with `utterance`, the stretches before it.
fn continues(
    ctx: &Context,
    stretches: &[Stretch],
    readings: &[Reading],
    utterance: &[usize],
    k: usize,
) -> bool {
    let p = utterance[utterance.len() - 1];
    let (prev, next) = (&stretches[p], &stretches[k]);
    let (own_prev, own_next) = (readings[p].own, readings[k].own);
    let attributed = utterance.iter().any(|&u| readings[u].own.is_some());
    if next.paragraph == prev.paragraph {
        // The same attribution between two pieces, none of its own, or an
        // unattributed piece right before an attributed one ("“…” “…,” he said").
        let adjacent = ctx.text[prev.end()..next.open.start].trim().is_empty();
        return own_next.is_none() || own_next == own_prev || !attributed && adjacent;
    }
    // A quotation left open at the paragraph's end (its attribution may
    // come later), or a paragraph of quotation after one ending with a
    // quotation of an attributed utterance; a new attribution starts a new
    // utterance.
    let opens_paragraph = ctx.paragraphs[next.paragraph].start == next.open.start;
    let carries_on = prev.close.is_none() || own_prev.is_some() && ends_paragraph(ctx, prev);
    next.paragraph == prev.paragraph + 1
        && opens_paragraph
        && carries_on
        && (own_next.is_none() || !attributed)
}

/// Whether the sentence holding the stretch's closing mark ends its paragraph.
fn ends_paragraph(ctx: &Context, s: &Stretch) -> bool {
    let paragraph = ctx.paragraphs[s.paragraph];
    let last = ctx.sentence_at(paragraph.end.saturating_sub(1));
    s.close.is_some_and(|c| ctx.sentence_at(c.start) == last)
}

/// A quotation opening a sentence after one that introduces it: ending
/// with a colon ("Mr. Lee put it this way:") or made of nothing but an
/// attribution ("Ms. Roe agreed."), often in the paragraph before.
fn introduced(ctx: &Context, stretch: &Stretch) -> Option<Attribution> {
    let i = ctx.sentence_at(stretch.open.start)?;
    let previous = ctx.sentences[..i].last()?;
    if !ctx.text[previous.end..stretch.open.start].trim().is_empty() {
        return None;
    }
    let mut tokens = ctx.words_in(ctx.last_bytes(*previous));
    let full_stop = tokens.last().and_then(Token::punct) == Some('.');
    if full_stop {
        tokens = &tokens[..tokens.len() - 1];
    } else if tokens.last().and_then(Token::punct) != Some(':') {
        return None;
    }
    // "… give up their claims to an independent state.": a base form
    // ending a sentence after a word that is no subject is a noun.
    let lex = lexicon();
    if let [.., before, last] = tokens {
        if full_stop
            && lex.is_base_form(&last.lower)
            && before.is_lowercase_word()
            && lex.pronoun_of(&before.lower).is_none()
        {
            return None;
        }
    }
    head_attribution(tokens).map(|(a, _)| with_subject(ctx, tokens, a))
}

/// A quotation closing its paragraph, signed in the next one: "- Jane
/// Roe." or "—Mr. Lee, in a speech on Tuesday." The dash is the cue.
fn signed(ctx: &Context, stretch: &Stretch) -> Option<Attribution> {
    let paragraph = ctx.paragraphs[stretch.paragraph];
    let rest = ctx.words_in(ctx.first_bytes(Span::new(stretch.end(), paragraph.end)));
    let next = ctx.paragraphs.get(stretch.paragraph + 1)?;
    let signature = dash_signature(ctx.words_in(ctx.first_bytes(*next)))?;
    rest.iter()
        .all(|t| t.punct().is_some())
        .then_some(signature)
}

/// Gives an unattributed direct quotation the attribution of the
/// reported speech in the sentence right before it: "Mr. Lee said the deal
/// was “a windfall.” “It changes everything.”" — the quoted sentence goes
/// on with what Mr. Lee said. In the same paragraph the two are one
/// utterance (the quotation takes the cue too); a quotation opening the
/// next paragraph is a statement of its own by the same speaker.
pub(super) fn adopt_attributions(ctx: &Context, quotes: &mut [Quote]) {
    for k in 0..quotes.len() {
        let q = &quotes[k];
        if q.direct != Directness::Direct || q.cue.is_some() {
            continue;
        }
        let Some(i) = ctx.sentence_at(q.span.start).filter(|&i| i > 0) else {
            continue;
        };
        let previous = ctx.sentences[i - 1];
        let between = &ctx.text[previous.end..ctx.sentences[i].start];
        if !between.trim().is_empty() {
            continue;
        }
        // Reported speech in the previous sentence has its content there too.
        let reported = quotes[..k]
            .iter()
            .rev()
            .take_while(|r| r.span.start >= previous.start)
            .find(|r| {
                r.direct != Directness::Direct
                    && r.cue
                        .is_some_and(|c| previous.start <= c.start && c.end <= previous.end)
            });
        if let Some(r) = reported {
            // Paragraphs are separated by line breaks.
            let cue = if between.contains('\n') { None } else { r.cue };
            let (speaker, speaker_span) = (r.speaker.clone(), r.speaker_span);
            let q = &mut quotes[k];
            (q.speaker, q.speaker_span, q.cue) = (speaker, speaker_span, cue);
        }
    }
}
