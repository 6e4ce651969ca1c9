//! Storing votes and counting them. Votes are only ever added; every count
//! is a GROUP BY in the database, so 100,000 votes cost a few hundred rows.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::options::PairOption;
use crate::entities::pairwise_vote::{self, Column, Outcome};
use crate::error::AppError;
use crate::web::Lang;
use crate::web::paging::{self, Page, PageRequest};

/// One answer as the voter sent it.
pub struct NewVote<'a> {
    pub stream_hash: &'a str,
    pub left: Uuid,
    pub right: Uuid,
    pub outcome: Outcome,
    pub language: Lang,
}

/// The pair sent is not two different options now shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAPair;

/// Stores a vote if its pair is two different options of `shown`.
pub async fn record(
    db: &impl ConnectionTrait,
    shown: &[PairOption],
    vote: NewVote<'_>,
) -> Result<Result<(), NotAPair>, AppError> {
    let known = |id: Uuid| shown.iter().any(|o| o.id == id);
    if vote.left == vote.right || !known(vote.left) || !known(vote.right) {
        return Ok(Err(NotAPair));
    }
    pairwise_vote::Entity::insert(pairwise_vote::ActiveModel {
        id: Set(Uuid::now_v7()),
        stream_hash: Set(vote.stream_hash.to_owned()),
        left_id: Set(vote.left),
        right_id: Set(vote.right),
        outcome: Set(vote.outcome),
        language: Set(vote.language.code().to_owned()),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(Ok(()))
}

/// How many answers a stream has given, "can't decide" included.
pub async fn stream_count(db: &impl ConnectionTrait, stream_hash: &str) -> Result<u64, AppError> {
    Ok(pairwise_vote::Entity::find()
        .filter(Column::StreamHash.eq(stream_hash))
        .count(db)
        .await?)
}

/// The pair a stream answered last, so it is not asked again straight away.
pub async fn last_pair(
    db: &impl ConnectionTrait,
    stream_hash: &str,
) -> Result<Option<(Uuid, Uuid)>, AppError> {
    Ok(pairwise_vote::Entity::find()
        .filter(Column::StreamHash.eq(stream_hash))
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .one(db)
        .await?
        .map(|vote| (vote.left_id, vote.right_id)))
}

/// How many votes went one way for one ordered pair.
#[derive(Clone, Debug, PartialEq, Eq, FromQueryResult)]
pub struct Tally {
    pub left_id: Uuid,
    pub right_id: Uuid,
    pub outcome: Outcome,
    pub n: i64,
}

/// Every vote, counted by pair and outcome.
pub async fn tallies(db: &impl ConnectionTrait) -> Result<Vec<Tally>, AppError> {
    Ok(pairwise_vote::Entity::find()
        .select_only()
        .column(Column::LeftId)
        .column(Column::RightId)
        .column(Column::Outcome)
        .column_as(Column::Id.count(), "n")
        .group_by(Column::LeftId)
        .group_by(Column::RightId)
        .group_by(Column::Outcome)
        .into_model::<Tally>()
        .all(db)
        .await?)
}

/// How often each option was in a pair that was answered, skips included:
/// what the choice of pairs evens out.
pub fn appearances(tallies: &[Tally]) -> HashMap<Uuid, u64> {
    let mut shown = HashMap::new();
    for tally in tallies {
        let n = u64::try_from(tally.n).unwrap_or(0);
        *shown.entry(tally.left_id).or_insert(0) += n;
        *shown.entry(tally.right_id).or_insert(0) += n;
    }
    shown
}

/// How many browsers have voted.
pub async fn streams(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    Ok(pairwise_vote::Entity::find()
        .select_only()
        .column(Column::StreamHash)
        .distinct()
        .count(db)
        .await?)
}

/// Every vote, oldest first, for the export.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<pairwise_vote::Model>, AppError> {
    Ok(pairwise_vote::Entity::find()
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}

/// A page of votes, oldest first.
pub async fn page(
    db: &impl ConnectionTrait,
    request: PageRequest,
) -> Result<Page<pairwise_vote::Model>, AppError> {
    let select = pairwise_vote::Entity::find()
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id);
    Ok(paging::fetch(db, select, request).await?)
}
