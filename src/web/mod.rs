//! What every page shares: layout, language, assets, headers, error pages.

pub mod admin_shell;
pub mod assets;
pub mod auth;
pub mod components;
pub mod context;
pub mod csrf;
pub mod errors;
pub mod forms;
pub mod headers;
pub mod i18n;
pub mod layout;
pub mod page_cache;
pub mod paging;
pub mod private;
pub mod public_form;
pub mod rate_limit;
pub mod request_log;
pub mod session;

pub use context::PageContext;
pub use i18n::Lang;

/// Only paths on this site, so a `neste` (next) parameter cannot send anyone elsewhere.
pub fn is_local_path(path: &str) -> bool {
    // Browsers drop tabs and newlines from URLs, so `/\t/evil.example` would
    // become `//evil.example`: no whitespace or control characters at all.
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_whitespace() || c.is_control())
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

/// The client's address as rate limits and support count it: the peer, or
/// with `trust_proxy` the address the proxy reports. An IPv6 client counts by
/// its /64 network, which one household or device usually holds whole.
pub fn client_address(req: &actix_web::HttpRequest, trust_proxy: bool) -> String {
    use std::net::IpAddr;
    let parse = |addr: &str| {
        addr.parse::<IpAddr>()
            .ok()
            .or_else(|| addr.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
    };
    let ip = if trust_proxy {
        // A proxy appends the address it saw to X-Forwarded-For; anything to
        // the left of it came from the client and may be made up.
        let forwarded_for = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok())
            .and_then(|list| list.rsplit(',').next())
            .map(str::trim)
            .and_then(parse);
        forwarded_for.or_else(|| req.connection_info().realip_remote_addr().and_then(parse))
    } else {
        req.peer_addr().map(|peer| peer.ip())
    };
    match ip {
        Some(IpAddr::V6(ip)) => match ip.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let mut segments = ip.segments();
                segments[4..].fill(0);
                format!("{}/64", std::net::Ipv6Addr::from(segments))
            }
        },
        Some(IpAddr::V4(ip)) => ip.to_string(),
        None => String::new(),
    }
}
