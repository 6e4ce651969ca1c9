//! Reading for exports and the API, a batch of businesses or interviews at
//! once (a fixed number of queries, whatever the batch size): what each
//! business has come to, each interview's answers in the order of the guide,
//! its findings, and every slot.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, JoinType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use uuid::Uuid;

use crate::entities::{
    business_theme, interview, interview_answer, interview_finding, interview_question,
    interview_slot, theme,
};
use crate::error::AppError;

/// One business's interview as far as it has come.
#[derive(Clone, Debug, Default)]
pub struct Overview {
    /// Slugs of the themes it wants to talk about, in the facilitators' order.
    pub themes: Vec<String>,
    pub slot: Option<interview_slot::Model>,
    pub record: Option<interview::Model>,
    pub findings: u64,
}

/// The overview of each of `ids`; a business with nothing yet gets the default.
pub async fn overviews_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Overview>, AppError> {
    let mut overviews: HashMap<Uuid, Overview> =
        ids.iter().map(|id| (*id, Overview::default())).collect();
    if ids.is_empty() {
        return Ok(overviews);
    }
    let mut themes = business_theme::Entity::find()
        .select_only()
        .column(business_theme::Column::BusinessId)
        .column(theme::Column::Position)
        .column(theme::Column::Slug)
        .join(JoinType::InnerJoin, business_theme::Relation::Theme.def())
        .filter(business_theme::Column::BusinessId.is_in(ids.iter().copied()))
        .into_tuple::<(Uuid, i32, String)>()
        .all(db)
        .await?;
    // Sorted here, as `inputs::tags` does, so the query stays on the ids' index.
    themes.sort_by(|a, b| (a.1, &a.2).cmp(&(b.1, &b.2)));
    for (business_id, _, slug) in themes {
        if let Some(overview) = overviews.get_mut(&business_id) {
            overview.themes.push(slug);
        }
    }
    let slots = interview_slot::Entity::find()
        .filter(interview_slot::Column::BusinessId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    for slot in slots {
        if let Some(overview) = slot.business_id.and_then(|id| overviews.get_mut(&id)) {
            overview.slot = Some(slot);
        }
    }
    let records = interview::Entity::find()
        .filter(interview::Column::BusinessId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    for record in records {
        if let Some(overview) = overviews.get_mut(&record.business_id) {
            overview.record = Some(record);
        }
    }
    let counts = interview_finding::Entity::find()
        .select_only()
        .column(interview_finding::Column::BusinessId)
        .expr(Expr::col(interview_finding::Column::InputId).count())
        .filter(interview_finding::Column::BusinessId.is_in(ids.iter().copied()))
        .group_by(interview_finding::Column::BusinessId)
        .into_tuple::<(Uuid, i64)>()
        .all(db)
        .await?;
    for (business_id, count) in counts {
        if let Some(overview) = overviews.get_mut(&business_id) {
            overview.findings = u64::try_from(count).unwrap_or(0);
        }
    }
    Ok(overviews)
}

/// An answer with its guide question (None only if the question is gone).
#[derive(Clone, Debug)]
pub struct AnswerInGuide {
    pub answer: interview_answer::Model,
    pub question: Option<interview_question::Model>,
}

/// The answers of each of `interview_ids`, in the guide's order; answers to
/// a question no longer in the guide come last.
pub async fn answers_of(
    db: &impl ConnectionTrait,
    interview_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<AnswerInGuide>>, AppError> {
    let mut by_interview: HashMap<Uuid, Vec<AnswerInGuide>> = HashMap::new();
    if interview_ids.is_empty() {
        return Ok(by_interview);
    }
    let answers = interview_answer::Entity::find()
        .filter(interview_answer::Column::InterviewId.is_in(interview_ids.iter().copied()))
        .all(db)
        .await?;
    let question_ids: Vec<Uuid> = answers.iter().map(|answer| answer.question_id).collect();
    let questions: HashMap<Uuid, interview_question::Model> = interview_question::Entity::find()
        .filter(interview_question::Column::Id.is_in(question_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|question| (question.id, question))
        .collect();
    for answer in answers {
        let question = questions.get(&answer.question_id).cloned();
        by_interview
            .entry(answer.interview_id)
            .or_default()
            .push(AnswerInGuide { answer, question });
    }
    for answers in by_interview.values_mut() {
        answers.sort_by_key(|a| {
            let position = a.question.as_ref().map(|q| q.position);
            (position.is_none(), position, a.answer.question_id)
        });
    }
    Ok(by_interview)
}

/// The ids of the findings (inputs) of each of `interview_ids`, oldest first.
pub async fn finding_ids_of(
    db: &impl ConnectionTrait,
    interview_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Uuid>>, AppError> {
    let mut by_interview: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    if interview_ids.is_empty() {
        return Ok(by_interview);
    }
    let rows = interview_finding::Entity::find()
        .filter(interview_finding::Column::InterviewId.is_in(interview_ids.iter().copied()))
        .order_by_asc(interview_finding::Column::InputId)
        .all(db)
        .await?;
    for row in rows {
        by_interview
            .entry(row.interview_id)
            .or_default()
            .push(row.input_id);
    }
    Ok(by_interview)
}

/// Every slot ever offered, cancelled ones too, earliest first.
pub async fn all_slots(db: &impl ConnectionTrait) -> Result<Vec<interview_slot::Model>, AppError> {
    Ok(interview_slot::Entity::find()
        .order_by_asc(interview_slot::Column::StartsAt)
        .order_by_asc(interview_slot::Column::Id)
        .all(db)
        .await?)
}
