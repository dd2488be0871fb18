//! The link stage: what copies what across articles, and how many
//! independent sources stand behind a story.
//!
//! - [`Doc`]: the normaliser shared by everything here (tokens with byte
//!   offsets, lowercase word and word-class hashes, sentences).
//! - [`Signature`] and [`Index`]: candidate search (MinHash + LSH bands, and
//!   long-sentence fingerprints for passages reused inside other texts).
//! - [`align`]: passages aligned between two texts, verified, with a
//!   similarity and a [`ReuseKind`].
//! - [`spun_evidence`]: machine-rewritten ("spun") text, from collocations
//!   that normal English writes otherwise.
//! - [`stories`]: documents grouped into stories (shared specific names
//!   close in time, average linkage), named, with their evidence and
//!   independent sources ([`Sources`] counts them for any set of documents).
//! - [`link_batch`]: the incremental loop tying the first three together.
//! - [`merge_events`]: one event per happening, with all its reports.
//! - [`group_statements`]: an actor's calculus — stance statements making
//!   the same point grouped across articles, with independent sources.
//!
//! Word lists live in `lexicons/link_*.tsv` (sources and licences in
//! `lexicons/README.md`). Nothing here reads the store; the caller keeps
//! signatures and links.

mod align;
mod calculus;
mod events;
/// Public for the evaluation corpus generator (`dossier-eval`), which swaps
/// words for the same synonyms the stage knows.
pub mod lexicon;
mod link;
mod minhash;
mod normalize;
mod sources;
mod spun;
mod stories;

pub use align::{align, align_docs, Alignment, ReuseKind};
pub use calculus::{
    group_retellings, group_statements, Facet, GroupMember, Retelling, StanceGroup, StatementInput,
};
pub use events::merge_events;
pub use link::{link_batch, Link};
pub use minhash::{Index, Shingling, Signature, SignatureError, PERMUTATIONS, ROWS};
pub use normalize::{Doc, Token};
pub use sources::Sources;
pub use spun::{spun_evidence, spun_evidence_doc, SpunEvidence};
pub use stories::{salient_terms, stories, Story, StoryDoc};
