//! The pairwise survey in the JSON API (`/api/v1/priorities/pairwise`): the
//! scores, and every vote for audit. Any staff token reads; nothing here
//! names a person, and a browser's stream shows only as its keyed hash.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{ValidationError, ValidationErrors};

use super::service::{scores::PairwiseScores, votes};
use crate::AppState;
use crate::api::auth::ApiReader;
use crate::api::v1::errors::{ErrorBody, Invalid, request_lang};
use crate::entities::pairwise_vote::{self, Outcome};
use crate::error::AppError;
use crate::web::paging::{MAX_PAGE, MAX_PER_PAGE, PageRequest};

const DEFAULT_PER_PAGE: u64 = 100;

/// The scores of the options shown to voters, highest first; labels in the
/// language of `Accept-Language`.
#[utoipa::path(
    tag = "priorities",
    operation_id = "pairwise_scores",
    responses(
        (status = 200, description = "The scores", body = PairwiseScores),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
)]
#[get("/priorities/pairwise/scores")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn pairwise_scores(
    caller: ApiReader,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let scores = super::service::scores::scores(&state.db, request_lang(&req)).await?;
    Ok(HttpResponse::Ok().json(scores))
}

/// How a vote went.
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum VoteOutcome {
    /// The left option was chosen.
    Left,
    /// The right option was chosen.
    Right,
    /// "Can't decide": counted, not a comparison.
    Skip,
}

/// One vote.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VoteBody {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    /// The voting browser, as a keyed hash of a random id in its cookie.
    pub stream: String,
    pub left_id: Uuid,
    pub right_id: Uuid,
    pub outcome: VoteOutcome,
    /// The page's language: `nb`, `nn` or `en`.
    pub language: String,
}

impl From<pairwise_vote::Model> for VoteBody {
    fn from(vote: pairwise_vote::Model) -> Self {
        Self {
            id: vote.id,
            created_at: vote.created_at,
            stream: vote.stream_hash,
            left_id: vote.left_id,
            right_id: vote.right_id,
            outcome: match vote.outcome {
                Outcome::Left => VoteOutcome::Left,
                Outcome::Right => VoteOutcome::Right,
                Outcome::Skip => VoteOutcome::Skip,
            },
            language: vote.language,
        }
    }
}

/// A page of votes.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VotePage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub pages: u64,
    pub items: Vec<VoteBody>,
}

/// Page of `GET /api/v1/priorities/pairwise/votes`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VoteQuery {
    /// The page, from 1 (the default).
    #[param(value_type = Option<u64>, minimum = 1)]
    pub page: Option<String>,
    /// Rows per page: 1 to 100, 100 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

impl VoteQuery {
    fn check(&self) -> Result<PageRequest, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut number =
            |field: &'static str, value: &Option<String>, default: u64, max: u64| match value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                None => default,
                Some(v) => match v.parse::<u64>() {
                    Ok(n) if (1..=max).contains(&n) => n,
                    _ => {
                        errors.add(
                            field,
                            ValidationError::new("invalid")
                                .with_message("api.error_invalid".into()),
                        );
                        default
                    }
                },
            };
        let page = number("page", &self.page, 1, MAX_PAGE);
        let per_page = number("per_page", &self.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE);
        if errors.is_empty() {
            Ok(PageRequest::new(page, per_page))
        } else {
            Err(errors)
        }
    }
}

/// Every vote, oldest first, a page at a time: to audit or refit the scores.
#[utoipa::path(
    tag = "priorities",
    operation_id = "list_pairwise_votes",
    params(VoteQuery),
    responses(
        (status = 200, description = "A page of votes", body = VotePage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "The page is not valid", body = ErrorBody),
    ),
)]
#[get("/priorities/pairwise/votes")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn list_pairwise_votes(
    caller: ApiReader,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<VoteQuery>,
) -> Result<HttpResponse, actix_web::Error> {
    let request = query
        .check()
        .map_err(|errors| Invalid::from_validation(request_lang(&req), &errors))?;
    let page = votes::page(&state.db, request).await?.map(VoteBody::from);
    Ok(HttpResponse::Ok().json(VotePage {
        total: page.total(),
        page: page.page(),
        per_page: page.per_page(),
        pages: page.pages(),
        items: page.items,
    }))
}
