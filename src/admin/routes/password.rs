//! Forgotten passwords, and accepting an invitation: both end with the user
//! choosing a password through a single-use link from a mail.

use actix_session::Session;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::AppState;
use crate::admin::links::{self, Letterhead};
use crate::admin::tokens::{self, Purpose};
use crate::admin::{password, service as users};
use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::error::AppError;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, session};

use crate::admin::views::password as views;

/// Reset mails one address may be sent per hour.
const RESETS_PER_HOUR: u64 = 5;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/glemt-passord", web::get().to(forgot_form))
        .route("/admin/glemt-passord", web::post().to(request_reset))
        .route("/admin/nytt-passord/{token}", web::get().to(reset_form))
        .route(
            "/admin/nytt-passord/{token}",
            web::post().to(reset_password),
        )
        .route("/admin/invitasjon/{token}", web::get().to(invite_form))
        .route("/admin/invitasjon/{token}", web::post().to(accept_invite));
}

#[derive(Deserialize, Default)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

#[derive(Deserialize, Default)]
pub struct NewPasswordForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_again: String,
}

#[tracing::instrument(skip_all)]
async fn forgot_form(ctx: PageContext) -> HttpResponse {
    html(views::forgot(&ctx, "", &FormErrors::new(), false))
}

/// Always answers the same, whether the account exists or not.
#[tracing::instrument(skip_all)]
async fn request_reset(
    ctx: PageContext,
    state: web::Data<AppState>,
    form: CsrfForm<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let Ok(email) = Email::parse(&form.0.email) else {
        let mut errors = FormErrors::new();
        errors.add("email", ctx.t("validation.email"));
        return Ok(html(views::forgot(&ctx, &form.0.email, &errors, false)));
    };
    // A few reset mails an hour per address, on a counter of their own: asking
    // for resets must neither flood an inbox nor lock the account's sign-in.
    let key = crate::web::rate_limit::keyed_hash(&state.hash_key, "password-reset", email.as_str());
    if !crate::web::rate_limit::hit(
        &state.db,
        &key,
        chrono::TimeDelta::hours(1),
        RESETS_PER_HOUR,
    )
    .await?
    {
        return Err(AppError::TooManyRequests);
    }
    let site = state.public_url("")?;
    links::request_password_reset(
        &state.db,
        &email,
        Letterhead {
            lang: ctx.lang,
            programme: &ctx.programme,
            site: &site,
        },
    )
    .await?;
    Ok(html(views::forgot(&ctx, "", &FormErrors::new(), true)))
}

#[tracing::instrument(skip_all)]
async fn reset_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show_form(&ctx, &state, &token, Purpose::Reset).await
}

#[tracing::instrument(skip_all)]
async fn invite_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show_form(&ctx, &state, &token, Purpose::Invite).await
}

async fn show_form(
    ctx: &PageContext,
    state: &AppState,
    token: &str,
    purpose: Purpose,
) -> Result<HttpResponse, AppError> {
    Ok(match tokens::find_valid(&state.db, token, purpose).await? {
        Some(_) => html(views::new_password(ctx, purpose, &FormErrors::new())),
        None => html_status(actix_web::http::StatusCode::GONE, views::link_expired(ctx)),
    })
}

#[tracing::instrument(skip_all)]
async fn reset_password(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    token: web::Path<String>,
    form: CsrfForm<NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    set_password(&ctx, &state, &session, &token, Purpose::Reset, form.0).await
}

#[tracing::instrument(skip_all)]
async fn accept_invite(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    token: web::Path<String>,
    form: CsrfForm<NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    set_password(&ctx, &state, &session, &token, Purpose::Invite, form.0).await
}

async fn set_password(
    ctx: &PageContext,
    state: &AppState,
    session: &Session,
    token: &str,
    purpose: Purpose,
    form: NewPasswordForm,
) -> Result<HttpResponse, AppError> {
    let txn = crate::db::begin(&state.db).await?;
    let Some(row) = tokens::find_valid(&txn, token, purpose).await? else {
        return Ok(html_status(
            actix_web::http::StatusCode::GONE,
            views::link_expired(ctx),
        ));
    };
    let user = users::find(&txn, row.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FormErrors::new();
    if let Err(key) = password::check_rules(&form.password, &user.email) {
        errors.add("password", ctx.t(&format!("validation.{key}")));
    } else if form.password != form.password_again {
        errors.add("password_again", ctx.t("validation.password_mismatch"));
    }
    if !errors.is_empty() {
        return Ok(html_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            views::new_password(ctx, purpose, &errors),
        ));
    }
    let user_id = user.id;
    users::set_password(&txn, user, &form.password).await?;
    tokens::mark_used(&txn, row).await?;
    let action = match purpose {
        Purpose::Invite => "user.invitation_accepted",
        Purpose::Reset => "password.reset",
    };
    audit::record(&txn, Entry::new(Some(user_id), action).on("user", user_id)).await?;
    txn.commit().await?;
    session::flash(session, "password.done");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/admin/login"))
        .finish())
}
