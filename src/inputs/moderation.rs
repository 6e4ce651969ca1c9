//! Moderating inputs of any channel, without HTTP: one input with its
//! contact and tags, and what facilitators do to an input (publish,
//! hide, edit the text, set themes). The queue is in
//! `queue`, merging in `merge`.
//!
//! Each action opens its own transaction (a savepoint inside a caller's),
//! so the change, its audit entry and any mail commit together. The input's
//! row is locked first (`lock::lock_input`, on both databases), so two
//! facilitators acting on the same input take turns.

use chrono::Utc;
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::entities::contact;
use crate::entities::input::{self, Channel, Status};
use crate::error::AppError;
use crate::inputs::lock::lock_input;
use crate::inputs::search;
use crate::inputs::status_code;
use crate::inputs::tags::{self, Tag};
use crate::mail::{self, NewMail};
use crate::settings::service::Programme;
use crate::web::Lang;

/// An input as the moderation page shows it.
#[derive(Clone, Debug)]
pub struct InputDetail {
    pub input: input::Model,
    /// Personal data: only for editors' eyes.
    pub contact: Option<contact::Model>,
    pub tags: Vec<Tag>,
    /// The input this one was merged into.
    pub merged_into: Option<input::Model>,
    /// Inputs merged into this one.
    pub originals: Vec<input::Model>,
}

/// Whether an action changed anything; a repeated click changes nothing and
/// writes no audit entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    Unchanged,
}

/// What a publish did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublishOutcome {
    Published,
    AlreadyPublished,
    /// The text changed after the facilitator opened it; nothing was published.
    ChangedSinceRead,
}

/// What a hide did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hidden {
    /// A mail telling the sender was queued.
    pub sender_told: bool,
}

/// What a channel says to a sender whose input was hidden: a pure function
/// of the input's language, the programme, the input and the reason.
pub type HiddenMail = fn(Lang, &Programme, &input::Model, &str, &Email) -> NewMail;

/// One input of `channel` with its contact, tags and merge links; None when
/// there is none with that id in that channel.
pub async fn get(
    db: &impl ConnectionTrait,
    channel: Channel,
    id: Uuid,
) -> Result<Option<InputDetail>, AppError> {
    let Some(input) = find(db, channel, id).await? else {
        return Ok(None);
    };
    let contact = match input.contact_id {
        Some(contact_id) => contact::Entity::find_by_id(contact_id).one(db).await?,
        None => None,
    };
    let merged_into = match input.merged_into_id {
        Some(target) => find(db, channel, target).await?,
        None => None,
    };
    Ok(Some(InputDetail {
        tags: tags::tags_of_one(db, id).await?,
        originals: originals(db, channel, id).await?,
        input,
        contact,
        merged_into,
    }))
}

/// The inputs merged into `into_id`, oldest first.
pub async fn originals(
    db: &impl ConnectionTrait,
    channel: Channel,
    into_id: Uuid,
) -> Result<Vec<input::Model>, AppError> {
    Ok(input::Entity::find()
        .filter(input::Column::Channel.eq(channel))
        .filter(input::Column::MergedIntoId.eq(into_id))
        .filter(input::Column::Status.eq(Status::Merged))
        .order_by_asc(input::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Inputs `id` may be merged into that a form offers: pending and published
/// ones of the same channel, newest first.
pub async fn merge_targets(
    db: &impl ConnectionTrait,
    channel: Channel,
    id: Uuid,
) -> Result<Vec<input::Model>, AppError> {
    Ok(input::Entity::find()
        .filter(input::Column::Channel.eq(channel))
        .filter(input::Column::Id.ne(id))
        .filter(input::Column::Status.is_in(super::LIVE))
        .order_by_desc(input::Column::CreatedAt)
        .limit(500)
        .all(db)
        .await?)
}

async fn find(
    db: &impl ConnectionTrait,
    channel: Channel,
    id: Uuid,
) -> Result<Option<input::Model>, AppError> {
    Ok(input::Entity::find_by_id(id)
        .filter(input::Column::Channel.eq(channel))
        .one(db)
        .await?)
}

/// The version of an input a facilitator has read: its last change, in microseconds.
pub fn version(input: &input::Model) -> i64 {
    input.updated_at.timestamp_micros()
}

/// The audit action for `verb` on `channel`, e.g. `idea.publish`.
pub fn action(channel: Channel, verb: &str) -> String {
    format!("{}.{verb}", channel.to_value())
}

/// Makes a pending or hidden input public. It keeps the time it was first
/// published, and a hide reason no longer applies. With `seen` (the
/// `version` the facilitator read), an input changed since then is not
/// published: the sender may edit a pending input, and what goes public
/// must be what was read.
pub async fn publish<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    channel: Channel,
    id: Uuid,
    seen: Option<i64>,
) -> Result<PublishOutcome, AppError> {
    let txn = crate::db::begin(db).await?;
    let input = lock_input(&txn, channel, id).await?;
    if seen.is_some_and(|seen| seen != version(&input)) && input.status != Status::Published {
        return Ok(PublishOutcome::ChangedSinceRead);
    }
    match input.status {
        Status::Published => return Ok(PublishOutcome::AlreadyPublished),
        Status::Pending | Status::Hidden => {}
        Status::Merged | Status::Withdrawn => {
            return Err(AppError::Conflict("input is merged or withdrawn".into()));
        }
    }
    let before = input.status;
    let now = Utc::now();
    let published_at = input.published_at.unwrap_or(now);
    let mut row = input.into_active_model();
    row.status = Set(Status::Published);
    row.published_at = Set(Some(published_at));
    row.moderation_note = Set(None);
    row.updated_at = Set(now);
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry::new(Some(actor), &action(channel, "publish"))
            .on("input", id)
            .details(format!("from={}", status_code(before))),
    )
    .await?;
    txn.commit().await?;
    Ok(PublishOutcome::Published)
}

/// Hides an input with a reason. With `tell_sender`, and when the sender
/// left an e-mail address, the channel's mail in the input's language
/// tells them the reason.
pub async fn hide<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    channel: Channel,
    id: Uuid,
    reason: String,
    tell_sender: Option<HiddenMail>,
) -> Result<Hidden, AppError> {
    let reason = reason.trim().to_owned();
    if reason.is_empty() {
        return Err(AppError::Validation("a reason is required".into()));
    }
    let txn = crate::db::begin(db).await?;
    let input = lock_input(&txn, channel, id).await?;
    if matches!(input.status, Status::Merged | Status::Withdrawn) {
        return Err(AppError::Conflict("input is merged or withdrawn".into()));
    }
    let before = input.status;
    let mail = match tell_sender {
        Some(compose) => sender_address(&txn, &input)
            .await?
            .map(|address| (compose, address)),
        None => None,
    };
    let mail = match mail {
        Some((compose, address)) => {
            let lang = Lang::from_code(&input.language).unwrap_or_default();
            let programme = crate::settings::service::current(&txn).await?;
            let mail = compose(lang, &programme, &input, &reason, &address);
            Some(match input.contact_id {
                Some(contact_id) => mail.for_contact(contact_id),
                None => mail,
            })
        }
        None => None,
    };
    let sender_told = mail.is_some();
    let mut row = input.into_active_model();
    row.status = Set(Status::Hidden);
    row.moderation_note = Set(Some(reason.clone()));
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    if let Some(mail) = mail {
        mail::enqueue(&txn, mail).await?;
    }
    audit::record(
        &txn,
        Entry::new(Some(actor), &action(channel, "hide"))
            .on("input", id)
            .details(
                serde_json::json!({
                    "from": status_code(before),
                    "reason": reason,
                    "sender_told": sender_told,
                })
                .to_string(),
            ),
    )
    .await?;
    txn.commit().await?;
    Ok(Hidden { sender_told })
}

/// The sender's e-mail address, if they left a usable one.
async fn sender_address(
    db: &impl ConnectionTrait,
    input: &input::Model,
) -> Result<Option<Email>, AppError> {
    let Some(contact_id) = input.contact_id else {
        return Ok(None);
    };
    Ok(contact::Entity::find_by_id(contact_id)
        .one(db)
        .await?
        .and_then(|contact| contact.email)
        .and_then(|email| Email::parse(&email).ok()))
}

/// Replaces the title and text, to take personal data out. The original is
/// kept only in the audit entry, which only admins can read.
pub async fn edit_text<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    channel: Channel,
    id: Uuid,
    title: String,
    body: String,
) -> Result<Outcome, AppError> {
    let title = title.trim().to_owned();
    let body = body.trim().to_owned();
    if title.is_empty() || body.is_empty() {
        return Err(AppError::Validation("title and text are required".into()));
    }
    let txn = crate::db::begin(db).await?;
    let input = lock_input(&txn, channel, id).await?;
    if input.title.as_deref() == Some(title.as_str()) && input.body == body {
        return Ok(Outcome::Unchanged);
    }
    let original = serde_json::json!({
        "original_title": input.title,
        "original_body": input.body,
    })
    .to_string();
    search::store(&txn, id, Some(&title), &body).await?;
    let mut row = input.into_active_model();
    row.title = Set(Some(title));
    row.body = Set(body);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry::new(Some(actor), &action(channel, "edit"))
            .on("input", id)
            .details(original),
    )
    .await?;
    txn.commit().await?;
    Ok(Outcome::Changed)
}

/// Makes `themes` the input's manual tags (see `tags::set_by_person`).
pub async fn set_themes<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    channel: Channel,
    id: Uuid,
    themes: &[Uuid],
) -> Result<Outcome, AppError> {
    let txn = crate::db::begin(db).await?;
    lock_input(&txn, channel, id).await?;
    let (before, after) = tags::set_by_person(&txn, id, themes).await?;
    if before == after {
        return Ok(Outcome::Unchanged);
    }
    audit::record(
        &txn,
        Entry::new(Some(actor), &action(channel, "themes"))
            .on("input", id)
            .details(format!("{} -> {}", before.join(","), after.join(","))),
    )
    .await?;
    txn.commit().await?;
    Ok(Outcome::Changed)
}
