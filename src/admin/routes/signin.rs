//! Signing in and out.

use std::sync::LazyLock;

use actix_session::Session;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::AppState;
use crate::admin::throttle::{self, Verdict};
use crate::admin::{password, service as users};
use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::error::AppError;
use crate::web::csrf::CsrfForm;
use crate::web::{PageContext, html, is_local_path, session};

use crate::admin::views::signin as views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/login", web::get().to(sign_in_form))
        .route("/admin/login", web::post().to(sign_in))
        .route("/admin/logg-ut", web::post().to(sign_out));
}

#[derive(Deserialize)]
pub struct NextQuery {
    pub neste: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct SignInForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub neste: String,
}

/// Verifying against this when the account does not exist takes as long as a
/// real check, so the answer time does not tell whether an account exists.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| password::hash("no such account, only for timing").unwrap_or_default());

#[tracing::instrument(skip_all)]
async fn sign_in_form(
    ctx: PageContext,
    session: Session,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let form = SignInForm {
        neste: query.neste.clone().unwrap_or_default(),
        ..SignInForm::default()
    };
    let notice = session::take_flash(&session);
    html(views::sign_in(
        &ctx,
        &form.email,
        &form.neste,
        None,
        notice.as_deref(),
    ))
}

#[tracing::instrument(skip_all)]
async fn sign_in(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    form: CsrfForm<SignInForm>,
) -> Result<HttpResponse, AppError> {
    let mut form = form.0;
    let db = &state.db;
    let address = crate::web::client_address(&req, state.settings.trust_proxy);
    let keys = throttle::Keys::new(&state.hash_key, &form.email, &address);

    match throttle::check(db, &keys).await? {
        Verdict::Refuse => {
            form.password.clear();
            return Ok(HttpResponse::TooManyRequests()
                .insert_header((
                    header::RETRY_AFTER,
                    throttle::WINDOW.num_seconds().to_string(),
                ))
                .content_type("text/html; charset=utf-8")
                .body(
                    views::sign_in(
                        &ctx,
                        &form.email,
                        &form.neste,
                        Some("signin.too_many"),
                        None,
                    )
                    .into_string(),
                ));
        }
        Verdict::Delay(pause) => tokio::time::sleep(pause).await,
        Verdict::Allow => {}
    }

    // Counted before the slow password check, so that a burst of parallel
    // guesses all see each other; a success takes its own count back.
    let attempt = throttle::record_attempt(db, &keys).await?;
    let user = match Email::parse(&form.email) {
        Ok(email) => users::find_by_email(db, &email).await?,
        Err(_) => None,
    };
    let verified = match &user {
        Some(user) => password::verify(&user.password_hash, &form.password),
        None => {
            password::verify(&DUMMY_HASH, &form.password);
            false
        }
    };
    match user {
        Some(user) if verified && !user.disabled => {
            throttle::forget(db, &attempt).await?;
            throttle::clear(db, &keys).await?;
            audit::record(db, Entry::new(Some(user.id), "sign_in").on("user", user.id)).await?;
            session::sign_in(&session, &user)
                .map_err(|err| AppError::unexpected("starting a session", err))?;
            let target = Some(form.neste.as_str())
                .filter(|next| is_local_path(next) && next.starts_with("/admin"))
                .unwrap_or("/admin");
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, target))
                .finish())
        }
        user => {
            let entry = Entry::new(None, "sign_in_failed");
            let entry = match &user {
                Some(user) => entry.on("user", user.id),
                None => entry,
            };
            audit::record(db, entry).await?;
            form.password.clear();
            Ok(HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(
                    views::sign_in(&ctx, &form.email, &form.neste, Some("signin.failed"), None)
                        .into_string(),
                ))
        }
    }
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn sign_out(
    state: web::Data<AppState>,
    session: Session,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    // Signing out ends the user's sessions everywhere, copies of the cookie included.
    if let Some((user_id, _)) = session::signed_in_as(&session) {
        users::end_sessions(&state.db, user_id).await?;
    }
    session::sign_out(&session);
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/"))
        .finish())
}
