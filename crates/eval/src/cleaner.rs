//! Scoring the plain-text cleaner against line-annotated articles.
//!
//! The gold format (see `testdata/cleaner/README.md`): every non-empty line
//! starts with a tag and `| `: `T` title, `H` subhead, `B` body, `A` byline,
//! `P` date line, `D` debris. Stripping the three-character prefix gives the
//! raw input. A line is *kept* when it is body or subhead.

use std::path::Path;

use crate::Prf;
use dossier_extract::clean::{self, Label};

/// One annotated article: the raw text and the gold tag of each line
/// (`None` for blank lines).
pub struct GoldArticle {
    pub name: String,
    pub raw: String,
    pub tags: Vec<Option<char>>,
}

/// Parses an annotated article; `Err` names the first malformed line.
pub fn parse_gold(name: &str, annotated: &str) -> Result<GoldArticle, String> {
    let mut raw = String::new();
    let mut tags = Vec::new();
    for (i, line) in annotated.lines().enumerate() {
        if line.trim().is_empty() {
            tags.push(None);
            raw.push('\n');
            continue;
        }
        let mut chars = line.chars();
        let (Some(tag), Some('|')) = (chars.next(), chars.next()) else {
            return Err(format!("{name}:{}: expected `TAG| text`", i + 1));
        };
        if !"THBAPD".contains(tag) {
            return Err(format!("{name}:{}: unknown tag {tag:?}", i + 1));
        }
        tags.push(Some(tag));
        raw.push_str(line.get(3..).unwrap_or(""));
        raw.push('\n');
    }
    Ok(GoldArticle {
        name: name.to_string(),
        raw,
        tags,
    })
}

/// The cleaner's tag for every line of `raw` (`None` for blank lines), with
/// the reason for each debris line.
pub fn predict_tags(raw: &str) -> Vec<Option<(char, &'static str)>> {
    let cleaned = clean::classify(clean::text_blocks(raw), None);
    let mut tags: Vec<Option<(char, &'static str)>> = vec![None; raw.lines().count()];
    for (block, label) in cleaned.blocks.iter().zip(&cleaned.labels) {
        let tag = match label {
            Label::Title => ('T', ""),
            Label::Subhead => ('H', ""),
            Label::Body => ('B', ""),
            Label::Byline(_) => ('A', ""),
            Label::Dateline(_) => ('P', ""),
            Label::Debris(reason) => ('D', *reason),
        };
        for line in block.lines.clone() {
            tags[line] = Some(tag);
        }
    }
    tags
}

/// Scores over a set of annotated articles.
#[derive(Debug, Default)]
pub struct CleanerScore {
    pub articles: usize,
    /// Lines kept in the clean text (body + subhead) vs gold body + subhead.
    pub kept: Prf,
    /// Subheads recognised as subheads.
    pub subheads: Prf,
    pub titles_right: usize,
    /// Lines whose predicted tag differs from gold.
    pub errors: Vec<LineError>,
}

#[derive(Debug)]
pub struct LineError {
    pub article: String,
    pub line: usize,
    pub gold: char,
    pub predicted: char,
    /// Why the cleaner called the line debris (empty otherwise).
    pub reason: &'static str,
    pub text: String,
}

pub fn score(articles: &[GoldArticle]) -> CleanerScore {
    let mut s = CleanerScore::default();
    for article in articles {
        s.articles += 1;
        let predicted = predict_tags(&article.raw);
        let lines: Vec<&str> = article.raw.lines().collect();
        let mut title_right = true;
        for (i, (gold, pred)) in article.tags.iter().zip(&predicted).enumerate() {
            let (Some(gold), Some((pred, reason))) = (gold, pred) else {
                continue;
            };
            let kept = |t: char| matches!(t, 'B' | 'H');
            s.kept.add(kept(*pred), kept(*gold));
            s.subheads.add(*pred == 'H', *gold == 'H');
            if (*gold == 'T') != (*pred == 'T') {
                title_right = false;
            }
            let same_class =
                gold == pred || (!kept(*gold) && !kept(*pred) && *gold != 'T' && *pred != 'T');
            if !same_class {
                s.errors.push(LineError {
                    article: article.name.clone(),
                    line: i + 1,
                    gold: *gold,
                    predicted: *pred,
                    reason,
                    text: lines[i].to_string(),
                });
            }
        }
        s.titles_right += usize::from(title_right);
    }
    s
}

/// Reads every `*.txt` file of `dir` as an annotated article, sorted by name.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<GoldArticle>, String> {
    crate::metrics::load_annotated(dir, parse_gold)
}
