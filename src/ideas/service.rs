//! Submitting an idea and what its sender may do through the private link.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel, QueryFilter,
};
use url::Url;
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::SecretToken;
use crate::entities::input::{self, Channel, Status};
use crate::error::AppError;
use crate::ideas::mails;
use crate::inputs::StakeholderGroup;
use crate::inputs::search;
use crate::inputs::submit as submission;
pub use crate::inputs::submit::NewContact;
use crate::inputs::tags;
use crate::mail;
use crate::settings::service::ModerationMode;
use crate::web::Lang;

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

/// The path of an idea's private page.
pub fn private_path(token: &str) -> String {
    format!("/ideer/mine/{token}")
}

/// Stores the idea, its contact, its themes and, when the sender gave an
/// e-mail and `site` (the public base URL) is known, the receipt mail with
/// the private link, all in one transaction. A form sent again with the
/// same idempotency key stores nothing new.
pub async fn submit(
    db: &DatabaseConnection,
    idea: NewIdea,
    mode: ModerationMode,
    site: Option<&Url>,
) -> Result<Receipt, AppError> {
    submission::once(
        idea.idempotency_key.as_deref(),
        async |key| find_by_idempotency_key(db, key).await,
        async || store(db, &idea, mode, site).await,
        async |existing| replayed(db, existing).await,
    )
    .await
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
    let token = SecretToken::generate();
    let (id, status) = (existing.id, existing.status);
    let mut row = existing.into_active_model();
    row.private_token_hash = Set(Some(token.hash()));
    row.update(db).await?;
    Ok(Receipt {
        id,
        token: Some(token.into_string()),
        status,
    })
}

async fn store(
    db: &DatabaseConnection,
    idea: &NewIdea,
    mode: ModerationMode,
    site: Option<&Url>,
) -> Result<Receipt, AppError> {
    let now = Utc::now();
    let token = SecretToken::generate();
    let status = match mode {
        ModerationMode::Pre => Status::Pending,
        ModerationMode::Post => Status::Published,
    };
    let txn = crate::db::begin(db).await?;
    let contact_id = submission::store_contact(&txn, idea.contact.as_ref()).await?;
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
        private_token_hash: Set(Some(token.hash())),
        idempotency_key: Set(idea.idempotency_key.clone()),
    })
    .exec_without_returning(&txn)
    .await?;
    search::store(&txn, id, Some(&idea.title), &idea.body).await?;
    tags::set_manual(&txn, id, &idea.themes).await?;
    let email = idea
        .contact
        .as_ref()
        .and_then(|contact| contact.email.as_ref());
    if let (Some(email), Some(site)) = (email, site) {
        let link = site
            .join(private_path(token.expose()).trim_start_matches('/'))
            .map_err(|err| AppError::unexpected("building the private link", err))?;
        let mut programme = crate::settings::service::current(&txn).await?;
        programme.moderation_mode = mode;
        let mut mail = mails::confirmation(idea.language, &programme, &idea.title, email, &link);
        if let Some(contact_id) = contact_id {
            mail = mail.for_contact(contact_id);
        }
        mail::enqueue(&txn, mail).await?;
    }
    txn.commit().await?;
    Ok(Receipt {
        id,
        token: Some(token.into_string()),
        status,
    })
}

/// The idea a form with this idempotency key stored, if any.
pub async fn find_by_idempotency_key(
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
        .filter(input::Column::PrivateTokenHash.eq(SecretToken::hash_of(token)))
        .filter(input::Column::Channel.eq(Channel::Idea))
        .one(db)
        .await?)
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
    let txn = crate::db::begin(db).await?;
    // The status is checked in the UPDATE itself: an edit racing a facilitator's
    // publish either lands before it (and is what gets published) or not at all.
    let search_title = edit.title.clone();
    let search_body = edit.body.clone();
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
    search::store(&txn, idea.id, Some(&search_title), &search_body).await?;
    tags::set_manual(&txn, idea.id, &edit.themes).await?;
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
    let txn = crate::db::begin(db).await?;
    let id = idea.id;
    let contact_id = idea.contact_id;
    let mut row = idea.into_active_model();
    row.status = Set(Status::Withdrawn);
    row.contact_id = Set(None);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    if let Some(contact_id) = contact_id {
        submission::erase_contact(&txn, contact_id).await?;
    }
    audit::record(&txn, Entry::new(None, "idea.withdraw").on("input", id)).await?;
    txn.commit().await?;
    Ok(())
}
