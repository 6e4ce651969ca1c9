//! API tokens: creating, listing, revoking and checking them. No HTTP here.
//!
//! A token is shown once when it is made; only its SHA-256 is stored (see
//! `SecretToken`), so a leaked database does not leak working tokens.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::SecretToken;
use crate::entities::{api_token, user};
use crate::error::AppError;

/// Marks our tokens, so secret scanners and people can recognise one.
const TOKEN_PREFIX: &str = "inn_";
/// How much of a token the list shows: the marker and a few random characters.
const SHOWN_PREFIX_LEN: usize = 10;
/// Longest token name an admin may give.
pub const MAX_NAME_LEN: usize = 100;
/// `last_used_at` is refreshed at most this often, so a busy integration does
/// not turn every read into a write.
const LAST_USED_GRANULARITY: Duration = Duration::minutes(1);

/// A fresh token: the marker and 32 random bytes in URL-safe base64.
fn generate() -> SecretToken {
    SecretToken::generate_with_prefix(TOKEN_PREFIX)
}

/// What is stored for an API token: the SHA-256 of the whole text, marker
/// included. Kept under this name because tests look rows up with it.
pub fn hash(token: &str) -> String {
    SecretToken::hash_of(token)
}

/// Creates a token for `owner` and records who did it; returns the row and
/// the token itself, which exists nowhere else from then on.
pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: Option<Uuid>,
    owner: &user::Model,
    name: &str,
) -> Result<(api_token::Model, String), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_LEN {
        return Err(AppError::Validation("token name".into()));
    }
    let token = generate();
    let row = api_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(owner.id),
        name: Set(name.to_owned()),
        token_hash: Set(token.hash()),
        prefix: Set(token.expose().chars().take(SHOWN_PREFIX_LEN).collect()),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
    };
    let txn = crate::db::begin(db).await?;
    let row = api_token::Entity::insert(row)
        .exec_with_returning(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(actor, "api_token.create")
            .on("api_token", row.id)
            .details(format!("{} ({}) for {}", row.name, row.prefix, owner.email)),
    )
    .await?;
    txn.commit().await?;
    Ok((row, token.into_string()))
}

/// Every token, newest first, with its owner.
pub async fn list(
    db: &impl ConnectionTrait,
) -> Result<Vec<(api_token::Model, Option<user::Model>)>, AppError> {
    Ok(api_token::Entity::find()
        .find_also_related(user::Entity)
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?)
}

/// Revokes a token; revoking one twice keeps the first time. Unknown id: not found.
pub async fn revoke(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: Option<Uuid>,
    id: Uuid,
) -> Result<api_token::Model, AppError> {
    let txn = crate::db::begin(db).await?;
    let row = api_token::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.revoked_at.is_some() {
        return Ok(row);
    }
    let mut active: api_token::ActiveModel = row.into();
    active.revoked_at = Set(Some(Utc::now()));
    let row = active.update(&txn).await?;
    audit::record(
        &txn,
        Entry::new(actor, "api_token.revoke")
            .on("api_token", row.id)
            .details(format!("{} ({})", row.name, row.prefix)),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// The owner of a valid token: not revoked, and the owner still enabled.
/// Marks the token as used.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(api_token::Model, user::Model)>, AppError> {
    // Only well-formed tokens reach the database.
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 100 {
        return Ok(None);
    }
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(SecretToken::hash_of(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let Some((row, Some(owner))) = found else {
        return Ok(None);
    };
    if owner.disabled {
        return Ok(None);
    }
    let now = Utc::now();
    let stale = row
        .last_used_at
        .is_none_or(|used| now - used >= LAST_USED_GRANULARITY);
    if stale {
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::LastUsedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(api_token::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    Ok(Some((row, owner)))
}

/// Accounts a token may be made for: every enabled user, by name.
pub async fn possible_owners(db: &impl ConnectionTrait) -> Result<Vec<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Email)
        .all(db)
        .await?)
}

/// The user with this e-mail address, for the command line.
pub async fn user_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_marked_random_and_hashed_to_hex() {
        let a = generate().into_string();
        let b = generate().into_string();
        assert_ne!(a, b);
        assert!(a.starts_with("inn_"));
        // 32 bytes are 43 base64 characters without padding.
        assert_eq!(a.len(), 4 + 43);
        assert!(
            a[4..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        let digest = hash(&a);
        assert_eq!(digest.len(), 64);
        assert_ne!(digest, a);
        assert_eq!(digest, hash(&a));
    }
}
