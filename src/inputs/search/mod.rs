//! Full-text search over inputs: the stemmed text each input is indexed by
//! (`text`), keeping it stored and in step (`index`), and the search terms
//! and SQL that find and rank matches on SQLite (FTS5) and PostgreSQL
//! (tsvector) alike (`query`).
//!
//! Stemming is done in Rust, once, so both databases index the same stems
//! and only lower-case and split them ('simple' and unicode61).

mod index;
mod query;
pub(crate) mod text;

pub use index::{index_pending, remove, store};
pub use query::{Ranked, SearchTerms, condition, ranked};
pub use text::index_text;
