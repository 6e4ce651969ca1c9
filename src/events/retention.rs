//! Erasing participants' personal data once an event is well over, as the
//! sign-up form promises: an hourly pass in the background of `serve`.

use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;
use tokio::task::JoinHandle;

use crate::events::service;

const EVERY: Duration = Duration::from_secs(60 * 60);

/// Starts the hourly pass; the first runs at once. Abort the handle to stop.
pub fn start(db: DatabaseConnection) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match service::erase_ended(&db, Utc::now()).await {
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
