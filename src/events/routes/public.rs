//! Public event pages: the list, one event and its sign-up, the receipt,
//! the participant's private page, and the calendar files.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppState;
use crate::entities::event::Status as EventStatus;
use crate::entities::theme;
use crate::error::AppError;
use crate::events::forms::SignupForm;
use crate::events::ics;
use crate::events::routes::mail_context;
use crate::events::service::{self, Closed, Placement, private_path};
use crate::events::views::public::{self as views, EventPage, Listed};
use crate::themes::service as themes;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::private::{private_page, put_receipt, take_receipt};
use crate::web::public_form::{Guard, PublicForm};
use crate::web::{PageContext, html, html_status, see_other, session};

const EVENT: &str =
    "/arrangementer/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/arrangementer", web::get().to(list))
        .route("/arrangementer.ics", web::get().to(feed))
        .route("/arrangementer/pamelding-mottatt", web::get().to(receipt))
        .route("/arrangementer/mine/{token}", web::get().to(my_signup))
        .route(
            "/arrangementer/mine/{token}/avmeld",
            web::post().to(cancel_my_signup),
        )
        .route(EVENT, web::get().to(event_page))
        .route(&format!("{EVENT}/pamelding"), web::post().to(sign_up))
        .route(&format!("{EVENT}/kalender.ics"), web::get().to(event_file));
}

async fn listed(
    state: &AppState,
    events: Vec<crate::entities::event::Model>,
) -> Result<Vec<Listed>, AppError> {
    let mut listed = Vec::with_capacity(events.len());
    for event in events {
        let taken = service::seats_taken(&state.db, event.id).await?;
        listed.push(Listed { event, taken });
    }
    Ok(listed)
}

#[tracing::instrument(skip_all)]
async fn list(ctx: PageContext, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let (upcoming, past) = service::published(&state.db, now).await?;
    let upcoming = listed(&state, upcoming).await?;
    let past = listed(&state, past).await?;
    Ok(html(views::list(&ctx, &upcoming, &past, now)))
}

/// A published or cancelled event; drafts are for staff only.
async fn public_event(
    state: &AppState,
    id: Uuid,
) -> Result<crate::entities::event::Model, AppError> {
    let event = service::find(&state.db, id).await?;
    if event.status == EventStatus::Draft {
        return Err(AppError::NotFound);
    }
    Ok(event)
}

async fn themes_of(state: &AppState, id: Uuid) -> Result<Vec<theme::Model>, AppError> {
    let chosen = service::themes_of(&state.db, id).await?;
    Ok(themes::list_active(&state.db)
        .await?
        .into_iter()
        .filter(|theme| chosen.contains(&theme.id))
        .collect())
}

#[tracing::instrument(skip_all)]
async fn event_page(
    ctx: PageContext,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let event = public_event(&state, *id).await?;
    let taken = service::seats_taken(&state.db, event.id).await?;
    let themes = themes_of(&state, event.id).await?;
    Ok(html(views::event_page(
        &ctx,
        &EventPage {
            event: &event,
            taken,
            themes: &themes,
            form: &SignupForm::default(),
            guard: &Guard::new(&state),
            errors: &FormErrors::new(),
            now: Utc::now(),
        },
    )))
}

const RECEIPT: &str = "event_receipt";

#[derive(Serialize, Deserialize)]
struct ReceiptNote {
    event_id: Uuid,
    token: Option<String>,
    /// Place on the waitlist; None for a seat.
    position: Option<u64>,
}

#[tracing::instrument(skip_all)]
async fn sign_up(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<Uuid>,
    sent: PublicForm<SignupForm>,
) -> Result<HttpResponse, AppError> {
    let event = public_event(&state, *id).await?;
    let form = sent.form.clone().trimmed();
    let show_again =
        async |errors: FormErrors, status: StatusCode| -> Result<HttpResponse, AppError> {
            let taken = service::seats_taken(&state.db, event.id).await?;
            let themes = themes_of(&state, event.id).await?;
            Ok(html_status(
                status,
                views::event_page(
                    &ctx,
                    &EventPage {
                        event: &event,
                        taken,
                        themes: &themes,
                        form: &form,
                        guard: &sent.guard,
                        errors: &errors,
                        now: Utc::now(),
                    },
                ),
            ))
        };
    let mut signup = match form.check(&ctx, &event) {
        Ok(signup) => signup,
        Err(errors) => return show_again(errors, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    signup.idempotency_key = sent.guard.key();
    sent.count_submission(&state).await?;
    let context = mail_context(&state, &ctx.programme);
    match service::sign_up(&state.db, event.id, signup, context.as_ref()).await? {
        Ok(receipt) => {
            put_receipt(
                &session,
                RECEIPT,
                &ReceiptNote {
                    event_id: receipt.event_id,
                    token: receipt.token,
                    position: match receipt.placement {
                        Placement::Confirmed => None,
                        Placement::Waitlisted(n) => Some(n),
                    },
                },
            );
            Ok(see_other("/arrangementer/pamelding-mottatt"))
        }
        Err(closed) => {
            let mut errors = FormErrors::new();
            let key = match closed {
                Closed::Full => "events.refused_full",
                Closed::NotOpen => "events.refused_closed",
            };
            errors.add("name", ctx.t(key));
            show_again(errors, StatusCode::CONFLICT).await
        }
    }
}

#[tracing::instrument(skip_all)]
async fn receipt(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let Some(note) = take_receipt::<ReceiptNote>(&session, RECEIPT) else {
        return Ok(see_other("/arrangementer"));
    };
    let event = service::find(&state.db, note.event_id).await?;
    let link = match &note.token {
        Some(token) => state.public_url(&private_path(token)).ok(),
        None => None,
    };
    let placement = note
        .position
        .map_or(Placement::Confirmed, Placement::Waitlisted);
    Ok(private_page(views::receipt(
        &ctx,
        &event,
        placement,
        link.as_ref(),
    )))
}

async fn signup_by_token(
    state: &AppState,
    token: &str,
) -> Result<crate::entities::event_signup::Model, AppError> {
    service::find_by_token(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)
}

#[tracing::instrument(skip_all)]
async fn my_signup(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let signup = signup_by_token(&state, &token).await?;
    let event = service::find(&state.db, signup.event_id).await?;
    let placement = service::placement(&state.db, &signup).await?;
    let flash = session::take_flash(&session);
    Ok(private_page(views::my_signup(
        &ctx,
        &event,
        &signup,
        placement,
        &token,
        flash.as_deref(),
        Utc::now(),
    )))
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn cancel_my_signup(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let signup = signup_by_token(&state, &token).await?;
    let context = mail_context(&state, &ctx.programme);
    service::cancel_signup(&state.db, signup.id, context.as_ref()).await?;
    session::flash(&session, "events.cancelled_signup");
    Ok(see_other(&private_path(&token)))
}

fn calendar_response(text: String, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{filename}\""),
        ))
        // Calendar programs poll a feed; five minutes keeps them current.
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(text)
}

#[tracing::instrument(skip_all)]
async fn event_file(
    ctx: PageContext,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let event = public_event(&state, *id).await?;
    let page = state.public_url(&format!("/arrangementer/{}", event.id))?;
    let text = ics::published([(&event, page)], &ctx.programme.programme_name, Utc::now());
    Ok(calendar_response(text, "arrangement.ics"))
}

#[tracing::instrument(skip_all)]
async fn feed(ctx: PageContext, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (upcoming, past) = service::published(&state.db, Utc::now()).await?;
    let mut entries = Vec::new();
    for event in upcoming.iter().chain(past.iter()) {
        entries.push((
            event,
            state.public_url(&format!("/arrangementer/{}", event.id))?,
        ));
    }
    let text = ics::published(entries, &ctx.programme.programme_name, Utc::now());
    Ok(calendar_response(text, "arrangementer.ics"))
}
