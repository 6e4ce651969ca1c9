//! Handlers of the assessment pages under `/admin/prioritering/vurdering`.
//! Anyone signed in reads them; only editors (the project group) get the
//! form, and the POST checks the role before it reads the form.

use std::collections::{HashMap, HashSet};

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use super::forms::AssessmentForm;
use super::service;
use super::views::{self, LIST_PATH, ListRow};
use crate::AppState;
use crate::entities::{theme, user};
use crate::error::AppError;
use crate::themes::service as themes;
use crate::web::auth::{Editor, Staff};
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(LIST_PATH, web::get().to(list_assessments))
        .route(
            "/admin/prioritering/vurdering/{theme_id}",
            web::get().to(assessment_form),
        )
        .route(
            "/admin/prioritering/vurdering/{theme_id}",
            web::post().to(save_assessment),
        );
}

/// The notice after a save; only this word is known, so the query string
/// cannot put text on the page.
#[derive(Deserialize)]
struct ListQuery {
    melding: Option<String>,
}

#[tracing::instrument(skip_all, fields(user = %user.id))]
async fn list_assessments(
    Staff(user): Staff,
    ctx: PageContext,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let active = themes::list_active(&state.db).await?;
    let mut summaries: HashMap<Uuid, _> = service::summary(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.theme_id, s))
        .collect();
    let mine: HashSet<Uuid> = service::entries(&state.db, None)
        .await?
        .into_iter()
        .filter(|e| e.user_id == user.id)
        .map(|e| e.theme_id)
        .collect();
    let rows: Vec<ListRow> = active
        .into_iter()
        .map(|theme| ListRow {
            assessed: mine.contains(&theme.id),
            summary: summaries.remove(&theme.id),
            theme,
        })
        .collect();
    let notice = (query.melding.as_deref() == Some("lagret")).then(|| ctx.t("assessment.saved"));
    Ok(html(views::list_page(&ctx, &user, &rows, notice)))
}

/// An unknown or inactive theme has no assessment page.
async fn theme_for_page(state: &AppState, theme_id: Uuid) -> Result<theme::Model, AppError> {
    match service::assessable_theme(&state.db, theme_id).await {
        Err(AppError::Validation(_)) => Err(AppError::NotFound),
        other => other,
    }
}

/// The page with `form` for an editor, or without one for an observer.
async fn render_theme_page(
    ctx: &PageContext,
    state: &AppState,
    user: &user::Model,
    theme: &theme::Model,
    form: Option<(&AssessmentForm, &FormErrors)>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let others: Vec<_> = service::entries(&state.db, Some(theme.id))
        .await?
        .into_iter()
        .filter(|e| e.user_id != user.id)
        .collect();
    Ok(html_status(
        status,
        views::theme_page(ctx, user, theme, form, &others),
    ))
}

#[tracing::instrument(skip_all, fields(user = %user.id, theme = %theme_id))]
async fn assessment_form(
    Staff(user): Staff,
    ctx: PageContext,
    state: web::Data<AppState>,
    theme_id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let theme = theme_for_page(&state, *theme_id).await?;
    let form = if user.role.can_edit() {
        Some(match service::own(&state.db, user.id, theme.id).await? {
            Some((scores, rationale)) => AssessmentForm::from_saved(scores, &rationale),
            None => AssessmentForm::default(),
        })
    } else {
        None
    };
    let errors = FormErrors::new();
    render_theme_page(
        &ctx,
        &state,
        &user,
        &theme,
        form.as_ref().map(|f| (f, &errors)),
        StatusCode::OK,
    )
    .await
}

#[tracing::instrument(skip_all, fields(user = %user.id, theme = %theme_id))]
async fn save_assessment(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    theme_id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<AssessmentForm>,
) -> Result<HttpResponse, AppError> {
    let theme = theme_for_page(&state, *theme_id).await?;
    match form.check(ctx.lang) {
        Ok((scores, rationale)) => {
            service::save(&state.db, user.id, theme.id, scores, &rationale).await?;
            Ok(see_other(&format!(
                "{LIST_PATH}?melding=lagret#tema-{}",
                theme.slug
            )))
        }
        // 422 tells tests and tools the form came back with messages.
        Err(errors) => {
            render_theme_page(
                &ctx,
                &state,
                &user,
                &theme,
                Some((&form, &errors)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
