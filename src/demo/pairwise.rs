//! The demo's pairwise survey: visitors comparing the candidate themes over
//! the last four weeks. Each leans to the theme that more ideas were about,
//! with a tenth of the answers "can't decide", so the survey and the ideas
//! tell a similar story without telling the same one.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rand::RngExt;
use rand::rngs::StdRng;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entities::input_theme;
use crate::entities::pairwise_vote::{self, Outcome};
use crate::error::AppError;
use crate::priorities::pairwise::service::options;
use crate::web::Lang;

/// Votes per visitor, at least and at most.
const VOTES_PER_VISITOR: std::ops::RangeInclusive<usize> = 5..=20;
const ROWS_PER_INSERT: usize = 1_000;
/// How strongly visitors lean to the themes with more ideas.
const LEAN: f64 = 4.0;

/// One visitor per 10 ideas, between 60 and 500.
fn visitors(ideas: usize) -> usize {
    (ideas / 10).clamp(60, 500)
}

/// Stores the demo's pairwise votes and returns how many.
pub(super) async fn vote(
    db: &impl ConnectionTrait,
    rng: &mut StdRng,
    ideas: usize,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let shown = options::shown(db, Lang::Nb).await?;
    if shown.len() < 2 {
        return Ok(0);
    }
    let strength = strengths(db, &shown).await?;
    let mut rows = Vec::new();
    for _ in 0..visitors(ideas) {
        let stream = format!("{:032x}{:032x}", rng.random::<u128>(), rng.random::<u128>());
        let started = now - Duration::minutes(rng.random_range(30..28 * 24 * 60));
        for n in 0..rng.random_range(VOTES_PER_VISITOR) {
            let left = rng.random_range(0..shown.len());
            let mut right = rng.random_range(0..shown.len() - 1);
            if right >= left {
                right += 1;
            }
            let (l, r) = (strength[left], strength[right]);
            let outcome = if rng.random_bool(0.1) {
                Outcome::Skip
            } else if rng.random_bool(l / (l + r)) {
                Outcome::Left
            } else {
                Outcome::Right
            };
            rows.push(pairwise_vote::ActiveModel {
                id: sea_orm::Set(Uuid::now_v7()),
                stream_hash: sea_orm::Set(stream.clone()),
                left_id: sea_orm::Set(shown[left].id),
                right_id: sea_orm::Set(shown[right].id),
                outcome: sea_orm::Set(outcome),
                language: sea_orm::Set(Lang::Nb.code().to_owned()),
                created_at: sea_orm::Set(started + Duration::seconds(8 * n as i64)),
            });
        }
    }
    let count = rows.len();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        pairwise_vote::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(count)
}

/// Each shown option's hidden strength, from the number of ideas tagged
/// with its theme: exp(4 × the relative distance from the mean), so a theme
/// with a fifth more ideas than the mean is more than twice as strong and
/// the lean shows even where the ideas are spread evenly over the themes.
async fn strengths(
    db: &impl ConnectionTrait,
    shown: &[options::PairOption],
) -> Result<Vec<f64>, AppError> {
    let tagged: Vec<(Uuid, i64)> = input_theme::Entity::find()
        .select_only()
        .column(input_theme::Column::ThemeId)
        .column_as(input_theme::Column::InputId.count(), "n")
        .filter(input_theme::Column::Origin.ne(input_theme::Origin::Suggested))
        .group_by(input_theme::Column::ThemeId)
        .into_tuple()
        .all(db)
        .await?;
    let tagged: HashMap<Uuid, i64> = tagged.into_iter().collect();
    let counts: Vec<f64> = shown
        .iter()
        .map(|o| {
            o.theme_id
                .and_then(|t| tagged.get(&t))
                .copied()
                .unwrap_or(0) as f64
        })
        .collect();
    let mean = counts.iter().sum::<f64>() / counts.len() as f64;
    Ok(counts
        .iter()
        .map(|&n| {
            if mean > 0.0 {
                // Bounded, so that odd data cannot overflow to infinity.
                (LEAN * (n - mean) / mean).clamp(-30.0, 30.0).exp()
            } else {
                1.0
            }
        })
        .collect())
}
