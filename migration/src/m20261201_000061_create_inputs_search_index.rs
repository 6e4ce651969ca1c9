//! A full-text index over the stemmed search text, so a search reads the
//! matching rows instead of scanning every title and body: an FTS5 table on
//! SQLite, a stored tsvector with a GIN index on PostgreSQL.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite: the FTS table keeps its own copy of the text, keyed by a token
/// made of the input's id (`key`), so the entry to replace is found through
/// the index. The rowid of `inputs` is not used: without an INTEGER PRIMARY
/// KEY, VACUUM may renumber it. `remove_diacritics 0` keeps æ, ø and å apart
/// from a and o. The application writes it (`inputs::search::store`) rather
/// than a trigger on `inputs`: a trigger would open the FTS table in every
/// INSERT into `inputs`, and FTS5 reads as it opens, which makes a
/// transaction that starts with that INSERT fail at once with "database is
/// locked" instead of waiting for a concurrent writer.
const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE inputs_fts USING fts5(
        search_text, key, input_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO inputs_fts (search_text, key, input_id)
     SELECT search_text, 'k' || lower(hex(id)), id FROM inputs WHERE search_text IS NOT NULL",
];

const SQLITE_DOWN: &[&str] = &["DROP TABLE inputs_fts"];

/// PostgreSQL: 'simple' only lower-cases; the stemming is done in Rust.
/// The vector is stored so ranking does not parse the text again.
const POSTGRES_UP: &[&str] = &[
    "ALTER TABLE inputs ADD COLUMN search_vector tsvector
     GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED",
    "CREATE INDEX idx_inputs_search_vector ON inputs USING GIN (search_vector)",
];

const POSTGRES_DOWN: &[&str] = &["ALTER TABLE inputs DROP COLUMN search_vector"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_UP, POSTGRES_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_DOWN, POSTGRES_DOWN).await
    }
}

async fn run(manager: &SchemaManager<'_>, sqlite: &[&str], postgres: &[&str]) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        DatabaseBackend::Sqlite => sqlite,
        DatabaseBackend::Postgres => postgres,
        other => return Err(DbErr::Migration(format!("no search index for {other:?}"))),
    };
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
