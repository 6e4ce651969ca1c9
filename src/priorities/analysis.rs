//! Everything the ranking stands on, read once per request: the evidence
//! (with the pairwise survey's scores) and the assessment's means.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use crate::error::AppError;
use crate::priorities::evidence::{self, Evidence, PairwiseEvidence};
use crate::priorities::ranking::result::AssessmentMeans;
use crate::web::Lang;

pub struct Basis {
    pub evidence: Evidence,
    pub assessment: AssessmentMeans,
}

pub async fn gather(db: &impl ConnectionTrait, lang: Lang) -> Result<Basis, AppError> {
    let pairwise: HashMap<uuid::Uuid, PairwiseEvidence> = HashMap::new();
    let evidence = evidence::gather(db, lang, &pairwise).await?;
    Ok(Basis {
        evidence,
        assessment: AssessmentMeans::new(),
    })
}
