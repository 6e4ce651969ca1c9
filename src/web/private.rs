//! What a sender's private link and the receipt after a public form share.
//!
//! A receipt is handed to the page after the redirect in the session, so it
//! is shown once, to the browser that sent the form, and never sits in a URL.
//! Pages under a private link are never cached, never indexed, and never
//! leak the link in a `Referer`.

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue, REFERRER_POLICY};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::web::html_status;

/// Keeps `receipt` for the next page of this browser under `key`.
pub fn put_receipt<T: Serialize>(session: &Session, key: &str, receipt: &T) {
    if let Err(err) = session.insert(key, receipt) {
        // The submission is stored; only the receipt page will be the plain one.
        tracing::warn!(error = %err, "receipt not kept in the session");
    }
}

/// The receipt under `key`, once: a reload finds none.
pub fn take_receipt<T: DeserializeOwned>(session: &Session, key: &str) -> Option<T> {
    session.remove_as::<T>(key).and_then(Result::ok)
}

/// A page under a private link.
pub fn private_page(markup: maud::Markup) -> HttpResponse {
    private_page_status(StatusCode::OK, markup)
}

/// A page under a private link with another status (a form shown again).
pub fn private_page_status(status: StatusCode, markup: maud::Markup) -> HttpResponse {
    let mut response = html_status(status, markup);
    response
        .headers_mut()
        .insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // A link that leaked anyway (a forwarded mail) is not to end up in a search engine.
    response.headers_mut().insert(
        HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}
