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
//! **Features** (each present once): title words and word pairs; text
//! words; the type of the title's first reported event; the type of the
//! text's first event; every type the text reports. Each group (title,
//! text) is scaled to unit length, so a long text does not drown its title.
//!
//! **Model**: one weight per feature and type, plus a bias per type,
//! trained by stochastic gradient descent on the class-weighted log loss
//! (every type counts as much, however rare), with L2 shrinkage. The
//! shipped weights are `lexicons/plover_story_classifier.tsv`, written by
//! `tools/train_story_classifier.sh`; the format is in `lexicons/README.md`.

use foldhash::{HashMap, HashMapExt};
use std::fmt::Write;
use std::sync::OnceLock;

use super::{reported_kinds, Kind};

const SHIPPED: &str = include_str!("../../../../lexicons/plover_story_classifier.tsv");

const TYPES: usize = Kind::ALL.len();

/// A story: its title (may be empty) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Story<'a> {
    pub title: &'a str,
    pub text: &'a str,
}

/// A feature and its value in one story.
pub type Feature = (String, f32);

/// Lowercase words of two letters or more.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
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
    let title: Vec<String> = words(story.title).collect();
    let mut names: Vec<String> = title.iter().map(|w| format!("t:{w}")).collect();
    names.extend(title.windows(2).map(|p| format!("tt:{}_{}", p[0], p[1])));
    names.extend(
        reported_kinds(story.title)
            .first()
            .map(|k| format!("th:{}", k.as_str())),
    );
    group(names, &mut out);
    let kinds = reported_kinds(story.text);
    let mut names: Vec<String> = words(story.text).map(|w| format!("w:{w}")).collect();
    names.extend(kinds.first().map(|k| format!("wh:{}", k.as_str())));
    names.extend(kinds.iter().map(|k| format!("wk:{}", k.as_str())));
    group(names, &mut out);
    out
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub epochs: usize,
    /// The initial learning rate; it decays as 1 / (1 + epoch).
    pub rate: f32,
    pub l2: f32,
    /// Features seen in fewer training stories are dropped.
    pub min_count: usize,
    /// Seed of the shuffles, so training is reproducible.
    pub seed: u64,
    /// Weights smaller than this in absolute value are set to 0, and
    /// features left with no weight dropped: a smaller model file.
    pub prune: f32,
}

impl Default for Training {
    fn default() -> Training {
        Training {
            epochs: 12,
            rate: 0.5,
            l2: 1e-3,
            min_count: 2,
            seed: 7,
            prune: 0.3,
        }
    }
}

/// A trained classifier.
#[derive(Debug, Clone, Default)]
pub struct Model {
    index: HashMap<String, usize>,
    weights: Vec<[f32; TYPES]>,
    bias: [f32; TYPES],
}

/// xorshift64*: a small reproducible generator for the shuffles.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
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
    /// Trains on stories given as their features and gold types.
    pub fn train(examples: &[(Vec<Feature>, Kind)], t: &Training) -> Model {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (features, _) in examples {
            for (name, _) in features {
                *counts.entry(name.as_str()).or_default() += 1;
            }
        }
        let mut names: Vec<&str> = counts
            .into_iter()
            .filter(|&(_, c)| c >= t.min_count)
            .map(|(n, _)| n)
            .collect();
        names.sort_unstable();
        let index: HashMap<String, usize> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), i))
            .collect();
        let rows: Vec<(Vec<(usize, f32)>, usize)> = examples
            .iter()
            .map(|(features, kind)| {
                let row = features
                    .iter()
                    .filter_map(|(n, v)| index.get(n).map(|&i| (i, *v)))
                    .collect();
                (row, kind.index())
            })
            .collect();
        let mut per_type = [0usize; TYPES];
        for (_, y) in &rows {
            per_type[*y] += 1;
        }
        let class_weight: Vec<f32> = per_type
            .iter()
            .map(|&c| {
                if c == 0 {
                    0.0
                } else {
                    rows.len() as f32 / (TYPES as f32 * c as f32)
                }
            })
            .collect();
        let mut model = Model {
            index,
            weights: vec![[0.0; TYPES]; names.len()],
            bias: [0.0; TYPES],
        };
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let mut state = t.seed.max(1);
        for epoch in 0..t.epochs {
            for i in (1..order.len()).rev() {
                order.swap(i, (next_random(&mut state) % (i as u64 + 1)) as usize);
            }
            let rate = t.rate / (1.0 + epoch as f32);
            for &i in &order {
                let (row, y) = &rows[i];
                let mut p = model.scores_of(row);
                softmax(&mut p);
                for (k, pk) in p.iter_mut().enumerate() {
                    *pk = class_weight[*y] * (*pk - f32::from(u8::from(k == *y)));
                    model.bias[k] -= rate * *pk;
                }
                for &(f, v) in row {
                    for (w, g) in model.weights[f].iter_mut().zip(&p) {
                        *w -= rate * (g * v + t.l2 * *w);
                    }
                }
            }
        }
        model.prune(t.prune);
        model
    }

    fn prune(&mut self, threshold: f32) {
        let mut kept = Vec::new();
        let mut names: Vec<(String, usize)> = self.index.drain().collect();
        names.sort_unstable();
        for (name, i) in names {
            let mut w = self.weights[i];
            w.iter_mut()
                .filter(|x| x.abs() < threshold)
                .for_each(|x| *x = 0.0);
            if w.iter().any(|&x| x != 0.0) {
                self.index.insert(name, kept.len());
                kept.push(w);
            }
        }
        self.weights = kept;
    }

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

    /// The most likely type of a story given its features, with its
    /// probability; `None` for an empty model.
    pub fn predict_features(&self, features: &[Feature]) -> Option<(Kind, f32)> {
        if self.weights.is_empty() {
            return None;
        }
        let row: Vec<(usize, f32)> = features
            .iter()
            .filter_map(|(n, v)| self.index.get(n).map(|&i| (i, *v)))
            .collect();
        let mut p = self.scores_of(&row);
        softmax(&mut p);
        let (best, prob) =
            p.iter()
                .enumerate()
                .fold((0, f32::MIN), |b, (k, &v)| if v > b.1 { (k, v) } else { b });
        Some((Kind::ALL[best], prob))
    }

    pub fn predict(&self, story: Story) -> Option<(Kind, f32)> {
        self.predict_features(&features(story))
    }

    /// The model as TSV (format in `lexicons/README.md`), `header` as
    /// comment lines.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            let _ = writeln!(out, "# {line}");
        }
        let types: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let _ = writeln!(out, "feature\t{}", types.join("\t"));
        let row = |name: &str, w: &[f32; TYPES]| {
            let cells: Vec<String> = w
                .iter()
                .map(|&x| {
                    if x == 0.0 {
                        "0".to_string()
                    } else {
                        format!("{x:.3}")
                    }
                })
                .collect();
            format!("{name}\t{}\n", cells.join("\t"))
        };
        out.push_str(&row("(bias)", &self.bias));
        let mut names: Vec<(&String, &usize)> = self.index.iter().collect();
        names.sort();
        for (name, &i) in names {
            out.push_str(&row(name, &self.weights[i]));
        }
        out
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
        M.get_or_init(|| Model::from_tsv(SHIPPED).expect("lexicons/plover_story_classifier.tsv"))
    }
}

/// How sure the model must be to overrule the rules.
const CONFIDENT: f32 = 0.7;

/// The PLOVER type a story is mainly about (see [`combine`]).
pub fn story_kind(title: &str, text: &str) -> Option<Kind> {
    let model = Model::shipped().predict(Story { title, text });
    combine(reported_kinds(title).first().copied(), model)
}

/// The rules' type for a story's title and the model's guess, combined: the
/// model when it is sure (stories like those it was trained on), else the
/// type of the first event the title reports (on new headlines the rules
/// beat a model trained on a few hundred synthetic ones), else the model.
pub fn combine(title_rule: Option<Kind>, model: Option<(Kind, f32)>) -> Option<Kind> {
    match (title_rule, model) {
        (_, Some((kind, p))) if p >= CONFIDENT => Some(kind),
        (Some(rule), _) => Some(rule),
        (None, m) => m.map(|m| m.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(title: &str, text: &str, kind: Kind) -> (Vec<Feature>, Kind) {
        (features(Story { title, text }), kind)
    }

    #[test]
    fn learns_and_round_trips() {
        let data = vec![
            example(
                "Troops shell the border town",
                "Artillery pounded the town overnight.",
                Kind::Assault,
            ),
            example(
                "Artillery strikes hit villages",
                "Shelling killed five people.",
                Kind::Assault,
            ),
            example(
                "Thousands rally in the capital",
                "Protesters marched to parliament.",
                Kind::Protest,
            ),
            example(
                "Crowds rally against reform",
                "Demonstrators marched downtown.",
                Kind::Protest,
            ),
        ];
        let t = Training {
            min_count: 1,
            prune: 0.0,
            ..Training::default()
        };
        let model = Model::train(&data, &t);
        let story = Story {
            title: "Protesters rally",
            text: "Crowds marched.",
        };
        assert_eq!(model.predict(story).map(|p| p.0), Some(Kind::Protest));
        let copy = Model::from_tsv(&model.to_tsv("test")).unwrap();
        assert_eq!(copy.predict(story).map(|p| p.0), Some(Kind::Protest));
        assert!(Model::from_tsv("feature\tAGREE\n").is_err());
    }
}
