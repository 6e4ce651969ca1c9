//! Suggesting themes for inputs the tagger has not scored yet: the queue is
//! the inputs whose `suggested_at` is NULL, claimed a batch at a time.
//!
//! A batch is claimed, scored and its suggestions stored in one
//! transaction, so a crash puts it back in the queue. On PostgreSQL the
//! claim skips rows another instance has locked (`FOR UPDATE SKIP LOCKED`);
//! SQLite has no row locks but runs the claiming UPDATE alone and holds the
//! write lock to the commit, which is as safe.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait,
    TransactionSession, TransactionTrait, UpdateMany,
};
use uuid::Uuid;

use super::store;
use super::training::input_text;
use crate::entities::input;
use crate::error::AppError;
use crate::inputs::tags;
use crate::tagging::Model;
use crate::tagging::engine::text;

use crate::inputs::LIVE;

/// The queue column; not in the entity, as only the tagger reads it.
pub fn suggested_at() -> Alias {
    Alias::new("suggested_at")
}

/// Scores up to `limit` unscored inputs with `model` and stores what it
/// suggests; without a model (no active themes) they are only marked as
/// seen. Returns how many inputs it took from the queue.
pub async fn suggest_pending(
    db: &(impl ConnectionTrait + TransactionTrait),
    model: Option<Arc<Model>>,
    limit: u64,
) -> Result<usize, AppError> {
    // Looked at first without writing: on SQLite even an UPDATE that
    // matches nothing takes the write lock, and a pass every second would
    // then make other connections' read-then-write transactions fail.
    if queued_any(db).await?.is_none() {
        return Ok(0);
    }
    let txn = crate::db::begin(db).await?;
    let rows = claim(Utc::now(), limit).exec_with_returning(&txn).await?;
    let taken = rows.len();
    let live: Vec<(Uuid, String)> = rows
        .into_iter()
        .filter(|row| LIVE.contains(&row.status))
        .map(|row| (row.id, input_text(row.title.as_deref(), &row.body)))
        .collect();
    if let Some(model) = model
        && !live.is_empty()
    {
        let theme_ids = store::theme_ids_by_slug(&txn).await?;
        let scored = tokio::task::spawn_blocking(move || {
            let stemmer = text::stemmer();
            live.into_iter()
                .map(|(id, text)| {
                    let suggestions: Vec<(Uuid, f64)> = model
                        .suggestions(&stemmer, &text)
                        .into_iter()
                        .filter_map(|(slug, confidence)| {
                            theme_ids.get(&slug).map(|theme_id| (*theme_id, confidence))
                        })
                        .collect();
                    (id, suggestions)
                })
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|err| AppError::unexpected("scoring inputs", err))?;
        for (id, suggestions) in scored {
            tags::suggest(&txn, id, &suggestions).await?;
        }
    }
    txn.commit().await?;
    Ok(taken)
}

/// Marks up to `limit` unscored inputs as scored now, as one statement.
fn claim(now: DateTime<Utc>, limit: u64) -> UpdateMany<input::Entity> {
    let unscored = input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .filter(Expr::col(suggested_at()).is_null())
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .into_query();
    input::Entity::update_many()
        .col_expr(suggested_at(), Expr::value(Some(now)))
        .filter(input::Column::Id.in_subquery(unscored))
}

/// Some input waiting for the tagger, if there is one.
async fn queued_any(db: &impl ConnectionTrait) -> Result<Option<Uuid>, AppError> {
    Ok(input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .filter(Expr::col(suggested_at()).is_null())
        .into_tuple::<Uuid>()
        .one(db)
        .await?)
}

/// How many inputs wait for the tagger.
pub async fn queued(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(input::Entity::find()
        .filter(Expr::col(suggested_at()).is_null())
        .count(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_claim_skips_rows_another_instance_holds_on_postgres() {
        use sea_orm::DbBackend;
        let postgres = claim(Utc::now(), 100)
            .build(DbBackend::Postgres)
            .to_string();
        assert!(
            postgres.contains(r#"WHERE "suggested_at" IS NULL LIMIT 100 FOR UPDATE SKIP LOCKED)"#),
            "{postgres}"
        );
        let sqlite = claim(Utc::now(), 100).build(DbBackend::Sqlite).to_string();
        assert!(!sqlite.contains("FOR UPDATE"), "{sqlite}");
    }
}
