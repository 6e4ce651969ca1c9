//! The interview record: answers per guide question, a summary, the
//! expected change in employees, and findings. Each finding is an input
//! (channel `interview`) tied to the interview and the business, so tagging
//! and prioritisation see it beside ideas and workshop notes.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::entities::business::{self, Status as BusinessStatus};
use crate::entities::input::{self, Channel};
use crate::entities::interview::{self, Status};
use crate::entities::{interview_answer, interview_finding, interview_question};
use crate::error::AppError;
use crate::inputs::staff::{self, StaffInput};
use crate::inputs::{StakeholderGroup, search, tags};
use crate::web::Lang;

use super::*;

/// The longest answer or finding, in characters.
pub const TEXT_MAX: usize = 5000;

/// The business's interview record, made (as a draft) the first time it is
/// opened. Two facilitators opening it at once get the same one.
pub async fn record_for(
    db: &DatabaseConnection,
    business_id: Uuid,
    by: Uuid,
) -> Result<interview::Model, AppError> {
    if let Some(record) = record_of(db, business_id).await? {
        return Ok(record);
    }
    find(db, business_id).await?;
    let now = Utc::now();
    let inserted = interview::Entity::insert(interview::ActiveModel {
        id: Set(Uuid::now_v7()),
        business_id: Set(business_id),
        interviewer_id: Set(Some(by)),
        held_at: Set(None),
        status: Set(Status::Draft),
        summary: Set(None),
        employee_change: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await;
    match inserted {
        Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => {}
        Err(err) => match AppError::from(err) {
            AppError::Conflict(_) => {}
            other => return Err(other),
        },
    }
    record_of(db, business_id).await?.ok_or(AppError::NotFound)
}

pub async fn record_of(
    db: &impl ConnectionTrait,
    business_id: Uuid,
) -> Result<Option<interview::Model>, AppError> {
    Ok(interview::Entity::find()
        .filter(interview::Column::BusinessId.eq(business_id))
        .one(db)
        .await?)
}

pub async fn find_record(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<interview::Model, AppError> {
    interview::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn answers(
    db: &impl ConnectionTrait,
    interview_id: Uuid,
) -> Result<Vec<interview_answer::Model>, AppError> {
    Ok(interview_answer::Entity::find()
        .filter(interview_answer::Column::InterviewId.eq(interview_id))
        .all(db)
        .await?)
}

/// What a facilitator typed into the record.
#[derive(Clone, Debug, Default)]
pub struct RecordInput {
    /// Answer per question id; an empty answer removes the one stored.
    pub answers: Vec<(Uuid, String)>,
    pub summary: Option<String>,
    pub employee_change: Option<i32>,
    pub held_at: Option<DateTime<Utc>>,
}

/// Saves the record. Answers keep the question's words as they were when
/// answered; a question id not in the guide is passed over.
pub async fn save_record(
    db: &DatabaseConnection,
    interview_id: Uuid,
    input: &RecordInput,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let record = find_record(&txn, interview_id).await?;
    lock_business(&txn, record.business_id).await?;
    let now = Utc::now();
    for (question_id, answer) in &input.answers {
        let answer = answer.trim();
        interview_answer::Entity::delete_many()
            .filter(interview_answer::Column::InterviewId.eq(interview_id))
            .filter(interview_answer::Column::QuestionId.eq(*question_id))
            .exec(&txn)
            .await?;
        if answer.is_empty() {
            continue;
        }
        let Some(question) = interview_question::Entity::find_by_id(*question_id)
            .one(&txn)
            .await?
        else {
            continue;
        };
        interview_answer::Entity::insert(interview_answer::ActiveModel {
            interview_id: Set(interview_id),
            question_id: Set(question.id),
            question: Set(question.text),
            answer: Set(answer.to_owned()),
            updated_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
    }
    interview::Entity::update_many()
        .col_expr(
            interview::Column::Summary,
            Expr::value(input.summary.clone().filter(|s| !s.trim().is_empty())),
        )
        .col_expr(
            interview::Column::EmployeeChange,
            Expr::value(input.employee_change),
        )
        .col_expr(
            interview::Column::HeldAt,
            Expr::value(input.held_at.or(record.held_at)),
        )
        .col_expr(interview::Column::UpdatedAt, Expr::value(now))
        .filter(interview::Column::Id.eq(interview_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.record_save").on("interview", interview_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Marks the interview held: the record complete, the business interviewed.
pub async fn complete(
    db: &DatabaseConnection,
    interview_id: Uuid,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let record = find_record(&txn, interview_id).await?;
    lock_business(&txn, record.business_id).await?;
    let now = Utc::now();
    let held_at = match record.held_at {
        Some(at) => at,
        None => slot_of(&txn, record.business_id)
            .await?
            .map_or(now, |slot| slot.starts_at),
    };
    interview::Entity::update_many()
        .col_expr(interview::Column::Status, Expr::value(Status::Completed))
        .col_expr(interview::Column::HeldAt, Expr::value(held_at))
        .col_expr(interview::Column::UpdatedAt, Expr::value(now))
        .filter(interview::Column::Id.eq(interview_id))
        .exec(&txn)
        .await?;
    business::Entity::update_many()
        .col_expr(
            business::Column::Status,
            Expr::value(BusinessStatus::Interviewed),
        )
        .col_expr(business::Column::UpdatedAt, Expr::value(now))
        .filter(business::Column::Id.eq(record.business_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.complete").on("interview", interview_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// One finding: its input and its tags.
#[derive(Clone, Debug)]
pub struct Finding {
    pub input: input::Model,
    pub tags: Vec<tags::Tag>,
}

/// Records a finding as an input tagged with `themes`; returns its id.
pub async fn add_finding(
    db: &DatabaseConnection,
    interview_id: Uuid,
    text: &str,
    themes: &[Uuid],
    language: Lang,
    by: Uuid,
) -> Result<Uuid, AppError> {
    let txn = crate::db::begin(db).await?;
    let record = find_record(&txn, interview_id).await?;
    lock_business(&txn, record.business_id).await?;
    let id = staff::insert(
        &txn,
        StaffInput {
            channel: Channel::Interview,
            body: text.trim(),
            group: StakeholderGroup::BusinessOwner,
            language,
            themes,
            idempotency_key: None,
        },
    )
    .await?;
    interview_finding::Entity::insert(interview_finding::ActiveModel {
        input_id: Set(id),
        interview_id: Set(interview_id),
        business_id: Set(record.business_id),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.finding_add")
            .on("input", id)
            .details(format!("interview={interview_id}")),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// The findings of an interview, oldest first.
pub async fn findings(
    db: &impl ConnectionTrait,
    interview_id: Uuid,
) -> Result<Vec<Finding>, AppError> {
    let rows = interview_finding::Entity::find()
        .filter(interview_finding::Column::InterviewId.eq(interview_id))
        .find_also_related(input::Entity)
        .order_by_asc(interview_finding::Column::InputId)
        .all(db)
        .await?;
    let inputs: Vec<input::Model> = rows.into_iter().filter_map(|(_, input)| input).collect();
    let ids: Vec<Uuid> = inputs.iter().map(|input| input.id).collect();
    let mut tags = tags::tags_of(db, &ids).await?;
    Ok(inputs
        .into_iter()
        .map(|input| Finding {
            tags: tags.remove(&input.id).unwrap_or_default(),
            input,
        })
        .collect())
}

/// Removes a finding (a slip of the pen): its input goes with its tags.
pub async fn delete_finding(
    db: &DatabaseConnection,
    interview_id: Uuid,
    input_id: Uuid,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let found = interview_finding::Entity::find_by_id(input_id)
        .filter(interview_finding::Column::InterviewId.eq(interview_id))
        .one(&txn)
        .await?;
    if found.is_none() {
        return Err(AppError::NotFound);
    }
    search::remove(&txn, input_id).await?;
    input::Entity::delete_by_id(input_id).exec(&txn).await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.finding_delete").on("input", input_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
