//! The order of a survey: its sections (added, renamed, deleted when
//! empty) and moving sections and questions a step at a time. Questions are
//! numbered across the whole survey, as answers and exports read them.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use super::{Outcome, Refusal, question_of, record, section_of};
use crate::entities::{survey_question, survey_section};
use crate::error::AppError;
use crate::surveys::service::builder::{self, lock_survey};

/// Adds a section at the end.
pub async fn add_section<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    title: &str,
    description: Option<String>,
) -> Result<Uuid, AppError> {
    let txn = crate::db::begin(db).await?;
    lock_survey(&txn, survey_id).await?;
    let id = builder::add_section_in(&txn, survey_id, title, description).await?;
    record(
        &txn,
        actor,
        "survey.section_add",
        survey_id,
        title.to_owned(),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn update_section<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    section_id: Uuid,
    title: &str,
    description: Option<String>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_survey(&txn, survey_id).await?;
    let section = section_of(&txn, survey_id, section_id).await?;
    survey_section::ActiveModel {
        title: Set(title.to_owned()),
        description: Set(description),
        ..section.into()
    }
    .update(&txn)
    .await?;
    record(
        &txn,
        actor,
        "survey.section_edit",
        survey_id,
        title.to_owned(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a section that holds no question, hidden ones included.
pub async fn delete_section<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    section_id: Uuid,
) -> Outcome {
    let txn = crate::db::begin(db).await?;
    lock_survey(&txn, survey_id).await?;
    let section = section_of(&txn, survey_id, section_id).await?;
    let holds = survey_question::Entity::find()
        .filter(survey_question::Column::SectionId.eq(section_id))
        .one(&txn)
        .await?;
    if holds.is_some() {
        return Ok(Err(Refusal::SectionNotEmpty));
    }
    survey_section::Entity::delete_by_id(section_id)
        .exec(&txn)
        .await?;
    record(
        &txn,
        actor,
        "survey.section_delete",
        survey_id,
        section.title,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// What moves one step up (`-1`) or down (`1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moving {
    Section(Uuid),
    Question(Uuid),
}

/// Moves a section, or a question within its section, one step; at the
/// end already, nothing moves.
pub async fn move_one<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    survey_id: Uuid,
    what: Moving,
    step: i32,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_survey(&txn, survey_id).await?;
    let (action, details) = match what {
        Moving::Section(id) => (
            "survey.section_move",
            section_of(&txn, survey_id, id).await?.title,
        ),
        Moving::Question(id) => (
            "survey.question_move",
            question_of(&txn, survey_id, id).await?.code,
        ),
    };
    renumber(&txn, survey_id, Some((what, step))).await?;
    record(
        &txn,
        actor,
        action,
        survey_id,
        format!("{details} {step:+}"),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Writes sections and questions back in order, numbered from 1 (questions
/// across the whole survey, as answers and exports read them), after
/// moving one of them a step if asked.
pub(super) async fn renumber(
    txn: &impl ConnectionTrait,
    survey_id: Uuid,
    moving: Option<(Moving, i32)>,
) -> Result<(), AppError> {
    let Some(survey) = crate::surveys::service::load::get(txn, survey_id).await? else {
        return Err(AppError::NotFound);
    };
    let mut sections = survey.sections;
    let swap = |len: usize, at: usize, step: i32| {
        let to = at as i64 + i64::from(step);
        (0..len as i64).contains(&to).then_some(to as usize)
    };
    match moving {
        Some((Moving::Section(id), step)) => {
            if let Some(at) = sections.iter().position(|s| s.id == id)
                && let Some(to) = swap(sections.len(), at, step)
            {
                sections.swap(at, to);
            }
        }
        Some((Moving::Question(id), step)) => {
            for section in &mut sections {
                if let Some(at) = section.questions.iter().position(|q| q.id == id)
                    && let Some(to) = swap(section.questions.len(), at, step)
                {
                    section.questions.swap(at, to);
                }
            }
        }
        None => {}
    }
    let mut number = 0;
    for (index, section) in sections.iter().enumerate() {
        let position = index as i32 + 1;
        if section.position != position {
            survey_section::ActiveModel {
                id: Set(section.id),
                position: Set(position),
                ..Default::default()
            }
            .update(txn)
            .await?;
        }
        for question in &section.questions {
            number += 1;
            if question.position != number {
                survey_question::ActiveModel {
                    id: Set(question.id),
                    position: Set(number),
                    ..Default::default()
                }
                .update(txn)
                .await?;
            }
        }
    }
    Ok(())
}
