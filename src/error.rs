//! The one error type of the application and its mapping to HTTP.
//!
//! Responses built here carry only a status and a short text; the
//! `web::errors` middleware turns them into a localised page (or JSON under
//! `/api/`), because only it can see the request's language.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use sea_orm::{DbErr, SqlErr};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input: {0}")]
    Validation(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests")]
    TooManyRequests,
    /// A public form sent by what looks like a bot (honeypot, too quick).
    #[error("submission refused as automated")]
    Refused,
    /// A public form over the per-address limit; try again after the duration.
    #[error("too many submissions")]
    RateLimited(std::time::Duration),
    #[error("request body too large")]
    TooLarge,
    #[error("database error")]
    Database(#[source] DbErr),
    #[error("unexpected error: {0}")]
    Unexpected(String, #[source] Option<BoxError>),
}

impl AppError {
    pub fn unexpected(context: &str, cause: impl Into<BoxError>) -> Self {
        Self::Unexpected(context.to_owned(), Some(cause.into()))
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => Self::Conflict(detail),
            _ => Self::Database(err),
        }
    }
}

/// Which message the error page shows when the status alone would say too
/// little; the `web::errors` middleware reads it from the response.
#[derive(Clone, Copy, Debug)]
pub struct ErrorKey(pub &'static str);

/// Writes an error and every cause under it on one line.
pub fn cause_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::TooManyRequests | Self::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Refused => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Database(_) | Self::Unexpected(..) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %cause_chain(self), "request failed");
        }
        let mut response = HttpResponse::build(status);
        response.content_type("text/plain; charset=utf-8");
        match self {
            Self::Refused => {
                response.extensions_mut().insert(ErrorKey("public_refused"));
            }
            Self::RateLimited(wait) => {
                response.insert_header((
                    actix_web::http::header::RETRY_AFTER,
                    wait.as_secs().max(1).to_string(),
                ));
                response
                    .extensions_mut()
                    .insert(ErrorKey("public_too_many"));
            }
            _ => {}
        }
        response.body(status.canonical_reason().unwrap_or("error"))
    }
}
