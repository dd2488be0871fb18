//! Precision, recall and F1: the counts every evaluation command reports,
//! kept in one place so that all of them mean the same thing.

/// Counts for one measure. Predictions and gold items are counted apart
/// because a measure may match them differently (one prediction covering
/// two gold spans counts once as right and twice as found).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Prf {
    pub predicted: usize,
    /// Predictions counted right.
    pub predicted_right: usize,
    pub gold: usize,
    /// Gold items found.
    pub gold_found: usize,
}

impl Prf {
    /// Counts where predictions and gold items match one to one.
    pub fn matched(matched: usize, predicted: usize, gold: usize) -> Prf {
        Prf {
            predicted,
            predicted_right: matched,
            gold,
            gold_found: matched,
        }
    }

    /// Adds `n` one-to-one matches (each both a right prediction and a
    /// found gold item).
    pub fn add_matched(&mut self, n: usize) {
        self.predicted_right += n;
        self.gold_found += n;
    }

    /// Adds one binary decision: was it predicted, is it gold.
    pub fn add(&mut self, predicted: bool, gold: bool) {
        self.predicted += usize::from(predicted);
        self.gold += usize::from(gold);
        let right = usize::from(predicted && gold);
        self.predicted_right += right;
        self.gold_found += right;
    }

    /// Share of predictions that are right (1.0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_right, self.predicted)
    }

    /// Share of gold items found (1.0 when there were none).
    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }

    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }
}

pub fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The values of `scores` at the quantiles `qs` (0–1, nearest rank; 0 for
/// no scores).
pub fn quantiles<const N: usize>(mut scores: Vec<f64>, qs: [f64; N]) -> [f64; N] {
    scores.sort_by(f64::total_cmp);
    qs.map(|q| {
        scores
            .get(((scores.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    })
}

/// F1 of a precision and a recall.
pub fn harmonic_mean(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Parses every `*.txt` file of an annotated development set with `parse`
/// (given the file name and its text), in file-name order.
pub fn load_annotated<T>(
    dir: &std::path::Path,
    parse: impl Fn(&str, &str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            parse(&p.file_name().unwrap_or_default().to_string_lossy(), &text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_take_the_nearest_rank() {
        let scores = vec![5.0, 1.0, 3.0, 2.0, 4.0];
        assert_eq!(quantiles(scores, [0.0, 0.5, 1.0]), [1.0, 3.0, 5.0]);
        assert_eq!(quantiles(Vec::new(), [0.5]), [0.0]);
    }

    #[test]
    fn counts_give_the_usual_measures() {
        let mut prf = Prf::default();
        prf.add(true, true);
        prf.add(true, false);
        prf.add(false, true);
        prf.add(false, false);
        assert_eq!((prf.precision(), prf.recall(), prf.f1()), (0.5, 0.5, 0.5));
        assert_eq!(Prf::matched(1, 4, 2).recall(), 0.5);
        assert_eq!(Prf::default().f1(), 1.0);
    }
}
