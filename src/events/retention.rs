//! Erasing participants' personal data once an event is well over, as the
//! sign-up form promises: an hourly pass in the background of `serve`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};
use tokio::task::JoinHandle;

use crate::audit::service::{self as audit, Entry};
use crate::entities::{event, event_signup};
use crate::error::AppError;
use crate::events::service::forget_person;

const EVERY: Duration = Duration::from_secs(60 * 60);

/// Starts the hourly pass; the first runs at once. Abort the handle to stop.
pub fn start(db: DatabaseConnection) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match erase_ended(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(erased) => tracing::info!(erased, "erased participants of past events"),
                // The next pass tries again; nothing is half done, each event
                // is erased in its own transaction.
                Err(err) => {
                    tracing::warn!(error = %err, "erasing participants of past events failed")
                }
            }
        }
    })
}

/// How long after an event its participants' personal data is kept: time
/// to send a summary and collect the results, as the sign-up form promises.
pub const KEEP_AFTER_EVENT: chrono::Duration = chrono::Duration::days(30);

/// Erases the personal data of everyone signed up for events that ended
/// more than `KEEP_AFTER_EVENT` before `now`; returns how many sign-ups.
pub async fn erase_ended(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, AppError> {
    let ended = event::Entity::find()
        .filter(event::Column::EndsAt.lt(now - KEEP_AFTER_EVENT))
        .all(db)
        .await?;
    let mut erased = 0;
    for event in ended {
        let txn = crate::db::begin(db).await?;
        let holding = event_signup::Entity::find()
            .filter(event_signup::Column::EventId.eq(event.id))
            .filter(
                Condition::any()
                    .add(event_signup::Column::ContactId.is_not_null())
                    .add(event_signup::Column::Diet.is_not_null())
                    .add(event_signup::Column::Accessibility.is_not_null()),
            )
            .all(&txn)
            .await?;
        if holding.is_empty() {
            continue;
        }
        for signup in &holding {
            forget_person(&txn, signup).await?;
        }
        audit::record(
            &txn,
            Entry::new(None, "event.participants_erased")
                .on("event", event.id)
                .details(holding.len().to_string()),
        )
        .await?;
        txn.commit().await?;
        erased += holding.len() as u64;
    }
    Ok(erased)
}
