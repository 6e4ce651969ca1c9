//! Staff sessions in a signed and encrypted cookie, so any instance can serve any user.

use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_session::storage::CookieSessionStore;
use actix_session::{Session, SessionMiddleware};
use actix_web::cookie::{Key, SameSite};
use uuid::Uuid;

pub const COOKIE_NAME: &str = "innspill_session";
const USER_ID: &str = "uid";
const LAST_SEEN: &str = "seen";
const FLASH: &str = "flash";

pub fn middleware(key: Key, https: bool) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name(COOKIE_NAME.to_owned())
        .cookie_secure(https)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(BrowserSession::default())
        .build()
}

/// Starts a signed-in session with a fresh cookie, so a session id planted
/// before sign-in is worth nothing after it.
pub fn sign_in(session: &Session, user_id: Uuid) -> Result<(), actix_session::SessionInsertError> {
    session.renew();
    session.insert(USER_ID, user_id.to_string())?;
    session.insert(LAST_SEEN, now())
}

pub fn sign_out(session: &Session) {
    session.purge();
}

/// The signed-in user's id when the session has not been idle longer than
/// `idle_secs`; refreshes the activity time now and then.
pub fn active_user(session: &Session, idle_secs: i64) -> Option<Uuid> {
    let user_id = session
        .get::<String>(USER_ID)
        .ok()
        .flatten()
        .and_then(|id| Uuid::parse_str(&id).ok())?;
    let seen = session.get::<i64>(LAST_SEEN).ok().flatten().unwrap_or(0);
    let now = now();
    if now - seen > idle_secs {
        session.purge();
        return None;
    }
    // Re-sealing the cookie on every request is wasted work; a few seconds of
    // slack on the idle limit is not.
    if now - seen > 15 {
        let _ = session.insert(LAST_SEEN, now);
    }
    Some(user_id)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Leaves a one-time notice (a locale key) for the next page, after a redirect.
pub fn flash(session: &Session, key: &str) {
    let _ = session.insert(FLASH, key);
}

/// The notice left for this page, if any; it is shown once.
pub fn take_flash(session: &Session) -> Option<String> {
    session.remove_as::<String>(FLASH).and_then(Result::ok)
}
