//! Outgoing mail: the outbox other features write to, a composer for the text
//! and HTML parts, and the background worker that delivers what is queued.
//!
//! Mail is never sent inside a request. A handler calls [`enqueue`] with the
//! same transaction as the change the mail confirms, so either both commit or
//! neither does; the [`MailWorker`] sends it afterwards, with retries.

mod attachment;
pub mod calendar;
mod compose;
pub mod origin;
pub mod transport;
pub mod worker;

use std::fmt;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use crate::domain::Email;
use crate::entities::outbox;

pub use attachment::{Attachment, InvalidAttachment};
pub use compose::MailBody;
pub use transport::{MailError, Mailer, SendError};
pub use worker::{MailWorker, PassReport, deliver_due, run};

/// A mail to queue: one recipient, a subject, both body parts and any files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Sent after the text and HTML parts, in this order.
    pub attachments: Vec<Attachment>,
    /// The contact the mail goes to, if any: erasing that contact then
    /// removes this mail too ([`forget_contact`]). Staff mail has none.
    pub contact_id: Option<Uuid>,
    /// Sent no earlier than this (a reminder); None: at once.
    pub send_at: Option<chrono::DateTime<Utc>>,
    /// A key to withdraw the mail by while it waits; see [`withdraw`].
    pub reference: Option<String>,
}

impl NewMail {
    /// A mail whose parts come from `body`; the subject doubles as the HTML title.
    pub fn compose(to: &Email, subject: impl Into<String>, body: &MailBody) -> Self {
        let subject = subject.into();
        Self {
            to: to.as_str().to_owned(),
            text: body.text(),
            html: body.html(&subject),
            subject,
            attachments: Vec::new(),
            contact_id: None,
            send_at: None,
            reference: None,
        }
    }

    /// Holds the mail back until `at` (a reminder the day before).
    pub fn send_at(mut self, at: chrono::DateTime<Utc>) -> Self {
        self.send_at = Some(at);
        self
    }

    /// Names what the mail is about, so [`withdraw`] can take it back.
    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// Adds a file, sent after those added before it.
    pub fn attach(mut self, attachment: Attachment) -> Self {
        self.attachments.push(attachment);
        self
    }

    /// Ties the mail to the contact it goes to; see [`forget_contact`].
    pub fn for_contact(mut self, contact_id: Uuid) -> Self {
        self.contact_id = Some(contact_id);
        self
    }
}

/// Where an outbox row is in its life; stored as the `status` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailStatus {
    /// Waiting for `next_attempt_at`.
    Pending,
    /// Claimed by a worker until `claimed_until`.
    Sending,
    /// Accepted by the SMTP server (or written to a file).
    Sent,
    /// Gave up; shown to admins, who may retry it.
    Failed,
}

impl MailStatus {
    pub const ALL: [MailStatus; 4] = [Self::Pending, Self::Sending, Self::Sent, Self::Failed];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }
}

impl fmt::Display for MailStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Queues a mail for the worker and returns its id. Pass the transaction of
/// the change the mail confirms, so a rollback also drops the mail.
pub async fn enqueue<C>(db: &C, mail: NewMail) -> Result<Uuid, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let now = Utc::now();
    let id = Uuid::now_v7();
    let row = outbox::ActiveModel {
        id: Set(id),
        recipient: Set(mail.to),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        status: Set(MailStatus::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(mail.send_at.unwrap_or(now).max(now)),
        last_error: Set(None),
        claimed_until: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        contact_id: Set(mail.contact_id),
        reference: Set(mail.reference),
    };
    if mail.attachments.is_empty() {
        outbox::Entity::insert(row)
            .exec_without_returning(db)
            .await?;
        return Ok(id);
    }
    // Without a transaction of its own (a savepoint inside the caller's), a
    // worker could claim the row between the inserts and send it without
    // its files.
    let txn = crate::db::begin(db).await?;
    outbox::Entity::insert(row)
        .exec_without_returning(&txn)
        .await?;
    attachment::store(&txn, id, mail.attachments).await?;
    txn.commit().await?;
    Ok(id)
}

/// Withdraws the mail with this reference that has not gone yet (a reminder
/// for a sign-up just cancelled); returns how many. A mail a worker has
/// already claimed is past taking back.
pub async fn withdraw(db: &impl ConnectionTrait, reference: &str) -> Result<u64, DbErr> {
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::Reference.eq(reference))
        .filter(outbox::Column::Status.eq(MailStatus::Pending.as_str()))
        .all(db)
        .await?;
    for mail in &waiting {
        attachment::delete(db, mail.id).await?;
    }
    Ok(outbox::Entity::delete_many()
        .filter(outbox::Column::Reference.eq(reference))
        .filter(outbox::Column::Status.eq(MailStatus::Pending.as_str()))
        .exec(db)
        .await?
        .rows_affected)
}

/// Deletes the mail still waiting to go to this contact (pending, being
/// sent, or failed), and its files with it; returns how many were deleted.
/// Mail of anyone else stays, even at the same address.
///
/// Call it in the transaction that erases the contact, before the contact row
/// is deleted. Deleting the contact row afterwards also removes the mail that
/// was already sent (the foreign key cascades), which holds no body or files
/// but still the address. Only mail queued with [`NewMail::for_contact`] is
/// found.
pub async fn forget_contact(db: &impl ConnectionTrait, contact_id: Uuid) -> Result<u64, DbErr> {
    let result = outbox::Entity::delete_many()
        .filter(outbox::Column::ContactId.eq(contact_id))
        .filter(outbox::Column::Status.ne(MailStatus::Sent.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Mail the worker gave up on, newest first, for the admin page.
pub async fn failed_mail(db: &impl ConnectionTrait) -> Result<Vec<outbox::Model>, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(MailStatus::Failed.as_str()))
        .order_by_desc(outbox::Column::CreatedAt)
        .all(db)
        .await
}

/// Puts a failed mail back in the queue with a fresh set of attempts. False
/// when there is no failed mail with that id (sent mail is never resent).
pub async fn retry(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(MailStatus::Pending.as_str()),
        )
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(Utc::now()))
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(MailStatus::Failed.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
