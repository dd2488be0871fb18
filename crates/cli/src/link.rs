//! The link stage as `dossier analyze` runs it: after each stored batch,
//! every document not linked yet (this run's, or another process's) is
//! linked against everything in the store (through an index built from
//! stored signatures and kept up to date with other processes' links),
//! and at the end of a run
//! that stored something new, stories, merged events and stance groups,
//! with their independent sources, are recomputed from the reuse links and
//! outlets read once ([`Provenance`]).

use std::collections::HashMap;

use dossier_analyze::stances::facet;
use dossier_link::{Index, Signature, Sources};
use dossier_model::Polarity;
use dossier_store::{LinkRow, ReuseRow, StanceRow, Storage, StoryRow, TextReader};

/// The link stage of one process. Its index holds the signatures of every
/// document linked so far, by this process or another: before each step it
/// takes in what other processes linked since (`seen`, a link generation),
/// and each step runs under the store's write lock, so two processes never
/// link at once against indexes that miss each other's documents.
pub struct Linker {
    index: Index,
    texts: TextReader,
    /// The latest link generation this index holds.
    seen: i64,
}

/// What one link step did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Linked {
    /// Documents compared with the store.
    pub documents: usize,
    /// Reuse links found.
    pub links: usize,
}

impl Linker {
    /// An empty index; the first step loads the store's signatures.
    pub fn open(store: &impl Storage) -> anyhow::Result<Linker> {
        Ok(Linker {
            index: Index::new(),
            texts: store.text_reader()?,
            seen: 0,
        })
    }

    /// Links every current document not linked yet, whoever stored it, in
    /// steps of at most `step` documents (so a store from before link
    /// generations is relinked without holding every text at once).
    pub fn link_pending<S: Storage>(
        &mut self,
        store: &mut S,
        step: usize,
    ) -> anyhow::Result<Linked> {
        let mut total = Linked::default();
        loop {
            let linked = store.in_one_write(|store| self.link_step(store, step.max(1)))?;
            if linked.documents == 0 {
                return Ok(total);
            }
            total.documents += linked.documents;
            total.links += linked.links;
        }
    }

    /// One step, inside the caller's write transaction.
    fn link_step<S: Storage>(&mut self, store: &mut S, step: usize) -> anyhow::Result<Linked> {
        let new = store.unlinked(step)?;
        // Nothing to link: the index is not read (on a re-run with nothing
        // new, reading every signature was most of the run's work).
        if new.is_empty() {
            return Ok(Linked::default());
        }
        let (latest, signatures) = store.linked_since(self.seen)?;
        for (key, bytes) in signatures {
            // A signature written by an incompatible version is skipped; the
            // document is simply not a candidate until re-analysed.
            if let Ok(signature) = Signature::from_bytes(&bytes) {
                self.index.insert(key as u64, &signature);
            }
        }
        self.seen = latest;
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
        self.seen = latest + 1;
        store.save_links(&signatures, &rows, self.seen)?;
        Ok(Linked {
            documents: new.len(),
            links: rows.len(),
        })
    }
}

/// What the end-of-run passes share, read from the store once: the reuse
/// links between current documents, and which documents are one source.
pub struct Provenance {
    reuse: Vec<ReuseRow>,
    sources: Sources,
}

impl Provenance {
    pub fn load(store: &impl Storage) -> anyhow::Result<Provenance> {
        let reuse = store.reuse()?;
        let outlets = store.outlets()?;
        let sources = Sources::new(
            reuse.iter().map(|r| (r.a.as_str(), r.b.as_str())),
            outlets.iter().map(|(d, o)| (d.as_str(), o.as_str())),
        );
        Ok(Provenance { reuse, sources })
    }
}

/// Regroups all current documents into stories.
pub fn restory(store: &mut impl Storage, provenance: &Provenance) -> anyhow::Result<usize> {
    let stories = group_stories(store, provenance)?;
    store.replace_stories(&stories)?;
    Ok(stories.len())
}

/// All current documents grouped into stories, as they would be stored.
pub fn group_stories(
    store: &impl Storage,
    provenance: &Provenance,
) -> anyhow::Result<Vec<StoryRow>> {
    let docs: Vec<dossier_link::StoryDoc> = store
        .story_inputs(&provenance.reuse)?
        .into_iter()
        .map(|i| dossier_link::StoryDoc {
            terms: dossier_link::salient_terms(&i.text),
            id: i.id,
            actors: i.actors,
            states: i.states,
            date: i.date,
            links: i.links,
            outlet: i.outlet,
            title: i.title,
        })
        .collect();
    Ok(dossier_link::stories(&docs)
        .into_iter()
        .map(|s| StoryRow {
            // Stable across runs for the same grouping: named after the
            // story's first document (each document is in one story).
            id: format!("story-{}", s.documents.first().map_or("", String::as_str)),
            documents: s.documents,
            independent_sources: s.independent_sources,
            name: s.name,
            evidence: s.evidence,
            first_date: s.first_date,
            last_date: s.last_date,
        })
        .collect())
}

/// Merges every current event report into events, counting independent
/// sources through the reuse links and outlets.
pub fn remerge_events(store: &mut impl Storage, provenance: &Provenance) -> anyhow::Result<usize> {
    let reports = store.event_reports()?;
    // Office-holders and state bodies stand for their state when reports
    // are compared.
    let state_of: HashMap<String, String> = store
        .actors()?
        .into_iter()
        .filter(|a| a.kind == "organization" || !a.roles.is_empty())
        .filter_map(|a| Some((a.id, a.country?)))
        .collect();
    let events = dossier_link::merge_events(&reports, &provenance.sources, &state_of);
    store.replace_events(&events)?;
    Ok(events.len())
}

/// Groups every current stance statement into the calculus: statements
/// making the same point across articles, retellings paired through the
/// reuse passages, independent sources counted through the reuse links and
/// outlets. Each statement's facet is read from its evidence here, so a
/// changed facet lexicon applies without analysing the documents again.
pub fn regroup_stances(store: &mut impl Storage, provenance: &Provenance) -> anyhow::Result<usize> {
    let story_of: HashMap<String, String> = store
        .stories()?
        .into_iter()
        .flat_map(|s| {
            let id = s.id;
            s.documents.into_iter().map(move |d| (d, id.clone()))
        })
        .collect();
    let statements: Vec<dossier_link::StatementInput> = store
        .stance_statements()?
        .into_iter()
        .map(|s| dossier_link::StatementInput {
            facet: facet_of(&s.text, s.span.0, s.polarity),
            story: story_of.get(&s.document).cloned(),
            spun: s.spun,
            document: s.document,
            holder: s.holder,
            polarity: s.polarity.name().to_string(),
            topic: s.topic,
            topic_actors: s.topic_actors,
            text: s.text,
            span: s.span,
            cue: s.cue,
            speaker: s.speaker,
        })
        .collect();
    let retellings: Vec<dossier_link::Retelling> = provenance
        .reuse
        .iter()
        .map(|r| dossier_link::Retelling {
            a: r.a.clone(),
            b: r.b.clone(),
            passages: r.passages.clone(),
        })
        .collect();
    let groups: Vec<StanceRow> =
        dossier_link::group_retellings(&statements, &retellings, &provenance.sources)
            .into_iter()
            .map(|g| {
                let basis = format!("{}|{}|{}", g.holder, g.polarity, g.label);
                StanceRow {
                    id: format!(
                        "st-{:012x}",
                        xxhash_rust::xxh3::xxh3_64(basis.as_bytes()) >> 16
                    ),
                    evidence: g
                        .members
                        .iter()
                        .map(|m| (m.document.clone(), m.span.0, m.span.1))
                        .collect(),
                    holder: g.holder,
                    // The link stage names a group by one of its
                    // statements' polarities, which came from the store.
                    polarity: Polarity::from_name(&g.polarity)
                        .expect("a group's polarity is one of its statements'"),
                    topic: g.topic,
                    text: g.label,
                    documents: g.documents,
                    independent_sources: g.independent_sources,
                }
            })
            .collect();
    store.replace_stances(&groups)?;
    Ok(groups.len())
}

/// The facet of a statement with evidence `text` starting at byte `start`
/// of its document, its span in the document's text.
pub fn facet_of(text: &str, start: usize, polarity: Polarity) -> Option<dossier_link::Facet> {
    facet(text, polarity).map(|(name, span)| dossier_link::Facet {
        name: name.to_string(),
        span: (start + span.start, start + span.end),
    })
}
