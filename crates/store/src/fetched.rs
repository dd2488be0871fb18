//! What web servers last answered for the URLs dossier fetched: the
//! validators of conditional requests, kept across runs (`watch` restarts).

use dossier_model::Validators;
use rusqlite::OptionalExtension;

use crate::{Result, Store};

impl Store {
    /// The validators the last fetch of `url` returned (empty when it was
    /// never fetched, or the server sent none).
    pub fn validators(&self, url: &str) -> Result<Validators> {
        self.conn
            .query_row(
                "SELECT etag, last_modified FROM fetched WHERE url = ?1",
                [url],
                |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| self.err(e))
    }

    /// Remembers what fetching each URL returned, in one transaction. Call
    /// it only once the documents read from those pages are committed: a
    /// validator stored first would make the next run skip a page it never
    /// stored.
    pub fn remember_fetches(&mut self, fetched: &[(String, Validators)]) -> Result<()> {
        self.write(|tx| {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO fetched (url, etag, last_modified) VALUES (?1, ?2, ?3)
                 ON CONFLICT (url) DO UPDATE SET etag = ?2, last_modified = ?3,
                     fetched_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            )?;
            for (url, validators) in fetched {
                upsert.execute((url, &validators.etag, &validators.last_modified))?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_are_remembered_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let url = "http://127.0.0.1/a";
        assert!(store.validators(url).unwrap().is_empty());
        let first = Validators {
            etag: Some("\"v1\"".into()),
            last_modified: None,
        };
        store
            .remember_fetches(&[(url.to_string(), first.clone())])
            .unwrap();
        assert_eq!(store.validators(url).unwrap(), first);
        let second = Validators {
            etag: None,
            last_modified: Some("Tue, 03 Jun 2025 10:00:00 GMT".into()),
        };
        store
            .remember_fetches(&[(url.to_string(), second.clone())])
            .unwrap();
        assert_eq!(store.validators(url).unwrap(), second);
    }
}
