//! Handlers of the moderation pages under `/admin/ideer`. Only editors
//! (admins and facilitators) may open them: they show contact details. Every
//! POST checks the role and the CSRF token before it changes anything, and
//! ends in a redirect back to the idea with a notice.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;
use validator::{Validate, ValidationErrors};

use crate::AppState;
use crate::entities::input::Channel;
use crate::error::AppError;
use crate::ideas::merge::{self, MergeError};
use crate::ideas::views::moderate::{self as views, DetailPage, FormState, detail_path};
use crate::ideas::views::queue as queue_view;
use crate::inputs::moderation::{self, Outcome, PublishOutcome};
use crate::inputs::queue;
use crate::themes::service as themes;
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::paging::PageRequest;
use crate::web::{Lang, PageContext, html, html_status, see_other, session};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/ideer", web::get().to(idea_queue))
        .route("/admin/ideer/{id}", web::get().to(idea_detail))
        .route("/admin/ideer/{id}/publiser", web::post().to(publish_idea))
        .route("/admin/ideer/{id}/skjul", web::post().to(hide_idea))
        .route("/admin/ideer/{id}/rediger", web::post().to(edit_idea))
        .route("/admin/ideer/{id}/tema", web::post().to(set_idea_themes))
        .route("/admin/ideer/{id}/slå-sammen", web::post().to(merge_idea));
}

#[derive(Deserialize)]
struct QueueQuery {
    status: Option<String>,
    side: Option<String>,
}

#[tracing::instrument(skip_all)]
async fn idea_queue(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    // The queue proper unless another tab is chosen; "alle" (all) or an
    // unknown word shows every idea, the pending ones first.
    let filter = match query.status.as_deref() {
        None | Some("") => Some(crate::entities::input::Status::Pending),
        Some(code) => crate::inputs::parse_status(code),
    };
    let page = PageRequest::parse(query.side.as_deref(), queue::PER_PAGE);
    let queue = queue::queue(&state.db, Channel::Idea, filter, page).await?;
    Ok(html(queue_view::queue(&ctx, &user, filter, &queue)))
}

#[tracing::instrument(skip_all, fields(idea = %id))]
async fn idea_detail(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let flash = session::take_flash(&session);
    render_detail(&ctx, &state, &user, *id, None, flash.as_deref()).await
}

/// The detail page; with `form`, a failed submission shown again with 422.
async fn render_detail(
    ctx: &PageContext,
    state: &AppState,
    user: &crate::entities::user::Model,
    id: Uuid,
    form: Option<FormState>,
    flash: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let detail = moderation::get(&state.db, Channel::Idea, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let active_themes = themes::list_active(&state.db).await?;
    let merge_targets = moderation::merge_targets(&state.db, Channel::Idea, id).await?;
    let status = if form.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let form = form.unwrap_or_else(|| FormState::for_idea(&detail.input));
    let page = DetailPage {
        detail: &detail,
        active_themes: &active_themes,
        merge_targets: &merge_targets,
        flash: flash.map(|key| ctx.t(key)),
    };
    let markup = views::detail(ctx, user, &page, &form);
    Ok(if status == StatusCode::OK {
        html(markup)
    } else {
        html_status(status, markup)
    })
}

/// Back to the idea, with a notice (a locale key) for the next page.
fn done(session: &Session, id: Uuid, notice: &str) -> HttpResponse {
    session::flash(session, notice);
    see_other(&detail_path(id))
}

/// A form's messages in the page's language; each rule's `message` is a key
/// under `ideas_admin.validation`.
fn form_errors(lang: Lang, errors: &ValidationErrors, order: &[&str]) -> FormErrors {
    let mut form_errors = FormErrors::new();
    let fields = errors.field_errors();
    for field in order {
        if let Some(first) = fields.get(*field).and_then(|list| list.first()) {
            let key = first.message.as_deref().unwrap_or(first.code.as_ref());
            form_errors.add(field, lang.t(&format!("ideas_admin.validation.{key}")));
        }
    }
    form_errors
}

/// The publish button carries the version of the text on the page.
#[derive(Deserialize)]
struct PublishForm {
    #[serde(default)]
    version: Option<String>,
}

#[tracing::instrument(skip_all, fields(idea = %id, user = %user.id))]
async fn publish_idea(
    Editor(user): Editor,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<PublishForm>,
) -> Result<HttpResponse, AppError> {
    let seen = form.0.version.and_then(|v| v.parse().ok());
    let notice = match moderation::publish(&state.db, user.id, Channel::Idea, *id, seen).await? {
        PublishOutcome::Published => "ideas_admin.notice.published",
        PublishOutcome::AlreadyPublished => "ideas_admin.notice.already_published",
        PublishOutcome::ChangedSinceRead => "ideas_admin.notice.changed_since_read",
    };
    Ok(done(&session, *id, notice))
}

#[derive(Deserialize, Validate)]
struct HideForm {
    #[serde(default)]
    #[validate(length(min = 1, max = 1000, message = "reason"))]
    reason: String,
    #[serde(default)]
    tell_sender: Option<String>,
}

#[tracing::instrument(skip_all, fields(idea = %id, user = %user.id))]
async fn hide_idea(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(mut form): CsrfForm<HideForm>,
) -> Result<HttpResponse, AppError> {
    form.reason = form.reason.trim().to_owned();
    let tell_sender = form.tell_sender.is_some();
    if let Err(errors) = form.validate() {
        let detail = moderation::get(&state.db, Channel::Idea, *id)
            .await?
            .ok_or(AppError::NotFound)?;
        let state_of_form = FormState {
            reason: form.reason,
            tell_sender,
            errors: form_errors(ctx.lang, &errors, &["reason"]),
            ..FormState::for_idea(&detail.input)
        };
        return render_detail(&ctx, &state, &user, *id, Some(state_of_form), None).await;
    }
    let hidden = moderation::hide(
        &state.db,
        user.id,
        Channel::Idea,
        *id,
        form.reason,
        tell_sender.then_some(crate::ideas::mails::hidden as moderation::HiddenMail),
    )
    .await?;
    let notice = if hidden.sender_told {
        "ideas_admin.notice.hidden_told"
    } else {
        "ideas_admin.notice.hidden"
    };
    Ok(done(&session, *id, notice))
}

#[derive(Deserialize, Validate)]
struct EditForm {
    #[serde(default)]
    #[validate(length(min = 5, max = 120, message = "title_length"))]
    title: String,
    #[serde(default)]
    #[validate(length(min = 20, max = 4000, message = "body_length"))]
    body: String,
}

#[tracing::instrument(skip_all, fields(idea = %id, user = %user.id))]
async fn edit_idea(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(mut form): CsrfForm<EditForm>,
) -> Result<HttpResponse, AppError> {
    form.title = form.title.trim().to_owned();
    form.body = form.body.trim().to_owned();
    if let Err(errors) = form.validate() {
        let detail = moderation::get(&state.db, Channel::Idea, *id)
            .await?
            .ok_or(AppError::NotFound)?;
        let state_of_form = FormState {
            title: form.title,
            body: form.body,
            errors: form_errors(ctx.lang, &errors, &["title", "body"]),
            ..FormState::for_idea(&detail.input)
        };
        return render_detail(&ctx, &state, &user, *id, Some(state_of_form), None).await;
    }
    let notice = match moderation::edit_text(
        &state.db,
        user.id,
        Channel::Idea,
        *id,
        form.title,
        form.body,
    )
    .await?
    {
        Outcome::Changed => "ideas_admin.notice.edited",
        Outcome::Unchanged => "ideas_admin.notice.unchanged",
    };
    Ok(done(&session, *id, notice))
}

#[derive(Deserialize)]
struct ThemesForm {
    #[serde(default)]
    themes: Vec<Uuid>,
}

#[tracing::instrument(skip_all, fields(idea = %id, user = %user.id))]
async fn set_idea_themes(
    Editor(user): Editor,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<ThemesForm>,
) -> Result<HttpResponse, AppError> {
    let notice =
        match moderation::set_themes(&state.db, user.id, Channel::Idea, *id, &form.themes).await? {
            Outcome::Changed => "ideas_admin.notice.themes",
            Outcome::Unchanged => "ideas_admin.notice.unchanged",
        };
    Ok(done(&session, *id, notice))
}

#[derive(Deserialize)]
struct MergeForm {
    #[serde(default)]
    into: String,
}

#[tracing::instrument(skip_all, fields(idea = %id, user = %user.id))]
async fn merge_idea(
    Editor(user): Editor,
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<MergeForm>,
) -> Result<HttpResponse, AppError> {
    let refused = match Uuid::parse_str(form.into.trim()) {
        Err(_) => "merge_choose",
        Ok(into) => match merge::merge(&state.db, user.id, *id, into).await {
            Ok(_) => return Ok(done(&session, *id, "ideas_admin.notice.merged")),
            Err(MergeError::SameInput) => "merge_same",
            Err(MergeError::TargetNotFound) => "merge_target_gone",
            Err(MergeError::TargetClosed) => "merge_target_closed",
            Err(MergeError::SourceClosed) => "merge_source_closed",
            Err(MergeError::App(err)) => return Err(err),
        },
    };
    let detail = moderation::get(&state.db, Channel::Idea, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FormErrors::new();
    errors.add("into", ctx.t(&format!("ideas_admin.validation.{refused}")));
    let state_of_form = FormState {
        into: form.into,
        errors,
        ..FormState::for_idea(&detail.input)
    };
    render_detail(&ctx, &state, &user, *id, Some(state_of_form), None).await
}
