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

/// Records an event for `key` and says whether it is within `limit` events
/// per `window`. An event over the limit is not recorded.
///
/// The event is written first and counted after: two requests racing for
/// the last place cannot both see room, because whichever counts second
/// sees the other's row (in a race both may be refused, never both let in).
/// Call it outside a transaction, so each write is seen at once.
pub async fn hit(
    db: &impl ConnectionTrait,
    key: &str,
    window: TimeDelta,
    limit: u64,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    rate_event::Entity::insert(rate_event::ActiveModel {
        id: Set(id),
        key_hash: Set(key.to_owned()),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    let recent = rate_event::Entity::find()
        .filter(Column::KeyHash.eq(key))
        .filter(Column::CreatedAt.gt(now - window))
        .count(db)
        .await?;
    if recent > limit {
        rate_event::Entity::delete_by_id(id).exec(db).await?;
        return Ok(false);
    }
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
