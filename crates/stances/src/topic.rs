//! What a stance is about: the development, named from the actors the
//! sentence involves and the word that names what happens between them
//! (`lexicons/stance_topics.tsv`): "North Korea–Russia military
//! cooperation".

use dossier_model::{EventMention, Span};

use super::lexicon::Lexicon;
use super::words::{Holders, Sentence};

/// How many sentences back (in the same paragraph) the actors of a
/// development are looked for when the sentence names fewer than two:
/// "… Putin and Kim met. China could benefit from the arms deal."
const LOOK_BACK: usize = 2;

/// The sentences of one article, as the topic rules read them.
pub struct Article<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence<'a>],
    /// Sorted by start.
    pub events: &'a [&'a EventMention],
    pub holders: &'a Holders<'a>,
}

/// Actors named within this many words of the word naming the development
/// are the ones it is between ("military ties between Russia and North
/// Korea").
const NEAR: usize = 6;
/// A topic names at most this many actors; with more, only those near the
/// development's word.
const MAX_NAMED: usize = 3;

/// Actor ids involved in the development (other than the holder), sorted,
/// and the topic's name: `None` unless the sentence names a development
/// and two or three actors the article names take part in it. `cue` is the
/// cue's first word.
pub fn topic(
    article: &Article,
    index: usize,
    holder: &str,
    cue: usize,
) -> (Option<String>, Vec<String>) {
    let mut actors: Vec<&str> = Vec::new();
    for back in 0..=LOOK_BACK.min(index) {
        let at = index - back;
        if back > 0 && (actors.len() >= 2 || !same_paragraph(article, at, index)) {
            break;
        }
        add_actors(article, at, holder, &mut actors);
    }
    actors.sort_unstable();
    let name = head(article, index, cue).and_then(|(head, words)| {
        let near = near_actors(article, index, holder, words);
        let named = if near.len() >= 2 { &near } else { &actors };
        let mut names: Vec<&str> = named
            .iter()
            .map(|a| article.holders.name(a))
            .collect::<Option<_>>()?;
        names.sort_unstable();
        (2..=MAX_NAMED)
            .contains(&names.len())
            .then(|| format!("{} {head}", names.join("–")))
    });
    (name, actors.into_iter().map(String::from).collect())
}

/// The topic actors named within [`NEAR`] words of words `around`.
fn near_actors<'a>(
    article: &Article<'a>,
    index: usize,
    holder: &str,
    around: (usize, usize),
) -> Vec<&'a str> {
    let s = &article.sentences[index];
    let (from, to) = (around.0.saturating_sub(NEAR), around.1 + NEAR);
    let mut out = Vec::new();
    for o in s
        .occurrences
        .iter()
        .filter(|o| o.last >= from && o.first < to)
    {
        if o.holder != holder && article.holders.in_topics(o.holder) && !out.contains(&o.holder) {
            out.push(o.holder);
        }
    }
    out
}

/// Whether no paragraph break stands between sentences `a` and `b`.
fn same_paragraph(article: &Article, a: usize, b: usize) -> bool {
    let gap = Span::new(
        article.sentences[a].span.end,
        article.sentences[b].span.start,
    );
    !gap.of(article.text).contains('\n')
}

/// Adds the actors of sentence `at` (its mentions and its events' actors)
/// that can name a development.
fn add_actors<'a>(article: &Article<'a>, at: usize, holder: &str, out: &mut Vec<&'a str>) {
    let s = &article.sentences[at];
    let named = s.occurrences.iter().map(|o| o.holder);
    let in_events = events_in(article, s.span)
        .flat_map(|e| e.sources.iter().chain(&e.targets))
        .map(|a| article.holders.holder(a));
    for actor in named.chain(in_events) {
        if actor != holder && article.holders.in_topics(actor) && !out.contains(&actor) {
            out.push(actor);
        }
    }
}

/// The events reported in `span` (`events` are sorted by start).
fn events_in<'a>(article: &Article<'a>, span: Span) -> impl Iterator<Item = &'a EventMention> {
    let to = article.events.partition_point(|e| e.span.start < span.end);
    article.events[..to]
        .iter()
        .copied()
        .rev()
        .take_while(move |e| e.span.start >= span.start)
}

/// The development the sentence names, and the words naming it: the
/// first phrase of the topic lexicon after the cue (what the stance is
/// about), else the nearest before it, else one named by an event the
/// sentence reports.
fn head(article: &Article, index: usize, cue: usize) -> Option<(String, (usize, usize))> {
    let lex = Lexicon::get();
    let s = &article.sentences[index];
    let words = s.words;
    let phrase_at = |i: usize| {
        let m = lex
            .topics
            .matches_at(words, i, |_| false)
            .into_iter()
            .min_by_key(|m| *m.value)?;
        Some((*m.value, (i, m.end)))
    };
    let by_phrase = (cue..words.len())
        .find_map(phrase_at)
        .or_else(|| (0..cue).rev().find_map(phrase_at));
    let by_event = || {
        let kinds: Vec<&str> = events_in(article, s.span)
            .map(|e| e.kind.as_str())
            .collect();
        lex.topic_events
            .iter()
            .find(|(kind, _)| kinds.contains(&kind.as_str()))
            .map(|&(_, head)| (head, (cue, cue)))
    };
    by_phrase
        .or_else(by_event)
        .map(|(h, words)| (lex.topic_heads[h].clone(), words))
}
