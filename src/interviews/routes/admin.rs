//! Staff interview pages: the businesses and one business with its actions
//! (book or move its time, cancel it, decline or reopen, erase the contact).
//! Slots, the guide and the record have their own files.
//!
//! Every staff member reads the lists; only editors (admins and
//! facilitators) see contact details and change anything.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::{guide, mail_context, record, slots};
use crate::AppState;
use crate::entities::business::Status;
use crate::error::AppError;
use crate::interviews::service::{self, BookingProblem};
use crate::interviews::views::admin::{
    self as views, DetailPage, LIST_PATH, ListPage, STATUSES, business_path, parse_status,
};
use crate::themes::service as themes;
use crate::web::auth::{Editor, Staff};
use crate::web::csrf::CsrfForm;
use crate::web::{PageContext, html, see_other, session};

/// A business's page; the id pattern keeps `tider` and `guide` apart.
pub(super) const BUSINESS: &str =
    "/admin/intervjuer/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    slots::configure(cfg);
    guide::configure(cfg);
    record::configure(cfg);
    cfg.route(LIST_PATH, web::get().to(list))
        .route(BUSINESS, web::get().to(detail))
        .route(&format!("{BUSINESS}/tid"), web::post().to(book))
        .route(&format!("{BUSINESS}/avlys"), web::post().to(cancel_time))
        .route(&format!("{BUSINESS}/status"), web::post().to(set_status))
        .route(
            &format!("{BUSINESS}/slett-kontakt"),
            web::post().to(erase_contact),
        );
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    status: String,
    bransje: String,
}

#[tracing::instrument(skip_all)]
async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    session: Session,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let all = service::overview(&state.db).await?;
    let all_themes = themes::list(&state.db).await?;
    let status = parse_status(&query.status);
    let industry = crate::interviews::industry::parse(&query.bransje).map(String::from);
    let mut industries: Vec<(String, usize)> = Vec::new();
    for row in &all {
        match industries
            .iter_mut()
            .find(|(letter, _)| *letter == row.business.industry)
        {
            Some((_, count)) => *count += 1,
            None => industries.push((row.business.industry.clone(), 1)),
        }
    }
    industries.sort();
    // Counts follow the industry chosen, so the tabs say what they hold.
    let in_industry: Vec<_> = all
        .iter()
        .filter(|row| {
            industry
                .as_ref()
                .is_none_or(|i| *i == row.business.industry)
        })
        .collect();
    let counts = STATUSES.map(|s| {
        in_industry
            .iter()
            .filter(|row| row.business.status == s)
            .count()
    });
    let rows: Vec<_> = in_industry
        .iter()
        .copied()
        .filter(|row| status.is_none_or(|s| row.business.status == s))
        .collect();
    let page = ListPage {
        rows: &rows,
        counts,
        total: in_industry.len(),
        industries,
        status,
        industry,
        themes: &all_themes,
    };
    let flash = session::take_flash(&session);
    Ok(html(views::list(&ctx, &me, &page, flash.as_deref())))
}

#[tracing::instrument(skip_all)]
async fn detail(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let business = service::find(&state.db, *id).await?;
    let editor = me.role.can_edit();
    let slot = service::slot_of(&state.db, business.id).await?;
    let chosen = service::themes_of(&state.db, business.id).await?;
    let all_themes = themes::list(&state.db).await?;
    let contact = if editor {
        Some(service::contact_of(&state.db, &business).await?)
    } else {
        None
    };
    let free = if editor {
        service::free_slots(&state.db, Utc::now()).await?
    } else {
        Vec::new()
    };
    let record = service::record_of(&state.db, business.id).await?;
    let page = DetailPage {
        business: &business,
        slot: slot.as_ref(),
        themes: &chosen,
        all_themes: &all_themes,
        contact: contact.as_ref().map(Option::as_ref),
        free: &free,
        record: record.as_ref(),
        editor,
    };
    let flash = session::take_flash(&session);
    Ok(html(views::detail(&ctx, &me, &page, flash.as_deref())))
}

#[derive(Deserialize)]
struct BookForm {
    slot: Uuid,
}

#[tracing::instrument(skip_all)]
async fn book(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(_me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<BookForm>,
) -> Result<HttpResponse, AppError> {
    let business = service::find(&state.db, *id).await?;
    let context = mail_context(&state, &ctx.programme);
    let outcome =
        service::book(&state.db, business.id, form.0.slot, context.as_ref(), None).await?;
    session::flash(
        &session,
        match outcome {
            Ok(_) => "interviews.admin.booked_notice",
            Err(BookingProblem::Taken) => "interviews.admin.slot_taken",
            Err(BookingProblem::Gone) => "interviews.admin.slot_gone",
            Err(BookingProblem::Closed) => "interviews.admin.closed",
        },
    );
    Ok(see_other(&business_path(business.id)))
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn cancel_time(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let business = service::find(&state.db, *id).await?;
    let context = mail_context(&state, &ctx.programme);
    service::cancel_booking(&state.db, business.id, Some(me.id), context.as_ref()).await?;
    session::flash(&session, "interviews.admin.cancelled_notice");
    Ok(see_other(&business_path(business.id)))
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
    id: web::Path<Uuid>,
    form: CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let business = service::find(&state.db, *id).await?;
    // Scheduled comes with a booking and interviewed with the record; here
    // a facilitator only closes a business or opens it again.
    let status = match parse_status(&form.0.status) {
        Some(status @ (Status::Declined | Status::Registered)) => status,
        _ => return Err(AppError::Validation("status".into())),
    };
    if status == Status::Registered && business.status != Status::Declined {
        // Only a declined business is opened again; the rest stand as they are.
        return Ok(see_other(&business_path(business.id)));
    }
    if status == Status::Declined {
        // A declined business holds no time: it is freed and the business told.
        let context = mail_context(&state, &ctx.programme);
        service::cancel_booking(&state.db, business.id, Some(me.id), context.as_ref()).await?;
    }
    service::set_status(&state.db, business.id, status, me.id).await?;
    session::flash(&session, "interviews.admin.status_saved");
    Ok(see_other(&business_path(business.id)))
}

#[tracing::instrument(skip_all)]
async fn erase_contact(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let business = service::find(&state.db, *id).await?;
    service::erase_contact(&state.db, business.id, Some(me.id)).await?;
    session::flash(&session, "interviews.admin.contact_erased_notice");
    Ok(see_other(&business_path(business.id)))
}
