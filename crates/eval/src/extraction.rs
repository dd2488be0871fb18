//! The main-content extraction metric of the Article Extraction Benchmark,
//! reproduced so dossier's figures compare with published ones.
//!
//! Per page: tokens are `\w+` runs; true and extracted bodies become
//! multisets of 4-token shingles (the whole token list as one shingle when it
//! has fewer than 4 tokens); tp = Σ min(count), fp = extracted excess,
//! fn = missing. Precision and recall are averaged over pages — pages with
//! tp + fp = 0 are left out of precision, tp + fn = 0 out of recall, and a
//! page with fp = fn = 0 counts 1.0 — and F1 is the harmonic mean of the two
//! averages.

use std::collections::HashMap;

use dossier_text::tokenize::runs_within_tokens;

use crate::metrics::harmonic_mean;

/// The benchmark's `\w+` tokens (runs of letters, digits, marks and
/// underscores): those runs within the one tokenizer's tokens
/// (`dossier_text`), joined where two touch ("does" "n't" → "doesn" "t"),
/// so the metric stays the published one.
fn word_runs(text: &str) -> Vec<&str> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (a, b) in runs_within_tokens(text, |c| c.is_alphanumeric() || c == '_') {
        match runs.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => runs.push((a, b)),
        }
    }
    runs.into_iter().map(|(a, b)| &text[a..b]).collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = word_runs(text);
    let mut counts = HashMap::new();
    if toks.is_empty() {
        return counts;
    }
    if toks.len() < 4 {
        *counts.entry(toks).or_default() += 1;
        return counts;
    }
    for w in toks.windows(4) {
        *counts.entry(w.to_vec()).or_default() += 1;
    }
    counts
}

/// (tp, fp, fn) counts of shingles for one page.
pub fn page_counts(gold: &str, extracted: &str) -> (usize, usize, usize) {
    let g = shingles(gold);
    let e = shingles(extracted);
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (k, &gc) in &g {
        let ec = e.get(k).copied().unwrap_or(0);
        tp += gc.min(ec);
        fn_ += gc.saturating_sub(ec);
    }
    for (k, &ec) in &e {
        fp += ec.saturating_sub(g.get(k).copied().unwrap_or(0));
    }
    (tp, fp, fn_)
}

#[derive(Debug, Clone)]
pub struct PageScore {
    pub id: String,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
}

impl PageScore {
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision.unwrap_or(1.0), self.recall.unwrap_or(1.0))
    }
}

pub fn score_page(id: &str, gold: &str, extracted: &str) -> PageScore {
    let (tp, fp, fn_) = page_counts(gold, extracted);
    let perfect = fp == 0 && fn_ == 0;
    let precision = if perfect {
        Some(1.0)
    } else {
        (tp + fp > 0).then(|| tp as f64 / (tp + fp) as f64)
    };
    let recall = if perfect {
        Some(1.0)
    } else {
        (tp + fn_ > 0).then(|| tp as f64 / (tp + fn_) as f64)
    };
    PageScore {
        id: id.to_string(),
        precision,
        recall,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Overall {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

pub fn overall(pages: &[PageScore]) -> Overall {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(pages.iter().filter_map(|p| p.precision).collect());
    let recall = mean(pages.iter().filter_map(|p| p.recall).collect());
    let f1 = harmonic_mean(precision, recall);
    Overall {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_counts() {
        assert_eq!(page_counts("a b c d e", "a b c d e"), (2, 0, 0));
        assert_eq!(page_counts("a b c d e", "a b c d"), (1, 0, 1));
        assert_eq!(page_counts("a b", "a b"), (1, 0, 0));
        assert_eq!(page_counts("", "x y z w"), (0, 1, 0));
        let page = score_page("p", "", "");
        assert_eq!((page.precision, page.recall), (Some(1.0), Some(1.0)));
        let page = score_page("p", "one two three four", "");
        assert_eq!((page.precision, page.recall), (None, Some(0.0)));
    }

    #[test]
    fn word_runs_are_unicode_words() {
        assert_eq!(
            word_runs("Zürich's 2025 talks—北京"),
            ["Zürich", "s", "2025", "talks", "北京"]
        );
        assert_eq!(
            word_runs("It doesn't, U.S."),
            ["It", "doesn", "t", "U", "S"]
        );
    }
}
