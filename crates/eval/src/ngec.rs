//! Scoring story-level event typing on the NGEC synthetic stories (Andrew
//! Halterman's NGEC project): 3,518 generated news stories, each labelled
//! with the PLOVER type of the event its headline announces.
//!
//! **Data.** `dev.jsonl`: one story per line, `id`, `title`, `text`,
//! `label` (PLOVER type), `mode`. `synthetic_headlines.csv` (`event`,
//! `mode`, `title`): the 375 headlines the stories were generated from —
//! every story's title is one of them, about ten stories per headline.
//!
//! **Predictors.**
//! - *Rules*: the type of the first event the title reports
//!   ([`reported_kinds`]), else the text's first; no prediction when
//!   neither reports one.
//! - *Shipped predictor* ([`dossier_analyze::events::classify::story_kind`]): the
//!   classifier ([`dossier_analyze::events::classify`]), whose features include the
//!   rules' types, with the title's first type given an extra weight;
//!   trained and tested by 5-fold cross-validation, so no story is scored
//!   by a model that saw it. *Classifier alone*: the same without the
//!   extra weight.
//!
//! **Splits.** *By id* (folds by a hash of the story id, as usual) and *by
//! headline* (folds by a hash of the title, so the ~10 stories of one
//! headline share a fold and the test headlines are unseen). The headlines
//! file is added to the training folds as title-only examples — in the
//! split by headline, only the headlines of training stories. Stories of
//! one headline share its wording and its label, so a classifier that
//! reads titles scores near 1.0 by id by recognising the template; the
//! split by headline measures what matters for new stories.
//!
//! **Protocol.** The trigger lexicon was written with the rules' errors on
//! headline folds 0–2 in view, and the classifier's features and settings
//! were chosen by its score on those folds; folds 3–4 were not inspected,
//! and their score, reported apart, is the least biased estimate for new
//! headlines. It is far lower (0.65 against 0.87): the rules were fitted to
//! the headlines of folds 0–2, and the classifier leans on the rules.
//!
//! **Figures** (`dossier eval ngec`), macro F1 by id / by headline /
//! headline folds 0–2 / folds 3–4: shipped predictor 0.980 / 0.791 / 0.872
//! / 0.653; classifier alone 0.995 / 0.773; rules alone 0.767. Before this
//! classifier (word pairs, no stems, the title rule preferred over the
//! classifier unless it was 70 % sure): 0.982 / 0.782 / 0.863 / 0.649. The
//! lowest F1s by headline: CONSULT 0.64, AGREE 0.65, RETREAT 0.65,
//! COOPERATE 0.69, THREATEN 0.72 — mostly types with a few headlines. The
//! NGEC project's target, 0.85 on stories not seen, is not reached on
//! unseen headlines.
//!
//! **Measures.** Per-type precision, recall and F1 of the predicted type
//! against the label, macro F1 over the 16 types, accuracy.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use super::plover::TypeScores;
use dossier_analyze::events::classify::{features, Feature, Model, Story, Training};
use dossier_analyze::events::{reported_kinds, Kind};

/// One labelled story.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub id: String,
    pub title: String,
    pub text: String,
    pub kind: Kind,
}

/// A headline with its type.
#[derive(Debug, Clone)]
pub struct Headline {
    pub title: String,
    pub kind: Kind,
}

/// Reads `dev.jsonl`.
pub fn parse_stories(jsonl: &str) -> Result<Vec<Labelled>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            let v: Value =
                serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
            let field = |name: &str| {
                v.get(name)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let label = field("label");
            Ok(Labelled {
                id: field("id"),
                title: field("title"),
                text: field("text"),
                kind: Kind::parse(&label)
                    .ok_or_else(|| format!("line {}: unknown label {label}", n + 1))?,
            })
        })
        .collect()
}

/// The records of a CSV file: comma-separated fields, double-quoted fields
/// with `""` escapes and line breaks inside.
fn csv_records(csv: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = vec![String::new()];
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        let field = record.last_mut().expect("a record has a field");
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => record.push(String::new()),
            '\n' if !quoted => records.push(std::mem::replace(&mut record, vec![String::new()])),
            '\r' if !quoted => {}
            c => field.push(c),
        }
    }
    records.push(record);
    records.retain(|r| r.iter().any(|f| !f.trim().is_empty()));
    records
}

/// Reads `synthetic_headlines.csv` (header `event,mode,title`).
pub fn parse_headlines(csv: &str) -> Result<Vec<Headline>, String> {
    csv_records(csv)
        .into_iter()
        .skip(1)
        .map(|f| {
            let (Some(event), Some(title)) = (f.first(), f.get(2)) else {
                return Err(format!("short record: {f:?}"));
            };
            Ok(Headline {
                title: title.trim().to_string(),
                kind: Kind::parse(event).ok_or_else(|| format!("unknown event {event}: {f:?}"))?,
            })
        })
        .collect()
}

/// Reads both files from `dir`; the headlines are optional.
pub fn load(dir: &Path) -> Result<(Vec<Labelled>, Vec<Headline>), String> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    let stories = parse_stories(&read("dev.jsonl")?)?;
    let headlines = match read("synthetic_headlines.csv") {
        Ok(csv) => parse_headlines(&csv)?,
        Err(_) => Vec::new(),
    };
    Ok((stories, headlines))
}

/// The rules' type for a story: the title's first event, else the text's.
pub fn rule_kind(title: &str, text: &str) -> Option<Kind> {
    reported_kinds(title)
        .first()
        .or(reported_kinds(text).first())
        .copied()
}

/// How stories are put into folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    ById,
    ByHeadline,
}

const FOLDS: u64 = 5;

/// FNV-1a: a stable hash for fold assignment.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn fold_of(story: &Labelled, split: Split) -> u64 {
    match split {
        Split::ById => fnv(&story.id) % FOLDS,
        Split::ByHeadline => fnv(story.title.trim()) % FOLDS,
    }
}

/// The stories and headlines with their features, computed once.
pub struct Prepared<'a> {
    stories: &'a [Labelled],
    headlines: &'a [Headline],
    story_features: Vec<Vec<Feature>>,
    headline_features: Vec<Vec<Feature>>,
}

pub fn prepare<'a>(stories: &'a [Labelled], headlines: &'a [Headline]) -> Prepared<'a> {
    let of = |title: &str, text: &str| features(Story { title, text });
    Prepared {
        stories,
        headlines,
        story_features: stories.iter().map(|s| of(&s.title, &s.text)).collect(),
        headline_features: headlines.iter().map(|h| of(&h.title, "")).collect(),
    }
}

impl Prepared<'_> {
    /// A classifier trained on the stories `train` and on the headlines
    /// whose titles are not in `hidden`.
    fn train(&self, train: &[usize], hidden: &HashSet<&str>, t: &Training) -> Model {
        let examples: Vec<(Vec<Feature>, Kind)> = train
            .iter()
            .map(|&i| (self.story_features[i].clone(), self.stories[i].kind))
            .chain(
                self.headlines
                    .iter()
                    .zip(&self.headline_features)
                    .filter(|(h, _)| !hidden.contains(h.title.as_str()))
                    .map(|(h, f)| (f.clone(), h.kind)),
            )
            .collect();
        Model::train(&examples, t)
    }
}

/// One story's cross-validated predictions.
#[derive(Debug, Clone, Copy)]
pub struct Predicted {
    /// By the model as dossier ships it.
    pub shipped: Option<Kind>,
    /// By its classifier without the title rule's extra weight.
    pub classifier: Option<Kind>,
}

/// 5-fold cross-validated predictions, one per story. In the split by
/// headline, the headlines of the test stories are kept out of training.
pub fn cross_validate(prepared: &Prepared, split: Split, t: &Training) -> Vec<Option<Predicted>> {
    let stories = prepared.stories;
    let mut predicted = vec![None; stories.len()];
    for fold in 0..FOLDS {
        let (test, train): (Vec<usize>, Vec<usize>) =
            (0..stories.len()).partition(|&i| fold_of(&stories[i], split) == fold);
        let hidden: HashSet<&str> = match split {
            Split::ById => HashSet::new(),
            Split::ByHeadline => test.iter().map(|&i| stories[i].title.trim()).collect(),
        };
        let model = prepared.train(&train, &hidden, t);
        for i in test {
            let f = &prepared.story_features[i];
            predicted[i] = Some(Predicted {
                shipped: model.predict_features(f).map(|p| p.0),
                classifier: model.predict_with(f, 0.0).map(|p| p.0),
            });
        }
    }
    predicted
}

/// The model trained on every story and headline: the one dossier ships.
pub fn train_all(prepared: &Prepared, t: &Training) -> Model {
    let all: Vec<usize> = (0..prepared.stories.len()).collect();
    prepared.train(&all, &HashSet::new(), t)
}

/// The headline folds (of the split by headline) whose errors were read
/// while the trigger lexicon was being written; the others were not looked
/// at, and their score is the least biased estimate for new headlines.
const INSPECTED_FOLDS: u64 = 3;

#[derive(Debug, Clone, Default)]
pub struct NgecScore {
    /// Rules alone (the title's first event, else the text's).
    pub rules: TypeScores,
    /// The classifier without the title rule's extra weight, cross-validated
    /// by id and by headline.
    pub classifier_by_id: TypeScores,
    pub classifier_by_headline: TypeScores,
    /// What dossier ships ([`dossier_analyze::events::classify::story_kind`]),
    /// cross-validated by id and by headline.
    pub by_id: TypeScores,
    pub by_headline: TypeScores,
    /// `by_headline` on the folds inspected during development of the
    /// trigger lexicon, and on the others.
    pub inspected: TypeScores,
    pub uninspected: TypeScores,
}

impl NgecScore {
    pub fn summary(&self) -> String {
        format!(
            "NGEC synthetic stories: {} stories. Shipped predictor: the classifier, with the title rule's \
             extra weight.\n\n\
             5-fold cross-validation by story id (headlines seen in training):\n{}\n\n\
             5-fold cross-validation by headline (headlines unseen in training):\n{}\n\n\
             macro F1, by id / by headline:\n  \
             shipped predictor    {:.3} / {:.3}  (headline folds 0-2, inspected while the trigger lexicon was \
             written: {:.3}, {} stories; folds 3-4, not inspected: {:.3}, {} stories)\n  \
             classifier alone     {:.3} / {:.3}  (without the title rule's extra weight)\n  \
             rules alone          {:.3} (no training)",
            self.rules.items,
            self.by_id.table(),
            self.by_headline.table(),
            self.by_id.macro_f1(),
            self.by_headline.macro_f1(),
            self.inspected.macro_f1(),
            self.inspected.items,
            self.uninspected.macro_f1(),
            self.uninspected.items,
            self.classifier_by_id.macro_f1(),
            self.classifier_by_headline.macro_f1(),
            self.rules.macro_f1(),
        )
    }
}

pub fn score(stories: &[Labelled], headlines: &[Headline], t: &Training) -> NgecScore {
    let prepared = prepare(stories, headlines);
    let tally = |predicted: &[Option<Kind>], keep: &dyn Fn(&Labelled) -> bool| {
        let mut scores = TypeScores::default();
        for (s, p) in stories.iter().zip(predicted).filter(|(s, _)| keep(s)) {
            scores.add(s.kind, *p);
        }
        scores
    };
    let pick = |predicted: &[Option<Predicted>], by: fn(Predicted) -> Option<Kind>| {
        predicted.iter().map(|p| p.and_then(by)).collect::<Vec<_>>()
    };
    let all = |_: &Labelled| true;
    let inspected = |s: &Labelled| fold_of(s, Split::ByHeadline) < INSPECTED_FOLDS;
    let rules: Vec<Option<Kind>> = stories
        .iter()
        .map(|s| rule_kind(&s.title, &s.text))
        .collect();
    let by_id = cross_validate(&prepared, Split::ById, t);
    let by_headline = cross_validate(&prepared, Split::ByHeadline, t);
    let shipped_by_headline = pick(&by_headline, |p| p.shipped);
    NgecScore {
        rules: tally(&rules, &all),
        classifier_by_id: tally(&pick(&by_id, |p| p.classifier), &all),
        classifier_by_headline: tally(&pick(&by_headline, |p| p.classifier), &all),
        by_id: tally(&pick(&by_id, |p| p.shipped), &all),
        by_headline: tally(&shipped_by_headline, &all),
        inspected: tally(&shipped_by_headline, &inspected),
        uninspected: tally(&shipped_by_headline, &|s| !inspected(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_dir() -> Option<std::path::PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/ngec-synthetic");
        dir.join("dev.jsonl").exists().then_some(dir)
    }

    #[test]
    fn reads_both_files() {
        let s = parse_stories(
            r#"{"id": "a", "title": "T", "text": "x", "label": "AGREE", "mode": ""}"#,
        )
        .unwrap();
        assert_eq!(s[0].kind, Kind::Agree);
        let h = parse_headlines("event,mode,title\nACCUSE,,\"Activists Decry {city} Bombings, Highlighting \"\"Casualties\"\"\"\n").unwrap();
        assert_eq!(
            h[0].title,
            "Activists Decry {city} Bombings, Highlighting \"Casualties\""
        );
        assert!(parse_headlines("event,mode,title\nNOPE,,x\n").is_err());
    }

    /// The scores on the NGEC stories, when they are there:
    /// `cargo nextest run -p dossier-analyze --run-ignored only ngec_dev_score`.
    /// Cross-validated by story id the target (macro F1 ≥ 0.85) holds; on
    /// unseen headlines the figure is lower (see the module documentation),
    /// and guarded against regressions.
    #[test]
    #[ignore = "scores ../shared/eval/ngec-synthetic, which is not in the repository (dossier eval ngec says where to get it)"]
    fn ngec_dev_score() {
        let Some(dir) = data_dir() else {
            panic!("NGEC data not found: get it from github.com/ahalterman/NGEC, setup/train_classifiers/");
        };
        let (stories, headlines) = load(&dir).unwrap();
        let s = score(&stories, &headlines, &Training::default());
        println!("{}", s.summary());
        assert!(
            s.by_id.macro_f1() >= 0.95,
            "macro F1 by id {:.3}",
            s.by_id.macro_f1()
        );
        assert!(
            s.by_headline.macro_f1() >= 0.78,
            "macro F1 by headline {:.3}",
            s.by_headline.macro_f1()
        );
    }

    /// Trains the shipped model on all stories and headlines and writes it
    /// to `lexicons/plover_story_classifier.tsv`; run by
    /// `tools/train_story_classifier.sh`.
    #[test]
    #[ignore = "not a check: writes lexicons/plover_story_classifier.tsv when tools/train_story_classifier.sh runs it"]
    fn write_story_classifier() {
        let Some(dir) = data_dir() else {
            panic!("NGEC data not found: get it from github.com/ahalterman/NGEC, setup/train_classifiers/");
        };
        let (stories, headlines) = load(&dir).unwrap();
        let t = Training::default();
        let model = train_all(&prepare(&stories, &headlines), &t);
        let header = format!(
            "PLOVER story classifier: weights per feature and type (format in lexicons/README.md).\n\
             Trained by tools/train_story_classifier.sh on the {} NGEC synthetic stories\n\
             (../shared/eval/ngec-synthetic/dev.jsonl) and their {} headlines; {t:?}.",
            stories.len(),
            headlines.len()
        );
        let out = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../lexicons/plover_story_classifier.tsv");
        std::fs::write(&out, model.to_tsv(&header)).unwrap();
        println!("wrote {}", out.display());
    }
}
