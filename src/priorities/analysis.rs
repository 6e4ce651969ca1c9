//! Everything the ranking stands on, read once per request: the evidence
//! (with the pairwise survey's scores) and the project group's assessment.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use crate::error::AppError;
use crate::priorities::assessment::{self, ThemeAssessment};
use crate::priorities::evidence::{self, Evidence, PairwiseEvidence};
use crate::priorities::pairwise::{self, PairwiseScores};
use crate::priorities::ranking::result::AssessmentMeans;
use crate::web::Lang;

pub struct Basis {
    pub evidence: Evidence,
    pub pairwise: PairwiseScores,
    pub assessment: Vec<ThemeAssessment>,
    pub means: AssessmentMeans,
}

pub async fn gather(db: &impl ConnectionTrait, lang: Lang) -> Result<Basis, AppError> {
    let votes = pairwise::scores(db, lang).await?;
    let pairwise: HashMap<uuid::Uuid, PairwiseEvidence> = votes
        .options
        .iter()
        .filter_map(|o| {
            let theme_id = o.theme_id?;
            Some((
                theme_id,
                PairwiseEvidence {
                    score: o.score,
                    low: o.low,
                    high: o.high,
                    comparisons: o.wins + o.losses,
                },
            ))
        })
        .collect();
    let evidence = evidence::gather(db, lang, &pairwise).await?;
    let assessment = assessment::summary(db).await?;
    Ok(Basis {
        evidence,
        pairwise: votes,
        means: means(&assessment),
        assessment,
    })
}

/// Each assessed theme's mean per criterion, in `assessment::Criterion::ALL`
/// order, which is the order of the ranking's five assessment criteria.
pub fn means(assessment: &[ThemeAssessment]) -> AssessmentMeans {
    assessment
        .iter()
        .map(|t| {
            let mut means = [None; 5];
            for c in &t.criteria {
                means[c.criterion.index()] = c.mean;
            }
            (t.theme_id, means)
        })
        .collect()
}
