//! Staff sessions in a signed and encrypted cookie, so any instance can serve any user.

use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_session::storage::CookieSessionStore;
use actix_session::{Session, SessionMiddleware};
use actix_web::cookie::{Key, SameSite};
use uuid::Uuid;

pub const COOKIE_NAME: &str = "innspill_session";
const USER_ID: &str = "uid";
const LAST_SEEN: &str = "seen";
const SINCE: &str = "since";
const EPOCH: &str = "epoch";

/// However active, a session ends after this long; a stolen cookie with it.
pub const MAX_SESSION_AGE_SECS: i64 = 12 * 60 * 60;
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
pub fn sign_in(
    session: &Session,
    user: &crate::entities::user::Model,
) -> Result<(), actix_session::SessionInsertError> {
    session.renew();
    session.insert(USER_ID, user.id.to_string())?;
    session.insert(EPOCH, user.session_epoch)?;
    session.insert(SINCE, now())?;
    session.insert(LAST_SEEN, now())
}

/// The session's user and the epoch it was opened in, without checking times.
pub fn signed_in_as(session: &Session) -> Option<(Uuid, i32)> {
    let user_id = session
        .get::<String>(USER_ID)
        .ok()
        .flatten()
        .and_then(|id| Uuid::parse_str(&id).ok())?;
    let epoch = session.get::<i32>(EPOCH).ok().flatten()?;
    Some((user_id, epoch))
}

pub fn sign_out(session: &Session) {
    session.purge();
}

/// The signed-in user's id and session epoch when the session has been
/// neither idle longer than `idle_secs` nor open longer than
/// `MAX_SESSION_AGE_SECS`; refreshes the activity time now and then.
pub fn active_user(session: &Session, idle_secs: i64) -> Option<(Uuid, i32)> {
    let (user_id, epoch) = signed_in_as(session)?;
    let seen = session.get::<i64>(LAST_SEEN).ok().flatten().unwrap_or(0);
    let since = session.get::<i64>(SINCE).ok().flatten().unwrap_or(0);
    let now = now();
    if now - seen > idle_secs || now - since > MAX_SESSION_AGE_SECS {
        session.purge();
        return None;
    }
    // Re-sealing the cookie on every request is wasted work; a few seconds of
    // slack on the idle limit is not.
    if now - seen > 15 {
        let _ = session.insert(LAST_SEEN, now);
    }
    Some((user_id, epoch))
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
