//! A business registers for an interview through the public form: valid
//! organisation numbers are stored (typed with spaces or not), each wrong
//! one gets its own message at the field, bad phone numbers are refused, and
//! registering again updates the one row and says so. The private page's
//! stories are in `interviews_public_booking`, which uses these helpers.

use std::time::Duration;

use innspill::entities::business::{self, Format, Status};
use innspill::entities::{business_theme, contact};
use innspill::interviews::service;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::common::staff::{csrf_token, hidden_value};
use crate::common::{TestApp, assert_redirect_to, client, spawn_app_with};

pub(crate) async fn app() -> TestApp {
    spawn_app_with(|s| s.form_min_time = Duration::ZERO).await
}

/// A complete, valid registration for `org_number`.
pub(crate) fn fields(org_number: &str) -> Vec<(&'static str, String)> {
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

pub(crate) fn with(
    mut fields: Vec<(&'static str, String)>,
    name: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    fields.retain(|(field, _)| *field != name);
    fields.push((name, value.to_owned()));
    fields
}

/// Opens /intervju in `browser` and sends the form with its guard fields
/// and `fields`.
pub(crate) async fn register(
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

pub(crate) async fn page(app: &TestApp, browser: &reqwest::Client, path: &str) -> String {
    let response = browser.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// Registers through the form and returns the receipt page and the path of
/// the private page it links to.
pub(crate) async fn registered(
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

pub(crate) async fn businesses(app: &TestApp) -> Vec<business::Model> {
    business::Entity::find().all(&app.db).await.unwrap()
}

/// The message shown under `field`, if any.
pub(crate) fn message_at(html: &str, field: &str) -> Option<String> {
    let marker = format!("id=\"{field}-error\">");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('<')?;
    Some(html[start..end].to_owned())
}

#[tokio::test]
async fn each_valid_organisation_number_registers_the_business_spaces_or_not() {
    let app = app().await;
    let front = page(&app, &client(), "/").await;
    assert!(
        front.contains("href=\"/intervju\""),
        "the front page leads here"
    );
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
