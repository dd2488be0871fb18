//! The sentence splitter lives in `dossier-text` (with the tokenizer that
//! shares its abbreviation lexicon); re-exported here so the stages keep
//! their paths.

pub use dossier_text::sentences::{
    is_month_or_day, is_stopword, split_sentences, stopwords_and_calendar_words,
};
