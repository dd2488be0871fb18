//! Stories and independent sources.
//!
//! Two documents belong to one story when one reuses the other, or when
//! they share enough of their actors and salient terms, weighted by rarity
//! (a shared "China" says less than a shared "Stimson Center") and damped
//! by the time between them. Stories are the connected groups. Within a
//! story, documents linked by reuse collapse into one source; the number of
//! groups left is the story's count of independent sources.

use std::collections::HashMap;

use crate::sources::UnionFind;

use serde::Serialize;

/// What `stories` needs to know of one document.
#[derive(Debug, Clone, Default)]
pub struct StoryDoc {
    pub id: String,
    /// Actor ids (`CHN`, `person:xi-jinping`, …).
    pub actors: Vec<String>,
    /// Salient terms (lowercase or not; compared case-insensitively).
    pub terms: Vec<String>,
    /// ISO date, `YYYY-MM-DD` (a shorter prefix counts as missing).
    pub date: Option<String>,
    /// Ids of documents this one is linked with by reuse (either direction).
    pub links: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Story {
    /// Document ids, sorted.
    pub documents: Vec<String>,
    pub independent_sources: usize,
}

/// Weighted overlap (shared weight over the smaller document's weight) at
/// which two documents tell one story.
const SAME_STORY: f64 = 0.35;
/// Days over which the overlap needed doubles: a developing story runs for
/// months, but the same names a year apart are more often a new story.
const STORY_DAYS: f64 = 180.0;
/// Items in more documents than this are left out of pair counting: they
/// cost quadratic time and, by their rarity weight, say little anyway.
const MAX_ITEM_DOCS: usize = 2000;

/// Every document in exactly one story (singletons included), stories
/// sorted by their first document id.
pub fn stories(docs: &[StoryDoc]) -> Vec<Story> {
    let n = docs.len();
    let position: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let items: Vec<Vec<String>> = docs.iter().map(items_of).collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, its) in items.iter().enumerate() {
        for it in its {
            postings.entry(it.as_str()).or_default().push(i);
        }
    }
    let weight = |item: &str| (1.0 + n as f64 / postings[item].len() as f64).ln();
    let totals: Vec<f64> = items
        .iter()
        .map(|its| its.iter().map(|i| weight(i)).sum())
        .collect();
    let mut shared: HashMap<(usize, usize), f64> = HashMap::new();
    for (item, list) in &postings {
        if list.len() > MAX_ITEM_DOCS {
            continue;
        }
        let w = weight(item);
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                *shared.entry((a, b)).or_default() += w;
            }
        }
    }
    let days: Vec<Option<i64>> = docs
        .iter()
        .map(|d| d.date.as_deref().and_then(day_number))
        .collect();
    let reuse_pairs: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            d.links
                .iter()
                .filter_map(|l| position.get(l.as_str()))
                .map(move |&j| (i, j))
        })
        .collect();

    let mut story = UnionFind::new(n);
    let mut source = UnionFind::new(n);
    for &(a, b) in &reuse_pairs {
        story.union(a, b);
        source.union(a, b);
    }
    for (&(a, b), &w) in &shared {
        let overlap = w / totals[a].min(totals[b]);
        let gap = match (days[a], days[b]) {
            (Some(x), Some(y)) => (x - y).abs() as f64,
            _ => 0.0,
        };
        if overlap >= SAME_STORY * (1.0 + gap / STORY_DAYS) {
            story.union(a, b);
        }
    }

    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(story.find(i)).or_default().push(i);
    }
    let mut out: Vec<Story> = groups
        .into_values()
        .map(|members| {
            let mut sources: Vec<usize> = members.iter().map(|&i| source.find(i)).collect();
            sources.sort_unstable();
            sources.dedup();
            let mut documents: Vec<String> = members.iter().map(|&i| docs[i].id.clone()).collect();
            documents.sort();
            Story {
                documents,
                independent_sources: sources.len(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.documents[0].cmp(&b.documents[0]));
    out
}

/// Actors and lowercased terms, namespaced so an actor id never equals a
/// term, deduplicated.
fn items_of(d: &StoryDoc) -> Vec<String> {
    let mut out: Vec<String> = d
        .actors
        .iter()
        .map(|a| format!("a:{a}"))
        .chain(d.terms.iter().map(|t| format!("t:{}", t.to_lowercase())))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Salient terms of a text for story grouping: runs of capitalised words
/// (not a line's or sentence's first word, possessive dropped) that occur
/// at least twice — names of people, places, operations and treaties.
pub fn salient_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut run: Vec<&str> = Vec::new();
        let mut after_stop = true;
        for raw in line.split_whitespace() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let word = word
                .strip_suffix("’s")
                .or(word.strip_suffix("'s"))
                .unwrap_or(word);
            let capital = word.chars().next().is_some_and(char::is_uppercase) && word.len() > 1;
            if capital && !after_stop {
                run.push(word);
            } else if !run.is_empty() {
                out.push(run.join(" "));
                run.clear();
            }
            after_stop = raw.ends_with(['.', '!', '?', ':']);
        }
        if !run.is_empty() {
            out.push(run.join(" "));
        }
    }
    out.sort();
    let mut repeated: Vec<String> = out
        .chunk_by(|a, b| a == b)
        .filter(|r| r.len() >= 2)
        .map(|r| r[0].clone())
        .collect();
    repeated.dedup();
    repeated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(
        id: &str,
        actors: &[&str],
        terms: &[&str],
        date: Option<&str>,
        links: &[&str],
    ) -> StoryDoc {
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        StoryDoc {
            id: id.into(),
            actors: strings(actors),
            terms: strings(terms),
            date: date.map(String::from),
            links: strings(links),
        }
    }

    #[test]
    fn reuse_merges_sources_within_a_story() {
        let docs = [
            doc(
                "a",
                &["CHN", "RUS", "PRK"],
                &["arms deal", "treaty"],
                Some("2024-06-20"),
                &["b"],
            ),
            doc(
                "b",
                &["CHN", "RUS"],
                &["arms deal"],
                Some("2024-06-21"),
                &[],
            ),
            doc(
                "c",
                &["CHN", "RUS", "PRK"],
                &["treaty", "arms deal"],
                Some("2024-06-25"),
                &[],
            ),
            doc(
                "d",
                &["FRA"],
                &["pension reform", "retirement age", "unions"],
                Some("2024-06-20"),
                &[],
            ),
            doc(
                "e",
                &["FRA"],
                &["farm protests", "tractors", "subsidies"],
                Some("2024-06-20"),
                &[],
            ),
        ];
        let got = stories(&docs);
        assert_eq!(
            got,
            [
                Story {
                    documents: vec!["a".into(), "b".into(), "c".into()],
                    independent_sources: 2
                },
                Story {
                    documents: vec!["d".into()],
                    independent_sources: 1
                },
                Story {
                    documents: vec!["e".into()],
                    independent_sources: 1
                },
            ]
        );
    }

    #[test]
    fn distant_dates_split_a_weak_overlap() {
        let docs = [
            doc("a", &["CHN", "RUS"], &["summit"], Some("2020-01-01"), &[]),
            doc(
                "b",
                &["CHN", "RUS"],
                &["summit", "trade"],
                Some("2024-01-01"),
                &[],
            ),
        ];
        assert_eq!(stories(&docs).len(), 2);
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(
            day_number("2024-03-01")
                .zip(day_number("2024-02-28"))
                .map(|(a, b)| a - b),
            Some(2)
        );
    }
}
