//! The assessment in the JSON API (`/api/v1/priorities/assessments`): the
//! group's summary per theme and each assessor's answer. Any staff token
//! reads it, as the steering group reads the pages; the assessors are staff,
//! so their names are not personal data of the public.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::criteria::Criterion;
use super::service::{self, Entry};
use super::summary::ThemeAssessment;
use crate::AppState;
use crate::api::auth::ApiReader;
use crate::api::v1::errors::ErrorBody;
use crate::error::AppError;

/// The whole assessment.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentsBody {
    /// The criteria in the order every `scores` and `criteria` list follows.
    pub criteria: Vec<Criterion>,
    /// Every assessed theme, in the facilitators' order.
    pub themes: Vec<ThemeAssessment>,
    /// Each assessor's answer, by theme and then name.
    pub entries: Vec<Entry>,
}

/// The project group's assessment of the themes: summaries and each answer.
#[utoipa::path(
    tag = "priorities",
    operation_id = "list_priority_assessments",
    responses(
        (status = 200, description = "The summary per theme and every assessor's answer", body = AssessmentsBody),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
)]
#[get("/priorities/assessments")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn list_priority_assessments(
    caller: ApiReader,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let body = AssessmentsBody {
        criteria: Criterion::ALL.to_vec(),
        themes: service::summary(&state.db).await?,
        entries: service::entries(&state.db, None).await?,
    };
    Ok(HttpResponse::Ok().json(body))
}
