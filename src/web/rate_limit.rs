//! Rate limits for public forms, counted in the database under hashed keys so
//! every instance sees the same counts and no address is stored in clear.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entities::rate_event::{self, Column};

/// A keyed hash: the secret makes it useless to anyone without the server's key.
pub fn keyed_hash(secret: &[u8], kind: &str, value: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(secret);
    hasher.update(kind.as_bytes());
    hasher.update([0]);
    hasher.update(value.as_bytes());
    hex::encode(hasher.finalize())
}

/// Counts one event under `key` unless `limit` events already fall within
/// `window`; returns whether it was allowed.
pub async fn hit(
    db: &impl ConnectionTrait,
    key: &str,
    window: TimeDelta,
    limit: u64,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    let recent = rate_event::Entity::find()
        .filter(Column::KeyHash.eq(key))
        .filter(Column::CreatedAt.gt(now - window))
        .count(db)
        .await?;
    if recent >= limit {
        return Ok(false);
    }
    rate_event::Entity::insert(rate_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        key_hash: Set(key.to_owned()),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    // Events older than a day count for nothing; clear them now and then.
    if rand::random::<u8>() < 8 {
        rate_event::Entity::delete_many()
            .filter(Column::CreatedAt.lt(now - TimeDelta::days(1)))
            .exec(db)
            .await?;
    }
    Ok(true)
}

/// How long until the oldest event of `key` in the window expires, and a
/// new one would be allowed.
pub async fn retry_after(
    db: &impl ConnectionTrait,
    key: &str,
    window: TimeDelta,
) -> Result<std::time::Duration, DbErr> {
    let now = Utc::now();
    let oldest = rate_event::Entity::find()
        .filter(Column::KeyHash.eq(key))
        .filter(Column::CreatedAt.gt(now - window))
        .order_by_asc(Column::CreatedAt)
        .one(db)
        .await?;
    Ok(oldest
        .and_then(|event| (event.created_at + window - now).to_std().ok())
        .unwrap_or_default())
}
