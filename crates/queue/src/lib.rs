//! The durable work queue: documents read by `dossier enqueue` wait in a
//! PostgreSQL table until a `dossier worker` takes a batch.
//!
//! Why PostgreSQL's own transactional queue rather than a message broker:
//! the store is PostgreSQL already, so the queue needs no second engine to
//! install, run and watch, and taking work is one statement with the
//! guarantees a broker would add: a worker claims a batch with
//! `SELECT … FOR UPDATE SKIP LOCKED` inside a transaction (other workers
//! skip those rows, never wait for them) and acknowledges it by deleting
//! the rows and committing, after the documents are stored. A worker that
//! dies (even by SIGKILL) drops its connection, PostgreSQL rolls the claim
//! back, and the rows are taken again by another worker: delivery is at
//! least once, and storing is idempotent (a document's content hash is
//! unique in the store), so nothing is lost or stored twice.
//!
//! **Architecture Invariant:** a batch is acknowledged only after its
//! documents are committed to the store.

use dossier_model::RawDoc;
use dossier_store::without_password as redacted;
use postgres::{Client, NoTls};

#[derive(Debug)]
pub struct QueueError {
    /// The queue's URL without its password.
    url: String,
    source: postgres::Error,
}

impl std::fmt::Display for QueueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let detail = match self.source.as_db_error() {
            Some(db) => db.message().to_string(),
            None => match std::error::Error::source(&self.source) {
                Some(cause) => format!("{}: {cause}", self.source),
                None => self.source.to_string(),
            },
        };
        write!(
            f,
            "queue {}: {detail} (check that PostgreSQL runs there and --queue / --db is right)",
            self.url
        )
    }
}

impl std::error::Error for QueueError {}

pub type Result<T> = std::result::Result<T, QueueError>;

pub struct Queue {
    client: Client,
    url: String,
    /// Queue ids of the batch claimed and not yet acknowledged (its
    /// transaction is open).
    claimed: Vec<i64>,
}

impl Queue {
    /// Connects, creating the queue table if there is none.
    pub fn connect(url: &str) -> Result<Queue> {
        let wrap = |source| QueueError {
            url: redacted(url),
            source,
        };
        let mut client = Client::connect(url, NoTls).map_err(wrap)?;
        // The content hash is unique: enqueueing the same document twice
        // queues it once.
        client
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS dossier_queue (
                    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    content_hash TEXT NOT NULL UNIQUE,
                    doc          TEXT NOT NULL
                )",
            )
            .or_else(|e| {
                // Two first connections may race to create it.
                if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) {
                    Ok(())
                } else {
                    Err(e)
                }
            })
            .map_err(wrap)?;
        Ok(Queue {
            client,
            url: url.to_string(),
            claimed: Vec::new(),
        })
    }

    fn err(&self, source: postgres::Error) -> QueueError {
        QueueError {
            url: redacted(&self.url),
            source,
        }
    }

    /// Puts documents on the queue in one transaction; returns how many
    /// were new to it (one already waiting is not queued twice).
    pub fn enqueue(&mut self, docs: &[RawDoc]) -> Result<usize> {
        let mut tx = self.client.transaction().map_err(|e| QueueError {
            url: redacted(&self.url),
            source: e,
        })?;
        let mut added = 0;
        for doc in docs {
            let json = serde_json::to_string(doc).expect("a RawDoc serialises");
            added += tx
                .execute(
                    "INSERT INTO dossier_queue (content_hash, doc) VALUES ($1, $2)
                     ON CONFLICT (content_hash) DO NOTHING",
                    &[&doc.content_hash, &json],
                )
                .map_err(|e| QueueError {
                    url: redacted(&self.url),
                    source: e,
                })? as usize;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(added)
    }

    /// Claims up to `limit` documents, oldest first, skipping those other
    /// workers hold. They stay claimed until [`Queue::ack`] (or until this
    /// connection drops, when they go back to the queue).
    pub fn claim(&mut self, limit: usize) -> Result<Vec<RawDoc>> {
        assert!(self.claimed.is_empty(), "claim before ack");
        self.client
            .batch_execute("BEGIN")
            .map_err(|e| self.err(e))?;
        let rows = self
            .client
            .query(
                "SELECT id, doc FROM dossier_queue ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED",
                &[&(limit as i64)],
            )
            .map_err(|e| self.err(e))?;
        let mut docs = Vec::with_capacity(rows.len());
        for row in &rows {
            // A row this dossier cannot read (written by an incompatible
            // version) would be claimed forever: it is acknowledged with
            // the batch, and said.
            match serde_json::from_str::<RawDoc>(row.get(1)) {
                Ok(doc) => docs.push(doc),
                Err(e) => eprintln!(
                    "dossier: dropping queue entry {} that this dossier cannot read: {e}",
                    row.get::<_, i64>(0)
                ),
            }
            self.claimed.push(row.get(0));
        }
        if self.claimed.is_empty() {
            self.client
                .batch_execute("COMMIT")
                .map_err(|e| self.err(e))?;
        }
        Ok(docs)
    }

    /// Acknowledges the claimed batch: its documents are stored.
    pub fn ack(&mut self) -> Result<()> {
        if self.claimed.is_empty() {
            return Ok(());
        }
        let ids = std::mem::take(&mut self.claimed);
        self.client
            .execute("DELETE FROM dossier_queue WHERE id = ANY($1)", &[&ids])
            .and_then(|_| self.client.batch_execute("COMMIT"))
            .map_err(|e| self.err(e))
    }

    /// How many documents wait (claimed ones included).
    pub fn len(&mut self) -> Result<usize> {
        let n: i64 = self
            .client
            .query_one("SELECT count(*) FROM dossier_queue", &[])
            .map_err(|e| self.err(e))?
            .get(0);
        Ok(n as usize)
    }

    pub fn is_empty(&mut self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}
