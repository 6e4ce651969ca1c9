//! The business's private page and what it can do there: book or move a
//! time, cancel it, ask to be contacted, withdraw. Every change comes back
//! to the page with a notice (POST-redirect-GET).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::entities::business::{self, Status};
use crate::error::AppError;
use crate::interviews::routes::mail_context;
use crate::interviews::service::{self, BookingProblem, private_path};
use crate::interviews::views::public::mine::{self as views, MinePage};
use crate::themes::service as themes;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::private::private_page_status;
use crate::web::{PageContext, see_other, session};

const MINE: &str = "/intervju/mine/{token}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(MINE, web::get().to(my_page))
        .route(&format!("{MINE}/bestill"), web::post().to(book))
        .route(&format!("{MINE}/avlys"), web::post().to(cancel))
        .route(&format!("{MINE}/kontakt"), web::post().to(ask_for_contact))
        .route(&format!("{MINE}/trekk"), web::post().to(withdraw));
}

async fn by_token(state: &AppState, token: &str) -> Result<business::Model, AppError> {
    service::find_by_token(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)
}

/// Registered or holding a time: the business can still change its booking.
fn open(business: &business::Model) -> bool {
    matches!(business.status, Status::Registered | Status::Scheduled)
}

async fn show(
    ctx: &PageContext,
    state: &AppState,
    business: &business::Model,
    token: &str,
    flash: Option<&str>,
    errors: &FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let contact = service::contact_of(&state.db, business).await?;
    let chosen = service::themes_of(&state.db, business.id).await?;
    let themes: Vec<_> = themes::list_active(&state.db)
        .await?
        .into_iter()
        .filter(|theme| chosen.contains(&theme.id))
        .collect();
    let slot = service::slot_of(&state.db, business.id).await?;
    let free = if open(business) {
        service::free_slots(&state.db, Utc::now()).await?
    } else {
        Vec::new()
    };
    Ok(private_page_status(
        status,
        views::mine(
            ctx,
            &MinePage {
                business,
                contact: contact.as_ref(),
                themes: &themes,
                slot: slot.as_ref(),
                free: &free,
                token,
                flash,
                errors,
            },
        ),
    ))
}

#[tracing::instrument(skip_all)]
async fn my_page(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let business = by_token(&state, &token).await?;
    let flash = session::take_flash(&session);
    show(
        &ctx,
        &state,
        &business,
        &token,
        flash.as_deref(),
        &FormErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct BookForm {
    #[serde(default)]
    slot: String,
}

#[tracing::instrument(skip_all)]
async fn book(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
    form: CsrfForm<BookForm>,
) -> Result<HttpResponse, AppError> {
    let business = by_token(&state, &token).await?;
    let refuse = async |key: &str, status: StatusCode| {
        let mut errors = FormErrors::new();
        errors.add("slot", ctx.t(key));
        // Read again: the list shows who holds what now.
        let business = service::find(&state.db, business.id).await?;
        show(&ctx, &state, &business, &token, None, &errors, status).await
    };
    let Ok(slot_id) = Uuid::parse_str(form.0.slot.trim()) else {
        return refuse(
            "interviews.public.no_slot",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let moving = service::slot_of(&state.db, business.id).await?.is_some();
    let context = mail_context(&state, &ctx.programme);
    let link = state.public_url(&private_path(&token)).ok();
    match service::book(
        &state.db,
        business.id,
        slot_id,
        context.as_ref(),
        link.as_ref(),
    )
    .await?
    {
        Ok(_) => {
            session::flash(
                &session,
                if moving {
                    "interviews.public.moved"
                } else {
                    "interviews.public.booked"
                },
            );
            Ok(see_other(&private_path(&token)))
        }
        Err(problem) => {
            let key = match problem {
                BookingProblem::Taken => "interviews.public.taken",
                BookingProblem::Gone => "interviews.public.gone",
                BookingProblem::Closed => "interviews.public.closed",
            };
            refuse(key, StatusCode::CONFLICT).await
        }
    }
}

#[derive(Deserialize)]
struct Empty {}

/// Runs `change` if the business can still change its booking, then goes
/// back to the page with `notice`; a closed registration is left as it is.
async fn change_and_return<F>(
    state: &AppState,
    session: &Session,
    token: &str,
    notice: &str,
    change: F,
) -> Result<HttpResponse, AppError>
where
    F: AsyncFnOnce(&business::Model) -> Result<(), AppError>,
{
    let business = by_token(state, token).await?;
    if open(&business) {
        change(&business).await?;
        session::flash(session, notice);
    }
    Ok(see_other(&private_path(token)))
}

#[tracing::instrument(skip_all)]
async fn cancel(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let context = mail_context(&state, &ctx.programme);
    change_and_return(
        &state,
        &session,
        &token,
        "interviews.public.cancelled",
        async |business| {
            service::cancel_booking(&state.db, business.id, None, context.as_ref()).await
        },
    )
    .await
}

#[tracing::instrument(skip_all)]
async fn ask_for_contact(
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    change_and_return(
        &state,
        &session,
        &token,
        "interviews.public.contact_asked",
        async |business| service::ask_to_be_contacted(&state.db, business.id).await,
    )
    .await
}

#[tracing::instrument(skip_all)]
async fn withdraw(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let context = mail_context(&state, &ctx.programme);
    change_and_return(
        &state,
        &session,
        &token,
        "interviews.public.withdrawn",
        async |business| service::withdraw(&state.db, business.id, context.as_ref()).await,
    )
    .await
}
