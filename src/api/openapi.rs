//! The OpenAPI 3 document of `/api/v1/`, generated from the handlers.
//!
//! The document's frame (title, bearer scheme, tags) is declared here; its
//! paths and schemas are collected by utoipa-actix-web from the very
//! `service(...)` calls that register the routes (see `v1::register`), so a
//! route cannot be mounted without its operation being documented.

use actix_web::{HttpResponse, get, web};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Components, OpenApi as Document, RefOr, schema::Schema};
use utoipa::{Modify, OpenApi};

use crate::api::auth::SECURITY_SCHEME;
use crate::api::v1::params::{SortParam, StatusParam};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "innspill API",
        version = "1",
        description = "JSON API for integrations, such as a municipality's reporting tools. \
            Published ideas, free interview slots and this document are open to anyone; \
            everything else needs \
            `Authorization: Bearer <token>`; an admin creates tokens at /admin/api-nokler. A \
            token acts with its owner's role: observers may read, facilitators and admins may \
            also write and see ideas in every state with their tags. Contact details are never \
            in the API. Errors are JSON objects with an `error` member.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    security(("bearer" = [])),
    // Listed here so every operation's parameters can refer to them.
    components(schemas(SortParam, StatusParam)),
    modifiers(&BearerScheme),
    tags(
        (name = "ideas", description = "Residents' ideas: published ones for everyone, all of them for editors."),
        (name = "interviews", description = "Business interviews: free slots for everyone; businesses, slots, records and findings for a token. No contact person's name, e-mail or phone, whatever the token's role: those are only in the logged businesses export."),
        (name = "surveys", description = "Surveys with their questions, the anonymous responses keyed by question code, and aggregated results. An admin's or a facilitator's token."),
        (name = "priorities", description = "Prioritisation: evidence per theme, the pairwise survey's votes and scores, the project group's assessment, weight scenarios and their rankings with the sensitivity analysis. Any staff token."),
        (name = "themes", description = "Candidate priority areas (innsatsområder) that inputs are tagged with."),
        (name = "settings", description = "The programme's public settings."),
        (name = "meta", description = "This document."),
    ),
)]
struct ApiFrame;

/// Declares the `bearer` scheme that every operation refers to.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Components::new);
        components.add_security_scheme(
            SECURITY_SCHEME,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token from /admin/api-nokler, e.g. `inn_…`."))
                    .build(),
            ),
        );
    }
}

/// The whole document: the frame plus the collected paths and schemas.
pub fn complete(
    paths: utoipa::openapi::path::Paths,
    schemas: Vec<(String, RefOr<Schema>)>,
) -> Document {
    let mut document = ApiFrame::openapi();
    document.paths.merge(paths);
    document
        .components
        .get_or_insert_with(Components::new)
        .schemas
        .extend(schemas);
    document
}

/// The document as served, serialised once when the routes are mounted.
pub struct ServedDocument(pub String);

/// This OpenAPI document.
#[utoipa::path(
    tag = "meta",
    operation_id = "openapi",
    security(()),
    responses((status = 200, description = "This OpenAPI 3 document", content_type = "application/json")),
)]
#[get("/openapi.json")]
pub async fn openapi_json(document: web::Data<ServedDocument>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(document.0.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `$ref` in `value`, e.g. `#/components/schemas/Theme`.
    fn refs<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    match (key.as_str(), inner) {
                        ("$ref", serde_json::Value::String(target)) => out.push(target),
                        _ => refs(inner, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
            _ => {}
        }
    }

    #[test]
    fn the_document_has_the_bearer_scheme_and_every_ref_resolves() {
        let document = crate::api::v1::document();
        let json = serde_json::to_value(&document).expect("serialises");
        assert!(
            json["openapi"]
                .as_str()
                .is_some_and(|v| v.starts_with("3.")),
            "{json}"
        );
        assert_eq!(
            json["components"]["securitySchemes"][SECURITY_SCHEME]["scheme"],
            "bearer"
        );
        let mut found = Vec::new();
        refs(&json, &mut found);
        assert!(!found.is_empty());
        for target in found {
            let pointer = target.strip_prefix('#').expect("local reference");
            assert!(json.pointer(pointer).is_some(), "{target} does not resolve");
        }
    }
}
