//! The seam between the pipeline and a store: what `dossier analyze` (with
//! its link stage), `dossier export` and every reading command need of one, implemented by the
//! embedded SQLite [`Store`] and by [`PgStore`], PostgreSQL.
//!
//! Both keep the same numbered migrations, the same rows and the same
//! transactions: a write takes the store's one write lock (SQLite's, or a
//! PostgreSQL advisory lock), so the link stage's "what is not linked yet"
//! and the end-of-run passes mean the same on both.

use dossier_model::{AnalyzedDoc, EventReport, MergedEvent, Validators};

use crate::{
    ActorRow, DocumentRow, LinkRow, MentionRow, PgStore, QuoteRow, Result, ReuseRow, SearchQuery,
    SearchResults, StanceRow, StatementRow, Store, StoreError, Stored, StoryInput, StoryRow,
    TextReader, TimeRow,
};

/// A store the pipeline can write and the outputs can read. Each method
/// means what the SQLite [`Store`]'s method of the same name documents.
pub trait Storage {
    /// Where the store is, for messages (a path, or a URL without its
    /// password).
    fn location(&self) -> String;
    fn id_for_hash(&self, content_hash: &str) -> Result<Option<String>>;
    fn insert_batch(&mut self, docs: &[AnalyzedDoc]) -> Result<Vec<Stored>>;
    fn in_one_write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Self) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>;
    fn snapshot<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Self) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>;
    fn text_reader(&self) -> Result<TextReader>;
    fn linked_since(&self, after: i64) -> Result<(i64, Vec<(i64, Vec<u8>)>)>;
    fn unlinked(&self, limit: usize) -> Result<Vec<(i64, String)>>;
    fn save_links(
        &mut self,
        signatures: &[(i64, Vec<u8>)],
        links: &[LinkRow],
        generation: i64,
    ) -> Result<()>;
    fn merge_surname_people(&mut self) -> Result<usize>;
    fn reuse(&self) -> Result<Vec<ReuseRow>>;
    fn outlets(&self) -> Result<Vec<(String, String)>>;
    fn story_inputs(&self, reuse: &[ReuseRow]) -> Result<Vec<StoryInput>>;
    fn replace_stories(&mut self, stories: &[StoryRow]) -> Result<()>;
    fn stories(&self) -> Result<Vec<StoryRow>>;
    fn event_reports(&self) -> Result<Vec<EventReport>>;
    fn replace_events(&mut self, events: &[MergedEvent]) -> Result<()>;
    fn events(&self) -> Result<Vec<MergedEvent>>;
    fn stance_statements(&self) -> Result<Vec<StatementRow>>;
    fn replace_stances(&mut self, stances: &[StanceRow]) -> Result<()>;
    fn stances(&self) -> Result<Vec<StanceRow>>;
    fn grouped_counts(&self) -> Result<(usize, usize, usize)>;
    fn grouping_is_current(&self) -> Result<bool>;
    fn mark_grouped(&mut self) -> Result<()>;
    fn documents(&self) -> Result<Vec<DocumentRow>>;
    fn actors(&self) -> Result<Vec<ActorRow>>;
    fn mentions(&self) -> Result<Vec<MentionRow>>;
    fn quotes(&self) -> Result<Vec<QuoteRow>>;
    fn times(&self) -> Result<Vec<TimeRow>>;
    /// Sentences of current documents matching `query`, best first, one
    /// page of them (SQLite ranks by FTS5's BM25, PostgreSQL by `ts_rank`).
    fn search(&self, query: &SearchQuery) -> Result<SearchResults>;
    /// Byte spans of the sentences of the current version of document
    /// `id`, in order (none for an unknown id).
    fn sentence_spans(&self, id: &str) -> Result<Vec<(usize, usize)>>;
    /// A number that changes whenever a writer commits (SQLite's
    /// `data_version`, PostgreSQL's count of write transactions), so a
    /// long-lived reader knows when to read again.
    fn data_version(&self) -> Result<i64>;
    /// What the last fetch of `url` returned, for a conditional request.
    fn validators(&self, url: &str) -> Result<Validators>;
    /// Remembers what fetching each URL returned; call it once the
    /// documents read from those pages are committed.
    fn remember_fetches(&mut self, fetched: &[(String, Validators)]) -> Result<()>;
}

/// Forwards each trait method to the inherent method of the same name.
macro_rules! forward {
    ($($name:ident(&self $(, $arg:ident: $ty:ty)*) -> $out:ty;)*) => {
        $(fn $name(&self $(, $arg: $ty)*) -> $out { Self::$name(self $(, $arg)*) })*
    };
}

macro_rules! forward_mut {
    ($($name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> $out:ty;)*) => {
        $(fn $name(&mut self $(, $arg: $ty)*) -> $out { Self::$name(self $(, $arg)*) })*
    };
}

/// Both stores implement the trait by their inherent methods, so code that
/// knows it has SQLite (`dossier serve`'s snapshot) calls them without
/// importing the trait.
macro_rules! storage_by_inherent_methods {
    ($store:ty) => {
        impl Storage for $store {
            fn location(&self) -> String {
                Self::location(self)
            }
            fn in_one_write<T, E: From<StoreError>>(
                &mut self,
                f: impl FnOnce(&mut Self) -> std::result::Result<T, E>,
            ) -> std::result::Result<T, E> {
                Self::in_one_write(self, f)
            }
            fn snapshot<T, E: From<StoreError>>(
                &self,
                f: impl FnOnce(&Self) -> std::result::Result<T, E>,
            ) -> std::result::Result<T, E> {
                Self::snapshot(self, f)
            }
            forward! {
                id_for_hash(&self, content_hash: &str) -> Result<Option<String>>;
                text_reader(&self) -> Result<TextReader>;
                linked_since(&self, after: i64) -> Result<(i64, Vec<(i64, Vec<u8>)>)>;
                unlinked(&self, limit: usize) -> Result<Vec<(i64, String)>>;
                reuse(&self) -> Result<Vec<ReuseRow>>;
                outlets(&self) -> Result<Vec<(String, String)>>;
                story_inputs(&self, reuse: &[ReuseRow]) -> Result<Vec<StoryInput>>;
                stories(&self) -> Result<Vec<StoryRow>>;
                event_reports(&self) -> Result<Vec<EventReport>>;
                events(&self) -> Result<Vec<MergedEvent>>;
                stance_statements(&self) -> Result<Vec<StatementRow>>;
                stances(&self) -> Result<Vec<StanceRow>>;
                grouped_counts(&self) -> Result<(usize, usize, usize)>;
                grouping_is_current(&self) -> Result<bool>;
                documents(&self) -> Result<Vec<DocumentRow>>;
                actors(&self) -> Result<Vec<ActorRow>>;
                mentions(&self) -> Result<Vec<MentionRow>>;
                quotes(&self) -> Result<Vec<QuoteRow>>;
                times(&self) -> Result<Vec<TimeRow>>;
                search(&self, query: &SearchQuery) -> Result<SearchResults>;
                sentence_spans(&self, id: &str) -> Result<Vec<(usize, usize)>>;
                data_version(&self) -> Result<i64>;
                validators(&self, url: &str) -> Result<Validators>;
            }
            forward_mut! {
                insert_batch(&mut self, docs: &[AnalyzedDoc]) -> Result<Vec<Stored>>;
                save_links(&mut self, signatures: &[(i64, Vec<u8>)], links: &[LinkRow], generation: i64) -> Result<()>;
                merge_surname_people(&mut self) -> Result<usize>;
                replace_stories(&mut self, stories: &[StoryRow]) -> Result<()>;
                replace_events(&mut self, events: &[MergedEvent]) -> Result<()>;
                replace_stances(&mut self, stances: &[StanceRow]) -> Result<()>;
                remember_fetches(&mut self, fetched: &[(String, Validators)]) -> Result<()>;
                mark_grouped(&mut self) -> Result<()>;
            }
        }
    };
}

storage_by_inherent_methods!(Store);
storage_by_inherent_methods!(PgStore);
