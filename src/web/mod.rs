//! What every page shares: layout, language, assets, headers, error pages.

pub mod admin_shell;
pub mod assets;
pub mod auth;
pub mod context;
pub mod csrf;
pub mod errors;
pub mod forms;
pub mod headers;
pub mod i18n;
pub mod layout;
pub mod rate_limit;
pub mod request_log;
pub mod session;

pub use context::PageContext;
pub use i18n::Lang;

/// Only paths on this site, so a `neste` (next) parameter cannot send anyone elsewhere.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

/// A page, never stored by shared caches: staff pages and forms carry
/// personal data or tokens.
pub fn html(markup: maud::Markup) -> actix_web::HttpResponse {
    html_status(actix_web::http::StatusCode::OK, markup)
}

pub fn html_status(
    status: actix_web::http::StatusCode,
    markup: maud::Markup,
) -> actix_web::HttpResponse {
    actix_web::HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(markup.into_string())
}

/// The redirect after a successful POST.
pub fn see_other(location: &str) -> actix_web::HttpResponse {
    actix_web::HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location))
        .finish()
}
