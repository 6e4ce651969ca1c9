//! Merging a duplicate input into another of the same channel.
//!
//! What every channel shares is done here: both rows locked, the duplicate
//! marked merged and linked to the target, the people's theme tags joined,
//! earlier merges re-pointed, and one audit entry. What only one channel
//! has (the supports of ideas) it carries over itself, in `carry`, inside
//! the same transaction.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::entities::input::{self, Channel, Status};
use crate::error::AppError;
use crate::inputs::lock::lock_inputs;
use crate::inputs::moderation::action;
use crate::inputs::tags;

/// Why a merge was refused, so the form can say so next to the field.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("an input cannot be merged into itself")]
    SameInput,
    #[error("the target is not an input of this channel")]
    TargetNotFound,
    #[error("the target is merged or withdrawn")]
    TargetClosed,
    #[error("the input is already merged or withdrawn")]
    SourceClosed,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sea_orm::DbErr> for MergeError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::App(err.into())
    }
}

/// Merges `from_id` into `into_id`. `carry` moves what only this channel
/// has and returns its result with a line for the audit entry; it runs
/// after both rows are locked and checked, before `from` is marked merged.
pub async fn merge<C, X>(
    db: &C,
    actor: Uuid,
    channel: Channel,
    from_id: Uuid,
    into_id: Uuid,
    carry: impl AsyncFnOnce(&C::Transaction) -> Result<(X, String), AppError>,
) -> Result<X, MergeError>
where
    C: ConnectionTrait + TransactionTrait,
{
    if from_id == into_id {
        return Err(MergeError::SameInput);
    }
    let txn = crate::db::begin(db).await?;
    let rows = lock_inputs(&txn, channel, &[from_id, into_id]).await?;
    let from = rows
        .iter()
        .find(|row| row.id == from_id)
        .cloned()
        .ok_or(MergeError::App(AppError::NotFound))?;
    let into = rows
        .iter()
        .find(|row| row.id == into_id)
        .ok_or(MergeError::TargetNotFound)?;
    if matches!(from.status, Status::Merged | Status::Withdrawn) {
        return Err(MergeError::SourceClosed);
    }
    if matches!(into.status, Status::Merged | Status::Withdrawn) {
        return Err(MergeError::TargetClosed);
    }

    let (carried, details) = carry(&txn).await?;
    tags::join(&txn, from_id, into_id).await?;
    input::Entity::update_many()
        .col_expr(input::Column::MergedIntoId, Expr::value(into_id))
        .filter(input::Column::MergedIntoId.eq(from_id))
        .exec(&txn)
        .await?;
    let now = Utc::now();
    let mut source = from.into_active_model();
    source.status = Set(Status::Merged);
    source.merged_into_id = Set(Some(into_id));
    source.updated_at = Set(now);
    source.update(&txn).await?;
    input::Entity::update_many()
        .col_expr(input::Column::UpdatedAt, Expr::value(now))
        .filter(input::Column::Id.eq(into_id))
        .exec(&txn)
        .await?;

    let details = if details.is_empty() {
        format!("into={into_id}")
    } else {
        format!("into={into_id} {details}")
    };
    audit::record(
        &txn,
        Entry::new(Some(actor), &action(channel, "merge"))
            .on("input", from_id)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    Ok(carried)
}
