//! Who is calling the API: the `Authorization: Bearer` token and its owner's role.
//!
//! A handler states what it needs by its argument type, as staff pages do:
//! `ApiReader` (any role) or `ApiEditor` (admin or facilitator). A missing,
//! unknown or revoked token, or one whose owner is disabled, gets 401 with
//! `WWW-Authenticate: Bearer`; a role that falls short gets 403. What a
//! token unlocks is never cached (`private_to_the_token`).

use std::future::Future;
use std::pin::Pin;

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::HeaderValue;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};

use crate::AppState;
use crate::api::tokens;
use crate::api::v1::errors::{ErrorBody, ErrorDetail};
use crate::entities::{api_token, user};
use crate::error::AppError;

/// The name the bearer scheme has in the OpenAPI document.
pub const SECURITY_SCHEME: &str = "bearer";

/// Why a request was refused. The body is written here rather than by the
/// error middleware, so integrators can tell 401 from 403 by `code` too.
#[derive(Debug, thiserror::Error)]
pub enum ApiAuthError {
    #[error("no bearer token")]
    Missing,
    #[error("invalid, revoked or disabled bearer token")]
    Invalid,
    #[error("the token's role may not do this")]
    Forbidden,
    #[error(transparent)]
    App(#[from] AppError),
}

impl ResponseError for ApiAuthError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Missing | Self::Invalid => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::App(err) => err.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        // RFC 6750: say which scheme to use, and whether the token sent was bad.
        let (challenge, code, message) = match self {
            Self::Missing => (
                r#"Bearer realm="innspill""#,
                "unauthorized",
                "An API token is required: send `Authorization: Bearer <token>`.",
            ),
            Self::Invalid => (
                r#"Bearer realm="innspill", error="invalid_token""#,
                "unauthorized",
                "The API token is unknown or revoked, or its owner is disabled.",
            ),
            Self::Forbidden => (
                r#"Bearer realm="innspill", error="insufficient_scope""#,
                "forbidden",
                "The token's owner has a role that may not do this.",
            ),
            Self::App(err) => return err.error_response(),
        };
        let status = self.status_code();
        HttpResponse::build(status)
            .insert_header((header::WWW_AUTHENTICATE, challenge))
            .json(ErrorBody {
                error: ErrorDetail {
                    status: status.as_u16(),
                    code: code.to_owned(),
                    message: message.to_owned(),
                    fields: None,
                },
            })
    }
}

/// Keeps what a token unlocks out of caches, for every response under the
/// scope it wraps.
///
/// A request with credentials gets `no-store`: its answer (unpublished
/// ideas, settings, or a 401 for a bad token) is for that caller alone.
/// Every answer says `Vary: Authorization`, because the same URL answers
/// differently with and without a token (published ideas for the public,
/// every idea for an editor), so no cache may hand one caller's variant to
/// another. Public answers keep whatever caching their handler chose.
/// Decided here, from the request, so no handler can forget it, and an
/// error after authentication is covered as well as a success.
pub async fn private_to_the_token(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let with_credentials = req.headers().contains_key(header::AUTHORIZATION);
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Authorization"));
    if with_credentials {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// The token from `Authorization: Bearer <token>`; the scheme is case-insensitive.
fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

async fn token_owner(req: HttpRequest) -> Result<(api_token::Model, user::Model), ApiAuthError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::Unexpected("application state missing".into(), None))?;
    let token = bearer_token(&req).ok_or(ApiAuthError::Missing)?;
    tokens::authenticate(&state.db, &token)
        .await?
        .ok_or(ApiAuthError::Invalid)
}

macro_rules! api_role_extractor {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            pub user: user::Model,
            pub token: api_token::Model,
        }

        impl FromRequest for $name {
            type Error = ApiAuthError;
            type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move {
                    let (token, user) = token_owner(req).await?;
                    let allowed: fn(user::Role) -> bool = $allowed;
                    if allowed(user.role) {
                        Ok($name { user, token })
                    } else {
                        Err(ApiAuthError::Forbidden)
                    }
                })
            }
        }
    };
}

api_role_extractor!(
    /// A valid token of any role, observers included: may read.
    ApiReader,
    |_| true
);
api_role_extractor!(
    /// A token of an admin or a facilitator: may change content.
    ApiEditor,
    user::Role::can_edit
);

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn reads_the_bearer_scheme_in_any_case_and_nothing_else() {
        let token = |value: &str| {
            bearer_token(
                &TestRequest::default()
                    .insert_header((header::AUTHORIZATION, value))
                    .to_http_request(),
            )
        };
        assert_eq!(token("Bearer inn_abc").as_deref(), Some("inn_abc"));
        assert_eq!(token("bearer  inn_abc ").as_deref(), Some("inn_abc"));
        assert_eq!(token("Basic dXNlcjpwYXNz"), None);
        assert_eq!(token("Bearer "), None);
        assert_eq!(token("inn_abc"), None);
        assert_eq!(
            bearer_token(&TestRequest::default().to_http_request()),
            None
        );
    }
}
