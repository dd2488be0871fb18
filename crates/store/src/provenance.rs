//! Provenance in the store: signatures for the candidate index, reuse
//! links between documents, and stories. The link stage computes them; the
//! store keeps them so that a later run links new documents against old
//! ones without recomputing the corpus.

use std::collections::HashMap;

use dossier_model::{EventReport, MergedEvent, Polarity};
use rusqlite::{params, OptionalExtension};

use crate::query::{json_list, typed};
use crate::{Result, Store};

/// A reuse link to store, between document keys.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRow {
    pub a: i64,
    pub b: i64,
    pub kind: String,
    pub similarity: f64,
    /// Aligned passages: byte ranges in a's text and in b's.
    pub passages: Vec<((usize, usize), (usize, usize))>,
}

/// A reuse link as exported, between document ids.
#[derive(Debug, Clone, PartialEq)]
pub struct ReuseRow {
    pub a: String,
    pub b: String,
    pub kind: String,
    pub similarity: f64,
    pub passages: Vec<((usize, usize), (usize, usize))>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    pub id: String,
    pub documents: Vec<String>,
    pub independent_sources: usize,
    /// A readable name: the most central headline, else the evidence.
    pub name: String,
    /// Shared specific terms and actor ids joining the documents.
    pub evidence: Vec<String>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// What story grouping needs of a current document.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryInput {
    pub id: String,
    pub text: String,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    /// Ids of the actors mentioned, states apart.
    pub actors: Vec<String>,
    /// Ids of the states mentioned.
    pub states: Vec<String>,
    /// Ids of documents linked with this one by reuse.
    pub links: Vec<String>,
}

impl Store {
    fn sqlite<T>(&self, r: rusqlite::Result<T>) -> Result<T> {
        r.map_err(|e| self.err(e))
    }

    /// The signatures of current documents linked after link generation
    /// `after` (by any process), by document key, and the latest
    /// generation. A linker adds them to its index before linking more, so
    /// that no document is compared against an index missing what another
    /// process linked meanwhile.
    pub fn linked_since(&self, after: i64) -> Result<(i64, Vec<(i64, Vec<u8>)>)> {
        // Here and in `unlinked`, the unary `+` keeps SQLite off the index
        // on `current`, which every document matches: the partial indexes
        // on `linked` find the few rows each step needs.
        let latest: i64 = self.sqlite(self.conn.query_row(
            "SELECT coalesce(max(linked), 0) FROM documents WHERE linked IS NOT NULL",
            [],
            |r| r.get(0),
        ))?;
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT s.doc, s.bytes FROM signatures s JOIN documents d ON d.key = s.doc
             WHERE d.linked IS NOT NULL AND d.linked > ?1 AND +d.current = 1 ORDER BY s.doc",
        ))?;
        let rows = self.sqlite(stmt.query_map([after], |r| Ok((r.get(0)?, r.get(1)?))))?;
        Ok((latest, self.sqlite(rows.collect())?))
    }

    /// Up to `limit` current documents no link stage has compared yet,
    /// `(key, text)`, oldest first: this process's new documents, another
    /// process's not linked yet, or a store's from before link generations.
    pub fn unlinked(&self, limit: usize) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT key, text FROM documents WHERE linked IS NULL AND +current = 1
             ORDER BY key LIMIT ?1",
        ))?;
        let rows = self.sqlite(stmt.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?))))?;
        self.sqlite(rows.collect())
    }

    /// Stores new signatures and links in one transaction, and marks the
    /// signed documents linked in `generation`.
    pub fn save_links(
        &mut self,
        signatures: &[(i64, Vec<u8>)],
        links: &[LinkRow],
        generation: i64,
    ) -> Result<()> {
        self.write(|tx| {
            let mut sig =
                tx.prepare_cached("INSERT OR REPLACE INTO signatures (doc, bytes) VALUES (?1, ?2)")?;
            let mut linked = tx.prepare_cached("UPDATE documents SET linked = ?2 WHERE key = ?1")?;
            for (key, bytes) in signatures {
                sig.execute(params![key, bytes])?;
                linked.execute(params![key, generation])?;
            }
            // The stories, events and stance groups no longer hold
            // everything linked.
            tx.execute("DELETE FROM grouped", [])?;
            let mut link = tx.prepare_cached(
                "INSERT OR REPLACE INTO reuse (a, b, kind, similarity, passages) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for l in links {
                let (a, b) = (l.a.min(l.b), l.a.max(l.b));
                link.execute(params![a, b, l.kind, l.similarity, passages_json(l)])?;
            }
            Ok(())
        })
    }

    /// Reuse links between current documents.
    pub fn reuse(&self) -> Result<Vec<ReuseRow>> {
        // The unary `+` keeps SQLite from driving the joins by an index on
        // `current` (every document is current, so that plan compares each
        // link with each document): documents are found by key instead.
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT da.id, db.id, r.kind, r.similarity, r.passages FROM reuse r
             JOIN documents da ON da.key = r.a AND +da.current = 1
             JOIN documents db ON db.key = r.b AND +db.current = 1
             ORDER BY r.similarity DESC, da.id, db.id",
        ))?;
        let rows = self.sqlite(stmt.query_map([], |r| {
            Ok(ReuseRow {
                a: r.get(0)?,
                b: r.get(1)?,
                kind: r.get(2)?,
                similarity: r.get(3)?,
                passages: parse_passages(&r.get::<_, String>(4)?),
            })
        }))?;
        self.sqlite(rows.collect())
    }

    /// What story grouping needs of every current document, given the
    /// reuse links between current documents ([`Store::reuse`]).
    pub fn story_inputs(&self, reuse: &[ReuseRow]) -> Result<Vec<StoryInput>> {
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT DISTINCT d.id, m.actor, a.kind = 'state' FROM mentions m
             JOIN documents d ON d.key = m.doc AND +d.current = 1
             LEFT JOIN actors a ON a.id = m.actor",
        ))?;
        let rows = self.sqlite(stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<bool>>(2)?.unwrap_or(false),
            ))
        }))?;
        let mentioned = self.sqlite(rows.collect::<rusqlite::Result<Vec<_>>>())?;
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT id, text, coalesce(published, published_inferred), outlet, title
             FROM documents WHERE current = 1 ORDER BY id",
        ))?;
        let rows = self.sqlite(stmt.query_map([], |r| {
            Ok(StoryInput {
                id: r.get(0)?,
                text: r.get(1)?,
                date: r.get(2)?,
                outlet: r.get(3)?,
                title: r.get(4)?,
                actors: Vec::new(),
                states: Vec::new(),
                links: Vec::new(),
            })
        }))?;
        let documents = self.sqlite(rows.collect::<rusqlite::Result<Vec<_>>>())?;
        Ok(join_story_inputs(documents, mentioned, reuse))
    }

    /// Replaces all stories.
    pub fn replace_stories(&mut self, stories: &[StoryRow]) -> Result<()> {
        self.write(|tx| {
        tx.execute("DELETE FROM stories", [])?;
        for s in stories {
            let docs = serde_json::to_string(&s.documents).unwrap_or_else(|_| "[]".into());
            let evidence = serde_json::to_string(&s.evidence).unwrap_or_else(|_| "[]".into());
            tx.execute(
                "INSERT INTO stories (id, documents, independent_sources, name, evidence, first_date, last_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    s.id,
                    docs,
                    s.independent_sources as i64,
                    s.name,
                    evidence,
                    s.first_date,
                    s.last_date
                ],
            )
            ?;
        }
            Ok(())
        })
    }

    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let mut stmt = self.sqlite(
            self.conn
                .prepare("SELECT id, documents, independent_sources, name, evidence, first_date, last_date
                          FROM stories ORDER BY independent_sources DESC, json_array_length(documents) DESC, id"),
        )?;
        let rows = self.sqlite(stmt.query_map([], |r| {
            Ok(StoryRow {
                id: r.get(0)?,
                documents: serde_json::from_str(&r.get::<_, String>(1)?).unwrap_or_default(),
                independent_sources: r.get::<_, i64>(2)? as usize,
                name: r.get(3)?,
                evidence: json_list(r.get(4)?),
                first_date: r.get(5)?,
                last_date: r.get(6)?,
            })
        }))?;
        self.sqlite(rows.collect())
    }
}

/// Reads document texts from its own connection, shareable across threads
/// (the link stage aligns candidate pairs in parallel).
pub struct TextReader {
    source: TextSource,
}

enum TextSource {
    Sqlite(std::sync::Mutex<rusqlite::Connection>),
    Postgres(std::sync::Mutex<postgres::Client>),
}

impl TextReader {
    pub(crate) fn postgres(client: postgres::Client) -> TextReader {
        TextReader {
            source: TextSource::Postgres(std::sync::Mutex::new(client)),
        }
    }

    pub fn get(&self, key: i64) -> Option<String> {
        match &self.source {
            TextSource::Sqlite(conn) => conn
                .lock()
                .ok()?
                .query_row("SELECT text FROM documents WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()
                .ok()
                .flatten(),
            TextSource::Postgres(client) => client
                .lock()
                .ok()?
                .query_opt("SELECT text FROM documents WHERE key = $1", &[&key])
                .ok()
                .flatten()
                .map(|r| r.get(0)),
        }
    }
}

impl Store {
    /// A second, read-only connection for reading texts from other threads.
    pub fn text_reader(&self) -> Result<TextReader> {
        let conn = rusqlite::Connection::open_with_flags(
            self.path(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| self.err(e))?;
        Ok(TextReader {
            source: TextSource::Sqlite(std::sync::Mutex::new(conn)),
        })
    }
}

/// `(short id, full id)` for each person id of `ids` that is a surname
/// alone and the last part of exactly one full name among `ids`.
pub(crate) fn surname_merges(ids: &[String]) -> Vec<(String, String)> {
    // Full names by their last part, so each short id is one look-up.
    let mut by_surname: HashMap<&str, Vec<&String>> = HashMap::new();
    for id in ids {
        if let Some((_, surname)) = id.rsplit_once('-') {
            by_surname.entry(surname).or_default().push(id);
        }
    }
    let mut merges = Vec::new();
    for short in ids.iter().filter(|id| !id.contains('-')) {
        let surname = short.trim_start_matches("person:");
        if let Some([full]) = by_surname.get(surname).map(Vec::as_slice) {
            merges.push((short.clone(), (*full).clone()));
        }
    }
    merges
}

/// A link's passages as stored: `[a0, a1, b0, b1]` with `a` the document
/// of the smaller key.
pub(crate) fn passages_json(l: &LinkRow) -> String {
    let passages: Vec<[usize; 4]> = l
        .passages
        .iter()
        .map(|&((a0, a1), (b0, b1))| {
            if l.a <= l.b {
                [a0, a1, b0, b1]
            } else {
                [b0, b1, a0, a1]
            }
        })
        .collect();
    serde_json::to_string(&passages).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn parse_passages(json: &str) -> Vec<((usize, usize), (usize, usize))> {
    let passages: Vec<[usize; 4]> = serde_json::from_str(json).unwrap_or_default();
    passages
        .into_iter()
        .map(|p| ((p[0], p[1]), (p[2], p[3])))
        .collect()
}

/// The current documents (in id order) with the actors and states each
/// mentions (`(document, actor, is a state)`) and the documents each is
/// linked with by `reuse`.
pub(crate) fn join_story_inputs(
    documents: Vec<StoryInput>,
    mentioned: Vec<(String, String, bool)>,
    reuse: &[ReuseRow],
) -> Vec<StoryInput> {
    let mut links: HashMap<String, Vec<String>> = HashMap::new();
    for r in reuse {
        links.entry(r.a.clone()).or_default().push(r.b.clone());
        links.entry(r.b.clone()).or_default().push(r.a.clone());
    }
    let mut actors: HashMap<String, Vec<String>> = HashMap::new();
    let mut states: HashMap<String, Vec<String>> = HashMap::new();
    for (doc, actor, state) in mentioned {
        let list = if state { &mut states } else { &mut actors };
        list.entry(doc).or_default().push(actor);
    }
    documents
        .into_iter()
        .map(|mut input| {
            input.actors = actors.remove(&input.id).unwrap_or_default();
            input.states = states.remove(&input.id).unwrap_or_default();
            input.links = links.remove(&input.id).unwrap_or_default();
            input
        })
        .collect()
}

impl Store {
    /// People named only by surname in some article ("Mr. Delury" →
    /// `person:delury`) are merged into the one person with that surname
    /// named in full elsewhere (`person:john-delury`), when exactly one is.
    /// Returns how many ids were merged.
    pub fn merge_surname_people(&mut self) -> Result<usize> {
        let ids: Vec<String> = {
            let mut stmt = self.sqlite(
                self.conn
                    .prepare("SELECT id FROM actors WHERE kind = 'person'"),
            )?;
            let rows = self.sqlite(stmt.query_map([], |r| r.get(0)))?;
            self.sqlite(rows.collect::<rusqlite::Result<_>>())?
        };
        let merges = surname_merges(&ids);
        self.write(|tx| {
            for (short, full) in &merges {
                tx.execute(
                    "UPDATE mentions SET actor = ?2 WHERE actor = ?1",
                    params![short, full],
                )?;
                tx.execute(
                    "UPDATE quotes SET speaker_actor = ?2 WHERE speaker_actor = ?1",
                    params![short, full],
                )?;
                tx.execute("DELETE FROM actors WHERE id = ?1", [short])?;
            }
            Ok(())
        })?;
        Ok(merges.len())
    }
}

impl Store {
    pub fn event_reports(&self) -> Result<Vec<EventReport>> {
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT d.id, e.start_byte, e.end_byte, e.kind, e.sources, e.targets,
                    e.date, e.date_text, coalesce(d.published, d.published_inferred),
                    e.negated OR e.hypothetical OR e.future, e.confidence
             FROM event_mentions e JOIN documents d ON d.key = e.doc AND d.current = 1
             ORDER BY d.id, e.start_byte",
        ))?;
        let rows = self.sqlite(stmt.query_map([], |r| {
            Ok(EventReport {
                document: r.get(0)?,
                start: r.get::<_, i64>(1)? as usize,
                end: r.get::<_, i64>(2)? as usize,
                kind: r.get(3)?,
                sources: json_list(r.get(4)?),
                targets: json_list(r.get(5)?),
                date: r.get(6)?,
                date_text: r.get(7)?,
                published: r.get(8)?,
                unrealised: r.get(9)?,
                confidence: r.get::<_, f64>(10)? as f32,
            })
        }))?;
        self.sqlite(rows.collect())
    }

    /// Replaces all merged events.
    pub fn replace_events(&mut self, events: &[MergedEvent]) -> Result<()> {
        self.write(|tx| {
        tx.execute("DELETE FROM events", [])?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO events (id, kind, sources, targets, date, date_text, evidence,
                                                    independent_sources, unrealised, confidence)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                ?;
            for e in events {
                stmt.execute(params![
                    e.id,
                    e.kind,
                    serde_json::to_string(&e.sources).unwrap_or_else(|_| "[]".into()),
                    serde_json::to_string(&e.targets).unwrap_or_else(|_| "[]".into()),
                    e.date,
                    e.date_text,
                    serde_json::to_string(&e.evidence).unwrap_or_else(|_| "[]".into()),
                    e.independent_sources as i64,
                    e.unrealised,
                    e.confidence,
                ])
                ?;
            }
        }
            Ok(())
        })
    }

    /// Merged events, by date (undated last).
    pub fn events(&self) -> Result<Vec<MergedEvent>> {
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT id, kind, sources, targets, date, date_text, evidence, independent_sources, unrealised,
                    confidence
             FROM events ORDER BY date IS NULL, date, kind, id",
        ))?;
        let rows = self.sqlite(stmt.query_map([], |r| {
            Ok(MergedEvent {
                id: r.get(0)?,
                kind: r.get(1)?,
                sources: json_list(r.get(2)?),
                targets: json_list(r.get(3)?),
                date: r.get(4)?,
                date_text: r.get(5)?,
                evidence: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
                independent_sources: r.get::<_, i64>(7)? as usize,
                unrealised: r.get(8)?,
                confidence: r.get::<_, f64>(9)? as f32,
            })
        }))?;
        self.sqlite(rows.collect())
    }

    /// Whether the stories, merged events and stance groups were computed
    /// after the latest link step (by any writer): nothing was stored and
    /// linked since, so computing them again would give the same rows.
    /// Call it inside the write transaction that would regroup.
    pub fn grouping_is_current(&self) -> Result<bool> {
        self.sqlite(
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM grouped)", [], |r| r.get(0)),
        )
    }

    /// Records that the grouping was just computed from everything linked
    /// (see [`Store::grouping_is_current`]; the next link step forgets it).
    pub fn mark_grouped(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute("INSERT OR REPLACE INTO grouped (one) VALUES (1)", [])
                .map(|_| ())
        })
    }

    /// How many stories, merged events and stance groups the store holds.
    pub fn grouped_counts(&self) -> Result<(usize, usize, usize)> {
        let count = |table: &str| -> Result<usize> {
            let sql = format!("SELECT count(*) FROM {table}");
            self.sqlite(self.conn.query_row(&sql, [], |r| r.get::<_, i64>(0)))
                .map(|n| n as usize)
        };
        Ok((count("stories")?, count("events")?, count("stances")?))
    }

    /// `(document id, outlet)` of every current document whose outlet is
    /// known: one outlet's documents are one source.
    pub fn outlets(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT id, outlet FROM documents WHERE current = 1 AND outlet IS NOT NULL ORDER BY id",
        ))?;
        let rows = self.sqlite(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))))?;
        self.sqlite(rows.collect())
    }
}

/// A stance statement of a current document, ready for grouping.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementRow {
    pub document: String,
    pub holder: String,
    pub polarity: Polarity,
    pub topic: Option<String>,
    pub topic_actors: Vec<String>,
    pub text: String,
    pub span: (usize, usize),
    pub cue: (usize, usize),
    pub speaker: Option<String>,
    /// The document is machine-rewritten ("spun").
    pub spun: bool,
}

/// A group of statements making one point: the calculus.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceRow {
    pub id: String,
    pub holder: String,
    pub polarity: Polarity,
    pub topic: Option<String>,
    pub text: String,
    pub evidence: Vec<(String, usize, usize)>,
    pub documents: Vec<String>,
    pub independent_sources: usize,
}

impl Store {
    pub fn stance_statements(&self) -> Result<Vec<StatementRow>> {
        let texts = self.texts()?;
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT d.id, s.start_byte, s.end_byte, s.cue_start, s.cue_end, s.holder, s.polarity, s.topic,
                    s.topic_actors, s.speaker, d.spun
             FROM stance_statements s JOIN documents d ON d.key = s.doc AND d.current = 1
             ORDER BY d.id, s.start_byte",
        ))?;
        let rows = self.sqlite(stmt.query_map([], |r| {
            let document: String = r.get(0)?;
            let span = (r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize);
            let text = texts
                .get(&document)
                .and_then(|t| t.get(span.0..span.1))
                .unwrap_or_default()
                .to_string();
            Ok(StatementRow {
                document,
                span,
                text,
                cue: (r.get::<_, i64>(3)? as usize, r.get::<_, i64>(4)? as usize),
                holder: r.get(5)?,
                polarity: typed(
                    "stance_statements.polarity",
                    &r.get::<_, String>(6)?,
                    Polarity::from_name,
                )?,
                topic: r.get(7)?,
                topic_actors: json_list(r.get(8)?),
                speaker: r.get(9)?,
                spun: r.get(10)?,
            })
        }))?;
        self.sqlite(rows.collect())
    }

    pub fn replace_stances(&mut self, stances: &[StanceRow]) -> Result<()> {
        self.write(|tx| {
        tx.execute("DELETE FROM stances", [])?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO stances (id, holder, polarity, topic, text, evidence, documents, independent_sources)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                ?;
            for s in stances {
                stmt.execute(params![
                    s.id,
                    s.holder,
                    s.polarity.name(),
                    s.topic,
                    s.text,
                    serde_json::to_string(&s.evidence).unwrap_or_else(|_| "[]".into()),
                    serde_json::to_string(&s.documents).unwrap_or_else(|_| "[]".into()),
                    s.independent_sources as i64,
                ])
                ?;
            }
        }
            Ok(())
        })
    }

    /// The calculus: stance groups, best-sourced first, then those with
    /// most statements.
    pub fn stances(&self) -> Result<Vec<StanceRow>> {
        let mut stmt = self.sqlite(self.conn.prepare(
            "SELECT id, holder, polarity, topic, text, evidence, documents, independent_sources FROM stances
             ORDER BY independent_sources DESC, json_array_length(evidence) DESC, holder, polarity, text, id",
        ))?;
        let rows = self.sqlite(stmt.query_map([], |r| {
            Ok(StanceRow {
                id: r.get(0)?,
                holder: r.get(1)?,
                polarity: typed(
                    "stances.polarity",
                    &r.get::<_, String>(2)?,
                    Polarity::from_name,
                )?,
                topic: r.get(3)?,
                text: r.get(4)?,
                evidence: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
                documents: json_list(r.get(6)?),
                independent_sources: r.get::<_, i64>(7)? as usize,
            })
        }))?;
        self.sqlite(rows.collect())
    }
}
