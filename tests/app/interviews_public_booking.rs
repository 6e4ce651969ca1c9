//! A registered business on its private page: it books a free slot, and
//! another business cannot take the same one (409, nothing changed); a
//! reschedule frees the old slot; cancel, asking to be called and withdraw
//! work; forms without a CSRF token change nothing; and the booking
//! confirmation reaches a real SMTP server with an invitation whose SEQUENCE
//! rises, under the same UID, when the time moves.

use std::time::Duration;

use chrono::Utc;
use icalendar::{Calendar, CalendarComponent, Component, EventLike};
use innspill::entities::business::{self, Status};
use innspill::entities::interview_slot;
use innspill::entities::user::Role;
use innspill::interviews::service::{self, Place};
use mail_parser::MimeHeaders;
use sea_orm::EntityTrait;
use uuid::Uuid;

use crate::common::staff::{create_user, csrf_token, hidden_value};
use crate::common::{TestApp, assert_redirect_to, client, spawn_app_with_mail};
use crate::interviews_public::{app, businesses, fields, message_at, page, registered};

/// Three free slots, the first in three days.
async fn slots(app: &TestApp) -> Vec<Uuid> {
    let staff = create_user(app, Role::Facilitator).await;
    let start = Utc::now() + chrono::Duration::days(3);
    let times: Vec<_> = (0..3)
        .map(|n| {
            let starts = start + chrono::Duration::hours(n);
            (starts, starts + chrono::Duration::minutes(45))
        })
        .collect();
    let place = Place {
        location: Some("Rådhuset, møterom 2".to_owned()),
        online_url: None,
        facilitator_id: None,
    };
    service::create_slots(&app.db, &times, &place, staff.id)
        .await
        .unwrap()
}

async fn holder(app: &TestApp, slot: Uuid) -> Option<Uuid> {
    interview_slot::Entity::find_by_id(slot)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .business_id
}

/// POSTs `body` to `{private}/{verb}` with the CSRF token of the private page.
async fn act(
    app: &TestApp,
    browser: &reqwest::Client,
    private: &str,
    verb: &str,
    body: &[(&str, String)],
) -> reqwest::Response {
    let html = page(app, browser, private).await;
    let mut form = vec![("csrf_token", csrf_token(&html))];
    form.extend_from_slice(body);
    browser
        .post(app.url(&format!("{private}/{verb}")))
        .form(&form)
        .send()
        .await
        .unwrap()
}

async fn business_by(app: &TestApp, org_number: &str) -> business::Model {
    service::find_by_org_number(&app.db, org_number)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_business_books_a_free_slot_and_another_cannot_take_it() {
    let app = app().await;
    let slots = slots(&app).await;
    let (first, second) = (client(), client());
    let (_, mine) = registered(&app, &first, &fields("974760673")).await;
    let (_, theirs) = registered(&app, &second, &fields("991825827")).await;

    let response = first.get(app.url(&mine)).send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(header("cache-control").as_deref(), Some("no-store"));
    assert_eq!(header("referrer-policy").as_deref(), Some("no-referrer"));
    assert!(header("x-robots-tag").is_some_and(|v| v.contains("noindex")));
    let html = response.text().await.unwrap();
    for slot in &slots {
        assert!(
            html.contains(&slot.to_string()),
            "every free slot is offered"
        );
    }
    let response = act(
        &app,
        &first,
        &mine,
        "bestill",
        &[("slot", slots[0].to_string())],
    )
    .await;
    assert_redirect_to(&response, &mine);
    let html = page(&app, &first, &mine).await;
    assert!(html.contains("Tiden er bestilt."), "the notice");
    assert!(html.contains("Rådhuset, møterom 2"));
    let ours = business_by(&app, "974760673").await;
    assert_eq!(holder(&app, slots[0]).await, Some(ours.id));
    assert_eq!(ours.status, Status::Scheduled);

    // The other business sends the same slot, as from a page loaded before.
    let response = act(
        &app,
        &second,
        &theirs,
        "bestill",
        &[("slot", slots[0].to_string())],
    )
    .await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.unwrap();
    assert!(
        message_at(&html, "slot").is_some_and(|m| m.starts_with("Noen andre bestilte denne tiden")),
        "the message at the list"
    );
    assert!(html.contains(&slots[1].to_string()), "the list again");
    assert!(
        !html.contains(&format!("value=\"{}\"", slots[0])),
        "without the taken slot"
    );
    assert_eq!(
        holder(&app, slots[0]).await,
        Some(ours.id),
        "nothing changed"
    );
    let theirs_row = business_by(&app, "991825827").await;
    assert_eq!(theirs_row.status, Status::Registered);
    assert!(
        service::slot_of(&app.db, theirs_row.id)
            .await
            .unwrap()
            .is_none()
    );

    // No slot chosen is a message too.
    let response = act(&app, &second, &theirs, "bestill", &[]).await;
    assert_eq!(response.status(), 422);
}

#[tokio::test]
async fn rescheduling_frees_the_old_slot_and_cancel_and_withdraw_end_it() {
    let app = app().await;
    let slots = slots(&app).await;
    let browser = client();
    let (_, mine) = registered(&app, &browser, &fields("974760673")).await;
    act(
        &app,
        &browser,
        &mine,
        "bestill",
        &[("slot", slots[0].to_string())],
    )
    .await;
    let id = business_by(&app, "974760673").await.id;

    let response = act(
        &app,
        &browser,
        &mine,
        "bestill",
        &[("slot", slots[2].to_string())],
    )
    .await;
    assert_redirect_to(&response, &mine);
    assert_eq!(
        holder(&app, slots[0]).await,
        None,
        "the old slot is free again"
    );
    assert_eq!(holder(&app, slots[2]).await, Some(id));
    assert!(
        page(&app, &browser, &mine)
            .await
            .contains("Intervjuet er flyttet.")
    );

    let response = act(&app, &browser, &mine, "avlys", &[]).await;
    assert_redirect_to(&response, &mine);
    assert_eq!(holder(&app, slots[2]).await, None);
    assert_eq!(
        business_by(&app, "974760673").await.status,
        Status::Registered
    );
    assert!(
        page(&app, &browser, &mine)
            .await
            .contains("Tiden er avlyst.")
    );

    let response = act(&app, &browser, &mine, "kontakt", &[]).await;
    assert_redirect_to(&response, &mine);
    assert!(business_by(&app, "974760673").await.wants_contact);

    act(
        &app,
        &browser,
        &mine,
        "bestill",
        &[("slot", slots[1].to_string())],
    )
    .await;
    let response = act(&app, &browser, &mine, "trekk", &[]).await;
    assert_redirect_to(&response, &mine);
    let withdrawn = business_by(&app, "974760673").await;
    assert_eq!(withdrawn.status, Status::Declined);
    assert_eq!(
        holder(&app, slots[1]).await,
        None,
        "withdrawing gives up the time"
    );
    let html = page(&app, &browser, &mine).await;
    assert!(html.contains("Registreringen er trukket."));
    assert!(!html.contains("/bestill"), "nothing left to book");
}

#[tokio::test]
async fn forms_without_a_csrf_token_are_refused_and_change_nothing() {
    let app = app().await;
    let slots = slots(&app).await;
    let browser = client();
    let form = page(&app, &browser, "/intervju").await;
    let mut body = fields("974760673");
    body.push(("skjema_tid", hidden_value(&form, "skjema_tid")));
    let response = browser
        .post(app.url("/intervju/registrering"))
        .form(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(businesses(&app).await.is_empty());

    let (_, mine) = registered(&app, &browser, &fields("974760673")).await;
    for (verb, body) in [
        ("bestill", vec![("slot", slots[0].to_string())]),
        ("kontakt", vec![]),
        ("trekk", vec![]),
    ] {
        let response = browser
            .post(app.url(&format!("{mine}/{verb}")))
            .form(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{verb}");
    }
    let stored = business_by(&app, "974760673").await;
    assert_eq!(stored.status, Status::Registered);
    assert!(!stored.wants_contact);
    assert_eq!(holder(&app, slots[0]).await, None);
}

#[tokio::test]
async fn the_confirmation_carries_an_invitation_and_a_move_sends_the_same_uid_with_a_higher_sequence()
 {
    let (app, smtp, _worker) = spawn_app_with_mail(|s| {
        s.form_min_time = Duration::ZERO;
        s.public_url = Some(url::Url::parse("https://innspill.example.no/").unwrap());
    })
    .await;
    let slots = slots(&app).await;
    let browser = client();
    let (_, mine) = registered(&app, &browser, &fields("974760673")).await;
    smtp.wait_for(1, crate::mail::WAIT).await;
    act(
        &app,
        &browser,
        &mine,
        "bestill",
        &[("slot", slots[0].to_string())],
    )
    .await;
    let booked = smtp.wait_for(2, crate::mail::WAIT).await;
    act(
        &app,
        &browser,
        &mine,
        "bestill",
        &[("slot", slots[1].to_string())],
    )
    .await;
    let moved = smtp.wait_for(3, crate::mail::WAIT).await;

    let invitation = |mail: &crate::common::smtp::ReceivedMail| {
        let message = mail.parse();
        let part = message
            .attachments()
            .find(|part| part.attachment_name() == Some("invitasjon.ics"))
            .expect("the invitation is attached");
        let ct = part.content_type().expect("content type");
        assert_eq!(ct.ctype(), "text");
        assert_eq!(ct.subtype(), Some("calendar"));
        let text = std::str::from_utf8(part.contents()).unwrap().to_owned();
        let calendar: Calendar = text.parse().expect("the invitation parses");
        assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
        let entry = calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .expect("an event");
        let sequence: u32 = entry.property_value("SEQUENCE").unwrap().parse().unwrap();
        (entry.get_uid().unwrap().to_owned(), sequence, entry)
    };
    assert_eq!(booked[1].to, ["ase@fjordfisk.no"]);
    let (uid, first_sequence, entry) = invitation(&booked[1]);
    assert_eq!(entry.get_location(), Some("Rådhuset, møterom 2"));
    let (moved_uid, moved_sequence, _) = invitation(&moved[2]);
    assert_eq!(moved_uid, uid, "the same calendar entry");
    assert!(
        moved_sequence > first_sequence,
        "{moved_sequence} > {first_sequence}"
    );
}
