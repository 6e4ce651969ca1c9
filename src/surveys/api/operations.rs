//! The survey operations.

use actix_web::{HttpRequest, HttpResponse, get, web};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::bodies::{ResponseBody, ResponsePage, SurveyBody, SurveySummary};
use super::query::{ResponseQuery, ResultsQuery};
use crate::AppState;
use crate::api::auth::ApiEditor;
use crate::api::v1::errors::{ErrorBody, Invalid, request_lang};
use crate::entities::survey_response;
use crate::error::AppError;
use crate::surveys::model::{Audience, SurveyStatus};
use crate::surveys::results::{self, Results, read};
use crate::surveys::service::{self, responses::StoredResponse};
use crate::web::paging;

/// Every survey, newest first, with its number of responses.
#[utoipa::path(
    tag = "surveys",
    operation_id = "list_surveys",
    responses(
        (status = 200, description = "The surveys", body = Vec<SurveySummary>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's user may not read surveys", body = ErrorBody),
    ),
)]
#[get("/surveys")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn list_surveys(
    caller: ApiEditor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let list = service::list(&state.db).await?;
    let body: Vec<SurveySummary> = list
        .into_iter()
        .map(|listed| {
            let s = listed.survey;
            SurveySummary {
                id: s.id,
                title: s.title,
                audience: Audience::parse(&s.audience).unwrap_or(Audience::General),
                status: SurveyStatus::parse(&s.status).unwrap_or(SurveyStatus::Draft),
                responses: listed.responses,
                opens_at: s.opens_at,
                closes_at: s.closes_at,
                created_at: s.created_at,
                published_at: s.published_at,
                closed_at: s.closed_at,
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// One survey with its sections, and its questions with their codes and options.
#[utoipa::path(
    tag = "surveys",
    operation_id = "get_survey",
    params(("id" = Uuid, Path, description = "The survey's id")),
    responses(
        (status = 200, description = "The survey", body = SurveyBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's user may not read surveys", body = ErrorBody),
        (status = 404, description = "No such survey", body = ErrorBody),
    ),
)]
#[get("/surveys/{id}")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id, survey_id = %id))]
pub async fn get_survey(
    caller: ApiEditor,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let survey = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(SurveyBody::from(&survey)))
}

/// A survey's responses, oldest first, a page at a time; answers keyed by question code.
#[utoipa::path(
    tag = "surveys",
    operation_id = "list_survey_responses",
    params(("id" = Uuid, Path, description = "The survey's id"), ResponseQuery),
    responses(
        (status = 200, description = "A page of responses", body = ResponsePage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's user may not read surveys", body = ErrorBody),
        (status = 404, description = "No such survey", body = ErrorBody),
        (status = 422, description = "The page is not valid", body = ErrorBody),
    ),
)]
#[get("/surveys/{id}/responses")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id, survey_id = %id))]
pub async fn list_survey_responses(
    caller: ApiEditor,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: web::Query<ResponseQuery>,
) -> Result<HttpResponse, actix_web::Error> {
    let request = query
        .check()
        .map_err(|errors| Invalid::from_validation(request_lang(&req), &errors))?;
    let survey = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    let select = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey.id))
        .order_by_asc(survey_response::Column::SubmittedAt)
        .order_by_asc(survey_response::Column::Id);
    let page = paging::fetch(&state.db, select, request)
        .await
        .map_err(AppError::from)?;
    let page = page.map(|row| {
        let stored = StoredResponse::from_row(row);
        ResponseBody {
            id: stored.id,
            submitted_at: stored.submitted_at,
            language: stored.language,
            kiosk: stored.kiosk,
            stakeholder_group: stored.stakeholder_group,
            answers: stored
                .answers
                .into_iter()
                .filter_map(|(question, answer)| {
                    Some((survey.question(question)?.code.clone(), answer))
                })
                .collect(),
        }
    });
    Ok(HttpResponse::Ok().json(ResponsePage {
        total: page.total(),
        page: page.page(),
        per_page: page.per_page(),
        pages: page.pages(),
        items: page.items,
    }))
}

/// A survey's results: counts, shares, means and distributions per question,
/// as the results page shows them, for every response or one group's.
#[utoipa::path(
    tag = "surveys",
    operation_id = "survey_results",
    params(("id" = Uuid, Path, description = "The survey's id"), ResultsQuery),
    responses(
        (status = 200, description = "The results", body = Results),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's user may not read surveys", body = ErrorBody),
        (status = 404, description = "No such survey", body = ErrorBody),
        (status = 422, description = "The group is not valid", body = ErrorBody),
    ),
)]
#[get("/surveys/{id}/results")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id, survey_id = %id))]
pub async fn survey_results(
    caller: ApiEditor,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: web::Query<ResultsQuery>,
) -> Result<HttpResponse, actix_web::Error> {
    let lang = request_lang(&req);
    let group = query
        .check()
        .map_err(|errors| Invalid::from_validation(lang, &errors))?;
    let survey = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    let themes = read::theme_refs(&state.db, lang).await?;
    let responses = read::responses(&state.db, survey.id).await?;
    let results = results::aggregate(&survey, &themes, &responses, group.map(|g| g.code()));
    Ok(HttpResponse::Ok().json(results))
}
