//! Where the API and its admin page are mounted, and the admin page's handlers.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use crate::AppState;
use crate::api::{tokens, v1, views};
use crate::error::AppError;
use crate::web::auth::Admin;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status};

/// Mounts `/api/v1/` (routes and their OpenAPI document come from one list)
/// and the admin page `/admin/api-nokler`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    v1::register(cfg);
    cfg.route("/admin/api-nokler", web::get().to(token_list))
        .route("/admin/api-nokler", web::post().to(create_token))
        .route(
            "/admin/api-nokler/{id}/trekk-tilbake",
            web::post().to(revoke_token),
        );
}

#[derive(Deserialize)]
struct ListQuery {
    /// Set after a revocation, to say it happened.
    melding: Option<String>,
}

#[tracing::instrument(skip_all)]
async fn token_list(
    ctx: PageContext,
    Admin(me): Admin,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let tokens = tokens::list(&state.db).await?;
    let owners = tokens::possible_owners(&state.db).await?;
    let notice =
        (query.melding.as_deref() == Some("trukket-tilbake")).then(|| ctx.t("api.revoked_notice"));
    Ok(html(views::token_page(
        &ctx,
        &me,
        &views::TokenPage {
            tokens: &tokens,
            owners: &owners,
            form: views::TokenFormValues::default(),
            errors: FormErrors::new(),
            created: None,
            notice,
        },
    )))
}

#[derive(Deserialize, Validate)]
struct TokenForm {
    // Missing fields are empty, so a tampered form gets messages, not an error page.
    #[serde(default)]
    #[validate(length(min = 1, max = 100, message = "api.error_name"))]
    name: String,
    #[serde(default)]
    owner: String,
}

/// Makes a token and shows it in this response, never in a URL or a later
/// page, so it is seen once and stays out of logs and browser history.
#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn create_token(
    ctx: PageContext,
    Admin(me): Admin,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let form = TokenForm {
        name: form.name.trim().to_owned(),
        owner: form.owner,
    };
    let owners = tokens::possible_owners(&state.db).await?;
    let owner_id = Uuid::parse_str(form.owner.trim()).ok();
    let owner = owners.iter().find(|user| Some(user.id) == owner_id);
    let mut errors = FormErrors::new();
    if form.validate().is_err() {
        errors.add("name", ctx.t("api.error_name"));
    }
    if owner.is_none() {
        errors.add("owner", ctx.t("api.error_owner"));
    }
    let values = views::TokenFormValues {
        name: form.name.clone(),
        owner: owner_id,
    };
    let (created, status) = match owner {
        Some(owner) if errors.is_empty() => {
            let (row, token) = tokens::create(&state.db, Some(me.id), owner, &form.name).await?;
            tracing::info!(token_id = %row.id, "API token created");
            (Some((row.name, token)), actix_web::http::StatusCode::OK)
        }
        _ => (None, actix_web::http::StatusCode::UNPROCESSABLE_ENTITY),
    };
    let tokens = tokens::list(&state.db).await?;
    let page = views::token_page(
        &ctx,
        &me,
        &views::TokenPage {
            tokens: &tokens,
            owners: &owners,
            // After success the form starts empty, ready for the next token.
            form: if created.is_some() {
                views::TokenFormValues::default()
            } else {
                values
            },
            errors,
            created: created
                .as_ref()
                .map(|(name, token)| (name.as_str(), token.as_str())),
            notice: None,
        },
    );
    Ok(html_status(status, page))
}

#[derive(Deserialize)]
struct EmptyForm {}

#[tracing::instrument(skip_all, fields(actor = %me.id, token_id = %id))]
async fn revoke_token(
    Admin(me): Admin,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<HttpResponse, AppError> {
    tokens::revoke(&state.db, Some(me.id), *id).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            "/admin/api-nokler?melding=trukket-tilbake",
        ))
        .finish())
}
