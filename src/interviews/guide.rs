//! The interview guide: the questions facilitators ask, each under a topic
//! restructuring programmes ask businesses about. Facilitators edit, reorder
//! and switch questions off; a question is never deleted, so a recorded
//! answer always keeps its question.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::entities::interview_question;
use crate::error::AppError;

/// Topic codes, in the order a guide usually follows.
pub const TOPICS: [&str; 10] = [
    "markets",
    "competence",
    "premises",
    "infrastructure",
    "financing",
    "cooperation",
    "growth",
    "employees",
    "municipality",
    "other",
];

pub fn parse_topic(code: &str) -> Option<&'static str> {
    TOPICS.into_iter().find(|topic| *topic == code)
}

/// The locale key of a topic's name.
pub fn topic_key(code: &str) -> String {
    format!("interviews.topic.{code}")
}

/// A question as a facilitator writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionText {
    pub topic: &'static str,
    pub text: String,
    pub help: Option<String>,
}

/// The guide in order; switched-off questions only when asked for.
pub async fn questions(
    db: &impl ConnectionTrait,
    with_inactive: bool,
) -> Result<Vec<interview_question::Model>, AppError> {
    let mut query = interview_question::Entity::find();
    if !with_inactive {
        query = query.filter(interview_question::Column::Active.eq(true));
    }
    Ok(query
        .order_by_asc(interview_question::Column::Position)
        .order_by_asc(interview_question::Column::Id)
        .all(db)
        .await?)
}

pub async fn add_question(
    db: &DatabaseConnection,
    question: &QuestionText,
    by: Uuid,
) -> Result<Uuid, AppError> {
    let txn = crate::db::begin(db).await?;
    let last = questions(&txn, true)
        .await?
        .last()
        .map_or(0, |question| question.position);
    let now = Utc::now();
    let id = Uuid::now_v7();
    interview_question::Entity::insert(interview_question::ActiveModel {
        id: Set(id),
        position: Set(last + 1),
        topic: Set(question.topic.to_owned()),
        text: Set(question.text.clone()),
        help: Set(question.help.clone()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.question_add").on("interview_question", id),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn update_question(
    db: &DatabaseConnection,
    id: Uuid,
    question: &QuestionText,
    active: bool,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let changed = interview_question::Entity::update_many()
        .col_expr(
            interview_question::Column::Topic,
            Expr::value(question.topic),
        )
        .col_expr(
            interview_question::Column::Text,
            Expr::value(question.text.clone()),
        )
        .col_expr(
            interview_question::Column::Help,
            Expr::value(question.help.clone()),
        )
        .col_expr(interview_question::Column::Active, Expr::value(active))
        .col_expr(
            interview_question::Column::UpdatedAt,
            Expr::value(Utc::now()),
        )
        .filter(interview_question::Column::Id.eq(id))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.question_edit").on("interview_question", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a question one place up (`-1`) or down (`1`) by swapping positions
/// with its neighbour; at either end nothing changes.
pub async fn move_question(
    db: &DatabaseConnection,
    id: Uuid,
    step: i8,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let mut all = questions(&txn, true).await?;
    let Some(index) = all.iter().position(|question| question.id == id) else {
        return Err(AppError::NotFound);
    };
    let Some(other) = index.checked_add_signed(isize::from(step)) else {
        return Ok(());
    };
    if other >= all.len() {
        return Ok(());
    }
    all.swap(index, other);
    // Renumber all, so equal or gapped positions from old data settle.
    for (position, question) in all.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX) + 1;
        if question.position != position {
            interview_question::Entity::update_many()
                .col_expr(interview_question::Column::Position, Expr::value(position))
                .filter(interview_question::Column::Id.eq(question.id))
                .exec(&txn)
                .await?;
        }
    }
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.question_move").on("interview_question", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
