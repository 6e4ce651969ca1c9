//! The evidence that does not come from inputs: the candidate themes,
//! businesses' interest, workshop dot votes and the surveys.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QuerySelect,
    RelationTrait,
};
use uuid::Uuid;

use super::{SurveyEvidence, ThemeInfo};
use crate::entities::{business, business_theme, workshop_note};
use crate::error::AppError;
use crate::interviews::size;
use crate::surveys::SurveyStatus;
use crate::surveys::results::{self, read};
use crate::surveys::service as surveys;
use crate::themes::service as themes;
use crate::web::Lang;

/// The active themes, in their order: the candidates being ranked.
pub(super) async fn themes(
    db: &impl ConnectionTrait,
    lang: Lang,
) -> Result<Vec<ThemeInfo>, AppError> {
    Ok(themes::list_active(db)
        .await?
        .iter()
        .map(|t| ThemeInfo {
            id: t.id,
            slug: t.slug.clone(),
            name: themes::name_in(t, lang).to_owned(),
            colour: t.colour.clone(),
        })
        .collect())
}

pub(super) struct Businesses {
    pub registered: u64,
    /// Per theme: businesses interested and their employees.
    pub per_theme: Vec<(u64, u64)>,
}

pub(super) async fn businesses(
    db: &impl ConnectionTrait,
    themes: &[ThemeInfo],
) -> Result<Businesses, AppError> {
    let registered = business::Entity::find()
        .filter(business::Column::Status.ne(business::Status::Declined))
        .count(db)
        .await?;
    let rows: Vec<(Uuid, Option<i32>, Option<String>)> = business_theme::Entity::find()
        .select_only()
        .column(business_theme::Column::ThemeId)
        .column(business::Column::Employees)
        .column(business::Column::SizeBand)
        .join(
            JoinType::InnerJoin,
            business_theme::Relation::Business.def(),
        )
        .filter(business::Column::Status.ne(business::Status::Declined))
        .into_tuple()
        .all(db)
        .await?;
    let at = index(themes);
    let mut per_theme = vec![(0, 0); themes.len()];
    for (theme_id, employees, band) in rows {
        if let Some(&t) = at.get(&theme_id) {
            per_theme[t].0 += 1;
            let estimate = size::estimate(employees, band.as_deref()).unwrap_or(0);
            per_theme[t].1 += u64::try_from(estimate).unwrap_or(0);
        }
    }
    Ok(Businesses {
        registered,
        per_theme,
    })
}

/// Dot votes per theme: a note's votes count for every theme it carries.
pub(super) async fn dot_votes(
    db: &impl ConnectionTrait,
    notes: &HashMap<Uuid, Vec<usize>>,
    themes: usize,
) -> Result<Vec<u64>, AppError> {
    let rows: Vec<(Uuid, i32)> = workshop_note::Entity::find()
        .select_only()
        .column(workshop_note::Column::InputId)
        .column(workshop_note::Column::Votes)
        .filter(workshop_note::Column::Votes.gt(0))
        .into_tuple()
        .all(db)
        .await?;
    let mut out = vec![0; themes];
    for (input_id, votes) in rows {
        for &t in notes.get(&input_id).into_iter().flatten() {
            out[t] += u64::try_from(votes).unwrap_or(0);
        }
    }
    Ok(out)
}

pub(super) struct Surveys {
    pub responses: u64,
    pub per_theme: Vec<SurveyEvidence>,
}

/// Importance and rankings over every published or closed survey, added up.
pub(super) async fn surveys(
    db: &impl ConnectionTrait,
    lang: Lang,
    themes: &[ThemeInfo],
) -> Result<Surveys, AppError> {
    let refs = read::theme_refs(db, lang).await?;
    let at = index(themes);
    let mut per_theme = vec![SurveyEvidence::default(); themes.len()];
    let mut rank_sums = vec![0.0; themes.len()];
    let mut responses = 0;
    for listed in surveys::list(db).await? {
        if listed.survey.status == SurveyStatus::Draft.code() || listed.responses == 0 {
            continue;
        }
        let Some(survey) = surveys::get(db, listed.survey.id).await? else {
            continue;
        };
        let answers = read::responses(db, survey.id).await?;
        responses += answers.len() as u64;
        for score in results::scores(&survey, &refs, &answers, None) {
            let Some(&t) = at.get(&score.theme.id) else {
                continue;
            };
            let total = &mut per_theme[t];
            for (slot, n) in total
                .importance
                .counts
                .iter_mut()
                .zip(score.importance.counts)
            {
                *slot += n;
            }
            total.importance.n += score.importance.n;
            let r = &score.ranking;
            rank_sums[t] += r.mean_rank.unwrap_or(0.0) * r.n as f64;
            total.ranking.n += r.n;
            total.ranking.first += r.first;
            total.ranking.top_three += r.top_three;
            total.ranking.respondents += r.respondents;
        }
    }
    for (total, sum) in per_theme.iter_mut().zip(rank_sums) {
        let importance = &mut total.importance;
        let points: u64 = (1u64..).zip(importance.counts).map(|(p, n)| p * n).sum();
        importance.mean = (importance.n > 0).then(|| points as f64 / importance.n as f64);
        let ranking = &mut total.ranking;
        ranking.mean_rank = (ranking.n > 0).then(|| sum / ranking.n as f64);
        ranking.top_three_share = (ranking.respondents > 0)
            .then(|| ranking.top_three as f64 / ranking.respondents as f64);
    }
    Ok(Surveys {
        responses,
        per_theme,
    })
}

fn index(themes: &[ThemeInfo]) -> HashMap<Uuid, usize> {
    themes.iter().enumerate().map(|(i, t)| (t.id, i)).collect()
}
