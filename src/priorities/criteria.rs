//! The criteria a theme is ranked by: nine measured from the mobilisation's
//! evidence and five from the project group's assessment. A criterion's code
//! is what scenarios store their weights under and what exports name.

use serde::{Deserialize, Serialize};

/// Where a criterion's values come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Evidence,
    Assessment,
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Inputs tagged with the theme, every channel.
    Inputs,
    /// Distinct people and businesses behind those inputs.
    Contributors,
    /// How evenly the stakeholder groups are represented (effective number).
    Breadth,
    /// Businesses that registered interest in the theme.
    Businesses,
    /// The employees of those businesses.
    Employees,
    /// Dot votes on the theme's workshop notes.
    DotVotes,
    /// Mean importance (1–5) in surveys.
    SurveyImportance,
    /// Share of survey respondents ranking the theme in their top three.
    SurveyRanking,
    /// Chance of beating a random other option in the pairwise survey.
    Pairwise,
    /// Assessment: Arbeidsplasser.
    Jobs,
    /// Assessment: Robusthet.
    Robustness,
    /// Assessment: Utviklingsevne.
    Development,
    /// Assessment: feasibility.
    Feasibility,
    /// Assessment: local competitive advantage.
    Advantage,
}

impl Criterion {
    pub const ALL: [Criterion; 14] = [
        Criterion::Inputs,
        Criterion::Contributors,
        Criterion::Breadth,
        Criterion::Businesses,
        Criterion::Employees,
        Criterion::DotVotes,
        Criterion::SurveyImportance,
        Criterion::SurveyRanking,
        Criterion::Pairwise,
        Criterion::Jobs,
        Criterion::Robustness,
        Criterion::Development,
        Criterion::Feasibility,
        Criterion::Advantage,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Criterion::Inputs => "inputs",
            Criterion::Contributors => "contributors",
            Criterion::Breadth => "breadth",
            Criterion::Businesses => "businesses",
            Criterion::Employees => "employees",
            Criterion::DotVotes => "dot_votes",
            Criterion::SurveyImportance => "survey_importance",
            Criterion::SurveyRanking => "survey_ranking",
            Criterion::Pairwise => "pairwise",
            Criterion::Jobs => "jobs",
            Criterion::Robustness => "robustness",
            Criterion::Development => "development",
            Criterion::Feasibility => "feasibility",
            Criterion::Advantage => "advantage",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn source(self) -> Source {
        match self {
            Criterion::Jobs
            | Criterion::Robustness
            | Criterion::Development
            | Criterion::Feasibility
            | Criterion::Advantage => Source::Assessment,
            _ => Source::Evidence,
        }
    }

    /// Locale key of the criterion's name; `…_help` says how it is measured.
    pub fn label_key(self) -> String {
        format!("priorities.criterion.{}", self.code())
    }

    /// The weights a new scenario starts from: half on the evidence, half on
    /// the assessment, with the three programme indicators weighing most.
    pub fn default_weight(self) -> f64 {
        match self {
            Criterion::Inputs => 8.0,
            Criterion::Contributors => 8.0,
            Criterion::Breadth => 6.0,
            Criterion::Businesses => 5.0,
            Criterion::Employees => 5.0,
            Criterion::DotVotes => 5.0,
            Criterion::SurveyImportance => 5.0,
            Criterion::SurveyRanking => 3.0,
            Criterion::Pairwise => 5.0,
            Criterion::Jobs => 14.0,
            Criterion::Robustness => 12.0,
            Criterion::Development => 12.0,
            Criterion::Feasibility => 7.0,
            Criterion::Advantage => 5.0,
        }
    }
}

/// One weight per criterion, in `Criterion::ALL` order.
pub type Weights = [f64; 14];

pub fn default_weights() -> Weights {
    Criterion::ALL.map(Criterion::default_weight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_index_follows_order() {
        for (i, c) in Criterion::ALL.into_iter().enumerate() {
            assert_eq!(Criterion::parse(c.code()), Some(c));
            assert_eq!(c.index(), i);
        }
        assert_eq!(Criterion::parse("nope"), None);
        let total: f64 = default_weights().iter().sum();
        assert!((total - 100.0).abs() < 1e-9, "{total}");
    }

    #[test]
    fn the_assessment_criteria_come_in_the_assessment_order() {
        use crate::priorities::assessment::Criterion as Assessed;
        let ours: Vec<&str> = Criterion::ALL
            .iter()
            .filter(|c| c.source() == Source::Assessment)
            .map(|c| c.code())
            .collect();
        let theirs: Vec<&str> = Assessed::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(ours, theirs);
        assert_eq!(Criterion::Jobs.index() - Assessed::Jobs.index(), 9);
    }
}
