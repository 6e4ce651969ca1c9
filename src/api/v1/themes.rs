//! `/api/v1/themes`: list, read, create and update themes. The handlers
//! check the body and map the themes service's answers; the service does the rest.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use uuid::Uuid;
use validator::Validate;

use crate::AppState;
use crate::api::auth::{ApiEditor, ApiReader};
use crate::api::v1::PREFIX;
use crate::api::v1::errors::{ErrorBody, Invalid, request_lang};
use crate::api::v1::theme_bodies::{NewTheme, Theme, ThemeUpdate, unchecked};
use crate::error::AppError;
use crate::themes::changes::{self, CreateError};
use crate::themes::service;

/// Every theme, active or not, in the facilitators' order.
#[utoipa::path(
    tag = "themes",
    operation_id = "list_themes",
    responses(
        (status = 200, description = "All themes", body = Vec<Theme>),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
)]
#[get("/themes")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn list_themes(
    caller: ApiReader,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let themes: Vec<Theme> = service::list(&state.db)
        .await?
        .into_iter()
        .map(Theme::from)
        .collect();
    Ok(HttpResponse::Ok().json(themes))
}

/// One theme.
#[utoipa::path(
    tag = "themes",
    operation_id = "get_theme",
    params(("id" = Uuid, Path, description = "The theme's id")),
    responses(
        (status = 200, description = "The theme", body = Theme),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such theme", body = ErrorBody),
    ),
)]
#[get("/themes/{id}")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id, theme_id = %id))]
pub async fn get_theme(
    caller: ApiReader,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let theme = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(Theme::from(theme)))
}

/// Creates a theme at the end of the list. Needs a facilitator's or an admin's token.
#[utoipa::path(
    tag = "themes",
    operation_id = "create_theme",
    request_body = NewTheme,
    responses(
        (status = 201, description = "Created; `Location` names it", body = Theme),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not write", body = ErrorBody),
        (status = 422, description = "Invalid fields, each with a message; a slug in use is one", body = ErrorBody),
    ),
)]
#[post("/themes")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn create_theme(
    caller: ApiEditor,
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<NewTheme>,
) -> Result<HttpResponse, actix_web::Error> {
    let lang = request_lang(&req);
    let input = body.into_inner();
    input
        .validate()
        .map_err(|errors| Invalid::from_validation(lang, &errors))?;
    let new = input.checked().ok_or_else(unchecked)?;
    let theme = match changes::create_theme(&state.db, Some(caller.user.id), &new).await {
        Ok(theme) => theme,
        Err(CreateError::SlugTaken) => {
            return Err(Invalid::field(lang, "slug", "api.error_slug_taken").into());
        }
        Err(CreateError::Failed(err)) => return Err(err.into()),
    };
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("{PREFIX}/themes/{}", theme.id)))
        .json(Theme::from(theme)))
}

/// Replaces a theme's names, description, keywords, colour and active state.
/// Needs a facilitator's or an admin's token.
#[utoipa::path(
    tag = "themes",
    operation_id = "update_theme",
    params(("id" = Uuid, Path, description = "The theme's id")),
    request_body = ThemeUpdate,
    responses(
        (status = 200, description = "The updated theme", body = Theme),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not write", body = ErrorBody),
        (status = 404, description = "No such theme", body = ErrorBody),
        (status = 422, description = "Invalid fields, each with a message", body = ErrorBody),
    ),
)]
#[put("/themes/{id}")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id, theme_id = %id))]
pub async fn update_theme(
    caller: ApiEditor,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: web::Json<ThemeUpdate>,
) -> Result<HttpResponse, actix_web::Error> {
    let lang = request_lang(&req);
    let input = body.into_inner();
    // Unknown id first: a 404 says more than messages about the body.
    service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    input
        .validate()
        .map_err(|errors| Invalid::from_validation(lang, &errors))?;
    let (fields, active) = input.checked().ok_or_else(unchecked)?;
    let theme =
        changes::replace_theme(&state.db, Some(caller.user.id), *id, &fields, active).await?;
    Ok(HttpResponse::Ok().json(Theme::from(theme)))
}
