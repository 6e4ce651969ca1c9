//! The facilitators' event pages: list, create, change, publish, cancel,
//! and the participants with their status.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::events::forms::EventForm;
use crate::events::routes::mail_context;
use crate::events::service;
use crate::events::views::admin::{self as views, LIST_PATH, detail_path, parse_status};
use crate::themes::service as themes;
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

const EVENT: &str =
    "/admin/arrangementer/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(LIST_PATH, web::get().to(list))
        .route(LIST_PATH, web::post().to(create))
        .route("/admin/arrangementer/ny", web::get().to(new_form))
        .route(EVENT, web::get().to(detail))
        .route(EVENT, web::post().to(update))
        .route(&format!("{EVENT}/endre"), web::get().to(edit_form))
        .route(&format!("{EVENT}/publiser"), web::post().to(publish))
        .route(&format!("{EVENT}/avlys"), web::post().to(cancel))
        .route(
            &format!("{EVENT}/deltakere/{{signup}}"),
            web::post().to(set_status),
        );
}

#[tracing::instrument(skip_all)]
async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let mut rows = Vec::new();
    for event in service::all(&state.db).await? {
        let taken = service::seats_taken(&state.db, event.id).await?;
        rows.push((event, taken));
    }
    let flash = session::take_flash(&session);
    Ok(html(views::list(&ctx, &me, &rows, flash.as_deref())))
}

#[tracing::instrument(skip_all)]
async fn new_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
) -> Result<HttpResponse, AppError> {
    let active = themes::list_active(&state.db).await?;
    Ok(html(views::form(
        &ctx,
        &me,
        None,
        &active,
        &EventForm::blank(),
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all)]
async fn create(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    form: CsrfForm<EventForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let details = match form.check(&ctx) {
        Ok(details) => details,
        Err(errors) => {
            let active = themes::list_active(&state.db).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::form(&ctx, &me, None, &active, &form, &errors),
            ));
        }
    };
    let event = service::create(&state.db, &details, me.id).await?;
    session::flash(&session, "events.admin.created");
    Ok(see_other(&detail_path(event.id)))
}

#[tracing::instrument(skip_all)]
async fn detail(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let participants = service::participants(&state.db, event.id).await?;
    let flash = session::take_flash(&session);
    Ok(html(views::detail(
        &ctx,
        &me,
        &event,
        &participants,
        flash.as_deref(),
        Utc::now(),
    )))
}

#[tracing::instrument(skip_all)]
async fn edit_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let chosen = service::themes_of(&state.db, event.id).await?;
    let active = themes::list_active(&state.db).await?;
    let form = EventForm::from_event(&event, &chosen);
    Ok(html(views::form(
        &ctx,
        &me,
        Some(&event),
        &active,
        &form,
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all)]
async fn update(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<EventForm>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let form = form.0;
    let details = match form.check(&ctx) {
        Ok(details) => details,
        Err(errors) => {
            let active = themes::list_active(&state.db).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::form(&ctx, &me, Some(&event), &active, &form, &errors),
            ));
        }
    };
    let context = mail_context(&state, &ctx.programme);
    let notified = service::update(&state.db, event.id, &details, me.id, context.as_ref()).await?;
    session::flash(
        &session,
        if notified.invitations > 0 {
            "events.admin.saved_notified"
        } else {
            "events.admin.saved"
        },
    );
    Ok(see_other(&detail_path(event.id)))
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn publish(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    match service::publish(&state.db, *id, me.id).await {
        Ok(()) | Err(AppError::Conflict(_)) => {}
        Err(err) => return Err(err),
    }
    session::flash(&session, "events.admin.published");
    Ok(see_other(&detail_path(*id)))
}

#[tracing::instrument(skip_all)]
async fn cancel(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let context = mail_context(&state, &ctx.programme);
    service::cancel(&state.db, *id, me.id, context.as_ref()).await?;
    session::flash(&session, "events.admin.cancelled");
    Ok(see_other(&detail_path(*id)))
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
}

#[tracing::instrument(skip_all)]
async fn set_status(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
    form: CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let (event_id, signup_id) = path.into_inner();
    let signup = service::find_signup(&state.db, signup_id).await?;
    if signup.event_id != event_id {
        return Err(AppError::NotFound);
    }
    let status = parse_status(&form.0.status).ok_or(AppError::Refused)?;
    let context = mail_context(&state, &ctx.programme);
    service::set_status_by_staff(&state.db, signup_id, status, me.id, context.as_ref()).await?;
    session::flash(&session, "events.admin.status_saved");
    Ok(see_other(&detail_path(event_id)))
}
