//! The survey builder in the browser suite: a draft made from the business
//! template and a published resident survey, the pages an editor and an
//! observer see, and a facilitator the error scenario signs in as.

use innspill::surveys::SurveyStatus;
use innspill::surveys::service::templates::{self, Template};
use innspill::surveys::service::{builder, load};
use serde_json::{Value, json};

use crate::common;

/// The account `scenarios/survey-builder-error.mjs` signs in with.
pub const FACILITATOR_EMAIL: &str = "undersokelser@vefsn.kommune.no";

/// Seeds two surveys and returns the pages: editor pages with `session`,
/// observer pages with `observer_session`.
pub async fn seed_builder(
    app: &common::TestApp,
    session: &str,
    observer_session: &str,
) -> Vec<Value> {
    innspill::admin::service::create_user(
        &app.db,
        &innspill::domain::Email::parse(FACILITATOR_EMAIL).expect("email"),
        "Ulla Undersøker",
        innspill::entities::user::Role::Facilitator,
        common::staff::PASSWORD,
    )
    .await
    .expect("facilitator");
    let business = templates::create_from(&app.db, None, Template::Business)
        .await
        .expect("business survey");
    let resident = templates::create_from(&app.db, None, Template::Resident)
        .await
        .expect("resident survey");
    builder::set_status(&app.db, None, resident, SurveyStatus::Published)
        .await
        .expect("publish")
        .expect("has questions");
    let survey = load::get(&app.db, business)
        .await
        .expect("load")
        .expect("survey");
    let choice = survey
        .questions()
        .find(|q| q.kind.has_choices())
        .expect("a choice question")
        .id;
    let section = survey.sections[0].id;
    let page = |name: &str, path: String, lang: &str, session: &str| {
        json!({
            "name": name,
            "path": path,
            "cookies": [
                { "name": "lang", "value": lang },
                { "name": "innspill_session", "value": session },
            ],
        })
    };
    let base = "/admin/undersokelser";
    vec![
        page("surveys-list-nb", base.to_owned(), "nb", session),
        page(
            "survey-builder-en",
            format!("{base}/{business}"),
            "en",
            session,
        ),
        page(
            "survey-published-nb",
            format!("{base}/{resident}"),
            "nb",
            session,
        ),
        page(
            "survey-question-nn",
            format!("{base}/{business}/sporsmal/{choice}"),
            "nn",
            session,
        ),
        page(
            "survey-section-nb",
            format!("{base}/{business}/deler/{section}"),
            "nb",
            session,
        ),
        page(
            "survey-preview-nb",
            format!("{base}/{resident}/forhandsvisning"),
            "nb",
            session,
        ),
        page(
            "survey-observer-nb",
            format!("{base}/{resident}"),
            "nb",
            observer_session,
        ),
    ]
}
