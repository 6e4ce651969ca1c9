//! The report "Kunnskapsgrunnlag fra mobiliseringen": participation, the
//! evidence and assessment per theme, the ranking with its method, weights
//! and sensitivity, and the chosen innsatsområder with the inputs that
//! suggest measures. One `Report` value feeds the printable page, the XLSX
//! workbook and the JSON document, so the three always agree.

pub mod xlsx;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use uuid::Uuid;

use crate::error::AppError;
use crate::priorities::analysis;
use crate::priorities::assessment::{self, Entry, ThemeAssessment};
use crate::priorities::evidence::{Evidence, Quote};
use crate::priorities::pairwise::PairwiseScores;
use crate::priorities::ranking::result::{self, Ranking};
use crate::priorities::ranking::scenario::{self, Scenario, ScenarioFields};
use crate::settings::service as settings;
use crate::web::Lang;

/// How many inputs each chosen area lists as candidate measures.
pub const MEASURES: usize = 8;

/// A chosen innsatsområde and the inputs that suggest its first measures.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ChosenArea {
    pub theme_id: Uuid,
    pub name: String,
    pub place: usize,
    pub measures: Vec<Quote>,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub programme: String,
    pub municipality: String,
    pub generated_at: DateTime<Utc>,
    pub evidence: Evidence,
    /// The project group's scores per theme, and each assessor's answer.
    pub assessment: Vec<ThemeAssessment>,
    pub rationales: Vec<Entry>,
    /// The pairwise survey: every option's score, proposals included.
    pub pairwise: PairwiseScores,
    /// Absent only when no theme is active.
    pub ranking: Option<Ranking>,
    pub chosen: Vec<ChosenArea>,
}

/// The scenario a report presents: the one asked for, else the chosen one,
/// else the newest, else the default weights (unsaved, nil id).
pub async fn scenario_for(
    db: &impl ConnectionTrait,
    lang: Lang,
    asked: Option<Uuid>,
) -> Result<Scenario, AppError> {
    if let Some(id) = asked {
        return scenario::get(db, id).await?.ok_or(AppError::NotFound);
    }
    if let Some(found) = scenario::for_report(db).await? {
        return Ok(found);
    }
    let fields = ScenarioFields::default();
    let now = Utc::now();
    Ok(Scenario {
        id: Uuid::nil(),
        name: lang.t("priorities.default_scenario").to_owned(),
        weights: fields.weights,
        areas: fields.areas,
        sensitivity: fields.sensitivity,
        chosen: false,
        created_at: now,
        updated_at: now,
    })
}

pub async fn build(
    db: &impl ConnectionTrait,
    lang: Lang,
    scenario: &Scenario,
) -> Result<Report, AppError> {
    let programme = settings::current(db).await?;
    let basis = analysis::gather(db, lang).await?;
    let ranking = result::rank(&basis.evidence, &basis.means, scenario);
    let chosen = ranking
        .iter()
        .flat_map(|r| r.themes.iter().filter(|t| t.chosen))
        .map(|t| ChosenArea {
            theme_id: t.theme.id,
            name: t.theme.name.clone(),
            place: t.place,
            measures: basis
                .evidence
                .themes
                .iter()
                .find(|e| e.theme.id == t.theme.id)
                .map(|e| e.quotes.iter().take(MEASURES).cloned().collect())
                .unwrap_or_default(),
        })
        .collect();
    Ok(Report {
        programme: programme.programme_name,
        municipality: programme.municipality_name,
        generated_at: basis.evidence.generated_at,
        evidence: basis.evidence,
        assessment: basis.assessment,
        rationales: assessment::entries(db, None).await?,
        pairwise: basis.pairwise,
        ranking,
        chosen,
    })
}
