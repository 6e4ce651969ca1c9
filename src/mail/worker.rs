//! The background worker: claims due outbox rows, delivers them, and records
//! the outcome, with exponential backoff and a final "failed" for admins.
//!
//! Any number of app instances may run a worker against one database. A row
//! is claimed by a single `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP
//! LOCKED) RETURNING *`, which PostgreSQL runs atomically without making two
//! workers wait for each other; SQLite has no row locks (sea-query leaves the
//! clause out for it) but runs each write statement alone, which is as atomic.
//! Every later update of a claimed row is guarded by its status and attempt
//! count, so a worker whose lease ran out cannot overwrite the next claim.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, TransactionSession, TransactionTrait, UpdateMany,
};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::{MailSettings, Settings};
use crate::entities::outbox::{self, Column};
use crate::error::cause_chain;
use crate::mail::transport::{MailError, Mailer, SMTP_TIMEOUT, SendError};
use crate::mail::{MailStatus, attachment};

/// Rows claimed per pass. Small, so the lease below covers a whole batch even
/// when every message runs into the SMTP timeout.
pub const BATCH: u64 = 10;
/// How long a claim holds. A row still "sending" after this belonged to a
/// worker that died, and is claimed again.
pub const CLAIM_LEASE: Duration = Duration::from_secs(BATCH * 3 * SMTP_TIMEOUT.as_secs());
/// The longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);
/// How long `MailWorker::stop` waits for the message being sent.
const STOP_GRACE: Duration = Duration::from_secs(10);
/// `last_error` keeps this many characters; server replies can be long.
const MAX_ERROR_CHARS: usize = 1000;

/// What one pass over the outbox did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassReport {
    /// Rows this pass took.
    pub claimed: usize,
    pub sent: usize,
    /// Failed this time, scheduled again.
    pub retrying: usize,
    /// Failed for good: out of attempts, or not a valid message at all.
    pub failed: usize,
    /// Put back unsent because the worker was told to stop.
    pub released: usize,
}

/// One pass: claims up to [`BATCH`] due rows and tries each once. Tests call
/// this directly; the background worker calls it every `poll_interval`.
pub async fn deliver_due(
    db: &(impl ConnectionTrait + TransactionTrait),
    mailer: &Mailer,
    settings: &MailSettings,
) -> Result<PassReport, DbErr> {
    deliver_pass(db, mailer, settings, None).await
}

async fn deliver_pass(
    db: &(impl ConnectionTrait + TransactionTrait),
    mailer: &Mailer,
    settings: &MailSettings,
    stop: Option<&watch::Receiver<bool>>,
) -> Result<PassReport, DbErr> {
    let rows = claim_due(db, BATCH).await?;
    let mut files = attachment::load(db, &rows).await?;
    let mut report = PassReport {
        claimed: rows.len(),
        ..PassReport::default()
    };
    for row in &rows {
        if stop.is_some_and(|stop| *stop.borrow()) {
            // Hand the rest back now rather than leave them to the lease, so
            // a restart during a deploy does not hold mail up for minutes.
            release(db, row).await?;
            report.released += 1;
            continue;
        }
        let row_files = files.remove(&row.id).unwrap_or_default();
        match mailer.send(row, &row_files).await {
            Ok(()) => {
                mark_sent(db, row).await?;
                report.sent += 1;
            }
            Err(err) => {
                if record_failure(db, row, &err, settings).await? {
                    report.failed += 1;
                } else {
                    report.retrying += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Takes due rows: pending ones whose time has come and "sending" ones whose
/// lease ran out. Each claim counts as an attempt, so a message that crashes
/// its worker every time still runs out of attempts.
async fn claim_due(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<outbox::Model>, DbErr> {
    let mut rows = claim_statement(Utc::now(), limit)
        .exec_with_returning(db)
        .await?;
    // RETURNING gives no order; send oldest first.
    rows.sort_by_key(|row| (row.created_at, row.id));
    Ok(rows)
}

/// The claim as one statement. The timestamps are bound as parameters, so on
/// SQLite they are stored and compared in one text format (sqlx's RFC 3339).
fn claim_statement(now: DateTime<Utc>, limit: u64) -> UpdateMany<outbox::Entity> {
    let due = Condition::any()
        .add(
            Condition::all()
                .add(Column::Status.eq(MailStatus::Pending.as_str()))
                .add(Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(Column::Status.eq(MailStatus::Sending.as_str()))
                .add(Column::ClaimedUntil.lt(now)),
        );
    let due_ids = outbox::Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(due)
        .order_by_asc(Column::CreatedAt)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .into_query();
    outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(MailStatus::Sending.as_str()))
        .col_expr(Column::ClaimedUntil, Expr::value(after(now, CLAIM_LEASE)))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .filter(Column::Id.in_subquery(due_ids))
}

/// Only the claim that took `row` may finish it.
fn still_ours(row: &outbox::Model) -> Condition {
    Condition::all()
        .add(Column::Id.eq(row.id))
        .add(Column::Status.eq(MailStatus::Sending.as_str()))
        .add(Column::Attempts.eq(row.attempts))
}

async fn mark_sent(
    db: &(impl ConnectionTrait + TransactionTrait),
    row: &outbox::Model,
) -> Result<(), DbErr> {
    // One transaction, so no crash can leave a sent mail with its files.
    let txn = crate::db::begin(db).await?;
    let result = outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(MailStatus::Sent.as_str()))
        .col_expr(Column::SentAt, Expr::value(Utc::now()))
        .col_expr(Column::ClaimedUntil, Expr::value(no_time()))
        // Once delivered, the bodies are only a risk: they hold single-use and
        // private links that the rest of the database keeps only as hashes.
        .col_expr(Column::BodyText, Expr::value(""))
        .col_expr(Column::BodyHtml, Expr::value(""))
        .filter(still_ours(row))
        .exec(&txn)
        .await?;
    if result.rows_affected == 0 {
        // Another claim owns the row now and may still need the files.
        tracing::warn!(mail_id = %row.id, "mail was sent after its claim ran out or its row was deleted");
    } else {
        attachment::delete(&txn, row.id).await?;
    }
    txn.commit().await
}

/// Schedules the next attempt, or gives up; returns true when it gave up.
async fn record_failure(
    db: &impl ConnectionTrait,
    row: &outbox::Model,
    err: &SendError,
    settings: &MailSettings,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    let give_up = err.is_permanent() || row.attempts >= settings.max_attempts;
    // Server replies often quote the address; logs must not hold it.
    let error = scrub(&cause_chain(err), &row.recipient);
    let stored: String = error.chars().take(MAX_ERROR_CHARS).collect();
    let mut update = outbox::Entity::update_many()
        .col_expr(Column::LastError, Expr::value(Some(stored)))
        .col_expr(Column::ClaimedUntil, Expr::value(no_time()));
    if give_up {
        tracing::error!(mail_id = %row.id, attempts = row.attempts, %error, "mail failed for good");
        update = update.col_expr(Column::Status, Expr::value(MailStatus::Failed.as_str()));
    } else {
        let wait = backoff(settings.retry_base, row.attempts);
        tracing::warn!(mail_id = %row.id, attempts = row.attempts, retry_in = ?wait, %error, "mail not delivered");
        update = update
            .col_expr(Column::Status, Expr::value(MailStatus::Pending.as_str()))
            .col_expr(Column::NextAttemptAt, Expr::value(after(now, wait)));
    }
    update.filter(still_ours(row)).exec(db).await?;
    Ok(give_up)
}

/// Puts a claimed, unsent row back as it was before the claim.
async fn release(db: &impl ConnectionTrait, row: &outbox::Model) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(MailStatus::Pending.as_str()))
        .col_expr(Column::Attempts, Expr::value(row.attempts - 1))
        .col_expr(Column::ClaimedUntil, Expr::value(no_time()))
        .filter(still_ours(row))
        .exec(db)
        .await?;
    Ok(())
}

/// `retry_base * 2^(attempts - 1)`, at most [`MAX_BACKOFF`].
pub fn backoff(retry_base: Duration, attempts: i32) -> Duration {
    let doublings = Ord::min(u32::try_from(attempts.saturating_sub(1)).unwrap_or(0), 30);
    retry_base.saturating_mul(1 << doublings).min(MAX_BACKOFF)
}

fn after(now: DateTime<Utc>, wait: Duration) -> DateTime<Utc> {
    now + TimeDelta::from_std(wait).unwrap_or(TimeDelta::MAX / 2)
}

fn no_time() -> Option<DateTime<Utc>> {
    None
}

/// The error text with the recipient's address blanked out.
fn scrub(text: &str, recipient: &str) -> String {
    let mut text = text.to_owned();
    if let Ok(mailbox) = recipient.parse::<lettre::message::Mailbox>() {
        text = text.replace(&mailbox.email.to_string(), "<recipient>");
    }
    let recipient = recipient.trim();
    if !recipient.is_empty() {
        text = text.replace(recipient, "<recipient>");
    }
    text
}

/// Delivers due mail every `poll_interval` until `stop` turns true (or its
/// sender is dropped). A full batch means more may be waiting: go on at once.
pub async fn run(
    db: DatabaseConnection,
    mailer: Mailer,
    settings: MailSettings,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let wait = match deliver_pass(&db, &mailer, &settings, Some(&stop)).await {
            Ok(report) if report.claimed as u64 >= BATCH => Duration::ZERO,
            Ok(_) => settings.poll_interval,
            Err(err) => {
                tracing::warn!(error = %cause_chain(&err), "mail worker cannot reach the database");
                settings.poll_interval
            }
        };
        let stopping = tokio::select! {
            biased;
            _ = stop.wait_for(|stop| *stop) => true,
            () = tokio::time::sleep(wait) => false,
        };
        if stopping {
            break;
        }
    }
}

/// The running background worker; [`MailWorker::stop`] ends it.
pub struct MailWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl MailWorker {
    /// Builds the transport from `settings` and starts the worker on the
    /// Tokio runtime. A bad sender address or SMTP URL fails here, at start-up.
    pub fn start(db: DatabaseConnection, settings: &Settings) -> Result<Self, MailError> {
        let mailer = Mailer::from_settings(settings)?;
        tracing::info!(to = %mailer.describe(), "mail worker started");
        Ok(Self::spawn(db, mailer, settings.mail.clone()))
    }

    pub fn spawn(db: DatabaseConnection, mailer: Mailer, settings: MailSettings) -> Self {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(db, mailer, settings, stopped));
        Self { stop, task }
    }

    /// Lets the message in flight finish, hands back the rest of the batch and
    /// waits for the worker to end; after [`STOP_GRACE`] it is cut off, and
    /// whatever it had claimed is sent again once the lease runs out.
    pub async fn stop(self) {
        // An error means the worker has already ended, which is what we want.
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, self.task).await {
            Ok(Ok(())) => tracing::info!("mail worker stopped"),
            Ok(Err(err)) => tracing::error!(error = %err, "mail worker ended abnormally"),
            Err(_) => {
                abort.abort();
                tracing::warn!("mail worker did not stop in time and was cut off");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_and_is_capped() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 1), Duration::from_secs(30));
        assert_eq!(backoff(base, 2), Duration::from_secs(60));
        assert_eq!(backoff(base, 4), Duration::from_secs(240));
        assert_eq!(backoff(base, 8), Duration::from_secs(3600));
        assert_eq!(backoff(base, i32::MAX), MAX_BACKOFF);
        assert_eq!(backoff(base, 0), base);
    }

    #[test]
    fn the_claim_skips_rows_locked_by_another_worker_on_postgres() {
        use sea_orm::DbBackend;
        let statement = |backend| {
            claim_statement(Utc::now(), BATCH)
                .build(backend)
                .to_string()
        };
        let postgres = statement(DbBackend::Postgres);
        assert!(
            postgres.starts_with(r#"UPDATE "outbox" SET "status" = 'sending'"#),
            "{postgres}"
        );
        assert!(
            postgres.contains("LIMIT 10 FOR UPDATE SKIP LOCKED)"),
            "{postgres}"
        );
        // SQLite has no row locks; its single UPDATE runs alone instead.
        let sqlite = statement(DbBackend::Sqlite);
        assert!(!sqlite.contains("FOR UPDATE"), "{sqlite}");
        assert!(sqlite.contains("ASC LIMIT 10"), "{sqlite}");
    }

    #[test]
    fn scrub_removes_the_address_from_server_replies() {
        let text = "permanent error (550): 5.1.1 <ola@example.org>: no such user";
        assert_eq!(
            scrub(text, "Ola <ola@example.org>"),
            "permanent error (550): 5.1.1 <<recipient>>: no such user"
        );
    }
}
