//! Which PLOVER type a news story is mainly about: a linear (softmax)
//! classifier over the story's words and the event types the rules find in
//! its title and text ([`reported_kinds`]).
//!
//! The rules read one clause at a time and need the right words in the
//! right order; a story about a riot can say "clashes", "unrest", "tear gas"
//! and "dozens injured" without one trigger for PROTEST. The classifier
//! weighs all the words at once, and the rule types are among its features,
//! so it learns how far to trust them.
//!
//! **Features** (each present once), in two groups each scaled to unit
//! length, so a long text does not drown its title:
//! - title: the stems of its content words ([`stem`]; function words and
//!   the generator's `{country_1}` placeholders dropped); the type of its
//!   first reported event and every type it reports; the types of the
//!   trigger patterns that start with one of its words ([`trigger_kinds`]:
//!   what the lexicon knows of "Decry" or "Ramps" when no pattern matches
//!   the whole headline);
//! - text: the stems of its content words; the type of its first event and
//!   every type it reports.
//!
//! **Model**: one weight per feature and type, plus a bias per type,
//! trained by stochastic gradient descent on the class-weighted log loss
//! (every type counts as much, however rare), with L2 shrinkage; at
//! prediction the type of the title's first event gets an extra weight
//! (`Training::title_rule`). The shipped weights are
//! `lexicons/plover_story_classifier.tsv`, written by
//! `tools/train_story_classifier.sh` (`xtask train-story-classifier`); the format is in `lexicons/README.md`.
//!
//! **What each part brought** (`eval::ngec`, macro F1 of the classifier on
//! unseen headlines, headline folds 0–2, where settings were chosen):
//! word pairs, raw word forms and the title's first type only: 0.780;
//! placeholders dropped 0.803; stems 0.809; function words dropped 0.827;
//! every type the title reports 0.862; no word pairs 0.855 (within noise,
//! but the log loss falls from 0.62 to 0.53 and the title's words alone, no
//! rule features, go from 0.44 to 0.51: the pairs memorise headlines);
//! trigger types of the title's words 0.848 (log loss 0.50; without rule
//! features 0.65); the title rule's extra weight 0.872. Tried and not kept:
//! the first paragraph as a third group, the text's types as counts,
//! heavier titles, counting each headline once, other L2 and rates, prefix
//! stems. The text's words alone reach 0.30: the generated stories often
//! stray from their headline, so the title carries the type.

use foldhash::HashMap;
use std::sync::OnceLock;

use super::{reported_kinds, trigger_kinds, Kind};

use dossier_lexicon::PLOVER_STORY_CLASSIFIER as SHIPPED;

#[cfg(feature = "train")]
mod train;
#[cfg(feature = "train")]
pub use train::Training;

const TYPES: usize = Kind::ALL.len();

/// A story: its title (may be empty) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Story<'a> {
    pub title: &'a str,
    pub text: &'a str,
}

/// A feature and its value in one story.
pub type Feature = (String, f32);

/// A word's crude stem, so that the forms of one word share a feature
/// ("condemns", "condemned", "condemning" → "condemn"; "rallies",
/// "rallied", "rally" → "ralli"; "agreed", "agrees", "agree" → "agre"):
/// training sees a few hundred headlines, and a new one rarely uses the
/// very form they did. The plural and verb endings go, a doubled final
/// consonant is undoubled ("banned" → "ban"), a final "y" becomes "i" and
/// a final "e" goes, except the one "-ed" leaves ("agreed" → "agre").
fn stem(word: &str) -> String {
    let n = word.len();
    let ends = |endings: &[&str]| endings.iter().any(|e| word.ends_with(e));
    let (mut s, past) = if n > 4 && word.ends_with("ies") {
        (format!("{}i", &word[..n - 3]), false)
    } else if n > 5 && word.ends_with("ing") {
        (undouble(&word[..n - 3]), false)
    } else if n > 4 && word.ends_with("ed") {
        (undouble(&word[..n - 2]), true)
    } else if n > 4 && ends(&["ches", "shes", "sses", "xes"]) {
        (word[..n - 2].to_string(), false)
    } else if n > 3 && word.ends_with('s') && !ends(&["ss", "us", "is"]) {
        (word[..n - 1].to_string(), false)
    } else {
        (word.to_string(), false)
    };
    if s.len() > 3 && s.ends_with('e') && !past {
        s.pop();
    } else if s.len() > 2 && s.ends_with('y') {
        s.pop();
        s.push('i');
    }
    s
}

/// `stem` without a doubled final consonant ("bann" → "ban"), except the
/// letters English doubles in the base form ("kill", "pass", "buzz").
fn undouble(stem: &str) -> String {
    let b = stem.as_bytes();
    match b {
        [.., x, y] if x == y && !b"aeioulsz".contains(y) => stem[..stem.len() - 1].to_string(),
        _ => stem.to_string(),
    }
}

/// The lowercase words of a text (apostrophes straightened, a possessive
/// "'s" dropped), two letters or more, skipping the generator's
/// placeholders (`{country_1}`, `{city}`: they say nothing about the event
/// but occur in most headlines).
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_alphabetic() || (matches!(c, '\'' | '\u{2019}') && !word.is_empty()) {
            word.extend(
                c.to_lowercase()
                    .map(|c| if c == '\u{2019}' { '\'' } else { c }),
            );
            continue;
        }
        if depth == 0 {
            let w = word.trim_end_matches("'s").trim_end_matches('\'');
            if w.chars().count() >= 2 {
                out.push(w.to_string());
            }
        }
        word.clear();
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

/// The stems of a text's content words (function words dropped: they are
/// in every headline).
fn content_stems(words: &[String]) -> impl Iterator<Item = String> + '_ {
    words
        .iter()
        .filter(|w| !dossier_text::sentences::is_stopword(w))
        .map(|w| stem(w))
}

/// Adds `names` as one group of features of equal weight and unit norm.
fn group(names: Vec<String>, out: &mut Vec<Feature>) {
    let mut names = names;
    names.sort();
    names.dedup();
    let value = 1.0 / (names.len().max(1) as f32).sqrt();
    out.extend(names.into_iter().map(|n| (n, value)));
}

/// The features of a story (see the module documentation).
pub fn features(story: Story) -> Vec<Feature> {
    let mut out = Vec::new();
    let title = words(story.title);
    let mut names: Vec<String> = content_stems(&title).map(|w| format!("t:{w}")).collect();
    let kinds = reported_kinds(story.title);
    names.extend(kinds.first().map(|k| format!("th:{}", k.as_str())));
    names.extend(kinds.iter().map(|k| format!("tk:{}", k.as_str())));
    names.extend(
        title
            .iter()
            .flat_map(|w| trigger_kinds(w))
            .map(|k| format!("tl:{}", k.as_str())),
    );
    group(names, &mut out);
    let kinds = reported_kinds(story.text);
    let mut names: Vec<String> = content_stems(&words(story.text))
        .map(|w| format!("w:{w}"))
        .collect();
    names.extend(kinds.first().map(|k| format!("wh:{}", k.as_str())));
    names.extend(kinds.iter().map(|k| format!("wk:{}", k.as_str())));
    group(names, &mut out);
    out
}

/// A trained classifier.
#[derive(Debug, Clone, Default)]
pub struct Model {
    index: HashMap<String, usize>,
    weights: Vec<[f32; TYPES]>,
    bias: [f32; TYPES],
    /// Added to the score of the type of the title's first event (the
    /// `th:` feature) at prediction time: `Training::title_rule`.
    title_rule: f32,
}

fn softmax(z: &mut [f32; TYPES]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
}

impl Model {
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn scores_of(&self, row: &[(usize, f32)]) -> [f32; TYPES] {
        let mut z = self.bias;
        for &(f, v) in row {
            for (zk, w) in z.iter_mut().zip(&self.weights[f]) {
                *zk += w * v;
            }
        }
        z
    }

    /// The probability of each type (in [`Kind::ALL`] order) given a
    /// story's features, with `title_rule` as the title rule's extra weight.
    pub fn probabilities(&self, features: &[Feature], title_rule: f32) -> [f32; TYPES] {
        let row: Vec<(usize, f32)> = features
            .iter()
            .filter_map(|(n, v)| self.index.get(n).map(|&i| (i, *v)))
            .collect();
        let mut z = self.scores_of(&row);
        let rule = features
            .iter()
            .find_map(|(n, _)| n.strip_prefix("th:").and_then(Kind::parse));
        if let Some(k) = rule {
            z[k.index()] += title_rule;
        }
        softmax(&mut z);
        z
    }

    /// The most likely type of a story given its features, with its
    /// probability; `None` for an empty model.
    pub fn predict_features(&self, features: &[Feature]) -> Option<(Kind, f32)> {
        self.predict_with(features, self.title_rule)
    }

    /// [`Model::predict_features`] with another extra weight for the title
    /// rule (0: the learned weights alone).
    pub fn predict_with(&self, features: &[Feature], title_rule: f32) -> Option<(Kind, f32)> {
        if self.weights.is_empty() {
            return None;
        }
        let p = self.probabilities(features, title_rule);
        let (best, prob) =
            p.iter()
                .enumerate()
                .fold((0, f32::MIN), |b, (k, &v)| if v > b.1 { (k, v) } else { b });
        Some((Kind::ALL[best], prob))
    }

    pub fn predict(&self, story: Story) -> Option<(Kind, f32)> {
        self.predict_features(&features(story))
    }

    /// Reads a model written by [`Model::to_tsv`].
    pub fn from_tsv(tsv: &str) -> Result<Model, String> {
        let mut model = Model::default();
        let rows = tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        for (n, line) in rows.enumerate() {
            let mut cells = line.split('\t');
            let name = cells.next().unwrap_or_default();
            if name == "(title rule)" {
                let cell = cells.next().unwrap_or_default();
                model.title_rule = cell.parse().map_err(|e| format!("{e}: {line}"))?;
                continue;
            }
            if n == 0 {
                let types: Vec<&str> = cells.collect();
                if types != Kind::ALL.map(Kind::as_str) {
                    return Err(format!("unexpected header: {line}"));
                }
                continue;
            }
            let mut w = [0.0; TYPES];
            for (k, cell) in cells.enumerate() {
                *w.get_mut(k)
                    .ok_or_else(|| format!("too many cells: {line}"))? =
                    cell.parse().map_err(|e| format!("{e}: {line}"))?;
            }
            if name == "(bias)" {
                model.bias = w;
            } else {
                model.index.insert(name.to_string(), model.weights.len());
                model.weights.push(w);
            }
        }
        Ok(model)
    }

    /// The model shipped with dossier.
    pub fn shipped() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| {
            Model::from_tsv(SHIPPED.text).expect("lexicons/plover_story_classifier.tsv")
        })
    }
}

/// The PLOVER type a story is mainly about, by the shipped model (`None`
/// only if the model file were empty).
pub fn story_kind(title: &str, text: &str) -> Option<Kind> {
    Model::shipped().predict(Story { title, text }).map(|p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_share_the_forms_of_a_word() {
        for (forms, expected) in [
            (
                &["condemn", "condemns", "condemned", "condemning"][..],
                "condemn",
            ),
            (&["agree", "agrees", "agreed", "agreeing"], "agre"),
            (&["rally", "rallies", "rallied", "rallying"], "ralli"),
            (&["ban", "bans", "banned", "banning"], "ban"),
            (&["seize", "seizes", "seized", "seizing"], "seiz"),
            (&["kill", "kills", "killed", "killing"], "kill"),
            (&["crisis"], "crisis"),
        ] {
            for form in forms {
                assert_eq!(stem(form), expected, "{form}");
            }
        }
    }

    #[test]
    fn words_skip_placeholders_and_possessives() {
        assert_eq!(
            words("{country_1}'s Leader Rejects {city} Mayor’s Offer, a U.N. Plan"),
            ["leader", "rejects", "mayor", "offer", "plan"]
        );
        let f = features(Story {
            title: "{country_1} Condemns Attacks",
            text: "",
        });
        let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"t:condemn") && names.contains(&"t:attack"));
        assert!(names.contains(&"tl:ACCUSE"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("country")));
        let norm: f32 = f.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-4);
    }
}
