//! The assessment form as sent: five radio groups named by criterion code and
//! the rationale. Everything is read as text, so a tampered value is a
//! message at its field rather than a refused request.

use serde::Deserialize;

use super::criteria::Criterion;
use super::service::{RationaleProblem, rationale_problem, valid_score};
use crate::web::Lang;
use crate::web::forms::FormErrors;

/// The field of the rationale, after the five criteria on the form.
pub const RATIONALE: &str = "rationale";

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssessmentForm {
    pub jobs: String,
    pub robustness: String,
    pub development: String,
    pub feasibility: String,
    pub advantage: String,
    pub rationale: String,
}

impl AssessmentForm {
    /// The form filled in with an earlier answer.
    pub fn from_saved(scores: [u8; 5], rationale: &str) -> Self {
        let [jobs, robustness, development, feasibility, advantage] = scores.map(|s| s.to_string());
        Self {
            jobs,
            robustness,
            development,
            feasibility,
            advantage,
            rationale: rationale.to_owned(),
        }
    }

    /// What was sent for `criterion`, as text.
    pub fn value(&self, criterion: Criterion) -> &str {
        match criterion {
            Criterion::Jobs => &self.jobs,
            Criterion::Robustness => &self.robustness,
            Criterion::Development => &self.development,
            Criterion::Feasibility => &self.feasibility,
            Criterion::Advantage => &self.advantage,
        }
    }

    fn score(&self, criterion: Criterion) -> Option<u8> {
        self.value(criterion)
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|s| valid_score(*s))
    }

    /// The scores and the trimmed rationale, or a message at each field
    /// that needs one, in the form's order.
    pub fn check(&self, lang: Lang) -> Result<([u8; 5], String), FormErrors> {
        let mut errors = FormErrors::new();
        let mut scores = [0u8; 5];
        for criterion in Criterion::ALL {
            match self.score(criterion) {
                Some(score) => scores[criterion.index()] = score,
                None => errors.add(
                    criterion.code(),
                    lang.tr(
                        "assessment.validation.score",
                        &[("criterion", lang.t(criterion.label_key()))],
                    ),
                ),
            }
        }
        let key = match rationale_problem(&self.rationale) {
            Some(RationaleProblem::Missing) => Some("assessment.validation.rationale_missing"),
            Some(RationaleProblem::TooShort) => Some("assessment.validation.rationale_short"),
            Some(RationaleProblem::TooLong) => Some("assessment.validation.rationale_long"),
            None => None,
        };
        if let Some(key) = key {
            errors.add(RATIONALE, lang.t(key));
        }
        if errors.is_empty() {
            Ok((scores, self.rationale.trim().to_owned()))
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> AssessmentForm {
        AssessmentForm::from_saved([1, 2, 3, 4, 5], "Godt grunngitt vurdering.")
    }

    #[test]
    fn a_whole_form_gives_scores_in_criterion_order() {
        let (scores, rationale) = filled().check(Lang::Nb).unwrap();
        assert_eq!(scores, [1, 2, 3, 4, 5]);
        assert_eq!(rationale, "Godt grunngitt vurdering.");
    }

    #[test]
    fn each_bad_or_missing_score_and_the_rationale_get_a_message() {
        let form = AssessmentForm {
            jobs: "6".into(),
            feasibility: String::new(),
            advantage: "x".into(),
            rationale: "  ".into(),
            ..filled()
        };
        let errors = form.check(Lang::Nb).unwrap_err();
        for field in ["jobs", "feasibility", "advantage", RATIONALE] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        assert!(errors.get("robustness").is_none());
    }
}
