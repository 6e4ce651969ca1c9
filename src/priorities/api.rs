//! Prioritisation in the JSON API: the evidence, the weight scenarios, a
//! scenario's ranking with its sensitivity, and the whole report. Any staff
//! token reads; an editor's token saves scenarios. The pairwise survey and
//! the assessment have their own operations beside their pages.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::api::auth::{ApiEditor, ApiReader};
use crate::api::v1::errors::{ErrorBody, request_lang};
use crate::error::AppError;
use crate::priorities::analysis;
use crate::priorities::criteria::Criterion;
use crate::priorities::evidence::Evidence;
use crate::priorities::ranking::result::{self, Ranking};
use crate::priorities::ranking::scenario::{self, Scenario, ScenarioFields};
use crate::priorities::ranking::sensitivity::SensitivitySettings;
use crate::priorities::report::{self, Report};

/// The evidence per active theme, with participation over all inputs.
#[utoipa::path(
    tag = "priorities",
    operation_id = "priority_evidence",
    responses(
        (status = 200, description = "Evidence per theme", body = Evidence),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
)]
#[get("/priorities/evidence")]
pub async fn priority_evidence(
    _caller: ApiReader,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let basis = analysis::gather(&state.db, request_lang(&req)).await?;
    Ok(HttpResponse::Ok().json(basis.evidence))
}

/// Every saved weight scenario, oldest first.
#[utoipa::path(
    tag = "priorities",
    operation_id = "list_priority_scenarios",
    responses(
        (status = 200, description = "The scenarios", body = Vec<Scenario>),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
)]
#[get("/priorities/scenarios")]
pub async fn list_priority_scenarios(
    _caller: ApiReader,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok().json(scenario::list(&state.db).await?))
}

/// A new scenario. Weights are by criterion code; a criterion left out weighs 0.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewScenario {
    pub name: String,
    pub weights: BTreeMap<String, f64>,
    /// 3 or 4; 4 when left out.
    pub areas: Option<u8>,
    pub samples: Option<u32>,
    pub concentration: Option<f64>,
    pub seed: Option<u64>,
}

/// Saves a weight scenario (an editor's token).
#[utoipa::path(
    tag = "priorities",
    operation_id = "create_priority_scenario",
    request_body = NewScenario,
    responses(
        (status = 201, description = "Saved", body = Scenario),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an editor's token", body = ErrorBody),
        (status = 409, description = "The name is taken", body = ErrorBody),
        (status = 422, description = "A field is out of range or a criterion unknown", body = ErrorBody),
    ),
)]
#[post("/priorities/scenarios")]
pub async fn create_priority_scenario(
    caller: ApiEditor,
    state: web::Data<AppState>,
    body: web::Json<NewScenario>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let defaults = SensitivitySettings::default();
    let mut weights = [0.0; 14];
    for (code, weight) in &body.weights {
        let criterion = Criterion::parse(code)
            .ok_or_else(|| AppError::Validation(format!("unknown criterion {code:?}")))?;
        weights[criterion.index()] = *weight;
    }
    let fields = ScenarioFields {
        name: body.name,
        weights,
        areas: body.areas.unwrap_or(4),
        sensitivity: SensitivitySettings {
            samples: body.samples.unwrap_or(defaults.samples),
            concentration: body.concentration.unwrap_or(defaults.concentration),
            seed: body.seed.unwrap_or(defaults.seed),
        },
    };
    let id = scenario::create(&state.db, Some(caller.user.id), &fields).await?;
    let saved = scenario::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Created().json(saved))
}

/// A scenario's ranking: raw and normalised criteria per theme, the weights,
/// the places and the sensitivity analysis.
#[utoipa::path(
    tag = "priorities",
    operation_id = "priority_ranking",
    params(("id" = Uuid, Path, description = "The scenario")),
    responses(
        (status = 200, description = "The ranking", body = Ranking),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such scenario, or no active theme to rank", body = ErrorBody),
    ),
)]
#[get("/priorities/scenarios/{id}/ranking")]
pub async fn priority_ranking(
    _caller: ApiReader,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let found = scenario::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    let basis = analysis::gather(&state.db, request_lang(&req)).await?;
    let ranking = result::rank(&basis.evidence, &basis.means, &found).ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(ranking))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportQuery {
    /// The scenario; the one chosen for the report when left out.
    pub scenario: Option<Uuid>,
}

/// The report "Kunnskapsgrunnlag fra mobiliseringen" as data: everything
/// needed to rank the themes again.
#[utoipa::path(
    tag = "priorities",
    operation_id = "priority_report",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such scenario", body = ErrorBody),
    ),
)]
#[get("/priorities/report")]
pub async fn priority_report(
    _caller: ApiReader,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = request_lang(&req);
    let chosen = report::scenario_for(&state.db, lang, query.scenario).await?;
    Ok(HttpResponse::Ok().json(report::build(&state.db, lang, &chosen).await?))
}
