//! Security headers on every response, and no caching of staff pages.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};

/// No inline script or style anywhere, so the policy needs no `unsafe-*` source.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ));
    if https {
        headers.add((
            "Strict-Transport-Security",
            "max-age=63072000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// Every response under `/admin` is `no-store`: staff pages hold personal
/// data, form tokens and, once, a new API token. Left to each handler, one
/// that returned its markup directly (the API token page did) went out with
/// no `Cache-Control` at all; decided here, no page can forget it.
pub async fn no_store_for_staff(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let staff = is_staff_path(req.path());
    let mut res = next.call(req).await?;
    if staff {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

fn is_staff_path(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_paths_are_admin_and_below_it_only() {
        for path in ["/admin", "/admin/", "/admin/api-nokler", "/admin/temaer/ny"] {
            assert!(is_staff_path(path), "{path}");
        }
        for path in ["/", "/administrasjon", "/ideer/admin", "/api/v1/themes"] {
            assert!(!is_staff_path(path), "{path}");
        }
    }
}
