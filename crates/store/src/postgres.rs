//! The PostgreSQL store: the same migrations (in PostgreSQL's dialect,
//! `PG_MIGRATIONS`), rows and export as the SQLite [`crate::Store`], for
//! many processes on many machines writing one store.
//!
//! Writes are serialised by one advisory lock per transaction
//! ([`WRITE_LOCK`]), as SQLite's write lock serialises them: each write is
//! short (one batch, one link step, the end-of-run passes), the heavy work
//! (extraction, analysis, alignment) runs outside it, and the link stage's
//! "what is not linked yet" means the same on both stores. The per-document
//! rows go in with one binary `COPY` per table and batch.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use dossier_model::{AnalyzedDoc, Directness, EventReport, MergedEvent, Polarity, Validators};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Row};

use crate::ingest::{
    kind_name, paragraph_kind_name, spun_examples_json, stance_speaker, time_kind_name, union_json,
};
use crate::query::{json_list, span_text, typed};
use crate::schema::{MIGRATIONS, PG_MIGRATIONS};
use crate::{
    ActorRow, DocumentRow, LinkRow, MentionRow, QuoteRow, Result, ReuseRow, StanceRow,
    StatementRow, StoreError, Stored, StoryInput, StoryRow, TextReader, TimeRow,
};

type PgResult<T> = std::result::Result<T, postgres::Error>;

/// The advisory lock key every write transaction takes ("dossier" in
/// ASCII): one writer at a time, across all processes and machines.
pub const WRITE_LOCK: i64 = 0x646f_7373_6965_72;

/// Whether `db` names a PostgreSQL store rather than a SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// A URL without its password, for messages.
pub fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            let user = user.split(':').next().unwrap_or_default();
            format!("{}{}@{}", &url[..scheme + 3], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// Run by every write transaction before it commits (migration 13's
/// table): [`PgStore::data_version`] reads the count.
const COUNT_COMMIT: &str = "UPDATE changes SET commits = commits + 1";

pub struct PgStore {
    client: RefCell<Client>,
    url: String,
    /// A transaction of ours is open: nested writes join it.
    in_transaction: Cell<bool>,
}

impl PgStore {
    /// Connects and brings the schema up to date (under the write lock,
    /// after reading the version again, so two first runs never both
    /// migrate). A store from a newer dossier is refused untouched.
    pub fn open(url: &str) -> Result<PgStore> {
        let client = Client::connect(url, NoTls).map_err(|source| StoreError::Postgres {
            url: without_password(url),
            source,
        })?;
        let store = PgStore {
            client: RefCell::new(client),
            url: url.to_string(),
            in_transaction: Cell::new(false),
        };
        // One transaction under the write lock: the version read is the
        // one migrated from, whoever else is opening the store.
        let known = PG_MIGRATIONS.len() as i64;
        debug_assert_eq!(known, MIGRATIONS.len() as i64);
        let found = store.write(|c| {
            c.batch_execute("CREATE TABLE IF NOT EXISTS dossier_schema (version BIGINT NOT NULL)")?;
            let found: i64 = c
                .query_opt("SELECT version FROM dossier_schema", &[])?
                .map_or(0, |r| r.get(0));
            if found < known {
                for sql in &PG_MIGRATIONS[found as usize..] {
                    c.batch_execute(sql)?;
                }
                c.execute("DELETE FROM dossier_schema", &[])?;
                c.execute(
                    "INSERT INTO dossier_schema (version) VALUES ($1)",
                    &[&known],
                )?;
            }
            Ok(found)
        })?;
        if found > known {
            return Err(StoreError::TooNewAt {
                location: without_password(url),
                found,
                known,
            });
        }
        Ok(store)
    }

    /// Connects to a store that must exist at this dossier's schema
    /// version, for commands that only read: nothing is created or
    /// migrated, and the session is read-only.
    pub fn open_existing(url: &str) -> Result<PgStore> {
        let mut client = Client::connect(url, NoTls).map_err(|source| StoreError::Postgres {
            url: without_password(url),
            source,
        })?;
        let location = without_password(url);
        let found: i64 = client
            .query_one("SELECT to_regclass('dossier_schema') IS NOT NULL", &[])
            .and_then(|r| {
                if r.get::<_, bool>(0) {
                    client
                        .query_opt("SELECT version FROM dossier_schema", &[])
                        .map(|r| r.map_or(0, |r| r.get(0)))
                } else {
                    Ok(0)
                }
            })
            .and_then(|found| {
                client
                    .batch_execute("SET default_transaction_read_only = on")
                    .map(|_| found)
            })
            .map_err(|source| StoreError::Postgres {
                url: location.clone(),
                source,
            })?;
        let known = PG_MIGRATIONS.len() as i64;
        if found > known {
            return Err(StoreError::TooNewAt {
                location,
                found,
                known,
            });
        }
        if found < known {
            return Err(StoreError::NotReady {
                location,
                found,
                known,
            });
        }
        Ok(PgStore {
            client: RefCell::new(client),
            url: url.to_string(),
            in_transaction: Cell::new(false),
        })
    }

    pub fn location(&self) -> String {
        without_password(&self.url)
    }

    fn err(&self, source: postgres::Error) -> StoreError {
        StoreError::Postgres {
            url: without_password(&self.url),
            source,
        }
    }

    /// Runs `f` in a write transaction holding [`WRITE_LOCK`], or in the
    /// enclosing one.
    fn write<T>(&self, f: impl FnOnce(&mut Client) -> PgResult<T>) -> Result<T> {
        let mut client = self.client.borrow_mut();
        if self.in_transaction.get() {
            return f(&mut client).map_err(|e| self.err(e));
        }
        let run = |c: &mut Client| -> PgResult<T> {
            c.batch_execute("BEGIN")?;
            c.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
            let value = f(c)?;
            c.batch_execute(COUNT_COMMIT)?;
            c.batch_execute("COMMIT")?;
            Ok(value)
        };
        run(&mut client).map_err(|e| {
            let _ = client.batch_execute("ROLLBACK");
            self.err(e)
        })
    }

    /// Runs `f` holding the write lock throughout (see
    /// [`crate::Store::in_one_write`]).
    pub fn in_one_write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut PgStore) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if self.in_transaction.get() {
            return f(self);
        }
        {
            let mut c = self.client.borrow_mut();
            c.batch_execute("BEGIN")
                .and_then(|_| c.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]))
                .map_err(|e| self.err(e))?;
        }
        self.in_transaction.set(true);
        let out = f(self);
        self.in_transaction.set(false);
        let mut c = self.client.borrow_mut();
        match out {
            Ok(value) => {
                c.batch_execute(COUNT_COMMIT)
                    .and_then(|_| c.batch_execute("COMMIT"))
                    .map_err(|e| {
                        let _ = c.batch_execute("ROLLBACK");
                        self.err(e)
                    })?;
                Ok(value)
            }
            Err(e) => {
                let _ = c.batch_execute("ROLLBACK");
                Err(e)
            }
        }
    }

    /// The number of write transactions committed to the store (migration
    /// 13): it changes when any writer commits, so a long-lived reader
    /// (`dossier serve`) knows when what it read is out of date, as SQLite's
    /// [`crate::Store::data_version`] tells it.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.rows("SELECT commits FROM changes", &[])?[0].get(0))
    }

    /// Byte spans of the sentences of the current version of document
    /// `id`, in order (none for an unknown id).
    pub fn sentence_spans(&self, id: &str) -> Result<Vec<(usize, usize)>> {
        Ok(self
            .rows(
                "SELECT s.start_byte, s.end_byte FROM sentences s
                 JOIN documents d ON d.key = s.doc AND d.current
                 WHERE d.id = $1 ORDER BY s.start_byte",
                &[&id],
            )?
            .iter()
            .map(|r| (r.get::<_, i64>(0) as usize, r.get::<_, i64>(1) as usize))
            .collect())
    }

    /// Runs `f` in one repeatable-read transaction: one snapshot.
    pub fn snapshot<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&PgStore) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if self.in_transaction.get() {
            return f(self);
        }
        self.client
            .borrow_mut()
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .map_err(|e| self.err(e))?;
        self.in_transaction.set(true);
        let out = f(self);
        self.in_transaction.set(false);
        // Ending a read transaction cannot lose anything.
        let _ = self.client.borrow_mut().batch_execute("COMMIT");
        out
    }

    pub(crate) fn rows(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        self.client
            .borrow_mut()
            .query(sql, params)
            .map_err(|e| self.err(e))
    }

    pub fn id_for_hash(&self, content_hash: &str) -> Result<Option<String>> {
        Ok(self
            .rows(
                "SELECT id FROM documents WHERE content_hash = $1",
                &[&content_hash],
            )?
            .first()
            .map(|r| r.get(0)))
    }

    /// Stores a batch in one transaction: each document row on its own
    /// (its version depends on what is stored), its spans with one `COPY`
    /// per table.
    pub fn insert_batch(&mut self, docs: &[AnalyzedDoc]) -> Result<Vec<Stored>> {
        self.write(|c| {
            let mut outcomes = Vec::with_capacity(docs.len());
            let mut keys = Vec::new();
            for doc in docs {
                let outcome = insert_document(c, doc)?;
                if let Stored::New { key, .. } | Stored::NewVersion { key, .. } = outcome {
                    keys.push((key, doc));
                }
                outcomes.push(outcome);
            }
            upsert_actors(c, &keys)?;
            copy_spans(c, &keys)?;
            Ok(outcomes)
        })
    }

    pub fn text_reader(&self) -> Result<TextReader> {
        let client = Client::connect(&self.url, NoTls).map_err(|e| self.err(e))?;
        Ok(TextReader::postgres(client))
    }

    pub fn linked_since(&self, after: i64) -> Result<(i64, Vec<(i64, Vec<u8>)>)> {
        let latest: i64 = self.rows(
            "SELECT coalesce(max(linked), 0) FROM documents WHERE linked IS NOT NULL",
            &[],
        )?[0]
            .get(0);
        let rows = self.rows(
            "SELECT s.doc, s.bytes FROM signatures s JOIN documents d ON d.key = s.doc
             WHERE d.linked IS NOT NULL AND d.linked > $1 AND d.current ORDER BY s.doc",
            &[&after],
        )?;
        Ok((latest, rows.iter().map(|r| (r.get(0), r.get(1))).collect()))
    }

    pub fn unlinked(&self, limit: usize) -> Result<Vec<(i64, String)>> {
        let rows = self.rows(
            "SELECT key, text FROM documents WHERE linked IS NULL AND current ORDER BY key LIMIT $1",
            &[&(limit as i64)],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn save_links(
        &mut self,
        signatures: &[(i64, Vec<u8>)],
        links: &[LinkRow],
        generation: i64,
    ) -> Result<()> {
        // One statement per table and batch (arrays unnested server-side),
        // not one round trip per row: a batch of 64 documents with their
        // links was ~200 statements under the store's write lock.
        let keys: Vec<i64> = signatures.iter().map(|(k, _)| *k).collect();
        let bytes: Vec<&[u8]> = signatures.iter().map(|(_, b)| b.as_slice()).collect();
        // A pair once per statement (ON CONFLICT may not touch a row
        // twice), the last one given winning as row by row.
        let mut by_pair: HashMap<(i64, i64), &LinkRow> = HashMap::new();
        for l in links {
            by_pair.insert((l.a.min(l.b), l.a.max(l.b)), l);
        }
        let mut pairs: Vec<((i64, i64), &LinkRow)> = by_pair.into_iter().collect();
        pairs.sort_by_key(|(pair, _)| *pair);
        let a: Vec<i64> = pairs.iter().map(|((a, _), _)| *a).collect();
        let b: Vec<i64> = pairs.iter().map(|((_, b), _)| *b).collect();
        let kind: Vec<&str> = pairs.iter().map(|(_, l)| l.kind.as_str()).collect();
        let similarity: Vec<f64> = pairs.iter().map(|(_, l)| l.similarity).collect();
        let passages: Vec<String> = pairs
            .iter()
            .map(|(_, l)| crate::provenance::passages_json(l))
            .collect();
        self.write(|c| {
            c.execute(
                "INSERT INTO signatures (doc, bytes)
                 SELECT * FROM unnest($1::bigint[], $2::bytea[])
                 ON CONFLICT (doc) DO UPDATE SET bytes = EXCLUDED.bytes",
                &[&keys, &bytes],
            )?;
            c.execute(
                "UPDATE documents SET linked = $2 WHERE key = ANY($1)",
                &[&keys, &generation],
            )?;
            // The stories, events and stance groups no longer hold
            // everything linked.
            c.execute("DELETE FROM grouped", &[])?;
            c.execute(
                "INSERT INTO reuse (a, b, kind, similarity, passages)
                 SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[],
                                      $4::float8[], $5::text[])
                 ON CONFLICT (a, b) DO UPDATE SET kind = EXCLUDED.kind,
                    similarity = EXCLUDED.similarity, passages = EXCLUDED.passages",
                &[&a, &b, &kind, &similarity, &passages],
            )?;
            Ok(())
        })
    }

    pub fn merge_surname_people(&mut self) -> Result<usize> {
        let ids: Vec<String> = self
            .rows("SELECT id FROM actors WHERE kind = 'person'", &[])?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let merges = crate::provenance::surname_merges(&ids);
        self.write(|c| {
            for (short, full) in &merges {
                c.execute(
                    "UPDATE mentions SET actor = $2 WHERE actor = $1",
                    &[short, full],
                )?;
                c.execute(
                    "UPDATE quotes SET speaker_actor = $2 WHERE speaker_actor = $1",
                    &[short, full],
                )?;
                c.execute("DELETE FROM actors WHERE id = $1", &[short])?;
            }
            Ok(())
        })?;
        Ok(merges.len())
    }

    pub fn reuse(&self) -> Result<Vec<ReuseRow>> {
        let rows = self.rows(
            "SELECT da.id, db.id, r.kind, r.similarity, r.passages FROM reuse r
             JOIN documents da ON da.key = r.a AND da.current
             JOIN documents db ON db.key = r.b AND db.current
             ORDER BY r.similarity DESC, da.id COLLATE \"C\", db.id COLLATE \"C\"",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| ReuseRow {
                a: r.get(0),
                b: r.get(1),
                kind: r.get(2),
                similarity: r.get(3),
                passages: crate::provenance::parse_passages(r.get(4)),
            })
            .collect())
    }

    pub fn outlets(&self) -> Result<Vec<(String, String)>> {
        let rows = self.rows(
            "SELECT id, outlet FROM documents WHERE current AND outlet IS NOT NULL
             ORDER BY id COLLATE \"C\"",
            &[],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn story_inputs(&self, reuse: &[ReuseRow]) -> Result<Vec<StoryInput>> {
        let mentioned: Vec<(String, String, bool)> = self
            .rows(
                "SELECT DISTINCT d.id, m.actor, coalesce(a.kind = 'state', false) FROM mentions m
                 JOIN documents d ON d.key = m.doc AND d.current
                 LEFT JOIN actors a ON a.id = m.actor",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        let documents: Vec<StoryInput> = self
            .rows(
                "SELECT id, text, coalesce(published, published_inferred), outlet, title
                 FROM documents WHERE current ORDER BY id COLLATE \"C\"",
                &[],
            )?
            .iter()
            .map(|r| StoryInput {
                id: r.get(0),
                text: r.get(1),
                date: r.get(2),
                outlet: r.get(3),
                title: r.get(4),
                actors: Vec::new(),
                states: Vec::new(),
                links: Vec::new(),
            })
            .collect();
        Ok(crate::provenance::join_story_inputs(
            documents, mentioned, reuse,
        ))
    }

    pub fn replace_stories(&mut self, stories: &[StoryRow]) -> Result<()> {
        self.write(|c| {
            c.execute("DELETE FROM stories", &[])?;
            for s in stories {
                let docs = serde_json::to_string(&s.documents).unwrap_or_else(|_| "[]".into());
                let evidence = serde_json::to_string(&s.evidence).unwrap_or_else(|_| "[]".into());
                c.execute(
                    "INSERT INTO stories (id, documents, independent_sources, name, evidence, first_date, last_date)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    &[
                        &s.id,
                        &docs,
                        &(s.independent_sources as i64),
                        &s.name,
                        &evidence,
                        &s.first_date,
                        &s.last_date,
                    ],
                )?;
            }
            Ok(())
        })
    }

    /// What the last fetch of `url` returned (see `Store::validators`).
    pub fn validators(&self, url: &str) -> Result<Validators> {
        let rows = self.rows(
            "SELECT etag, last_modified FROM fetched WHERE url = $1",
            &[&url],
        )?;
        Ok(rows
            .first()
            .map(|r| Validators {
                etag: r.get(0),
                last_modified: r.get(1),
            })
            .unwrap_or_default())
    }

    /// Remembers what fetching each URL returned (see
    /// `Store::remember_fetches`).
    pub fn remember_fetches(&mut self, fetched: &[(String, Validators)]) -> Result<()> {
        self.write(|c| {
            let upsert = c.prepare(
                "INSERT INTO fetched (url, etag, last_modified) VALUES ($1, $2, $3)
                 ON CONFLICT (url) DO UPDATE SET etag = $2, last_modified = $3,
                     fetched_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            )?;
            for (url, validators) in fetched {
                c.execute(&upsert, &[url, &validators.etag, &validators.last_modified])?;
            }
            Ok(())
        })
    }

    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let rows = self.rows(
            "SELECT id, documents, independent_sources, name, evidence, first_date, last_date
             FROM stories ORDER BY independent_sources DESC, json_array_length(documents::json) DESC,
                                   id COLLATE \"C\"",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| StoryRow {
                id: r.get(0),
                documents: json_list(r.get(1)),
                independent_sources: r.get::<_, i64>(2) as usize,
                name: r.get(3),
                evidence: json_list(r.get(4)),
                first_date: r.get(5),
                last_date: r.get(6),
            })
            .collect())
    }

    pub fn event_reports(&self) -> Result<Vec<EventReport>> {
        let rows = self.rows(
            "SELECT d.id, e.start_byte, e.end_byte, e.kind, e.sources, e.targets,
                    e.date, e.date_text, coalesce(d.published, d.published_inferred),
                    e.negated OR e.hypothetical OR e.future, e.confidence
             FROM event_mentions e JOIN documents d ON d.key = e.doc AND d.current
             ORDER BY d.id COLLATE \"C\", e.start_byte",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| EventReport {
                document: r.get(0),
                start: r.get::<_, i64>(1) as usize,
                end: r.get::<_, i64>(2) as usize,
                kind: r.get(3),
                sources: json_list(r.get(4)),
                targets: json_list(r.get(5)),
                date: r.get(6),
                date_text: r.get(7),
                published: r.get(8),
                unrealised: r.get(9),
                confidence: r.get::<_, f64>(10) as f32,
            })
            .collect())
    }

    pub fn replace_events(&mut self, events: &[MergedEvent]) -> Result<()> {
        self.write(|c| {
            c.execute("DELETE FROM events", &[])?;
            for e in events {
                c.execute(
                    "INSERT INTO events (id, kind, sources, targets, date, date_text, evidence,
                                         independent_sources, unrealised, confidence)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                     ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, sources = EXCLUDED.sources,
                        targets = EXCLUDED.targets, date = EXCLUDED.date, date_text = EXCLUDED.date_text,
                        evidence = EXCLUDED.evidence, independent_sources = EXCLUDED.independent_sources,
                        unrealised = EXCLUDED.unrealised, confidence = EXCLUDED.confidence",
                    &[
                        &e.id,
                        &e.kind,
                        &serde_json::to_string(&e.sources).unwrap_or_else(|_| "[]".into()),
                        &serde_json::to_string(&e.targets).unwrap_or_else(|_| "[]".into()),
                        &e.date,
                        &e.date_text,
                        &serde_json::to_string(&e.evidence).unwrap_or_else(|_| "[]".into()),
                        &(e.independent_sources as i64),
                        &e.unrealised,
                        &(e.confidence as f64),
                    ],
                )?;
            }
            Ok(())
        })
    }

    pub fn events(&self) -> Result<Vec<MergedEvent>> {
        let rows = self.rows(
            "SELECT id, kind, sources, targets, date, date_text, evidence, independent_sources,
                    unrealised, confidence
             FROM events ORDER BY date IS NULL, date COLLATE \"C\", kind COLLATE \"C\", id COLLATE \"C\"",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| MergedEvent {
                id: r.get(0),
                kind: r.get(1),
                sources: json_list(r.get(2)),
                targets: json_list(r.get(3)),
                date: r.get(4),
                date_text: r.get(5),
                evidence: serde_json::from_str(r.get::<_, &str>(6)).unwrap_or_default(),
                independent_sources: r.get::<_, i64>(7) as usize,
                unrealised: r.get(8),
                confidence: r.get::<_, f64>(9) as f32,
            })
            .collect())
    }

    pub fn stance_statements(&self) -> Result<Vec<StatementRow>> {
        let texts = self.texts()?;
        let rows = self.rows(
            "SELECT d.id, s.start_byte, s.end_byte, s.cue_start, s.cue_end, s.holder, s.polarity,
                    s.topic, s.topic_actors, s.speaker, d.spun
             FROM stance_statements s JOIN documents d ON d.key = s.doc AND d.current
             ORDER BY d.id COLLATE \"C\", s.start_byte",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                let document: String = r.get(0);
                let span = (r.get::<_, i64>(1) as usize, r.get::<_, i64>(2) as usize);
                let text = texts
                    .get(&document)
                    .map_or_else(String::new, |t| span_text(t, span.0, span.1));
                Ok(StatementRow {
                    document,
                    span,
                    text,
                    cue: (r.get::<_, i64>(3) as usize, r.get::<_, i64>(4) as usize),
                    holder: r.get(5),
                    polarity: self.typed(
                        "stance_statements.polarity",
                        r.get(6),
                        Polarity::from_name,
                    )?,
                    topic: r.get(7),
                    topic_actors: json_list(r.get(8)),
                    speaker: r.get(9),
                    spun: r.get(10),
                })
            })
            .collect()
    }

    pub fn replace_stances(&mut self, stances: &[StanceRow]) -> Result<()> {
        self.write(|c| {
            c.execute("DELETE FROM stances", &[])?;
            for s in stances {
                c.execute(
                    "INSERT INTO stances (id, holder, polarity, topic, text, evidence, documents, independent_sources)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, polarity = EXCLUDED.polarity,
                        topic = EXCLUDED.topic, text = EXCLUDED.text, evidence = EXCLUDED.evidence,
                        documents = EXCLUDED.documents, independent_sources = EXCLUDED.independent_sources",
                    &[
                        &s.id,
                        &s.holder,
                        &s.polarity.name(),
                        &s.topic,
                        &s.text,
                        &serde_json::to_string(&s.evidence).unwrap_or_else(|_| "[]".into()),
                        &serde_json::to_string(&s.documents).unwrap_or_else(|_| "[]".into()),
                        &(s.independent_sources as i64),
                    ],
                )?;
            }
            Ok(())
        })
    }

    pub fn stances(&self) -> Result<Vec<StanceRow>> {
        let rows = self.rows(
            "SELECT id, holder, polarity, topic, text, evidence, documents, independent_sources FROM stances
             ORDER BY independent_sources DESC, json_array_length(evidence::json) DESC, holder COLLATE \"C\",
                      polarity COLLATE \"C\", text COLLATE \"C\", id COLLATE \"C\"",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(StanceRow {
                    id: r.get(0),
                    holder: r.get(1),
                    polarity: self.typed("stances.polarity", r.get(2), Polarity::from_name)?,
                    topic: r.get(3),
                    text: r.get(4),
                    evidence: serde_json::from_str(r.get::<_, &str>(5)).unwrap_or_default(),
                    documents: json_list(r.get(6)),
                    independent_sources: r.get::<_, i64>(7) as usize,
                })
            })
            .collect()
    }

    pub fn grouping_is_current(&self) -> Result<bool> {
        Ok(self.rows("SELECT EXISTS (SELECT 1 FROM grouped)", &[])?[0].get(0))
    }

    pub fn mark_grouped(&mut self) -> Result<()> {
        self.write(|c| {
            c.execute(
                "INSERT INTO grouped (one) VALUES (1) ON CONFLICT (one) DO NOTHING",
                &[],
            )
            .map(|_| ())
        })
    }

    pub fn grouped_counts(&self) -> Result<(usize, usize, usize)> {
        let r = &self.rows(
            "SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM events),
                    (SELECT count(*) FROM stances)",
            &[],
        )?[0];
        Ok((
            r.get::<_, i64>(0) as usize,
            r.get::<_, i64>(1) as usize,
            r.get::<_, i64>(2) as usize,
        ))
    }

    /// [`crate::query::typed`], its error said with this store's location.
    fn typed<T>(
        &self,
        column: &'static str,
        name: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<T> {
        typed(column, name, parse).map_err(|unknown| StoreError::Unknown {
            location: self.location(),
            unknown,
        })
    }

    fn texts(&self) -> Result<HashMap<String, String>> {
        Ok(self
            .rows("SELECT id, text FROM documents WHERE current", &[])?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    pub fn documents(&self) -> Result<Vec<DocumentRow>> {
        let rows = self.rows(
            "SELECT d.id, d.version, d.origin, d.url, d.title, d.outlet, d.author, d.published,
                    d.published_inferred, d.language, d.text, d.genre, d.spun,
                    (SELECT count(*) FROM paragraphs p WHERE p.doc = d.key),
                    (SELECT count(*) FROM sentences s WHERE s.doc = d.key),
                    d.spun_examples
             FROM documents d WHERE d.current
             ORDER BY coalesce(d.published, d.published_inferred) IS NULL,
                      coalesce(d.published, d.published_inferred) COLLATE \"C\", d.id COLLATE \"C\"",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| DocumentRow {
                id: r.get(0),
                version: r.get(1),
                origin: r.get(2),
                url: r.get(3),
                title: r.get(4),
                outlet: r.get(5),
                author: r.get(6),
                published: r.get(7),
                published_inferred: r.get(8),
                language: r.get(9),
                text: r.get(10),
                genre: r.get(11),
                spun: r.get(12),
                paragraphs: r.get::<_, i64>(13) as usize,
                sentences: r.get::<_, i64>(14) as usize,
                spun_examples: serde_json::from_str(r.get::<_, &str>(15)).unwrap_or_default(),
            })
            .collect())
    }

    pub fn actors(&self) -> Result<Vec<ActorRow>> {
        let rows = self.rows(
            "SELECT a.id, a.name, a.kind, a.country, a.roles, a.aliases, a.affiliation,
                    count(m.actor), count(DISTINCT m.doc)
             FROM actors a
             JOIN mentions m ON m.actor = a.id
             JOIN documents d ON d.key = m.doc AND d.current
             GROUP BY a.id
             ORDER BY count(DISTINCT m.doc) DESC, count(m.actor) DESC, a.id COLLATE \"C\"",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| ActorRow {
                id: r.get(0),
                name: r.get(1),
                kind: r.get(2),
                country: r.get(3),
                roles: json_list(r.get(4)),
                aliases: json_list(r.get(5)),
                affiliation: r.get(6),
                mentions: r.get::<_, i64>(7) as usize,
                documents: r.get::<_, i64>(8) as usize,
            })
            .collect())
    }

    /// Rows of a span table: document id, start, end, the span's text, and
    /// the rest of the row.
    fn spans(&self, sql: &str) -> Result<Vec<(String, usize, usize, String, Row)>> {
        let texts = self.texts()?;
        Ok(self
            .rows(sql, &[])?
            .into_iter()
            .map(|r| {
                let document: String = r.get(0);
                let (start, end) = (r.get::<_, i64>(1) as usize, r.get::<_, i64>(2) as usize);
                let text = texts
                    .get(&document)
                    .map_or_else(String::new, |t| span_text(t, start, end));
                (document, start, end, text, r)
            })
            .collect())
    }

    pub fn mentions(&self) -> Result<Vec<MentionRow>> {
        Ok(self
            .spans(
                "SELECT d.id, m.start_byte, m.end_byte, m.actor
                 FROM mentions m JOIN documents d ON d.key = m.doc AND d.current
                 ORDER BY d.id COLLATE \"C\", m.start_byte",
            )?
            .into_iter()
            .map(|(document, start, end, text, r)| MentionRow {
                document,
                start,
                end,
                text,
                actor: r.get(3),
            })
            .collect())
    }

    pub fn quotes(&self) -> Result<Vec<QuoteRow>> {
        self.spans(
            "SELECT d.id, q.start_byte, q.end_byte, q.speaker, q.speaker_actor, q.affiliation, q.direct
             FROM quotes q JOIN documents d ON d.key = q.doc AND d.current
             ORDER BY d.id COLLATE \"C\", q.start_byte",
        )?
        .into_iter()
        .map(|(document, start, end, text, r)| {
            Ok(QuoteRow {
                document,
                start,
                end,
                text,
                speaker: r.get(3),
                speaker_actor: r.get(4),
                affiliation: r.get(5),
                direct: self.typed("quotes.direct", r.get(6), Directness::from_name)?,
            })
        })
        .collect()
    }

    pub fn times(&self) -> Result<Vec<TimeRow>> {
        Ok(self
            .spans(
                "SELECT d.id, t.start_byte, t.end_byte, t.value, t.kind, t.anchor
                 FROM times t JOIN documents d ON d.key = t.doc AND d.current
                 ORDER BY d.id COLLATE \"C\", t.start_byte",
            )?
            .into_iter()
            .map(|(document, start, end, text, r)| TimeRow {
                document,
                start,
                end,
                text,
                value: r.get(3),
                kind: r.get(4),
                anchor: r.get(5),
            })
            .collect())
    }
}

/// One document row, as `ingest::insert_one` writes it in SQLite; its
/// actors follow in [`upsert_actors`], its spans in [`copy_spans`].
fn insert_document(c: &mut Client, doc: &AnalyzedDoc) -> PgResult<Stored> {
    if let Some(row) = c.query_opt(
        "SELECT id FROM documents WHERE content_hash = $1",
        &[&doc.content_hash],
    )? {
        return Ok(Stored::Unchanged { id: row.get(0) });
    }
    let previous: Option<i64> = c
        .query_one(
            "SELECT max(version) FROM documents WHERE id = $1",
            &[&doc.id],
        )?
        .get(0);
    let version = previous.map_or(1, |v| v + 1);
    c.execute(
        "UPDATE documents SET current = FALSE WHERE id = $1",
        &[&doc.id],
    )?;
    let a = &doc.article;
    let warnings = serde_json::to_string(&a.warnings).unwrap_or_else(|_| "[]".to_string());
    let spun_score = doc.spun.score;
    let key: i64 = c
        .query_one(
            "INSERT INTO documents (id, version, origin, url, title, outlet, author, published,
                                    language, text, content_hash, warnings, published_inferred,
                                    spun, spun_score, spun_examples)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
             RETURNING key",
            &[
                &doc.id,
                &version,
                &a.origin,
                &a.url,
                &a.title,
                &a.outlet,
                &a.author,
                &a.published,
                &a.language,
                &a.text,
                &doc.content_hash,
                &warnings,
                &doc.analysis.published_inferred,
                &doc.spun.spun,
                &spun_score,
                &spun_examples_json(doc),
            ],
        )?
        .get(0);
    Ok(match previous {
        None => Stored::New {
            id: doc.id.clone(),
            key,
        },
        Some(_) => Stored::NewVersion {
            id: doc.id.clone(),
            key,
            version,
        },
    })
}

/// An actor as the stored documents of one batch describe it, merged in
/// batch order.
struct ActorUpdate<'a> {
    name: &'a str,
    kind: &'static str,
    country: Option<&'a str>,
    roles: Vec<String>,
    aliases: Vec<String>,
    affiliation: Option<&'a str>,
}

/// The actors of the new documents `(key, doc)`, merged into the stored
/// rows with one read and one write for the whole batch (not two round
/// trips per actor and document): the rows end as merging document by
/// document leaves them, as SQLite's `ingest` does (roles and aliases
/// united in order, the first known country and affiliation kept).
fn upsert_actors(c: &mut Client, docs: &[(i64, &AnalyzedDoc)]) -> PgResult<()> {
    let mut order: Vec<&str> = Vec::new();
    let mut merged: HashMap<&str, ActorUpdate> = HashMap::new();
    for actor in docs.iter().flat_map(|(_, d)| &d.analysis.actors) {
        let update = merged.entry(actor.id.as_str()).or_insert_with(|| {
            order.push(actor.id.as_str());
            ActorUpdate {
                name: &actor.name,
                kind: kind_name(actor.kind),
                country: actor.country.as_deref(),
                roles: Vec::new(),
                aliases: Vec::new(),
                affiliation: actor.affiliation.as_deref(),
            }
        });
        update.country = update.country.or(actor.country.as_deref());
        update.affiliation = update.affiliation.or(actor.affiliation.as_deref());
        for (list, new) in [
            (&mut update.roles, &actor.roles),
            (&mut update.aliases, &actor.aliases),
        ] {
            for item in new {
                if !list.contains(item) {
                    list.push(item.clone());
                }
            }
        }
    }
    if order.is_empty() {
        return Ok(());
    }
    let stored: HashMap<String, Row> = c
        .query(
            "SELECT id, name, kind, roles, aliases, affiliation, country FROM actors
             WHERE id = ANY($1)",
            &[&order],
        )?
        .into_iter()
        .map(|r| (r.get(0), r))
        .collect();
    let (mut names, mut kinds, mut countries, mut roles, mut aliases, mut affiliations) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for id in &order {
        let new = &merged[id];
        let known = stored.get(*id);
        let field = |i: usize| known.map_or("[]", |r| r.get::<_, &str>(i));
        let kept = |i: usize, new: Option<&str>| {
            known
                .and_then(|r| r.get::<_, Option<String>>(i))
                .or(new.map(str::to_string))
        };
        names.push(known.map_or(new.name.to_string(), |r| r.get(1)));
        kinds.push(known.map_or(new.kind.to_string(), |r| r.get(2)));
        roles.push(union_json(field(3), &new.roles));
        aliases.push(union_json(field(4), &new.aliases));
        affiliations.push(kept(5, new.affiliation));
        countries.push(kept(6, new.country));
    }
    c.execute(
        "INSERT INTO actors (id, name, kind, country, roles, aliases, affiliation)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                              $6::text[], $7::text[])
         ON CONFLICT (id) DO UPDATE SET roles = EXCLUDED.roles, aliases = EXCLUDED.aliases,
            affiliation = EXCLUDED.affiliation, country = EXCLUDED.country",
        &[
            &order,
            &names,
            &kinds,
            &countries,
            &roles,
            &aliases,
            &affiliations,
        ],
    )?;
    Ok(())
}

/// Streams the rows of one span table with a binary `COPY`.
fn copy_rows(
    c: &mut Client,
    sql: &str,
    types: &[Type],
    rows: Vec<Vec<Box<dyn ToSql + Sync>>>,
) -> PgResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut writer = BinaryCopyInWriter::new(c.copy_in(sql)?, types);
    for row in &rows {
        let values: Vec<&(dyn ToSql + Sync)> = row.iter().map(|v| v.as_ref()).collect();
        writer.write(&values)?;
    }
    writer.finish()?;
    Ok(())
}

/// Paragraphs, sentences, mentions, quotes, events, stance statements and
/// times of the new documents `(key, doc)`: one `COPY` per table.
fn copy_spans(c: &mut Client, docs: &[(i64, &AnalyzedDoc)]) -> PgResult<()> {
    type Cells = Vec<Box<dyn ToSql + Sync>>;
    let n = |v: usize| Box::new(v as i64) as Box<dyn ToSql + Sync>;
    let s = |v: &str| Box::new(v.to_string()) as Box<dyn ToSql + Sync>;
    let o = |v: &Option<String>| Box::new(v.clone()) as Box<dyn ToSql + Sync>;
    let on = |v: Option<usize>| Box::new(v.map(|v| v as i64)) as Box<dyn ToSql + Sync>;
    let b = |v: bool| Box::new(v) as Box<dyn ToSql + Sync>;
    let json = |v: &[String]| {
        Box::new(serde_json::to_string(v).unwrap_or_else(|_| "[]".into())) as Box<dyn ToSql + Sync>
    };
    let (mut paragraphs, mut sentences, mut mentions, mut quotes): (
        Vec<Cells>,
        Vec<Cells>,
        Vec<Cells>,
        Vec<Cells>,
    ) = Default::default();
    let (mut events, mut stances, mut times): (Vec<Cells>, Vec<Cells>, Vec<Cells>) =
        Default::default();
    for &(key, doc) in docs {
        let k = || Box::new(key) as Box<dyn ToSql + Sync>;
        for p in &doc.article.paragraphs {
            paragraphs.push(vec![
                k(),
                n(p.span.start),
                n(p.span.end),
                s(paragraph_kind_name(p.kind)),
            ]);
        }
        for span in &doc.analysis.sentences {
            let text = span.of(&doc.article.text);
            sentences.push(vec![k(), n(span.start), n(span.end), s(text)]);
        }
        for m in &doc.analysis.mentions {
            mentions.push(vec![k(), n(m.span.start), n(m.span.end), s(&m.actor)]);
        }
        for q in &doc.analysis.quotes {
            quotes.push(vec![
                k(),
                n(q.span.start),
                n(q.span.end),
                o(&q.speaker),
                on(q.speaker_span.map(|s| s.start)),
                on(q.speaker_span.map(|s| s.end)),
                on(q.cue.map(|s| s.start)),
                on(q.cue.map(|s| s.end)),
                o(&q.speaker_actor),
                o(&q.affiliation),
                s(q.direct.name()),
            ]);
        }
        for e in &doc.analysis.events {
            events.push(vec![
                k(),
                n(e.span.start),
                n(e.span.end),
                n(e.trigger.start),
                n(e.trigger.end),
                s(&e.kind),
                o(&e.mode),
                json(&e.sources),
                json(&e.targets),
                o(&e.date),
                o(&e.date_text),
                b(e.negated),
                b(e.hypothetical),
                b(e.future),
                Box::new(e.confidence as f64),
            ]);
        }
        for st in &doc.analysis.stances {
            stances.push(vec![
                k(),
                n(st.span.start),
                n(st.span.end),
                n(st.cue.start),
                n(st.cue.end),
                s(&st.holder),
                s(st.polarity.name()),
                o(&st.topic),
                json(&st.topic_actors),
                b(st.hedged),
                o(&stance_speaker(doc, st)),
            ]);
        }
        for t in &doc.analysis.times {
            times.push(vec![
                k(),
                n(t.span.start),
                n(t.span.end),
                s(&t.value),
                s(time_kind_name(t.kind)),
                o(&t.anchor),
            ]);
        }
    }
    use Type as T;
    copy_rows(
        c,
        "COPY paragraphs (doc, start_byte, end_byte, kind) FROM STDIN BINARY",
        &[T::INT8, T::INT8, T::INT8, T::TEXT],
        paragraphs,
    )?;
    copy_rows(
        c,
        "COPY sentences (doc, start_byte, end_byte, text) FROM STDIN BINARY",
        &[T::INT8, T::INT8, T::INT8, T::TEXT],
        sentences,
    )?;
    copy_rows(
        c,
        "COPY mentions (doc, start_byte, end_byte, actor) FROM STDIN BINARY",
        &[T::INT8, T::INT8, T::INT8, T::TEXT],
        mentions,
    )?;
    copy_rows(
        c,
        "COPY quotes (doc, start_byte, end_byte, speaker, speaker_start, speaker_end, cue_start,
                      cue_end, speaker_actor, affiliation, direct) FROM STDIN BINARY",
        &[
            T::INT8,
            T::INT8,
            T::INT8,
            T::TEXT,
            T::INT8,
            T::INT8,
            T::INT8,
            T::INT8,
            T::TEXT,
            T::TEXT,
            T::TEXT,
        ],
        quotes,
    )?;
    copy_rows(
        c,
        "COPY event_mentions (doc, start_byte, end_byte, trigger_start, trigger_end, kind, mode,
                              sources, targets, date, date_text, negated, hypothetical, future,
                              confidence) FROM STDIN BINARY",
        &[
            T::INT8,
            T::INT8,
            T::INT8,
            T::INT8,
            T::INT8,
            T::TEXT,
            T::TEXT,
            T::TEXT,
            T::TEXT,
            T::TEXT,
            T::TEXT,
            T::BOOL,
            T::BOOL,
            T::BOOL,
            T::FLOAT8,
        ],
        events,
    )?;
    copy_rows(
        c,
        "COPY stance_statements (doc, start_byte, end_byte, cue_start, cue_end, holder, polarity,
                                 topic, topic_actors, hedged, speaker) FROM STDIN BINARY",
        &[
            T::INT8,
            T::INT8,
            T::INT8,
            T::INT8,
            T::INT8,
            T::TEXT,
            T::TEXT,
            T::TEXT,
            T::TEXT,
            T::BOOL,
            T::TEXT,
        ],
        stances,
    )?;
    copy_rows(
        c,
        "COPY times (doc, start_byte, end_byte, value, kind, anchor) FROM STDIN BINARY",
        &[T::INT8, T::INT8, T::INT8, T::TEXT, T::TEXT, T::TEXT],
        times,
    )
}
