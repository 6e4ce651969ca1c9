//! Support ("Støtt") for published ideas: one per browser, and one per
//! address within a day. Both are known only as keyed hashes made by the
//! caller, so no cookie value or IP address is ever stored.

use chrono::{TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use crate::entities::input::{self, Channel, Status};
use crate::entities::support;
use crate::error::AppError;
use crate::inputs::lock::lock_where;

/// How long a support blocks another browser at the same address.
pub const ADDRESS_WINDOW: TimeDelta = TimeDelta::hours(24);

/// What a press on the support button did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupportOutcome {
    Added,
    /// This browser had supported the idea; now it does not.
    Removed,
    /// Another browser at the same address supported it recently; nothing changed.
    AlreadyFromAddress,
}

/// Adds this browser's support, or takes it back if it had supported the
/// idea already, keeping `inputs.support_count` in step, in one transaction.
/// Only published ideas take support; anything else is `NotFound`.
pub async fn toggle<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    input_id: Uuid,
    browser_hash: &str,
    address_hash: &str,
) -> Result<SupportOutcome, AppError> {
    let txn = crate::db::begin(db).await?;
    // Locked first, on both databases, so toggles on one idea run one after
    // another; the condition also checks that it is published.
    let locked = lock_where::<input::Entity>(
        &txn,
        input::Column::SupportCount,
        Condition::all()
            .add(input::Column::Id.eq(input_id))
            .add(input::Column::Channel.eq(Channel::Idea))
            .add(input::Column::Status.eq(Status::Published)),
    )
    .await?;
    if locked == 0 {
        return Err(AppError::NotFound);
    }

    let removed = support::Entity::delete_many()
        .filter(support::Column::InputId.eq(input_id))
        .filter(support::Column::BrowserHash.eq(browser_hash))
        .exec(&txn)
        .await?;
    let outcome = if removed.rows_affected > 0 {
        add_to_count(&txn, input_id, -1).await?;
        SupportOutcome::Removed
    } else if from_address_since(&txn, input_id, address_hash).await? {
        SupportOutcome::AlreadyFromAddress
    } else {
        let inserted = support::Entity::insert(support::ActiveModel {
            id: Set(Uuid::now_v7()),
            input_id: Set(input_id),
            browser_hash: Set(browser_hash.to_owned()),
            address_hash: Set(address_hash.to_owned()),
            created_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::columns([support::Column::InputId, support::Column::BrowserHash])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        if inserted > 0 {
            add_to_count(&txn, input_id, 1).await?;
        }
        SupportOutcome::Added
    };
    txn.commit().await?;
    Ok(outcome)
}

/// Whether this browser supports the idea now.
pub async fn supported_by(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    browser_hash: &str,
) -> Result<bool, AppError> {
    let found = support::Entity::find()
        .select_only()
        .column(support::Column::Id)
        .filter(support::Column::InputId.eq(input_id))
        .filter(support::Column::BrowserHash.eq(browser_hash))
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// Whether a support from this address hash is younger than the window.
async fn from_address_since(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    address_hash: &str,
) -> Result<bool, AppError> {
    let recent = support::Entity::find()
        .filter(support::Column::InputId.eq(input_id))
        .filter(support::Column::AddressHash.eq(address_hash))
        .filter(support::Column::CreatedAt.gt(Utc::now() - ADDRESS_WINDOW))
        .count(db)
        .await?;
    Ok(recent > 0)
}

async fn add_to_count(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    delta: i32,
) -> Result<(), AppError> {
    let mut update = input::Entity::update_many()
        .col_expr(
            input::Column::SupportCount,
            Expr::col(input::Column::SupportCount).add(delta),
        )
        .filter(input::Column::Id.eq(input_id));
    if delta < 0 {
        // Never below zero, whatever happened to the rows before.
        update = update.filter(input::Column::SupportCount.gt(0));
    }
    update.exec(db).await?;
    Ok(())
}
