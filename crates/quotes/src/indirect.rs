//! Reported speech: what someone said, without quotation marks or with a
//! quoted phrase inside (partial).
//!
//! Patterns, one sentence at a time, left to right; a cue inside content
//! already found is part of that content (only the outermost attribution
//! counts, as annotators of attribution corpora do):
//!
//! - "Mr. Lee said (that) …", "officials told reporters that …": the content
//!   runs from "that" or the verb to the sentence's end;
//! - "…, Mr. Lee said." / "…, said Jane Roe, a professor at …": the content
//!   is the sentence before the comma;
//! - "According to the ministry, …" / "…, according to the ministry.";
//! - "…, saying (that) …": the speaker is the subject of the clause the
//!   participle hangs on.

use dossier_lexicon::FunctionWords;
use dossier_model::{Directness, Quote, Span};

use super::attribution::{
    ends_attribution, is_participle, phrase_at, verb_at, Attribution, CONTENT_OPENERS,
};
use super::lexicon::VerbKind;
use super::marks::Stretch;
use super::speaker::{clause_subject, speaker_after, speaker_before};
use super::words::{covering, Token};
use super::Context;

/// Fewest words reported content needs ("said so" is not a statement;
/// "said prices rose" is).
const MIN_CONTENT_WORDS: usize = 2;
/// Fewest words of the clause before an attribution's comma ("…, Mr. Lee
/// said"): two are an adjunct ("In Miami, Mr. Lee said, …") far more
/// often than a statement.
const MIN_CLAUSE_BEFORE_WORDS: usize = 3;
/// Most words between a verb and the "that" opening its content ("told
/// reporters in Seoul on Tuesday that …").
const MAX_TO_THAT: usize = 8;

/// Longest sentence read for reported speech, in tokens: a longer run
/// without a full stop is a list or a table, not a statement.
const MAX_SENTENCE_TOKENS: usize = 400;

/// The reported speech of the document. `direct` are the direct quotations
/// already found (their cues and contents are not read again); `embedded`
/// the quoted stretches that did not become direct quotations, in order.
pub(super) fn reported_speech(ctx: &Context, direct: &[Quote], embedded: &[Stretch]) -> Vec<Quote> {
    let index = DirectIndex::new(direct);
    let mut out = Vec::new();
    for (i, sentence) in ctx.sentences.iter().enumerate() {
        let tokens = ctx.sentence_words(i);
        if tokens.len() > MAX_SENTENCE_TOKENS {
            continue;
        }
        let taken = index.in_sentence(*sentence);
        let mut last = taken.attributions.last().copied();
        let mut i = 0;
        while i < tokens.len() {
            let found = if taken.holds(&tokens[i]) {
                None
            } else {
                reported_at(tokens, i, last, &taken)
            };
            match found {
                Some((attribution, content)) => {
                    last = Some(attribution);
                    out.push(quote(ctx, attribution, content, embedded));
                    i = tokens
                        .partition_point(|t| t.span.start < content.end.max(attribution.cue.end));
                }
                None => i += 1,
            }
        }
    }
    out
}

/// The direct quotations' contents and attributions, sorted by position.
struct DirectIndex {
    contents: Vec<Span>,
    attributions: Vec<Attribution>,
}

/// What the direct quotations hold in one sentence: their contents and
/// the attributions whose cue stands in it.
struct Taken {
    contents: Vec<Span>,
    attributions: Vec<Attribution>,
}

impl DirectIndex {
    fn new(direct: &[Quote]) -> DirectIndex {
        let mut contents: Vec<Span> = direct.iter().map(|q| q.span).collect();
        let mut attributions: Vec<Attribution> = direct
            .iter()
            .filter_map(|q| {
                Some(Attribution {
                    speaker: q.speaker_span,
                    cue: q.cue?,
                })
            })
            .collect();
        contents.sort();
        attributions.sort_by_key(|a| a.cue);
        attributions.dedup();
        DirectIndex {
            contents,
            attributions,
        }
    }

    fn in_sentence(&self, sentence: Span) -> Taken {
        // Contents never overlap, so sorted by start they are sorted by end.
        let lo = self.contents.partition_point(|c| c.end <= sentence.start);
        let hi = self.contents.partition_point(|c| c.start < sentence.end);
        let a_lo = self
            .attributions
            .partition_point(|a| a.cue.start < sentence.start);
        let a_hi = self
            .attributions
            .partition_point(|a| a.cue.start < sentence.end);
        Taken {
            contents: self.contents[lo..hi.max(lo)].to_vec(),
            attributions: self.attributions[a_lo..a_hi.max(a_lo)].to_vec(),
        }
    }
}

impl Taken {
    fn in_content(&self, t: &Token) -> bool {
        self.contents
            .iter()
            .any(|c| c.start <= t.span.start && t.span.end <= c.end)
    }

    /// Inside a direct quotation or its cue.
    fn holds(&self, t: &Token) -> bool {
        self.in_content(t)
            || self
                .attributions
                .iter()
                .any(|a| a.cue.start <= t.span.start && t.span.end <= a.cue.end)
    }
}

/// A reported-speech [`Quote`]: partial when a quoted stretch stands in it.
fn quote(ctx: &Context, attribution: Attribution, content: Span, embedded: &[Stretch]) -> Quote {
    let first = embedded.partition_point(|s| s.open.start < content.start);
    // A quoted phrase opening inside the content makes it partial; one
    // whose closing mark the content's end left out ("she had ''steady
    // hands, but most of all, a good heart.''") takes the content up to
    // that mark, within the sentence.
    let sentence_end = ctx
        .sentence_at(content.start)
        .map_or(content.end, |i| ctx.sentences[i].end);
    let mut span = content;
    let mut partial = false;
    for s in embedded[first..]
        .iter()
        .take_while(|s| s.open.start < content.end)
    {
        let Some(close) = s.close.filter(|c| c.end <= sentence_end) else {
            continue;
        };
        partial = true;
        span.end = span.end.max(close.end);
    }
    Quote {
        span,
        speaker: attribution.speaker.map(|s| s.of(ctx.text).to_owned()),
        speaker_span: attribution.speaker,
        cue: Some(attribution.cue),
        speaker_actor: None,
        affiliation: None,
        direct: if partial {
            Directness::Partial
        } else {
            Directness::Indirect
        },
    }
}

/// Reported speech whose cue starts at `tokens[i]`: the attribution and
/// the content span. `last` is the sentence's latest attribution.
fn reported_at(
    tokens: &[Token],
    i: usize,
    last: Option<Attribution>,
    taken: &Taken,
) -> Option<(Attribution, Span)> {
    if let Some(found) = phrase_report(tokens, i) {
        return Some(found);
    }
    let (kind, n) = verb_at(tokens, i)?;
    if kind == VerbKind::Quote {
        return None;
    }
    let cue = covering(&tokens[i..i + n]);
    let after_comma = i > 0 && tokens[i - 1].punct() == Some(',');
    if after_comma && is_participle(tokens, i) {
        let speaker = last
            .and_then(|a| a.speaker)
            .or_else(|| clause_subject(&tokens[..i]));
        let content = content_after(tokens, i + n, kind, true, taken)?;
        return Some((Attribution { speaker, cue }, content));
    }
    if let Some(speaker) = speaker_before(&tokens[..i], false) {
        let attribution = Attribution {
            speaker: Some(speaker),
            cue,
        };
        let before_speaker = tokens.iter().position(|t| t.span.start == speaker.start)?;
        if let Some(content) = content_before(tokens, before_speaker, i + n, kind) {
            return Some((attribution, content));
        }
        // "The claims that …", "comments from …": a form ending in -s may
        // be a noun; it introduces content only with "that".
        let bare = !tokens[i].lower.ends_with('s') || tokens[i].lower == "says";
        return content_after(tokens, i + n, kind, bare, taken).map(|c| (attribution, c));
    }
    // "… told ABC that he agrees … and said the record …": a verb
    // coordinated with an earlier one shares its subject.
    if i > 0 && FunctionWords::Coordinator.contains(&tokens[i - 1].lower) {
        let speaker = last
            .and_then(|a| a.speaker)
            .or_else(|| clause_subject(&tokens[..i - 1]));
        if speaker.is_some() {
            let bare = !tokens[i].lower.ends_with('s') || tokens[i].lower == "says";
            let content = content_after(tokens, i + n, kind, bare, taken)?;
            return Some((Attribution { speaker, cue }, content));
        }
    }
    // "…, said Jane Roe, a professor at …."
    if after_comma {
        let speaker = speaker_after(&tokens[i + n..])?;
        let content = clause_before(tokens, i - 1)?;
        return Some((
            Attribution {
                speaker: Some(speaker),
                cue,
            },
            content,
        ));
    }
    None
}

/// "According to X, …" and "…, according to X".
fn phrase_report(tokens: &[Token], i: usize) -> Option<(Attribution, Span)> {
    let (attribution, end) = phrase_at(tokens, i)?;
    if i > 0 && tokens[i - 1].punct() == Some(',') {
        return Some((attribution, clause_before(tokens, i - 1)?));
    }
    let opens = tokens[..i].iter().all(|t| t.punct().is_some());
    if opens && tokens.get(end).and_then(Token::punct) == Some(',') {
        return Some((attribution, content_to_end(tokens, end + 1)?));
    }
    None
}

/// The content of a sentence-final attribution ("…, Mr. Lee said."): the
/// attribution must end the sentence, bar adjuncts such as "in a
/// statement"; the content is the sentence before the comma. A speech
/// verb with an object of its own reports that, not the clause before it
/// ("Two days later, the authorities declared an emergency"; a listener
/// after "told" is no such object).
fn content_before(
    tokens: &[Token],
    speaker_at: usize,
    after_verb: usize,
    kind: VerbKind,
) -> Option<Span> {
    if speaker_at == 0 || tokens[speaker_at - 1].punct() != Some(',') {
        return None;
    }
    let object = kind == VerbKind::Speech
        && (tokens.get(after_verb)).is_some_and(|t| FunctionWords::Determiner.contains(&t.lower));
    if object || !ends_attribution(&tokens[after_verb..]) {
        return None;
    }
    clause_before(tokens, speaker_at - 1)
}

/// The words before `tokens[comma]`, from the sentence's start, without
/// quotation marks or dashes at the edges.
fn clause_before(tokens: &[Token], comma: usize) -> Option<Span> {
    let words = &tokens[..comma];
    let start = words.iter().position(Token::is_word)?;
    let end = words.iter().rposition(Token::is_word)?;
    let clause = &words[start..=end];
    (clause.iter().filter(|t| t.is_word()).count() >= MIN_CLAUSE_BEFORE_WORDS)
        .then(|| enough(clause))
        .flatten()
}

/// The content after a verb ending at `tokens[at]`: from "that" (or the
/// listener's "whether", "to") when it follows within a few words, else
/// from the verb when `bare` allows it, to the sentence's end, a direct
/// quotation or the next participle cue after a comma.
fn content_after(
    tokens: &[Token],
    at: usize,
    kind: VerbKind,
    bare: bool,
    taken: &Taken,
) -> Option<Span> {
    let opens = |t: &Token| match kind {
        VerbKind::Object => CONTENT_OPENERS.contains(&t.lower.as_ref()),
        _ => t.lower == "that",
    };
    let opener = tokens[at..]
        .iter()
        .take(MAX_TO_THAT)
        .take_while(|t| t.is_word() || t.punct() == Some(','))
        .position(opens);
    // "argued with friends about water": a verb's own preposition, not
    // what was said.
    let unreported = |t: &Token| FunctionWords::UnreportedOpener.contains(&t.lower);
    let start = match opener {
        Some(k) => at + k,
        None if bare && kind == VerbKind::Speech && !tokens.get(at).is_some_and(unreported) => at,
        None => return None,
    };
    let stop = (start + 1..tokens.len())
        .find(|&k| taken.in_content(&tokens[k]) || participle_after_comma(tokens, k))
        .unwrap_or(tokens.len());
    let mut end = stop;
    while end > start
        && tokens[end - 1]
            .punct()
            .is_some_and(|c| c != ')' && c != '?' && c != '!')
        && stop < tokens.len()
    {
        end -= 1;
    }
    content_to_end(&tokens[..end], start)
}

/// "…, saying …", "…, adding that …": a new attribution of the same speaker.
fn participle_after_comma(tokens: &[Token], k: usize) -> bool {
    k > 0
        && tokens[k - 1].punct() == Some(',')
        && verb_at(tokens, k).is_some()
        && is_participle(tokens, k)
}

/// The words from `tokens[start]` to the end, without the closing
/// punctuation of the sentence.
fn content_to_end(tokens: &[Token], start: usize) -> Option<Span> {
    let words = tokens.get(start..)?;
    let end = words.iter().rposition(|t| {
        t.is_word() || matches!(t.punct(), Some('"' | '\u{201d}' | '?' | '!' | ')'))
    })?;
    let first = words.iter().position(|t| t.punct() != Some(','))?;
    (first <= end)
        .then(|| enough(&words[first..=end]))
        .flatten()
}

fn enough(tokens: &[Token]) -> Option<Span> {
    (tokens.iter().filter(|t| t.is_word()).count() >= MIN_CONTENT_WORDS)
        .then(|| Span::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end))
}
