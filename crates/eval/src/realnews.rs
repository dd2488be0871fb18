//! Scoring against real news annotated by people: named people, direct
//! quotes with their speakers, and PLOVER events with their participants
//! and reporting sentence.
//!
//! **Data.** A JSON list of annotated articles in the format of
//! `testdata/realnews/README.md` (the shared real-news format): each names
//! its article by `file`, a path under the shared evaluation folder
//! (`polnear/train/text/…txt`), or `extraction/ground-truth.json#ID` for an
//! article body of the extraction benchmark. The texts are read at run time
//! and go through the product's own reading and cleaning, so the scores are
//! what a user gets from the same files.
//!
//! **Split.** The annotated articles are kept in two files: `dev.json`, the
//! development half anyone may read and tune on, and `heldout.json`, which is
//! only scored: `dossier eval realnews --errors` lists the development
//! half's errors and never the held-out half's.
//!
//! **Measures** (the format's scoring conventions):
//! - *Events*: a reported event matches a gold one when the type matches
//!   (AGREE and SUPPORT taken as one), the gold evidence lies in the same
//!   sentence, and at least one participant is the same entity: one of the
//!   event's actors is named in the article by a surface the annotator listed
//!   for a gold participant. Matching is one to one. Precision counts the
//!   events reported as having happened (not negated, hypothetical or
//!   future); one that matches only a gold event marked negated or
//!   hypothetical is wrong. Recall counts the gold events not so marked.
//! - *Direct quotes*: a direct quote of four or more words matches a gold
//!   quote on its first five words. The speaker is right when the surname
//!   (the last word of the gold speaker's name), or the organisation's name
//!   or one of its surfaces, is in the speaker dossier gives (the name as
//!   written, or its actor's name). Accuracy over matched quotes whose gold
//!   speaker is named.
//! - *People*: an actor dossier types as a person is right when its name or
//!   an alias is a surface of a gold person, or ends one ("Abedin" for
//!   "Ms. Abedin"). *Split*: gold people found under
//!   two or more ids, as a share of the gold people found.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::metrics::{ratio, Prf};
use dossier_model::{ActorKind, Analysis, Article, Directness, EventMention, Span};
use serde_json::Value;

use dossier_analyze::analyze;
use dossier_analyze::events::confidence::{self, Features};

/// One annotated article, with the text it annotates as the product cleans
/// it.
pub struct Case {
    pub file: String,
    pub article: Article,
    pub actors: Vec<GoldActor>,
    pub quotes: Vec<GoldQuote>,
    pub events: Vec<GoldEvent>,
}

#[derive(Clone, Copy)]
pub struct EventRow {
    pub confidence: f32,
    pub features: Features,
    pub right: bool,
}

pub struct GoldActor {
    pub name: String,
    pub kind: String,
    pub surfaces: Vec<String>,
}

pub struct GoldQuote {
    pub speaker: Option<String>,
    pub starts: String,
}

pub struct GoldEvent {
    pub kind: String,
    pub source: Option<String>,
    pub target: Option<String>,
    pub unrealised: bool,
    pub evidence: String,
}

/// Reads one annotation file; `read_article` turns a text (and the name it
/// came from) into the clean article, as `dossier analyze` would.
pub fn load(
    gold: &Path,
    data: &Path,
    read_article: impl Fn(&str, Vec<u8>) -> Article,
) -> Result<Vec<Case>, String> {
    let json = std::fs::read_to_string(gold)
        .map_err(|e| format!("cannot read {}: {e}", gold.display()))?;
    let list: Vec<Value> = serde_json::from_str(&json)
        .map_err(|e| format!("{}: not a JSON list of articles: {e}", gold.display()))?;
    let mut bodies: Option<Value> = None;
    let mut cases = Vec::new();
    for item in &list {
        let file = str_field(item, "file")
            .ok_or_else(|| format!("{}: an article without \"file\"", gold.display()))?;
        let bytes = match file.split_once('#') {
            Some((json_file, id)) => {
                if bodies.is_none() {
                    let path = data.join(json_file);
                    let text = std::fs::read_to_string(&path).map_err(|e| missing(&path, e))?;
                    bodies = Some(
                        serde_json::from_str(&text)
                            .map_err(|e| format!("{}: {e}", path.display()))?,
                    );
                }
                let body = bodies.as_ref().and_then(|b| b[id]["articleBody"].as_str());
                body.ok_or_else(|| format!("{file}: no article body with that id"))?
                    .as_bytes()
                    .to_vec()
            }
            None => {
                let path = data.join(&file);
                std::fs::read(&path).map_err(|e| missing(&path, e))?
            }
        };
        let article = read_article(&file, bytes);
        cases.push(Case {
            actors: list_of(item, "actors")
                .map(|a| GoldActor {
                    name: str_field(a, "name").unwrap_or_default(),
                    kind: str_field(a, "kind").unwrap_or_default(),
                    surfaces: list_of(a, "surfaces")
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect(),
                })
                .collect(),
            quotes: list_of(item, "quotes")
                .filter(|q| q["direct"].as_bool() != Some(false))
                .map(|q| GoldQuote {
                    speaker: str_field(q, "speaker"),
                    starts: str_field(q, "starts").unwrap_or_default(),
                })
                .collect(),
            events: list_of(item, "events")
                .map(|e| GoldEvent {
                    kind: str_field(e, "type").unwrap_or_default().to_uppercase(),
                    source: str_field(e, "source"),
                    target: str_field(e, "target"),
                    unrealised: e["negated_or_hypothetical"].as_bool().unwrap_or(false),
                    evidence: str_field(e, "evidence").unwrap_or_default(),
                })
                .collect(),
            file,
            article,
        });
    }
    Ok(cases)
}

fn missing(path: &Path, e: std::io::Error) -> String {
    format!(
        "cannot read {}: {e} (the annotated texts are read from the shared evaluation \
         folder; pass --data DIR pointing at it)",
        path.display()
    )
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v[key].as_str().map(str::to_string)
}

fn list_of<'v>(v: &'v Value, key: &str) -> impl Iterator<Item = &'v Value> {
    v[key].as_array().into_iter().flatten()
}

/// The figures for one half of the set.
#[derive(Default)]
pub struct Scores {
    pub articles: usize,
    pub events: Prf,
    /// Each event reported as having happened: its confidence, its features
    /// and whether it matched (for the figures at the threshold people see,
    /// and for fitting the confidence weights).
    pub event_rows: Vec<EventRow>,
    /// Events with the right type in the right sentence, participants aside.
    pub events_typed: Prf,
    /// Of the matched events whose gold event names a source: how many
    /// name it as a source (not only as a participant), so an event read
    /// backwards ("A urged B" as B → A) counts against it.
    pub sources_checked: usize,
    pub sources_right: usize,
    pub quotes: Prf,
    pub speakers_named: usize,
    pub speakers_right: usize,
    pub people: Prf,
    pub people_split: usize,
    /// Readable lines for each error, for `--errors`.
    pub errors: Vec<String>,
}

impl Scores {
    /// The events a person is shown: those of at least `threshold`.
    pub fn events_at(&self, threshold: f32) -> Prf {
        let shown = self.event_rows.iter().filter(|r| r.confidence >= threshold);
        let right = shown.clone().filter(|r| r.right).count();
        Prf {
            predicted: shown.count(),
            predicted_right: right,
            gold: self.events.gold,
            gold_found: right,
        }
    }

    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speakers_right, self.speakers_named)
    }

    pub fn split_rate(&self) -> f64 {
        ratio(self.people_split, self.people.gold_found)
    }
}

/// Scores every case.
pub fn score(cases: &[Case]) -> Scores {
    let mut s = Scores::default();
    for case in cases {
        let analysis = analyze(&case.article);
        s.articles += 1;
        score_events(case, &analysis, &mut s);
        score_quotes(case, &analysis, &mut s);
        score_people(case, &analysis, &mut s);
    }
    s
}

/// Lowercased surfaces by which each actor id is named in the article.
fn surfaces_by_actor(text: &str, analysis: &Analysis) -> HashMap<String, HashSet<String>> {
    let mut by: HashMap<String, HashSet<String>> = HashMap::new();
    for a in &analysis.actors {
        let set = by.entry(a.id.clone()).or_default();
        set.insert(fold(&a.name));
        set.extend(a.aliases.iter().map(|x| fold(x)));
    }
    for m in &analysis.mentions {
        by.entry(m.actor.clone())
            .or_default()
            .insert(fold(m.span.of(text)));
    }
    by
}

/// A name as compared: lowercase, spaces collapsed, no edge punctuation
/// and no leading article ("the People's Daily" is "People's Daily").
fn fold(s: &str) -> String {
    let folded = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    match folded.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => folded,
    }
}

/// Lowercased surfaces of a gold participant: its actor entry's, or the
/// name as written when the annotator gave no entry.
fn gold_surfaces(case: &Case, name: &str) -> HashSet<String> {
    let mut set: HashSet<String> = [fold(name)].into();
    if let Some(actor) = case.actors.iter().find(|a| a.name == name) {
        set.extend(actor.surfaces.iter().map(|s| fold(s)));
    }
    set
}

/// The sentence (index into `sentences`) holding the byte `at`.
fn sentence_of(sentences: &[Span], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= at);
    (i < sentences.len() && sentences[i].start <= at).then_some(i)
}

/// Where a gold string stands in the clean text: an exact search, then one
/// that ignores differences of white space (the cleaner re-joins wrapped
/// lines).
fn locate(text: &str, needle: &str) -> Option<usize> {
    if let Some(at) = text.find(needle) {
        return Some(at);
    }
    let words: Vec<&str> = needle.split_whitespace().collect();
    let first = words.first()?;
    text.match_indices(first).map(|(at, _)| at).find(|&at| {
        let mut rest = &text[at..];
        words.iter().all(|w| {
            rest = rest.trim_start();
            match rest.strip_prefix(w) {
                Some(r) => {
                    rest = r;
                    true
                }
                None => false,
            }
        })
    })
}

fn same_type(a: &str, b: &str) -> bool {
    a == b || [a, b].iter().all(|t| *t == "AGREE" || *t == "SUPPORT")
}

fn reported_as_happened(e: &EventMention) -> bool {
    !(e.negated || e.hypothetical || e.future)
}

fn score_events(case: &Case, analysis: &Analysis, s: &mut Scores) {
    let text = &case.article.text;
    let sentences = &analysis.sentences;
    let surfaces = surfaces_by_actor(text, analysis);
    let gold: Vec<(Option<usize>, &GoldEvent)> = case
        .events
        .iter()
        .map(|g| {
            let at = locate(text, &g.evidence);
            (at.and_then(|at| sentence_of(sentences, at)), g)
        })
        .collect();
    let mut taken = vec![false; gold.len()];
    let mut taken_typed = vec![false; gold.len()];
    let realised_gold = gold.iter().filter(|(_, g)| !g.unrealised).count();
    s.events.gold += realised_gold;
    s.events_typed.gold += realised_gold;
    let with_features = dossier_analyze::events::find_events_with_features(
        &mut dossier_analyze::article_doc(&case.article),
        &analysis.mentions,
        &analysis.times,
    );
    for (e, features) in with_features
        .iter()
        .filter(|(e, _)| reported_as_happened(e))
    {
        s.events.predicted += 1;
        s.events_typed.predicted += 1;
        let sentence = sentence_of(sentences, e.trigger.start);
        let same_place = |i: usize| {
            gold[i].0.is_some() && gold[i].0 == sentence && same_type(&gold[i].1.kind, &e.kind)
        };
        let ours: HashSet<&String> = e
            .sources
            .iter()
            .chain(&e.targets)
            .filter_map(|id| surfaces.get(id))
            .flatten()
            .collect();
        let shares_participant = |g: &GoldEvent| {
            [&g.source, &g.target].into_iter().flatten().any(|name| {
                gold_surfaces(case, name)
                    .iter()
                    .any(|surface| ours.contains(surface))
            })
        };
        if let Some(i) = (0..gold.len()).find(|&i| !taken_typed[i] && same_place(i)) {
            taken_typed[i] = true;
            if !gold[i].1.unrealised {
                s.events_typed.add_matched(1);
            }
        }
        let found =
            (0..gold.len()).find(|&i| !taken[i] && same_place(i) && shares_participant(gold[i].1));
        s.event_rows.push(EventRow {
            confidence: e.confidence,
            features: *features,
            right: found.is_some_and(|i| !gold[i].1.unrealised),
        });
        match found {
            Some(i) => {
                taken[i] = true;
                if gold[i].1.unrealised {
                    s.errors.push(format!(
                        "{}: event {} reported as happened, the text says it did not or may: {}",
                        case.file,
                        e.kind,
                        one_line(e.span.of(text))
                    ));
                } else {
                    s.events.add_matched(1);
                    if let Some(source) = &gold[i].1.source {
                        let named = gold_surfaces(case, source);
                        s.sources_checked += 1;
                        if e.sources
                            .iter()
                            .filter_map(|id| surfaces.get(id))
                            .flatten()
                            .any(|surface| named.contains(surface))
                        {
                            s.sources_right += 1;
                        } else {
                            s.errors.push(format!(
                                "{}: event {} with source {:?}, gold {source}: {}",
                                case.file,
                                e.kind,
                                e.sources,
                                one_line(e.span.of(text))
                            ));
                        }
                    }
                }
            }
            None => s.errors.push(format!(
                "{}: spurious event{} {} {:?} -> {:?} ({:?}): {}",
                case.file,
                if e.confidence >= EventMention::SHOWN {
                    " (shown)"
                } else {
                    ""
                },
                e.kind,
                e.sources,
                e.targets,
                e.trigger.of(text),
                one_line(e.span.of(text))
            )),
        }
    }
    for (i, (_, g)) in gold.iter().enumerate() {
        if !taken[i] && !g.unrealised {
            s.errors.push(format!(
                "{}: missed event {} {:?} -> {:?}: {}",
                case.file, g.kind, g.source, g.target, g.evidence
            ));
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first five words, lowercased: how quotes are matched.
fn first_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_lowercase)
        .collect()
}

fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

fn score_quotes(case: &Case, analysis: &Analysis, s: &mut Scores) {
    let text = &case.article.text;
    let names: HashMap<&str, &str> = analysis
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let gold: Vec<(Vec<String>, &GoldQuote)> = case
        .quotes
        .iter()
        .filter(|q| word_count(&q.starts) >= 4)
        .map(|q| (first_words(&q.starts), q))
        .collect();
    s.quotes.gold += gold.len();
    let mut taken = vec![false; gold.len()];
    // A partial quotation ("said the deal was “a windfall for Kim”") gives
    // the words it quotes, with its speaker: the format counts them as a
    // direct quotation when they are four words or more.
    let quoted = analysis.quotes.iter().flat_map(|q| {
        let content = q.span.of(text);
        let pieces = match q.direct {
            Directness::Direct => vec![content],
            Directness::Partial => quoted_pieces(content),
            Directness::Indirect => vec![],
        };
        pieces.into_iter().map(move |piece| (q, piece))
    });
    for (q, content) in quoted {
        if word_count(content) < 4 {
            continue;
        }
        s.quotes.predicted += 1;
        let key = first_words(content);
        let Some(i) = (0..gold.len()).find(|&i| !taken[i] && gold[i].0 == key) else {
            s.errors.push(format!(
                "{}: spurious quote: {}",
                case.file,
                one_line(content)
            ));
            continue;
        };
        taken[i] = true;
        s.quotes.add_matched(1);
        let Some(speaker) = &gold[i].1.speaker else {
            continue;
        };
        s.speakers_named += 1;
        let ours: Vec<String> = q
            .speaker
            .iter()
            .map(|x| x.as_str())
            .chain(
                q.speaker_actor
                    .as_deref()
                    .and_then(|id| names.get(id).copied()),
            )
            .map(fold)
            .collect();
        if speaker_matches(case, speaker, &ours) {
            s.speakers_right += 1;
        } else {
            s.errors.push(format!(
                "{}: quote {:?}: speaker {:?}, gold {speaker}",
                case.file,
                one_line(&gold[i].1.starts),
                q.speaker.as_deref().or(q.speaker_actor.as_deref())
            ));
        }
    }
    for (i, (_, q)) in gold.iter().enumerate() {
        if !taken[i] {
            s.errors.push(format!(
                "{}: missed quote ({}): {}",
                case.file,
                q.speaker.as_deref().unwrap_or("no speaker"),
                q.starts
            ));
        }
    }
}

/// The stretches of `s` between double quotation marks (straight, curly,
/// or two apostrophes).
fn quoted_pieces(s: &str) -> Vec<&str> {
    let marks: Vec<(usize, usize)> = s
        .char_indices()
        .filter(|&(i, c)| matches!(c, '"' | '\u{201c}' | '\u{201d}') || s[i..].starts_with("''"))
        .map(|(i, c)| (i, if c == '\'' { 2 } else { c.len_utf8() }))
        .filter(|&(i, w)| w == 1 || w == 3 || i == 0 || !s[..i].ends_with('\''))
        .collect();
    marks
        .chunks_exact(2)
        .map(|pair| &s[pair[0].0 + pair[0].1..pair[1].0])
        .collect()
}

/// The format's rule: the surname (or organisation name) matches.
fn speaker_matches(case: &Case, gold: &str, ours: &[String]) -> bool {
    let is_person = case
        .actors
        .iter()
        .find(|a| a.name == gold)
        .is_none_or(|a| a.kind == "person");
    if is_person {
        let surname = fold(gold.split_whitespace().last().unwrap_or(""));
        return !surname.is_empty()
            && ours.iter().any(|o| {
                o.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == surname)
            });
    }
    let surfaces = gold_surfaces(case, gold);
    ours.iter().any(|o| surfaces.contains(o))
}

fn score_people(case: &Case, analysis: &Analysis, s: &mut Scores) {
    let gold: Vec<(usize, HashSet<String>)> = case
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == "person")
        .map(|(i, a)| (i, gold_surfaces(case, &a.name)))
        .collect();
    s.people.gold += gold.len();
    let mut found_by: HashMap<usize, Vec<&str>> = HashMap::new();
    for a in analysis
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
    {
        s.people.predicted += 1;
        let names: Vec<String> = std::iter::once(&a.name)
            .chain(&a.aliases)
            .map(|n| fold(n))
            .collect();
        // "Abedin" for "Ms. Abedin" or "Huma Abedin": the name ends a
        // surface at a word boundary.
        let names_one = |surfaces: &HashSet<String>| {
            names.iter().any(|n| {
                surfaces.contains(n)
                    || surfaces.iter().any(|s| {
                        s.strip_suffix(n.as_str())
                            .is_some_and(|head| head.ends_with(' '))
                    })
            })
        };
        match gold.iter().find(|(_, surfaces)| names_one(surfaces)) {
            Some((i, _)) => {
                s.people.predicted_right += 1;
                found_by.entry(*i).or_default().push(&a.name);
            }
            None => s.errors.push(format!(
                "{}: not a person in the text: {}",
                case.file, a.name
            )),
        }
    }
    s.people.gold_found += found_by.len();
    for (i, _) in gold.iter().filter(|(i, _)| !found_by.contains_key(i)) {
        s.errors.push(format!(
            "{}: missed person: {}",
            case.file, case.actors[*i].name
        ));
    }
    for names in found_by.values().filter(|names| names.len() > 1) {
        s.people_split += 1;
        s.errors.push(format!(
            "{}: one person under {} ids: {}",
            case.file,
            names.len(),
            names.join(" / ")
        ));
    }
}

/// The report: each measure for the development half and the held-out
/// half side by side.
pub fn summary(dev: &Scores, heldout: &Scores) -> String {
    let prf = |p: &Prf| {
        format!(
            "P {:.3} R {:.3} F1 {:.3} ({}/{} right, {}/{} found)",
            p.precision(),
            p.recall(),
            p.f1(),
            p.predicted_right,
            p.predicted,
            p.gold_found,
            p.gold
        )
    };
    let mut out = String::new();
    for (name, s) in [("development", dev), ("held-out", heldout)] {
        out += &format!(
            "{name} ({} articles)\n  events (type, sentence, participant): {}\n  \
             events shown (confidence >= {:.2}):   {}\n  \
             events (type, sentence):              {}\n  \
             matched events, source right:         {:.3} ({}/{})\n  \
             direct quotes (first five words):     {}\n  \
             named speaker right:                  {:.3} ({}/{})\n  \
             people:                               {}\n  \
             people split over two ids:            {:.3} ({}/{})\n",
            s.articles,
            prf(&s.events),
            EventMention::SHOWN,
            prf(&s.events_at(EventMention::SHOWN)),
            prf(&s.events_typed),
            s.sources_right as f64 / s.sources_checked.max(1) as f64,
            s.sources_right,
            s.sources_checked,
            prf(&s.quotes),
            s.speaker_accuracy(),
            s.speakers_right,
            s.speakers_named,
            prf(&s.people),
            s.split_rate(),
            s.people_split,
            s.people.gold_found,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_text_is_found_across_rejoined_lines() {
        let text = "One two.\nThe minister said\nthe talks failed.";
        assert_eq!(locate(text, "minister said the talks"), Some(13));
        assert_eq!(locate(text, "absent words here"), None);
    }

    #[test]
    fn quotes_match_on_their_first_five_words() {
        assert_eq!(
            first_words("\u{201c}We have already doubled the length"),
            ["we", "have", "already", "doubled", "the"]
        );
    }

    #[test]
    fn a_partial_quotation_gives_the_words_it_quotes() {
        assert_eq!(
            quoted_pieces(
                "that Trump is a \u{201c}faker\u{201d} and how he has \"gotten away with it.\""
            ),
            ["faker", "gotten away with it."]
        );
        assert_eq!(quoted_pieces("the ''mind is shot''"), ["mind is shot"]);
    }

    #[test]
    fn agree_and_support_are_one_type() {
        assert!(same_type("AGREE", "SUPPORT"));
        assert!(!same_type("AGREE", "CONSULT"));
    }

    #[test]
    fn a_persons_speaker_is_right_by_surname() {
        let case = Case {
            file: "x".into(),
            article: Article::default(),
            actors: vec![GoldActor {
                name: "Patricia Hewitt".into(),
                kind: "person".into(),
                surfaces: vec!["Ms Hewitt".into()],
            }],
            quotes: vec![],
            events: vec![],
        };
        assert!(speaker_matches(
            &case,
            "Patricia Hewitt",
            &["ms. hewitt".into()]
        ));
        assert!(!speaker_matches(
            &case,
            "Patricia Hewitt",
            &["tony blair".into()]
        ));
    }
}

/// Fits the confidence weights to the development half's events and
/// returns them as `lexicons/event_confidence.tsv` text, with the precision
/// and recall at a range of thresholds in its comments.
pub fn fit_confidence(dev: &Scores) -> String {
    let rows: Vec<(Features, bool)> = dev
        .event_rows
        .iter()
        .map(|r| (r.features, r.right))
        .collect();
    let weights = confidence::fit(&rows);
    let mut out = String::from(
        "# Weights of the event confidence score (crates/events/src/confidence.rs).\n\
         # Format: feature <TAB> weight (a logistic model; the features are described\n\
         # in that file). Fitted on the development half of the real-news set by\n\
         #   dossier eval realnews --fit-confidence lexicons/event_confidence.tsv\n\
         # Development half, by threshold (precision, recall):\n",
    );
    for t in [0.3f32, 0.4, 0.5, 0.6, 0.7] {
        let rescored = Scores {
            event_rows: dev
                .event_rows
                .iter()
                .map(|r| EventRow {
                    confidence: confidence::score_with(&weights, &r.features),
                    ..*r
                })
                .collect(),
            events: dev.events,
            ..Scores::default()
        };
        let p = rescored.events_at(t);
        out += &format!("#   {t:.1}: P {:.3} R {:.3}\n", p.precision(), p.recall());
    }
    for (name, w) in confidence::FEATURES.iter().zip(weights) {
        out += &format!("{name}\t{w:.4}\n");
    }
    out
}
