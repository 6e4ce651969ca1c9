//! A business registers for an interview through the public form and picks
//! a time on its private page: valid organisation numbers are stored (typed
//! with spaces or not), each wrong one gets its own message at the field,
//! bad phone numbers are refused, registering again updates the one row and
//! says so; a slot taken by another business is refused with 409, a
//! reschedule frees the old slot, cancel and withdraw work, and the booking
//! confirmation reaches a real SMTP server with an invitation whose SEQUENCE
//! rises when the time moves. Forms without a CSRF token change nothing.

use std::time::Duration;

use chrono::Utc;
use icalendar::{Calendar, CalendarComponent, Component, EventLike};
use innspill::entities::business::{self, Format, Status};
use innspill::entities::user::Role;
use innspill::entities::{business_theme, contact, interview_slot};
use innspill::interviews::service::{self, Place};
use mail_parser::MimeHeaders;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::common::staff::{create_user, csrf_token, hidden_value};
use crate::common::{TestApp, assert_redirect_to, client, spawn_app_with, spawn_app_with_mail};

async fn app() -> TestApp {
    spawn_app_with(|s| s.form_min_time = Duration::ZERO).await
}

/// A complete, valid registration for `org_number`.
fn fields(org_number: &str) -> Vec<(&'static str, String)> {
    [
        ("org_number", org_number),
        ("name", "Fjordfisk AS"),
        ("industry", "A"),
        ("employees", "12"),
        ("size_band", ""),
        ("contact_name", "Åse Ødegård"),
        ("email", "ase@fjordfisk.no"),
        ("phone", "912 34 567"),
        ("message", "Vi vil snakke om kaia."),
        ("format", "town_hall"),
        ("consent", "ja"),
    ]
    .into_iter()
    .map(|(name, value)| (name, value.to_owned()))
    .collect()
}

fn with(
    mut fields: Vec<(&'static str, String)>,
    name: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    fields.retain(|(field, _)| *field != name);
    fields.push((leak(name), value.to_owned()));
    fields
}

fn leak(name: &str) -> &'static str {
    Box::leak(name.to_owned().into_boxed_str())
}

/// Opens /intervju in `browser` and sends the form with its guard fields
/// and `fields`.
async fn register(
    app: &TestApp,
    browser: &reqwest::Client,
    fields: &[(&'static str, String)],
) -> reqwest::Response {
    let form = page(app, browser, "/intervju").await;
    let mut body = vec![
        ("csrf_token", csrf_token(&form)),
        ("skjema_tid", hidden_value(&form, "skjema_tid")),
        ("idempotency_key", hidden_value(&form, "idempotency_key")),
    ];
    body.extend_from_slice(fields);
    browser
        .post(app.url("/intervju/registrering"))
        .form(&body)
        .send()
        .await
        .unwrap()
}

async fn page(app: &TestApp, browser: &reqwest::Client, path: &str) -> String {
    let response = browser.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// Registers through the form and returns the receipt page and the path of
/// the private page it links to.
async fn registered(
    app: &TestApp,
    browser: &reqwest::Client,
    fields: &[(&'static str, String)],
) -> (String, String) {
    let response = register(app, browser, fields).await;
    assert_redirect_to(&response, "/intervju/registrering-mottatt");
    let receipt = page(app, browser, "/intervju/registrering-mottatt").await;
    let start = receipt
        .find("/intervju/mine/")
        .expect("the receipt links to the private page");
    let end = start + receipt[start..].find('"').unwrap();
    let path = receipt[start..end].to_owned();
    (receipt, path)
}

async fn businesses(app: &TestApp) -> Vec<business::Model> {
    business::Entity::find().all(&app.db).await.unwrap()
}

/// The message shown under `field`, if any.
fn message_at(html: &str, field: &str) -> Option<String> {
    let marker = format!("id=\"{field}-error\">");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('<')?;
    Some(html[start..end].to_owned())
}

#[tokio::test]
async fn each_valid_organisation_number_registers_the_business_spaces_or_not() {
    let app = app().await;
    for number in ["974760673", "991 825 827", "971526920", "958935420"] {
        let browser = client();
        let (receipt, _) = registered(&app, &browser, &fields(number)).await;
        assert!(receipt.contains("Bedriften er registrert"), "{number}");
        let grouped = number.replace(' ', "");
        let grouped = format!("{} {} {}", &grouped[..3], &grouped[3..6], &grouped[6..]);
        assert!(receipt.contains(&grouped), "the receipt names {grouped}");
    }
    let mut numbers: Vec<String> = businesses(&app)
        .await
        .into_iter()
        .map(|b| b.org_number)
        .collect();
    numbers.sort();
    assert_eq!(
        numbers,
        ["958935420", "971526920", "974760673", "991825827"]
    );

    let stored = service::find_by_org_number(&app.db, "991825827")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "Fjordfisk AS");
    assert_eq!(stored.industry, "A");
    assert_eq!(stored.employees, Some(12));
    assert_eq!(stored.size_band.as_deref(), Some("10-19"));
    assert_eq!(stored.preferred_format, Format::TownHall);
    assert_eq!(stored.status, Status::Registered);
    let person = service::contact_of(&app.db, &stored)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.phone.as_deref(), Some("+4791234567"));
    assert_eq!(person.email.as_deref(), Some("ase@fjordfisk.no"));
}

#[tokio::test]
async fn each_wrong_organisation_number_gets_its_own_message_and_nothing_is_stored() {
    let app = app().await;
    let check = "Dette er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke. Sjekk at du har skrevet det riktig.";
    let length = "Organisasjonsnummeret skal ha ni siffer.";
    let digits = "Organisasjonsnummeret kan bare inneholde siffer og mellomrom.";
    for (number, expected) in [
        ("988077918", check),
        ("12345678", length),
        ("1234567890", length),
        ("97476067A", digits),
        ("abc def ghi", digits),
    ] {
        let response = register(&app, &client(), &fields(number)).await;
        assert_eq!(response.status(), 422, "{number}");
        let html = response.text().await.unwrap();
        assert_eq!(
            message_at(&html, "org_number").as_deref(),
            Some(expected),
            "{number}"
        );
        assert!(html.contains("ds-error-summary"), "the summary lists it");
        assert!(
            html.contains(&format!("value=\"{number}\"")),
            "the input is kept"
        );
        assert!(html.contains("value=\"Fjordfisk AS\""), "the rest is kept");
    }
    assert!(businesses(&app).await.is_empty());
    assert_eq!(contact::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn bad_phone_numbers_and_missing_answers_are_refused_at_their_fields() {
    let app = app().await;
    for phone in ["1234567", "+47 1234 567", "tlf 91234567", "+0 1234 5678"] {
        let response = register(&app, &client(), &with(fields("974760673"), "phone", phone)).await;
        assert_eq!(response.status(), 422, "{phone}");
        let html = response.text().await.unwrap();
        assert!(
            message_at(&html, "phone").is_some_and(|m| m.contains("åtte siffer")),
            "{phone}"
        );
    }
    let response = register(&app, &client(), &with(fields("974760673"), "phone", "")).await;
    let html = response.text().await.unwrap();
    assert_eq!(
        message_at(&html, "phone").as_deref(),
        Some("Skriv et telefonnummer vi kan nå kontaktpersonen på.")
    );

    // Neither a head count nor a band, no industry, no format, no consent.
    let mut empty = with(fields("974760673"), "employees", "");
    empty.retain(|(name, _)| !matches!(*name, "industry" | "format" | "consent"));
    let response = register(&app, &client(), &empty).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    for field in ["industry", "employees", "format", "consent"] {
        assert!(message_at(&html, field).is_some(), "a message at {field}");
    }
    assert!(businesses(&app).await.is_empty());

    // A band alone will do, and a foreign number with its country code.
    let band_only = with(
        with(fields("974760673"), "employees", ""),
        "size_band",
        "50-99",
    );
    registered(
        &app,
        &client(),
        &with(band_only, "phone", "+46 70 123 45 67"),
    )
    .await;
    let stored = &businesses(&app).await[0];
    assert_eq!(
        (stored.employees, stored.size_band.as_deref()),
        (None, Some("50-99"))
    );
    let person = service::contact_of(&app.db, stored).await.unwrap().unwrap();
    assert_eq!(person.phone.as_deref(), Some("+46701234567"));
}

#[tokio::test]
async fn registering_again_with_the_same_number_updates_the_one_row_and_says_so() {
    let app = app().await;
    let file = std::fs::File::open(crate::common::demo_data_dir().join("themes.csv")).unwrap();
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .unwrap();
    let themes = innspill::themes::service::list_active(&app.db)
        .await
        .unwrap();
    let mut first = fields("974760673");
    first.push(("themes", themes[0].id.to_string()));
    first.push(("themes", themes[1].id.to_string()));
    registered(&app, &client(), &first).await;

    let again = with(
        with(
            with(fields("974 760 673"), "name", "Fjordfisk og Sønn AS"),
            "email",
            "kari@fjordfisk.no",
        ),
        "format",
        "video",
    );
    let mut again = with(again, "employees", "30");
    again.push(("themes", themes[2].id.to_string()));
    let (receipt, _) = registered(&app, &client(), &again).await;
    assert!(
        receipt.contains("Bedriften var allerede registrert – vi har oppdatert registreringen"),
        "the receipt says it was an update"
    );

    let all = businesses(&app).await;
    assert_eq!(all.len(), 1, "one row per organisation number");
    let stored = &all[0];
    assert_eq!(stored.name, "Fjordfisk og Sønn AS");
    assert_eq!(stored.employees, Some(30));
    assert_eq!(stored.preferred_format, Format::Video);
    let person = service::contact_of(&app.db, stored).await.unwrap().unwrap();
    assert_eq!(person.email.as_deref(), Some("kari@fjordfisk.no"));
    let chosen: Vec<Uuid> = business_theme::Entity::find()
        .filter(business_theme::Column::BusinessId.eq(stored.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.theme_id)
        .collect();
    assert_eq!(chosen, [themes[2].id]);
}

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
