//! Storing a response: one row with every answer, and an input (channel
//! `survey`) for each free-text answer that should reach tagging, all in one
//! transaction, so a response the page acknowledged is whole.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use crate::entities::input::Channel;
use crate::entities::survey_response;
use crate::error::AppError;
use crate::inputs::{StakeholderGroup, staff, submit};
use crate::surveys::model::{Answer, Answers, Role, Survey};
use crate::web::Lang;

/// A response ready to store.
#[derive(Clone, Debug)]
pub struct NewResponse {
    pub answers: Answers,
    pub language: Lang,
    pub kiosk: bool,
    pub idempotency_key: Option<String>,
    /// When it was given; now, except in demos and imports.
    pub submitted_at: DateTime<Utc>,
}

/// Why a response was not stored.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The survey is a draft, closed, or outside its dates.
    NotOpen,
}

/// The stakeholder group the answers give, if the survey asks it.
pub fn group_of(survey: &Survey, answers: &Answers) -> Option<StakeholderGroup> {
    let question = survey.question_by_role(Role::StakeholderGroup)?;
    match answers.get(&question.id)? {
        Answer::Choice { code, .. } => StakeholderGroup::parse(code),
        _ => None,
    }
}

/// Stores the response; a form sent twice with one key stores it once and
/// returns the first response's id.
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    survey: &Survey,
    new: NewResponse,
) -> Result<Result<Uuid, Refusal>, AppError> {
    if !survey.is_open(new.submitted_at) {
        return Ok(Err(Refusal::NotOpen));
    }
    let key = new.idempotency_key.clone();
    submit::once(
        key.as_deref(),
        async |key: &str| {
            Ok(survey_response::Entity::find()
                .filter(survey_response::Column::IdempotencyKey.eq(key))
                .one(db)
                .await?
                .map(|row| row.id))
        },
        async || store(db, survey, new).await.map(Ok),
        async |id| Ok(Ok(id)),
    )
    .await
}

async fn store<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    survey: &Survey,
    new: NewResponse,
) -> Result<Uuid, AppError> {
    let group = group_of(survey, &new.answers);
    let txn = crate::db::begin(db).await?;
    let mut answers = new.answers;
    for question in survey.asked().filter(|q| q.as_input) {
        if let Some(Answer::Text { text, input }) = answers.get_mut(&question.id) {
            *input = Some(
                staff::insert(
                    &txn,
                    staff::StaffInput {
                        channel: Channel::Survey,
                        body: text,
                        group: group.unwrap_or(StakeholderGroup::Other),
                        language: new.language,
                        themes: &[],
                        idempotency_key: None,
                    },
                )
                .await?,
            );
        }
    }
    let id = Uuid::now_v7();
    survey_response::Entity::insert(survey_response::ActiveModel {
        id: Set(id),
        survey_id: Set(survey.id),
        answers: Set(serde_json::to_string(&answers)
            .map_err(|e| AppError::unexpected("answers as JSON", e))?),
        stakeholder_group: Set(group.map(|g| g.code().to_owned())),
        language: Set(new.language.code().to_owned()),
        kiosk: Set(new.kiosk),
        idempotency_key: Set(new.idempotency_key),
        submitted_at: Set(new.submitted_at),
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// A stored response with its answers read.
#[derive(Clone, Debug)]
pub struct StoredResponse {
    pub id: Uuid,
    pub answers: Answers,
    pub stakeholder_group: Option<String>,
    pub language: String,
    pub kiosk: bool,
    pub submitted_at: DateTime<Utc>,
}

impl StoredResponse {
    pub fn from_row(row: survey_response::Model) -> StoredResponse {
        StoredResponse {
            id: row.id,
            answers: serde_json::from_str(&row.answers).unwrap_or_default(),
            stakeholder_group: row.stakeholder_group,
            language: row.language,
            kiosk: row.kiosk,
            submitted_at: row.submitted_at,
        }
    }
}

/// Every response to a survey, oldest first, optionally of one stakeholder group.
pub async fn all(
    db: &impl ConnectionTrait,
    survey_id: Uuid,
    group: Option<StakeholderGroup>,
) -> Result<Vec<StoredResponse>, AppError> {
    let mut query =
        survey_response::Entity::find().filter(survey_response::Column::SurveyId.eq(survey_id));
    if let Some(group) = group {
        query = query.filter(survey_response::Column::StakeholderGroup.eq(group.code()));
    }
    Ok(query
        .order_by_asc(survey_response::Column::SubmittedAt)
        .order_by_asc(survey_response::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(StoredResponse::from_row)
        .collect())
}
