//! Training the story classifier, behind the `train` feature: the product
//! only reads the shipped weights. `cargo run -p xtask --release --
//! train-story-classifier` writes them; `dossier eval ngec` cross-validates.

use std::fmt::Write;

use foldhash::{HashMap, HashMapExt};

use super::{softmax, Feature, Kind, Model, TYPES};

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
    /// How far the type of the title's first event is trusted beyond the
    /// weights learned for it: added to that type's score when predicting.
    /// Trained on stories whose title words recur with every story of
    /// their headline, the model explains the training labels by those
    /// words and underrates the rules, which are what carries over to a new
    /// headline. Chosen on headline folds 0–2 (`eval::ngec`): macro F1
    /// 0.864 at 0.5, 0.870 at 0.85, 0.871 at 1, 0.865 at 1.5.
    pub title_rule: f32,
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
            title_rule: 1.0,
        }
    }
}

/// xorshift64*: a small reproducible generator for the shuffles.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
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
            title_rule: t.title_rule,
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
        let _ = writeln!(out, "(title rule)\t{:.3}", self.title_rule);
        let mut names: Vec<(&String, &usize)> = self.index.iter().collect();
        names.sort();
        for (name, &i) in names {
            out.push_str(&row(name, &self.weights[i]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::{features, reported_kinds, Story};
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
            title: "Protesters rally outside parliament",
            text: "Crowds marched.",
        };
        assert_eq!(model.predict(story).map(|p| p.0), Some(Kind::Protest));
        let copy = Model::from_tsv(&model.to_tsv("test")).unwrap();
        assert_eq!(copy.predict(story).map(|p| p.0), Some(Kind::Protest));
        assert_eq!(copy.title_rule, t.title_rule);
        // The title rule's extra weight moves a story towards the type of
        // the title's first event.
        let f = features(Story {
            title: "Troops rally against reform",
            text: "",
        });
        let rule = reported_kinds("Troops rally against reform")[0];
        assert!(
            model.probabilities(&f, 3.0)[rule.index()] > model.probabilities(&f, 0.0)[rule.index()]
        );
        assert!(Model::from_tsv("feature\tAGREE\n").is_err());
    }
}
