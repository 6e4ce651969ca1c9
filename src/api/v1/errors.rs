//! The API's error bodies: their schema, and 422 with a message per field.
//!
//! Other errors get their body from the `web::errors` middleware, which
//! writes the same `{"error": {...}}` shape for every response under `/api/`.

use std::collections::BTreeMap;

use actix_web::error::JsonPayloadError;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::Serialize;
use utoipa::ToSchema;
use validator::ValidationErrors;

use crate::web::Lang;

/// An error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// The HTTP status again.
    #[schema(example = 422)]
    pub status: u16,
    /// A stable code: `unauthorized` (401), `forbidden` (403), `not_found`,
    /// `method_not_allowed` (405, with `Allow`), `validation` (422),
    /// `bad_request`, `too_large`, `too_many`, `server`.
    #[schema(example = "validation")]
    pub code: String,
    /// What went wrong, for people.
    pub message: String,
    /// For 422: messages by field name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub fields: Option<BTreeMap<String, Vec<String>>>,
}

/// The language of messages: the first of `nb`, `nn` (or `no`) and `en` in
/// `Accept-Language`, else English, since integrators read the API.
pub fn request_lang(req: &HttpRequest) -> Lang {
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
    else {
        return Lang::En;
    };
    accept
        .split(',')
        .filter_map(|part| {
            let tag = part.split(';').next()?.trim().to_ascii_lowercase();
            let primary = tag.split('-').next()?.to_owned();
            match primary.as_str() {
                "nb" | "no" => Some(Lang::Nb),
                "nn" => Some(Lang::Nn),
                "en" => Some(Lang::En),
                _ => None,
            }
        })
        .next()
        .unwrap_or(Lang::En)
}

/// A 422 whose body names each field and what is wrong with it.
#[derive(Debug)]
pub struct Invalid {
    message: String,
    fields: BTreeMap<String, Vec<String>>,
}

impl Invalid {
    /// Translates validator's errors: each rule's `message` is a key under `[api]`.
    pub fn from_validation(lang: Lang, errors: &ValidationErrors) -> Self {
        let fields = errors
            .field_errors()
            .into_iter()
            .map(|(field, list)| {
                let messages = list
                    .iter()
                    .map(|error| {
                        let key = error.message.as_deref().unwrap_or("api.error_invalid");
                        lang.t(key).to_owned()
                    })
                    .collect();
                (field.to_string(), messages)
            })
            .collect();
        Self {
            message: lang.t("api.error_validation").to_owned(),
            fields,
        }
    }

    /// One field's message, for checks the service makes (a slug in use, say).
    pub fn field(lang: Lang, field: &str, key: &str) -> Self {
        Self {
            message: lang.t("api.error_validation").to_owned(),
            fields: BTreeMap::from([(field.to_owned(), vec![lang.t(key).to_owned()])]),
        }
    }

    /// A body that is not the JSON the operation takes.
    fn body(lang: Lang, detail: String) -> Self {
        Self {
            message: format!("{} {detail}", lang.t("api.error_body")),
            fields: BTreeMap::new(),
        }
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ResponseError for Invalid {
    fn status_code(&self) -> StatusCode {
        StatusCode::UNPROCESSABLE_ENTITY
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::UnprocessableEntity().json(ErrorBody {
            error: ErrorDetail {
                status: 422,
                code: "validation".to_owned(),
                message: self.message.clone(),
                fields: Some(self.fields.clone()),
            },
        })
    }
}

/// JSON bodies under `/api/v1/`: a body that parses but does not fit the
/// operation's schema is a 422 like any other invalid input; other failures
/// keep their status and get the usual error body from the middleware.
pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, req| match err {
            JsonPayloadError::Deserialize(cause) if cause.is_data() => {
                Invalid::body(request_lang(req), cause.to_string()).into()
            }
            other => other.into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn picks_the_first_known_language_and_defaults_to_english() {
        let lang = |value: &str| {
            request_lang(
                &TestRequest::default()
                    .insert_header((header::ACCEPT_LANGUAGE, value))
                    .to_http_request(),
            )
        };
        assert_eq!(lang("nn-NO, nb;q=0.8"), Lang::Nn);
        assert_eq!(lang("de, no;q=0.5"), Lang::Nb);
        assert_eq!(lang("de"), Lang::En);
        assert_eq!(
            request_lang(&TestRequest::default().to_http_request()),
            Lang::En
        );
    }
}
