//! Storing demo ideas in bulk: rows for the inputs, their theme tags and
//! their supports are gathered per batch and written with multi-row INSERTs,
//! which is what makes 100,000 ideas take seconds rather than many minutes
//! of one-row statements.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rand::RngExt;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    Iterable,
};
use uuid::Uuid;

use super::compose::{Draft, random_group};
use super::schedule::support_time;
use crate::entities::input::{self, Channel, Status};
use crate::entities::input_theme::{self, Origin};
use crate::entities::support;

/// SQLite's default limit on bound parameters in one statement (PostgreSQL
/// allows 65,535), so one limit serves both.
const MAX_BIND_PARAMETERS: usize = 32_766;
/// Ideas gathered before they are written: about 5,600 supports, so each
/// table takes one or two statements per batch. Fewer, larger statements
/// matter on PostgreSQL over TCP, where each large one waits some 40 ms on
/// delayed ACKs (sqlx 0.9.0 leaves Nagle's algorithm on): 1,000 rows per
/// statement took 38 s for 100,000 ideas, filling the bind limit much less.
pub const IDEAS_PER_BATCH: usize = 1_500;

/// One idea with everything that is stored with it.
pub struct Planned {
    pub draft: Draft,
    pub created_at: DateTime<Utc>,
    pub published_at: DateTime<Utc>,
    pub supports: usize,
}

/// Rows waiting to be written.
#[derive(Default)]
pub struct Batch {
    inputs: Vec<input::ActiveModel>,
    tags: Vec<input_theme::ActiveModel>,
    supports: Vec<support::ActiveModel>,
}

impl Batch {
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// Adds an idea, tagged with those of its themes in `theme_ids`, with its
    /// supports from distinct browsers and addresses.
    pub fn push(
        &mut self,
        idea: Planned,
        theme_ids: &HashMap<String, Uuid>,
        now: DateTime<Utc>,
        rng: &mut impl rand::Rng,
    ) {
        let Planned {
            draft,
            created_at,
            published_at,
            supports,
        } = idea;
        let id = time_ordered_id(created_at, rng);
        let mut tagged = Vec::new();
        for theme_id in draft.themes.iter().filter_map(|slug| theme_ids.get(slug)) {
            if tagged.contains(theme_id) {
                continue;
            }
            tagged.push(*theme_id);
            self.tags.push(input_theme::ActiveModel {
                input_id: Set(id),
                theme_id: Set(*theme_id),
                origin: Set(Origin::Manual),
                confidence: Set(None),
                created_at: Set(created_at),
            });
        }
        for _ in 0..supports {
            let at = support_time(published_at, now, rng);
            self.supports.push(support::ActiveModel {
                id: Set(time_ordered_id(at, rng)),
                input_id: Set(id),
                browser_hash: Set(random_hash(rng)),
                address_hash: Set(random_hash(rng)),
                created_at: Set(at),
            });
        }
        self.inputs.push(input::ActiveModel {
            id: Set(id),
            channel: Set(Channel::Idea),
            title: Set(Some(draft.title)),
            body: Set(draft.body),
            stakeholder_group: Set(random_group(rng).code().to_owned()),
            status: Set(Status::Published),
            language: Set(draft.language.code().to_owned()),
            contact_id: Set(None),
            created_at: Set(created_at),
            updated_at: Set(published_at),
            location: Set(draft.location),
            support_count: Set(i32::try_from(supports).unwrap_or(i32::MAX)),
            merged_into_id: Set(None),
            moderation_note: Set(None),
            published_at: Set(Some(published_at)),
            // No one holds a private link to a demo idea, and none was sent twice.
            private_token_hash: Set(None),
            idempotency_key: Set(None),
        });
    }

    /// Writes the rows, inputs first for the foreign keys, and empties the batch.
    pub async fn write(&mut self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        insert_chunked(db, std::mem::take(&mut self.inputs)).await?;
        insert_chunked(db, std::mem::take(&mut self.tags)).await?;
        insert_chunked(db, std::mem::take(&mut self.supports)).await?;
        Ok(())
    }
}

/// Inserts `rows` with as many rows per statement as the bind limit allows.
async fn insert_chunked<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
    let per_insert = (MAX_BIND_PARAMETERS / columns).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per_insert).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// A UUIDv7 for a row made at `at`, so ids sort like the demo's history
/// does, and its random part from `rng`, so a seeded run repeats itself.
fn time_ordered_id(at: DateTime<Utc>, rng: &mut impl rand::Rng) -> Uuid {
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(millis, &rng.random()).into_uuid()
}

/// A stand-in for the keyed hashes a real support stores: unique, and
/// matching no real browser or address.
fn random_hash(rng: &mut impl rand::Rng) -> String {
    hex::encode(rng.random::<[u8; 32]>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_insert_stays_within_the_bind_limit() {
        for columns in [
            input::Column::iter().count(),
            input_theme::Column::iter().count(),
            support::Column::iter().count(),
        ] {
            let rows = (MAX_BIND_PARAMETERS / columns).max(1);
            assert!(rows * columns <= MAX_BIND_PARAMETERS);
            assert!(
                rows >= IDEAS_PER_BATCH,
                "{columns} columns give {rows} rows"
            );
        }
    }
}
