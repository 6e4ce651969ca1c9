//! Theme triage in the browser suite: survey answers with suggestions (the
//! only survey inputs any seed makes, so `?kanal=survey` holds just these),
//! a facilitator the keyboard scenario signs in as, and the pages to check.

use innspill::entities::input::{Channel, Status};
use innspill::entities::{input, theme};
use innspill::inputs::tags;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common;
use crate::common::seed::{at, input_row};

/// The account `scenarios/triage-keyboard.mjs` signs in with.
pub const FACILITATOR_EMAIL: &str = "temamerking@vefsn.kommune.no";

/// Seeds the triage inputs and returns the pages: editor pages with
/// `session`, observer pages with `observer_session`.
pub async fn seed_triage(
    app: &common::TestApp,
    session: &str,
    observer_session: &str,
) -> Vec<Value> {
    innspill::admin::service::create_user(
        &app.db,
        &innspill::domain::Email::parse(FACILITATOR_EMAIL).expect("email"),
        "Tora Temamerker",
        innspill::entities::user::Role::Facilitator,
        common::staff::PASSWORD,
    )
    .await
    .expect("facilitator");
    let theme = |slug: &'static str| async move {
        theme::Entity::find()
            .filter(theme::Column::Slug.eq(slug))
            .one(&app.db)
            .await
            .expect("theme")
            .expect("demo theme")
            .id
    };
    let answers: [(&str, &[(&'static str, f64)]); 4] = [
        (
            "Flere hytter til utleie for turister om sommeren, og bedre skilting til turstiene.",
            &[("reiseliv", 0.82), ("attraktivitet", 0.41)],
        ),
        (
            "Ny kai for fiskebåtene og et mottak for laks ved havna.",
            &[("sjomat", 0.9), ("landbruk", 0.55)],
        ),
        (
            "Kurs for gründere og et kontorfellesskap for nye bedrifter.",
            &[("grunder", 0.77), ("kompetanse", 0.6)],
        ),
        ("Vi trenger flere møteplasser for ungdom om kvelden.", &[]),
    ];
    for (day, (body, suggestions)) in (1..).zip(answers) {
        let id = Uuid::now_v7();
        let mut row = input_row(id, Channel::Survey, Status::Published, body);
        row.created_at = Set(at(2026, 2, day, 10, 0));
        input::Entity::insert(row)
            .exec_without_returning(&app.db)
            .await
            .expect("survey answer");
        let mut with_ids = Vec::new();
        for (slug, confidence) in suggestions {
            with_ids.push((theme(slug).await, *confidence));
        }
        tags::suggest(&app.db, id, &with_ids)
            .await
            .expect("suggest");
    }
    let page = |name: &str, path: &str, lang: &str, session: &str| {
        json!({
            "name": name,
            "path": path,
            "cookies": [
                { "name": "lang", "value": lang },
                { "name": "innspill_session", "value": session },
            ],
        })
    };
    vec![
        page("triage-nb", "/admin/temamerking", "nb", session),
        page(
            "triage-filtered-en",
            "/admin/temamerking?kanal=survey&tema=reiseliv&min=50",
            "en",
            session,
        ),
        page(
            "triage-bad-filter-nn",
            "/admin/temamerking?kanal=survey&min=150",
            "nn",
            session,
        ),
        page(
            "triage-untagged-nn",
            "/admin/temamerking?vis=uten-tema",
            "nn",
            session,
        ),
        page(
            "triage-empty-nb",
            "/admin/temamerking?kanal=meeting",
            "nb",
            session,
        ),
        page(
            "triage-observer-nb",
            "/admin/temamerking?kanal=survey",
            "nb",
            observer_session,
        ),
    ]
}
