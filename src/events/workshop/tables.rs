//! A workshop's tables (or groups): added, changed, moved and removed. A
//! removed table's notes stay, without a table.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::lock_event;
use crate::audit::service::{self as audit, Entry};
use crate::entities::{theme, workshop_table};
use crate::error::AppError;

/// A table as a facilitator describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableDetails {
    pub name: String,
    pub theme_id: Option<Uuid>,
    pub host: Option<String>,
    pub summary: Option<String>,
}

/// The event's tables in their order.
pub async fn tables(
    db: &impl ConnectionTrait,
    event_id: Uuid,
) -> Result<Vec<workshop_table::Model>, AppError> {
    Ok(workshop_table::Entity::find()
        .filter(workshop_table::Column::EventId.eq(event_id))
        .order_by_asc(workshop_table::Column::Position)
        .order_by_asc(workshop_table::Column::Id)
        .all(db)
        .await?)
}

/// One table of the event; not found when it belongs to another.
pub async fn find_table(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    table_id: Uuid,
) -> Result<workshop_table::Model, AppError> {
    workshop_table::Entity::find_by_id(table_id)
        .filter(workshop_table::Column::EventId.eq(event_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A theme id that names no theme is refused rather than stored as none.
async fn check_theme(db: &impl ConnectionTrait, theme_id: Option<Uuid>) -> Result<(), AppError> {
    if let Some(id) = theme_id
        && theme::Entity::find_by_id(id).one(db).await?.is_none()
    {
        return Err(AppError::Validation(format!("no theme {id}")));
    }
    Ok(())
}

/// Adds a table after the others.
pub async fn add_table(
    db: &DatabaseConnection,
    event_id: Uuid,
    details: &TableDetails,
    by: Uuid,
) -> Result<workshop_table::Model, AppError> {
    let txn = crate::db::begin(db).await?;
    lock_event(&txn, event_id).await?;
    check_theme(&txn, details.theme_id).await?;
    // Read under the lock, so two tables added at once get their own places.
    let last: Option<i32> = workshop_table::Entity::find()
        .select_only()
        .column_as(workshop_table::Column::Position.max(), "max")
        .filter(workshop_table::Column::EventId.eq(event_id))
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let now = Utc::now();
    let id = Uuid::now_v7();
    workshop_table::Entity::insert(workshop_table::ActiveModel {
        id: Set(id),
        event_id: Set(event_id),
        position: Set(last.unwrap_or(0) + 1),
        name: Set(details.name.clone()),
        theme_id: Set(details.theme_id),
        host: Set(details.host.clone()),
        summary: Set(details.summary.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "workshop.table_add").on("workshop_table", id),
    )
    .await?;
    let table = find_table(&txn, event_id, id).await?;
    txn.commit().await?;
    Ok(table)
}

/// Saves a facilitator's changes to a table.
pub async fn update_table(
    db: &DatabaseConnection,
    event_id: Uuid,
    table_id: Uuid,
    details: &TableDetails,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_event(&txn, event_id).await?;
    find_table(&txn, event_id, table_id).await?;
    check_theme(&txn, details.theme_id).await?;
    workshop_table::Entity::update_many()
        .col_expr(
            workshop_table::Column::Name,
            Expr::value(details.name.clone()),
        )
        .col_expr(
            workshop_table::Column::ThemeId,
            Expr::value(details.theme_id),
        )
        .col_expr(
            workshop_table::Column::Host,
            Expr::value(details.host.clone()),
        )
        .col_expr(
            workshop_table::Column::Summary,
            Expr::value(details.summary.clone()),
        )
        .col_expr(workshop_table::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(workshop_table::Column::Id.eq(table_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "workshop.table_update").on("workshop_table", table_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a table; its notes stay with the event, without a table, and
/// the tables after it move up a place.
pub async fn remove_table(
    db: &DatabaseConnection,
    event_id: Uuid,
    table_id: Uuid,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_event(&txn, event_id).await?;
    find_table(&txn, event_id, table_id).await?;
    workshop_table::Entity::delete_by_id(table_id)
        .exec(&txn)
        .await?;
    renumber(&txn, event_id).await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "workshop.table_remove").on("workshop_table", table_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Which way a table moves in the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Swaps a table with its neighbour; at either end nothing changes.
pub async fn move_table(
    db: &DatabaseConnection,
    event_id: Uuid,
    table_id: Uuid,
    direction: Direction,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_event(&txn, event_id).await?;
    find_table(&txn, event_id, table_id).await?;
    let mut order: Vec<Uuid> = tables(&txn, event_id)
        .await?
        .into_iter()
        .map(|table| table.id)
        .collect();
    let Some(at) = order.iter().position(|id| *id == table_id) else {
        return Err(AppError::NotFound);
    };
    let other = match direction {
        Direction::Up => at.checked_sub(1),
        Direction::Down => (at + 1 < order.len()).then_some(at + 1),
    };
    if let Some(other) = other {
        order.swap(at, other);
        set_positions(&txn, &order).await?;
        audit::record(
            &txn,
            Entry::new(Some(by), "workshop.table_move").on("workshop_table", table_id),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Numbers the event's tables 1, 2, 3… in their present order.
async fn renumber(db: &impl ConnectionTrait, event_id: Uuid) -> Result<(), AppError> {
    let order: Vec<Uuid> = tables(db, event_id)
        .await?
        .into_iter()
        .map(|table| table.id)
        .collect();
    set_positions(db, &order).await
}

async fn set_positions(db: &impl ConnectionTrait, order: &[Uuid]) -> Result<(), AppError> {
    for (index, id) in order.iter().enumerate() {
        let position = i32::try_from(index + 1).unwrap_or(i32::MAX);
        workshop_table::Entity::update_many()
            .col_expr(workshop_table::Column::Position, Expr::value(position))
            .filter(workshop_table::Column::Id.eq(*id))
            .exec(db)
            .await?;
    }
    Ok(())
}
