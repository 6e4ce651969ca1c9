//! `/api/v1/interview-slots`: the free times for anyone, every slot with
//! who booked it for a token, and offering a new one for an editor's token.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;
use sea_orm::EntityTrait;

use super::bodies::{FreeSlot, Slot};
use super::new_slot::NewSlot;
use crate::AppState;
use crate::api::auth::{ApiEditor, ApiReader};
use crate::api::v1::errors::{ErrorBody, Invalid, request_lang};
use crate::entities::user;
use crate::error::AppError;
use crate::interviews::service;

/// How long a cache may keep the free slots. Short, as they go when booked;
/// a stale list costs nothing worse than a "taken" on booking, which is
/// decided by one conditional write.
const FREE_CACHE_CONTROL: &str = "public, max-age=30";

/// The times a business can book now: offered, free and at least two hours
/// ahead, earliest first. Public: no token needed, and none is read; no
/// business is named.
#[utoipa::path(
    tag = "interviews",
    operation_id = "free_interview_slots",
    security(()),
    responses(
        (status = 200, description = "Free slots, earliest first", body = Vec<FreeSlot>),
    ),
)]
#[get("/interview-slots/free")]
#[tracing::instrument(skip_all)]
pub async fn free_slots(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let slots: Vec<FreeSlot> = service::free_slots(&state.db, Utc::now())
        .await?
        .into_iter()
        .map(FreeSlot::from)
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, FREE_CACHE_CONTROL))
        .json(slots))
}

/// Every slot ever offered, past and cancelled ones too, earliest first,
/// with the business that booked it.
#[utoipa::path(
    tag = "interviews",
    operation_id = "list_interview_slots",
    responses(
        (status = 200, description = "All slots, earliest first", body = Vec<Slot>),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
)]
#[get("/interview-slots")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn list_slots(
    caller: ApiReader,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let slots: Vec<Slot> = service::all_slots(&state.db)
        .await?
        .into_iter()
        .map(Slot::from)
        .collect();
    Ok(HttpResponse::Ok().json(slots))
}

/// Offers one slot. Needs a facilitator's or an admin's token.
#[utoipa::path(
    tag = "interviews",
    operation_id = "create_interview_slot",
    request_body = NewSlot,
    responses(
        (status = 201, description = "Offered", body = Slot),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not write", body = ErrorBody),
        (status = 422, description = "Invalid fields, each with a message", body = ErrorBody),
    ),
)]
#[post("/interview-slots")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn create_slot(
    caller: ApiEditor,
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<NewSlot>,
) -> Result<HttpResponse, actix_web::Error> {
    let lang = request_lang(&req);
    let checked = body
        .check(Utc::now())
        .map_err(|errors| Invalid::from_validation(lang, &errors))?;
    if let Some(id) = checked.place.facilitator_id {
        let staff = user::Entity::find_by_id(id)
            .one(&state.db)
            .await
            .map_err(AppError::from)?;
        if !staff.is_some_and(|u| !u.disabled && u.role.can_edit()) {
            return Err(
                Invalid::field(lang, "facilitator_id", "interviews.api.error_facilitator").into(),
            );
        }
    }
    let ids =
        service::create_slots(&state.db, &[checked.times], &checked.place, caller.user.id).await?;
    let id = ids
        .first()
        .copied()
        .ok_or_else(|| AppError::Unexpected("creating one slot returned none".into(), None))?;
    let slot = service::find_slot(&state.db, id).await?;
    Ok(HttpResponse::Created().json(Slot::from(slot)))
}
