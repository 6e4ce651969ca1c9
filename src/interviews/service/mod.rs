//! Businesses, slots, bookings and interview records, without HTTP.
//!
//! A booking is one conditional write: the slot takes the business only
//! while it holds none (`business_id IS NULL`), and `business_id` is unique
//! among slots, so neither a slot nor a business is ever booked twice, on
//! SQLite and PostgreSQL alike. Every change to a business's booking locks
//! its row first (`inputs::lock::lock_where`), so one business's own
//! requests are served one after the other.

mod booking;
mod listing;
mod overview;
mod records;
mod registration;
mod slots;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use url::Url;
use uuid::Uuid;

use crate::domain::{Email, SecretToken};
use crate::entities::{business, business_theme, contact, interview_slot};
use crate::error::AppError;
use crate::inputs::lock::lock_where;
use crate::mail::origin::Origin;

pub use booking::*;
pub use listing::*;
pub use overview::*;
pub use records::*;
pub use registration::*;
pub use slots::*;

/// Where interview mails link to and who sends them.
pub type MailContext = Origin;

/// The path of a business's private page.
pub fn private_path(token: &str) -> String {
    format!("/intervju/mine/{token}")
}

pub fn private_link(context: &MailContext, token: &str) -> Url {
    context.link(&private_path(token))
}

/// The public page a calendar entry links to.
pub fn public_page(context: &MailContext) -> Url {
    context.link("/intervju")
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<business::Model, AppError> {
    business::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn find_by_org_number(
    db: &impl ConnectionTrait,
    org_number: &str,
) -> Result<Option<business::Model>, AppError> {
    Ok(business::Entity::find()
        .filter(business::Column::OrgNumber.eq(org_number))
        .one(db)
        .await?)
}

/// The business a private link opens.
pub async fn find_by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<business::Model>, AppError> {
    Ok(business::Entity::find()
        .filter(business::Column::PrivateTokenHash.eq(SecretToken::hash_of(token)))
        .one(db)
        .await?)
}

/// The slot a business holds, if any.
pub async fn slot_of(
    db: &impl ConnectionTrait,
    business_id: Uuid,
) -> Result<Option<interview_slot::Model>, AppError> {
    Ok(interview_slot::Entity::find()
        .filter(interview_slot::Column::BusinessId.eq(business_id))
        .one(db)
        .await?)
}

pub async fn themes_of(
    db: &impl ConnectionTrait,
    business_id: Uuid,
) -> Result<Vec<Uuid>, AppError> {
    Ok(business_theme::Entity::find()
        .filter(business_theme::Column::BusinessId.eq(business_id))
        .order_by_asc(business_theme::Column::ThemeId)
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.theme_id)
        .collect())
}

pub async fn contact_of(
    db: &impl ConnectionTrait,
    business: &business::Model,
) -> Result<Option<contact::Model>, AppError> {
    let Some(id) = business.contact_id else {
        return Ok(None);
    };
    Ok(contact::Entity::find_by_id(id).one(db).await?)
}

/// The person mails about a business go to, unless erased.
pub struct Person {
    pub name: Option<String>,
    pub email: Email,
    pub contact_id: Uuid,
}

pub(crate) async fn person_of(
    db: &impl ConnectionTrait,
    business: &business::Model,
) -> Result<Option<Person>, AppError> {
    let Some(contact) = contact_of(db, business).await? else {
        return Ok(None);
    };
    let Some(email) = contact.email.as_deref().and_then(|e| Email::parse(e).ok()) else {
        return Ok(None);
    };
    Ok(Some(Person {
        name: contact.name,
        email,
        contact_id: contact.id,
    }))
}

/// Locks a business's row for the rest of the transaction.
pub(crate) async fn lock_business(
    db: &impl ConnectionTrait,
    business_id: Uuid,
) -> Result<(), AppError> {
    let found = lock_where::<business::Entity>(
        db,
        business::Column::UpdatedAt,
        sea_orm::Condition::all().add(business::Column::Id.eq(business_id)),
    )
    .await?;
    if found == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
