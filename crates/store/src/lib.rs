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
//!
//! **Architecture Invariant:** several processes may write one store at
//! once. Every write is a `BEGIN IMMEDIATE` transaction ([`Store::write`]),
//! so a second writer waits for the lock (saying so once) instead of
//! failing with "database is locked"; migrations are applied under that
//! lock after reading the version again, so two first runs cannot both
//! apply one; and reads that must agree with each other run in one read
//! transaction ([`Store::snapshot`]).

mod fetched;
mod ingest;
mod postgres;
mod provenance;
mod query;
mod schema;
mod search;
mod storage;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use dossier_model::AnalyzedDoc;
use rusqlite::{Connection, OptionalExtension};

pub use postgres::{is_postgres_url, without_password, PgStore};
pub use provenance::{
    LinkRow, ReuseRow, StanceRow, StatementRow, StoryInput, StoryRow, TextReader,
};
pub use query::{ActorRow, DocumentRow, MentionRow, QuoteRow, TimeRow, UnknownValue};
use schema::MIGRATIONS;
pub use search::{match_expression, SearchHit, SearchQuery, SearchResults};
pub use storage::Storage;

/// Errors a store operation can meet, each saying what to do about it.
#[derive(Debug)]
pub enum StoreError {
    /// No database at the path (only from [`Store::open_existing`]).
    Missing(PathBuf),
    /// A file that no dossier has written a schema into: empty, or another
    /// program's database (only from [`Store::open_existing`]).
    NotAStore(PathBuf),
    /// A store from an older dossier, which only `analyze` may upgrade
    /// (only from [`Store::open_existing`]).
    Outdated {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// The database was written by a newer dossier.
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// A PostgreSQL store written by a newer dossier.
    TooNewAt {
        location: String,
        found: i64,
        known: i64,
    },
    /// A PostgreSQL database without this dossier's schema (none yet, or an
    /// older one), opened by a reading command.
    NotReady {
        location: String,
        found: i64,
        known: i64,
    },
    /// PostgreSQL's error (connecting, or a statement), with the URL
    /// without its password.
    Postgres {
        url: String,
        source: ::postgres::Error,
    },
    /// A stored name this dossier does not know (a value of
    /// `quotes.direct`, `stances.polarity`, …).
    Unknown {
        location: String,
        unknown: query::UnknownValue,
    },
    /// Another process held the write lock for longer than [`WRITE_WAIT`].
    Busy { path: PathBuf, waited: Duration },
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

/// How long a writer waits for another process's write transaction. A
/// transaction of dossier's lasts one batch or one pass over the store, so
/// ten minutes means the other process is stuck, not busy.
pub const WRITE_WAIT: Duration = Duration::from_secs(600);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Missing(path) => write!(
                f,
                "no dossier store at {}: run `dossier analyze PATH…` first, or point --db / DOSSIER_DB at an existing store",
                path.display()
            ),
            StoreError::NotAStore(path) => write!(
                f,
                "{} is not a dossier store (it is empty or holds another program's data): run `dossier analyze PATH…` with --db pointing at a new file, or point --db / DOSSIER_DB at an existing store",
                path.display()
            ),
            StoreError::Outdated { path, found, known } => write!(
                f,
                "{} has schema version {found} from an older dossier (this one writes {known}); reading commands never change a store: run `dossier analyze PATH…` on it once to upgrade it",
                path.display()
            ),
            StoreError::TooNew { path, found, known } => write!(
                f,
                "{} has schema version {found}, but this dossier knows only up to {known}: upgrade dossier",
                path.display()
            ),
            StoreError::TooNewAt { location, found, known } => write!(
                f,
                "{location} has schema version {found}, but this dossier knows only up to {known}: upgrade dossier"
            ),
            StoreError::NotReady { location, found, known } => write!(
                f,
                "{location} holds dossier schema version {found}, not {known}: run `dossier --db URL analyze PATH…` on it first (reading commands never create or upgrade a store)"
            ),
            StoreError::Postgres { url, source } => {
                // The server's own message says what went wrong; the
                // client's Display alone says only "db error".
                let detail = match source.as_db_error() {
                    Some(db) => db.message().to_string(),
                    // "error connecting to server" says why only in its
                    // cause ("Connection refused").
                    None => match std::error::Error::source(source) {
                        Some(cause) => format!("{source}: {cause}"),
                        None => source.to_string(),
                    },
                };
                write!(
                    f,
                    "PostgreSQL store {url}: {detail} (check that the server runs and the URL's user may create tables)"
                )
            }
            StoreError::Busy { path, waited } => write!(
                f,
                "another process kept {} locked for writing for {} s: wait for the other dossier to finish (or stop it) and run this again",
                path.display(),
                waited.as_secs()
            ),
            StoreError::Unknown { location, unknown } => write!(f, "store {location}: {unknown}"),
            StoreError::Sqlite { path, source } => write!(f, "store {}: {source}", path.display()),
        }
    }
}

/// No `source()`: the message above already says SQLite's, and rusqlite's
/// error hands its message on as its own source again, so printing the
/// chain (as `anyhow`'s `{:#}` does) said "file is not a database" three
/// times in one line.
impl std::error::Error for StoreError {}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What happened to one document offered to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// A document the store had not seen.
    New { id: String, key: i64 },
    /// Changed content under a known id: stored as the next version.
    NewVersion { id: String, key: i64, version: i64 },
    /// Identical content is already stored (under this id).
    Unchanged { id: String },
}

pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// Whether this process already said it waits for another writer (said
    /// once per store, not once per batch).
    announced_wait: Cell<bool>,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema
    /// up to date. A store from a newer dossier is refused before anything
    /// is written to it (not even the switch to WAL mode).
    ///
    /// Two processes opening a new store at once can deadlock over the
    /// switch to WAL mode (each holds a read lock the other's switch must
    /// wait out), and SQLite then fails one at once rather than waiting:
    /// that one closes the file and tries again, for up to [`WRITE_WAIT`].
    pub fn open(path: &Path) -> Result<Store> {
        let started = std::time::Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            match Store::open_once(path) {
                Err(StoreError::Sqlite { source, .. })
                    if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && started.elapsed() < WRITE_WAIT =>
                {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(200));
                }
                opened => return opened,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            announced_wait: Cell::new(false),
        };
        store.refuse_newer()?;
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens a store that must already exist, for commands that only read:
    /// it is neither created nor migrated, and the connection is
    /// `query_only`, so a reading command can never change a store.
    pub fn open_existing(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        // An empty file is an empty database to SQLite; not a store here.
        if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            return Err(StoreError::NotAStore(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sqlite {
                path: path.to_path_buf(),
                source,
            })?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            announced_wait: Cell::new(false),
        };
        let found = store.refuse_newer()?;
        let known = MIGRATIONS.len() as i64;
        if found == 0 {
            return Err(StoreError::NotAStore(path.to_path_buf()));
        }
        if found < known {
            return Err(StoreError::Outdated {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
        store
            .conn
            .execute_batch("PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;")
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    /// The schema version found, or [`StoreError::TooNew`]. Only reads.
    fn refuse_newer(&self) -> Result<i64> {
        let known = MIGRATIONS.len() as i64;
        let found = self.schema_version()?;
        if found > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        Ok(found)
    }

    pub(crate) fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn configure(&self) -> Result<()> {
        // The timeout first: switching a new file to WAL takes a lock that
        // a second first run must wait for too.
        self.conn
            .busy_timeout(WRITE_WAIT)
            .and_then(|_| {
                self.conn.execute_batch(
                    "PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = NORMAL;
                     PRAGMA foreign_keys = ON;",
                )
            })
            .map_err(|e| self.err(e))
    }

    /// Applies the missing migrations in one write transaction. The version
    /// is read again under the write lock: another process may have
    /// migrated the store since it was opened.
    fn migrate(&mut self) -> Result<()> {
        let known = MIGRATIONS.len() as i64;
        if self.refuse_newer()? == known {
            return Ok(());
        }
        self.in_one_write(|store| {
            let found = store.refuse_newer()?;
            store.write(|conn| {
                for sql in &MIGRATIONS[found as usize..] {
                    conn.execute_batch(sql)?;
                }
                conn.pragma_update(None, "user_version", known)
            })
        })
    }

    /// Takes the write lock (`BEGIN IMMEDIATE`). When another process holds
    /// it, says once that this one waits, then waits up to [`WRITE_WAIT`].
    fn begin_write(&self) -> Result<()> {
        let begin = || self.conn.execute_batch("BEGIN IMMEDIATE");
        let is_busy =
            |e: &rusqlite::Error| e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy);
        self.conn
            .busy_timeout(Duration::ZERO)
            .map_err(|e| self.err(e))?;
        let first = begin();
        self.conn
            .busy_timeout(WRITE_WAIT)
            .map_err(|e| self.err(e))?;
        match first {
            Ok(()) => Ok(()),
            Err(e) if is_busy(&e) => {
                if !self.announced_wait.replace(true) {
                    eprintln!(
                        "waiting for another dossier writing to {}…",
                        self.path.display()
                    );
                }
                begin().map_err(|e| {
                    if is_busy(&e) {
                        StoreError::Busy {
                            path: self.path.clone(),
                            waited: WRITE_WAIT,
                        }
                    } else {
                        self.err(e)
                    }
                })
            }
            Err(e) => Err(self.err(e)),
        }
    }

    /// Runs `f` in a write transaction: its own, committed when `f`
    /// succeeds and rolled back when it fails, or, inside
    /// [`Store::in_one_write`], the enclosing one.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(&self.conn).map_err(|e| self.err(e));
        }
        self.begin_write()?;
        match f(&self.conn) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
                Ok(value)
            }
            Err(e) => {
                // The error to report is `e`; a failed rollback only means
                // SQLite already rolled back.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(self.err(e))
            }
        }
    }

    /// Runs `f` holding the write lock throughout, so that what it reads
    /// and what it writes form one transaction no other writer can come
    /// between: the link stage's "what is not linked yet", the end-of-run
    /// passes that regroup the whole store. Every write `f` makes joins
    /// this transaction; nested calls join it too.
    pub fn in_one_write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.begin_write()?;
        match f(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Runs `f` in one read transaction, so that everything it reads comes
    /// from one state of the store even while another process writes (an
    /// export must never list a mention whose document it does not list).
    pub fn snapshot<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| self.err(e))?;
        let out = f(self);
        // Ending a read transaction cannot lose anything.
        let _ = self.conn.execute_batch("COMMIT");
        out
    }

    /// Where the store lives, for messages.
    pub fn location(&self) -> String {
        self.path.display().to_string()
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
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
        // Asked once per document read: preparing the statement each time
        // cost more than the lookup (a re-run of 10,000 unchanged documents
        // spent a fifth of its time there).
        self.conn
            .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")
            .and_then(|mut statement| statement.query_row([content_hash], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// Stores a batch of analysed documents in one transaction.
    pub fn insert_batch(&mut self, docs: &[AnalyzedDoc]) -> Result<Vec<Stored>> {
        self.write(|conn| {
            docs.iter()
                .map(|doc| ingest::insert_one(conn, doc))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{Analysis, Article, Paragraph, ParagraphKind, Span};

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
            spun: Default::default(),
        }
    }

    #[test]
    fn same_content_is_stored_once_and_changes_are_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let out = store.insert_batch(&[doc("a", "h1", "One.")]).unwrap();
        assert!(matches!(&out[..], [Stored::New { id, .. }] if id == "a"));
        let out = store
            .insert_batch(&[doc("a", "h1", "One."), doc("a", "h2", "Two.")])
            .unwrap();
        assert_eq!(out[0], Stored::Unchanged { id: "a".into() });
        assert!(matches!(&out[1], Stored::NewVersion { id, version: 2, .. } if id == "a"));
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

    /// The grouping is current only until the next link step: a writer
    /// that finds it current may skip regrouping, one that linked since
    /// may not.
    #[test]
    fn the_grouping_is_current_until_something_new_is_linked() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        assert!(!store.grouping_is_current().unwrap(), "never grouped");
        let key = |out: &[Stored]| match out[0] {
            Stored::New { key, .. } => key,
            ref other => panic!("{other:?}"),
        };
        let first = key(&store.insert_batch(&[doc("a", "h1", "One.")]).unwrap());
        store.save_links(&[(first, vec![1])], &[], 1).unwrap();
        assert!(!store.grouping_is_current().unwrap(), "linked, not grouped");
        store.mark_grouped().unwrap();
        assert!(store.grouping_is_current().unwrap());
        let second = key(&store.insert_batch(&[doc("b", "h2", "Two.")]).unwrap());
        store.save_links(&[(second, vec![2])], &[], 2).unwrap();
        assert!(!store.grouping_is_current().unwrap(), "b linked since");
        store.mark_grouped().unwrap();
        assert!(store.grouping_is_current().unwrap());
    }

    #[test]
    fn actors_merge_across_documents_and_surnames_join_full_names() {
        use dossier_model::{ActorInfo, ActorKind, Mention};
        let person = |id: &str, name: &str| ActorInfo {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::Person,
            country: None,
            roles: vec!["professor".into()],
            aliases: vec![],
            affiliation: None,
        };
        let mut a = doc("a", "h1", "Jane Roe spoke.");
        a.analysis.actors = vec![person("person:jane-roe", "Jane Roe")];
        a.analysis.mentions = vec![Mention {
            span: Span::new(0, 8),
            actor: "person:jane-roe".into(),
        }];
        let mut b = doc("b", "h2", "Ms. Roe spoke.");
        b.analysis.actors = vec![person("person:roe", "Roe")];
        b.analysis.mentions = vec![Mention {
            span: Span::new(4, 7),
            actor: "person:roe".into(),
        }];
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        store.insert_batch(&[a, b]).unwrap();
        assert_eq!(store.merge_surname_people().unwrap(), 1);
        let actors = store.actors().unwrap();
        assert_eq!(actors.len(), 1);
        assert_eq!(
            (
                actors[0].id.as_str(),
                actors[0].mentions,
                actors[0].documents
            ),
            ("person:jane-roe", 2, 2)
        );
        let mentions = store.mentions().unwrap();
        assert_eq!(mentions[1].text, "Roe");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 999)
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(err.to_string().contains("upgrade dossier"), "{err}");
        let err = Store::open_existing(&path).err().unwrap();
        assert!(err.to_string().contains("upgrade dossier"), "{err}");
        // Regression: the switch to WAL mode used to come before the check.
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "refused but modified"
        );
        assert!(!dir.path().join("t.db-wal").exists());
    }

    /// Regression: `export` on a zero-byte file wrote a schema into it.
    #[test]
    fn reading_never_creates_nor_migrates_a_store() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, "").unwrap();
        let err = Store::open_existing(&empty).err().unwrap();
        assert!(err.to_string().contains("not a dossier store"), "{err}");
        assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);

        let old = dir.path().join("old.db");
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        drop(conn);
        let err = Store::open_existing(&old).err().unwrap();
        assert!(err.to_string().contains("dossier analyze"), "{err}");
        let version: i64 = Connection::open(&old)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1);

        let current = dir.path().join("current.db");
        drop(Store::open(&current).unwrap());
        let store = Store::open_existing(&current).unwrap();
        let write = store.conn.execute("DELETE FROM documents", []);
        assert!(write.is_err(), "a reading command's connection wrote");
    }

    /// Regression: the SQLite message was printed three times in one line.
    #[test]
    fn an_error_says_sqlite_s_message_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(
            &path,
            "plain text, not a database, long enough to have a header",
        )
        .unwrap();
        let err = Store::open(&path).err().unwrap();
        let chain = format!("{:#}", anyhow::Error::new(err));
        assert_eq!(chain.matches("not a database").count(), 1, "{chain}");
    }

    #[test]
    fn reading_commands_need_an_existing_store() {
        let err = Store::open_existing(Path::new("/nonexistent/x.db"))
            .err()
            .unwrap();
        assert!(err.to_string().contains("dossier analyze"), "{err}");
    }
}
