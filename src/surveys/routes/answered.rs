//! The cookie that keeps a browser to one response per survey: the ids of
//! the surveys it has answered, newest first. Clearing it lets a person
//! answer again, as with any such check; kiosk responses never set it.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use uuid::Uuid;

const COOKIE: &str = "innspill_besvart";
/// How many answered surveys the cookie remembers.
const KEPT: usize = 20;

/// The surveys this browser has answered.
pub fn surveys(req: &HttpRequest) -> Vec<Uuid> {
    req.cookie(COOKIE)
        .map(|cookie| {
            cookie
                .value()
                .split('.')
                .filter_map(|id| Uuid::parse_str(id).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The cookie with `survey_id` added in front.
pub fn with(req: &HttpRequest, survey_id: Uuid, https: bool) -> Cookie<'static> {
    let mut ids = surveys(req);
    ids.retain(|id| *id != survey_id);
    ids.insert(0, survey_id);
    ids.truncate(KEPT);
    let value = ids
        .iter()
        .map(Uuid::to_string)
        .collect::<Vec<_>>()
        .join(".");
    Cookie::build(COOKIE, value)
        .path("/undersokelse")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(https)
        .finish()
}
