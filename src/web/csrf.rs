//! CSRF protection for every state-changing form: a random token kept in the
//! (encrypted) session cookie and repeated in a hidden field. A cross-site
//! page can make the browser send the cookie but cannot read it to fill in
//! the field.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use maud::{Markup, html};
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use crate::error::AppError;

pub const FIELD: &str = "csrf_token";
const SESSION_KEY: &str = "csrf";

/// The session's token, created on first use.
pub fn token(session: &Session) -> String {
    if let Ok(Some(token)) = session.get::<String>(SESSION_KEY) {
        return token;
    }
    let bytes: [u8; 32] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let _ = session.insert(SESSION_KEY, &token);
    token
}

/// The hidden field every form carries.
pub fn field(token: &str) -> Markup {
    html! { input type="hidden" name=(FIELD) value=(token); }
}

/// A form body that passed the CSRF check, deserialized into `T`.
/// A missing or wrong token is refused with 403 before `T` is looked at.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = checked_body(&req, body.await).await?;
            serde_html_form::from_bytes::<T>(&body)
                .map(CsrfForm)
                .map_err(|err| AppError::Validation(err.to_string()))
        })
    }
}

/// The form body, once its CSRF token has been checked against the session's.
pub(crate) async fn checked_body(
    req: &HttpRequest,
    body: Result<web::Bytes, actix_web::Error>,
) -> Result<web::Bytes, AppError> {
    let body = body.map_err(|err| {
        let status = err.as_response_error().status_code();
        if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::Validation("unreadable body".into())
        }
    })?;
    let sent = url::form_urlencoded::parse(&body)
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let expected = req
        .get_session()
        .get::<String>(SESSION_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let valid = !expected.is_empty() && bool::from(sent.as_bytes().ct_eq(expected.as_bytes()));
    if !valid {
        tracing::warn!("form refused: missing or wrong CSRF token");
        return Err(AppError::Forbidden);
    }
    Ok(body)
}
