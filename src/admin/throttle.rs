//! Slowing down password guessing: failed sign-ins are counted per account
//! and per client address (both hashed) in the database, so every instance
//! behind a load balancer sees the same count.

use std::time::Duration;

use crate::web::rate_limit::keyed_hash;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use crate::entities::sign_in_failure::{self, Column};

/// Failures are counted over this window.
pub const WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(15);
/// From this many failures on, every attempt waits before it is answered.
pub const SLOW_AFTER: u64 = 3;
/// From this many failures from one address (or for one account from one
/// address), attempts are refused until the window has passed.
pub const REFUSE_AFTER: u64 = 10;
/// From this many failures for one account from anywhere, it is refused too.
/// Higher than `REFUSE_AFTER`, so that a stranger cannot lock a colleague out
/// with a handful of wrong passwords, yet guessing spread over many
/// addresses still stops.
pub const ACCOUNT_REFUSE_AFTER: u64 = 50;

// Keyed hashes: without the server's key, a table of them reveals neither
// the e-mail addresses nor the IP addresses they were made from.
pub fn account_key(hash_key: &[u8], email: &str) -> String {
    keyed_hash(hash_key, "sign-in-account", &email.trim().to_lowercase())
}

pub fn address_key(hash_key: &[u8], address: &str) -> String {
    keyed_hash(hash_key, "sign-in-address", address)
}

/// One account tried from one address.
pub fn pair_key(hash_key: &[u8], email: &str, address: &str) -> String {
    keyed_hash(
        hash_key,
        "sign-in-pair",
        &format!("{}|{address}", email.trim().to_lowercase()),
    )
}

/// The keys one sign-in attempt is counted under.
pub struct Keys {
    pub account: String,
    pub address: String,
    pub pair: String,
}

impl Keys {
    pub fn new(hash_key: &[u8], email: &str, address: &str) -> Self {
        Self {
            account: account_key(hash_key, email),
            address: address_key(hash_key, address),
            pair: pair_key(hash_key, email, address),
        }
    }

    fn all(&self) -> [&str; 3] {
        [&self.account, &self.address, &self.pair]
    }
}

/// What to do with the next attempt under these keys.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Answer, but only after this pause.
    Delay(Duration),
    Refuse,
}

pub async fn check(db: &impl ConnectionTrait, keys: &Keys) -> Result<Verdict, DbErr> {
    let since = Utc::now() - WINDOW;
    let count = |key: &str| {
        sign_in_failure::Entity::find()
            .filter(Column::KeyHash.eq(key.to_owned()))
            .filter(Column::CreatedAt.gt(since))
            .count(db)
    };
    let account = count(&keys.account).await?;
    let local = count(&keys.address).await?.max(count(&keys.pair).await?);
    let worst = account.max(local);
    Ok(
        if local >= REFUSE_AFTER || account >= ACCOUNT_REFUSE_AFTER {
            Verdict::Refuse
        } else if worst >= SLOW_AFTER {
            // Grows with each failure: 1 s, 2 s, ... up to 5 s.
            Verdict::Delay(Duration::from_secs((worst - SLOW_AFTER + 1).min(5)))
        } else {
            Verdict::Allow
        },
    )
}

/// Counts an attempt as a failure until it proves otherwise; returns the rows
/// to `forget` when it succeeds.
pub async fn record_attempt(db: &impl ConnectionTrait, keys: &Keys) -> Result<Vec<Uuid>, DbErr> {
    let mut ids = Vec::new();
    let now = Utc::now();
    for key in keys.all() {
        let id = Uuid::now_v7();
        sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
            id: Set(id),
            key_hash: Set(key.to_owned()),
            created_at: Set(now),
        })
        .exec(db)
        .await?;
        ids.push(id);
    }
    // Old rows say nothing any more; clear them while we are here.
    sign_in_failure::Entity::delete_many()
        .filter(Column::CreatedAt.lt(now - WINDOW))
        .exec(db)
        .await?;
    Ok(ids)
}

/// Takes back the rows of an attempt that succeeded.
pub async fn forget(db: &impl ConnectionTrait, attempt: &[Uuid]) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_many()
        .filter(Column::Id.is_in(attempt.to_vec()))
        .exec(db)
        .await?;
    Ok(())
}

/// Counts one failure under each of `keys` (tests use it to set the scene).
pub async fn record(db: &impl ConnectionTrait, keys: &[&str]) -> Result<(), DbErr> {
    let now = Utc::now();
    for key in keys {
        sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
            id: Set(Uuid::now_v7()),
            key_hash: Set((*key).to_owned()),
            created_at: Set(now),
        })
        .exec(db)
        .await?;
    }
    // Old rows say nothing any more; clear them while we are here.
    sign_in_failure::Entity::delete_many()
        .filter(Column::CreatedAt.lt(now - WINDOW))
        .exec(db)
        .await?;
    Ok(())
}

/// A successful sign-in clears the account's counts (not the address's).
pub async fn clear(db: &impl ConnectionTrait, keys: &Keys) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_many()
        .filter(Column::KeyHash.is_in([keys.account.clone(), keys.pair.clone()]))
        .exec(db)
        .await?;
    Ok(())
}
