//! What the pages and the API read: every table of the store loaded once,
//! indexed by id, and loaded again when another connection (an `analyze`
//! run) has committed since (SQLite's `data_version`, PostgreSQL's count of
//! write transactions). Pages then cost a
//! few lookups, not a pass over the store per request.

use std::collections::{BTreeMap, HashMap, HashSet};

use dossier_model::MergedEvent;
use dossier_store::{
    ActorRow, DocumentRow, MentionRow, QuoteRow, ReuseRow, StanceRow, Storage, StoreError,
    StoryRow, TimeRow,
};

pub struct Snapshot {
    /// The store's `data_version` when this was read (`Storage::data_version`).
    pub version: i64,
    /// Current documents by date (undated last), as the store orders them.
    pub documents: Vec<DocumentRow>,
    /// Actors, most mentioned first.
    pub actors: Vec<ActorRow>,
    /// Merged events by date (undated last).
    pub events: Vec<MergedEvent>,
    pub stories: Vec<StoryRow>,
    pub quotes: Vec<QuoteRow>,
    /// Calculus points, best sourced first.
    pub stances: Vec<StanceRow>,
    pub reuse: Vec<ReuseRow>,
    document_index: HashMap<String, usize>,
    actor_index: HashMap<String, usize>,
    story_index: HashMap<String, usize>,
    /// Index into `stories` of each document's story.
    story_of: HashMap<String, usize>,
    mentions: HashMap<String, Vec<MentionRow>>,
    times: HashMap<String, Vec<TimeRow>>,
    /// Mentions of each actor per month of its documents' dates.
    actor_months: HashMap<String, BTreeMap<String, usize>>,
}

fn index_by<T>(rows: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| (id(r).to_string(), i))
        .collect()
}

fn group_by<T>(rows: Vec<T>, key: impl Fn(&T) -> &str) -> HashMap<String, Vec<T>> {
    let mut map: HashMap<String, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row).to_string()).or_default().push(row);
    }
    map
}

impl Snapshot {
    pub fn load(store: &impl Storage, version: i64) -> Result<Snapshot, StoreError> {
        let documents = store.documents()?;
        let actors = store.actors()?;
        let stories = store.stories()?;
        let mentions = group_by(store.mentions()?, |m| &m.document);
        let times = group_by(store.times()?, |t| &t.document);
        let document_index = index_by(&documents, |d| &d.id);
        let mut actor_months: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
        for (doc, rows) in &mentions {
            let Some(month) = document_index
                .get(doc)
                .and_then(|&i| date_of(&documents[i]))
                .map(|d| d.chars().take(7).collect::<String>())
            else {
                continue;
            };
            for m in rows {
                *actor_months
                    .entry(m.actor.clone())
                    .or_default()
                    .entry(month.clone())
                    .or_default() += 1;
            }
        }
        let mut story_of = HashMap::new();
        for (i, s) in stories.iter().enumerate() {
            for d in &s.documents {
                story_of.insert(d.clone(), i);
            }
        }
        Ok(Snapshot {
            version,
            actor_index: index_by(&actors, |a| &a.id),
            story_index: index_by(&stories, |s| &s.id),
            document_index,
            story_of,
            actor_months,
            mentions,
            times,
            events: store.events()?,
            quotes: store.quotes()?,
            stances: store.stances()?,
            reuse: store.reuse()?,
            documents,
            actors,
            stories,
        })
    }

    pub fn document(&self, id: &str) -> Option<&DocumentRow> {
        self.document_index.get(id).map(|&i| &self.documents[i])
    }

    pub fn actor(&self, id: &str) -> Option<&ActorRow> {
        self.actor_index.get(id).map(|&i| &self.actors[i])
    }

    pub fn story(&self, id: &str) -> Option<&StoryRow> {
        self.story_index.get(id).map(|&i| &self.stories[i])
    }

    /// A story with its documents as a set, for filtering records by them.
    pub fn story_documents(&self, id: &str) -> Option<(&StoryRow, HashSet<&str>)> {
        let story = self.story(id)?;
        Some((story, story.documents.iter().map(String::as_str).collect()))
    }

    /// The story a document belongs to, if any.
    pub fn story_of(&self, document: &str) -> Option<&StoryRow> {
        self.story_of.get(document).map(|&i| &self.stories[i])
    }

    /// An actor's display name, else its id.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.actor(id).map_or(id, |a| a.name.as_str())
    }

    pub fn mentions_in(&self, document: &str) -> &[MentionRow] {
        self.mentions.get(document).map_or(&[], Vec::as_slice)
    }

    pub fn times_in(&self, document: &str) -> &[TimeRow] {
        self.times.get(document).map_or(&[], Vec::as_slice)
    }

    /// Mentions of an actor per month (`YYYY-MM`, or `YYYY` when that is
    /// all a date says), oldest first.
    pub fn actor_months(&self, id: &str) -> Vec<(&str, usize)> {
        self.actor_months.get(id).map_or_else(Vec::new, |m| {
            m.iter().map(|(k, v)| (k.as_str(), *v)).collect()
        })
    }

    /// Events with a report in one of these documents.
    pub fn events_in<'a>(
        &'a self,
        documents: &'a HashSet<&str>,
    ) -> impl Iterator<Item = &'a MergedEvent> {
        self.events.iter().filter(move |e| {
            e.evidence
                .iter()
                .any(|(d, _, _)| documents.contains(d.as_str()))
        })
    }

    /// Reuse links touching a document.
    pub fn reuse_of<'a>(&'a self, document: &'a str) -> impl Iterator<Item = &'a ReuseRow> {
        self.reuse
            .iter()
            .filter(move |r| r.a == document || r.b == document)
    }
}

/// A document's date: published, else inferred from its text.
pub fn date_of(d: &DocumentRow) -> Option<&str> {
    d.published.as_deref().or(d.published_inferred.as_deref())
}
