//! Building a survey: creating it, its sections and questions, publishing,
//! closing and the kiosk link. Every change is one transaction with its
//! audit entry. Once a survey is published, answers may refer to its
//! questions, so questions change only in ways those answers survive
//! (see `edit`).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::SecretToken;
use crate::entities::{survey, survey_question, survey_section};
use crate::error::AppError;
use crate::surveys::model::{Audience, Choice, Kind, Role, SurveyStatus};

/// A new survey's settings.
#[derive(Clone, Debug)]
pub struct NewSurvey {
    pub title: String,
    pub intro: Option<String>,
    pub audience: Audience,
    pub paged: bool,
    pub offer_interview: bool,
}

/// Everything a question is, as a facilitator sets it.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionFields {
    pub kind: Kind,
    pub prompt: String,
    pub help: Option<String>,
    pub required: bool,
    pub options: Vec<Choice>,
    pub allow_other: bool,
    pub scale_low: Option<String>,
    pub scale_high: Option<String>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub role: Option<Role>,
    pub as_input: bool,
}

impl QuestionFields {
    /// A question of `kind` with nothing else set; long texts become inputs.
    pub fn new(kind: Kind, prompt: &str) -> QuestionFields {
        QuestionFields {
            kind,
            prompt: prompt.to_owned(),
            help: None,
            required: false,
            options: Vec::new(),
            allow_other: false,
            scale_low: None,
            scale_high: None,
            min_value: None,
            max_value: None,
            role: None,
            as_input: kind == Kind::LongText,
        }
    }
}

/// Creates a draft survey with one empty section titled `first_section`.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    new: NewSurvey,
    first_section: &str,
) -> Result<Uuid, AppError> {
    let txn = crate::db::begin(db).await?;
    let id = insert_survey(&txn, &new).await?;
    add_section_in(&txn, id, first_section, None).await?;
    audit::record(
        &txn,
        Entry::new(actor, "survey.create")
            .on("survey", id)
            .details(new.title.clone()),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub(crate) async fn insert_survey(
    db: &impl ConnectionTrait,
    new: &NewSurvey,
) -> Result<Uuid, AppError> {
    let id = Uuid::now_v7();
    let now = Utc::now();
    survey::Entity::insert(survey::ActiveModel {
        id: Set(id),
        title: Set(new.title.clone()),
        intro: Set(new.intro.clone()),
        audience: Set(new.audience.code().to_owned()),
        status: Set(SurveyStatus::Draft.code().to_owned()),
        paged: Set(new.paged),
        opens_at: Set(None),
        closes_at: Set(None),
        offer_interview: Set(new.offer_interview),
        kiosk_token_hash: Set(None),
        next_code: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(None),
        closed_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Locks the survey row for the rest of the transaction (writing first, so
/// it holds on SQLite too) and reads it. Every change to a survey, its
/// sections or questions takes this lock first, so two editors queue.
pub(crate) async fn lock_survey(
    db: &impl ConnectionTrait,
    survey_id: Uuid,
) -> Result<survey::Model, AppError> {
    crate::inputs::lock::lock_where::<survey::Entity>(
        db,
        survey::Column::UpdatedAt,
        sea_orm::Condition::all().add(survey::Column::Id.eq(survey_id)),
    )
    .await?;
    survey::Entity::find_by_id(survey_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Adds a section at the end of the survey.
pub(crate) async fn add_section_in(
    db: &impl ConnectionTrait,
    survey_id: Uuid,
    title: &str,
    description: Option<String>,
) -> Result<Uuid, AppError> {
    let last = survey_section::Entity::find()
        .filter(survey_section::Column::SurveyId.eq(survey_id))
        .order_by_desc(survey_section::Column::Position)
        .one(db)
        .await?
        .map_or(0, |s| s.position);
    let id = Uuid::now_v7();
    survey_section::Entity::insert(survey_section::ActiveModel {
        id: Set(id),
        survey_id: Set(survey_id),
        position: Set(last + 1),
        title: Set(title.to_owned()),
        description: Set(description),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Adds a question at the end of its section, with the survey's next code.
/// Adding is allowed after publishing: old responses simply lack the answer.
pub(crate) async fn add_question_in(
    db: &impl ConnectionTrait,
    survey_id: Uuid,
    section_id: Uuid,
    fields: &QuestionFields,
) -> Result<Uuid, AppError> {
    let survey = lock_survey(db, survey_id).await?;
    let section_position = survey_section::Entity::find_by_id(section_id)
        .one(db)
        .await?
        .filter(|s| s.survey_id == survey_id)
        .ok_or(AppError::NotFound)?
        .position;
    // Questions are numbered across the survey: after the last question of
    // this section or any earlier one; later questions move down one.
    let earlier_sections: Vec<Uuid> = survey_section::Entity::find()
        .filter(survey_section::Column::SurveyId.eq(survey_id))
        .filter(survey_section::Column::Position.lte(section_position))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let position = survey_question::Entity::find()
        .filter(survey_question::Column::SurveyId.eq(survey_id))
        .filter(survey_question::Column::SectionId.is_in(earlier_sections))
        .order_by_desc(survey_question::Column::Position)
        .one(db)
        .await?
        .map_or(1, |q| q.position + 1);
    survey_question::Entity::update_many()
        .col_expr(
            survey_question::Column::Position,
            Expr::col(survey_question::Column::Position).add(1),
        )
        .filter(survey_question::Column::SurveyId.eq(survey_id))
        .filter(survey_question::Column::Position.gte(position))
        .exec(db)
        .await?;
    let code = format!("q{}", survey.next_code);
    let now = Utc::now();
    survey::ActiveModel {
        next_code: Set(survey.next_code + 1),
        updated_at: Set(now),
        ..survey.into()
    }
    .update(db)
    .await?;
    let id = Uuid::now_v7();
    survey_question::Entity::insert(survey_question::ActiveModel {
        id: Set(id),
        survey_id: Set(survey_id),
        section_id: Set(section_id),
        position: Set(position),
        code: Set(code),
        kind: Set(fields.kind.code().to_owned()),
        prompt: Set(fields.prompt.clone()),
        help: Set(fields.help.clone()),
        required: Set(fields.required),
        options: Set(serde_json::to_string(&fields.options)
            .map_err(|e| AppError::unexpected("options as JSON", e))?),
        allow_other: Set(fields.allow_other),
        scale_low: Set(fields.scale_low.clone()),
        scale_high: Set(fields.scale_high.clone()),
        min_value: Set(fields.min_value),
        max_value: Set(fields.max_value),
        role: Set(fields.role.map(|r| r.code().to_owned())),
        as_input: Set(fields.as_input),
        hidden: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Why a change of status was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum StatusError {
    /// Publishing a survey that asks nothing.
    NoQuestions,
    /// The change does not apply to the survey's current status.
    WrongStatus,
}

/// Sets the status (publish, close, reopen) if the move is allowed:
/// draft → published (with at least one question), published → closed,
/// closed → published.
pub async fn set_status<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    to: SurveyStatus,
) -> Result<Result<(), StatusError>, AppError> {
    let txn = crate::db::begin(db).await?;
    let row = lock_survey(&txn, survey_id).await?;
    let from = SurveyStatus::parse(&row.status).unwrap_or(SurveyStatus::Draft);
    let allowed = matches!(
        (from, to),
        (SurveyStatus::Draft, SurveyStatus::Published)
            | (SurveyStatus::Published, SurveyStatus::Closed)
            | (SurveyStatus::Closed, SurveyStatus::Published)
    );
    if !allowed {
        return Ok(Err(StatusError::WrongStatus));
    }
    if to == SurveyStatus::Published {
        let asked = survey_question::Entity::find()
            .filter(survey_question::Column::SurveyId.eq(survey_id))
            .filter(survey_question::Column::Hidden.eq(false))
            .one(&txn)
            .await?;
        if asked.is_none() {
            return Ok(Err(StatusError::NoQuestions));
        }
    }
    let now = Utc::now();
    let mut active: survey::ActiveModel = row.clone().into();
    active.status = Set(to.code().to_owned());
    active.updated_at = Set(now);
    match to {
        SurveyStatus::Published => {
            active.published_at = Set(row.published_at.or(Some(now)));
            active.closed_at = Set(None);
        }
        SurveyStatus::Closed => {
            active.closed_at = Set(Some(now));
            active.kiosk_token_hash = Set(None);
        }
        SurveyStatus::Draft => {}
    }
    active.update(&txn).await?;
    audit::record(
        &txn,
        Entry::new(actor, "survey.status")
            .on("survey", survey_id)
            .details(format!("{} -> {}", from.code(), to.code())),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Opens a kiosk link for a meeting room and returns its token; a link
/// opened before stops working.
pub async fn open_kiosk<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
) -> Result<SecretToken, AppError> {
    let token = SecretToken::generate();
    set_kiosk(
        db,
        actor,
        survey_id,
        Some(token.hash()),
        "survey.kiosk_open",
    )
    .await?;
    Ok(token)
}

/// Closes the kiosk link.
pub async fn close_kiosk<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
) -> Result<(), AppError> {
    set_kiosk(db, actor, survey_id, None, "survey.kiosk_close").await
}

async fn set_kiosk<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    hash: Option<String>,
    action: &str,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let row = lock_survey(&txn, survey_id).await?;
    survey::ActiveModel {
        kiosk_token_hash: Set(hash),
        updated_at: Set(Utc::now()),
        ..row.into()
    }
    .update(&txn)
    .await?;
    audit::record(&txn, Entry::new(actor, action).on("survey", survey_id)).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether `token` is the survey's open kiosk link.
pub async fn kiosk_matches(
    db: &impl ConnectionTrait,
    survey_id: Uuid,
    token: &str,
) -> Result<bool, AppError> {
    Ok(survey::Entity::find_by_id(survey_id)
        .one(db)
        .await?
        .and_then(|row| row.kiosk_token_hash)
        .is_some_and(|hash| SecretToken::matches(token, &hash)))
}

/// Sets the dates a published survey takes answers between.
pub async fn set_dates<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    opens_at: Option<DateTime<Utc>>,
    closes_at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let row = lock_survey(&txn, survey_id).await?;
    survey::ActiveModel {
        opens_at: Set(opens_at),
        closes_at: Set(closes_at),
        updated_at: Set(Utc::now()),
        ..row.into()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Entry::new(actor, "survey.dates").on("survey", survey_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
