//! The group's view of one theme: per criterion the mean, the spread and the
//! distribution of the assessors' scores. Pure arithmetic, so it is tested
//! without a database.

use serde::Serialize;
use uuid::Uuid;

use super::criteria::Criterion;

/// Every assessor's scores for one theme, summarised per criterion.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThemeAssessment {
    pub theme_id: Uuid,
    /// How many people have assessed the theme.
    pub assessors: u32,
    /// One per criterion, always in the order of `Criterion::ALL`.
    pub criteria: Vec<CriterionSummary>,
}

/// The scores one criterion got for one theme.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CriterionSummary {
    pub criterion: Criterion,
    /// `None` when nobody has scored it.
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1); `None` below two scores, where
    /// the group's spread is not yet a thing.
    pub sd: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
    /// How many gave 1, 2, 3, 4 and 5.
    pub counts: [u32; 5],
}

impl CriterionSummary {
    /// The summary of `scores` (each 1–5; anything else is left out, as the
    /// service never stores it).
    pub fn of(criterion: Criterion, scores: &[u8]) -> Self {
        let scores: Vec<u8> = scores
            .iter()
            .copied()
            .filter(|s| (1..=5).contains(s))
            .collect();
        let mut counts = [0u32; 5];
        for score in &scores {
            counts[usize::from(*score - 1)] += 1;
        }
        let n = scores.len() as f64;
        let mean =
            (!scores.is_empty()).then(|| scores.iter().map(|s| f64::from(*s)).sum::<f64>() / n);
        let sd = match mean {
            Some(mean) if scores.len() >= 2 => {
                let squares: f64 = scores.iter().map(|s| (f64::from(*s) - mean).powi(2)).sum();
                Some((squares / (n - 1.0)).sqrt())
            }
            _ => None,
        };
        Self {
            criterion,
            mean,
            sd,
            min: scores.iter().copied().min(),
            max: scores.iter().copied().max(),
            counts,
        }
    }
}

impl ThemeAssessment {
    /// The summary of one theme from each assessor's five scores.
    pub fn of(theme_id: Uuid, sheets: &[[u8; 5]]) -> Self {
        let criteria = Criterion::ALL
            .into_iter()
            .map(|criterion| {
                let scores: Vec<u8> = sheets
                    .iter()
                    .map(|sheet| sheet[criterion.index()])
                    .collect();
                CriterionSummary::of(criterion, &scores)
            })
            .collect();
        Self {
            theme_id,
            assessors: u32::try_from(sheets.len()).unwrap_or(u32::MAX),
            criteria,
        }
    }

    pub fn criterion(&self, criterion: Criterion) -> Option<&CriterionSummary> {
        self.criteria.iter().find(|c| c.criterion == criterion)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn nothing_scored_has_no_mean_spread_or_range() {
        let summary = CriterionSummary::of(Criterion::Jobs, &[]);
        assert_eq!(summary.mean, None);
        assert_eq!(summary.sd, None);
        assert_eq!((summary.min, summary.max), (None, None));
        assert_eq!(summary.counts, [0; 5]);
    }

    #[test]
    fn one_score_has_a_mean_but_no_spread() {
        let summary = CriterionSummary::of(Criterion::Jobs, &[4]);
        assert!(close(summary.mean, 4.0));
        assert_eq!(summary.sd, None);
        assert_eq!((summary.min, summary.max), (Some(4), Some(4)));
        assert_eq!(summary.counts, [0, 0, 0, 1, 0]);
    }

    #[test]
    fn sample_sd_divides_by_n_minus_one() {
        // 2, 4, 4, 5: mean 15/4 = 3.75; squared deviations 3.0625 + 0.0625 +
        // 0.0625 + 1.5625 = 4.75; 4.75 / 3 = 1.58333…, sd = 1.258305…
        let summary = CriterionSummary::of(Criterion::Advantage, &[2, 4, 4, 5]);
        assert!(close(summary.mean, 3.75));
        assert!(close(summary.sd, (4.75f64 / 3.0).sqrt()));
        assert!((summary.sd.unwrap() - 1.258_305_739).abs() < 1e-8);
        assert_eq!((summary.min, summary.max), (Some(2), Some(5)));
        assert_eq!(summary.counts, [0, 1, 0, 2, 1]);
    }

    #[test]
    fn agreement_has_zero_spread() {
        let summary = CriterionSummary::of(Criterion::Feasibility, &[3, 3, 3]);
        assert!(close(summary.mean, 3.0));
        assert!(close(summary.sd, 0.0));
    }

    #[test]
    fn out_of_range_scores_are_left_out() {
        let summary = CriterionSummary::of(Criterion::Jobs, &[0, 1, 6, 5]);
        assert!(close(summary.mean, 3.0));
        assert_eq!(summary.counts, [1, 0, 0, 0, 1]);
    }

    #[test]
    fn a_theme_summarises_each_criterion_in_order() {
        let theme = Uuid::nil();
        let summary = ThemeAssessment::of(theme, &[[1, 2, 3, 4, 5], [3, 2, 5, 4, 1]]);
        assert_eq!(summary.assessors, 2);
        let order: Vec<Criterion> = summary.criteria.iter().map(|c| c.criterion).collect();
        assert_eq!(order, Criterion::ALL.to_vec());
        // Jobs 1 and 3: mean 2, sd sqrt(((1-2)² + (3-2)²) / 1) = sqrt 2.
        let jobs = summary.criterion(Criterion::Jobs).unwrap();
        assert!(close(jobs.mean, 2.0));
        assert!(close(jobs.sd, 2f64.sqrt()));
        // Robustness 2 and 2: no spread.
        let robustness = summary.criterion(Criterion::Robustness).unwrap();
        assert!(close(robustness.sd, 0.0));
        assert_eq!(robustness.counts, [0, 2, 0, 0, 0]);
        let advantage = summary.criterion(Criterion::Advantage).unwrap();
        assert_eq!((advantage.min, advantage.max), (Some(1), Some(5)));
        assert!(close(advantage.mean, 3.0));
    }
}
