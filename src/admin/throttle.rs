//! Slowing down password guessing: failed sign-ins are counted per account
//! and per client address (both hashed) in the database, so every instance
//! behind a load balancer sees the same count.

use std::time::Duration;

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entities::sign_in_failure::{self, Column};

/// Failures are counted over this window.
pub const WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(15);
/// From this many failures on, every attempt waits before it is answered.
pub const SLOW_AFTER: u64 = 3;
/// From this many failures on, attempts are refused until the window has passed.
pub const REFUSE_AFTER: u64 = 10;

pub fn account_key(email: &str) -> String {
    key("account", &email.trim().to_lowercase())
}

pub fn address_key(address: &str) -> String {
    key("address", address)
}

fn key(kind: &str, value: &str) -> String {
    hex::encode(Sha256::digest(format!("{kind}:{value}").as_bytes()))
}

/// What to do with the next attempt under these keys.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Answer, but only after this pause.
    Delay(Duration),
    Refuse,
}

pub async fn check(db: &impl ConnectionTrait, keys: &[String]) -> Result<Verdict, DbErr> {
    let since = Utc::now() - WINDOW;
    let mut worst = 0;
    for key in keys {
        let failures = sign_in_failure::Entity::find()
            .filter(Column::KeyHash.eq(key.as_str()))
            .filter(Column::CreatedAt.gt(since))
            .count(db)
            .await?;
        worst = worst.max(failures);
    }
    Ok(if worst >= REFUSE_AFTER {
        Verdict::Refuse
    } else if worst >= SLOW_AFTER {
        // Grows with each failure: 1 s, 2 s, ... up to 5 s.
        Verdict::Delay(Duration::from_secs((worst - SLOW_AFTER + 1).min(5)))
    } else {
        Verdict::Allow
    })
}

pub async fn record_failure(db: &impl ConnectionTrait, keys: &[String]) -> Result<(), DbErr> {
    let now = Utc::now();
    for key in keys {
        sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
            id: Set(Uuid::now_v7()),
            key_hash: Set(key.clone()),
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

/// A successful sign-in clears the account's count (not the address's).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_many()
        .filter(Column::KeyHash.eq(key))
        .exec(db)
        .await?;
    Ok(())
}
