//! What every channel's public submission shares: the sender's contact
//! details kept apart from the input, erasing them, and storing a form once
//! however often it is sent.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::domain::Email;
use crate::entities::contact;
use crate::error::AppError;

/// Who sent it, when they chose to say. An e-mail is only kept with consent.
#[derive(Clone, Debug, Default)]
pub struct NewContact {
    pub name: Option<String>,
    pub email: Option<Email>,
    pub news_opt_in: bool,
    /// The business or organisation they come from, where a form asks.
    pub organisation: Option<String>,
}

/// Stores the contact row, if there is anything to store, and returns its id.
pub async fn store_contact(
    db: &impl ConnectionTrait,
    contact: Option<&NewContact>,
) -> Result<Option<Uuid>, AppError> {
    let Some(contact) = contact.filter(|c| c.name.is_some() || c.email.is_some()) else {
        return Ok(None);
    };
    let now = Utc::now();
    let id = Uuid::now_v7();
    contact::Entity::insert(contact::ActiveModel {
        id: Set(id),
        name: Set(contact.name.clone()),
        email: Set(contact.email.as_ref().map(ToString::to_string)),
        phone: Set(None),
        organisation: Set(contact.organisation.clone()),
        consent_at: Set(contact.email.as_ref().map(|_| now)),
        news_opt_in: Set(contact.news_opt_in && contact.email.is_some()),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(Some(id))
}

/// Erases a contact and exactly the mail still queued for them (mail to
/// the same address for someone else's sign-up stays). Inputs that pointed
/// at it keep their text; the caller clears its own reference first.
pub async fn erase_contact(db: &impl ConnectionTrait, contact_id: Uuid) -> Result<(), AppError> {
    crate::mail::forget_contact(db, contact_id).await?;
    contact::Entity::delete_by_id(contact_id).exec(db).await?;
    Ok(())
}

/// Stores a submission once per idempotency key. A form sent again (a
/// double click, a retry after a lost answer) finds the first one through
/// `find` and gets `replay`'s answer; two identical requests racing meet at
/// the unique key, and the loser replays the winner's row.
pub async fn once<T, R>(
    key: Option<&str>,
    find: impl AsyncFn(&str) -> Result<Option<T>, AppError>,
    store: impl AsyncFnOnce() -> Result<R, AppError>,
    replay: impl AsyncFnOnce(T) -> Result<R, AppError>,
) -> Result<R, AppError> {
    if let Some(key) = key
        && let Some(existing) = find(key).await?
    {
        return replay(existing).await;
    }
    match (store().await, key) {
        (Err(AppError::Conflict(detail)), Some(key)) => match find(key).await? {
            Some(existing) => replay(existing).await,
            None => Err(AppError::Conflict(detail)),
        },
        (other, _) => other,
    }
}
