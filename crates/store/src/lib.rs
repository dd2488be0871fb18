//! Store: the embedded SQLite database every command reads and writes.
//!
//! **Architecture Invariant:** the store is never left half-written. Each
//! ingest batch is one transaction in WAL mode, so killing the process loses
//! at most the batch in flight; the next run skips what is already stored
//! (by content hash) and carries on.
//!
//! **Architecture Invariant:** the schema only moves forward through the
//! numbered [`MIGRATIONS`]; `PRAGMA user_version` records how far a database
//! has come, and a database from a newer dossier is refused, not damaged.

use std::path::{Path, PathBuf};

use dossier_model::{AnalyzedDoc, ParagraphKind};
use rusqlite::{params, Connection, OptionalExtension};

/// Schema migrations, applied in order; entry `n` takes a database from
/// version `n` to `n + 1`. Append only: never edit a published entry.
const MIGRATIONS: &[&str] = &[
    // 1: documents with their versions, paragraphs and sentences.
    "CREATE TABLE documents (
        key          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL,
        version      INTEGER NOT NULL,
        current      INTEGER NOT NULL DEFAULT 1,
        origin       TEXT NOT NULL,
        url          TEXT,
        title        TEXT,
        outlet       TEXT,
        author       TEXT,
        published    TEXT,
        language     TEXT,
        text         TEXT NOT NULL,
        genre        TEXT,
        spun         INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL UNIQUE,
        warnings     TEXT NOT NULL DEFAULT '[]',
        added_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (id, version)
    );
    CREATE INDEX documents_current ON documents (current, id);
    CREATE TABLE paragraphs (
        doc        INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte INTEGER NOT NULL,
        end_byte   INTEGER NOT NULL,
        kind       TEXT NOT NULL
    );
    CREATE INDEX paragraphs_doc ON paragraphs (doc);
    CREATE TABLE sentences (
        doc        INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte INTEGER NOT NULL,
        end_byte   INTEGER NOT NULL
    );
    CREATE INDEX sentences_doc ON sentences (doc);",
];

/// Errors a store operation can meet, each saying what to do about it.
#[derive(Debug)]
pub enum StoreError {
    /// No database at the path (only from [`Store::open_existing`]).
    Missing(PathBuf),
    /// The database was written by a newer dossier.
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Missing(path) => write!(
                f,
                "no dossier store at {}: run `dossier analyze PATH…` first, or point --db / DOSSIER_DB at an existing store",
                path.display()
            ),
            StoreError::TooNew { path, found, known } => write!(
                f,
                "{} has schema version {found}, but this dossier knows only up to {known}: upgrade dossier",
                path.display()
            ),
            StoreError::Sqlite { path, source } => write!(f, "store {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What happened to one document offered to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// A document the store had not seen.
    New { id: String },
    /// Changed content under a known id: stored as the next version.
    NewVersion { id: String, version: i64 },
    /// Identical content is already stored (under this id).
    Unchanged { id: String },
}

/// A document as the store holds it (the current version).
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    pub id: String,
    pub version: i64,
    pub origin: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub genre: Option<String>,
    pub spun: bool,
    pub paragraphs: usize,
    pub sentences: usize,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema
    /// up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens a store that must already exist (for commands that only read).
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Store::open(path)
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn configure(&self) -> Result<()> {
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 5000;",
            )
            .map_err(|e| self.err(e))
    }

    fn migrate(&mut self) -> Result<()> {
        let known = MIGRATIONS.len() as i64;
        let found: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if found > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self.conn.transaction().map_err(|e| StoreError::Sqlite {
                path: self.path.clone(),
                source: e,
            })?;
            tx.execute_batch(sql)
                .and_then(|_| tx.pragma_update(None, "user_version", index as i64 + 1))
                .and_then(|_| tx.commit())
                .map_err(|e| StoreError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
        }
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// The id of the document stored with this content hash, if any. Lets
    /// callers skip extraction of content already stored.
    pub fn id_for_hash(&self, content_hash: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT id FROM documents WHERE content_hash = ?1",
                [content_hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Stores a batch of analysed documents in one transaction.
    pub fn insert_batch(&mut self, docs: &[AnalyzedDoc]) -> Result<Vec<Stored>> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(wrap)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for doc in docs {
            outcomes.push(insert_one(&tx, doc).map_err(wrap)?);
        }
        tx.commit().map_err(wrap)?;
        Ok(outcomes)
    }

    /// The current version of every document, ordered by publication date
    /// (undated last), then id.
    pub fn documents(&self) -> Result<Vec<DocumentRow>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, d.version, d.origin, d.url, d.title, d.outlet, d.author, d.published,
                        d.language, d.text, d.genre, d.spun,
                        (SELECT count(*) FROM paragraphs p WHERE p.doc = d.key),
                        (SELECT count(*) FROM sentences s WHERE s.doc = d.key)
                 FROM documents d WHERE d.current = 1
                 ORDER BY d.published IS NULL, d.published, d.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(DocumentRow {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    origin: r.get(2)?,
                    url: r.get(3)?,
                    title: r.get(4)?,
                    outlet: r.get(5)?,
                    author: r.get(6)?,
                    published: r.get(7)?,
                    language: r.get(8)?,
                    text: r.get(9)?,
                    genre: r.get(10)?,
                    spun: r.get(11)?,
                    paragraphs: r.get::<_, i64>(12)? as usize,
                    sentences: r.get::<_, i64>(13)? as usize,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }
}

fn insert_one(tx: &rusqlite::Transaction<'_>, doc: &AnalyzedDoc) -> rusqlite::Result<Stored> {
    if let Some(id) = tx
        .query_row(
            "SELECT id FROM documents WHERE content_hash = ?1",
            [&doc.content_hash],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    {
        return Ok(Stored::Unchanged { id });
    }
    let previous: Option<i64> = tx
        .query_row(
            "SELECT max(version) FROM documents WHERE id = ?1",
            [&doc.id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let version = previous.map_or(1, |v| v + 1);
    tx.execute("UPDATE documents SET current = 0 WHERE id = ?1", [&doc.id])?;
    let a = &doc.article;
    let warnings = serde_json::to_string(&a.warnings).unwrap_or_else(|_| "[]".to_string());
    tx.execute(
        "INSERT INTO documents (id, version, origin, url, title, outlet, author, published,
                                language, text, content_hash, warnings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            doc.id,
            version,
            a.origin,
            a.url,
            a.title,
            a.outlet,
            a.author,
            a.published,
            a.language,
            a.text,
            doc.content_hash,
            warnings
        ],
    )?;
    let key = tx.last_insert_rowid();
    let mut para = tx.prepare_cached(
        "INSERT INTO paragraphs (doc, start_byte, end_byte, kind) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for p in &a.paragraphs {
        let kind = match p.kind {
            ParagraphKind::Body => "body",
            ParagraphKind::Subhead => "subhead",
        };
        para.execute(params![key, p.span.start as i64, p.span.end as i64, kind])?;
    }
    let mut sent =
        tx.prepare_cached("INSERT INTO sentences (doc, start_byte, end_byte) VALUES (?1, ?2, ?3)")?;
    for s in &doc.analysis.sentences {
        sent.execute(params![key, s.start as i64, s.end as i64])?;
    }
    Ok(match previous {
        None => Stored::New { id: doc.id.clone() },
        Some(_) => Stored::NewVersion {
            id: doc.id.clone(),
            version,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{Analysis, Article, Paragraph, Span};

    fn doc(id: &str, hash: &str, text: &str) -> AnalyzedDoc {
        AnalyzedDoc {
            id: id.to_string(),
            content_hash: hash.to_string(),
            article: Article {
                origin: format!("{id}.txt"),
                title: Some("A title".into()),
                text: text.to_string(),
                paragraphs: vec![Paragraph {
                    span: Span::new(0, text.len()),
                    kind: ParagraphKind::Body,
                }],
                ..Article::default()
            },
            analysis: Analysis {
                sentences: vec![Span::new(0, text.len())],
                ..Analysis::default()
            },
        }
    }

    #[test]
    fn same_content_is_stored_once_and_changes_are_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let out = store.insert_batch(&[doc("a", "h1", "One.")]).unwrap();
        assert_eq!(out, [Stored::New { id: "a".into() }]);
        let out = store
            .insert_batch(&[doc("a", "h1", "One."), doc("a", "h2", "Two.")])
            .unwrap();
        assert_eq!(
            out,
            [
                Stored::Unchanged { id: "a".into() },
                Stored::NewVersion {
                    id: "a".into(),
                    version: 2
                }
            ]
        );
        let docs = store.documents().unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!((docs[0].version, docs[0].text.as_str()), (2, "Two."));
        assert_eq!((docs[0].paragraphs, docs[0].sentences), (1, 1));
        assert_eq!(store.id_for_hash("h1").unwrap().as_deref(), Some("a"));
        drop(store);
        // Reopening runs no migration twice.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.documents().unwrap().len(), 1);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 999)
            .unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(err.to_string().contains("upgrade dossier"), "{err}");
    }

    #[test]
    fn reading_commands_need_an_existing_store() {
        let err = Store::open_existing(Path::new("/nonexistent/x.db"))
            .err()
            .unwrap();
        assert!(err.to_string().contains("dossier analyze"), "{err}");
    }
}
