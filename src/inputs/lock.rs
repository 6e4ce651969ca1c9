//! Row locks that hold on both databases.
//!
//! sea-orm's `lock_exclusive()` adds `FOR UPDATE` on PostgreSQL and nothing
//! on SQLite, where a transaction that reads first and writes later can lose
//! an update or fail to upgrade its lock. Writing the rows first works on
//! both: PostgreSQL locks each written row until the transaction ends, and
//! SQLite takes its one write lock (waiting up to the busy timeout), so what
//! the transaction reads next no one else changes before it commits.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entities::input::{self, Channel};
use crate::error::AppError;

/// Locks the rows of `E` matching `condition` by setting `touch` to itself,
/// and says how many there were. Call it first in a transaction.
pub async fn lock_where<E: EntityTrait>(
    db: &impl ConnectionTrait,
    touch: E::Column,
    condition: sea_orm::Condition,
) -> Result<u64, sea_orm::DbErr> {
    Ok(E::update_many()
        .col_expr(touch, Expr::col(touch))
        .filter(condition)
        .exec(db)
        .await?
        .rows_affected)
}

/// Locks the inputs of `channel` with these ids, one by one in id order (so
/// two transactions locking the same pair cannot deadlock), and reads them.
/// Ids that are not inputs of that channel are simply missing from the result.
pub async fn lock_inputs(
    db: &impl ConnectionTrait,
    channel: Channel,
    ids: &[Uuid],
) -> Result<Vec<input::Model>, AppError> {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    for id in &sorted {
        lock_where::<input::Entity>(
            db,
            input::Column::Id,
            sea_orm::Condition::all()
                .add(input::Column::Id.eq(*id))
                .add(input::Column::Channel.eq(channel)),
        )
        .await?;
    }
    Ok(input::Entity::find()
        .filter(input::Column::Id.is_in(sorted))
        .filter(input::Column::Channel.eq(channel))
        .order_by_asc(input::Column::Id)
        .all(db)
        .await?)
}

/// Locks and reads one input of `channel`; not found when there is none.
pub async fn lock_input(
    db: &impl ConnectionTrait,
    channel: Channel,
    id: Uuid,
) -> Result<input::Model, AppError> {
    lock_inputs(db, channel, &[id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}
