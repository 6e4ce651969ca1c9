//! Editing a survey in the builder: its settings, sections and questions.
//! Every change is one transaction that first locks the survey row (so two
//! editors queue) and writes an audit entry. Once a survey is published or
//! closed, answers may refer to its questions and options, so a change
//! that would break them is refused with a `Refusal` and nothing changes:
//! questions are hidden rather than deleted, options hidden rather than
//! removed, a kind changes only to one old answers still read as, and codes
//! never change. Adding is always fine.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::entities::{survey, survey_question, survey_section};
use crate::error::AppError;
use crate::surveys::model::{Audience, Choice, Kind, Question, SurveyStatus};
use crate::surveys::service::builder::{self, QuestionFields, lock_survey};

mod options;
mod structure;

pub use options::{OptionEdit, Refusal, code_for, merge_options, role_options};
pub use structure::{Moving, add_section, delete_section, move_one, update_section};

/// A survey's settings as the builder sets them.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub title: String,
    pub intro: Option<String>,
    pub audience: Audience,
    pub paged: bool,
    pub offer_interview: bool,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
}

/// A question as the editor sends it: its fields (their `options` unused)
/// and its options, existing ones by code and new ones without.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionEdit {
    pub fields: QuestionFields,
    pub options: Vec<OptionEdit>,
}

/// What a change came to: done, or refused with nothing changed.
pub type Outcome<T = ()> = Result<Result<T, Refusal>, AppError>;

fn is_locked(row: &survey::Model) -> bool {
    SurveyStatus::parse(&row.status).is_none_or(|s| s != SurveyStatus::Draft)
}

async fn record(
    txn: &impl ConnectionTrait,
    actor: Option<Uuid>,
    action: &str,
    survey_id: Uuid,
    details: String,
) -> Result<(), AppError> {
    audit::record(
        txn,
        Entry::new(actor, action)
            .on("survey", survey_id)
            .details(details),
    )
    .await?;
    Ok(())
}

pub async fn update_settings<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    settings: Settings,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let row = lock_survey(&txn, survey_id).await?;
    survey::ActiveModel {
        title: Set(settings.title),
        intro: Set(settings.intro),
        audience: Set(settings.audience.code().to_owned()),
        paged: Set(settings.paged),
        offer_interview: Set(settings.offer_interview),
        opens_at: Set(settings.opens_at),
        closes_at: Set(settings.closes_at),
        updated_at: Set(Utc::now()),
        ..row.into()
    }
    .update(&txn)
    .await?;
    record(&txn, actor, "survey.settings", survey_id, String::new()).await?;
    txn.commit().await?;
    Ok(())
}

async fn section_of(
    txn: &impl ConnectionTrait,
    survey_id: Uuid,
    section_id: Uuid,
) -> Result<survey_section::Model, AppError> {
    survey_section::Entity::find_by_id(section_id)
        .one(txn)
        .await?
        .filter(|s| s.survey_id == survey_id)
        .ok_or(AppError::NotFound)
}

async fn question_of(
    txn: &impl ConnectionTrait,
    survey_id: Uuid,
    question_id: Uuid,
) -> Result<Question, AppError> {
    survey_question::Entity::find_by_id(question_id)
        .one(txn)
        .await?
        .filter(|q| q.survey_id == survey_id)
        .map(Question::from_row)
        .ok_or(AppError::NotFound)
}

/// Checks a question's fields against the survey: its role and options.
/// Fills the options of a role question left without any.
async fn checked(
    txn: &impl ConnectionTrait,
    survey_id: Uuid,
    question: Option<&Question>,
    edit: QuestionEdit,
    locked: bool,
) -> Result<Result<QuestionFields, Refusal>, AppError> {
    let mut fields = edit.fields;
    if let Some(old) = question
        && locked
        && !old.kind.compatible(fields.kind)
    {
        return Ok(Err(Refusal::IncompatibleKind));
    }
    if let Some(role) = fields.role {
        if fields.kind != Kind::SingleChoice {
            return Ok(Err(Refusal::RoleNeedsSingleChoice));
        }
        let taken = survey_question::Entity::find()
            .filter(survey_question::Column::SurveyId.eq(survey_id))
            .filter(survey_question::Column::Role.eq(role.code()))
            .all(txn)
            .await?
            .into_iter()
            .any(|q| Some(q.id) != question.map(|q| q.id));
        if taken {
            return Ok(Err(Refusal::RoleTaken));
        }
    }
    let old: &[Choice] = question.map_or(&[], |q| q.options.as_slice());
    fields.options = if fields.kind.has_choices() {
        match merge_options(old, &edit.options, locked) {
            Ok(options) => options,
            Err(refusal) => return Ok(Err(refusal)),
        }
    } else if locked && !old.is_empty() {
        // Unreachable through compatible kinds; kept so nothing is lost.
        old.to_vec()
    } else {
        Vec::new()
    };
    if let Some(role) = fields.role
        && fields.options.is_empty()
    {
        fields.options = role_options(role);
    }
    if fields.kind.has_choices() && fields.options.iter().all(|o| o.hidden) {
        return Ok(Err(Refusal::NoOptions));
    }
    fields.as_input = fields.as_input && fields.kind.is_text();
    fields.allow_other = fields.allow_other && fields.kind.has_choices();
    if fields.kind != Kind::Number {
        (fields.min_value, fields.max_value) = (None, None);
    }
    if !matches!(fields.kind, Kind::Likert | Kind::ThemeImportance) {
        (fields.scale_low, fields.scale_high) = (None, None);
    }
    Ok(Ok(fields))
}

/// Adds a question at the end of a section.
pub async fn add_question<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    section_id: Uuid,
    edit: QuestionEdit,
) -> Outcome<Uuid> {
    let txn = crate::db::begin(db).await?;
    let row = lock_survey(&txn, survey_id).await?;
    section_of(&txn, survey_id, section_id).await?;
    let fields = match checked(&txn, survey_id, None, edit, is_locked(&row)).await? {
        Ok(fields) => fields,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let id = builder::add_question_in(&txn, survey_id, section_id, &fields).await?;
    let code = question_of(&txn, survey_id, id).await?.code;
    record(&txn, actor, "survey.question_add", survey_id, code).await?;
    txn.commit().await?;
    Ok(Ok(id))
}

/// Changes a question within the rules above.
pub async fn update_question<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    question_id: Uuid,
    edit: QuestionEdit,
) -> Outcome {
    let txn = crate::db::begin(db).await?;
    let row = lock_survey(&txn, survey_id).await?;
    let old = question_of(&txn, survey_id, question_id).await?;
    let fields = match checked(&txn, survey_id, Some(&old), edit, is_locked(&row)).await? {
        Ok(fields) => fields,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let options = serde_json::to_string(&fields.options)
        .map_err(|e| AppError::unexpected("options as JSON", e))?;
    survey_question::ActiveModel {
        id: Set(question_id),
        kind: Set(fields.kind.code().to_owned()),
        prompt: Set(fields.prompt),
        help: Set(fields.help),
        required: Set(fields.required),
        options: Set(options),
        allow_other: Set(fields.allow_other),
        scale_low: Set(fields.scale_low),
        scale_high: Set(fields.scale_high),
        min_value: Set(fields.min_value),
        max_value: Set(fields.max_value),
        role: Set(fields.role.map(|r| r.code().to_owned())),
        as_input: Set(fields.as_input),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    record(&txn, actor, "survey.question_edit", survey_id, old.code).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Hides a question from respondents or asks it again; old answers stay.
pub async fn set_question_hidden<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    question_id: Uuid,
    hidden: bool,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_survey(&txn, survey_id).await?;
    let question = question_of(&txn, survey_id, question_id).await?;
    survey_question::ActiveModel {
        id: Set(question_id),
        hidden: Set(hidden),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let action = if hidden {
        "survey.question_hide"
    } else {
        "survey.question_unhide"
    };
    record(&txn, actor, action, survey_id, question.code).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a question of a draft; its code is never given out again.
pub async fn delete_question<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    question_id: Uuid,
) -> Outcome {
    let txn = crate::db::begin(db).await?;
    let row = lock_survey(&txn, survey_id).await?;
    let question = question_of(&txn, survey_id, question_id).await?;
    if is_locked(&row) {
        return Ok(Err(Refusal::QuestionInUse));
    }
    survey_question::Entity::delete_by_id(question_id)
        .exec(&txn)
        .await?;
    structure::renumber(&txn, survey_id, None).await?;
    record(
        &txn,
        actor,
        "survey.question_delete",
        survey_id,
        question.code,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}
