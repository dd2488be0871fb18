//! Counting independent sources: documents joined by reuse links (copies,
//! retellings, spun versions) and documents of one outlet count as one
//! source.

use std::collections::HashMap;

/// Disjoint sets over `0..n`, for grouping documents linked by reuse.
pub(crate) struct UnionFind(Vec<usize>);

impl UnionFind {
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        self.0[a.max(b)] = a.min(b);
    }

    /// Joins the set of root `child` to the set of root `parent`, which
    /// stays the root: for callers keeping per-set data at the root that
    /// choose which side is cheaper to move.
    pub(crate) fn attach(&mut self, child: usize, parent: usize) {
        self.0[child] = parent;
    }
}

/// Which documents are one source, as a per-document adjacency built once
/// (from every reuse link and every document's outlet): the sources behind
/// any set of documents then cost that set's size and links, never a scan
/// of every link in the store.
#[derive(Debug, Default)]
pub struct Sources {
    index: HashMap<String, u32>,
    /// Per document: the documents it is linked with by reuse.
    linked: Vec<Vec<u32>>,
    /// Per document: its outlet's number, if known.
    outlet: Vec<Option<u32>>,
}

impl Sources {
    /// From reuse links (pairs of document ids, in either order) and
    /// `(document, outlet)` pairs.
    pub fn new<'a>(
        links: impl IntoIterator<Item = (&'a str, &'a str)>,
        outlets: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Sources {
        let mut s = Sources::default();
        for (a, b) in links {
            let (a, b) = (s.number(a), s.number(b));
            s.linked[a as usize].push(b);
            s.linked[b as usize].push(a);
        }
        let mut names: HashMap<&str, u32> = HashMap::new();
        for (doc, outlet) in outlets {
            let next = names.len() as u32;
            let o = *names.entry(outlet).or_insert(next);
            let d = s.number(doc);
            s.outlet[d as usize] = Some(o);
        }
        s
    }

    fn number(&mut self, doc: &str) -> u32 {
        if let Some(&k) = self.index.get(doc) {
            return k;
        }
        let k = self.linked.len() as u32;
        self.index.insert(doc.to_string(), k);
        self.linked.push(Vec::new());
        self.outlet.push(None);
        k
    }

    /// How many independent sources stand behind `documents`.
    pub fn count<'a>(&self, documents: impl IntoIterator<Item = &'a str>) -> usize {
        self.groups(documents).len()
    }

    /// The independent sources behind `documents`: the documents grouped
    /// by the reuse links among them and by outlet, each group sorted,
    /// groups in the order of their first document.
    pub fn groups<'a>(&self, documents: impl IntoIterator<Item = &'a str>) -> Vec<Vec<&'a str>> {
        let mut ids: Vec<&str> = documents.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let known: Vec<Option<u32>> = ids.iter().map(|d| self.index.get(*d).copied()).collect();
        let local: HashMap<u32, usize> = known
            .iter()
            .enumerate()
            .filter_map(|(i, k)| Some(((*k)?, i)))
            .collect();
        let mut groups = UnionFind::new(ids.len());
        let mut by_outlet: HashMap<u32, usize> = HashMap::new();
        for (i, k) in known.iter().enumerate() {
            let Some(k) = *k else { continue };
            for other in &self.linked[k as usize] {
                if let Some(&j) = local.get(other) {
                    groups.union(i, j);
                }
            }
            if let Some(o) = self.outlet[k as usize] {
                let first = *by_outlet.entry(o).or_insert(i);
                groups.union(i, first);
            }
        }
        // The union keeps the smaller index as the root: the group's first.
        let mut out: Vec<Vec<&str>> = Vec::new();
        let mut slot: HashMap<usize, usize> = HashMap::new();
        for (i, id) in ids.iter().enumerate() {
            let root = groups.find(i);
            let k = *slot.entry(root).or_insert_with(|| {
                out.push(Vec::new());
                out.len() - 1
            });
            out[k].push(id);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuse_links_and_outlets_merge_sources() {
        let sources = Sources::new([("a", "b"), ("c", "z")], []);
        assert_eq!(sources.count(["a", "b", "c", "d"]), 3);
        assert_eq!(sources.count(["a", "a"]), 1);
        assert_eq!(sources.count([]), 0);
        assert_eq!(
            sources.groups(["d", "b", "c", "a"]),
            [vec!["a", "b"], vec!["c"], vec!["d"]]
        );
        // A link through a document outside the set joins nothing.
        let chain = Sources::new([("a", "m"), ("m", "c")], []);
        assert_eq!(chain.count(["a", "c"]), 2);

        let sources = Sources::new([("a", "b")], [("c", "Wire"), ("d", "Wire"), ("e", "Post")]);
        assert_eq!(
            sources.groups(["a", "b", "c", "d", "e", "f"]),
            [vec!["a", "b"], vec!["c", "d"], vec!["e"], vec!["f"]]
        );
    }
}
