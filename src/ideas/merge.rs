//! Merging a duplicate idea: the shared merge of `inputs::merge`, plus what
//! only ideas have, their supports, moved in the same transaction.

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use crate::entities::input::{self, Channel};
use crate::entities::support;
use crate::error::AppError;
pub use crate::inputs::merge::MergeError;

/// What a merge did to the supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merged {
    /// Supports moved to the target.
    pub moved: u64,
    /// Supports dropped because the same browser supported the target too.
    pub duplicates: u64,
    /// The target's support count afterwards.
    pub support_count: i32,
}

/// Merges the duplicate idea `from_id` into `into_id`: the shared merge,
/// and the supports moved to the target (a browser that supported both
/// counts once).
pub async fn merge<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    from_id: Uuid,
    into_id: Uuid,
) -> Result<Merged, MergeError> {
    crate::inputs::merge::merge(
        db,
        actor,
        Channel::Idea,
        from_id,
        into_id,
        async |txn: &C::Transaction| {
            let merged = move_supports(txn, from_id, into_id).await?;
            let details = format!(
                "moved_supports={} duplicate_supports={}",
                merged.moved, merged.duplicates
            );
            Ok((merged, details))
        },
    )
    .await
}

async fn move_supports(
    txn: &impl ConnectionTrait,
    from_id: Uuid,
    into_id: Uuid,
) -> Result<Merged, AppError> {
    let target_browsers = Query::select()
        .column(support::Column::BrowserHash)
        .from(support::Entity)
        .and_where(support::Column::InputId.eq(into_id))
        .to_owned();
    let duplicates = support::Entity::delete_many()
        .filter(support::Column::InputId.eq(from_id))
        .filter(support::Column::BrowserHash.in_subquery(target_browsers))
        .exec(txn)
        .await?
        .rows_affected;
    let moved = support::Entity::update_many()
        .col_expr(support::Column::InputId, Expr::value(into_id))
        .filter(support::Column::InputId.eq(from_id))
        .exec(txn)
        .await?
        .rows_affected;
    let support_count = support::Entity::find()
        .filter(support::Column::InputId.eq(into_id))
        .count(txn)
        .await?;
    let support_count = i32::try_from(support_count).unwrap_or(i32::MAX);
    for (id, count) in [(from_id, 0), (into_id, support_count)] {
        input::Entity::update_many()
            .col_expr(input::Column::SupportCount, Expr::value(count))
            .filter(input::Column::Id.eq(id))
            .exec(txn)
            .await?;
    }
    Ok(Merged {
        moved,
        duplicates,
        support_count,
    })
}
