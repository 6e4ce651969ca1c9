//! The interview record, used on a phone or tablet during the interview:
//! answers to the guide, summary, expected change in employees, marking the
//! business interviewed, and findings (each an input, channel `interview`).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use super::admin::BUSINESS;
use crate::AppState;
use crate::entities::user;
use crate::error::AppError;
use crate::interviews::guide;
use crate::interviews::service;
use crate::interviews::staff_forms::{FindingForm, RecordForm};
use crate::interviews::views::admin::record_path;
use crate::interviews::views::record::{self as views, RecordPage};
use crate::themes::service as themes;
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let record = format!("{BUSINESS}/intervju");
    cfg.route(&record, web::get().to(show))
        .route(&record, web::post().to(save))
        .route(&format!("{record}/funn"), web::post().to(add_finding))
        .route(
            &format!("{record}/funn/{{input}}/slett"),
            web::post().to(delete_finding),
        );
}

/// What a re-rendered page keeps of what was sent.
#[derive(Default)]
struct Sent {
    record: Option<RecordForm>,
    finding: Option<FindingForm>,
    errors: FormErrors,
}

async fn render(
    ctx: &PageContext,
    state: &AppState,
    me: &user::Model,
    business_id: Uuid,
    sent: Sent,
    flash: Option<String>,
) -> Result<maud::Markup, AppError> {
    let business = service::find(&state.db, business_id).await?;
    let record = service::record_for(&state.db, business.id, me.id).await?;
    let slot = service::slot_of(&state.db, business.id).await?;
    let questions = guide::questions(&state.db, true).await?;
    let answers = service::answers(&state.db, record.id).await?;
    let findings = service::findings(&state.db, record.id).await?;
    let active = themes::list_active(&state.db).await?;
    let form = sent
        .record
        .unwrap_or_else(|| RecordForm::from_record(&record, &answers));
    let page = RecordPage {
        business: &business,
        slot: slot.as_ref(),
        record: &record,
        questions: &questions,
        answers: &answers,
        form: &form,
        findings: &findings,
        themes: &active,
        finding: &sent.finding.unwrap_or_default(),
        errors: &sent.errors,
    };
    Ok(views::record(ctx, me, &page, flash.as_deref()))
}

#[tracing::instrument(skip_all)]
async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let flash = session::take_flash(&session);
    let page = render(&ctx, &state, &me, *id, Sent::default(), flash).await?;
    Ok(html(page))
}

#[tracing::instrument(skip_all)]
async fn save(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let business = service::find(&state.db, *id).await?;
    let form = RecordForm::from_pairs(form.0);
    let input = match form.check(&ctx) {
        Ok(input) => input,
        Err(errors) => {
            let sent = Sent {
                record: Some(form),
                errors,
                ..Sent::default()
            };
            let page = render(&ctx, &state, &me, business.id, sent, None).await?;
            return Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    let record = service::record_for(&state.db, business.id, me.id).await?;
    service::save_record(&state.db, record.id, &input, me.id).await?;
    if form.completes() {
        service::complete(&state.db, record.id, me.id).await?;
        session::flash(&session, "interviews.admin.record.completed");
    } else {
        session::flash(&session, "interviews.admin.record.saved");
    }
    Ok(see_other(&record_path(business.id)))
}

#[tracing::instrument(skip_all)]
async fn add_finding(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<FindingForm>,
) -> Result<HttpResponse, AppError> {
    let business = service::find(&state.db, *id).await?;
    let form = form.0;
    let active = themes::list_active(&state.db).await?;
    let (text, chosen) = match form.check(&ctx, &active) {
        Ok(checked) => checked,
        Err(errors) => {
            let sent = Sent {
                finding: Some(form),
                errors,
                ..Sent::default()
            };
            let page = render(&ctx, &state, &me, business.id, sent, None).await?;
            return Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    let record = service::record_for(&state.db, business.id, me.id).await?;
    service::add_finding(&state.db, record.id, &text, &chosen, ctx.lang, me.id).await?;
    session::flash(&session, "interviews.admin.record.finding_added");
    Ok(see_other(&format!("{}#findings", record_path(business.id))))
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn delete_finding(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (business_id, input_id) = path.into_inner();
    let record = service::record_of(&state.db, business_id)
        .await?
        .ok_or(AppError::NotFound)?;
    service::delete_finding(&state.db, record.id, input_id, me.id).await?;
    session::flash(&session, "interviews.admin.record.finding_deleted");
    Ok(see_other(&format!("{}#findings", record_path(business_id))))
}
