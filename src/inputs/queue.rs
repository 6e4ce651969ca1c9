//! The moderation queue of a channel: a page of its inputs by status, and
//! how many there are in each status.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::input::{self, Channel, Status};
use crate::error::AppError;
use crate::inputs::{STATUSES, status_code};
use crate::web::paging::{self, Page, PageRequest};

/// Inputs on one page of the queue.
pub const PER_PAGE: u64 = 25;

/// How many inputs have each status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts(Vec<(Status, u64)>);

impl StatusCounts {
    pub fn get(&self, status: Status) -> u64 {
        self.0
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, count)| *count)
            .unwrap_or_default()
    }

    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, count)| count).sum()
    }
}

/// One page of the queue, with the counts for the tabs.
#[derive(Clone, Debug)]
pub struct QueuePage {
    pub inputs: Page<input::Model>,
    pub counts: StatusCounts,
}

/// A page of `channel`'s inputs with `status`, or of all of them with the
/// pending ones first. The pending queue is oldest first, so nothing waits
/// forever; the other lists are newest first.
pub async fn queue(
    db: &impl ConnectionTrait,
    channel: Channel,
    status: Option<Status>,
    page: PageRequest,
) -> Result<QueuePage, AppError> {
    let mut query = input::Entity::find().filter(input::Column::Channel.eq(channel));
    query = match status {
        Some(status) => query.filter(input::Column::Status.eq(status)),
        None => query.order_by(
            Expr::expr(Expr::case(input::Column::Status.eq(Status::Pending), 0).finally(1)),
            Order::Asc,
        ),
    };
    query = if matches!(status, None | Some(Status::Pending)) {
        query
            .order_by_asc(input::Column::CreatedAt)
            .order_by_asc(input::Column::Id)
    } else {
        query
            .order_by_desc(input::Column::CreatedAt)
            .order_by_desc(input::Column::Id)
    };
    Ok(QueuePage {
        inputs: paging::fetch(db, query, page).await?,
        counts: counts(db, channel).await?,
    })
}

/// The number of `channel`'s inputs with each status.
pub async fn counts(db: &impl ConnectionTrait, channel: Channel) -> Result<StatusCounts, AppError> {
    let rows: Vec<(String, i64)> = input::Entity::find()
        .select_only()
        .column(input::Column::Status)
        .column_as(input::Column::Id.count(), "count")
        .filter(input::Column::Channel.eq(channel))
        .group_by(input::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(StatusCounts(
        STATUSES
            .into_iter()
            .map(|status| {
                let count = rows
                    .iter()
                    .find(|(code, _)| *code == status_code(status))
                    .map(|(_, count)| u64::try_from(*count).unwrap_or_default())
                    .unwrap_or_default();
                (status, count)
            })
            .collect(),
    ))
}
