//! The link stage as `dossier analyze` runs it: after each stored batch,
//! the new documents are linked against everything in the store (through
//! an index rebuilt once from stored signatures), and at the end of the run
//! stories and their independent sources are recomputed.

use dossier_link::{Index, Signature};
use dossier_store::{LinkRow, Store, StoryRow, TextReader};

pub struct Linker {
    index: Index,
    texts: TextReader,
}

impl Linker {
    /// Loads the candidate index from the store's signatures.
    pub fn open(store: &Store) -> anyhow::Result<Linker> {
        let mut index = Index::new();
        for (key, bytes) in store.signatures()? {
            // A signature written by an incompatible version is skipped; the
            // document is simply not a candidate until re-analysed.
            if let Ok(signature) = Signature::from_bytes(&bytes) {
                index.insert(key as u64, &signature);
            }
        }
        Ok(Linker {
            index,
            texts: store.text_reader()?,
        })
    }

    /// Links newly stored documents `(key, text)`; returns how many links.
    pub fn link(&mut self, store: &mut Store, new: &[(i64, String)]) -> anyhow::Result<usize> {
        if new.is_empty() {
            return Ok(0);
        }
        let batch: Vec<(u64, &str)> = new.iter().map(|(k, t)| (*k as u64, t.as_str())).collect();
        let texts = &self.texts;
        let (signatures, links) =
            dossier_link::link_batch(&mut self.index, &batch, |key| texts.get(key as i64));
        let signatures: Vec<(i64, Vec<u8>)> = new
            .iter()
            .zip(&signatures)
            .map(|((k, _), s)| (*k, s.to_bytes()))
            .collect();
        let rows: Vec<LinkRow> = links
            .iter()
            .map(|l| LinkRow {
                a: l.a as i64,
                b: l.b as i64,
                kind: l.alignment.kind.name().to_string(),
                similarity: l.alignment.similarity,
                passages: l
                    .alignment
                    .passages
                    .iter()
                    .map(|(a, b)| ((a.start, a.end), (b.start, b.end)))
                    .collect(),
            })
            .collect();
        store.save_links(&signatures, &rows)?;
        Ok(rows.len())
    }
}

/// Regroups all current documents into stories.
pub fn restory(store: &mut Store) -> anyhow::Result<usize> {
    let inputs = store.story_inputs()?;
    let docs: Vec<dossier_link::StoryDoc> = inputs
        .into_iter()
        .map(|i| dossier_link::StoryDoc {
            terms: dossier_link::salient_terms(&i.text),
            id: i.id,
            actors: i.actors,
            date: i.date,
            links: i.links,
        })
        .collect();
    let stories: Vec<StoryRow> = dossier_link::stories(&docs)
        .into_iter()
        .map(|s| StoryRow {
            // Stable across runs for the same grouping: named after the
            // story's first document (each document is in one story).
            id: format!("story-{}", s.documents.first().map_or("", String::as_str)),
            documents: s.documents,
            independent_sources: s.independent_sources,
        })
        .collect();
    store.replace_stories(&stories)?;
    Ok(stories.len())
}
