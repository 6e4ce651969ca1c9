//! Version 1 of the JSON API: its routes, registered together with their documentation.

pub mod errors;
pub mod params;
pub mod settings;
pub mod theme_bodies;
pub mod themes;

pub use crate::ideas::api as ideas;
pub use crate::interviews::api as interviews;
pub use crate::priorities::api as priorities;
pub use crate::priorities::pairwise::api as pairwise;
pub use crate::surveys::api as surveys;

use actix_web::middleware::from_fn;
use actix_web::{App, web};
use utoipa::openapi::OpenApi as Document;
use utoipa_actix_web::OpenApiFactory;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::api::auth;
use crate::api::openapi::{self, ServedDocument};

/// Where version 1 lives.
pub const PREFIX: &str = "/api/v1";

/// Largest JSON body an operation takes; theme descriptions are the longest.
const MAX_JSON_BYTES: usize = 64 * 1024;

/// Every operation of the API. Only `service(...)` is used here: it takes
/// handlers that carry `#[utoipa::path]`, so each route brings its own entry
/// in the document. Adding a route with `route(...)` would bypass that; the
/// `api` integration tests probe the served routes against the document.
fn operations(cfg: &mut ServiceConfig) {
    cfg.service(openapi::openapi_json)
        .service(settings::get_settings)
        .service(themes::list_themes)
        .service(themes::get_theme)
        .service(themes::create_theme)
        .service(themes::update_theme)
        .service(ideas::list_ideas)
        .service(ideas::get_idea)
        // Public on purpose, the one operation here that is: see `interviews::api`.
        .service(interviews::free_slots)
        .service(interviews::list_slots)
        .service(interviews::create_slot)
        .service(interviews::list_businesses)
        .service(interviews::get_business)
        .service(interviews::list_interviews)
        .service(interviews::get_interview)
        .service(interviews::list_findings)
        .service(surveys::list_surveys)
        .service(surveys::get_survey)
        .service(surveys::list_survey_responses)
        .service(surveys::survey_results)
        .service(crate::priorities::assessment::api::list_priority_assessments)
        .service(pairwise::pairwise_scores)
        .service(pairwise::list_pairwise_votes)
        .service(priorities::priority_evidence)
        .service(priorities::list_priority_scenarios)
        .service(priorities::create_priority_scenario)
        .service(priorities::priority_ranking)
        .service(priorities::priority_report);
}

/// Mounts `/api/v1/` on `cfg` and returns its OpenAPI document.
pub fn register(cfg: &mut web::ServiceConfig) -> Document {
    let scope = utoipa_actix_web::scope(PREFIX)
        .app_data(errors::json_config(MAX_JSON_BYTES))
        .configure(operations)
        // Last, after every operation: 405 for their paths, 404 for the rest.
        .map(|scope| scope.service(crate::web::errors::fallback()))
        .wrap(from_fn(auth::private_to_the_token));
    let mut schemas = Vec::new();
    scope.schemas(&mut schemas);
    let document = openapi::complete(scope.paths(), schemas);
    let served = match document.to_json() {
        Ok(json) => json,
        // Serialising plain data cannot fail; should it ever, say so in the body.
        Err(err) => {
            tracing::error!(error = %err, "OpenAPI document did not serialise");
            String::from(r#"{"error":{"status":500,"code":"server","message":"no document"}}"#)
        }
    };
    cfg.service(scope.app_data(web::Data::new(ServedDocument(served))));
    document
}

/// The document without a server, for tests and tools.
pub fn document() -> Document {
    let mut document = None;
    let _ = App::new().configure(|cfg| document = Some(register(cfg)));
    document.unwrap_or_else(|| openapi::complete(Default::default(), Vec::new()))
}
