//! Handlers of the public idea pages: the list, one idea, and support.

use actix_session::Session;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::ideas::listing::{self, ListFilter, Sort};
use crate::ideas::support::{self, SupportOutcome};
use crate::ideas::views::browse::{self as views, ListPage};
use crate::inputs::StakeholderGroup;
use crate::themes::service as themes;
use crate::web::context::request_lang;
use crate::web::csrf::CsrfForm;
use crate::web::page_cache;
use crate::web::paging::PageRequest;
use crate::web::rate_limit::keyed_hash;
use crate::web::session::{flash, take_flash};
use crate::web::{PageContext, html, see_other};

/// The cookie holding a browser's random supporter id.
pub const SUPPORT_COOKIE: &str = "stotte";
const PER_PAGE: u64 = 20;
/// Longer search text is cut; no one types more into a search box.
const MAX_QUERY_CHARS: usize = 200;
/// The list holds nothing personal and no form, so shared caches may keep it
/// briefly; `Vary: Cookie` keeps the languages apart.
const LIST_CACHE_CONTROL: &str = "public, max-age=30";

/// An idea's page: only a UUID matches, so `/ideer/ny` and `/ideer/mine/...`
/// never reach these handlers, whatever the order of registration.
const IDEA: &str = "/ideer/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/ideer", web::get().to(list_ideas))
        .route(IDEA, web::get().to(show_idea))
        .route(&format!("{IDEA}/stott"), web::post().to(toggle_support));
}

/// The list's query parameters; anything unknown or malformed counts as unset.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    tema: Option<String>,
    gruppe: Option<String>,
    sort: Option<String>,
    q: Option<String>,
    side: Option<String>,
}

/// The list is the same for every visitor of a language, so it is served
/// from the page cache while the public revision holds, with one read of the
/// revision per request; otherwise rendered and kept.
#[tracing::instrument(skip_all)]
async fn list_ideas(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let key = format!("{} {}", request_lang(&req).code(), req.uri());
    let revision = page_cache::public_revision(&state.db).await?;
    let body = match state.pages.get(&key, revision) {
        Some(body) => body,
        None => {
            let ctx = PageContext::extract(&req).await?;
            let body = Bytes::from(render_list(&ctx, &state, &req).await?);
            state.pages.put(&key, revision, body.clone());
            body
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, LIST_CACHE_CONTROL))
        .insert_header((header::VARY, "Cookie"))
        .body(body))
}

async fn render_list(
    ctx: &PageContext,
    state: &AppState,
    req: &HttpRequest,
) -> Result<String, AppError> {
    let query: ListQuery = serde_html_form::from_str(req.query_string()).unwrap_or_default();
    let active_themes = themes::list_active(&state.db).await?;
    let filter = ListFilter {
        // Only a theme the form offers, so the form always shows the filter used.
        theme: non_empty(query.tema)
            .filter(|slug| active_themes.iter().any(|theme| &theme.slug == slug)),
        group: query.gruppe.as_deref().and_then(StakeholderGroup::parse),
        query: non_empty(query.q).map(|q| q.chars().take(MAX_QUERY_CHARS).collect()),
        sort: query
            .sort
            .as_deref()
            .and_then(Sort::parse)
            .unwrap_or_default(),
        page: PageRequest::parse(query.side.as_deref(), PER_PAGE),
    };
    let ideas = listing::published(&state.db, &filter).await?;
    let page = ListPage {
        filter: &filter,
        ideas: &ideas,
        themes: &active_themes,
    };
    Ok(views::list_page(ctx, &page).into_string())
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The idea's id from the path: a UUID in its usual form, else not found.
fn idea_id(path: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(path)
        .ok()
        .filter(|id| id.hyphenated().to_string() == path)
        .ok_or(AppError::NotFound)
}

#[tracing::instrument(skip_all, fields(idea = %path))]
async fn show_idea(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = idea_id(&path)?;
    let idea = listing::published_one(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(target) = idea.merged_into_id {
        return Ok(see_other(&format!("/ideer/{target}")));
    }
    let supported = match browser_id(&req) {
        Some(browser) => {
            support::supported_by(&state.db, id, &browser_hash(&state, &browser)).await?
        }
        None => false,
    };
    let notice = take_flash(&session);
    // `html` marks it no-store: the page holds this visitor's form token.
    Ok(html(views::idea_page(
        &ctx,
        &idea,
        supported,
        notice.as_deref(),
    )))
}

/// The support form has no fields besides its CSRF token.
#[derive(Deserialize)]
struct SupportForm {}

#[tracing::instrument(skip_all, fields(idea = %path))]
async fn toggle_support(
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    path: web::Path<String>,
    _form: CsrfForm<SupportForm>,
) -> Result<HttpResponse, AppError> {
    let id = idea_id(&path)?;
    let (browser, new_cookie) = match browser_id(&req) {
        Some(browser) => (browser, false),
        None => (URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>()), true),
    };
    let outcome = support::toggle(
        &state.db,
        id,
        &browser_hash(&state, &browser),
        &address_hash(&state, &req),
    )
    .await?;
    tracing::info!(?outcome, "support toggled");
    flash(
        &session,
        match outcome {
            SupportOutcome::Added => "ideas_public.flash.added",
            SupportOutcome::Removed => "ideas_public.flash.removed",
            SupportOutcome::AlreadyFromAddress => "ideas_public.flash.already",
        },
    );
    let mut response = see_other(&format!("/ideer/{id}"));
    if new_cookie {
        let cookie = Cookie::build(SUPPORT_COOKIE, browser)
            .path("/ideer")
            .max_age(Duration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(state.settings.is_https())
            .finish();
        response
            .add_cookie(&cookie)
            .map_err(|err| AppError::unexpected("setting the support cookie", err))?;
    }
    Ok(response)
}

/// The browser's supporter id, if it has a plausible one.
fn browser_id(req: &HttpRequest) -> Option<String> {
    req.cookie(SUPPORT_COOKIE)
        .map(|cookie| cookie.value().to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 64)
}

fn browser_hash(state: &AppState, browser: &str) -> String {
    keyed_hash(&state.hash_key, "support-browser", browser)
}

/// The client's address with today's UTC date, hashed, so the same address
/// on another day gives a hash that cannot be linked to this one.
fn address_hash(state: &AppState, req: &HttpRequest) -> String {
    let address = crate::web::client_address(req, state.settings.trust_proxy);
    let day = Utc::now().date_naive();
    keyed_hash(
        &state.hash_key,
        "support-address",
        &format!("{address}|{day}"),
    )
}
