//! An actor's calculus across articles: stance statements (what an actor
//! gains or loses, wants or opposes) that make the same point are grouped,
//! each group labelled with its clearest member and counted by independent
//! source.
//!
//! Two statements can only be grouped when they have the same holder and
//! polarity. Within those, similarity is the cosine of their content-word
//! classes (the normaliser's [`Doc`] classes, so "gain" and "profit",
//! "help" and "aid" compare equal) plus the actors of their topics (so
//! "Pyongyang" and "North Korea" do), each weighted by its rarity among
//! the holder's statements: the holder's own name, and the cue words most
//! statements share ("wants", "fears"), weigh little. Groups are built by
//! average linkage: two groups merge when their members are, on average,
//! similar enough. A retelling says the same thing in other words, so
//! statements of documents linked by reuse need less similarity.
//!
//! Paraphrases share few words ("loses its monopoly of influence over
//! Pyongyang", "a new competitor for influence over North Korea"), so
//! each statement may also carry the *facet* of the holder's interests it
//! is about (the analyze stage's `stances::facet`): statements of one
//! facet about the same development (of one story; without stories,
//! sharing an actor) make the same point, and
//! statements of two different facets never do (unless one retells the
//! other). Then a want or an objection about an interest ("Beijing wants
//! to keep its influence over Pyongyang") is evidence for the gain or
//! loss the articles name on that interest: its group folds into the
//! best-sourced gain or loss of its facet, when that is clearly a gain or
//! clearly a loss.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::lexicon::word_hash;
use crate::normalize::{Doc, Token};
use crate::sources::{Sources, UnionFind};
use dossier_lexicon::FunctionWords;

/// One stance statement of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatementInput {
    pub document: String,
    /// Actor id of the holder.
    pub holder: String,
    /// `benefit`, `cost`, `support` or `oppose`.
    pub polarity: String,
    pub topic: Option<String>,
    /// Actor ids of the development the statement is about.
    pub topic_actors: Vec<String>,
    /// The evidence text.
    pub text: String,
    /// Byte span of the evidence in the document's text.
    pub span: (usize, usize),
    /// Byte span of the cue ("benefit from", "a headache for") in the
    /// document's text, inside `span`: labels are cut around it.
    pub cue: (usize, usize),
    /// The quoted speaker, when the statement is not the outlet's own.
    pub speaker: Option<String>,
    /// The interest the statement is about, if its words name one.
    pub facet: Option<Facet>,
    /// The story of its document, when the caller knows it: statements of
    /// one story and facet are about the same development, of two stories
    /// never.
    pub story: Option<String>,
    /// Its document is machine-rewritten: its words make a poorer label.
    pub spun: bool,
}

/// One of an actor's interests a statement is about (`influence`,
/// `image`, `entanglement`, …), and where the phrase naming it stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facet {
    pub name: String,
    /// Byte span in the document's text, inside the statement's span.
    pub span: (usize, usize),
}

/// A statement of a group: its index in the input, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupMember {
    pub statement: usize,
    pub document: String,
    pub span: (usize, usize),
}

/// Statements making the same point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceGroup {
    pub holder: String,
    /// The polarity of the group's gains or losses when wants or
    /// objections folded into them, else of all its members.
    pub polarity: String,
    /// The topic most members give.
    pub topic: Option<String>,
    /// The clearest member's text, trimmed to a short clause.
    pub label: String,
    pub members: Vec<GroupMember>,
    /// Document ids, sorted.
    pub documents: Vec<String>,
    /// Documents merged through reuse links count once.
    pub independent_sources: usize,
}

/// Cosine similarity at which two statements make the same point.
const SAME_POINT: f64 = 0.3;
/// The least similarity at which a statement and its most similar one in
/// a document retelling its own are the same point, outside aligned
/// passages; and how far apart their places among the holder's
/// statements of that polarity in each document (0 first, 1 last) may be.
const RETOLD_FLOOR: f64 = 0.1;
const RETOLD_DRIFT: f64 = 0.5;
/// The weight of a word of the cue relative to the others: the cue says
/// how the holder stands ("fears", "a headache for"), the rest what about.
const CUE_WEIGHT: f64 = 0.5;
/// Features (and facets of one story) in more statements than this are
/// left out of pair counting (quadratic cost, little weight).
const MAX_FEATURE_STATEMENTS: usize = 2000;
/// Labels are cut to about this many words: a text's first
/// [`LABEL_HEAD`] and [`LABEL_TAIL`] from its cue or its facet's phrase
/// on.
const LABEL_WORDS: usize = 16;
const LABEL_HEAD: usize = 6;
const LABEL_TAIL: usize = 12;
/// The words from the facet's phrase on a label keeps at least (up to
/// the next comma): what the point is about.
const LABEL_AFTER: usize = 5;
/// A list item's heading has at most this many words before its colon.
const HEADING_WORDS: usize = 12;

/// A reuse link between two documents, with the passages it aligns
/// (byte ranges in `a`, in `b`) when the caller has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Retelling {
    pub a: String,
    pub b: String,
    pub passages: Vec<((usize, usize), (usize, usize))>,
}

/// Groups `statements`; `reuse_links` are pairs of document ids linked by
/// reuse (either order). Groups come sorted by holder, polarity, then
/// independent sources and members (most first).
pub fn group_statements(
    statements: &[StatementInput],
    reuse_links: &[(String, String)],
) -> Vec<StanceGroup> {
    let sources = Sources::new(
        reuse_links.iter().map(|(a, b)| (a.as_str(), b.as_str())),
        [],
    );
    let retellings: Vec<Retelling> = reuse_links
        .iter()
        .map(|(a, b)| Retelling {
            a: a.clone(),
            b: b.clone(),
            passages: Vec::new(),
        })
        .collect();
    group_retellings(statements, &retellings, &sources)
}

/// [`group_statements`] with the aligned passages of the reuse links: a
/// statement and its retelling are then found passage by passage, however
/// reworded. `independent` counts each group's sources (reuse, outlets).
pub fn group_retellings(
    statements: &[StatementInput],
    retellings: &[Retelling],
    independent: &Sources,
) -> Vec<StanceGroup> {
    let sources = SourceMap::new(statements, retellings);
    let mut by_holder: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in statements.iter().enumerate() {
        by_holder.entry(s.holder.as_str()).or_default().push(i);
    }
    let mut groups: Vec<StanceGroup> = by_holder
        .values()
        .flat_map(|members| {
            let vectors = Vectors::new(statements, members);
            let scores = vectors.scores(statements, &sources);
            let groups = fold(statements, cluster(members, &scores), independent);
            groups
                .into_iter()
                .map(|group| finish(statements, &group, &scores, independent))
                .collect::<Vec<_>>()
        })
        .collect();
    groups.sort_by(|a, b| {
        (&a.holder, &a.polarity)
            .cmp(&(&b.holder, &b.polarity))
            .then(b.independent_sources.cmp(&a.independent_sources))
            .then(b.members.len().cmp(&a.members.len()))
            .then(b.documents.len().cmp(&a.documents.len()))
            .then(a.label.cmp(&b.label))
    });
    groups
}

type Passages = Vec<((usize, usize), (usize, usize))>;

/// Which documents retell each other (components of the reuse links), and
/// the passages each link aligns.
struct SourceMap {
    source: HashMap<String, usize>,
    /// (a, b) → passages as (in a, in b), stored both ways.
    passages: HashMap<(String, String), Passages>,
}

impl SourceMap {
    fn new(statements: &[StatementInput], retellings: &[Retelling]) -> SourceMap {
        let mut ids: Vec<&str> = statements.iter().map(|s| s.document.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let position: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, d)| (*d, i)).collect();
        let mut sets = UnionFind::new(ids.len());
        let mut passages = HashMap::new();
        for r in retellings {
            if let (Some(&x), Some(&y)) = (position.get(r.a.as_str()), position.get(r.b.as_str())) {
                sets.union(x, y);
            }
            let flipped = r.passages.iter().map(|&(pa, pb)| (pb, pa)).collect();
            passages.insert((r.a.clone(), r.b.clone()), r.passages.clone());
            passages.insert((r.b.clone(), r.a.clone()), flipped);
        }
        let source = ids
            .iter()
            .enumerate()
            .map(|(i, d)| (d.to_string(), sets.find(i)))
            .collect();
        SourceMap { source, passages }
    }

    fn same_source(&self, a: &str, b: &str) -> bool {
        self.source.get(a) == self.source.get(b)
    }

    /// The passages aligned between two documents linked directly, if the
    /// link gave any.
    fn passages(&self, a: &str, b: &str) -> Option<&Passages> {
        self.passages
            .get(&(a.to_string(), b.to_string()))
            .filter(|p| !p.is_empty())
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Weighted features of one holder's statements.
struct Vectors {
    /// Per statement (index into the holder's list): feature → weight.
    features: Vec<Vec<(u64, f64)>>,
    norms: Vec<f64>,
    /// Statement indices (into the input) of the holder's list.
    members: Vec<usize>,
    /// Each statement's place among the holder's statements of its
    /// document and polarity, from 0 (first) to 1 (last).
    order: Vec<f64>,
}

impl Vectors {
    fn new(statements: &[StatementInput], members: &[usize]) -> Vectors {
        let sets: Vec<Vec<(u64, bool)>> =
            members.iter().map(|&i| features(&statements[i])).collect();
        let mut df: HashMap<u64, usize> = HashMap::new();
        for set in &sets {
            for &(f, _) in set {
                *df.entry(f).or_default() += 1;
            }
        }
        let n = members.len() as f64;
        let features: Vec<Vec<(u64, f64)>> = sets
            .iter()
            .map(|set| {
                set.iter()
                    .map(|&(f, cue)| {
                        let idf = (1.0 + n / df[&f] as f64).ln();
                        (f, if cue { idf * CUE_WEIGHT } else { idf })
                    })
                    .collect()
            })
            .collect();
        let norms = features
            .iter()
            .map(|fs| fs.iter().map(|(_, w)| w * w).sum::<f64>().sqrt())
            .collect();
        Vectors {
            features,
            norms,
            members: members.to_vec(),
            order: order(statements, members),
        }
    }

    /// Cosine similarity of each pair of the same polarity that shares a
    /// feature, by positions in the holder's list.
    fn cosines(&self, statements: &[StatementInput]) -> HashMap<(usize, usize), f64> {
        let mut postings: HashMap<u64, Vec<(usize, f64)>> = HashMap::new();
        for (x, fs) in self.features.iter().enumerate() {
            for &(f, w) in fs {
                postings.entry(f).or_default().push((x, w));
            }
        }
        // Features in key order: the sums then add up in one order on every
        // run, so identical runs give identical scores and groups (a score
        // a rounding away from the threshold once split groups by chance).
        let mut features: Vec<(&u64, &Vec<(usize, f64)>)> = postings
            .iter()
            .filter(|(_, l)| l.len() <= MAX_FEATURE_STATEMENTS)
            .collect();
        features.sort_unstable_by_key(|(f, _)| **f);
        let mut dots: HashMap<(usize, usize), f64> = HashMap::new();
        for (_, list) in features {
            for (k, &(x, wx)) in list.iter().enumerate() {
                for &(y, wy) in &list[k + 1..] {
                    *dots.entry((x, y)).or_default() += wx * wy;
                }
            }
        }
        let polarity = |x: usize| statements[self.members[x]].polarity.as_str();
        dots.into_iter()
            .filter(|((x, y), _)| polarity(*x) == polarity(*y))
            .map(|((x, y), dot)| ((x, y), dot / (self.norms[x] * self.norms[y])))
            .collect()
    }

    /// Each pair's similarity over [`SAME_POINT`] (≥ 1: the same point),
    /// by input indices. Statements of one facet whose developments share
    /// an actor make the same point, statements of two facets do not. A
    /// statement and its retelling in a document linked by reuse — each
    /// the other's most similar statement there (in the passage aligned
    /// with its own, when the link gives passages), however reworded —
    /// make the same point.
    fn scores(
        &self,
        statements: &[StatementInput],
        sources: &SourceMap,
    ) -> HashMap<(usize, usize), f64> {
        let cosines = self.cosines(statements);
        let retold = self.retold(statements, sources, &cosines);
        let statement = |x: usize| &statements[self.members[x]];
        let key = |x: usize, y: usize| {
            let (i, j) = (self.members[x], self.members[y]);
            (i.min(j), i.max(j))
        };
        let mut out: HashMap<(usize, usize), f64> = cosines
            .iter()
            .map(|(&(x, y), &c)| {
                let (a, b) = (statement(x), statement(y));
                let mut score = match (&a.facet, &b.facet) {
                    (Some(f), Some(g)) if f.name != g.name => 0.0,
                    _ => c / SAME_POINT,
                };
                if retold.contains(&(x, y)) {
                    score = score.max(1.0);
                }
                (key(x, y), score)
            })
            .collect();
        // Statements of one polarity, facet and story (when known), few
        // enough to pair (quadratic cost, as for features).
        let mut by_facet: HashMap<(&str, &str, Option<&str>), Vec<usize>> = HashMap::new();
        for x in 0..self.members.len() {
            let s = statement(x);
            if let Some(f) = &s.facet {
                by_facet
                    .entry((s.polarity.as_str(), f.name.as_str(), s.story.as_deref()))
                    .or_default()
                    .push(x);
            }
        }
        for list in by_facet
            .values()
            .filter(|l| l.len() <= MAX_FEATURE_STATEMENTS)
        {
            for (k, &x) in list.iter().enumerate() {
                for &y in &list[k + 1..] {
                    if same_development(statement(x), statement(y)) {
                        let score = out.entry(key(x, y)).or_default();
                        *score = score.max(1.0);
                    }
                }
            }
        }
        out
    }

    /// Pairs (by positions in the holder's list) that retell each other.
    fn retold(
        &self,
        statements: &[StatementInput],
        sources: &SourceMap,
        cosines: &HashMap<(usize, usize), f64>,
    ) -> HashSet<(usize, usize)> {
        let statement = |x: usize| &statements[self.members[x]];
        let eligible = |x: usize, y: usize, c: f64| {
            let (a, b) = (statement(x), statement(y));
            if a.document == b.document || !sources.same_source(&a.document, &b.document) {
                return false;
            }
            // Inside aligned passages, only statements of corresponding
            // passages; outside them (or without passages), a similar one
            // at about the same place: a retelling keeps the order.
            let passages = sources.passages(&a.document, &b.document);
            let in_a = passages.is_some_and(|ps| ps.iter().any(|&(pa, _)| overlaps(a.span, pa)));
            let in_b = passages.is_some_and(|ps| ps.iter().any(|&(_, pb)| overlaps(b.span, pb)));
            match passages {
                Some(ps) if in_a || in_b => ps
                    .iter()
                    .any(|&(pa, pb)| overlaps(a.span, pa) && overlaps(b.span, pb)),
                _ => c >= RETOLD_FLOOR && (self.order[x] - self.order[y]).abs() <= RETOLD_DRIFT,
            }
        };
        // The most similar eligible statement of each other document.
        let mut best: HashMap<(usize, &str), (usize, f64)> = HashMap::new();
        for (&(x, y), &c) in cosines {
            if !eligible(x, y, c) {
                continue;
            }
            for (from, to) in [(x, y), (y, x)] {
                let entry = best
                    .entry((from, statement(to).document.as_str()))
                    .or_insert((to, c));
                if c > entry.1 || (c == entry.1 && to < entry.0) {
                    *entry = (to, c);
                }
            }
        }
        let best_of =
            |x: usize, y: usize| best.get(&(x, statement(y).document.as_str())).map(|b| b.0);
        cosines
            .keys()
            .filter(|&&(x, y)| best_of(x, y) == Some(y) && best_of(y, x) == Some(x))
            .copied()
            .collect()
    }
}

/// The place of each statement among those of its document and polarity
/// (in the list), from 0 to 1.
fn order(statements: &[StatementInput], members: &[usize]) -> Vec<f64> {
    let mut by_document: HashMap<(&str, &str), Vec<(usize, usize)>> = HashMap::new();
    for (x, &i) in members.iter().enumerate() {
        let s = &statements[i];
        by_document
            .entry((s.document.as_str(), s.polarity.as_str()))
            .or_default()
            .push((s.span.0, x));
    }
    let mut out = vec![0.0; members.len()];
    for list in by_document.values_mut() {
        list.sort_unstable();
        let last = (list.len() - 1).max(1) as f64;
        for (rank, &(_, x)) in list.iter().enumerate() {
            out[x] = rank as f64 / last;
        }
    }
    out
}

/// The features of a statement: its content-word classes and its topic's
/// actors, each marked when it only stands in the cue.
fn features(s: &StatementInput) -> Vec<(u64, bool)> {
    let doc = Doc::new(&s.text);
    let in_cue = |t: &Token| {
        let start = s.span.0 + t.start as usize;
        s.cue.0 <= start && start < s.cue.1
    };
    let mut out: Vec<(u64, bool)> = doc
        .tokens
        .iter()
        .filter(|t| !t.stop)
        .map(|t| (t.class, in_cue(t)))
        .chain(
            s.topic_actors
                .iter()
                .map(|a| (word_hash(&format!("@{a}")), false)),
        )
        .collect();
    // A feature outside the cue anywhere counts in full.
    out.sort_unstable();
    out.dedup_by_key(|f| f.0);
    out
}

fn score(scores: &HashMap<(usize, usize), f64>, a: usize, b: usize) -> f64 {
    scores.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0)
}

/// Average-linkage clustering: pairs from the most similar down; two
/// groups merge when the mean score over all their cross pairs is at
/// least 1. Each group keeps the summed score to every group it has a
/// scored pair with (a pair without a score counts zero), so a merge
/// decision costs one look-up and a merge the smaller group's neighbours:
/// `O(P log P)` for `P` scored pairs, however large the groups grow (a
/// statement copied into hundreds of documents made summing every cross
/// pair at each decision quartic in the copies).
fn cluster(members: &[usize], scores: &HashMap<(usize, usize), f64>) -> Vec<Vec<usize>> {
    let mut pairs: Vec<(&(usize, usize), &f64)> =
        scores.iter().filter(|(_, &s)| s >= 1.0).collect();
    pairs.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    let position: HashMap<usize, usize> =
        members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let mut sets = UnionFind::new(members.len());
    let mut groups: Vec<Vec<usize>> = members.iter().map(|&i| vec![i]).collect();
    // Per group (by its root): the summed score to each adjacent group.
    let mut between: Vec<HashMap<usize, f64>> = vec![HashMap::new(); members.len()];
    // In key order, so the sums add up in one order on every run.
    let mut scored: Vec<(&(usize, usize), &f64)> = scores.iter().collect();
    scored.sort_by(|a, b| a.0.cmp(b.0));
    for (&(i, j), &s) in scored {
        let (x, y) = (position[&i], position[&j]);
        *between[x].entry(y).or_default() += s;
        *between[y].entry(x).or_default() += s;
    }
    for (&(i, j), _) in pairs {
        let (a, b) = (sets.find(position[&i]), sets.find(position[&j]));
        if a == b {
            continue;
        }
        let total = between[a].get(&b).copied().unwrap_or(0.0);
        let pairs_between = (groups[a].len() * groups[b].len()) as f64;
        if total / pairs_between < 1.0 {
            continue;
        }
        // The group with fewer neighbours is folded into the other, so a
        // merge touches only the smaller adjacency.
        let (root, gone) = if between[a].len() >= between[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        sets.attach(gone, root);
        let mut moved = std::mem::take(&mut groups[gone]);
        if moved.len() > groups[root].len() {
            std::mem::swap(&mut moved, &mut groups[root]);
        }
        groups[root].extend(moved);
        let folded = std::mem::take(&mut between[gone]);
        between[root].remove(&gone);
        for (other, s) in folded {
            if other == root {
                continue;
            }
            *between[root].entry(other).or_default() += s;
            let theirs = &mut between[other];
            theirs.remove(&gone);
            *theirs.entry(root).or_default() += s;
        }
    }
    let mut out: Vec<Vec<usize>> = groups.into_iter().filter(|g| !g.is_empty()).collect();
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort();
    out
}

/// Whether two statements are about the same development: their
/// documents are of one story when the caller knows stories; else their
/// developments share an actor (or one names none: a statement that does
/// not say what it is about fits any).
fn same_development(a: &StatementInput, b: &StatementInput) -> bool {
    if let (Some(x), Some(y)) = (&a.story, &b.story) {
        return x == y;
    }
    let (x, y) = (&a.topic_actors, &b.topic_actors);
    x.is_empty() || y.is_empty() || x.iter().any(|actor| y.contains(actor))
}

/// The facet most members of a group give (the first in name order of
/// equals), if any gives one.
fn group_facet<'a>(statements: &'a [StatementInput], group: &[usize]) -> Option<&'a str> {
    let mut facets: Vec<&str> = group
        .iter()
        .filter_map(|&i| statements[i].facet.as_ref().map(|f| f.name.as_str()))
        .collect();
    facets.sort_unstable();
    let mut best: Option<(&str, usize)> = None;
    for run in facets.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| run.len() > n) {
            best = Some((run[0], run.len()));
        }
    }
    best.map(|(f, _)| f)
}

fn is_gain_or_loss(polarity: &str) -> bool {
    matches!(polarity, "benefit" | "cost")
}

/// A gain or loss a want may fold into: its polarity, its rank
/// (independent sources, members) and its index among the groups.
type Target<'a> = (&'a str, (usize, usize), usize);

/// Folds each group of wants or objections into the gain or loss of its
/// facet that it is evidence for: the best-sourced group of that facet
/// (about the same development) among the gains, or among the losses,
/// whichever side has more independent sources; kept apart when neither
/// side names the facet, or both do equally. Gains and losses are looked
/// up by facet, so the work grows with the groups of one facet only.
fn fold(
    statements: &[StatementInput],
    mut groups: Vec<Vec<usize>>,
    sources: &Sources,
) -> Vec<Vec<usize>> {
    let polarity = |g: &[usize]| statements[g[0]].polarity.as_str();
    let related = |a: &[usize], b: &[usize]| {
        a.iter().any(|&i| {
            b.iter()
                .any(|&j| same_development(&statements[i], &statements[j]))
        })
    };
    let mut sides: HashMap<&str, Vec<Target>> = HashMap::new();
    for (t, g) in groups.iter().enumerate() {
        if let Some(facet) = group_facet(statements, g).filter(|_| is_gain_or_loss(polarity(g))) {
            let documents = g.iter().map(|&i| statements[i].document.as_str());
            let rank = (sources.count(documents), g.len());
            sides.entry(facet).or_default().push((polarity(g), rank, t));
        }
    }
    // (want or objection, gain or loss) by index into `groups`.
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (w, want) in groups.iter().enumerate() {
        let Some(candidates) = group_facet(statements, want)
            .filter(|_| !is_gain_or_loss(polarity(want)))
            .and_then(|facet| sides.get(facet))
        else {
            continue;
        };
        let best = |side: &str| {
            candidates
                .iter()
                .filter(|&&(p, _, t)| p == side && related(want, &groups[t]))
                .map(|&(_, rank, t)| (rank, t))
                .max()
        };
        let target = match (best("benefit"), best("cost")) {
            (Some(gain), Some(loss)) if gain.0 .0 != loss.0 .0 => Some(gain.max(loss).1),
            (Some(only), None) | (None, Some(only)) => Some(only.1),
            _ => None,
        };
        moves.extend(target.map(|t| (w, t)));
    }
    for &(w, t) in &moves {
        let members = std::mem::take(&mut groups[w]);
        groups[t].extend(members);
    }
    groups.retain(|g| !g.is_empty());
    for g in &mut groups {
        g.sort_unstable();
    }
    groups
}

fn finish(
    statements: &[StatementInput],
    group: &[usize],
    scores: &HashMap<(usize, usize), f64>,
    sources: &Sources,
) -> StanceGroup {
    let first = &statements[group[0]];
    let polarity = group
        .iter()
        .map(|&i| statements[i].polarity.as_str())
        .find(|p| is_gain_or_loss(p))
        .unwrap_or(&first.polarity);
    let clearest = clearest(statements, group, polarity, scores);
    let mut documents: Vec<String> = group
        .iter()
        .map(|&i| statements[i].document.clone())
        .collect();
    documents.sort();
    documents.dedup();
    StanceGroup {
        holder: first.holder.clone(),
        polarity: polarity.to_string(),
        topic: common_topic(statements, group),
        label: label(&statements[clearest]),
        members: group
            .iter()
            .map(|&i| GroupMember {
                statement: i,
                document: statements[i].document.clone(),
                span: statements[i].span,
            })
            .collect(),
        independent_sources: sources.count(documents.iter().map(String::as_str)),
        documents,
    }
}

/// The member that best stands for the group: one of the group's own
/// polarity (a loss, not the want folded into it), that says what it is
/// about without pointing back ("this", "such"), in words an author wrote
/// (not machine-rewritten), that opens with a name (most often the
/// holder's), the most similar to the others, the outlet's own over a
/// quotation, the shortest.
fn clearest(
    statements: &[StatementInput],
    group: &[usize],
    polarity: &str,
    scores: &HashMap<(usize, usize), f64>,
) -> usize {
    let own = |i: usize| statements[i].polarity == polarity;
    let self_contained = |i: usize| {
        !statements[i]
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| FunctionWords::Demonstrative.contains(&w.to_lowercase()))
    };
    let centrality = |i: usize| group.iter().map(|&j| score(scores, i, j)).sum::<f64>();
    let opens_with_name = |i: usize| {
        let text = &statements[i].text;
        let first = text[body_start(text)..]
            .split_whitespace()
            .next()
            .unwrap_or("");
        first.starts_with(char::is_uppercase)
            && !FunctionWords::HolderPronoun.contains(&first.to_lowercase())
    };
    *group
        .iter()
        .max_by(|&&a, &&b| {
            own(a)
                .cmp(&own(b))
                .then(self_contained(a).cmp(&self_contained(b)))
                .then(statements[b].spun.cmp(&statements[a].spun))
                .then(opens_with_name(a).cmp(&opens_with_name(b)))
                .then(centrality(a).total_cmp(&centrality(b)))
                .then(
                    statements[b]
                        .speaker
                        .is_some()
                        .cmp(&statements[a].speaker.is_some()),
                )
                .then(statements[b].text.len().cmp(&statements[a].text.len()))
                .then(b.cmp(&a))
        })
        .expect("groups are never empty")
}

/// The topic most members give (the first of equals), if any gives one.
fn common_topic(statements: &[StatementInput], group: &[usize]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for topic in group.iter().filter_map(|&i| statements[i].topic.as_deref()) {
        match counts.iter_mut().find(|(t, _)| *t == topic) {
            Some((_, n)) => *n += 1,
            None => counts.push((topic, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .iter()
        .find(|(_, n)| *n == best)
        .map(|(t, _)| t.to_string())
}

/// Where a statement's text starts once a list item's heading is left
/// out: "Rising Costs in the North: Japan's budget will …" starts at
/// "Japan's". A heading is a few words in title case (function words
/// aside) before a colon, with text after it.
fn body_start(text: &str) -> usize {
    let doc = Doc::new(text);
    let tokens = &doc.tokens;
    let colon = (1..tokens.len().min(HEADING_WORDS + 1))
        .find(|&k| text[tokens[k - 1].end as usize..tokens[k].start as usize].contains(':'));
    let title_case = |t: &Token| t.stop || text[t.span()].starts_with(char::is_uppercase);
    match colon {
        Some(k) if tokens[..k].iter().all(title_case) => tokens[k].start as usize,
        _ => 0,
    }
}

/// A statement's text cut to a short clause: without a list item's
/// heading ([`body_start`]), the whole text when it has at most
/// [`LABEL_WORDS`] words; else its opening words (most often the holder)
/// and, after an ellipsis, the phrase naming its facet (else its cue)
/// with what follows it up to the next comma: what the point is about.
fn label(s: &StatementInput) -> String {
    let start = body_start(&s.text);
    let text = &s.text[start..];
    let doc = Doc::new(text);
    let n = doc.tokens.len();
    if n <= LABEL_WORDS {
        return text.trim().to_string();
    }
    let words = |from: usize, to: usize| {
        &text[doc.tokens[from].start as usize..doc.tokens[to - 1].end as usize]
    };
    // The word at a byte of the document.
    let word_at = |byte: usize| {
        let at = byte.saturating_sub(s.span.0 + start);
        doc.tokens
            .iter()
            .position(|t| t.end as usize > at)
            .unwrap_or(0)
    };
    let cue = word_at(s.cue.0);
    let anchor = s.facet.as_ref().map_or(cue, |f| word_at(f.span.0));
    // The cue too, when it stands a little before the facet's phrase
    // ("reason to fret about Putin encouraging Kim's aggressive …").
    let from = if cue <= anchor && anchor - cue + 2 <= LABEL_TAIL {
        cue
    } else {
        anchor
    };
    let breaks_before = |k: usize| {
        let gap = &text[doc.tokens[k - 1].end as usize..doc.tokens[k].start as usize];
        gap.contains([',', ';', '—', '–', ':'])
    };
    let tail_start = from.saturating_sub(1).min(n - 1);
    let piece_end = (anchor + 1..n).find(|&k| breaks_before(k)).unwrap_or(n);
    let tail_end = piece_end.min((tail_start + LABEL_TAIL).max(anchor + LABEL_AFTER));
    let more = if tail_end < n { " …" } else { "" };
    let head_end = LABEL_HEAD.min(tail_start);
    if tail_end <= LABEL_WORDS || head_end == tail_start {
        return format!("{}{more}", words(0, tail_end));
    }
    format!(
        "{} … {}{more}",
        words(0, head_end),
        words(tail_start, tail_end)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(
        document: &str,
        holder: &str,
        polarity: &str,
        text: &str,
        cue: &str,
    ) -> StatementInput {
        let at = text.find(cue).expect("cue in text");
        StatementInput {
            document: document.into(),
            holder: holder.into(),
            polarity: polarity.into(),
            text: text.into(),
            span: (0, text.len()),
            cue: (at, at + cue.len()),
            ..StatementInput::default()
        }
    }

    fn groups_of(groups: &[StanceGroup]) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = groups
            .iter()
            .map(|g| g.members.iter().map(|m| m.statement).collect())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_same_point_in_other_words_is_one_group() {
        let statements = [
            statement(
                "a",
                "CHN",
                "cost",
                "Beijing loses its monopoly of influence over Pyongyang",
                "loses",
            ),
            statement(
                "b",
                "CHN",
                "cost",
                "China could lose its influence over Pyongyang",
                "lose",
            ),
            statement(
                "c",
                "CHN",
                "cost",
                "The treaty raises the risk of an arms race in Asia",
                "risk",
            ),
            // Same words, other polarity or holder: never grouped.
            statement(
                "d",
                "CHN",
                "benefit",
                "China gains influence over Pyongyang",
                "gains",
            ),
            statement(
                "e",
                "RUS",
                "cost",
                "Russia loses its influence over Pyongyang",
                "loses",
            ),
        ];
        let groups = group_statements(&statements, &[]);
        assert_eq!(groups_of(&groups), [vec![0, 1], vec![2], vec![3], vec![4]]);
        let influence = groups.iter().find(|g| g.members.len() == 2).unwrap();
        assert_eq!(influence.documents, ["a", "b"]);
        assert_eq!(influence.independent_sources, 2);
    }

    /// Regression: a statement copied into many documents (a syndicated
    /// article) summed every cross pair of two groups at each merge
    /// decision; at 10,000 generated articles the stance pass ran for
    /// minutes. The copies are one group, next to the other point.
    #[test]
    fn a_statement_copied_into_many_documents_is_one_group() {
        let copies = 400;
        let mut statements: Vec<StatementInput> = (0..copies)
            .map(|i| {
                statement(
                    &format!("copy-{i:03}"),
                    "KAZ",
                    "benefit",
                    "Kazakhstan gains water for its cotton farms under the accord",
                    "gains",
                )
            })
            .collect();
        statements.push(statement(
            "other",
            "KAZ",
            "benefit",
            "Astana wins a seat on the river basin commission",
            "wins",
        ));
        let groups = group_statements(&statements, &[]);
        assert_eq!(
            groups_of(&groups),
            [(0..copies).collect::<Vec<_>>(), vec![copies]]
        );
        assert_eq!(groups[0].independent_sources, copies);
    }

    #[test]
    fn retellings_count_once_and_group_however_reworded() {
        let statements = [
            statement(
                "a",
                "CHN",
                "oppose",
                "it does not want Russia to lose the war",
                "want",
            ),
            statement(
                "a",
                "CHN",
                "oppose",
                "China does not wish to see NATO in Asia",
                "wish",
            ),
            statement(
                "b",
                "CHN",
                "oppose",
                "it does not want to see Russia in a defeating position",
                "want",
            ),
            statement(
                "b",
                "CHN",
                "oppose",
                "China would not like NATO to come to Asia",
                "like",
            ),
        ];
        // Unlinked, the rewording is too far apart; the same words are not.
        let unlinked = groups_of(&group_statements(&statements, &[]));
        assert_eq!(unlinked, [vec![0], vec![1, 3], vec![2]]);
        assert_eq!(group_statements(&statements, &[])[0].independent_sources, 2);
        let links = [("a".to_string(), "b".to_string())];
        let groups = group_statements(&statements, &links);
        assert_eq!(groups_of(&groups), [vec![0, 2], vec![1, 3]]);
        assert!(groups.iter().all(|g| g.independent_sources == 1));
    }

    #[test]
    fn aligned_passages_pair_retold_statements() {
        let mut statements = [
            statement(
                "a",
                "CHN",
                "oppose",
                "it does not want Russia to lose the war",
                "want",
            ),
            statement(
                "b",
                "CHN",
                "oppose",
                "China would rather see Russia hold out",
                "rather",
            ),
            statement(
                "b",
                "CHN",
                "oppose",
                "China does not want a bloc in Asia",
                "want",
            ),
        ];
        statements[1].span = (0, 40);
        statements[2].span = (100, 150);
        // The passage aligns the first statement with the second, reworded
        // one: only that pair is a retelling.
        let retellings = [Retelling {
            a: "a".into(),
            b: "b".into(),
            passages: vec![((0, 45), (0, 45))],
        }];
        let groups = group_retellings(&statements, &retellings, &Sources::new([("a", "b")], []));
        assert_eq!(groups_of(&groups), [vec![0, 1], vec![2]]);
    }

    #[test]
    fn labels_come_from_the_clearest_member_and_stay_short() {
        let statements = [
            statement(
                "a",
                "CHN",
                "benefit",
                "it could benefit from the arms deal",
                "benefit",
            ),
            statement(
                "b",
                "CHN",
                "benefit",
                "China would benefit from the arms deal",
                "benefit",
            ),
        ];
        let groups = group_statements(&statements, &[("a".into(), "b".into())]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].label, "China would benefit from the arms deal");
        let long = statement(
            "a",
            "CHN",
            "cost",
            "Beijing views the expansion of the alliance into Asia and its new ties with Australia, Japan and others as detrimental to its interests and to regional stability",
            "detrimental",
        );
        assert_eq!(
            label(&long),
            "Beijing views the expansion of the … as detrimental to its interests and to regional stability"
        );
    }

    /// A statement of story "s" with a facet.
    fn about(mut s: StatementInput, facet: &str) -> StatementInput {
        s.facet = Some(Facet {
            name: facet.into(),
            span: s.cue,
        });
        s.story = Some("s".into());
        s
    }

    #[test]
    fn one_interest_of_one_story_is_one_point_and_wants_fold_into_it() {
        let statements = [
            about(
                statement(
                    "a",
                    "CHN",
                    "cost",
                    "Beijing loses its monopoly of influence over Pyongyang",
                    "loses",
                ),
                "influence",
            ),
            about(
                statement(
                    "b",
                    "CHN",
                    "cost",
                    "Moscow becomes a new rival for Beijing in the north",
                    "rival",
                ),
                "influence",
            ),
            // The same words as the first, another interest: apart.
            about(
                statement(
                    "c",
                    "CHN",
                    "cost",
                    "Beijing loses its monopoly of trade with Pyongyang",
                    "loses",
                ),
                "economy",
            ),
            // A want about an interest the articles name as a loss is
            // evidence for that loss; one about a war they name neither
            // as a gain nor as a loss stays a want.
            about(
                statement(
                    "d",
                    "CHN",
                    "support",
                    "Beijing wants to keep its sway over the North",
                    "wants",
                ),
                "influence",
            ),
            about(
                statement(
                    "e",
                    "CHN",
                    "oppose",
                    "China does not want Russia to lose the war",
                    "want",
                ),
                "war",
            ),
        ];
        let groups = group_statements(&statements, &[]);
        assert_eq!(groups_of(&groups), [vec![0, 1, 3], vec![2], vec![4]]);
        let influence = &groups[0];
        assert_eq!(
            (influence.polarity.as_str(), influence.independent_sources),
            ("cost", 3)
        );
        // Labelled by a loss, not by the want folded into it.
        assert_ne!(influence.label, statements[3].text);
        assert_eq!(groups[2].polarity, "oppose");
    }

    #[test]
    fn a_want_stays_apart_when_its_interest_is_both_a_gain_and_a_loss() {
        let statements = [
            about(
                statement(
                    "a",
                    "IND",
                    "benefit",
                    "India gains a foothold in Europe",
                    "gains",
                ),
                "west",
            ),
            about(
                statement(
                    "b",
                    "IND",
                    "cost",
                    "India risks losing European markets",
                    "risks",
                ),
                "west",
            ),
            about(
                statement(
                    "c",
                    "IND",
                    "support",
                    "India wants Western investment",
                    "wants",
                ),
                "west",
            ),
        ];
        let groups = group_statements(&statements, &[]);
        assert_eq!(groups_of(&groups), [vec![0], vec![1], vec![2]]);
    }

    #[test]
    fn labels_leave_out_list_headings_and_show_the_interest() {
        let heading = statement(
            "a",
            "JPN",
            "cost",
            "Rising Defence Costs: Japan's budget will come under strain",
            "strain",
        );
        assert_eq!(label(&heading), "Japan's budget will come under strain");
        let text = "A major worry for Seoul is that the war could lead Moscow and Pyongyang to align their navies in the Sea of Japan, a step Seoul fears";
        let mut long = about(
            statement("a", "KOR", "cost", text, "worry"),
            "counter_alliance",
        );
        let at = text.find("align").unwrap();
        long.facet.as_mut().unwrap().span = (at, at + "align".len());
        assert_eq!(
            label(&long),
            "A major worry for Seoul is … to align their navies in the Sea of Japan …"
        );
    }
}
