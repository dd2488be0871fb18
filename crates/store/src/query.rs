//! Reading the store: the current version of every document and what
//! analysis found in it, as plain rows for the outputs crate.

use std::collections::HashMap;

use dossier_model::Directness;
use rusqlite::Row;

use crate::{Result, Store};

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
    pub published_inferred: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub genre: Option<String>,
    pub spun: bool,
    /// Evidence of machine rewriting: byte span and the usual phrase.
    pub spun_examples: Vec<(usize, usize, String)>,
    pub paragraphs: usize,
    pub sentences: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub roles: Vec<String>,
    pub aliases: Vec<String>,
    pub affiliation: Option<String>,
    /// Mentions in current documents, and in how many documents.
    pub mentions: usize,
    pub documents: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentionRow {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub actor: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_actor: Option<String>,
    pub affiliation: Option<String>,
    pub direct: Directness,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeRow {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    pub kind: String,
    pub anchor: Option<String>,
}

/// The first three columns of a span row (document id, start, end) and
/// the span's text, cut from the document texts fetched once.
fn span_columns(
    r: &Row<'_>,
    texts: &HashMap<String, String>,
) -> rusqlite::Result<(String, usize, usize, String)> {
    let document: String = r.get(0)?;
    let (start, end) = (r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize);
    let text = texts
        .get(&document)
        .map_or_else(String::new, |t| span_text(t, start, end));
    Ok((document, start, end, text))
}

/// The text of a span of a document's text (byte offsets from the store).
pub(crate) fn span_text(text: &str, start: usize, end: usize) -> String {
    text.get(start..end).unwrap_or_default().to_string()
}

/// A value stored by name (`quotes.direct`, `stances.polarity`) read back
/// as its type, once, where rows are read: the outputs match on the type,
/// never on the name. A name this dossier does not know (a store another
/// program wrote into) is an error naming the column and the value.
pub(crate) fn typed<T>(
    column: &'static str,
    name: &str,
    parse: fn(&str) -> Option<T>,
) -> std::result::Result<T, UnknownValue> {
    parse(name).ok_or_else(|| UnknownValue {
        column,
        value: name.to_string(),
    })
}

/// A stored name [`typed`] does not know.
#[derive(Debug)]
pub struct UnknownValue {
    pub column: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} holds {:?}, which this dossier does not know: the store was written by a newer \
             dossier or another program (upgrade dossier, or analyze into a new store)",
            self.column, self.value
        )
    }
}

impl std::error::Error for UnknownValue {}

impl From<UnknownValue> for rusqlite::Error {
    fn from(unknown: UnknownValue) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(unknown))
    }
}

pub(crate) fn json_list(json: String) -> Vec<String> {
    serde_json::from_str(&json).unwrap_or_default()
}

impl Store {
    /// Texts of current documents by id, to cut span texts from: fetched
    /// once rather than joined into every span row.
    pub(crate) fn texts(&self) -> Result<HashMap<String, String>> {
        Ok(self
            .rows("SELECT id, text FROM documents WHERE current = 1", |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .into_iter()
            .collect())
    }

    fn rows<T>(
        &self,
        sql: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], map).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// The current version of every document, ordered by publication date
    /// (undated last), then id.
    pub fn documents(&self) -> Result<Vec<DocumentRow>> {
        self.rows(
            "SELECT d.id, d.version, d.origin, d.url, d.title, d.outlet, d.author, d.published,
                    d.published_inferred, d.language, d.text, d.genre, d.spun,
                    (SELECT count(*) FROM paragraphs p WHERE p.doc = d.key),
                    (SELECT count(*) FROM sentences s WHERE s.doc = d.key),
                    d.spun_examples
             FROM documents d WHERE d.current = 1
             ORDER BY coalesce(d.published, d.published_inferred) IS NULL,
                      coalesce(d.published, d.published_inferred), d.id",
            |r| {
                Ok(DocumentRow {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    origin: r.get(2)?,
                    url: r.get(3)?,
                    title: r.get(4)?,
                    outlet: r.get(5)?,
                    author: r.get(6)?,
                    published: r.get(7)?,
                    published_inferred: r.get(8)?,
                    language: r.get(9)?,
                    text: r.get(10)?,
                    genre: r.get(11)?,
                    spun: r.get(12)?,
                    paragraphs: r.get::<_, i64>(13)? as usize,
                    sentences: r.get::<_, i64>(14)? as usize,
                    spun_examples: serde_json::from_str(&r.get::<_, String>(15)?)
                        .unwrap_or_default(),
                })
            },
        )
    }

    /// SQLite's `data_version`: it changes when another connection (an
    /// `analyze` run) commits, so a long-lived reader (`dossier serve`)
    /// knows when what it read is out of date.
    pub fn data_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Byte spans of the sentences of the current version of document
    /// `id`, in order (none for an unknown id).
    pub fn sentence_spans(&self, id: &str) -> Result<Vec<(usize, usize)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.start_byte, s.end_byte FROM sentences s
                 JOIN documents d ON d.key = s.doc AND d.current = 1
                 WHERE d.id = ?1 ORDER BY s.start_byte",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// Actors mentioned in current documents, most mentioned first.
    pub fn actors(&self) -> Result<Vec<ActorRow>> {
        self.rows(
            "SELECT a.id, a.name, a.kind, a.country, a.roles, a.aliases, a.affiliation,
                    count(m.actor), count(DISTINCT m.doc)
             FROM actors a
             JOIN mentions m ON m.actor = a.id
             JOIN documents d ON d.key = m.doc AND d.current = 1
             GROUP BY a.id
             ORDER BY count(DISTINCT m.doc) DESC, count(m.actor) DESC, a.id",
            |r| {
                Ok(ActorRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    country: r.get(3)?,
                    roles: json_list(r.get(4)?),
                    aliases: json_list(r.get(5)?),
                    affiliation: r.get(6)?,
                    mentions: r.get::<_, i64>(7)? as usize,
                    documents: r.get::<_, i64>(8)? as usize,
                })
            },
        )
    }

    pub fn mentions(&self) -> Result<Vec<MentionRow>> {
        let texts = self.texts()?;
        self.rows(
            "SELECT d.id, m.start_byte, m.end_byte, m.actor
             FROM mentions m JOIN documents d ON d.key = m.doc AND d.current = 1
             ORDER BY d.id, m.start_byte",
            |r| {
                let (document, start, end, text) = span_columns(r, &texts)?;
                Ok(MentionRow {
                    document,
                    start,
                    end,
                    text,
                    actor: r.get(3)?,
                })
            },
        )
    }

    pub fn quotes(&self) -> Result<Vec<QuoteRow>> {
        let texts = self.texts()?;
        self.rows(
            "SELECT d.id, q.start_byte, q.end_byte, q.speaker, q.speaker_actor, q.affiliation, q.direct
             FROM quotes q JOIN documents d ON d.key = q.doc AND d.current = 1
             ORDER BY d.id, q.start_byte",
            |r| {
                let (document, start, end, text) = span_columns(r, &texts)?;
                Ok(QuoteRow {
                    document,
                    start,
                    end,
                    text,
                    speaker: r.get(3)?,
                    speaker_actor: r.get(4)?,
                    affiliation: r.get(5)?,
                    direct: typed(
                        "quotes.direct",
                        &r.get::<_, String>(6)?,
                        Directness::from_name,
                    )?,
                })
            },
        )
    }

    pub fn times(&self) -> Result<Vec<TimeRow>> {
        let texts = self.texts()?;
        self.rows(
            "SELECT d.id, t.start_byte, t.end_byte, t.value, t.kind, t.anchor
             FROM times t JOIN documents d ON d.key = t.doc AND d.current = 1
             ORDER BY d.id, t.start_byte",
            |r| {
                let (document, start, end, text) = span_columns(r, &texts)?;
                Ok(TimeRow {
                    document,
                    start,
                    end,
                    text,
                    value: r.get(3)?,
                    kind: r.get(4)?,
                    anchor: r.get(5)?,
                })
            },
        )
    }
}
