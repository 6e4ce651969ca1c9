//! The event pages over HTTP: a facilitator creates and publishes an event,
//! a resident signs up through the public form, gets the receipt and the
//! private link, cancels; the calendar files parse; drafts stay hidden.

use std::time::Duration;

use icalendar::{Calendar, CalendarComponent, Component};
use innspill::entities::event_signup::{self, Status};
use innspill::entities::user::Role;
use innspill::entities::{audit_log, event, outbox};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::staff::{csrf_token, hidden_value, signed_in, submit};
use crate::common::{TestApp, client, spawn_app_with};

async fn app() -> TestApp {
    spawn_app_with(|s| s.form_min_time = Duration::ZERO).await
}

/// An event a week ahead, as a facilitator fills in the form.
fn event_fields(capacity: &str) -> Vec<(&'static str, String)> {
    let day = (chrono::Utc::now() + chrono::Duration::days(7))
        .format("%Y-%m-%d")
        .to_string();
    vec![
        ("kind", "workshop".to_owned()),
        ("title", "Workshop om sjømat & reiseliv".to_owned()),
        (
            "description",
            "Vi jobber i grupper.\n\nTa med ideer!".to_owned(),
        ),
        ("location", "Kulturhuset, sal 2".to_owned()),
        ("online_url", String::new()),
        ("date", day),
        ("start_time", "18:00".to_owned()),
        ("end_time", "20:30".to_owned()),
        ("capacity", capacity.to_owned()),
        ("signup_deadline", String::new()),
        ("waitlist", "ja".to_owned()),
        ("ask_diet", "ja".to_owned()),
    ]
}

async fn create_and_publish(app: &TestApp, capacity: &str) -> (reqwest::Client, uuid::Uuid) {
    let (staff, _) = signed_in(app, Role::Facilitator).await;
    let fields = event_fields(capacity);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = submit(
        app,
        &staff,
        "/admin/arrangementer/ny",
        "/admin/arrangementer",
        &fields,
    )
    .await;
    assert_eq!(response.status(), 303);
    let created = event::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("event");
    assert_eq!(created.status, event::Status::Draft);
    let path = format!("/admin/arrangementer/{}", created.id);
    let response = submit(app, &staff, &path, &format!("{path}/publiser"), &[]).await;
    assert_eq!(response.status(), 303);
    (staff, created.id)
}

async fn sign_up(
    app: &TestApp,
    browser: &reqwest::Client,
    id: uuid::Uuid,
    n: u32,
) -> reqwest::Response {
    let page = browser
        .get(app.url(&format!("/arrangementer/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let email = format!("deltaker{n}@example.no");
    let name = format!("Deltaker {n}");
    let body = vec![
        ("csrf_token", csrf_token(&page)),
        ("skjema_tid", hidden_value(&page, "skjema_tid")),
        ("idempotency_key", hidden_value(&page, "idempotency_key")),
        ("name", name),
        ("email", email),
        ("group", "innbygger".to_owned()),
        ("diet", "Glutenfri".to_owned()),
        ("consent", "ja".to_owned()),
    ];
    browser
        .post(app.url(&format!("/arrangementer/{id}/pamelding")))
        .form(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_resident_signs_up_sees_the_receipt_and_cancels_through_the_private_link() {
    let app = app().await;
    let (staff, id) = create_and_publish(&app, "1").await;

    let list = app.get("/arrangementer").await.text().await.unwrap();
    assert!(list.contains("Workshop om sjømat &amp; reiseliv"), "{list}");
    assert!(list.contains("1 ledige"));

    let browser = client();
    let response = sign_up(&app, &browser, id, 1).await;
    assert_eq!(response.status(), 303);
    let receipt = browser
        .get(app.url("/arrangementer/pamelding-mottatt"))
        .send()
        .await
        .unwrap();
    assert_eq!(receipt.headers()["referrer-policy"], "no-referrer");
    let receipt = receipt.text().await.unwrap();
    assert!(receipt.contains("Du er påmeldt"), "{receipt}");
    let start = receipt.find("/arrangementer/mine/").expect("private link");
    let link = &receipt[start..start + receipt[start..].find('"').unwrap()];

    // The confirmation carries the invitation; the reminder waits.
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("deltaker1@example.no"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(mails.len(), 2, "confirmation and reminder");
    assert!(
        mails.iter().any(|m| m.body_text.contains(link)),
        "the mail holds the private link"
    );

    // A second person lands on the waitlist.
    let second = client();
    assert_eq!(sign_up(&app, &second, id, 2).await.status(), 303);
    let receipt = second
        .get(app.url("/arrangementer/pamelding-mottatt"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(receipt.contains("nummer 1 på ventelisten"), "{receipt}");

    // The first cancels; the second gets the seat.
    let page = browser
        .get(app.url(link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Påmeldt"), "{page}");
    let response = browser
        .post(app.url(&format!("{link}/avmeld")))
        .form(&[("csrf_token", csrf_token(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let page = browser
        .get(app.url(link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Du er meldt av.") && page.contains("Avmeldt"),
        "{page}"
    );
    let rows = event_signup::Entity::find().all(&app.db).await.unwrap();
    let statuses: Vec<Status> = {
        let mut rows = rows;
        rows.sort_by_key(|r| r.created_at);
        rows.into_iter().map(|r| r.status).collect()
    };
    assert_eq!(statuses, vec![Status::Cancelled, Status::Confirmed]);

    // The facilitator sees both, with the second one's diet answer, and
    // checks them in at the door.
    let detail = staff
        .get(app.url(&format!("/admin/arrangementer/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        detail.contains("Deltaker 2") && detail.contains("Glutenfri"),
        "{detail}"
    );
    let second_row = event_signup::Entity::find()
        .filter(event_signup::Column::Status.eq(Status::Confirmed))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let response = submit(
        &app,
        &staff,
        &format!("/admin/arrangementer/{id}"),
        &format!("/admin/arrangementer/{id}/deltakere/{}", second_row.id),
        &[("status", "attended")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let checked_in = event_signup::Entity::find_by_id(second_row.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(checked_in.status, Status::Attended);
    assert!(
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("event.signup_status"))
            .one(&app.db)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn bad_sign_ups_get_messages_and_store_nothing() {
    let app = app().await;
    let (_, id) = create_and_publish(&app, "").await;
    let browser = client();
    let page = browser
        .get(app.url(&format!("/arrangementer/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let response = browser
        .post(app.url(&format!("/arrangementer/{id}/pamelding")))
        .form(&[
            ("csrf_token", csrf_token(&page)),
            ("skjema_tid", hidden_value(&page, "skjema_tid")),
            ("idempotency_key", hidden_value(&page, "idempotency_key")),
            ("name", String::new()),
            ("email", "ikke-en-adresse".to_owned()),
            ("group", String::new()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    for field in ["name", "email", "group", "consent"] {
        assert!(
            body.contains(&format!("href=\"#{field}\"")),
            "summary links {field}"
        );
        assert!(
            body.contains(&format!("id=\"{field}-error\"")),
            "message at {field}"
        );
    }
    assert!(body.contains("value=\"ikke-en-adresse\""), "input kept");
    assert!(
        event_signup::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn drafts_are_hidden_and_the_calendar_files_parse() {
    let app = app().await;
    let (staff, id) = create_and_publish(&app, "10").await;
    // A second event stays a draft.
    let fields = event_fields("5");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    submit(
        &app,
        &staff,
        "/admin/arrangementer/ny",
        "/admin/arrangementer",
        &fields,
    )
    .await;
    let draft = event::Entity::find()
        .filter(event::Column::Status.eq(event::Status::Draft))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        app.get(&format!("/arrangementer/{}", draft.id))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&format!("/arrangementer/{}/kalender.ics", draft.id))
            .await
            .status(),
        404
    );

    let response = app.get(&format!("/arrangementer/{id}/kalender.ics")).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let calendar: Calendar = response.text().await.unwrap().parse().expect("parses");
    assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));

    let feed: Calendar = app
        .get("/arrangementer.ics")
        .await
        .text()
        .await
        .unwrap()
        .parse()
        .expect("feed parses");
    let uids: Vec<String> = feed
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => e.get_uid().map(str::to_owned),
            _ => None,
        })
        .collect();
    assert_eq!(
        uids,
        vec![format!("{id}@innspill")],
        "only the published event"
    );
}

#[tokio::test]
async fn observers_cannot_see_participants_and_a_time_that_does_not_exist_is_refused() {
    let app = app().await;
    let (_, id) = create_and_publish(&app, "10").await;
    let (observer, _) = signed_in(&app, Role::Observer).await;
    let response = observer
        .get(app.url(&format!("/admin/arrangementer/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    let (staff, _) = signed_in(&app, Role::Facilitator).await;
    let mut fields = event_fields("");
    // 29 March 2026 at 02:30 is skipped when summer time begins.
    fields.retain(|(k, _)| *k != "date" && *k != "start_time");
    fields.push(("date", "2026-03-29".to_owned()));
    fields.push(("start_time", "02:30".to_owned()));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = submit(
        &app,
        &staff,
        "/admin/arrangementer/ny",
        "/admin/arrangementer",
        &fields,
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("id=\"start_time-error\"") && body.contains("sommertid"),
        "{body}"
    );
    assert_eq!(event::Entity::find().all(&app.db).await.unwrap().len(), 1);
}
