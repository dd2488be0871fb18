//! Writing one analysed document into the store (inside the caller's
//! transaction: `tx` is a connection with one open).

use dossier_model::{ActorInfo, ActorKind, AnalyzedDoc, ParagraphKind, TimeKind};
use rusqlite::{params, Connection, OptionalExtension};

use crate::Stored;

pub(crate) fn insert_one(tx: &Connection, doc: &AnalyzedDoc) -> rusqlite::Result<Stored> {
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
                                language, text, content_hash, warnings, published_inferred,
                                spun, spun_score, spun_examples)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
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
            warnings,
            doc.analysis.published_inferred,
            doc.spun.spun,
            doc.spun.score,
            spun_examples_json(doc),
        ],
    )?;
    let key = tx.last_insert_rowid();
    insert_spans(tx, key, doc)?;
    for actor in &doc.analysis.actors {
        merge_actor(tx, actor)?;
    }
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

/// Paragraphs, sentences, mentions, quotes and times of document `key`.
fn insert_spans(tx: &Connection, key: i64, doc: &AnalyzedDoc) -> rusqlite::Result<()> {
    let a = &doc.article;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO paragraphs (doc, start_byte, end_byte, kind) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for p in &a.paragraphs {
        stmt.execute(params![
            key,
            p.span.start as i64,
            p.span.end as i64,
            paragraph_kind_name(p.kind)
        ])?;
    }
    let mut stmt =
        tx.prepare_cached("INSERT INTO sentences (doc, start_byte, end_byte) VALUES (?1, ?2, ?3)")?;
    // The search index's row of each sentence shares its rowid; the
    // document being stored is its id's current version.
    let mut index = tx.prepare_cached(
        "INSERT INTO sentence_search (rowid, text, doc, start_byte, end_byte)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in &doc.analysis.sentences {
        stmt.execute(params![key, s.start as i64, s.end as i64])?;
        index.execute(params![
            tx.last_insert_rowid(),
            s.of(&a.text),
            key,
            s.start as i64,
            s.end as i64
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO mentions (doc, start_byte, end_byte, actor) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for m in &doc.analysis.mentions {
        stmt.execute(params![
            key,
            m.span.start as i64,
            m.span.end as i64,
            m.actor
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO quotes (doc, start_byte, end_byte, speaker, speaker_start, speaker_end,
                             cue_start, cue_end, speaker_actor, affiliation, direct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for q in &doc.analysis.quotes {
        stmt.execute(params![
            key,
            q.span.start as i64,
            q.span.end as i64,
            q.speaker,
            q.speaker_span.map(|s| s.start as i64),
            q.speaker_span.map(|s| s.end as i64),
            q.cue.map(|s| s.start as i64),
            q.cue.map(|s| s.end as i64),
            q.speaker_actor,
            q.affiliation,
            q.direct.name(),
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO event_mentions (doc, start_byte, end_byte, trigger_start, trigger_end, kind, mode,
                                     sources, targets, date, date_text, negated, hypothetical, future,
                                     confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for e in &doc.analysis.events {
        stmt.execute(params![
            key,
            e.span.start as i64,
            e.span.end as i64,
            e.trigger.start as i64,
            e.trigger.end as i64,
            e.kind,
            e.mode,
            serde_json::to_string(&e.sources).unwrap_or_else(|_| "[]".into()),
            serde_json::to_string(&e.targets).unwrap_or_else(|_| "[]".into()),
            e.date,
            e.date_text,
            e.negated,
            e.hypothetical,
            e.future,
            e.confidence,
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO stance_statements (doc, start_byte, end_byte, cue_start, cue_end, holder, polarity,
                                        topic, topic_actors, hedged, speaker)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for st in &doc.analysis.stances {
        let speaker = stance_speaker(doc, st);
        stmt.execute(params![
            key,
            st.span.start as i64,
            st.span.end as i64,
            st.cue.start as i64,
            st.cue.end as i64,
            st.holder,
            st.polarity.name(),
            st.topic,
            serde_json::to_string(&st.topic_actors).unwrap_or_else(|_| "[]".into()),
            st.hedged,
            speaker,
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO times (doc, start_byte, end_byte, value, kind, anchor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for t in &doc.analysis.times {
        stmt.execute(params![
            key,
            t.span.start as i64,
            t.span.end as i64,
            t.value,
            time_kind_name(t.kind),
            t.anchor
        ])?;
    }
    Ok(())
}

// How each enumeration is written in the store, by either backend.

pub(crate) fn paragraph_kind_name(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Body => "body",
        ParagraphKind::Subhead => "subhead",
    }
}

pub(crate) fn time_kind_name(kind: TimeKind) -> &'static str {
    match kind {
        TimeKind::Date => "date",
        TimeKind::Time => "time",
        TimeKind::Duration => "duration",
        TimeKind::Set => "set",
    }
}

/// Who voices a stance statement: the actor (else the name) speaking the
/// quotation it is part of.
pub(crate) fn stance_speaker(
    doc: &AnalyzedDoc,
    st: &dossier_model::StanceStatement,
) -> Option<String> {
    st.quote
        .and_then(|q| doc.analysis.quotes.get(q))
        .and_then(|q| q.speaker_actor.clone().or_else(|| q.speaker.clone()))
}

/// The JSON list `json` with the items of `new` it lacks appended: an
/// actor's roles and aliases as documents add them.
pub(crate) fn union_json(json: &str, new: &[String]) -> String {
    let mut list: Vec<String> = serde_json::from_str(json).unwrap_or_default();
    for item in new {
        if !list.contains(item) {
            list.push(item.clone());
        }
    }
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_string())
}

/// The spun-text examples as stored: `[start, end, usual phrase]`.
pub(crate) fn spun_examples_json(doc: &AnalyzedDoc) -> String {
    let examples: Vec<(usize, usize, &str)> = doc
        .spun
        .examples
        .iter()
        .map(|(s, usual)| (s.start, s.end, usual.as_str()))
        .collect();
    serde_json::to_string(&examples).unwrap_or_else(|_| "[]".to_string())
}

pub(crate) fn kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "state",
        ActorKind::Person => "person",
        ActorKind::Organization => "organization",
        ActorKind::Group => "group",
    }
}

/// Adds an actor, or merges what this document says about it into the
/// stored record: aliases and roles are unions, the first affiliation and
/// country found stay.
fn merge_actor(tx: &Connection, actor: &ActorInfo) -> rusqlite::Result<()> {
    let stored: Option<(String, String, Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT roles, aliases, affiliation, country FROM actors WHERE id = ?1",
            [&actor.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let union = union_json;
    match stored {
        None => tx.execute(
            "INSERT INTO actors (id, name, kind, country, roles, aliases, affiliation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                actor.id,
                actor.name,
                kind_name(actor.kind),
                actor.country,
                union("[]", &actor.roles),
                union("[]", &actor.aliases),
                actor.affiliation,
            ],
        )?,
        Some((roles, aliases, affiliation, country)) => tx.execute(
            "UPDATE actors SET roles = ?2, aliases = ?3, affiliation = ?4, country = ?5 WHERE id = ?1",
            params![
                actor.id,
                union(&roles, &actor.roles),
                union(&aliases, &actor.aliases),
                affiliation.or(actor.affiliation.clone()),
                country.or(actor.country.clone()),
            ],
        )?,
    };
    Ok(())
}
