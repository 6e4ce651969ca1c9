//! What every public form shares, so sign-ups, bookings and surveys refuse
//! spam and floods the way the idea form does: the CSRF token, a honeypot
//! field, a signed time the form was shown (a form sent back faster than a
//! person could fill it is a bot), an idempotency key, and the limit on
//! submissions per client address.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::Utc;
use maud::{Markup, html};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::web::PageContext;
use crate::web::rate_limit::{self, keyed_hash};

/// The honeypot: hidden from people, filled in by naive bots.
pub const HONEYPOT: &str = "nettside";
/// When the form was shown, signed.
pub const FORM_TIME: &str = "skjema_tid";
/// Makes a form sent twice store one thing.
pub const IDEMPOTENCY_KEY: &str = "idempotency_key";

/// `<unix seconds>.<keyed hash>`: when the form was shown, in a form the sender cannot forge.
pub fn form_time_stamp(hash_key: &[u8]) -> String {
    let now = Utc::now().timestamp().to_string();
    let signature = keyed_hash(hash_key, "form-time", &now);
    format!("{now}.{signature}")
}

/// Seconds since the form was shown, if the stamp is genuine.
fn form_age(hash_key: &[u8], stamp: &str) -> Option<i64> {
    let (time, signature) = stamp.split_once('.')?;
    (keyed_hash(hash_key, "form-time", time) == signature)
        .then(|| time.parse::<i64>().ok())
        .flatten()
        .map(|shown| Utc::now().timestamp() - shown)
}

/// The hidden parts of a public form as it is first shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Guard {
    pub form_time: String,
    pub idempotency_key: String,
}

impl Guard {
    /// A fresh guard for a newly shown form.
    pub fn new(state: &AppState) -> Self {
        Self {
            form_time: form_time_stamp(&state.hash_key),
            idempotency_key: Uuid::new_v4().simple().to_string(),
        }
    }

    /// The idempotency key, if the form carried a usable one.
    pub fn key(&self) -> Option<String> {
        (!self.idempotency_key.is_empty()).then(|| self.idempotency_key.chars().take(64).collect())
    }

    /// The hidden fields (CSRF, time, key) and the honeypot, inside a `<form>`.
    pub fn fields(&self, ctx: &PageContext) -> Markup {
        html! {
            (crate::web::csrf::field(&ctx.csrf_token()))
            input type="hidden" name=(IDEMPOTENCY_KEY) value=(self.idempotency_key);
            input type="hidden" name=(FORM_TIME) value=(self.form_time);
            div.honeypot aria-hidden="true" {
                label for=(HONEYPOT) { (ctx.t("public_form.honeypot")) }
                input id=(HONEYPOT) type="text" name=(HONEYPOT) value="" tabindex="-1" autocomplete="off";
            }
        }
    }
}

/// A public form body that passed the CSRF check, was not sent by an
/// obvious bot, and is deserialized into `T`. Failures never reach the
/// handler: a bad token is 403, a bot is refused with 400.
pub struct PublicForm<T> {
    pub form: T,
    /// The guard as sent, to show the form again with the same time and key.
    pub guard: Guard,
    address_key: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for PublicForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = crate::web::csrf::checked_body(&req, body.await).await?;
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::Unexpected("no app state".into(), None))?;
            let field = |name: &str| {
                url::form_urlencoded::parse(&body)
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.trim().to_owned())
                    .unwrap_or_default()
            };
            let guard = Guard {
                form_time: field(FORM_TIME),
                idempotency_key: field(IDEMPOTENCY_KEY),
            };
            let min_age = i64::try_from(state.settings.form_min_time.as_secs()).unwrap_or(i64::MAX);
            let too_quick =
                form_age(&state.hash_key, &guard.form_time).is_none_or(|age| age < min_age);
            if !field(HONEYPOT).is_empty() || too_quick {
                tracing::info!("public form refused as automated");
                return Err(AppError::Refused);
            }
            let form = serde_html_form::from_bytes::<T>(&body)
                .map_err(|err| AppError::Validation(err.to_string()))?;
            let address = crate::web::client_address(&req, state.settings.trust_proxy);
            Ok(PublicForm {
                form,
                guard,
                address_key: keyed_hash(&state.hash_key, "submit-address", &address),
            })
        })
    }
}

impl<T> PublicForm<T> {
    /// Counts this submission against the client address's limit; call it
    /// once the form is valid, so correcting mistakes costs nothing. Over
    /// the limit it is refused with 429 and the seconds to wait.
    pub async fn count_submission(&self, state: &AppState) -> Result<(), AppError> {
        let window = chrono::TimeDelta::from_std(state.settings.submission_window)
            .map_err(|err| AppError::unexpected("submission window", err))?;
        let limit = state.settings.submissions_per_window;
        if rate_limit::hit(&state.db, &self.address_key, window, limit).await? {
            return Ok(());
        }
        let wait = rate_limit::retry_after(&state.db, &self.address_key, window).await?;
        Err(AppError::RateLimited(wait.max(Duration::from_secs(1))))
    }
}
