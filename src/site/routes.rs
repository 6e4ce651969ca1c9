//! Handlers of the public site pages.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::AppState;
use crate::error::AppError;
use crate::web::{Lang, PageContext, i18n::LANG_COOKIE, is_local_path};

use super::views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(landing))
        .route("/personvern", web::get().to(privacy))
        .route("/tilgjengelighet", web::get().to(accessibility))
        .route("/sprak/{code}", web::get().to(set_language))
        .route("/health", web::get().to(health));
}

#[tracing::instrument(skip_all)]
async fn landing(ctx: PageContext) -> Markup {
    views::landing(&ctx)
}

#[tracing::instrument(skip_all)]
async fn privacy(ctx: PageContext) -> Markup {
    views::privacy(&ctx)
}

#[tracing::instrument(skip_all)]
async fn accessibility(ctx: PageContext) -> Markup {
    views::accessibility(&ctx)
}

#[derive(Deserialize)]
struct LanguageQuery {
    neste: Option<String>,
}

/// Remembers the chosen language in a cookie and goes back to the page the
/// switch was used on. A link, not a form, so it works without JavaScript and
/// needs no CSRF token: it changes nothing but the visitor's own preference.
#[tracing::instrument(skip_all, fields(lang = %code))]
async fn set_language(
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<LanguageQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::from_code(&code).ok_or(AppError::NotFound)?;
    let target = query
        .neste
        .as_deref()
        .filter(|path| is_local_path(path))
        .unwrap_or("/");
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(state.settings.is_https())
        .finish();
    Ok(HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header((header::LOCATION, target))
        .finish())
}

#[tracing::instrument(skip_all)]
async fn health(state: web::Data<AppState>) -> HttpResponse {
    let database_up = crate::db::is_reachable(&state.db).await;
    let body = serde_json::json!({
        "status": if database_up { "ok" } else { "unavailable" },
        "database": if database_up { "ok" } else { "unreachable" },
    });
    let mut response = if database_up {
        HttpResponse::Ok()
    } else {
        HttpResponse::ServiceUnavailable()
    };
    response
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

#[cfg(test)]
mod tests {
    use crate::web::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/personvern?x=1"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("/\t/evil.example"));
        assert!(!is_local_path("/\n/evil.example"));
        assert!(!is_local_path("/ /evil.example"));
        assert!(!is_local_path(""));
    }
}
