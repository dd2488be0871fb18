//! The durable work queue: documents read by `dossier enqueue`, and pages
//! it was given by URL, wait in a PostgreSQL table until a `dossier worker`
//! takes a batch (and fetches the pages, politely, as `analyze` would).
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
//! documents are committed to the store; pages a fetched feed or sitemap
//! points at are queued in the acknowledging transaction, so they are
//! queued exactly when the page that listed them is done.

use dossier_model::{GivenMeta, RawDoc};
use dossier_store::without_password as redacted;
use postgres::{Client, NoTls};
use serde::{Deserialize, Serialize};

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

/// One thing to do: a document to analyse, or a page to fetch first.
/// Stored as JSON; a document is stored as the bare `RawDoc` (untagged),
/// so a queue filled by an older dossier reads the same.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Work {
    Doc(RawDoc),
    Page(Page),
}

/// A page to fetch: a URL given to `dossier enqueue`, or one a fetched
/// feed, sitemap or list of URLs pointed at.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page {
    pub url: String,
    /// What the listing said of the page (title, date, outlet …).
    pub given: GivenMeta,
    /// How many listings lie between what was given and this page (0: a
    /// URL given), so a worker stops where `analyze` would.
    pub depth: usize,
}

impl Work {
    /// The queue's key for it: one entry per key waits at a time (a
    /// document's content hash; a page's URL).
    fn key(&self) -> String {
        match self {
            Work::Doc(doc) => doc.content_hash.clone(),
            Work::Page(page) => format!("fetch {}", page.url),
        }
    }
}

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
        // The key (`content_hash`: a document's, or `fetch URL` for a page)
        // is unique: enqueueing the same work twice queues it once.
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

    /// Puts work on the queue in one transaction; returns how much was new
    /// to it (a document or page already waiting is not queued twice).
    pub fn enqueue(&mut self, work: &[Work]) -> Result<usize> {
        let mut tx = self.client.transaction().map_err(|e| QueueError {
            url: redacted(&self.url),
            source: e,
        })?;
        let added = insert(&mut tx, work).map_err(|e| QueueError {
            url: redacted(&self.url),
            source: e,
        })?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(added)
    }

    /// Claims up to `limit` entries, oldest first, skipping those other
    /// workers hold. They stay claimed until [`Queue::ack`] (or until this
    /// connection drops, when they go back to the queue).
    pub fn claim(&mut self, limit: usize) -> Result<Vec<Work>> {
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
            match serde_json::from_str::<Work>(row.get(1)) {
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

    /// Acknowledges the claimed batch (its documents are stored) and, in
    /// the same transaction, queues `more`: the pages its fetched feeds
    /// and sitemaps point at. Returns how many of those were new.
    pub fn ack(&mut self, more: &[Work]) -> Result<usize> {
        if self.claimed.is_empty() {
            return self.enqueue(more);
        }
        let ids = std::mem::take(&mut self.claimed);
        let client = &mut self.client;
        let done = client
            .execute("DELETE FROM dossier_queue WHERE id = ANY($1)", &[&ids])
            .and_then(|_| insert(&mut *client, more))
            .and_then(|added| client.batch_execute("COMMIT").map(|_| added));
        done.map_err(|e| self.err(e))
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

/// Inserts `work` (in the caller's transaction); returns how much was new.
fn insert(
    client: &mut impl postgres::GenericClient,
    work: &[Work],
) -> std::result::Result<usize, postgres::Error> {
    let mut added = 0;
    for item in work {
        let json = serde_json::to_string(item).expect("queue work serialises");
        added += client.execute(
            "INSERT INTO dossier_queue (content_hash, doc) VALUES ($1, $2)
             ON CONFLICT (content_hash) DO NOTHING",
            &[&item.key(), &json],
        )? as usize;
    }
    Ok(added)
}
