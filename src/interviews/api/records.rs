//! `/api/v1/interviews` and `/api/v1/interview-findings`: the records with
//! their answers, and the findings as the inputs they are.

use actix_web::{HttpRequest, HttpResponse, get, web};
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::bodies::{Answer, Finding, FindingPage, Interview, InterviewPage};
use super::query::{FindingQuery, InterviewQuery};
use crate::AppState;
use crate::api::auth::ApiReader;
use crate::api::v1::errors::{ErrorBody, Invalid, request_lang};
use crate::entities::{input, interview, interview_finding};
use crate::error::AppError;
use crate::inputs::tags::{self, PUBLIC_ORIGINS};
use crate::interviews::service::{self, AnswerInGuide};
use crate::web::paging;

/// Interview records, oldest first, each with its answers and finding ids.
#[utoipa::path(
    tag = "interviews",
    operation_id = "list_interviews",
    params(InterviewQuery),
    responses(
        (status = 200, description = "A page of interview records", body = InterviewPage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "A filter or the page is not valid", body = ErrorBody),
    ),
)]
#[get("/interviews")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn list_interviews(
    caller: ApiReader,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<InterviewQuery>,
) -> Result<HttpResponse, actix_web::Error> {
    let filter = query
        .check()
        .map_err(|errors| Invalid::from_validation(request_lang(&req), &errors))?;
    let mut select = interview::Entity::find().order_by_asc(interview::Column::Id);
    if let Some(status) = filter.status {
        select = select.filter(interview::Column::Status.eq(status.stored()));
    }
    let mut page = paging::fetch(&state.db, select, filter.page)
        .await
        .map_err(AppError::from)?;
    let items = with_answers(&state, std::mem::take(&mut page.items)).await?;
    Ok(HttpResponse::Ok().json(InterviewPage {
        total: page.total(),
        page: page.page(),
        per_page: page.per_page(),
        pages: page.pages(),
        items,
    }))
}

/// One interview record with its answers and finding ids.
#[utoipa::path(
    tag = "interviews",
    operation_id = "get_interview",
    params(("id" = Uuid, Path, description = "The interview record's id")),
    responses(
        (status = 200, description = "The interview record", body = Interview),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such interview", body = ErrorBody),
    ),
)]
#[get("/interviews/{id}")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id, interview_id = %id))]
pub async fn get_interview(
    caller: ApiReader,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let record = service::find_record(&state.db, *id).await?;
    let interview = with_answers(&state, vec![record])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(interview))
}

async fn with_answers(
    state: &AppState,
    records: Vec<interview::Model>,
) -> Result<Vec<Interview>, AppError> {
    let ids: Vec<Uuid> = records.iter().map(|r| r.id).collect();
    let mut answers = service::answers_of(&state.db, &ids).await?;
    let mut findings = service::finding_ids_of(&state.db, &ids).await?;
    Ok(records
        .into_iter()
        .map(|record| Interview {
            answers: answers
                .remove(&record.id)
                .unwrap_or_default()
                .into_iter()
                .map(|AnswerInGuide { answer, question }| Answer {
                    question_id: answer.question_id,
                    position: question.as_ref().map(|q| q.position),
                    topic: question.map(|q| q.topic),
                    question: answer.question,
                    answer: answer.answer,
                    updated_at: answer.updated_at,
                })
                .collect(),
            finding_ids: findings.remove(&record.id).unwrap_or_default(),
            id: record.id,
            business_id: record.business_id,
            status: record.status.into(),
            held_at: record.held_at,
            summary: record.summary,
            employee_change: record.employee_change,
            created_at: record.created_at,
            updated_at: record.updated_at,
        })
        .collect())
}

/// Findings of every interview, oldest first, with their themes.
#[utoipa::path(
    tag = "interviews",
    operation_id = "list_interview_findings",
    params(FindingQuery),
    responses(
        (status = 200, description = "A page of findings", body = FindingPage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "A filter or the page is not valid", body = ErrorBody),
    ),
)]
#[get("/interview-findings")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn list_findings(
    caller: ApiReader,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<FindingQuery>,
) -> Result<HttpResponse, actix_web::Error> {
    let filter = query
        .check()
        .map_err(|errors| Invalid::from_validation(request_lang(&req), &errors))?;
    let mut select = interview_finding::Entity::find()
        .find_also_related(input::Entity)
        .order_by_asc(interview_finding::Column::InputId);
    if let Some(business_id) = filter.business_id {
        select = select.filter(interview_finding::Column::BusinessId.eq(business_id));
    }
    let page = paging::fetch(&state.db, select, filter.page)
        .await
        .map_err(AppError::from)?;
    let ids: Vec<Uuid> = page.items.iter().map(|(f, _)| f.input_id).collect();
    let mut tags = tags::tags_of(&state.db, &ids).await?;
    let items = page
        .items
        .iter()
        .filter_map(|(finding, input)| {
            let input = input.as_ref()?;
            let themes = tags
                .remove(&input.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|tag| PUBLIC_ORIGINS.contains(&tag.origin))
                .map(|tag| tag.theme.slug)
                .collect();
            Some(Finding {
                id: input.id,
                interview_id: finding.interview_id,
                business_id: finding.business_id,
                body: input.body.clone(),
                status: input.status.to_value(),
                language: input.language.clone(),
                themes,
                created_at: input.created_at,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(FindingPage {
        total: page.total(),
        page: page.page(),
        per_page: page.per_page(),
        pages: page.pages(),
        items,
    }))
}
