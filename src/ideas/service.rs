//! Submitting an idea and what its sender may do through the private link.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel, QueryFilter, TransactionTrait,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::entities::input::{self, Channel, Status};
use crate::entities::{contact, input_theme, theme};
use crate::error::AppError;
use crate::ideas::StakeholderGroup;
use crate::mail::{self, NewMail};
use crate::settings::service::ModerationMode;
use crate::web::Lang;

/// Who sent it, when they chose to say. An e-mail is only kept with consent.
#[derive(Clone, Debug, Default)]
pub struct NewContact {
    pub name: Option<String>,
    pub email: Option<Email>,
    pub news_opt_in: bool,
}

/// A checked idea, ready to store.
#[derive(Clone, Debug)]
pub struct NewIdea {
    pub title: String,
    pub body: String,
    /// Themes the sender chose; ids that are not active themes are dropped.
    pub themes: Vec<Uuid>,
    pub group: StakeholderGroup,
    pub location: Option<String>,
    pub language: Lang,
    pub contact: Option<NewContact>,
    /// From the form; a second submission with the same key stores nothing new.
    pub idempotency_key: Option<String>,
}

/// What the sender gets back.
#[derive(Clone, Debug)]
pub struct Receipt {
    pub id: Uuid,
    /// The private link's token; None when this was a repeat of an earlier submission.
    pub token: Option<String>,
    pub status: Status,
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Stores the idea, its contact, its themes and (through `confirmation`,
/// which gets the private token) the receipt mail, all in one transaction.
pub async fn submit(
    db: &DatabaseConnection,
    idea: NewIdea,
    mode: ModerationMode,
    confirmation: impl FnOnce(&str) -> Option<NewMail>,
) -> Result<Receipt, AppError> {
    if let Some(key) = &idea.idempotency_key
        && let Some(existing) = find_by_idempotency_key(db, key).await?
    {
        return replayed(db, existing).await;
    }
    match store(db, &idea, mode, confirmation).await {
        // Two identical requests raced; the other one stored it.
        Err(AppError::Conflict(_)) if idea.idempotency_key.is_some() => {
            let key = idea.idempotency_key.as_deref().unwrap_or_default();
            let existing = find_by_idempotency_key(db, key)
                .await?
                .ok_or_else(|| AppError::Conflict("idempotency key".into()))?;
            replayed(db, existing).await
        }
        other => other,
    }
}

/// The receipt for a form sent again. The browser may have dropped the first
/// answer (a double click), and with it the private link; a sender who gave
/// no e-mail would then never get it, so such an idea gets a fresh link. One
/// who gave an e-mail keeps the link the mail already carries.
async fn replayed(db: &DatabaseConnection, existing: input::Model) -> Result<Receipt, AppError> {
    if existing.contact_id.is_some() || existing.status == Status::Withdrawn {
        return Ok(Receipt {
            id: existing.id,
            token: None,
            status: existing.status,
        });
    }
    let token = new_token();
    let (id, status) = (existing.id, existing.status);
    let mut row = existing.into_active_model();
    row.private_token_hash = Set(Some(token_hash(&token)));
    row.update(db).await?;
    Ok(Receipt {
        id,
        token: Some(token),
        status,
    })
}

async fn store(
    db: &DatabaseConnection,
    idea: &NewIdea,
    mode: ModerationMode,
    confirmation: impl FnOnce(&str) -> Option<NewMail>,
) -> Result<Receipt, AppError> {
    let now = Utc::now();
    let token = new_token();
    let status = match mode {
        ModerationMode::Pre => Status::Pending,
        ModerationMode::Post => Status::Published,
    };
    let txn = db.begin().await?;
    let contact_id = match &idea.contact {
        Some(contact) if contact.name.is_some() || contact.email.is_some() => {
            let id = Uuid::now_v7();
            contact::Entity::insert(contact::ActiveModel {
                id: Set(id),
                name: Set(contact.name.clone()),
                email: Set(contact.email.as_ref().map(ToString::to_string)),
                phone: Set(None),
                organisation: Set(None),
                consent_at: Set(contact.email.as_ref().map(|_| now)),
                news_opt_in: Set(contact.news_opt_in && contact.email.is_some()),
                created_at: Set(now),
            })
            .exec(&txn)
            .await?;
            Some(id)
        }
        _ => None,
    };
    let id = Uuid::now_v7();
    input::Entity::insert(input::ActiveModel {
        id: Set(id),
        channel: Set(Channel::Idea),
        title: Set(Some(idea.title.clone())),
        body: Set(idea.body.clone()),
        stakeholder_group: Set(idea.group.code().to_owned()),
        status: Set(status),
        language: Set(idea.language.code().to_owned()),
        contact_id: Set(contact_id),
        created_at: Set(now),
        updated_at: Set(now),
        location: Set(idea.location.clone()),
        support_count: Set(0),
        merged_into_id: Set(None),
        moderation_note: Set(None),
        published_at: Set((status == Status::Published).then_some(now)),
        private_token_hash: Set(Some(token_hash(&token))),
        idempotency_key: Set(idea.idempotency_key.clone()),
    })
    .exec(&txn)
    .await?;
    set_manual_themes(&txn, id, &idea.themes).await?;
    if let Some(mail) = confirmation(&token) {
        mail::enqueue(&txn, mail).await?;
    }
    txn.commit().await?;
    Ok(Receipt {
        id,
        token: Some(token),
        status,
    })
}

/// Replaces the manual theme tags of an input with `themes` (active ones only).
pub async fn set_manual_themes(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    themes: &[Uuid],
) -> Result<(), AppError> {
    input_theme::Entity::delete_many()
        .filter(input_theme::Column::InputId.eq(input_id))
        .filter(input_theme::Column::Origin.eq(input_theme::Origin::Manual))
        .exec(db)
        .await?;
    if themes.is_empty() {
        return Ok(());
    }
    let active: Vec<Uuid> = theme::Entity::find()
        .filter(theme::Column::Id.is_in(themes.to_vec()))
        .filter(theme::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|theme| theme.id)
        .collect();
    let now = Utc::now();
    for theme_id in active {
        input_theme::Entity::insert(input_theme::ActiveModel {
            input_id: Set(input_id),
            theme_id: Set(theme_id),
            origin: Set(input_theme::Origin::Manual),
            confidence: Set(None),
            created_at: Set(now),
        })
        .on_conflict_do_nothing()
        .exec(db)
        .await?;
    }
    Ok(())
}

async fn find_by_idempotency_key(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<input::Model>, AppError> {
    Ok(input::Entity::find()
        .filter(input::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?)
}

/// The idea a private link opens; only ideas, never another channel's input.
pub async fn find_by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<input::Model>, AppError> {
    Ok(input::Entity::find()
        .filter(input::Column::PrivateTokenHash.eq(token_hash(token)))
        .filter(input::Column::Channel.eq(Channel::Idea))
        .one(db)
        .await?)
}

/// Ids of the themes an input is tagged with (any origin).
pub async fn theme_ids(db: &impl ConnectionTrait, input_id: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(input_id))
        .all(db)
        .await?
        .into_iter()
        .map(|tag| tag.theme_id)
        .collect())
}

/// The sender may change their idea until a facilitator has looked at it.
pub fn sender_may_edit(idea: &input::Model) -> bool {
    idea.status == Status::Pending
}

/// What the sender may change.
#[derive(Clone, Debug)]
pub struct SenderEdit {
    pub title: String,
    pub body: String,
    pub location: Option<String>,
    pub themes: Vec<Uuid>,
}

pub async fn edit_by_sender(
    db: &DatabaseConnection,
    idea: input::Model,
    edit: SenderEdit,
) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    let txn = db.begin().await?;
    // The status is checked in the UPDATE itself: an edit racing a facilitator's
    // publish either lands before it (and is what gets published) or not at all.
    let changed = input::Entity::update_many()
        .col_expr(input::Column::Title, Expr::value(Some(edit.title)))
        .col_expr(input::Column::Body, Expr::value(edit.body))
        .col_expr(input::Column::Location, Expr::value(edit.location))
        .col_expr(input::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(input::Column::Id.eq(idea.id))
        .filter(input::Column::Status.eq(Status::Pending))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict("already moderated".into()));
    }
    set_manual_themes(&txn, idea.id, &edit.themes).await?;
    audit::record(
        &txn,
        Entry::new(None, "idea.sender_edit").on("input", idea.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Withdraws the idea and erases the sender's contact details with it,
/// including any copy of their address still waiting in the outbox.
pub async fn withdraw(db: &DatabaseConnection, idea: input::Model) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let id = idea.id;
    let contact_id = idea.contact_id;
    let mut row = idea.into_active_model();
    row.status = Set(Status::Withdrawn);
    row.contact_id = Set(None);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    if let Some(contact_id) = contact_id {
        if let Some(contact) = contact::Entity::find_by_id(contact_id).one(&txn).await?
            && let Some(email) = contact.email
        {
            crate::entities::outbox::Entity::delete_many()
                .filter(crate::entities::outbox::Column::Recipient.eq(email))
                .exec(&txn)
                .await?;
        }
        contact::Entity::delete_by_id(contact_id).exec(&txn).await?;
    }
    audit::record(&txn, Entry::new(None, "idea.withdraw").on("input", id)).await?;
    txn.commit().await?;
    Ok(())
}
