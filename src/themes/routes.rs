//! Handlers of the theme pages under `/admin/temaer`. Anyone signed in may
//! read the list; only editors (admins and facilitators) see forms, and every
//! POST checks the role before it reads the form.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;
use uuid::Uuid;

use super::changes::{self, CreateError};
use super::forms::{ImportForm, ThemeForm};
use super::service::{self, Direction, ImportError};
use super::views;
use crate::AppState;
use crate::error::AppError;
use crate::web::auth::{Editor, Staff};
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status};

pub fn configure(cfg: &mut web::ServiceConfig) {
    // The fixed paths come before `{id}` so they are not taken for one.
    cfg.route("/admin/temaer", web::get().to(list_themes))
        .route("/admin/temaer", web::post().to(create_theme))
        .route("/admin/temaer/ny", web::get().to(new_theme_form))
        .route("/admin/temaer/import", web::get().to(import_form))
        .route("/admin/temaer/import", web::post().to(import_themes))
        .route("/admin/temaer/{id}", web::get().to(edit_theme_form))
        .route("/admin/temaer/{id}", web::post().to(update_theme))
        .route("/admin/temaer/{id}/opp", web::post().to(move_theme_up))
        .route("/admin/temaer/{id}/ned", web::post().to(move_theme_down))
        .route("/admin/temaer/{id}/aktiver", web::post().to(activate_theme))
        .route(
            "/admin/temaer/{id}/deaktiver",
            web::post().to(deactivate_theme),
        );
}

/// Which notice the list shows after a change; only these words are known,
/// so the query string cannot put text on the page.
#[derive(Deserialize)]
struct ListQuery {
    melding: Option<String>,
    nye: Option<u32>,
    endret: Option<u32>,
    uendret: Option<u32>,
}

impl ListQuery {
    fn notice(&self, ctx: &PageContext) -> Option<String> {
        let key = match self.melding.as_deref()? {
            "opprettet" => "themes.notice.created",
            "lagret" => "themes.notice.saved",
            "flyttet" => "themes.notice.moved",
            "aktivert" => "themes.notice.activated",
            "deaktivert" => "themes.notice.deactivated",
            "importert" => {
                let count = |n: Option<u32>| n.unwrap_or_default().to_string();
                return Some(ctx.tr(
                    "themes.notice.imported",
                    &[
                        ("created", &count(self.nye)),
                        ("updated", &count(self.endret)),
                        ("unchanged", &count(self.uendret)),
                    ],
                ));
            }
            _ => return None,
        };
        Some(ctx.t(key).to_owned())
    }
}

/// A form posted with nothing but its CSRF token.
#[derive(Deserialize)]
struct NoFields {}

fn redirect(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// A form shown again with its messages; 422 tells tests and tools it failed.
fn invalid(page: Markup) -> HttpResponse {
    html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
}

#[tracing::instrument(skip_all)]
async fn list_themes(
    Staff(user): Staff,
    ctx: PageContext,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let themes = service::list(&state.db).await?;
    let notice = query.notice(&ctx);
    Ok(html(views::list(
        &ctx,
        &user,
        &themes,
        user.role.can_edit(),
        notice.as_deref(),
    )))
}

#[tracing::instrument(skip_all)]
async fn new_theme_form(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let colour = service::next_colour(&state.db).await?;
    let form = ThemeForm::blank(&colour);
    Ok(html(views::form_page(
        &ctx,
        &user,
        None,
        &form,
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all, fields(user = %user.id))]
async fn create_theme(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<ThemeForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.trimmed();
    let mut errors = form.errors(ctx.lang);
    // Said along with the other messages, so one round trip shows them all;
    // `create_theme` checks again and has the last word.
    if !errors.is_empty()
        && errors.get("slug").is_none()
        && service::get_by_slug(&state.db, &form.slug).await?.is_some()
    {
        errors.add("slug", ctx.t("themes.validation.slug_taken"));
    }
    let (Some(new), true) = (form.new_theme(), errors.is_empty()) else {
        return Ok(invalid(views::form_page(&ctx, &user, None, &form, &errors)));
    };
    match changes::create_theme(&state.db, Some(user.id), &new).await {
        Ok(theme) => Ok(redirect(&format!(
            "/admin/temaer?melding=opprettet#tema-{}",
            theme.slug
        ))),
        Err(CreateError::SlugTaken) => {
            errors.add("slug", ctx.t("themes.validation.slug_taken"));
            Ok(invalid(views::form_page(&ctx, &user, None, &form, &errors)))
        }
        Err(CreateError::Failed(err)) => Err(err),
    }
}

#[tracing::instrument(skip_all, fields(theme = %id))]
async fn edit_theme_form(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let theme = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = ThemeForm::from_theme(&theme);
    Ok(html(views::form_page(
        &ctx,
        &user,
        Some(&theme),
        &form,
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all, fields(theme = %id, user = %user.id))]
async fn update_theme(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<ThemeForm>,
) -> Result<HttpResponse, AppError> {
    let theme = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The slug is fixed once created; whatever the form says, it is this one.
    let form = ThemeForm {
        slug: theme.slug.clone(),
        ..form
    }
    .trimmed();
    let errors = form.errors(ctx.lang);
    let (Some(fields), true) = (form.fields(), errors.is_empty()) else {
        return Ok(invalid(views::form_page(
            &ctx,
            &user,
            Some(&theme),
            &form,
            &errors,
        )));
    };
    service::update(&state.db, Some(user.id), theme.id, &fields).await?;
    Ok(redirect(&format!(
        "/admin/temaer?melding=lagret#tema-{}",
        theme.slug
    )))
}

async fn move_theme(
    user: Uuid,
    state: &AppState,
    id: Uuid,
    direction: Direction,
) -> Result<HttpResponse, AppError> {
    let theme = service::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    service::move_theme(&state.db, Some(user), id, direction).await?;
    Ok(redirect(&format!(
        "/admin/temaer?melding=flyttet#tema-{}",
        theme.slug
    )))
}

#[tracing::instrument(skip_all, fields(theme = %id, user = %user.id))]
async fn move_theme_up(
    Editor(user): Editor,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    move_theme(user.id, &state, *id, Direction::Up).await
}

#[tracing::instrument(skip_all, fields(theme = %id, user = %user.id))]
async fn move_theme_down(
    Editor(user): Editor,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    move_theme(user.id, &state, *id, Direction::Down).await
}

async fn set_active(
    user: Uuid,
    state: &AppState,
    id: Uuid,
    active: bool,
) -> Result<HttpResponse, AppError> {
    let theme = service::set_active(&state.db, Some(user), id, active).await?;
    let message = if active { "aktivert" } else { "deaktivert" };
    Ok(redirect(&format!(
        "/admin/temaer?melding={message}#tema-{}",
        theme.slug
    )))
}

#[tracing::instrument(skip_all, fields(theme = %id, user = %user.id))]
async fn activate_theme(
    Editor(user): Editor,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_active(user.id, &state, *id, true).await
}

#[tracing::instrument(skip_all, fields(theme = %id, user = %user.id))]
async fn deactivate_theme(
    Editor(user): Editor,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_active(user.id, &state, *id, false).await
}

#[tracing::instrument(skip_all)]
async fn import_form(Editor(user): Editor, ctx: PageContext) -> HttpResponse {
    html(views::import_page(&ctx, &user, "", &FormErrors::new(), &[]))
}

#[tracing::instrument(skip_all, fields(user = %user.id))]
async fn import_themes(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<ImportForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::new();
    if form.csv.trim().is_empty() {
        errors.add("csv", ctx.t("themes.validation.csv_empty"));
        return Ok(invalid(views::import_page(
            &ctx,
            &user,
            &form.csv,
            &errors,
            &[],
        )));
    }
    match service::import_csv(&state.db, Some(user.id), form.csv.as_bytes()).await {
        Ok(report) => Ok(redirect(&format!(
            "/admin/temaer?melding=importert&nye={}&endret={}&uendret={}",
            report.created, report.updated, report.unchanged
        ))),
        Err(ImportError::Rejected(problems)) => {
            errors.add(
                "csv",
                ctx.tr(
                    "themes.validation.csv_rejected",
                    &[("count", &problems.len().to_string())],
                ),
            );
            Ok(invalid(views::import_page(
                &ctx, &user, &form.csv, &errors, &problems,
            )))
        }
        Err(ImportError::Failed(err)) => Err(err),
    }
}
