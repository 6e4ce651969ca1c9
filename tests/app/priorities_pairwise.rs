//! The public pairwise survey over HTTP: each browser votes in a stream of
//! its own, "can't decide" is kept but is no comparison, a forged pair or a
//! missing token stores nothing, a proposal waits for an editor (not an
//! observer) before it is shown, and the staff page, the API and the CSV
//! agree with the votes cast.

use std::time::Duration;

use chrono::Utc;
use innspill::api::tokens;
use innspill::entities::pairwise_option::{self, Status};
use innspill::entities::pairwise_vote::{self, Outcome};
use innspill::entities::user::Role;
use innspill::entities::{audit_log, theme};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;
use uuid::Uuid;

use crate::common::staff::{create_user, csrf_token, hidden_value, signed_in, submit};
use crate::common::{TestApp, assert_redirect_to, client, spawn_app_with};

async fn app() -> TestApp {
    spawn_app_with(|s| s.form_min_time = Duration::ZERO).await
}

async fn add_theme(app: &TestApp, slug: &str, name: &str, active: bool) -> theme::Model {
    let now = Utc::now();
    theme::Entity::insert(theme::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug.to_owned()),
        name_nb: Set(name.to_owned()),
        name_nn: Set(name.to_owned()),
        name_en: Set(name.to_owned()),
        description: Set(String::new()),
        keywords: Set(String::new()),
        colour: Set("#1f6feb".to_owned()),
        position: Set(0),
        active: Set(active),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_with_returning(&app.db)
    .await
    .unwrap()
}

/// The option row of a theme, once a page has made it.
async fn option_of(app: &TestApp, theme: &theme::Model) -> Uuid {
    pairwise_option::Entity::find()
        .filter(pairwise_option::Column::ThemeId.eq(theme.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the theme's option")
        .id
}

/// The page's pair and CSRF token, as a browser sees them.
struct Shown {
    html: String,
    left: String,
    right: String,
    token: String,
}

async fn open(app: &TestApp, browser: &reqwest::Client) -> Shown {
    let response = browser.get(app.url("/parvis")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    Shown {
        left: hidden_value(&html, "left"),
        right: hidden_value(&html, "right"),
        token: csrf_token(&html),
        html,
    }
}

async fn vote(
    app: &TestApp,
    browser: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    browser
        .post(app.url("/parvis"))
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// Opens the page and answers its pair with `choice`.
async fn answer(app: &TestApp, browser: &reqwest::Client, choice: &str) -> (String, String) {
    let shown = open(app, browser).await;
    let response = vote(
        app,
        browser,
        &[
            ("csrf_token", &shown.token),
            ("left", &shown.left),
            ("right", &shown.right),
            ("choice", choice),
        ],
    )
    .await;
    assert_redirect_to(&response, "/parvis");
    (shown.left, shown.right)
}

async fn vote_count(app: &TestApp) -> u64 {
    pairwise_vote::Entity::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn each_browser_votes_in_a_stream_of_its_own_and_a_skip_is_kept_but_not_compared() {
    let app = app().await;
    add_theme(&app, "reiseliv", "Reiseliv", true).await;
    add_theme(&app, "havbruk", "Havbruk", true).await;
    add_theme(&app, "gammelt", "Gammelt tema", false).await;

    let first = client();
    let response = first.get(app.url("/parvis")).send().await.unwrap();
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("innspill_parvis="))
        .expect("a stream cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let stream_id = cookie
        .trim_start_matches("innspill_parvis=")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let html = response.text().await.unwrap();
    assert!(html.contains("Hva betyr mest for kommunen de neste årene?"));
    assert!(html.contains("Reiseliv") && html.contains("Havbruk"));
    assert!(
        !html.contains("Gammelt tema"),
        "an inactive theme is no option"
    );
    assert!(html.contains("value=\"skip\""));

    let (left, right) = answer(&app, &first, "left").await;
    let page = open(&app, &first).await;
    assert!(page.html.contains("svaret ditt er lagret"));
    assert!(
        page.html
            .contains("Par du har svart på i denne nettleseren: 1")
    );
    answer(&app, &first, "skip").await;
    let second = client();
    answer(&app, &second, "right").await;

    let votes = pairwise_vote::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(votes.len(), 3);
    let mut streams: Vec<&str> = votes.iter().map(|v| v.stream_hash.as_str()).collect();
    streams.sort();
    streams.dedup();
    assert_eq!(streams.len(), 2, "two browsers, two streams");
    assert!(
        votes.iter().all(|v| v.stream_hash != stream_id),
        "only a hash is kept"
    );
    let first_vote = votes.iter().find(|v| v.outcome == Outcome::Left).unwrap();
    assert_eq!(
        (
            first_vote.left_id.to_string(),
            first_vote.right_id.to_string()
        ),
        (left, right)
    );
    assert_eq!(
        votes.iter().filter(|v| v.outcome == Outcome::Skip).count(),
        1
    );

    let scores = innspill::priorities::pairwise::scores(&app.db, innspill::web::Lang::Nb)
        .await
        .unwrap();
    assert_eq!((scores.votes, scores.skips, scores.streams), (3, 1, 2));
    assert_eq!(scores.options.len(), 2);
    let compared: u64 = scores.options.iter().map(|o| o.wins + o.losses).sum();
    assert_eq!(compared, 4, "two comparisons, each counted on both sides");
    assert!(scores.options.iter().all(|o| o.skips == 1));
}

#[tokio::test]
async fn a_forged_pair_or_a_missing_token_stores_nothing() {
    let app = app().await;
    add_theme(&app, "reiseliv", "Reiseliv", true).await;
    add_theme(&app, "havbruk", "Havbruk", true).await;
    let retired = add_theme(&app, "gammelt", "Gammelt tema", false).await;
    let browser = client();
    let shown = open(&app, &browser).await;
    // The retired theme's option exists, but is not shown.
    let retired = option_of(&app, &retired).await.to_string();
    let unknown = Uuid::now_v7().to_string();
    for (left, right, choice) in [
        (shown.left.as_str(), shown.left.as_str(), "left"),
        (shown.left.as_str(), unknown.as_str(), "left"),
        (retired.as_str(), shown.right.as_str(), "right"),
        ("not-an-id", shown.right.as_str(), "right"),
        (shown.left.as_str(), shown.right.as_str(), "both"),
    ] {
        let response = vote(
            &app,
            &browser,
            &[
                ("csrf_token", &shown.token),
                ("left", left),
                ("right", right),
                ("choice", choice),
            ],
        )
        .await;
        assert_eq!(response.status(), 422, "{left} {right} {choice}");
        let html = response.text().await.unwrap();
        assert!(html.contains("svaret ble ikke lagret"), "a clear message");
        assert!(html.contains("name=\"left\""), "and a new pair");
    }
    let response = vote(
        &app,
        &browser,
        &[
            ("left", &shown.left),
            ("right", &shown.right),
            ("choice", "left"),
        ],
    )
    .await;
    assert_eq!(response.status(), 403);
    assert_eq!(vote_count(&app).await, 0);
}

#[tokio::test]
async fn a_proposal_waits_for_an_editor_and_an_observer_may_not_approve_it() {
    let app = app().await;
    add_theme(&app, "reiseliv", "Reiseliv", true).await;
    add_theme(&app, "havbruk", "Havbruk", true).await;
    let visitor = client();
    let propose = |text: &'static str| {
        let (app, visitor) = (&app, &visitor);
        async move {
            let html = open(app, visitor).await.html;
            visitor
                .post(app.url("/parvis/forslag"))
                .form(&[
                    ("csrf_token", csrf_token(&html)),
                    ("skjema_tid", hidden_value(&html, "skjema_tid")),
                    ("idempotency_key", hidden_value(&html, "idempotency_key")),
                    ("nettside", String::new()),
                    ("forslag", text.to_owned()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let response = propose("ab").await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Skriv minst 3 tegn.")
    );
    let response = propose("  Bedre   bredbånd på bygda ").await;
    assert_redirect_to(&response, "/parvis");
    let page = open(&app, &visitor).await.html;
    assert!(page.contains("Forslaget ditt er mottatt"));
    let proposal = pairwise_option::Entity::find()
        .filter(pairwise_option::Column::ThemeId.is_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(proposal.label.as_deref(), Some("Bedre bredbånd på bygda"));
    assert_eq!(proposal.status, Status::Proposed);
    // Hidden until approved: not an option, so not even a vote for it is taken.
    let shown = open(&app, &visitor).await;
    let id = proposal.id.to_string();
    let response = vote(
        &app,
        &visitor,
        &[
            ("csrf_token", &shown.token),
            ("left", &shown.left),
            ("right", &id),
            ("choice", "right"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);

    let path = "/admin/prioritering/parvis";
    let action = format!("{path}/forslag/{id}");
    let (observer, _) = signed_in(&app, Role::Observer).await;
    let html = observer
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Bedre bredbånd på bygda"),
        "observers read the proposals"
    );
    assert!(!html.contains("value=\"approve\""), "but get no buttons");
    let response = submit(&app, &observer, path, &action, &[("decision", "approve")]).await;
    assert_eq!(response.status(), 403);
    let still = pairwise_option::Entity::find_by_id(proposal.id)
        .one(&app.db)
        .await
        .unwrap();
    assert_eq!(still.unwrap().status, Status::Proposed);

    let (editor, facilitator) = signed_in(&app, Role::Facilitator).await;
    let response = submit(&app, &editor, path, &action, &[("decision", "approve")]).await;
    assert_redirect_to(&response, path);
    let html = editor
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Forslaget er godkjent"));
    let approved = pairwise_option::Entity::find_by_id(proposal.id)
        .one(&app.db)
        .await
        .unwrap();
    assert_eq!(approved.unwrap().status, Status::Approved);
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("pairwise.approve"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an audit row");
    assert_eq!(logged.user_id, Some(facilitator.id));
    assert_eq!(logged.entity_id, Some(id.clone()));
    // Decided once: a second press changes nothing.
    let response = submit(&app, &editor, path, &action, &[("decision", "reject")]).await;
    assert_redirect_to(&response, path);
    let approved = pairwise_option::Entity::find_by_id(proposal.id)
        .one(&app.db)
        .await
        .unwrap();
    assert_eq!(approved.unwrap().status, Status::Approved);

    // Now an option: a vote for it is taken.
    let shown = open(&app, &visitor).await;
    let other = if shown.left == id {
        &shown.right
    } else {
        &shown.left
    };
    let response = vote(
        &app,
        &visitor,
        &[
            ("csrf_token", &shown.token),
            ("left", other),
            ("right", &id),
            ("choice", "right"),
        ],
    )
    .await;
    assert_redirect_to(&response, "/parvis");
    assert_eq!(vote_count(&app).await, 1);
}

#[tokio::test]
async fn the_staff_page_the_api_and_the_csv_agree_that_the_option_always_chosen_scores_highest() {
    let app = app().await;
    let best = add_theme(&app, "reiseliv", "Reiseliv", true).await;
    add_theme(&app, "havbruk", "Havbruk", true).await;
    add_theme(&app, "landbruk", "Landbruk", true).await;
    let browser = client();
    open(&app, &browser).await;
    let best_option = option_of(&app, &best).await.to_string();
    let (mut wins, mut cast) = (0, 0);
    for _ in 0..12 {
        let shown = open(&app, &browser).await;
        let choice = if shown.left == best_option {
            wins += 1;
            "left"
        } else if shown.right == best_option {
            wins += 1;
            "right"
        } else {
            "skip"
        };
        let response = vote(
            &app,
            &browser,
            &[
                ("csrf_token", &shown.token),
                ("left", &shown.left),
                ("right", &shown.right),
                ("choice", choice),
            ],
        )
        .await;
        assert_redirect_to(&response, "/parvis");
        cast += 1;
    }
    assert!(wins > 0, "the chosen option came up");

    let (staff, _) = signed_in(&app, Role::Observer).await;
    let html = staff
        .get(app.url("/admin/prioritering/parvis"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let table = &html[html.find("id=\"scores\"").expect("the score table")..];
    let first_row = &table[table.find("<tbody>").unwrap()..];
    let first_row = &first_row[..first_row.find("</tr>").unwrap()];
    assert!(first_row.contains("Reiseliv"), "{first_row}");
    assert!(html.contains(&format!("id=\"votes\">{cast}<")));

    let user = create_user(&app, Role::Observer).await;
    let token = tokens::create(&app.db, None, &user, "Test")
        .await
        .unwrap()
        .1;
    let scores: Value = app
        .client
        .get(app.url("/api/v1/priorities/pairwise/scores"))
        .bearer_auth(&token)
        .header("Accept-Language", "nb")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(scores["votes"], cast);
    assert_eq!(scores["streams"], 1);
    assert_eq!(scores["options"][0]["label"], "Reiseliv");
    assert_eq!(scores["options"][0]["wins"], wins);
    assert_eq!(scores["options"][0]["losses"], 0);
    let top = scores["options"][0]["score"].as_f64().unwrap();
    let next = scores["options"][1]["score"].as_f64().unwrap();
    assert!(top > next && top < 1.0, "{top} {next}");

    let page: Value = app
        .client
        .get(app.url("/api/v1/priorities/pairwise/votes?per_page=5&page=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], cast);
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    let unauthorised = app
        .client
        .get(app.url("/api/v1/priorities/pairwise/votes"))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthorised.status(), 401);

    let response = staff
        .get(app.url("/admin/prioritering/parvis/stemmer.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), cast + 1, "a header and a line a vote");
    assert!(lines[0].starts_with("tidspunkt,"));
    let stream = pairwise_vote::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .stream_hash;
    assert!(lines[1..].iter().all(|line| line.contains(&stream)));
    assert_eq!(
        lines.iter().filter(|l| l.ends_with(",skip")).count(),
        cast - wins
    );
    assert!(lines.iter().any(|l| l.contains("Reiseliv")));
}
