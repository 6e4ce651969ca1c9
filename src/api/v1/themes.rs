//! `/api/v1/themes`: list, read, create and update themes through the themes service.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::AppState;
use crate::api::auth::{ApiEditor, ApiReader};
use crate::api::v1::PREFIX;
use crate::api::v1::errors::{ErrorBody, Invalid, request_lang};
use crate::entities::theme;
use crate::error::AppError;
use crate::themes::service;
use crate::themes::values::{
    Colour, Name, Slug, TEXT_MAX, ThemeFields, is_valid_colour, is_valid_slug, normalise_keywords,
};

/// A theme (a candidate priority area).
#[derive(Debug, Serialize, ToSchema)]
pub struct Theme {
    pub id: Uuid,
    /// Stable identifier in URLs and files; it never changes.
    #[schema(example = "reiseliv")]
    pub slug: String,
    #[schema(example = "Reiseliv")]
    pub name_nb: String,
    #[schema(example = "Reiseliv")]
    pub name_nn: String,
    #[schema(example = "Tourism")]
    pub name_en: String,
    pub description: String,
    /// Words the tagger looks for.
    pub keywords: Vec<String>,
    /// `#rrggbb`, lower case.
    #[schema(example = "#1f5f8b")]
    pub colour: String,
    /// Place in the facilitators' order, from 1.
    pub position: i32,
    /// Whether inputs can be tagged with it now; inactive themes keep their tags.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<theme::Model> for Theme {
    fn from(row: theme::Model) -> Self {
        Self {
            id: row.id,
            keywords: row
                .keywords
                .split(',')
                .map(str::trim)
                .filter(|word| !word.is_empty())
                .map(str::to_owned)
                .collect(),
            slug: row.slug,
            name_nb: row.name_nb,
            name_nn: row.name_nn,
            name_en: row.name_en,
            description: row.description,
            colour: row.colour,
            position: row.position,
            active: row.active,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

fn check_slug(value: &str) -> Result<(), ValidationError> {
    is_valid_slug(value.trim())
        .then_some(())
        .ok_or_else(|| ValidationError::new("slug"))
}

fn check_name(value: &str) -> Result<(), ValidationError> {
    Name::parse(value)
        .map(|_| ())
        .map_err(|_| ValidationError::new("name"))
}

fn check_colour(value: &str) -> Result<(), ValidationError> {
    is_valid_colour(value.trim())
        .then_some(())
        .ok_or_else(|| ValidationError::new("colour"))
}

fn check_text(value: &str) -> Result<(), ValidationError> {
    (value.chars().count() <= TEXT_MAX)
        .then_some(())
        .ok_or_else(|| ValidationError::new("length"))
}

fn check_keywords(value: &[String]) -> Result<(), ValidationError> {
    check_text(&value.join(", "))
}

/// A new theme. Fields are optional in the type only so that a missing one
/// gets a message of its own; `required` says which must be there.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct NewTheme {
    /// 2–60 of `a-z`, `0-9` and `-`; cannot be changed later.
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_slug", message = "api.error_slug")
    )]
    #[schema(required = true, value_type = String, example = "reiseliv")]
    pub slug: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nb: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nn: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Tourism")]
    pub name_en: Option<String>,
    /// Up to 2000 characters; empty when left out.
    #[validate(custom(function = "check_text", message = "api.error_text_length"))]
    #[schema(value_type = String)]
    pub description: Option<String>,
    /// Empty when left out.
    #[validate(custom(function = "check_keywords", message = "api.error_text_length"))]
    #[schema(value_type = Vec<String>)]
    pub keywords: Option<Vec<String>>,
    /// `#rrggbb`; the next palette colour when left out.
    #[validate(custom(function = "check_colour", message = "api.error_colour"))]
    #[schema(value_type = String, example = "#1f5f8b")]
    pub colour: Option<String>,
    /// `true` when left out.
    #[schema(value_type = bool)]
    pub active: Option<bool>,
}

/// Everything about a theme that can change: each field must be given, as
/// `PUT` replaces the theme's state. The slug cannot change.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ThemeUpdate {
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nb: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nn: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Tourism")]
    pub name_en: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_text", message = "api.error_text_length")
    )]
    /// Up to 2000 characters; may be empty.
    #[schema(required = true, value_type = String)]
    pub description: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_keywords", message = "api.error_text_length")
    )]
    /// May be empty.
    #[schema(required = true, value_type = Vec<String>)]
    pub keywords: Option<Vec<String>>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_colour", message = "api.error_colour")
    )]
    /// `#rrggbb`.
    #[schema(required = true, value_type = String, example = "#1f5f8b")]
    pub colour: Option<String>,
    #[validate(required(message = "api.error_required"))]
    /// Whether inputs can be tagged with it.
    #[schema(required = true, value_type = bool)]
    pub active: Option<bool>,
}

/// The service's values from checked input; `None` only if a check above was skipped.
fn theme_fields(
    names: [&Option<String>; 3],
    description: &Option<String>,
    keywords: &Option<Vec<String>>,
    colour: Colour,
) -> Option<ThemeFields> {
    let name = |value: &Option<String>| value.as_deref().and_then(|v| Name::parse(v).ok());
    Some(ThemeFields {
        name_nb: name(names[0])?,
        name_nn: name(names[1])?,
        name_en: name(names[2])?,
        description: description.as_deref().unwrap_or_default().trim().to_owned(),
        keywords: normalise_keywords(&keywords.as_deref().unwrap_or_default().join(", ")),
        colour,
    })
}

fn unchecked() -> AppError {
    AppError::Unexpected(
        "theme input passed validation but did not parse".into(),
        None,
    )
}

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
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not write", body = ErrorBody),
        (status = 409, description = "The slug was taken at the same moment", body = ErrorBody),
        (status = 422, description = "Invalid fields, each with a message", body = ErrorBody),
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
    let slug = Slug::parse(input.slug.as_deref().unwrap_or_default()).map_err(|_| unchecked())?;
    if service::get_by_slug(&state.db, slug.as_str())
        .await?
        .is_some()
    {
        return Err(Invalid::field(lang, "slug", "api.error_slug_taken").into());
    }
    let colour = match input.colour.as_deref() {
        Some(colour) => Colour::parse(colour).map_err(|_| unchecked())?,
        None => service::next_colour(&state.db).await?,
    };
    let fields = theme_fields(
        [&input.name_nb, &input.name_nn, &input.name_en],
        &input.description,
        &input.keywords,
        colour,
    )
    .ok_or_else(unchecked)?;
    let actor = Some(caller.user.id);
    // One transaction, so a theme is never left half-made.
    let txn = state.db.begin().await.map_err(AppError::from)?;
    let mut theme = service::create(&txn, actor, &slug, &fields).await?;
    if input.active == Some(false) {
        theme = service::set_active(&txn, actor, theme.id, false).await?;
    }
    txn.commit().await.map_err(AppError::from)?;
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
    let colour =
        Colour::parse(input.colour.as_deref().unwrap_or_default()).map_err(|_| unchecked())?;
    let fields = theme_fields(
        [&input.name_nb, &input.name_nn, &input.name_en],
        &input.description,
        &input.keywords,
        colour,
    )
    .ok_or_else(unchecked)?;
    let active = input.active.ok_or_else(unchecked)?;
    let actor = Some(caller.user.id);
    // One transaction, so the fields and the active state change together.
    let txn = state.db.begin().await.map_err(AppError::from)?;
    service::update(&txn, actor, *id, &fields).await?;
    let theme = service::set_active(&txn, actor, *id, active).await?;
    txn.commit().await.map_err(AppError::from)?;
    Ok(HttpResponse::Ok().json(Theme::from(theme)))
}
