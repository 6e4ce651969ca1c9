//! Single-use links for invitations and password resets. The token is only
//! in the mail; the database keeps its SHA-256, so a leaked table opens nothing.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter,
};
use uuid::Uuid;

use crate::domain::SecretToken;
use crate::entities::user_token::{self, Column};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
        }
    }

    /// An invitation waits a week; a reset link is only good for an hour.
    fn lifetime(self) -> TimeDelta {
        match self {
            Purpose::Invite => TimeDelta::days(7),
            Purpose::Reset => TimeDelta::hours(1),
        }
    }
}

/// Creates a token for the user and returns it; earlier unused tokens of the
/// same purpose stop working, so only the newest link counts.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: Purpose,
) -> Result<String, DbErr> {
    let now = Utc::now();
    user_token::Entity::delete_many()
        .filter(Column::UserId.eq(user_id))
        .filter(Column::Purpose.eq(purpose.as_str()))
        .filter(Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let token = SecretToken::generate();
    user_token::Entity::insert(user_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(token.hash()),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(token.into_string())
}

/// The user a valid (unused, unexpired) token belongs to.
pub async fn find_valid(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
) -> Result<Option<user_token::Model>, DbErr> {
    user_token::Entity::find()
        .filter(Column::TokenHash.eq(SecretToken::hash_of(token)))
        .filter(Column::Purpose.eq(purpose.as_str()))
        .filter(Column::UsedAt.is_null())
        .filter(Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await
}

pub async fn mark_used(db: &impl ConnectionTrait, token: user_token::Model) -> Result<(), DbErr> {
    let mut row = token.into_active_model();
    row.used_at = Set(Some(Utc::now()));
    row.update(db).await?;
    Ok(())
}
