//! `/api/v1/businesses`: the businesses registered for an interview and how
//! far each has come, without their contact persons.

use actix_web::{HttpRequest, HttpResponse, get, web};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::bodies::{BookedSlot, Business, BusinessPage};
use super::query::BusinessQuery;
use crate::AppState;
use crate::api::auth::ApiReader;
use crate::api::v1::errors::{ErrorBody, Invalid, request_lang};
use crate::entities::business;
use crate::error::AppError;
use crate::interviews::service::{self, Overview};
use crate::interviews::size;
use crate::web::paging;

/// Registered businesses, oldest registration first, filtered and paged.
#[utoipa::path(
    tag = "interviews",
    operation_id = "list_businesses",
    params(BusinessQuery),
    responses(
        (status = 200, description = "A page of businesses", body = BusinessPage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "A filter or the page is not valid", body = ErrorBody),
    ),
)]
#[get("/businesses")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn list_businesses(
    caller: ApiReader,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<BusinessQuery>,
) -> Result<HttpResponse, actix_web::Error> {
    let filter = query
        .check()
        .map_err(|errors| Invalid::from_validation(request_lang(&req), &errors))?;
    let mut select = business::Entity::find().order_by_asc(business::Column::Id);
    if let Some(status) = filter.status {
        select = select.filter(business::Column::Status.eq(status.stored()));
    }
    if let Some(letter) = filter.industry {
        select = select.filter(business::Column::Industry.eq(letter.to_string()));
    }
    let page = paging::fetch(&state.db, select, filter.page)
        .await
        .map_err(AppError::from)?;
    let ids: Vec<Uuid> = page.items.iter().map(|b| b.id).collect();
    let mut overviews = service::overviews_of(&state.db, &ids).await?;
    let page = page.map(|row| {
        let overview = overviews.remove(&row.id).unwrap_or_default();
        business_body(row, overview)
    });
    Ok(HttpResponse::Ok().json(BusinessPage {
        total: page.total(),
        page: page.page(),
        per_page: page.per_page(),
        pages: page.pages(),
        items: page.items,
    }))
}

/// One business.
#[utoipa::path(
    tag = "interviews",
    operation_id = "get_business",
    params(("id" = Uuid, Path, description = "The business's id")),
    responses(
        (status = 200, description = "The business", body = Business),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such business", body = ErrorBody),
    ),
)]
#[get("/businesses/{id}")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id, business_id = %id))]
pub async fn get_business(
    caller: ApiReader,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let row = service::find(&state.db, *id).await?;
    let overview = service::overviews_of(&state.db, &[row.id])
        .await?
        .remove(&row.id)
        .unwrap_or_default();
    Ok(HttpResponse::Ok().json(business_body(row, overview)))
}

fn business_body(row: business::Model, overview: Overview) -> Business {
    let record = overview.record.as_ref();
    Business {
        id: row.id,
        org_number: row.org_number,
        name: row.name,
        industry: row.industry,
        employee_estimate: size::estimate(row.employees, row.size_band.as_deref()),
        employees: row.employees,
        size_band: row.size_band,
        preferred_format: row.preferred_format.into(),
        status: row.status.into(),
        wants_contact: row.wants_contact,
        themes: overview.themes,
        message: row.message,
        registered_at: row.created_at,
        updated_at: row.updated_at,
        slot: overview.slot.map(|slot| BookedSlot {
            id: slot.id,
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
        }),
        interview_id: record.map(|r| r.id),
        interview_status: record.map(|r| r.status.into()),
        held_at: record.and_then(|r| r.held_at),
        findings: overview.findings,
    }
}
