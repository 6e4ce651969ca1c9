//! A scenario's ranking as pages, the API and the report's exports give it:
//! every criterion's raw and normalised value per theme, the weights, the
//! places and the sensitivity, so anyone can rank the themes again from it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use uuid::Uuid;

use super::mcda;
use super::scenario::Scenario;
use super::sensitivity::{self, SensitivitySettings};
use crate::priorities::criteria::{Criterion, Source};
use crate::priorities::evidence::{Evidence, ThemeEvidence, ThemeInfo};

/// The assessment's mean per criterion (Arbeidsplasser, Robusthet,
/// Utviklingsevne, feasibility, advantage) for each assessed theme.
pub type AssessmentMeans = HashMap<Uuid, [Option<f64>; 5]>;

/// The method in the reader's language, for pages.
pub const METHOD_KEY: &str = "priorities.method";

/// How the ranking is computed, in words the JSON carries along.
pub const METHOD: &str = "Each criterion is rescaled over the themes to 0 (lowest) to 1 (highest) \
    by min-max; a theme without a value gets 0, and a criterion where all themes are equal gives 0 \
    to all. The score is the weighted sum with the weights scaled to sum to 1. Equal scores keep \
    the themes' order. Sensitivity: weights drawn from a Dirichlet distribution whose parameters \
    are the concentration times each weight's share (zero weights stay zero), ChaCha8 seeded \
    with the seed, themes ranked again per draw.";

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CriterionWeight {
    pub criterion: Criterion,
    pub source: Source,
    pub weight: f64,
    /// The weight's share of all weights.
    pub share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RankedTheme {
    pub theme: ThemeInfo,
    pub place: usize,
    pub score: f64,
    /// Criterion code → value before normalisation (null: none).
    pub raw: BTreeMap<String, Option<f64>>,
    pub normalised: BTreeMap<String, f64>,
    /// Share of sensitivity draws with the theme in the top three and four.
    pub top_three: f64,
    pub top_four: f64,
    pub mean_place: f64,
    pub best_place: usize,
    pub worst_place: usize,
    /// Among the scenario's `areas` first.
    pub chosen: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Ranking {
    pub scenario: Scenario,
    pub method: String,
    pub criteria: Vec<CriterionWeight>,
    pub sensitivity: SensitivitySettings,
    /// Best first.
    pub themes: Vec<RankedTheme>,
}

/// Each theme's raw criterion values, in `Criterion::ALL` order.
pub fn raw_values(theme: &ThemeEvidence, assessed: Option<&[Option<f64>; 5]>) -> [Option<f64>; 14] {
    let count = |n: u64| Some(n as f64);
    let survey = &theme.survey;
    let assessed = assessed.copied().unwrap_or([None; 5]);
    [
        count(theme.inputs),
        count(theme.contributors),
        Some(theme.breadth),
        count(theme.businesses),
        count(theme.employees),
        count(theme.dot_votes),
        survey.importance.mean,
        survey.ranking.top_three_share,
        theme.pairwise.map(|p| p.score),
        assessed[0],
        assessed[1],
        assessed[2],
        assessed[3],
        assessed[4],
    ]
}

/// Ranks the evidence's themes under `scenario`; none when its weights
/// cannot rank (all zero).
pub fn rank(
    evidence: &Evidence,
    assessment: &AssessmentMeans,
    scenario: &Scenario,
) -> Option<Ranking> {
    let raw: Vec<[Option<f64>; 14]> = evidence
        .themes
        .iter()
        .map(|t| raw_values(t, assessment.get(&t.theme.id)))
        .collect();
    let ranked = mcda::rank(&raw, &scenario.weights)?;
    let odds = sensitivity::analyse(&ranked.normalised, &scenario.weights, scenario.sensitivity)?;
    let unit = mcda::unit_weights(&scenario.weights)?;
    let mut themes: Vec<RankedTheme> = evidence
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let odds = &odds.themes[i];
            RankedTheme {
                theme: t.theme.clone(),
                place: ranked.places[i],
                score: ranked.scores[i],
                raw: by_code(|c| raw[i][c]),
                normalised: by_code(|c| ranked.normalised[i][c]),
                top_three: odds.top_three,
                top_four: odds.top_four,
                mean_place: odds.mean_place,
                best_place: odds.best_place,
                worst_place: odds.worst_place,
                chosen: ranked.places[i] <= usize::from(scenario.areas),
            }
        })
        .collect();
    themes.sort_by_key(|t| t.place);
    Some(Ranking {
        scenario: scenario.clone(),
        method: METHOD.to_owned(),
        criteria: Criterion::ALL
            .iter()
            .map(|&c| CriterionWeight {
                criterion: c,
                source: c.source(),
                weight: scenario.weights[c.index()],
                share: unit[c.index()],
            })
            .collect(),
        sensitivity: scenario.sensitivity,
        themes,
    })
}

fn by_code<T>(value: impl Fn(usize) -> T) -> BTreeMap<String, T> {
    Criterion::ALL
        .iter()
        .map(|c| (c.code().to_owned(), value(c.index())))
        .collect()
}
