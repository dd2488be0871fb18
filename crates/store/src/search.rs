//! Full-text search over the sentences of current documents (SQLite: the
//! FTS5 index `sentence_search`; PostgreSQL: each sentence's `tsvector`,
//! both filled as sentences are stored), with filters on what analysis
//! found: an actor named in the sentence, an event type it reports, the
//! document's date, story and outlet.

use postgres::types::ToSql;
use rusqlite::{params, OptionalExtension};

use crate::{PgStore, Result, Store};

/// What to look for. Words of `text` must all occur in a sentence (any
/// order, accents and case aside); each filter left `None` is not applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchQuery {
    pub text: String,
    /// Actor id named in the sentence (e.g. `CHN`, `person:xi-jinping`).
    pub actor: Option<String>,
    /// PLOVER type of an event the sentence reports (e.g. `AGREE`).
    pub event_type: Option<String>,
    /// The document's date (published, else inferred) is on or after this
    /// ISO date or prefix (`2025`, `2025-03`, `2025-03-13`).
    pub from: Option<String>,
    /// The document's date is on or before this ISO date or prefix.
    pub to: Option<String>,
    /// Story id the document belongs to.
    pub story: Option<String>,
    /// The document's outlet (case-insensitive).
    pub outlet: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// One sentence found, with the sentences around it for context.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub document: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// The document's date: published, else inferred from the text.
    pub date: Option<String>,
    /// Byte span of the sentence in the document's clean text.
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    /// The sentence before and after it in the document ("" at the edges).
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    /// Sentences matching in all, of which `hits` is the page asked for.
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

/// The FTS5 query for what a person typed: each word quoted (so `-`, `:`,
/// `"`, `OR`, `NEAR` and `*` are words, never syntax that fails), all
/// required. `None` when there is no word to look for.
pub fn match_expression(text: &str) -> Option<String> {
    words(text).map(|words| {
        words
            .split(' ')
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The conditions shared by the page and its count; `?1` is the match
/// expression, `?2`–`?7` the filters (NULL: not applied). The index holds
/// current versions only, so without filters no other table is read: a
/// join to `documents` per match cost a page read each (their rows hold
/// the text) and tripled the time of a common word.
const MATCHING: &str = "
    FROM sentence_search f
    WHERE sentence_search MATCH ?1
      AND (?2 IS NULL OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc = f.doc AND m.actor = ?2
                                 AND m.start_byte >= f.start_byte AND m.end_byte <= f.end_byte))
      AND (?3 IS NULL OR EXISTS (SELECT 1 FROM event_mentions e WHERE e.doc = f.doc AND e.kind = ?3
                                 AND e.start_byte < f.end_byte AND e.end_byte > f.start_byte))
      AND (?4 IS NULL OR (SELECT coalesce(d.published, d.published_inferred) FROM documents d
                          WHERE d.key = f.doc) >= ?4)
      AND (?5 IS NULL OR (SELECT substr(coalesce(d.published, d.published_inferred), 1, length(?5))
                          FROM documents d WHERE d.key = f.doc) <= ?5)
      AND (?6 IS NULL OR f.doc IN (SELECT d.key FROM stories s, json_each(s.documents) j
                                   JOIN documents d ON d.id = j.value AND d.current = 1
                                   WHERE s.id = ?6))
      AND (?7 IS NULL OR (SELECT d.outlet FROM documents d WHERE d.key = f.doc) = ?7 COLLATE NOCASE)";

impl Store {
    /// Sentences matching `query`, best first (BM25), one page of them.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        let Some(expression) = match_expression(&query.text) else {
            return Ok(SearchResults {
                total: 0,
                hits: Vec::new(),
            });
        };
        let q = query;
        let filters = params![
            expression,
            q.actor,
            q.event_type,
            q.from,
            q.to,
            q.story,
            q.outlet
        ];
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) {MATCHING}"))
            .and_then(|mut s| s.query_row(filters, |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        // The page is ranked on the index alone (rank, then rowid, which
        // follows each document's sentence order): a tie-break on columns
        // of the content table read a content row per match, which doubled
        // the time of a common word. Only the page's rows are read.
        let sql = format!(
            "SELECT f.rowid {MATCHING}
             ORDER BY f.rank, f.rowid LIMIT ?8 OFFSET ?9"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let page: Vec<i64> = stmt
            .query_map(
                params![
                    expression,
                    q.actor,
                    q.event_type,
                    q.from,
                    q.to,
                    q.story,
                    q.outlet,
                    q.limit as i64,
                    q.offset as i64
                ],
                |r| r.get(0),
            )
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT doc, start_byte, end_byte, text FROM sentence_search WHERE rowid = ?1",
            )
            .map_err(|e| self.err(e))?;
        let rows = page
            .into_iter()
            .map(|rowid| {
                stmt.query_row([rowid], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)? as usize,
                        r.get::<_, i64>(2)? as usize,
                        r.get::<_, String>(3)?,
                        rowid,
                    ))
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        // The page's documents: one lookup per hit, not per match.
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, outlet, coalesce(published, published_inferred)
                 FROM documents WHERE key = ?1",
            )
            .map_err(|e| self.err(e))?;
        let rows = rows
            .into_iter()
            .map(|(key, start, end, sentence, rowid)| {
                stmt.query_row([key], |r| {
                    Ok((
                        SearchHit {
                            document: r.get(0)?,
                            title: r.get(1)?,
                            outlet: r.get(2)?,
                            date: r.get(3)?,
                            start,
                            end,
                            sentence,
                            before: String::new(),
                            after: String::new(),
                        },
                        (key, rowid),
                    ))
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        let mut hits = Vec::with_capacity(rows.len());
        for (mut hit, (key, rowid)) in rows {
            (hit.before, hit.after) = self.neighbours(key, rowid)?;
            hits.push(hit);
        }
        Ok(SearchResults {
            total: total as usize,
            hits,
        })
    }

    /// The texts of the sentences just before and after the indexed
    /// sentence `rowid` of document `key` ("" when there is none). A
    /// document's sentences are stored in order, one after another, so its
    /// neighbours are the rowids either side when they belong to the same
    /// document; read from the index, which holds each sentence's text,
    /// not from the whole document.
    fn neighbours(&self, key: i64, rowid: i64) -> Result<(String, String)> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM sentence_search WHERE rowid = ?1 AND doc = ?2")
            .map_err(|e| self.err(e))?;
        let mut text = |at: i64| -> Result<String> {
            stmt.query_row(params![at, key], |r| r.get::<_, String>(0))
                .optional()
                .map(Option::unwrap_or_default)
                .map_err(|e| self.err(e))
        };
        Ok((text(rowid - 1)?, text(rowid + 1)?))
    }
}

/// The page and its count on PostgreSQL; `$1` is the words as one string
/// for `plainto_tsquery` (every word required, as [`match_expression`]
/// requires them on SQLite: `websearch_to_tsquery` would read `or` and a
/// leading `-` as operators, which SQLite's search takes as words), `$2`–`$7`
/// the filters as on SQLite (NULL: not applied).
const PG_MATCHING: &str = "
    FROM sentences s JOIN documents d ON d.key = s.doc AND d.current,
         plainto_tsquery('simple', $1) q
    WHERE s.search @@ q
      AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc = s.doc AND m.actor = $2
                                       AND m.start_byte >= s.start_byte AND m.end_byte <= s.end_byte))
      AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM event_mentions e WHERE e.doc = s.doc AND e.kind = $3
                                       AND e.start_byte < s.end_byte AND e.end_byte > s.start_byte))
      AND ($4::text IS NULL OR coalesce(d.published, d.published_inferred) COLLATE \"C\" >= $4)
      AND ($5::text IS NULL OR substr(coalesce(d.published, d.published_inferred), 1, length($5))
                               COLLATE \"C\" <= $5)
      AND ($6::text IS NULL OR d.id IN (SELECT json_array_elements_text(st.documents::json)
                                        FROM stories st WHERE st.id = $6))
      AND ($7::text IS NULL OR lower(d.outlet) = lower($7))";

impl PgStore {
    /// Sentences matching `query`, best first (`ts_rank`, then document and
    /// position), one page of them: the same hits as [`Store::search`],
    /// ranked by another measure.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        let Some(words) = words(&query.text) else {
            return Ok(SearchResults {
                total: 0,
                hits: Vec::new(),
            });
        };
        let q = query;
        let filters: [&(dyn ToSql + Sync); 7] = [
            &words,
            &q.actor,
            &q.event_type,
            &q.from,
            &q.to,
            &q.story,
            &q.outlet,
        ];
        let total: i64 = self.rows(&format!("SELECT count(*) {PG_MATCHING}"), &filters)?[0].get(0);
        let (limit, offset) = (q.limit as i64, q.offset as i64);
        let mut page = filters.to_vec();
        page.extend([&limit as &(dyn ToSql + Sync), &offset]);
        // The sentences either side are the ones just before and after in
        // the document (by position), read for the page's rows only.
        let sql = format!(
            "SELECT d.id, d.title, d.outlet, coalesce(d.published, d.published_inferred),
                    s.start_byte, s.end_byte, s.text,
                    (SELECT p.text FROM sentences p WHERE p.doc = s.doc AND p.start_byte < s.start_byte
                     ORDER BY p.start_byte DESC LIMIT 1),
                    (SELECT n.text FROM sentences n WHERE n.doc = s.doc AND n.start_byte > s.start_byte
                     ORDER BY n.start_byte LIMIT 1)
             {PG_MATCHING}
             ORDER BY ts_rank(s.search, q) DESC, s.doc, s.start_byte LIMIT $8 OFFSET $9"
        );
        let hits = self
            .rows(&sql, &page)?
            .iter()
            .map(|r| SearchHit {
                document: r.get(0),
                title: r.get(1),
                outlet: r.get(2),
                date: r.get(3),
                start: r.get::<_, i64>(4) as usize,
                end: r.get::<_, i64>(5) as usize,
                sentence: r.get::<_, Option<String>>(6).unwrap_or_default(),
                before: r.get::<_, Option<String>>(7).unwrap_or_default(),
                after: r.get::<_, Option<String>>(8).unwrap_or_default(),
            })
            .collect();
        Ok(SearchResults {
            total: total as usize,
            hits,
        })
    }
}

/// The words of what a person typed, as [`match_expression`] splits them,
/// joined by spaces; `None` when there is none.
fn words(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::MIGRATIONS;
    use dossier_model::{Analysis, AnalyzedDoc, Article, Mention, Span};

    /// A document whose sentences are its lines.
    fn doc(id: &str, outlet: &str, published: &str, text: &str) -> AnalyzedDoc {
        let mut sentences = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            sentences.push(Span::new(at, at + line.trim_end().len()));
            at += line.len();
        }
        AnalyzedDoc {
            id: id.into(),
            content_hash: format!("hash-{id}-{}", text.len()),
            article: Article {
                origin: format!("{id}.txt"),
                title: Some(format!("Title {id}")),
                outlet: Some(outlet.into()),
                published: Some(published.into()),
                text: text.into(),
                ..Article::default()
            },
            analysis: Analysis {
                sentences,
                ..Analysis::default()
            },
            spun: Default::default(),
        }
    }

    fn query(text: &str) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            limit: 10,
            ..SearchQuery::default()
        }
    }

    fn found(store: &Store, q: &SearchQuery) -> Vec<(String, String)> {
        let results = store.search(q).unwrap();
        assert!(results.total >= results.hits.len());
        results
            .hits
            .into_iter()
            .map(|h| (h.document, h.sentence))
            .collect()
    }

    #[test]
    fn sentences_are_found_with_context_and_filters() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let mut a = doc(
            "a",
            "Daily",
            "2025-03-13",
            "Ministers met in Tashkent.\nThe water accord was signed by Kazakhstan.\nTalks go on.",
        );
        a.analysis.mentions = vec![Mention {
            span: Span::new(58, 68),
            actor: "KAZ".into(),
        }];
        let b = doc(
            "b",
            "Weekly",
            "2025-05-01",
            "Élan: the accord’s critics spoke.\n\"Water\" -- OR NEAR * accord",
        );
        store.insert_batch(&[a, b]).unwrap();

        let results = store.search(&query("ACCORD water")).unwrap();
        assert_eq!(results.total, 2);
        let hit = results.hits.iter().find(|h| h.document == "a").unwrap();
        assert_eq!(hit.sentence, "The water accord was signed by Kazakhstan.");
        assert_eq!(
            (hit.before.as_str(), hit.after.as_str()),
            ("Ministers met in Tashkent.", "Talks go on.")
        );
        assert_eq!(
            &"Ministers met in Tashkent.\nThe water accord was signed by Kazakhstan."
                [hit.start..hit.end],
            hit.sentence
        );
        assert_eq!(hit.title.as_deref(), Some("Title a"));
        // Past the last page the total is still said.
        let mut past = query("ACCORD water");
        past.offset = 10;
        let results = store.search(&past).unwrap();
        assert_eq!((results.total, results.hits.len()), (2, 0));

        // Accents and FTS syntax in what is typed are plain words.
        assert_eq!(found(&store, &query("elan")).len(), 1);
        assert_eq!(found(&store, &query("\"water\" OR NEAR *")).len(), 1);
        assert!(found(&store, &query("-- * :")).is_empty());

        let only = |store: &Store, f: fn(&mut SearchQuery)| {
            let mut q = query("accord");
            f(&mut q);
            found(store, &q)
                .into_iter()
                .map(|(d, _)| d)
                .collect::<Vec<_>>()
        };
        assert_eq!(only(&store, |q| q.actor = Some("KAZ".into())), ["a"]);
        assert_eq!(only(&store, |q| q.outlet = Some("weekly".into())).len(), 2);
        assert!(only(&store, |q| q.outlet = Some("weekly".into()))
            .iter()
            .all(|d| d == "b"));
        assert!(only(&store, |q| q.to = Some("2025-03".into()))
            .iter()
            .all(|d| d == "a"));
        assert!(only(&store, |q| q.from = Some("2025-04".into()))
            .iter()
            .all(|d| d == "b"));
        assert!(only(&store, |q| q.event_type = Some("AGREE".into())).is_empty());
        assert!(only(&store, |q| q.story = Some("no-such-story".into())).is_empty());

        // A new version replaces the old one's sentences in the results.
        let changed = doc("a", "Daily", "2025-03-13", "Nothing about it.");
        store.insert_batch(&[changed]).unwrap();
        assert!(only(&store, |q| q.outlet = Some("daily".into())).is_empty());
    }

    #[test]
    fn the_migration_indexes_a_store_analysed_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        let before = MIGRATIONS.len() - 1;
        for sql in &MIGRATIONS[..before] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", before as i64)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO documents (key, id, version, origin, text, content_hash)
             VALUES (1, 'old', 1, 'old.txt', 'Déjà vu. The Aral sea shrank.', 'h');
             INSERT INTO sentences (doc, start_byte, end_byte) VALUES (1, 0, 10), (1, 11, 31);
             INSERT INTO documents (key, id, version, current, origin, text, content_hash)
             VALUES (2, 'replaced', 1, 0, 'replaced.txt', 'The Aral sea was a sea.', 'h0');
             INSERT INTO sentences (doc, start_byte, end_byte) VALUES (2, 0, 23);",
        )
        .unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        // Only the current version's sentences are indexed.
        let results = store.search(&query("aral")).unwrap();
        assert_eq!((results.total, results.hits.len()), (1, 1));
        assert_eq!(results.hits[0].sentence, "The Aral sea shrank.");
        assert_eq!(results.hits[0].before, "Déjà vu.");
    }
}
