//! The store's schema, as numbered migrations.

/// Schema migrations, applied in order; entry `n` takes a database from
/// version `n` to `n + 1`. Append only: never edit a published entry.
pub(crate) const MIGRATIONS: &[&str] = &[
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
    // 2: what analysis finds in a document: actors and their mentions,
    // quotes, time expressions; the publication date inferred from the text.
    "ALTER TABLE documents ADD COLUMN published_inferred TEXT;
    CREATE TABLE actors (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL,
        country     TEXT,
        roles       TEXT NOT NULL DEFAULT '[]',
        aliases     TEXT NOT NULL DEFAULT '[]',
        affiliation TEXT
    );
    CREATE TABLE mentions (
        doc        INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte INTEGER NOT NULL,
        end_byte   INTEGER NOT NULL,
        actor      TEXT NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions (doc);
    CREATE INDEX mentions_actor ON mentions (actor);
    CREATE TABLE quotes (
        doc           INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte    INTEGER NOT NULL,
        end_byte      INTEGER NOT NULL,
        speaker       TEXT,
        speaker_start INTEGER,
        speaker_end   INTEGER,
        cue_start     INTEGER,
        cue_end       INTEGER,
        speaker_actor TEXT,
        affiliation   TEXT,
        direct        TEXT NOT NULL
    );
    CREATE INDEX quotes_doc ON quotes (doc);
    CREATE TABLE times (
        doc        INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte INTEGER NOT NULL,
        end_byte   INTEGER NOT NULL,
        value      TEXT NOT NULL,
        kind       TEXT NOT NULL,
        anchor     TEXT
    );
    CREATE INDEX times_doc ON times (doc);",
    // 3: provenance: MinHash signatures (to rebuild the candidate index),
    // reuse links between documents, stories, spun-text evidence.
    "ALTER TABLE documents ADD COLUMN spun_score REAL;
    ALTER TABLE documents ADD COLUMN spun_examples TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE signatures (
        doc   INTEGER PRIMARY KEY REFERENCES documents (key) ON DELETE CASCADE,
        bytes BLOB NOT NULL
    );
    CREATE TABLE reuse (
        a          INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        b          INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        kind       TEXT NOT NULL,
        similarity REAL NOT NULL,
        passages   TEXT NOT NULL,
        PRIMARY KEY (a, b)
    );
    CREATE TABLE stories (
        id                  TEXT PRIMARY KEY,
        documents           TEXT NOT NULL,
        independent_sources INTEGER NOT NULL
    );",
    // 4: events: each article's reports, and the events merged across
    // articles.
    "CREATE TABLE event_mentions (
        doc           INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte    INTEGER NOT NULL,
        end_byte      INTEGER NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end   INTEGER NOT NULL,
        kind          TEXT NOT NULL,
        mode          TEXT,
        sources       TEXT NOT NULL,
        targets       TEXT NOT NULL,
        date          TEXT,
        date_text     TEXT,
        negated       INTEGER NOT NULL,
        hypothetical  INTEGER NOT NULL,
        future        INTEGER NOT NULL
    );
    CREATE INDEX event_mentions_doc ON event_mentions (doc);
    CREATE TABLE events (
        id                  TEXT PRIMARY KEY,
        kind                TEXT NOT NULL,
        sources             TEXT NOT NULL,
        targets             TEXT NOT NULL,
        date                TEXT,
        date_text           TEXT,
        evidence            TEXT NOT NULL,
        independent_sources INTEGER NOT NULL,
        unrealised          INTEGER NOT NULL
    );",
    // 5: stance statements of each article, and the calculus: statements
    // making the same point grouped across articles.
    "CREATE TABLE stance_statements (
        doc          INTEGER NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte   INTEGER NOT NULL,
        end_byte     INTEGER NOT NULL,
        cue_start    INTEGER NOT NULL,
        cue_end      INTEGER NOT NULL,
        holder       TEXT NOT NULL,
        polarity     TEXT NOT NULL,
        topic        TEXT,
        topic_actors TEXT NOT NULL,
        hedged       INTEGER NOT NULL,
        speaker      TEXT
    );
    CREATE INDEX stance_statements_doc ON stance_statements (doc);
    CREATE TABLE stances (
        id                  TEXT PRIMARY KEY,
        holder              TEXT NOT NULL,
        polarity            TEXT NOT NULL,
        topic               TEXT,
        text                TEXT NOT NULL,
        evidence            TEXT NOT NULL,
        documents           TEXT NOT NULL,
        independent_sources INTEGER NOT NULL
    );",
    // 6: stories with their name, evidence (the shared specific terms that
    // join their documents) and date range.
    "ALTER TABLE stories ADD COLUMN name TEXT NOT NULL DEFAULT '';
    ALTER TABLE stories ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stories ADD COLUMN first_date TEXT;
    ALTER TABLE stories ADD COLUMN last_date TEXT;",
    // 7: how far its sentence supports each event report (0–1), and the
    // merged event's highest; what was stored before had none, and stays
    // shown.
    "ALTER TABLE event_mentions ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
    ALTER TABLE events ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;",
    // 8: the link generation in which each document was compared with
    // the store (NULL: not yet). A writer links every document still NULL,
    // its own or another process's, so none is left unlinked because two
    // processes wrote at once. Documents stored before this migration are
    // linked once more by the next `analyze`, which repairs stores that
    // concurrent writers left with missing reuse links.
    "ALTER TABLE documents ADD COLUMN linked INTEGER;
    CREATE INDEX documents_unlinked ON documents (key) WHERE linked IS NULL;
    CREATE INDEX documents_linked ON documents (linked) WHERE linked IS NOT NULL;",
    // 9: what a web server last
    // answered for each URL fetched (its ETag and Last-Modified), sent back
    // on the next fetch, so `watch` and re-runs of `analyze URL…` cost a
    // `304 Not Modified` for an unchanged page, across restarts.
    "CREATE TABLE fetched (
        url            TEXT PRIMARY KEY,
        etag           TEXT,
        last_modified  TEXT,
        fetched_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );",
    // 10: full-text search over sentences (`dossier search`, `dossier serve`):
    // an FTS5 index of the sentences of current versions, each under its
    // sentence's rowid with its document key and byte span. Triggers keep
    // it so (no ingest path can forget it): a stored sentence is indexed,
    // a document replaced by a newer version (or deleted) leaves it. The
    // text is cut by bytes (`substr` of a BLOB), as spans are byte offsets.
    // Backfilled here for stores analysed before.
    "CREATE VIRTUAL TABLE sentence_search USING fts5(
        text,
        doc UNINDEXED,
        start_byte UNINDEXED,
        end_byte UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER sentence_search_insert AFTER INSERT ON sentences BEGIN
        INSERT INTO sentence_search (rowid, text, doc, start_byte, end_byte)
        SELECT new.rowid,
               CAST(substr(CAST(d.text AS BLOB), new.start_byte + 1, new.end_byte - new.start_byte) AS TEXT),
               new.doc, new.start_byte, new.end_byte
        FROM documents d WHERE d.key = new.doc AND d.current = 1;
    END;
    CREATE TRIGGER sentence_search_retire AFTER UPDATE OF current ON documents
    WHEN old.current = 1 AND new.current = 0 BEGIN
        DELETE FROM sentence_search WHERE rowid IN (SELECT rowid FROM sentences WHERE doc = old.key);
    END;
    CREATE TRIGGER sentence_search_delete BEFORE DELETE ON documents BEGIN
        DELETE FROM sentence_search WHERE rowid IN (SELECT rowid FROM sentences WHERE doc = old.key);
    END;
    INSERT INTO sentence_search (rowid, text, doc, start_byte, end_byte)
    SELECT s.rowid,
           CAST(substr(CAST(d.text AS BLOB), s.start_byte + 1, s.end_byte - s.start_byte) AS TEXT),
           s.doc, s.start_byte, s.end_byte
    FROM sentences s JOIN documents d ON d.key = s.doc AND d.current = 1;",
    // 11: PostgreSQL's full-text search (its migration 10 was empty);
    // SQLite's index is migration 10's, so nothing to do here.
    "SELECT 1;",
    // 12: whether the stories, merged events and stance groups were
    // computed after the last link step (one row: yes; none: no). Every
    // link step deletes the row and every regrouping writes it, so a
    // writer that finds it knows another writer regrouped everything
    // linked and skips the whole-store passes: three workers finishing
    // together regroup once, not three times.
    "CREATE TABLE grouped (one INTEGER PRIMARY KEY CHECK (one = 1));",
    // 13: PostgreSQL's count of write transactions, for `dossier serve` to
    // know when to read the store again; SQLite's `PRAGMA data_version`
    // tells it already, so nothing to do here.
    "SELECT 1;",
    // 14: a stored sentence enters the search index from the writer, which
    // holds the document's text, not from a trigger: the trigger read the
    // document's whole text back from the table for every sentence, so a
    // document's cost grew with its length times its sentences.
    "DROP TRIGGER sentence_search_insert;",
];

/// The same migrations in PostgreSQL's dialect, entry for entry: entry `n`
/// creates what `MIGRATIONS[n]` creates, so both stores hold the same rows
/// and a PostgreSQL store's version (`dossier_schema`) means the same.
/// Every per-document table carries `doc`, the document's key, so a Citus
/// cluster can distribute them by it, colocated with `documents`; the
/// tables about the whole store (actors, stories, events, stances) are
/// small and become reference tables (ARCHITECTURE.md).
pub(crate) const PG_MIGRATIONS: &[&str] = &[
    // 1
    "CREATE TABLE documents (
        key          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        id           TEXT NOT NULL,
        version      BIGINT NOT NULL,
        current      BOOLEAN NOT NULL DEFAULT TRUE,
        origin       TEXT NOT NULL,
        url          TEXT,
        title        TEXT,
        outlet       TEXT,
        author       TEXT,
        published    TEXT,
        language     TEXT,
        text         TEXT NOT NULL,
        genre        TEXT,
        spun         BOOLEAN NOT NULL DEFAULT FALSE,
        content_hash TEXT NOT NULL UNIQUE,
        warnings     TEXT NOT NULL DEFAULT '[]',
        added_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (id, version)
    );
    CREATE INDEX documents_current ON documents (current, id);
    CREATE TABLE paragraphs (
        doc        BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte BIGINT NOT NULL,
        end_byte   BIGINT NOT NULL,
        kind       TEXT NOT NULL
    );
    CREATE INDEX paragraphs_doc ON paragraphs (doc);
    CREATE TABLE sentences (
        doc        BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte BIGINT NOT NULL,
        end_byte   BIGINT NOT NULL
    );
    CREATE INDEX sentences_doc ON sentences (doc);",
    // 2
    "ALTER TABLE documents ADD COLUMN published_inferred TEXT;
    CREATE TABLE actors (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL,
        country     TEXT,
        roles       TEXT NOT NULL DEFAULT '[]',
        aliases     TEXT NOT NULL DEFAULT '[]',
        affiliation TEXT
    );
    CREATE TABLE mentions (
        doc        BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte BIGINT NOT NULL,
        end_byte   BIGINT NOT NULL,
        actor      TEXT NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions (doc);
    CREATE INDEX mentions_actor ON mentions (actor);
    CREATE TABLE quotes (
        doc           BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte    BIGINT NOT NULL,
        end_byte      BIGINT NOT NULL,
        speaker       TEXT,
        speaker_start BIGINT,
        speaker_end   BIGINT,
        cue_start     BIGINT,
        cue_end       BIGINT,
        speaker_actor TEXT,
        affiliation   TEXT,
        direct        TEXT NOT NULL
    );
    CREATE INDEX quotes_doc ON quotes (doc);
    CREATE TABLE times (
        doc        BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte BIGINT NOT NULL,
        end_byte   BIGINT NOT NULL,
        value      TEXT NOT NULL,
        kind       TEXT NOT NULL,
        anchor     TEXT
    );
    CREATE INDEX times_doc ON times (doc);",
    // 3
    "ALTER TABLE documents ADD COLUMN spun_score DOUBLE PRECISION;
    ALTER TABLE documents ADD COLUMN spun_examples TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE signatures (
        doc   BIGINT PRIMARY KEY REFERENCES documents (key) ON DELETE CASCADE,
        bytes BYTEA NOT NULL
    );
    CREATE TABLE reuse (
        a          BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        b          BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        kind       TEXT NOT NULL,
        similarity DOUBLE PRECISION NOT NULL,
        passages   TEXT NOT NULL,
        PRIMARY KEY (a, b)
    );
    CREATE TABLE stories (
        id                  TEXT PRIMARY KEY,
        documents           TEXT NOT NULL,
        independent_sources BIGINT NOT NULL
    );",
    // 4
    "CREATE TABLE event_mentions (
        doc           BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte    BIGINT NOT NULL,
        end_byte      BIGINT NOT NULL,
        trigger_start BIGINT NOT NULL,
        trigger_end   BIGINT NOT NULL,
        kind          TEXT NOT NULL,
        mode          TEXT,
        sources       TEXT NOT NULL,
        targets       TEXT NOT NULL,
        date          TEXT,
        date_text     TEXT,
        negated       BOOLEAN NOT NULL,
        hypothetical  BOOLEAN NOT NULL,
        future        BOOLEAN NOT NULL
    );
    CREATE INDEX event_mentions_doc ON event_mentions (doc);
    CREATE TABLE events (
        id                  TEXT PRIMARY KEY,
        kind                TEXT NOT NULL,
        sources             TEXT NOT NULL,
        targets             TEXT NOT NULL,
        date                TEXT,
        date_text           TEXT,
        evidence            TEXT NOT NULL,
        independent_sources BIGINT NOT NULL,
        unrealised          BOOLEAN NOT NULL
    );",
    // 5
    "CREATE TABLE stance_statements (
        doc          BIGINT NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
        start_byte   BIGINT NOT NULL,
        end_byte     BIGINT NOT NULL,
        cue_start    BIGINT NOT NULL,
        cue_end      BIGINT NOT NULL,
        holder       TEXT NOT NULL,
        polarity     TEXT NOT NULL,
        topic        TEXT,
        topic_actors TEXT NOT NULL,
        hedged       BOOLEAN NOT NULL,
        speaker      TEXT
    );
    CREATE INDEX stance_statements_doc ON stance_statements (doc);
    CREATE TABLE stances (
        id                  TEXT PRIMARY KEY,
        holder              TEXT NOT NULL,
        polarity            TEXT NOT NULL,
        topic               TEXT,
        text                TEXT NOT NULL,
        evidence            TEXT NOT NULL,
        documents           TEXT NOT NULL,
        independent_sources BIGINT NOT NULL
    );",
    // 6
    "ALTER TABLE stories ADD COLUMN name TEXT NOT NULL DEFAULT '';
    ALTER TABLE stories ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stories ADD COLUMN first_date TEXT;
    ALTER TABLE stories ADD COLUMN last_date TEXT;",
    // 7
    "ALTER TABLE event_mentions ADD COLUMN confidence DOUBLE PRECISION NOT NULL DEFAULT 1.0;
    ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION NOT NULL DEFAULT 1.0;",
    // 8
    "ALTER TABLE documents ADD COLUMN linked BIGINT;
    CREATE INDEX documents_unlinked ON documents (key) WHERE linked IS NULL;
    CREATE INDEX documents_linked ON documents (linked) WHERE linked IS NOT NULL;",
    // 9 (a reference table under Citus: keyed by URL, not by document)
    "CREATE TABLE fetched (
        url            TEXT PRIMARY KEY,
        etag           TEXT,
        last_modified  TEXT,
        fetched_at     TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
    );",
    // 10: SQLite's FTS5 sentence index; PostgreSQL's search came later
    // (11), so this step only keeps the version numbers in step.
    "SELECT 1;",
    // 11: full-text search over sentences (`dossier search`), as SQLite's
    // migration 10 gives it: each sentence keeps its text (cut by bytes from
    // its document, as spans are byte offsets) and its `tsvector` under the
    // `simple` configuration (lower case, no stemming, no stop words: every
    // word of a query is required as written, as with FTS5), indexed by
    // GIN. A trigger fills both as sentences are stored (COPY fires it
    // too), so no ingest path can forget them; searches join `documents`
    // for current versions. Under Citus the trigger reads the sentence's
    // own document, which is colocated with it. Backfilled here.
    "ALTER TABLE sentences ADD COLUMN text TEXT;
    ALTER TABLE sentences ADD COLUMN search tsvector;
    CREATE FUNCTION dossier_sentence_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT convert_from(substring(convert_to(d.text, 'UTF8')
                                      FROM (NEW.start_byte + 1)::int FOR (NEW.end_byte - NEW.start_byte)::int), 'UTF8')
        INTO NEW.text FROM documents d WHERE d.key = NEW.doc;
        NEW.search := to_tsvector('simple', coalesce(NEW.text, ''));
        RETURN NEW;
    END $$;
    CREATE TRIGGER sentences_text BEFORE INSERT ON sentences
        FOR EACH ROW EXECUTE FUNCTION dossier_sentence_text();
    UPDATE sentences s
    SET text = convert_from(substring(convert_to(d.text, 'UTF8')
                                      FROM (s.start_byte + 1)::int FOR (s.end_byte - s.start_byte)::int), 'UTF8')
    FROM documents d WHERE d.key = s.doc;
    UPDATE sentences SET search = to_tsvector('simple', coalesce(text, ''));
    CREATE INDEX sentences_search ON sentences USING GIN (search);",
    // 12: the grouped mark (a one-row table, a reference table under Citus)
    "CREATE TABLE grouped (one INTEGER PRIMARY KEY CHECK (one = 1));",
    // 13: every write transaction adds one to `commits` before it commits
    // (`PgStore::write`, `in_one_write`), so a long-lived reader (`dossier
    // serve`) sees in one primary-key read whether anything changed, as
    // SQLite's `data_version` tells it; PostgreSQL has no such number per
    // database (its statistics count read-only transactions too, and late).
    // A one-row table, a reference table under Citus.
    "CREATE TABLE changes (one INTEGER PRIMARY KEY CHECK (one = 1), commits BIGINT NOT NULL);
    INSERT INTO changes (one, commits) VALUES (1, 0);",
    // 14: as SQLite's: the writer gives each sentence its text, and the
    // trigger cuts it from the document only when none is given (the cut
    // read the document's whole text for every sentence).
    "CREATE OR REPLACE FUNCTION dossier_sentence_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.text IS NULL THEN
            SELECT convert_from(substring(convert_to(d.text, 'UTF8')
                                          FROM (NEW.start_byte + 1)::int FOR (NEW.end_byte - NEW.start_byte)::int), 'UTF8')
            INTO NEW.text FROM documents d WHERE d.key = NEW.doc;
        END IF;
        NEW.search := to_tsvector('simple', coalesce(NEW.text, ''));
        RETURN NEW;
    END $$;",
];

#[cfg(test)]
mod tests {
    /// A migration added to one dialect only would make the two stores'
    /// version numbers mean different schemas.
    #[test]
    fn both_dialects_have_every_migration() {
        assert_eq!(super::MIGRATIONS.len(), super::PG_MIGRATIONS.len());
    }
}
