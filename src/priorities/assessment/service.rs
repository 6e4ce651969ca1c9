//! The assessment without HTTP: store an assessor's scores for a theme, read
//! them back per person, and summarise them per theme for the pages, the API
//! and the ranking.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, TransactionSession, TransactionTrait,
};
use serde::Serialize;
use uuid::Uuid;

use super::criteria::Criterion;
use super::summary::ThemeAssessment;
use crate::audit::service::{self as audit, Entry as AuditEntry};
use crate::entities::{priority_assessment as row, theme, user};
use crate::error::AppError;

/// Shorter than this says nothing the scores do not.
pub const RATIONALE_MIN: usize = 10;
pub const RATIONALE_MAX: usize = 4000;

/// What is wrong with a rationale, if anything; counted in characters after trimming.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RationaleProblem {
    Missing,
    TooShort,
    TooLong,
}

pub fn rationale_problem(rationale: &str) -> Option<RationaleProblem> {
    let length = rationale.trim().chars().count();
    if length == 0 {
        Some(RationaleProblem::Missing)
    } else if length < RATIONALE_MIN {
        Some(RationaleProblem::TooShort)
    } else if length > RATIONALE_MAX {
        Some(RationaleProblem::TooLong)
    } else {
        None
    }
}

pub fn valid_score(score: u8) -> bool {
    (1..=5).contains(&score)
}

/// One assessor's answer for one theme, as the pages and the report show it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Entry {
    pub theme_id: Uuid,
    pub user_id: Uuid,
    /// The assessor's name (staff, not a resident).
    pub assessor: String,
    /// 1–5 per criterion, in the order of `Criterion::ALL`.
    pub scores: [u8; 5],
    pub rationale: String,
    pub updated_at: DateTime<Utc>,
}

impl Entry {
    pub fn score(&self, criterion: Criterion) -> u8 {
        self.scores[criterion.index()]
    }
}

/// The theme if it can be assessed now: it exists and is active.
pub async fn assessable_theme(
    db: &impl ConnectionTrait,
    theme_id: Uuid,
) -> Result<theme::Model, AppError> {
    match theme::Entity::find_by_id(theme_id).one(db).await? {
        None => Err(AppError::NotFound),
        Some(theme) if !theme.active => Err(AppError::Validation("theme is not active".into())),
        Some(theme) => Ok(theme),
    }
}

/// Stores `user_id`'s assessment of `theme_id`, replacing an earlier one,
/// with an audit entry in the same transaction. Bad scores, a missing or
/// overlong rationale, and an unknown or inactive theme change nothing.
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: Uuid,
    theme_id: Uuid,
    scores: [u8; 5],
    rationale: &str,
) -> Result<(), AppError> {
    if let Some(criterion) = Criterion::ALL
        .into_iter()
        .find(|c| !valid_score(scores[c.index()]))
    {
        return Err(AppError::Validation(format!(
            "{} must be 1 to 5",
            criterion.code()
        )));
    }
    if let Some(problem) = rationale_problem(rationale) {
        return Err(AppError::Validation(format!("rationale: {problem:?}")));
    }
    let rationale = rationale.trim().to_owned();
    let txn = crate::db::begin(db).await?;
    assessable_theme(&txn, theme_id).await?;
    let now = Utc::now();
    let existing = row::Entity::find()
        .filter(row::Column::UserId.eq(user_id))
        .filter(row::Column::ThemeId.eq(theme_id))
        .one(&txn)
        .await?;
    let (id, action) = match existing {
        Some(current) => {
            let id = current.id;
            let mut active = current.into_active_model();
            set_scores(&mut active, scores);
            active.rationale = Set(rationale);
            active.updated_at = Set(now);
            active.update(&txn).await?;
            (id, "priority_assessment.update")
        }
        None => {
            // Two saves racing for the same person and theme meet the unique
            // index; the loser gets a conflict rather than a second row.
            let id = Uuid::now_v7();
            let mut active = row::ActiveModel {
                id: Set(id),
                user_id: Set(user_id),
                theme_id: Set(theme_id),
                rationale: Set(rationale),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            set_scores(&mut active, scores);
            active.insert(&txn).await?;
            (id, "priority_assessment.create")
        }
    };
    let details = Criterion::ALL
        .into_iter()
        .map(|c| format!("{}={}", c.code(), scores[c.index()]))
        .collect::<Vec<_>>()
        .join(" ");
    audit::record(
        &txn,
        AuditEntry::new(Some(user_id), action)
            .on("priority_assessment", id)
            .details(format!("theme={theme_id} {details}")),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn set_scores(active: &mut row::ActiveModel, scores: [u8; 5]) {
    let [jobs, robustness, development, feasibility, advantage] = scores.map(i16::from);
    active.jobs = Set(jobs);
    active.robustness = Set(robustness);
    active.development = Set(development);
    active.feasibility = Set(feasibility);
    active.advantage = Set(advantage);
}

/// The stored scores in `Criterion::ALL` order. Only `save` writes them, so
/// they are 1–5; anything else reads as 0 and the summary leaves it out.
fn scores_of(model: &row::Model) -> [u8; 5] {
    [
        model.jobs,
        model.robustness,
        model.development,
        model.feasibility,
        model.advantage,
    ]
    .map(|score| {
        u8::try_from(score)
            .ok()
            .filter(|s| valid_score(*s))
            .unwrap_or(0)
    })
}

/// The signed-in assessor's own answer for a theme, to fill in the form.
pub async fn own(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    theme_id: Uuid,
) -> Result<Option<([u8; 5], String)>, AppError> {
    let found = row::Entity::find()
        .filter(row::Column::UserId.eq(user_id))
        .filter(row::Column::ThemeId.eq(theme_id))
        .one(db)
        .await?;
    Ok(found.map(|model| (scores_of(&model), model.rationale)))
}

/// Themes by id with their place in the facilitators' order.
async fn theme_order(db: &impl ConnectionTrait) -> Result<HashMap<Uuid, (i32, String)>, AppError> {
    Ok(theme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, (t.position, t.slug)))
        .collect())
}

/// Every theme someone has assessed, active or not, in the facilitators'
/// order, with each criterion summarised.
pub async fn summary(db: &impl ConnectionTrait) -> Result<Vec<ThemeAssessment>, AppError> {
    let rows = row::Entity::find().all(db).await?;
    let order = theme_order(db).await?;
    let mut sheets: HashMap<Uuid, Vec<[u8; 5]>> = HashMap::new();
    for model in &rows {
        sheets
            .entry(model.theme_id)
            .or_default()
            .push(scores_of(model));
    }
    let mut themes: Vec<Uuid> = sheets.keys().copied().collect();
    themes.sort_by_key(|id| (order.get(id).cloned(), *id));
    Ok(themes
        .into_iter()
        .map(|id| ThemeAssessment::of(id, sheets.get(&id).map_or(&[][..], Vec::as_slice)))
        .collect())
}

/// Each assessor's answer, for one theme or all: in the facilitators' theme
/// order, then by the assessor's name.
pub async fn entries(
    db: &impl ConnectionTrait,
    theme_id: Option<Uuid>,
) -> Result<Vec<Entry>, AppError> {
    let mut query = row::Entity::find();
    if let Some(theme_id) = theme_id {
        query = query.filter(row::Column::ThemeId.eq(theme_id));
    }
    let rows = query.all(db).await?;
    let user_ids: Vec<Uuid> = rows.iter().map(|r| r.user_id).collect();
    let names: HashMap<Uuid, String> = if user_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(user_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect()
    };
    let order = theme_order(db).await?;
    let mut entries: Vec<Entry> = rows
        .into_iter()
        .map(|model| Entry {
            theme_id: model.theme_id,
            user_id: model.user_id,
            assessor: names.get(&model.user_id).cloned().unwrap_or_default(),
            scores: scores_of(&model),
            rationale: model.rationale,
            updated_at: model.updated_at,
        })
        .collect();
    entries.sort_by(|a, b| {
        (order.get(&a.theme_id), a.theme_id, &a.assessor, a.user_id).cmp(&(
            order.get(&b.theme_id),
            b.theme_id,
            &b.assessor,
            b.user_id,
        ))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rationale_counts_characters_after_trimming() {
        assert_eq!(rationale_problem("   "), Some(RationaleProblem::Missing));
        assert_eq!(
            rationale_problem("  kort  "),
            Some(RationaleProblem::TooShort)
        );
        // Ten letters, each two bytes in UTF-8: long enough by characters.
        assert_eq!(rationale_problem("æøåæøåæøåæ"), None);
        assert_eq!(
            rationale_problem(&"a".repeat(RATIONALE_MAX + 1)),
            Some(RationaleProblem::TooLong)
        );
        assert_eq!(rationale_problem(&"a".repeat(RATIONALE_MAX)), None);
    }

    #[test]
    fn scores_are_one_to_five() {
        assert!(!valid_score(0));
        assert!(valid_score(1));
        assert!(valid_score(5));
        assert!(!valid_score(6));
    }
}
