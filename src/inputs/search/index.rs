//! Keeping each input's search text in step with its title and body: the
//! `search_text` column, which PostgreSQL's generated tsvector follows by
//! itself, and on SQLite the FTS5 table, written here.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Statement, TransactionTrait,
};
use uuid::Uuid;

use super::text::index_text;
use crate::entities::input;

/// Rows computed per round of the backfill: enough to make it quick, few
/// enough that memory stays small whatever the table holds.
const BATCH: u64 = 500;

fn search_text() -> Alias {
    Alias::new("search_text")
}

/// Sets the search text of input `id` from its title and body, and its
/// entry in the full-text index. Every write that changes an input's text
/// calls this in the same transaction, after a write to the input (on
/// SQLite the transaction must already hold the write lock).
pub async fn store(
    db: &impl ConnectionTrait,
    id: Uuid,
    title: Option<&str>,
    body: &str,
) -> Result<(), DbErr> {
    let text = index_text(title, body);
    db.execute(
        Query::update()
            .table(input::Entity)
            .value(search_text(), text.clone())
            // New text is scored again: NULL puts it in the tagger's queue.
            .value(
                Alias::new("suggested_at"),
                Option::<chrono::DateTime<chrono::Utc>>::None,
            )
            .and_where(Expr::col(input::Column::Id).eq(id)),
    )
    .await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // The FTS5 table is written here, not by trigger (see its migration).
        // Its `key` column holds `k` and the id in hex, one token to find
        // the old entry by.
        let key = format!("k{}", id.simple());
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "DELETE FROM inputs_fts WHERE inputs_fts MATCH ?",
            [format!("key:{key}").into()],
        ))
        .await?;
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "INSERT INTO inputs_fts (search_text, key, input_id) VALUES (?, ?, ?)",
            [text.into(), key.into(), id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Removes input `id`'s entry from the full-text index, before the input
/// itself is deleted. PostgreSQL keeps the index in the row, so only
/// SQLite's FTS5 table has anything to remove.
pub async fn remove(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "DELETE FROM inputs_fts WHERE inputs_fts MATCH ?",
            [format!("key:k{}", id.simple()).into()],
        ))
        .await?;
    }
    Ok(())
}

/// Computes the search text of every input that has none yet: inputs from
/// before search existed (run after migrating) and rows inserted in bulk
/// without it (the demo generator may call this after inserting). Returns
/// how many rows it filled in.
pub async fn index_pending<C>(db: &C) -> Result<u64, DbErr>
where
    C: ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>,
{
    let mut done = 0;
    loop {
        let rows: Vec<(Uuid, Option<String>, String)> = input::Entity::find()
            .select_only()
            .column(input::Column::Id)
            .column(input::Column::Title)
            .column(input::Column::Body)
            .filter(Expr::col(search_text()).is_null())
            .limit(BATCH)
            .into_tuple()
            .all(db)
            .await?;
        if rows.is_empty() {
            return Ok(done);
        }
        // One transaction per batch: on SQLite a commit per row would be
        // the whole cost.
        let txn = crate::db::begin(db).await?;
        for (id, title, body) in &rows {
            store(&txn, *id, title.as_deref(), body).await?;
        }
        txn.commit().await?;
        done += rows.len() as u64;
    }
}
