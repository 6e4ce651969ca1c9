//! Evidence per theme from everything the mobilisation gathered: published
//! inputs with a tag a person set or confirmed (suggestions do not count),
//! the businesses that asked for the theme, workshop dot votes, survey
//! importance and rankings, and the pairwise survey's score.

mod inputs;
mod sources;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use uuid::Uuid;

use crate::error::AppError;
use crate::surveys::results::{Distribution, RankStats};
use crate::web::Lang;

pub use inputs::Quote;

/// A theme as the evidence names it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThemeInfo {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub colour: String,
}

/// A count under a key: a channel, a stakeholder group or a month (`2026-03`).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Count {
    pub key: String,
    pub count: u64,
}

/// Who took part, over every published input.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Participation {
    pub inputs: u64,
    /// Inputs with at least one confirmed theme.
    pub tagged: u64,
    pub contributors: u64,
    pub by_channel: Vec<Count>,
    pub by_group: Vec<Count>,
    pub by_month: Vec<Count>,
    /// Businesses registered for an interview (declined ones left out).
    pub businesses: u64,
    pub survey_responses: u64,
}

/// The pairwise survey's verdict on a theme.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PairwiseEvidence {
    /// Chance of beating a random other option, 0…1, with a 95 % interval.
    pub score: f64,
    pub low: f64,
    pub high: f64,
    pub comparisons: u64,
}

/// Survey answers about a theme, over every survey that asked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SurveyEvidence {
    pub importance: Distribution,
    pub ranking: RankStats,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThemeEvidence {
    pub theme: ThemeInfo,
    pub inputs: u64,
    pub by_channel: Vec<Count>,
    /// Distinct senders: one per contact, and each input without one.
    pub contributors: u64,
    pub by_group: Vec<Count>,
    /// Effective number of stakeholder groups (exp of the Shannon entropy of
    /// the theme's inputs over groups): 1 when one group sent everything, the
    /// number of groups when all sent alike.
    pub breadth: f64,
    pub businesses: u64,
    /// Employees of those businesses; a size band counts as its middle.
    pub employees: u64,
    pub dot_votes: u64,
    pub survey: SurveyEvidence,
    pub pairwise: Option<PairwiseEvidence>,
    /// Inputs per month.
    pub trend: Vec<Count>,
    /// Inputs in the last 30 days and in the 30 before.
    pub last_30_days: u64,
    pub previous_30_days: u64,
    /// The most supported inputs, best first.
    pub quotes: Vec<Quote>,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Evidence {
    pub generated_at: DateTime<Utc>,
    pub participation: Participation,
    /// Active themes in their order.
    pub themes: Vec<ThemeEvidence>,
}

/// How many representative inputs each theme keeps.
pub const QUOTES: usize = 8;

/// Gathers the evidence; `pairwise` is the pairwise survey's score per theme id.
pub async fn gather(
    db: &impl ConnectionTrait,
    lang: Lang,
    pairwise: &HashMap<Uuid, PairwiseEvidence>,
) -> Result<Evidence, AppError> {
    let themes = sources::themes(db, lang).await?;
    let now = Utc::now();
    // The sources read side by side, on connections of their own.
    let (tallies, businesses, surveys) = tokio::try_join!(
        inputs::tally(db, &themes, now),
        sources::businesses(db, &themes),
        sources::surveys(db, lang, &themes),
    )?;
    let quotes = inputs::quotes(db, &tallies.top).await?;
    let dots = sources::dot_votes(db, &tallies.workshop_notes, themes.len()).await?;
    let mut participation = tallies.participation;
    participation.businesses = businesses.registered;
    participation.survey_responses = surveys.responses;
    let themes = themes
        .into_iter()
        .enumerate()
        .map(|(i, theme)| {
            let t = &tallies.themes[i];
            ThemeEvidence {
                inputs: t.inputs,
                by_channel: t.by_channel.clone(),
                contributors: t.contributors,
                by_group: t.by_group.clone(),
                breadth: t.breadth,
                businesses: businesses.per_theme[i].0,
                employees: businesses.per_theme[i].1,
                dot_votes: dots[i],
                survey: surveys.per_theme[i].clone(),
                pairwise: pairwise.get(&theme.id).copied(),
                trend: t.trend.clone(),
                last_30_days: t.last_30_days,
                previous_30_days: t.previous_30_days,
                quotes: tallies.top[i]
                    .iter()
                    .filter_map(|id| quotes.get(id).cloned())
                    .collect(),
                theme,
            }
        })
        .collect();
    Ok(Evidence {
        generated_at: now,
        participation,
        themes,
    })
}

/// Effective number of groups: exp of the Shannon entropy of `counts`.
pub fn effective_number(counts: impl IntoIterator<Item = u64> + Clone) -> f64 {
    let total: u64 = counts.clone().into_iter().sum();
    if total == 0 {
        return 0.0;
    }
    let entropy: f64 = counts
        .into_iter()
        .filter(|&n| n > 0)
        .map(|n| {
            let p = n as f64 / total as f64;
            -p * p.ln()
        })
        .sum();
    entropy.exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_number_of_groups() {
        assert_eq!(effective_number([0u64, 0]), 0.0);
        assert!((effective_number([7u64, 0, 0]) - 1.0).abs() < 1e-12);
        assert!((effective_number([5u64, 5, 5, 5]) - 4.0).abs() < 1e-12);
        let uneven = effective_number([9u64, 1]);
        assert!(uneven > 1.0 && uneven < 2.0, "{uneven}");
    }
}
