//! The incremental link loop: signatures for new documents, candidates from
//! the index, verified alignments. Earlier documents are never re-signed or
//! re-compared with each other.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::align::{align_docs, Alignment};
use crate::minhash::{Index, Signature};
use crate::normalize::Doc;

/// A verified link: `a` is the document found in the index (or the earlier
/// of two new ones, by position in the batch), `b` the new document;
/// passages are `(in a, in b)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub a: u64,
    pub b: u64,
    pub alignment: Alignment,
}

/// Collections up to this size are aligned exhaustively.
const EXHAUSTIVE_BELOW: usize = 200;

/// Links a batch of new documents `(key, text)` against everything already
/// in `index` and against each other, and adds them to `index`.
/// `text_of` returns the text of an indexed document (from the store).
/// Returns the new documents' signatures, in batch order, for the caller to
/// keep, and the links.
pub fn link_batch<T, F>(
    index: &mut Index,
    new: &[(u64, &str)],
    text_of: F,
) -> (Vec<Signature>, Vec<Link>)
where
    T: AsRef<str>,
    F: Fn(u64) -> Option<T> + Sync,
{
    // Normalised documents are several times the size of their text, so
    // they are not kept for the whole batch: a document is normalised again
    // for alignment only when it has candidates, which few have.
    let signatures: Vec<Signature> = new
        .par_iter()
        .map(|(_, text)| Signature::new(&Doc::new(text)))
        .collect();
    for ((key, _), sig) in new.iter().zip(&signatures) {
        index.insert(*key, sig);
    }
    let position: HashMap<u64, usize> = new.iter().enumerate().map(|(i, (k, _))| (*k, i)).collect();
    // A small collection is aligned pair by pair: LSH trades recall (loosely
    // paraphrased retellings) for speed, a trade small piles do not need.
    let exhaustive = index.len() <= EXHAUSTIVE_BELOW;
    let (index, text_of, position) = (&*index, &text_of, &position);
    let links = (0..new.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let (key, text) = new[i];
            // Earlier documents, and new ones before this one in the batch
            // (the later one of two new documents aligns the pair).
            let earlier = |k: u64| k != key && position.get(&k).is_none_or(|&j| j < i);
            let others: Vec<u64> = if exhaustive {
                index
                    .keys()
                    .iter()
                    .copied()
                    .filter(|&k| earlier(k))
                    .collect()
            } else {
                index.candidates_among(&signatures[i], earlier)
            };
            let doc = (!others.is_empty()).then(|| Doc::new(text));
            others.into_iter().filter_map(move |other| {
                let doc = doc.as_ref().expect("normalised when there are candidates");
                let alignment = match position.get(&other) {
                    Some(&j) => align_docs(&Doc::new(new[j].1), doc),
                    None => align_docs(&Doc::new(text_of(other)?.as_ref()), doc),
                }?;
                Some(Link {
                    a: other,
                    b: key,
                    alignment,
                })
            })
        })
        .collect();
    (signatures, links)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str =
        "The defence ministry said on Tuesday that the new air base would open next spring.\n\
        Officials expect two squadrons of fighter jets to be stationed there permanently.\n\
        Local farmers have protested against the noise and the loss of grazing land for months.\n";
    const B: &str =
        "A storm closed every school in the valley and cut power to thousands of homes.\n\
        Rescue teams searched flooded roads for stranded drivers overnight.\n";

    #[test]
    fn later_batches_link_against_earlier_ones() {
        let mut index = Index::new();
        let (_, links) = link_batch(&mut index, &[(1, A), (2, B)], |_| None::<&str>);
        assert!(links.is_empty());
        let copy = format!("Share this article\n{A}Sign up for our newsletter\n");
        let texts = [(1, A), (2, B)];
        let text_of = |k: u64| texts.iter().find(|t| t.0 == k).map(|t| t.1);
        let (sigs, links) = link_batch(&mut index, &[(3, &copy)], text_of);
        assert_eq!(sigs.len(), 1);
        assert_eq!(index.len(), 3);
        assert_eq!(links.len(), 1);
        assert_eq!((links[0].a, links[0].b), (1, 3));
    }
}
