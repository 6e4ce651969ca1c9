//! What facilitators do in triage: confirm or remove a suggestion, add a
//! theme, confirm all of an input's suggestions, or every suggestion above
//! a confidence across the filtered queue.
//!
//! Each change goes through `inputs::tags` (the one tag writer) in its own
//! transaction with its audit entry, and then tells the tagger that people's
//! labels changed so the model learns from them. A repeated click changes
//! nothing and records nothing.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession,
    TransactionTrait,
};
use uuid::Uuid;

use super::queue::{self, Filters};
use crate::audit::service::{self as audit, Entry};
use crate::entities::{input, theme};
use crate::error::AppError;
use crate::inputs::lock::lock_where;
use crate::inputs::tags;
use crate::tagging::service::labels_changed;

/// Why an action could not be done; nothing was changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No such theme, or one switched off.
    UnknownTheme,
    /// A confidence outside 0–100 %.
    ConfidenceOutOfRange,
}

/// The changes to one theme on one input.
#[derive(Clone, Copy)]
enum Verb {
    Confirm,
    Remove,
    Add,
}

impl Verb {
    fn action(self) -> &'static str {
        match self {
            Verb::Confirm => "tagging.confirm",
            Verb::Remove => "tagging.remove",
            Verb::Add => "tagging.add",
        }
    }
}

/// Confirms the suggestion of `theme_id` on the input; false when there was
/// none (already confirmed, removed, or never suggested).
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    input_id: Uuid,
    theme_id: Uuid,
) -> Result<bool, AppError> {
    one_theme(db, actor, input_id, theme_id, Verb::Confirm).await
}

/// Removes the suggestion of `theme_id`; false when there was none.
pub async fn remove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    input_id: Uuid,
    theme_id: Uuid,
) -> Result<bool, AppError> {
    one_theme(db, actor, input_id, theme_id, Verb::Remove).await
}

/// Adds an active theme as the facilitator's own tag; false when a person
/// had already set or confirmed it.
pub async fn add<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    input_id: Uuid,
    theme_id: Uuid,
) -> Result<Result<bool, Problem>, AppError> {
    let active = theme::Entity::find_by_id(theme_id)
        .filter(theme::Column::Active.eq(true))
        .one(db)
        .await?;
    if active.is_none() {
        return Ok(Err(Problem::UnknownTheme));
    }
    Ok(Ok(
        one_theme(db, actor, input_id, theme_id, Verb::Add).await?
    ))
}

async fn one_theme<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    input_id: Uuid,
    theme_id: Uuid,
    verb: Verb,
) -> Result<bool, AppError> {
    let txn = crate::db::begin(db).await?;
    lock_input(&txn, input_id).await?;
    let changed = match verb {
        Verb::Confirm => tags::confirm(&txn, input_id, theme_id).await?,
        Verb::Remove => tags::remove_suggestion(&txn, input_id, theme_id).await?,
        Verb::Add => tags::add_by_person(&txn, input_id, theme_id).await?,
    };
    if !changed {
        return Ok(false);
    }
    let slug = theme::Entity::find_by_id(theme_id)
        .one(&txn)
        .await?
        .map(|theme| theme.slug)
        .unwrap_or_default();
    audit::record(
        &txn,
        Entry::new(Some(actor), verb.action())
            .on("input", input_id)
            .details(format!("theme={slug}")),
    )
    .await?;
    txn.commit().await?;
    labels_changed(db).await?;
    Ok(true)
}

/// Confirms every suggestion on one input; returns how many.
pub async fn confirm_all<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    input_id: Uuid,
) -> Result<u64, AppError> {
    let txn = crate::db::begin(db).await?;
    lock_input(&txn, input_id).await?;
    let confirmed = tags::confirm_all(&txn, input_id).await?;
    if confirmed == 0 {
        return Ok(0);
    }
    audit::record(
        &txn,
        Entry::new(Some(actor), "tagging.confirm_all")
            .on("input", input_id)
            .details(format!("count={confirmed}")),
    )
    .await?;
    txn.commit().await?;
    labels_changed(db).await?;
    Ok(confirmed)
}

/// Confirms every suggestion at or above `min_percent` on the inputs
/// matching `filters` (every page of them); returns how many.
pub async fn bulk_confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    filters: &Filters,
    min_percent: i64,
) -> Result<Result<u64, Problem>, AppError> {
    if !(0..=100).contains(&min_percent) {
        return Ok(Err(Problem::ConfidenceOutOfRange));
    }
    let min = min_percent as f64 / 100.0;
    let txn = crate::db::begin(db).await?;
    let confirmed = tags::confirm_where(&txn, queue::matching(filters), min).await?;
    if confirmed == 0 {
        return Ok(Ok(0));
    }
    let details = serde_json::json!({
        "min_percent": min_percent,
        "channel": filters.channel.map(|c| sea_orm::ActiveEnum::to_value(&c)),
        "theme": filters.theme,
        "filter_min": filters.min_confidence,
        "count": confirmed,
    });
    audit::record(
        &txn,
        Entry::new(Some(actor), "tagging.bulk_confirm").details(details.to_string()),
    )
    .await?;
    txn.commit().await?;
    labels_changed(db).await?;
    Ok(Ok(confirmed))
}

/// Locks the input's row so two facilitators acting on it take turns;
/// not found when there is no such input.
async fn lock_input(db: &impl ConnectionTrait, id: Uuid) -> Result<(), AppError> {
    let found = lock_where::<input::Entity>(
        db,
        input::Column::Id,
        Condition::all().add(input::Column::Id.eq(id)),
    )
    .await?;
    if found == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
