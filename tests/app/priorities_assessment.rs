//! The project group's assessment of the themes: facilitators score themes
//! through the pages, the summary is the arithmetic worked out by hand,
//! a second save replaces the first, bad input and unknown or inactive themes
//! change nothing, observers read but cannot assess, and the API agrees.

use innspill::api::tokens;
use innspill::entities::user::Role;
use innspill::entities::{audit_log, priority_assessment, theme};
use innspill::priorities::assessment::{self, Criterion};
use innspill::themes::service as themes;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;
use uuid::Uuid;

use crate::common::staff::{create_user, csrf_token, signed_in, submit};
use crate::common::{TestApp, demo_data_dir, spawn_app};

const LIST: &str = "/admin/prioritering/vurdering";

/// The app with the demo themes, all active; returns the first two.
async fn app_with_themes() -> (TestApp, theme::Model, theme::Model) {
    let app = spawn_app().await;
    let csv = std::fs::read_to_string(demo_data_dir().join("themes.csv")).unwrap();
    themes::import_csv(&app.db, None, csv.as_bytes())
        .await
        .unwrap();
    let active = themes::list_active(&app.db).await.unwrap();
    (app, active[0].clone(), active[1].clone())
}

fn page(theme: &theme::Model) -> String {
    format!("{LIST}/{}", theme.id)
}

/// The assessment form's fields with `scores` in criterion order.
fn fields<'a>(scores: &'a [String; 5], rationale: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&str, &str)> = Criterion::ALL
        .into_iter()
        .map(|c| (c.code(), scores[c.index()].as_str()))
        .collect();
    fields.push(("rationale", rationale));
    fields
}

async fn assess(
    app: &TestApp,
    client: &reqwest::Client,
    theme: &theme::Model,
    scores: [u8; 5],
    rationale: &str,
) -> reqwest::Response {
    let scores = scores.map(|s| s.to_string());
    submit(
        app,
        client,
        &page(theme),
        &page(theme),
        &fields(&scores, rationale),
    )
    .await
}

async fn rows(app: &TestApp) -> Vec<priority_assessment::Model> {
    priority_assessment::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
}

fn close(value: Option<f64>, expected: f64) -> bool {
    value.is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[tokio::test]
async fn two_facilitators_assess_a_theme_and_the_summary_is_the_hand_worked_one() {
    let (app, theme, _) = app_with_themes().await;
    let (first, first_user) = signed_in(&app, Role::Facilitator).await;
    let (second, _) = signed_in(&app, Role::Facilitator).await;

    let response = assess(
        &app,
        &first,
        &theme,
        [2, 4, 5, 1, 3],
        "Mange små bedrifter.",
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"].to_str().unwrap(),
        format!("{LIST}?melding=lagret#tema-{}", theme.slug)
    );
    let response = assess(
        &app,
        &second,
        &theme,
        [4, 4, 2, 2, 5],
        "Sterkt lokalt miljø.",
    )
    .await;
    assert_eq!(response.status(), 303);

    let summary = assessment::summary(&app.db).await.unwrap();
    assert_eq!(summary.len(), 1, "only the assessed theme");
    let theme_summary = &summary[0];
    assert_eq!(theme_summary.theme_id, theme.id);
    assert_eq!(theme_summary.assessors, 2);
    let order: Vec<Criterion> = theme_summary.criteria.iter().map(|c| c.criterion).collect();
    assert_eq!(order, Criterion::ALL.to_vec());
    // By hand, two scores a and b: mean (a+b)/2, sample sd |a−b|/√2.
    // jobs 2,4; robustness 4,4; development 5,2; feasibility 1,2; advantage 3,5.
    let expected: [(f64, f64, u8, u8, [u32; 5]); 5] = [
        (3.0, 2f64.sqrt(), 2, 4, [0, 1, 0, 1, 0]),
        (4.0, 0.0, 4, 4, [0, 0, 0, 2, 0]),
        (3.5, 4.5f64.sqrt(), 2, 5, [0, 1, 0, 0, 1]),
        (1.5, 0.5f64.sqrt(), 1, 2, [1, 1, 0, 0, 0]),
        (4.0, 2f64.sqrt(), 3, 5, [0, 0, 1, 0, 1]),
    ];
    for (summary, (mean, sd, min, max, counts)) in theme_summary.criteria.iter().zip(expected) {
        let name = summary.criterion.code();
        assert!(close(summary.mean, mean), "{name} mean {:?}", summary.mean);
        assert!(close(summary.sd, sd), "{name} sd {:?}", summary.sd);
        assert_eq!((summary.min, summary.max), (Some(min), Some(max)), "{name}");
        assert_eq!(summary.counts, counts, "{name}");
    }

    // The list shows the figures, rounded, with the Norwegian decimal comma.
    let list = first.get(app.url(LIST)).send().await.unwrap();
    assert_eq!(list.status(), 200);
    let html = list.text().await.unwrap();
    assert!(html.contains("<caption"), "the table has a caption");
    assert!(html.contains("3,0 ± 1,4"), "jobs: mean ± sd");
    assert!(html.contains("3,5 ± 2,1"), "development: mean ± sd");
    assert!(html.contains("2–5"), "development: min–max");
    assert!(
        !html.contains("Vurderingen er lagret."),
        "no notice without the word"
    );

    // Each save left an audit row naming its author.
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("priority_assessment.create"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 2);
    assert!(audited.iter().any(|a| a.user_id == Some(first_user.id)));

    // The second assessor sees the first one's scores and reasons below the form.
    let html = second
        .get(app.url(&page(&theme)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Mange små bedrifter."));
    assert_eq!(
        html.matches("Sterkt lokalt miljø.").count(),
        1,
        "their own reasons only in their form, not among the others'"
    );
}

#[tokio::test]
async fn saving_again_replaces_the_earlier_assessment_and_the_form_shows_it() {
    let (app, theme, _) = app_with_themes().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    assert_eq!(
        assess(&app, &client, &theme, [1, 1, 1, 1, 1], "Første vurdering.")
            .await
            .status(),
        303
    );
    assert_eq!(
        assess(
            &app,
            &client,
            &theme,
            [5, 4, 3, 2, 1],
            "Andre vurdering, etter mer lesing."
        )
        .await
        .status(),
        303
    );
    let stored = rows(&app).await;
    assert_eq!(stored.len(), 1, "replaced, not added");
    let row = &stored[0];
    assert_eq!(
        [
            row.jobs,
            row.robustness,
            row.development,
            row.feasibility,
            row.advantage
        ],
        [5, 4, 3, 2, 1]
    );
    assert_eq!(row.rationale, "Andre vurdering, etter mer lesing.");
    let summary = assessment::summary(&app.db).await.unwrap();
    assert_eq!(summary[0].assessors, 1);
    assert!(close(summary[0].criteria[0].mean, 5.0));
    assert_eq!(summary[0].criteria[0].sd, None, "no spread from one score");

    let html = client
        .get(app.url(&page(&theme)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"name="jobs" value="5" checked"#), "{html}");
    assert!(html.contains(r#"name="advantage" value="1" checked"#));
    assert!(html.contains("Andre vurdering, etter mer lesing.</textarea>"));
    let list = client
        .get(app.url(LIST))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list.contains(">Vurdert<"),
        "the list says this user has assessed it"
    );
}

#[tokio::test]
async fn a_bad_score_or_empty_rationale_comes_back_with_messages_and_changes_nothing() {
    let (app, theme, _) = app_with_themes().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    assert_eq!(
        assess(
            &app,
            &client,
            &theme,
            [3, 3, 3, 3, 3],
            "Den gyldige vurderingen."
        )
        .await
        .status(),
        303
    );
    let before = rows(&app).await;
    let audits = audit_log::Entity::find().count(&app.db).await.unwrap();

    let bad_score = ["6", "3", "3", "x", "3"].map(str::to_owned);
    let response = submit(
        &app,
        &client,
        &page(&theme),
        &page(&theme),
        &fields(&bad_score, "Ny begrunnelse som er lang nok."),
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("ds-error-summary"));
    assert!(html.contains("Velg en poengsum fra 1 til 5 for Arbeidsplasser."));
    assert!(html.contains("Velg en poengsum fra 1 til 5 for Gjennomførbarhet."));
    assert!(
        html.contains(r##"href="#jobs""##),
        "the summary links to the field"
    );
    assert!(
        html.contains(r#"id="jobs-error""#),
        "a message beside the field"
    );
    assert!(
        html.contains("Ny begrunnelse som er lang nok.</textarea>"),
        "input kept"
    );

    let scores = [4, 4, 4, 4, 4].map(|s: u8| s.to_string());
    let response = submit(
        &app,
        &client,
        &page(&theme),
        &page(&theme),
        &fields(&scores, "   "),
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Skriv en begrunnelse for vurderingen."));
    assert!(html.contains(r#"id="rationale-error""#));
    assert!(
        html.contains(r#"name="jobs" value="4" checked"#),
        "the scores sent are kept"
    );

    let response = submit(
        &app,
        &client,
        &page(&theme),
        &page(&theme),
        &fields(&scores, "kort"),
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("minst 10 tegn"));

    assert_eq!(rows(&app).await, before, "nothing changed");
    assert_eq!(
        audit_log::Entity::find().count(&app.db).await.unwrap(),
        audits
    );

    // The service keeps the same rules for any other caller.
    let user = before[0].user_id;
    assert!(
        assessment::save(
            &app.db,
            user,
            theme.id,
            [0, 3, 3, 3, 3],
            "Gyldig begrunnelse."
        )
        .await
        .is_err()
    );
    assert!(
        assessment::save(&app.db, user, theme.id, [3, 3, 3, 3, 3], "")
            .await
            .is_err()
    );
    assert_eq!(rows(&app).await, before);
}

#[tokio::test]
async fn an_unknown_or_inactive_theme_is_refused() {
    let (app, theme, other) = app_with_themes().await;
    let (client, user) = signed_in(&app, Role::Facilitator).await;
    themes::set_active(&app.db, None, other.id, false)
        .await
        .unwrap();
    let scores = [3, 3, 3, 3, 3].map(|s: u8| s.to_string());
    let body = fields(&scores, "En helt grei begrunnelse.");
    // The token from a page that exists, sent to pages that do not.
    let html = client
        .get(app.url(LIST))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = csrf_token(&html);
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(&body);
    for path in [format!("{LIST}/{}", Uuid::now_v7()), page(&other)] {
        let response = client
            .post(app.url(&path))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "POST {path}");
        let response = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "GET {path}");
    }
    assert!(rows(&app).await.is_empty());
    assert!(
        assessment::save(
            &app.db,
            user.id,
            other.id,
            [3; 5],
            "En helt grei begrunnelse."
        )
        .await
        .is_err()
    );
    assert!(rows(&app).await.is_empty());
    // The list offers only the active themes.
    assert!(html.contains(&page(&theme)));
    assert!(!html.contains(&page(&other)));
}

#[tokio::test]
async fn observers_read_the_list_and_the_reasons_but_cannot_assess() {
    let (app, theme, _) = app_with_themes().await;
    let (facilitator, _) = signed_in(&app, Role::Facilitator).await;
    assert_eq!(
        assess(
            &app,
            &facilitator,
            &theme,
            [4, 3, 2, 5, 1],
            "Begrunnelsen styringsgruppen leser."
        )
        .await
        .status(),
        303
    );
    let before = rows(&app).await;
    let (observer, _) = signed_in(&app, Role::Observer).await;

    let list = observer.get(app.url(LIST)).send().await.unwrap();
    assert_eq!(list.status(), 200);
    let html = list.text().await.unwrap();
    assert!(html.contains("4,0"), "the group's score");
    assert!(!html.contains("Din vurdering"), "no column about their own");

    let response = observer.get(app.url(&page(&theme))).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("Begrunnelsen styringsgruppen leser."));
    assert!(
        !html.contains(r#"name="rationale""#),
        "no form for observers"
    );

    let scores = [1, 1, 1, 1, 1].map(|s: u8| s.to_string());
    let mut form = vec![("csrf_token", csrf_token(&html))];
    form.extend(
        fields(&scores, "Observatøren prøver seg.")
            .into_iter()
            .map(|(k, v)| (k, v.to_owned())),
    );
    let response = observer
        .post(app.url(&page(&theme)))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(rows(&app).await, before);
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused() {
    let (app, theme, _) = app_with_themes().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let scores = [3, 3, 3, 3, 3].map(|s: u8| s.to_string());
    let body = fields(&scores, "En helt grei begrunnelse.");
    let response = client
        .post(app.url(&page(&theme)))
        .form(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let mut wrong = vec![("csrf_token", "feil")];
    wrong.extend_from_slice(&body);
    let response = client
        .post(app.url(&page(&theme)))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(rows(&app).await.is_empty());
}

#[tokio::test]
async fn the_api_gives_the_same_summary_and_every_answer() {
    let (app, theme, other) = app_with_themes().await;
    let (first, first_user) = signed_in(&app, Role::Facilitator).await;
    let (second, _) = signed_in(&app, Role::Admin).await;
    assess(
        &app,
        &first,
        &theme,
        [2, 4, 5, 1, 3],
        "Første grunngiving her.",
    )
    .await;
    assess(
        &app,
        &second,
        &theme,
        [4, 4, 2, 2, 5],
        "Andre grunngiving her.",
    )
    .await;
    assess(
        &app,
        &first,
        &other,
        [5, 5, 5, 5, 5],
        "Det beste temaet vi har.",
    )
    .await;

    let path = "/api/v1/priorities/assessments";
    let response = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 401);

    let observer = create_user(&app, Role::Observer).await;
    let (_, token) = tokens::create(&app.db, None, &observer, "Test")
        .await
        .unwrap();
    let response = app
        .client
        .get(app.url(path))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();

    let summary = assessment::summary(&app.db).await.unwrap();
    assert_eq!(body["themes"], serde_json::to_value(&summary).unwrap());
    assert_eq!(body["themes"].as_array().unwrap().len(), 2);
    assert_eq!(
        body["criteria"],
        serde_json::json!([
            "jobs",
            "robustness",
            "development",
            "feasibility",
            "advantage"
        ])
    );
    let jobs = &body["themes"][0]["criteria"][0];
    assert_eq!(jobs["criterion"], "jobs");
    assert_eq!(jobs["mean"], 3.0);
    assert_eq!(jobs["counts"], serde_json::json!([0, 1, 0, 1, 0]));
    let entries = body["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    let mine = entries
        .iter()
        .find(|e| {
            e["user_id"] == first_user.id.to_string() && e["theme_id"] == theme.id.to_string()
        })
        .unwrap();
    assert_eq!(mine["assessor"], first_user.name.as_str());
    assert_eq!(mine["scores"], serde_json::json!([2, 4, 5, 1, 3]));
    assert_eq!(mine["rationale"], "Første grunngiving her.");
    assert_eq!(
        serde_json::to_value(assessment::entries(&app.db, None).await.unwrap()).unwrap(),
        body["entries"]
    );
}
