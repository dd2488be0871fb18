//! Counting independent sources: documents joined by reuse links (copies,
//! retellings, spun versions) count as one source.

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
}

/// How many independent sources stand behind `documents`: the number of
/// groups left after merging those linked by reuse (`links` are pairs of
/// document ids, in either order; links to other documents are ignored).
pub fn independent_sources<'a>(
    documents: impl IntoIterator<Item = &'a str>,
    links: &[(String, String)],
) -> usize {
    source_groups(documents, links).len()
}

/// The independent sources behind `documents`: the documents grouped by
/// reuse links, each group sorted, groups in the order of their first
/// document.
pub fn source_groups<'a>(
    documents: impl IntoIterator<Item = &'a str>,
    links: &[(String, String)],
) -> Vec<Vec<&'a str>> {
    let mut ids: Vec<&str> = documents.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let position: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut groups = UnionFind::new(ids.len());
    for (a, b) in links {
        if let (Some(&x), Some(&y)) = (position.get(a.as_str()), position.get(b.as_str())) {
            groups.union(x, y);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuse_links_merge_sources() {
        let links = vec![
            ("a".to_string(), "b".to_string()),
            ("c".to_string(), "z".to_string()),
        ];
        assert_eq!(independent_sources(["a", "b", "c", "d"], &links), 3);
        assert_eq!(independent_sources(["a", "a"], &links), 1);
        assert_eq!(independent_sources([], &links), 0);
        assert_eq!(
            source_groups(["d", "b", "c", "a"], &links),
            [vec!["a", "b"], vec!["c"], vec!["d"]]
        );
    }
}
