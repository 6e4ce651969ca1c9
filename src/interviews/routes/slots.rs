//! The interview slots: the upcoming ones by day, one new slot, a series,
//! moving or changing one (the business holding it gets the updated
//! invitation) and cancelling one.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::mail_context;
use crate::AppState;
use crate::entities::user;
use crate::error::AppError;
use crate::interviews::service;
use crate::interviews::staff_forms::{SeriesForm, SlotForm};
use crate::interviews::views::admin::SLOTS_PATH;
use crate::interviews::views::slots::{self as views, SeriesPreview};
use crate::web::auth::{Editor, Staff};
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

const SLOT: &str =
    "/admin/intervjuer/tider/{slot:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(SLOTS_PATH, web::get().to(list))
        .route(SLOTS_PATH, web::post().to(create))
        .route("/admin/intervjuer/tider/ny", web::get().to(new_form))
        .route("/admin/intervjuer/tider/serie", web::get().to(series_form))
        .route(
            "/admin/intervjuer/tider/serie",
            web::post().to(create_series),
        )
        .route(SLOT, web::get().to(edit_form))
        .route(SLOT, web::post().to(update))
        .route(&format!("{SLOT}/avlys"), web::post().to(cancel));
}

/// The people a slot can be run by: active admins and facilitators.
async fn facilitators(state: &AppState) -> Result<Vec<user::Model>, AppError> {
    Ok(crate::admin::service::list(&state.db)
        .await?
        .into_iter()
        .filter(|user| !user.disabled && user.role.can_edit())
        .collect())
}

#[tracing::instrument(skip_all)]
async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let slots = service::slots_from(&state.db, Utc::now()).await?;
    let mut businesses = Vec::new();
    for id in slots.iter().filter_map(|slot| slot.business_id) {
        businesses.push(service::find(&state.db, id).await?);
    }
    let people = crate::admin::service::list(&state.db).await?;
    let flash = session::take_flash(&session);
    Ok(html(views::list(
        &ctx,
        &me,
        &slots,
        &businesses,
        &people,
        flash.as_deref(),
    )))
}

#[tracing::instrument(skip_all)]
async fn new_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
) -> Result<HttpResponse, AppError> {
    let staff = facilitators(&state).await?;
    Ok(html(views::slot_form(
        &ctx,
        &me,
        None,
        &staff,
        &SlotForm::blank(),
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all)]
async fn create(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    form: CsrfForm<SlotForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let staff = facilitators(&state).await?;
    let (times, place) = match form.check(&ctx, &staff, Utc::now()) {
        Ok(checked) => checked,
        Err(errors) => {
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::slot_form(&ctx, &me, None, &staff, &form, &errors),
            ));
        }
    };
    service::create_slots(&state.db, &[times], &place, me.id).await?;
    session::flash(&session, "interviews.admin.slots.created");
    Ok(see_other(SLOTS_PATH))
}

#[tracing::instrument(skip_all)]
async fn series_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
) -> Result<HttpResponse, AppError> {
    let staff = facilitators(&state).await?;
    Ok(html(views::series_form(
        &ctx,
        &me,
        &staff,
        &SeriesForm::blank(),
        &FormErrors::new(),
        None,
    )))
}

#[tracing::instrument(skip_all)]
async fn create_series(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    form: CsrfForm<SeriesForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let staff = facilitators(&state).await?;
    let (times, place) = match form.check(&ctx, &staff, Utc::now()) {
        Ok(checked) => checked,
        Err(errors) => {
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::series_form(&ctx, &me, &staff, &form, &errors, None),
            ));
        }
    };
    if form.preview_only() {
        let preview = SeriesPreview::of(&times);
        return Ok(html(views::series_form(
            &ctx,
            &me,
            &staff,
            &form,
            &FormErrors::new(),
            Some(&preview),
        )));
    }
    service::create_slots(&state.db, &times, &place, me.id).await?;
    session::flash(&session, "interviews.admin.slots.created_series");
    Ok(see_other(SLOTS_PATH))
}

#[tracing::instrument(skip_all)]
async fn edit_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    slot: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let slot = service::find_slot(&state.db, *slot).await?;
    let staff = facilitators(&state).await?;
    let holder = match slot.business_id {
        Some(id) => Some(service::find(&state.db, id).await?),
        None => None,
    };
    Ok(html(views::slot_form(
        &ctx,
        &me,
        Some((&slot, holder.as_ref())),
        &staff,
        &SlotForm::from_slot(&slot),
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all)]
async fn update(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    slot: web::Path<Uuid>,
    form: CsrfForm<SlotForm>,
) -> Result<HttpResponse, AppError> {
    let slot = service::find_slot(&state.db, *slot).await?;
    let form = form.0;
    let staff = facilitators(&state).await?;
    let (times, place) = match form.check(&ctx, &staff, Utc::now()) {
        Ok(checked) => checked,
        Err(errors) => {
            let holder = match slot.business_id {
                Some(id) => Some(service::find(&state.db, id).await?),
                None => None,
            };
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::slot_form(
                    &ctx,
                    &me,
                    Some((&slot, holder.as_ref())),
                    &staff,
                    &form,
                    &errors,
                ),
            ));
        }
    };
    let context = mail_context(&state, &ctx.programme);
    service::update_slot(&state.db, slot.id, times, &place, me.id, context.as_ref()).await?;
    session::flash(
        &session,
        if slot.business_id.is_some() {
            "interviews.admin.slots.saved_notified"
        } else {
            "interviews.admin.slots.saved"
        },
    );
    Ok(see_other(SLOTS_PATH))
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn cancel(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    slot: web::Path<Uuid>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let slot = service::find_slot(&state.db, *slot).await?;
    let context = mail_context(&state, &ctx.programme);
    service::cancel_slot(&state.db, slot.id, me.id, context.as_ref()).await?;
    session::flash(&session, "interviews.admin.slots.cancelled");
    Ok(see_other(SLOTS_PATH))
}
