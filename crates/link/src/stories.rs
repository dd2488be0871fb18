//! Stories and independent sources.
//!
//! A story is one news development: its documents report the same thing,
//! so they share *specific* names and terms, close in time, or copy each
//! other. Common actors never join documents by themselves.
//!
//! 1. Each document's items are its actors and salient terms. An item's
//!    weight is its rarity in the pile (`ln(1 + N/df)`); an item in more
//!    documents than [`common_limit`] allows is *common* ("United States",
//!    "Trump" in an election pile): it is no evidence and is never counted
//!    in pairs, which also bounds pair counting to `O(items × limit)`.
//! 2. Two documents are similar by the cosine of their specific items (those
//!    some other document holds too) when they share at least
//!    [`MIN_SHARED`] of them, damped by the days between them (an unknown
//!    date counting as [`STORY_DAYS`] apart); a reuse link counts as full
//!    similarity. Each document keeps its
//!    [`NEIGHBOURS`] most similar documents above [`SAME_STORY`]: a sparse
//!    graph of at most `N × NEIGHBOURS` edges.
//! 3. Stories are grown by average linkage over that graph: two groups merge
//!    only when their documents are, on average over every pair, similar
//!    enough ([`SAME_STORY`], a missing edge counting zero). A document
//!    close to one member of a story but foreign to the rest stays out, so
//!    there is no single-link chaining; a story is also capped at
//!    [`MAX_STORY`] documents.
//!
//! Each story carries its evidence (the specific items most of its
//! documents share), a name (its most central document's headline) and the
//! dates it spans. Within a story, documents linked by reuse or from one
//! outlet are one source; the groups left are its independent sources.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::sources::UnionFind;

/// What `stories` needs to know of one document.
#[derive(Debug, Clone, Default)]
pub struct StoryDoc {
    pub id: String,
    /// Actor ids other than states (`person:xi-jinping`, `NATO`, …).
    pub actors: Vec<String>,
    /// State actor ids (`CHN`, `USA`): weak evidence, see [`MIN_SHARED`].
    pub states: Vec<String>,
    /// Salient terms (compared case-insensitively).
    pub terms: Vec<String>,
    /// ISO date, `YYYY-MM-DD` (a shorter prefix counts as missing).
    pub date: Option<String>,
    /// Ids of documents this one is linked with by reuse (either direction).
    pub links: Vec<String>,
    /// The outlet, when known: documents of one outlet are one source.
    pub outlet: Option<String>,
    /// The headline, when known: a story is named after its most central.
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Story {
    /// Document ids, sorted.
    pub documents: Vec<String>,
    pub independent_sources: usize,
    /// A readable name: the headline of the document most similar to the
    /// others, else the story's evidence.
    pub name: String,
    /// The evidence joining the documents: specific items (terms as
    /// written, actor ids) shared by at least two of them, most telling
    /// first. Empty for a single document.
    pub evidence: Vec<String>,
    /// The earliest and latest document dates (`YYYY-MM-DD`), if any.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// Average similarity (cosine of specific items, damped by time) at which
/// documents tell one story.
const SAME_STORY: f64 = 0.1;
/// Specific items other than states two documents must share to be
/// compared at all: one shared name is a coincidence more often than a
/// story, and shared states alone ("Brazil, India, South Korea") tell a
/// region or a summit list, not a development (they still add to the
/// similarity of documents that are compared).
const MIN_SHARED: usize = 2;
/// Days over which the similarity of two documents halves: a development
/// is reported within days or weeks, and the same names months apart are
/// more often a new development.
const STORY_DAYS: f64 = 14.0;
/// Edges kept per document (its most similar documents).
const NEIGHBOURS: usize = 20;
/// The most documents one story may hold.
const MAX_STORY: usize = 200;
/// Evidence items listed per story.
const EVIDENCE: usize = 8;

/// The document frequency above which an item is common: in more than 5 %
/// of the pile (a story is smaller than that), but never below 20 documents
/// (in a small pile every document may be about one story) nor above 500
/// (which bounds pair counting on any pile).
fn common_limit(n: usize) -> usize {
    (n / 20).clamp(20, 500)
}

/// The items of the pile: each document's specific items (ids into
/// `names`), sorted, and what the weights need.
struct Items {
    /// Per document: its item ids, sorted, deduplicated.
    of_doc: Vec<Vec<u32>>,
    /// Per item: the documents holding it (ascending).
    postings: Vec<Vec<u32>>,
    /// Per item: as first written (terms) or the actor id.
    names: Vec<String>,
    weight: Vec<f64>,
    common: Vec<bool>,
    /// States: not counted towards [`MIN_SHARED`].
    state: Vec<bool>,
}

impl Items {
    fn new(docs: &[StoryDoc]) -> Items {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut state: Vec<bool> = Vec::new();
        let mut of_doc: Vec<Vec<u32>> = Vec::with_capacity(docs.len());
        for d in docs {
            let keyed = d
                .actors
                .iter()
                .map(|a| (format!("a:{a}"), a.as_str(), false))
                .chain(
                    d.states
                        .iter()
                        .map(|a| (format!("a:{a}"), a.as_str(), true)),
                )
                .chain(
                    d.terms
                        .iter()
                        .map(|t| (format!("t:{}", t.to_lowercase()), t.as_str(), false)),
                );
            let mut mine: Vec<u32> = keyed
                .map(|(key, shown, is_state)| {
                    *ids.entry(key).or_insert_with(|| {
                        names.push(shown.to_string());
                        state.push(is_state);
                        names.len() as u32 - 1
                    })
                })
                .collect();
            mine.sort_unstable();
            mine.dedup();
            of_doc.push(mine);
        }
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); names.len()];
        for (i, mine) in of_doc.iter().enumerate() {
            for &it in mine {
                postings[it as usize].push(i as u32);
            }
        }
        let n = docs.len() as f64;
        let limit = common_limit(docs.len());
        Items {
            weight: postings
                .iter()
                .map(|p| (1.0 + n / p.len() as f64).ln())
                .collect(),
            common: postings.iter().map(|p| p.len() > limit).collect(),
            state,
            of_doc,
            postings,
            names,
        }
    }

    fn specific<'a>(&'a self, doc: usize) -> impl Iterator<Item = u32> + 'a {
        self.of_doc[doc]
            .iter()
            .copied()
            .filter(|&it| !self.common[it as usize])
    }
}

/// Every document in exactly one story (singletons included), stories
/// sorted by their first document id.
pub fn stories(docs: &[StoryDoc]) -> Vec<Story> {
    let n = docs.len();
    let position: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let links: Vec<Vec<usize>> = docs
        .iter()
        .map(|d| {
            let mut l: Vec<usize> = d
                .links
                .iter()
                .filter_map(|l| position.get(l.as_str()).copied())
                .collect();
            l.sort_unstable();
            l.dedup();
            l
        })
        .collect();
    let items = Items::new(docs);
    // Items no other document holds cannot be shared: they are left out
    // of the norms too, or a long article naming many people nobody else
    // names would look like no other article however much it shares.
    let norms: Vec<f64> = (0..n)
        .map(|i| {
            items
                .specific(i)
                .filter(|&it| items.postings[it as usize].len() > 1)
                .map(|it| items.weight[it as usize].powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let days: Vec<Option<i64>> = docs
        .iter()
        .map(|d| d.date.as_deref().and_then(day_number))
        .collect();
    let neighbours: Vec<Vec<(usize, f64)>> = (0..n)
        .into_par_iter()
        .map(|a| nearest(a, &items, &norms, &days, &links[a]))
        .collect();
    let edges = undirected(&neighbours);
    let groups = average_linkage(n, &edges);

    let mut adjacency: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for &(a, b, s) in &edges {
        adjacency[a].push((b, s));
        adjacency[b].push((a, s));
    }
    let mut out: Vec<Story> = groups
        .into_iter()
        .map(|members| describe(docs, &members, &items, &links, &adjacency, &days))
        .collect();
    out.sort_by(|a, b| a.documents[0].cmp(&b.documents[0]));
    out
}

/// Document `a`'s most similar documents, with their similarity: those
/// sharing enough specific items, and those linked by reuse.
fn nearest(
    a: usize,
    items: &Items,
    norms: &[f64],
    days: &[Option<i64>],
    links: &[usize],
) -> Vec<(usize, f64)> {
    let mut shared: HashMap<u32, (f64, usize)> = HashMap::new();
    for it in items.specific(a) {
        let w = items.weight[it as usize];
        let counted = usize::from(!items.state[it as usize]);
        for &b in &items.postings[it as usize] {
            if b as usize != a {
                let e = shared.entry(b).or_default();
                e.0 += w * w;
                e.1 += counted;
            }
        }
    }
    let mut near: Vec<(usize, f64)> = shared
        .into_iter()
        .filter(|&(_, (_, count))| count >= MIN_SHARED)
        .map(|(b, (dot, _))| {
            let b = b as usize;
            let cosine = dot / (norms[a] * norms[b]);
            let gap = match (days[a], days[b]) {
                (Some(x), Some(y)) => (x - y).abs() as f64,
                // Unknown: as far apart as a story runs, so an undated
                // document needs twice the similarity of a same-day one.
                _ => STORY_DAYS,
            };
            (b, cosine / (1.0 + gap / STORY_DAYS))
        })
        .filter(|&(_, s)| s >= SAME_STORY)
        .collect();
    near.retain(|(b, _)| links.binary_search(b).is_err());
    near.extend(links.iter().map(|&b| (b, 1.0)));
    near.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    near.truncate(NEIGHBOURS);
    near
}

/// The union of every document's neighbours as edges `(a, b, s)`, `a < b`,
/// sorted.
fn undirected(neighbours: &[Vec<(usize, f64)>]) -> Vec<(usize, usize, f64)> {
    let mut edges: Vec<(usize, usize, f64)> = neighbours
        .iter()
        .enumerate()
        .flat_map(|(a, near)| near.iter().map(move |&(b, s)| (a.min(b), a.max(b), s)))
        .collect();
    edges.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
    edges.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    edges
}

/// Groups of documents by average linkage over the sparse graph `edges`:
/// the two groups with the highest mean similarity over all their pairs
/// merge first, while that mean is at least [`SAME_STORY`] and the merged
/// group has at most [`MAX_STORY`] documents. Each merge touches only the
/// groups adjacent to the pair, so the whole is `O(E log E)` for `E` edges.
fn average_linkage(n: usize, edges: &[(usize, usize, f64)]) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    // Per group: the summed similarity to each adjacent group.
    let mut adjacent: Vec<HashMap<usize, f64>> = vec![HashMap::new(); n];
    for &(a, b, s) in edges {
        *adjacent[a].entry(b).or_default() += s;
        *adjacent[b].entry(a).or_default() += s;
    }
    let mut version = vec![0u32; n];
    // (mean as bits (order-preserving for non-negative floats), the pair
    // with lower ids first on ties, versions when pushed).
    type Entry = (u64, Reverse<(usize, usize)>, u32, u32);
    let entry = |a: usize, b: usize, sum: f64, members: &[Vec<usize>], version: &[u32]| {
        let mean = sum / (members[a].len() * members[b].len()) as f64;
        (
            mean.to_bits(),
            Reverse((a.min(b), a.max(b))),
            version[a.min(b)],
            version[a.max(b)],
        )
    };
    let mut heap: BinaryHeap<Entry> = edges
        .iter()
        .map(|&(a, b, _)| entry(a, b, adjacent[a][&b], &members, &version))
        .collect();
    while let Some((bits, Reverse((a, b)), va, vb)) = heap.pop() {
        if f64::from_bits(bits) < SAME_STORY {
            break;
        }
        // A merge since the entry was pushed changed a version.
        let stale = version[a] != va || version[b] != vb;
        if stale || members[a].len() + members[b].len() > MAX_STORY {
            continue;
        }
        // The group with more neighbours absorbs the other: each group's
        // adjacency moves O(log n) times at most.
        let (keep, gone) = if adjacent[a].len() >= adjacent[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        let moved = std::mem::take(&mut adjacent[gone]);
        let absorbed = std::mem::take(&mut members[gone]);
        members[keep].extend(absorbed);
        adjacent[keep].remove(&gone);
        for (c, s) in moved {
            if c == keep {
                continue;
            }
            *adjacent[keep].entry(c).or_default() += s;
            let theirs = &mut adjacent[c];
            theirs.remove(&gone);
            *theirs.entry(keep).or_default() += s;
        }
        version[keep] += 1;
        version[gone] += 1;
        let mut around: Vec<(usize, f64)> = adjacent[keep].iter().map(|(&c, &s)| (c, s)).collect();
        around.sort_unstable_by_key(|&(c, _)| c);
        for (c, s) in around {
            heap.push(entry(keep, c, s, &members, &version));
        }
    }
    members.into_iter().filter(|m| !m.is_empty()).collect()
}

/// A story from its members: documents, sources, name, evidence, dates.
fn describe(
    docs: &[StoryDoc],
    members: &[usize],
    items: &Items,
    links: &[Vec<usize>],
    adjacency: &[Vec<(usize, f64)>],
    days: &[Option<i64>],
) -> Story {
    let mut members = members.to_vec();
    members.sort_unstable_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    let local: HashMap<usize, usize> = members.iter().enumerate().map(|(k, &d)| (d, k)).collect();

    // Sources: reuse links within the story, and one outlet, are one source.
    let mut source = UnionFind::new(members.len());
    let mut by_outlet: HashMap<&str, usize> = HashMap::new();
    for (k, &d) in members.iter().enumerate() {
        for l in &links[d] {
            if let Some(&j) = local.get(l) {
                source.union(k, j);
            }
        }
        if let Some(outlet) = docs[d].outlet.as_deref() {
            let first = *by_outlet.entry(outlet).or_insert(k);
            source.union(k, first);
        }
    }
    let mut roots: Vec<usize> = (0..members.len()).map(|k| source.find(k)).collect();
    roots.sort_unstable();
    roots.dedup();

    // Evidence: specific items most members hold, rare ones first.
    let mut count: HashMap<u32, usize> = HashMap::new();
    for &d in &members {
        for it in items.specific(d) {
            *count.entry(it).or_default() += 1;
        }
    }
    let mut shared: Vec<(u32, usize)> = count.into_iter().filter(|&(_, c)| c >= 2).collect();
    shared.sort_by(|x, y| {
        let score = |&(it, c): &(u32, usize)| c as f64 * items.weight[it as usize];
        score(y)
            .total_cmp(&score(x))
            .then_with(|| items.names[x.0 as usize].cmp(&items.names[y.0 as usize]))
    });
    let evidence: Vec<String> = shared
        .iter()
        .take(EVIDENCE)
        .map(|&(it, _)| items.names[it as usize].clone())
        .collect();

    // The most central member: the highest summed similarity to the rest.
    let centrality = |d: usize| -> f64 {
        adjacency[d]
            .iter()
            .filter(|(o, _)| local.contains_key(o))
            .map(|&(_, s)| s)
            .sum()
    };
    let central = members
        .iter()
        .copied()
        .filter(|&d| {
            docs[d]
                .title
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty())
        })
        .map(|d| (d, centrality(d)))
        .fold(None, |best: Option<(usize, f64)>, (d, c)| match best {
            Some((_, bc)) if bc >= c => best,
            _ => Some((d, c)),
        });
    let name = match central {
        Some((d, _)) => docs[d]
            .title
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_string(),
        None if !evidence.is_empty() => evidence
            .iter()
            .take(4)
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        None => docs[members[0]].id.clone(),
    };

    let dated: Vec<(i64, &str)> = members
        .iter()
        .filter_map(|&d| Some((days[d]?, docs[d].date.as_deref()?.get(..10)?)))
        .collect();
    let first_date = dated.iter().min().map(|(_, s)| s.to_string());
    let last_date = dated.iter().max().map(|(_, s)| s.to_string());

    Story {
        documents: members.iter().map(|&d| docs[d].id.clone()).collect(),
        independent_sources: roots.len(),
        name,
        evidence,
        first_date,
        last_date,
    }
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

use dossier_lexicon::DATE_WORDS;
/// Month and weekday names: capitalised and repeated in most articles,
/// they name a date, not a development.
use dossier_lexicon::MONTHS;
use dossier_lexicon::PERSON_TITLES;

fn calendar_word(run: &str) -> bool {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let rows = |lexicon: &'static dossier_lexicon::Lexicon| {
            lexicon.rows().filter_map(|row| row.line.split_once('\t'))
        };
        rows(&MONTHS)
            .map(|(_, word)| word.to_string())
            .chain(
                rows(&DATE_WORDS)
                    .filter(|(kind, _)| *kind == "weekday")
                    .map(|(_, word)| word.to_string()),
            )
            .collect()
    });
    words.contains(&run.to_lowercase())
}

/// Titles written before names, with or without a full stop: the
/// abbreviated ones of `lexicons/person_titles.tsv` ("Mr.", "Sen.",
/// "Gen."), without it.
fn is_honorific(word: &str) -> bool {
    static ABBREVIATIONS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ABBREVIATIONS
        .get_or_init(|| {
            PERSON_TITLES
                .rows()
                .filter_map(|row| row.line.split_once('\t'))
                .filter_map(|(_, title)| title.trim().strip_suffix('.'))
                .filter(|title| !title.contains([' ', '.']))
                .collect()
        })
        .contains(&word)
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
            // A title before a name neither ends the sentence nor belongs
            // to the name ("Mr. Trump", "Sen Cruz" are "Trump", "Cruz").
            if is_honorific(word) {
                if !run.is_empty() {
                    out.push(run.join(" "));
                    run.clear();
                }
                after_stop = false;
                continue;
            }
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
    out.retain(|run| !calendar_word(run));
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
            ..StoryDoc::default()
        }
    }

    fn documents(stories: &[Story]) -> Vec<Vec<&str>> {
        stories
            .iter()
            .map(|s| s.documents.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn reuse_and_outlets_merge_sources_within_a_story() {
        let mut docs = [
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
        docs[2].title = Some("Moscow and Pyongyang sign an arms deal".into());
        let got = stories(&docs);
        assert_eq!(documents(&got), [vec!["a", "b", "c"], vec!["d"], vec!["e"]]);
        let story = &got[0];
        assert_eq!(story.independent_sources, 2);
        assert_eq!(story.name, "Moscow and Pyongyang sign an arms deal");
        assert_eq!(story.evidence.len(), 5);
        assert!(story.evidence.contains(&"treaty".to_string()));
        assert_eq!(story.first_date.as_deref(), Some("2024-06-20"));
        assert_eq!(story.last_date.as_deref(), Some("2024-06-25"));
        // A single document is named by its evidence, here none: its id.
        assert_eq!(got[1].name, "d");
        assert!(got[1].evidence.is_empty());

        // The same outlet is one source.
        docs[1].outlet = Some("Wire".into());
        docs[2].outlet = Some("Wire".into());
        assert_eq!(stories(&docs)[0].independent_sources, 1);
    }

    #[test]
    fn common_actors_join_no_documents() {
        // 100 documents all naming the same two states, in pairs that
        // share two specific names each.
        let docs: Vec<StoryDoc> = (0..100)
            .map(|i| {
                let pair = i / 2;
                let terms = [format!("Person {pair}"), format!("Place {pair}")];
                let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
                doc(&format!("{i:03}"), &["USA", "CHN"], &terms, None, &[])
            })
            .collect();
        let got = stories(&docs);
        assert_eq!(got.len(), 50);
        assert!(got.iter().all(|s| s.documents.len() == 2));
        assert_eq!(got[0].evidence, ["Person 0", "Place 0"]);
    }

    #[test]
    fn shared_states_alone_join_no_documents() {
        let mut docs = [
            doc("a", &[], &["World Cup"], None, &[]),
            doc("b", &[], &["trade fair"], None, &[]),
        ];
        for d in &mut docs {
            d.states = vec!["BRA".into(), "IND".into(), "KOR".into()];
        }
        assert_eq!(stories(&docs).len(), 2);
        // With two specific names shared, the states add to the evidence.
        docs[0].terms = vec!["Lula".into(), "Modi".into()];
        docs[1].terms = vec!["Lula".into(), "Modi".into()];
        let got = stories(&docs);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].evidence.len(), 5);
    }

    #[test]
    fn a_chain_of_neighbours_is_not_one_story() {
        // Each document shares two names with the next one only.
        let names: Vec<String> = (0..20).map(|k| format!("Name {k}")).collect();
        let docs: Vec<StoryDoc> = (0..8)
            .map(|i| {
                let mine: Vec<&str> = names[2 * i..2 * i + 4].iter().map(String::as_str).collect();
                doc(&format!("{i}"), &[], &mine, None, &[])
            })
            .collect();
        let got = stories(&docs);
        assert!(got.len() >= 3, "{:?}", documents(&got));
        assert!(got.iter().all(|s| s.documents.len() <= 3));
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

    #[test]
    fn salient_terms_are_repeated_names_without_titles() {
        let text = "Talks went on.\nMr. Trump met Sen. Ted Cruz in Des Moines on Monday. \
                    Then Trump and Ted Cruz left Des Moines on Monday, in January.\n\
                    The end came in January.";
        assert_eq!(salient_terms(text), ["Des Moines", "Ted Cruz", "Trump"]);
    }
}
