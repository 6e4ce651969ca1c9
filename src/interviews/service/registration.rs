//! Registering a business: one row per organisation number. Registering
//! again with the same number updates that row (and says so), keeping any
//! booked time; the earlier contact is told when the address changed, so a
//! registration cannot be taken over unnoticed.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::{Email, OrgNumber, Phone, SecretToken};
use crate::entities::business::{self, Format, Status};
use crate::entities::{business_theme, contact, theme};
use crate::error::AppError;
use crate::inputs::lock::lock_where;
use crate::inputs::submit;
use crate::interviews::mails;
use crate::mail;
use crate::web::Lang;

use super::*;

/// A registration as the business sent it, checked.
#[derive(Clone, Debug)]
pub struct Registration {
    pub org_number: OrgNumber,
    pub name: String,
    /// SN2025 section letter.
    pub industry: char,
    pub employees: Option<i32>,
    pub size_band: Option<&'static str>,
    pub contact_name: String,
    pub email: Email,
    pub phone: Option<Phone>,
    pub themes: Vec<Uuid>,
    pub message: Option<String>,
    pub format: Format,
    pub language: Lang,
    pub idempotency_key: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    New,
    /// The organisation number was registered before; that row was updated.
    Updated,
}

#[derive(Clone, Debug)]
pub struct Registered {
    pub business_id: Uuid,
    /// The private link's token; None for a form sent again.
    pub token: Option<String>,
    pub outcome: Outcome,
}

/// Stores a registration, its contact person and the receipt mail (with the
/// private link to pick a time) in one transaction.
pub async fn register(
    db: &DatabaseConnection,
    registration: Registration,
    mail_context: Option<&MailContext>,
) -> Result<Registered, AppError> {
    submit::once(
        registration.idempotency_key.as_deref(),
        async |key| {
            Ok(business::Entity::find()
                .filter(business::Column::IdempotencyKey.eq(key))
                .one(db)
                .await?)
        },
        async || store(db, &registration, mail_context).await,
        async |existing: business::Model| {
            Ok(Registered {
                business_id: existing.id,
                token: None,
                outcome: Outcome::New,
            })
        },
    )
    .await
}

async fn store(
    db: &DatabaseConnection,
    registration: &Registration,
    mail_context: Option<&MailContext>,
) -> Result<Registered, AppError> {
    // Two first registrations of one number racing meet at the unique
    // index; the loser tries once more and finds the winner's row.
    match store_once(db, registration, mail_context).await {
        Err(AppError::Conflict(_)) => store_once(db, registration, mail_context).await,
        other => other,
    }
}

async fn store_once(
    db: &DatabaseConnection,
    registration: &Registration,
    mail_context: Option<&MailContext>,
) -> Result<Registered, AppError> {
    let txn = crate::db::begin(db).await?;
    let now = Utc::now();
    let token = SecretToken::generate();
    let employees = registration.employees;
    let size_band = registration
        .size_band
        .or(employees.map(crate::interviews::size::band_of));
    // On PostgreSQL, take the row's strongest lock at once: the update
    // below changes a unique column (the token hash), which needs FOR
    // UPDATE, and upgrading from the weaker lock the touch takes deadlocked
    // when several registrations of one number queued for the row.
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        business::Entity::find()
            .filter(business::Column::OrgNumber.eq(registration.org_number.as_str()))
            .lock_exclusive()
            .one(&txn)
            .await?;
    }
    // Write first, so SQLite takes its write lock before this transaction
    // reads (a read-then-write transaction there fails rather than waits);
    // on PostgreSQL this locks the number's row when there is one.
    lock_where::<business::Entity>(
        &txn,
        business::Column::UpdatedAt,
        sea_orm::Condition::all()
            .add(business::Column::OrgNumber.eq(registration.org_number.as_str())),
    )
    .await?;
    let existing = find_by_org_number(&txn, registration.org_number.as_str()).await?;
    let (id, outcome, earlier) = match existing {
        Some(existing) => {
            let earlier = person_of(&txn, &existing).await?;
            let contact_id = upsert_contact(&txn, existing.contact_id, registration).await?;
            let status = match existing.status {
                // Registering again is asking again.
                Status::Declined => Status::Registered,
                other => other,
            };
            business::Entity::update(business::ActiveModel {
                id: Set(existing.id),
                name: Set(registration.name.clone()),
                industry: Set(registration.industry.to_string()),
                employees: Set(employees),
                size_band: Set(size_band.map(str::to_owned)),
                preferred_format: Set(registration.format),
                message: Set(registration.message.clone()),
                status: Set(status),
                contact_id: Set(Some(contact_id)),
                language: Set(registration.language.code().to_owned()),
                private_token_hash: Set(token.hash()),
                consent_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
            (existing.id, Outcome::Updated, earlier)
        }
        None => {
            let contact_id = upsert_contact(&txn, None, registration).await?;
            let id = Uuid::now_v7();
            business::Entity::insert(business::ActiveModel {
                id: Set(id),
                org_number: Set(registration.org_number.as_str().to_owned()),
                name: Set(registration.name.clone()),
                industry: Set(registration.industry.to_string()),
                employees: Set(employees),
                size_band: Set(size_band.map(str::to_owned)),
                preferred_format: Set(registration.format),
                message: Set(registration.message.clone()),
                status: Set(Status::Registered),
                wants_contact: Set(false),
                contact_id: Set(Some(contact_id)),
                language: Set(registration.language.code().to_owned()),
                private_token_hash: Set(token.hash()),
                idempotency_key: Set(registration.idempotency_key.clone()),
                calendar_sequence: Set(0),
                consent_at: Set(now),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .exec_without_returning(&txn)
            .await?;
            (id, Outcome::New, None)
        }
    };
    set_themes(&txn, id, &registration.themes).await?;
    audit::record(
        &txn,
        Entry::new(
            None,
            match outcome {
                Outcome::New => "business.register",
                Outcome::Updated => "business.update",
            },
        )
        .on("business", id),
    )
    .await?;
    if let Some(context) = mail_context {
        let business = find(&txn, id).await?;
        let link = private_link(context, token.expose());
        let slot = slot_of(&txn, id).await?;
        if let Some(person) = person_of(&txn, &business).await? {
            let lang = registration.language;
            mail::enqueue(
                &txn,
                mails::registered(
                    lang,
                    context,
                    &business,
                    &person,
                    slot.as_ref(),
                    outcome,
                    &link,
                ),
            )
            .await?;
            if let Some(earlier) = earlier.filter(|e| e.email != person.email) {
                mail::enqueue(&txn, mails::taken_over(lang, context, &business, &earlier)).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(Registered {
        business_id: id,
        token: Some(token.into_string()),
        outcome,
    })
}

/// The contact person: the business's row updated, or a new one.
async fn upsert_contact(
    db: &impl ConnectionTrait,
    current: Option<Uuid>,
    registration: &Registration,
) -> Result<Uuid, AppError> {
    let now = Utc::now();
    let values = |id: Uuid| contact::ActiveModel {
        id: Set(id),
        name: Set(Some(registration.contact_name.clone())),
        email: Set(Some(registration.email.to_string())),
        phone: Set(registration.phone.as_ref().map(ToString::to_string)),
        organisation: Set(Some(registration.name.clone())),
        consent_at: Set(Some(now)),
        news_opt_in: Set(false),
        created_at: Set(now),
    };
    if let Some(id) = current
        && contact::Entity::find_by_id(id).one(db).await?.is_some()
    {
        let mut row = values(id);
        row.created_at = sea_orm::ActiveValue::NotSet;
        contact::Entity::update(row).exec(db).await?;
        return Ok(id);
    }
    let id = Uuid::now_v7();
    contact::Entity::insert(values(id))
        .exec_without_returning(db)
        .await?;
    Ok(id)
}

/// Replaces the themes a business wants to talk about (active ones only).
async fn set_themes(
    db: &impl ConnectionTrait,
    business_id: Uuid,
    themes: &[Uuid],
) -> Result<(), AppError> {
    business_theme::Entity::delete_many()
        .filter(business_theme::Column::BusinessId.eq(business_id))
        .exec(db)
        .await?;
    if themes.is_empty() {
        return Ok(());
    }
    let active = theme::Entity::find()
        .filter(theme::Column::Id.is_in(themes.to_vec()))
        .filter(theme::Column::Active.eq(true))
        .all(db)
        .await?;
    for theme in active {
        business_theme::Entity::insert(business_theme::ActiveModel {
            business_id: Set(business_id),
            theme_id: Set(theme.id),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// A facilitator sets where a business stands (declined, say, or back to
/// registered). Interviewed is set by completing the record.
pub async fn set_status(
    db: &DatabaseConnection,
    business_id: Uuid,
    status: Status,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_business(&txn, business_id).await?;
    let business = find(&txn, business_id).await?;
    if business.status == status {
        return Ok(());
    }
    business::Entity::update_many()
        .col_expr(business::Column::Status, Expr::value(status))
        .col_expr(business::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(business::Column::Id.eq(business_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "business.status")
            .on("business", business_id)
            .details(format!("{:?} -> {:?}", business.status, status).to_lowercase()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Erases the contact person of a business (on request, or when the
/// programme no longer needs them). The business, its interview and its
/// findings stay: they are about the business, not the person.
pub async fn erase_contact(
    db: &DatabaseConnection,
    business_id: Uuid,
    by: Option<Uuid>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_business(&txn, business_id).await?;
    let business = find(&txn, business_id).await?;
    if let Some(contact_id) = business.contact_id {
        business::Entity::update_many()
            .col_expr(
                business::Column::ContactId,
                Expr::value(Option::<Uuid>::None),
            )
            .filter(business::Column::Id.eq(business_id))
            .exec(&txn)
            .await?;
        submit::erase_contact(&txn, contact_id).await?;
    }
    audit::record(
        &txn,
        Entry::new(by, "business.erase_contact").on("business", business_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
