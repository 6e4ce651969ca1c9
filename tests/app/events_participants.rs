//! An event's participants as facilitators handle them: checking people in
//! at the door on a phone (with the search kept, and an undo), the printed
//! list, the participants export (logged per download, letters intact in
//! every format) and a message to everyone with a seat; observers and
//! forms without a CSRF token are refused. Last, a sign-up confirmation
//! travels through a real SMTP server with an invitation that parses.

use std::io::Cursor;
use std::time::Duration;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use icalendar::{Calendar, CalendarComponent, Component};
use innspill::domain::Email;
use innspill::entities::event::Kind;
use innspill::entities::event_signup::{self, Status};
use innspill::entities::user::{self, Role};
use innspill::entities::{audit_log, outbox};
use innspill::events::service::{self, EventDetails, NewSignup};
use innspill::inputs::StakeholderGroup;
use innspill::web::Lang;
use mail_parser::MimeHeaders;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::common::staff::{csrf_token, hidden_value, signed_in, submit};
use crate::common::{TestApp, assert_redirect_to, client, spawn_app_with, spawn_app_with_mail};
use crate::exports::parse_csv;
use crate::exports_cli::libreoffice_csv;

async fn app() -> TestApp {
    spawn_app_with(|s| s.form_min_time = Duration::ZERO).await
}

fn details(title: &str) -> EventDetails {
    let starts_at = Utc::now() + chrono::Duration::days(10);
    EventDetails {
        kind: Kind::Workshop,
        title: title.to_owned(),
        description: "Vi jobber i grupper.".to_owned(),
        location: Some("Kulturhuset, sal 2".to_owned()),
        online_url: None,
        starts_at,
        ends_at: starts_at + chrono::Duration::hours(2),
        capacity: Some(2),
        signup_deadline: None,
        waitlist: true,
        ask_diet: true,
        ask_accessibility: true,
        ask_organisation: true,
        themes: Vec::new(),
    }
}

fn person(name: &str, email: &str, language: Lang, organisation: Option<&str>) -> NewSignup {
    NewSignup {
        name: name.to_owned(),
        email: Email::parse(email).unwrap(),
        organisation: organisation.map(str::to_owned),
        group: StakeholderGroup::Resident,
        diet: Some("Glutenfri".to_owned()),
        accessibility: Some("Rullestol".to_owned()),
        news_opt_in: false,
        language,
        idempotency_key: None,
    }
}

/// A published event with two seats: Åse (nb) and Bjørn (en) have them,
/// Kari (nn) waits, Ola cancelled. Sign-ups send no mail here (no mail
/// context), so the outbox holds only what a test queues.
struct Seeded {
    event: Uuid,
    staff: reqwest::Client,
    facilitator: user::Model,
    ase: Uuid,
    bjorn: Uuid,
    kari: Uuid,
    ola: Uuid,
}

async fn seeded(app: &TestApp) -> Seeded {
    let (staff, facilitator) = signed_in(app, Role::Facilitator).await;
    let event = service::create(&app.db, &details("Verksted om reiseliv"), facilitator.id)
        .await
        .unwrap();
    service::publish(&app.db, event.id, facilitator.id)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for signup in [
        person("Åse Ødegård", "ase@example.no", Lang::Nb, Some("Blåbær AS")),
        person("Bjørn Berg", "bjorn@example.no", Lang::En, None),
        person("Kari Nordmann", "kari@example.no", Lang::Nn, None),
        person("Ola Avmeldt", "ola@example.no", Lang::Nb, None),
    ] {
        let receipt = service::sign_up(&app.db, event.id, signup, None)
            .await
            .unwrap()
            .unwrap();
        ids.push(receipt.id);
    }
    service::cancel_signup(&app.db, ids[3], None).await.unwrap();
    Seeded {
        event: event.id,
        staff,
        facilitator,
        ase: ids[0],
        bjorn: ids[1],
        kari: ids[2],
        ola: ids[3],
    }
}

async fn status_of(app: &TestApp, id: Uuid) -> Status {
    event_signup::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

fn position(html: &str, text: &str) -> usize {
    html.find(text)
        .unwrap_or_else(|| panic!("{text} is not on the page"))
}

async fn audit_count(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_facilitator_checks_people_in_at_the_door_keeping_the_search_and_can_undo() {
    let app = app().await;
    let s = seeded(&app).await;
    let door = format!("/admin/arrangementer/{}/innsjekk", s.event);

    let list = page(&app, &s.staff, &door).await;
    assert!(list.contains("0 av 2 har møtt"), "{list}");
    // By name, æøå after z; those waiting after those with a seat; the
    // cancelled not at all.
    assert!(position(&list, "Bjørn Berg") < position(&list, "Åse Ødegård"));
    assert!(position(&list, "Åse Ødegård") < position(&list, "Kari Nordmann"));
    assert!(!list.contains("Ola Avmeldt"));
    assert!(list.contains("Blåbær AS"));

    // The search, as a plain GET form sends it.
    let found = page(&app, &s.staff, &format!("{door}?q=%C3%B8DEG")).await;
    assert!(found.contains("Åse Ødegård") && !found.contains("Bjørn Berg"));
    assert!(
        found.contains("name=\"q\" value=\"øDEG\""),
        "the search is kept"
    );
    let none = page(&app, &s.staff, &format!("{door}?q=finnesikke")).await;
    assert!(none.contains("Ingen treff på «finnesikke»."), "{none}");

    // Checking in goes back to the same search, at the person's row.
    let action = format!("{door}/{}", s.ase);
    let response = submit(
        &app,
        &s.staff,
        &door,
        &action,
        &[("action", "inn"), ("q", "øDEG")],
    )
    .await;
    assert_redirect_to(&response, &format!("{door}?q=%C3%B8DEG#deltaker-{}", s.ase));
    assert_eq!(status_of(&app, s.ase).await, Status::Attended);
    let after = page(&app, &s.staff, &format!("{door}?q=%C3%B8DEG")).await;
    assert!(after.contains("1 av 2 har møtt"), "{after}");
    assert!(after.contains("Åse Ødegård er sjekket inn."), "{after}");
    assert!(after.contains("value=\"angre\""), "the undo is offered");
    assert!(after.contains(&format!("id=\"deltaker-{}\"", s.ase)));
    let again = page(&app, &s.staff, &door).await;
    assert!(!again.contains("er sjekket inn."), "the notice shows once");

    // A second tap changes nothing and logs nothing more.
    submit(&app, &s.staff, &door, &action, &[("action", "inn")]).await;
    assert_eq!(audit_count(&app, "event.signup_status").await, 1);

    // The undo gives the seat back as it was.
    let response = submit(&app, &s.staff, &door, &action, &[("action", "angre")]).await;
    assert_redirect_to(&response, &format!("{door}#deltaker-{}", s.ase));
    assert_eq!(status_of(&app, s.ase).await, Status::Confirmed);
    let undone = page(&app, &s.staff, &door).await;
    assert!(undone.contains("Innsjekkingen av Åse Ødegård er angret."));
    assert!(undone.contains("0 av 2 har møtt"));

    // Someone from the waitlist who turns up gets a seat by checking in;
    // an undo for someone not checked in changes nothing.
    submit(
        &app,
        &s.staff,
        &door,
        &format!("{door}/{}", s.kari),
        &[("action", "inn")],
    )
    .await;
    assert_eq!(status_of(&app, s.kari).await, Status::Attended);
    submit(
        &app,
        &s.staff,
        &door,
        &format!("{door}/{}", s.ola),
        &[("action", "angre")],
    )
    .await;
    assert_eq!(status_of(&app, s.ola).await, Status::Cancelled);
    assert!(
        page(&app, &s.staff, &door)
            .await
            .contains("1 av 3 har møtt")
    );

    // A sign-up of another event is not found through this one.
    let other = service::create(&app.db, &details("Annet møte"), s.facilitator.id)
        .await
        .unwrap();
    let response = submit(
        &app,
        &s.staff,
        &door,
        &format!("/admin/arrangementer/{}/innsjekk/{}", other.id, s.bjorn),
        &[("action", "inn")],
    )
    .await;
    assert_eq!(response.status(), 404);
    assert_eq!(status_of(&app, s.bjorn).await, Status::Confirmed);
}

#[tokio::test]
async fn the_printable_list_has_the_event_and_seat_holders_by_name_then_the_waitlist() {
    let app = app().await;
    let s = seeded(&app).await;
    service::set_status_by_staff(&app.db, s.bjorn, Status::Attended, s.facilitator.id, None)
        .await
        .unwrap();
    let list = page(
        &app,
        &s.staff,
        &format!("/admin/arrangementer/{}/innsjekk/utskrift", s.event),
    )
    .await;
    assert!(list.contains("<h1") && list.contains("Innsjekkingsliste"));
    assert!(list.contains("Verksted om reiseliv") && list.contains("Kulturhuset, sal 2"));
    assert!(list.contains("Påmeldte etter navn, 2 i alt"), "{list}");
    assert!(list.contains("På venteliste etter navn, 1 i alt"), "{list}");
    assert!(position(&list, "Bjørn Berg") < position(&list, "Åse Ødegård"));
    assert!(position(&list, "Åse Ødegård") < position(&list, "På venteliste etter navn"));
    assert!(position(&list, "På venteliste etter navn") < position(&list, "Kari Nordmann"));
    assert!(!list.contains("Ola Avmeldt"));
    assert!(list.contains("Blåbær AS"));
    assert_eq!(list.matches("class=\"tick-box\"").count(), 3);
    assert_eq!(list.matches("✓").count(), 1, "Bjørn is already in");

    // The event page links the door, the printed list and the message.
    let detail = page(&app, &s.staff, &format!("/admin/arrangementer/{}", s.event)).await;
    for path in ["innsjekk", "innsjekk/utskrift", "e-post", "deltakerliste"] {
        assert!(
            detail.contains(&format!("/admin/arrangementer/{}/{path}\"", s.event)),
            "{path}"
        );
    }
}

async fn download(app: &TestApp, s: &Seeded, format: &str) -> reqwest::Response {
    let detail = format!("/admin/arrangementer/{}", s.event);
    let response = submit(
        app,
        &s.staff,
        &detail,
        &format!("{detail}/deltakerliste"),
        &[("format", format)],
    )
    .await;
    assert_eq!(response.status(), 200, "{format}");
    response
}

const HEADER: [&str; 8] = [
    "Navn",
    "E-post",
    "Organisasjon",
    "Gruppe",
    "Hensyn til mat",
    "Tilrettelegging",
    "Status",
    "Påmeldt",
];

#[tokio::test]
async fn the_participants_export_holds_every_sign_up_and_each_download_is_logged() {
    let app = app().await;
    let s = seeded(&app).await;
    service::set_status_by_staff(&app.db, s.bjorn, Status::Attended, s.facilitator.id, None)
        .await
        .unwrap();

    let csv = download(&app, &s, "csv").await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv.headers()["cache-control"], "no-store");
    let disposition = csv.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.contains("innspill-deltakere-verksted-om-reiseliv-20"),
        "{disposition}"
    );
    let bytes = csv.bytes().await.unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("byte order mark");
    let rows = parse_csv(body, b';');
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 5, "everyone, in sign-up order: {rows:?}");
    assert_eq!(
        rows[1][..7],
        [
            "Åse Ødegård",
            "ase@example.no",
            "Blåbær AS",
            "innbygger",
            "Glutenfri",
            "Rullestol",
            "confirmed"
        ]
    );
    assert_eq!(rows[2][6], "attended");
    assert_eq!(rows[3][6], "waitlisted");
    // Whoever cancels is erased at once: the row stays, with no name.
    assert_eq!(rows[4][0], "", "a cancelled sign-up keeps no name");
    assert_eq!(rows[4][6], "cancelled");
    assert_eq!(rows[4][4], "", "a cancelled sign-up keeps no diet");
    assert!(rows[1][7].starts_with("20"), "a time: {}", rows[1][7]);

    let json: serde_json::Value = download(&app, &s, "json").await.json().await.unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["name"], "Åse Ødegård");
    assert_eq!(items[0]["organisation"], "Blåbær AS");
    assert_eq!(items[1]["status"], "attended");
    assert_eq!(items[1]["organisation"], serde_json::Value::Null);

    let xlsx = download(&app, &s, "xlsx")
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["Deltakere".to_owned()]);
    let range = workbook.worksheet_range("Deltakere").unwrap();
    let sheet: Vec<&[Data]> = range.rows().collect();
    assert_eq!(sheet.len(), 5);
    assert_eq!(sheet[0][7], Data::String("Påmeldt".into()));
    assert_eq!(sheet[1][0], Data::String("Åse Ødegård".into()));
    assert!(
        matches!(sheet[1][7], Data::DateTime(_)),
        "{:?}",
        sheet[1][7]
    );

    // One entry per download: who, which event, which format.
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("export.personal_data"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 3);
    for (entry, format) in logged.iter().zip(["csv", "json", "xlsx"]) {
        assert_eq!(entry.user_id, Some(s.facilitator.id));
        assert_eq!(entry.entity_id.as_deref(), Some("event_participants"));
        let details = entry.details.as_deref().unwrap_or_default();
        assert!(
            details.contains(&format!("event={}", s.event))
                && details.contains(&format!("format={format}")),
            "{details}"
        );
    }

    // A spreadsheet program opens both files with the letters intact.
    if std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice is missing; .ci/run installs libreoffice-calc-nogui"
        );
        eprintln!("soffice is not installed; skipping the LibreOffice check");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let xlsx_file = work.path().join("deltakere.xlsx");
    std::fs::write(&xlsx_file, &xlsx).unwrap();
    let csv_file = work.path().join("deltakere-excel.csv");
    std::fs::write(&csv_file, &bytes).unwrap();
    for text in [
        libreoffice_csv(&xlsx_file, None, work.path()),
        libreoffice_csv(&csv_file, Some("CSV:59,34,76,1"), work.path()),
    ] {
        let rows = parse_csv(text.as_bytes(), b',');
        assert_eq!(rows[0][..7], HEADER[..7], "{text}");
        assert_eq!(rows[1][0], "Åse Ødegård", "{text}");
        assert_eq!(rows[1][2], "Blåbær AS", "{text}");
    }
}

async fn messages(app: &TestApp, subject: &str) -> Vec<outbox::Model> {
    let mut rows = outbox::Entity::find()
        .filter(outbox::Column::Subject.eq(subject))
        .all(&app.db)
        .await
        .unwrap();
    rows.sort_by(|a, b| a.recipient.cmp(&b.recipient));
    rows
}

const SUBJECT: &str = "Praktisk info før verkstedet – æøå";
const TEXT: &str = "Husk å ta med ideer!\nVi starter presis.\n\nHilsen prosjektgruppa";

#[tokio::test]
async fn a_message_goes_once_to_each_seat_holder_in_their_language_and_no_one_else() {
    let app = app().await;
    let s = seeded(&app).await;
    service::set_status_by_staff(&app.db, s.bjorn, Status::Attended, s.facilitator.id, None)
        .await
        .unwrap();
    let path = format!("/admin/arrangementer/{}/e-post", s.event);

    let form = page(&app, &s.staff, &path).await;
    assert!(form.contains("de 2 som har plass"), "{form}");
    let token = csrf_token(&form);
    let key = hidden_value(&form, "idempotency_key");
    let send = |subject: &'static str, text: &'static str| {
        let body = [
            ("csrf_token", token.clone()),
            ("idempotency_key", key.clone()),
            ("subject", subject.to_owned()),
            ("text", text.to_owned()),
        ];
        s.staff.post(app.url(&path)).form(&body).send()
    };

    // Empty fields: a message at each, the summary links them, nothing queued.
    let response = send(" ", "").await.unwrap();
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    for field in ["subject", "text"] {
        assert!(body.contains(&format!("href=\"#{field}\"")), "{body}");
        assert!(body.contains(&format!("id=\"{field}-error\"")), "{body}");
    }
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);

    let response = send(SUBJECT, TEXT).await.unwrap();
    assert_redirect_to(&response, &path);
    let receipt = page(&app, &s.staff, &path).await;
    assert!(
        receipt.contains("E-posten er på vei til 2 deltakere."),
        "{receipt}"
    );

    let sent = messages(&app, SUBJECT).await;
    let to: Vec<&str> = sent.iter().map(|m| m.recipient.as_str()).collect();
    assert_eq!(to, ["ase@example.no", "bjorn@example.no"]);
    for (mail, signup) in sent.iter().zip([s.ase, s.bjorn]) {
        let row = event_signup::Entity::find_by_id(signup)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(mail.contact_id, row.contact_id, "tied to the contact");
        assert!(
            mail.body_text.contains(TEXT),
            "as typed: {}",
            mail.body_text
        );
    }
    assert!(
        sent[0]
            .body_text
            .contains("Gjelder: «Verksted om reiseliv»")
    );
    assert!(sent[0].body_text.contains("fordi du meldte deg på"));
    assert!(sent[1].body_text.contains("About: “Verksted om reiseliv”"));
    assert!(sent[1].body_text.contains("because you signed up"));
    assert!(sent[1].body_html.contains("<html lang=\"en\">"));

    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("event.participants_mail"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].user_id, Some(s.facilitator.id));
    assert_eq!(logged[0].details.as_deref(), Some("recipients=2"));

    // The same form sent again (a double click) queues nothing more.
    let response = send(SUBJECT, TEXT).await.unwrap();
    assert_redirect_to(&response, &path);
    assert_eq!(messages(&app, SUBJECT).await.len(), 2);
    assert!(
        page(&app, &s.staff, &path)
            .await
            .contains("på vei til 2 deltakere")
    );
}

#[tokio::test]
async fn observers_are_refused_every_participant_page_and_download() {
    let app = app().await;
    let s = seeded(&app).await;
    let (observer, _) = signed_in(&app, Role::Observer).await;
    let base = format!("/admin/arrangementer/{}", s.event);
    for path in ["innsjekk", "innsjekk?q=kari", "innsjekk/utskrift", "e-post"] {
        let response = observer
            .get(app.url(&format!("{base}/{path}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{path}");
    }
    // With a real token from a page they may see.
    for (action, fields) in [
        (format!("{base}/deltakerliste"), vec![("format", "csv")]),
        (
            format!("{base}/innsjekk/{}", s.ase),
            vec![("action", "inn")],
        ),
        (
            format!("{base}/e-post"),
            vec![("subject", "Hei"), ("text", "Hei")],
        ),
    ] {
        let response = submit(&app, &observer, "/admin", &action, &fields).await;
        assert_eq!(response.status(), 403, "{action}");
    }
    assert_eq!(status_of(&app, s.ase).await, Status::Confirmed);
    assert_eq!(audit_count(&app, "export.personal_data").await, 0);
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);
    // Signed out: to the sign-in page, not the list.
    let response = client()
        .get(app.url(&format!("{base}/innsjekk")))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
}

#[tokio::test]
async fn forms_without_their_csrf_token_are_refused_and_change_nothing() {
    let app = app().await;
    let s = seeded(&app).await;
    let base = format!("/admin/arrangementer/{}", s.event);
    // The session exists (the client is signed in); only the token is missing.
    for (action, fields) in [
        (
            format!("{base}/innsjekk/{}", s.ase),
            vec![("action", "inn")],
        ),
        (format!("{base}/deltakerliste"), vec![("format", "json")]),
        (
            format!("{base}/e-post"),
            vec![("subject", "Hei"), ("text", "Hei")],
        ),
    ] {
        let response = s
            .staff
            .post(app.url(&action))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{action}");
        let mut wrong = fields.clone();
        wrong.push(("csrf_token", "feil"));
        let response = s
            .staff
            .post(app.url(&action))
            .form(&wrong)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{action} with a wrong token");
    }
    assert_eq!(status_of(&app, s.ase).await, Status::Confirmed);
    assert_eq!(audit_count(&app, "export.personal_data").await, 0);
    assert_eq!(audit_count(&app, "event.signup_status").await, 0);
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_sign_up_confirmation_reaches_a_real_smtp_server_with_an_invitation_that_parses() {
    let (app, smtp, _worker) = spawn_app_with_mail(|s| {
        s.form_min_time = Duration::ZERO;
        s.public_url = Some(url::Url::parse("https://innspill.example.no/").unwrap());
    })
    .await;
    let title = "Innspillsmøte om sjømat – Ørnes, Æra og Åsen";
    // 18:00 in Oslo on a summer evening is 16:00 UTC.
    let local = NaiveDate::from_ymd_opt(2031, 6, 12)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap();
    let starts_at = Oslo
        .from_local_datetime(&local)
        .single()
        .unwrap()
        .with_timezone(&Utc);
    let mut event_details = details(title);
    event_details.starts_at = starts_at;
    event_details.ends_at = starts_at + chrono::Duration::hours(2);
    let staff = innspill::admin::service::create_user(
        &app.db,
        &Email::parse("pl@kommune.no").unwrap(),
        "Prosjektleder",
        Role::Facilitator,
        crate::common::staff::PASSWORD,
    )
    .await
    .unwrap();
    let event = service::create(&app.db, &event_details, staff.id)
        .await
        .unwrap();
    service::publish(&app.db, event.id, staff.id).await.unwrap();

    // Through the public form, as a resident signs up.
    let browser = client();
    let form = page(&app, &browser, &format!("/arrangementer/{}", event.id)).await;
    let response = browser
        .post(app.url(&format!("/arrangementer/{}/pamelding", event.id)))
        .form(&[
            ("csrf_token", csrf_token(&form)),
            ("skjema_tid", hidden_value(&form, "skjema_tid")),
            ("idempotency_key", hidden_value(&form, "idempotency_key")),
            ("name", "Åse Ødegård".to_owned()),
            ("email", "ase@example.no".to_owned()),
            ("group", "innbygger".to_owned()),
            ("consent", "ja".to_owned()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);

    let received = smtp.wait_for(1, crate::mail::WAIT).await;
    assert_eq!(received.len(), 1, "the confirmation; the reminder waits");
    assert_eq!(received[0].to, ["ase@example.no"]);
    let message = received[0].parse();
    assert_eq!(
        message.subject(),
        Some(format!("Du er påmeldt: {title}").as_str())
    );
    let invitation = message
        .attachments()
        .find(|part| part.attachment_name() == Some("invitasjon.ics"))
        .expect("the invitation is attached");
    let ct = invitation.content_type().expect("content type");
    assert_eq!(ct.attribute("method"), Some("REQUEST"));
    let text = std::str::from_utf8(invitation.contents()).expect("UTF-8");
    let calendar: Calendar = text.parse().expect("the invitation parses");
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    let entry = calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .expect("an event");
    assert_eq!(
        entry.get_uid(),
        Some(format!("{}@innspill", event.id).as_str())
    );
    assert_eq!(entry.get_summary(), Some(title), "æøå intact");
    assert_eq!(entry.property_value("DTSTART"), Some("20310612T160000Z"));
    assert_eq!(entry.property_value("DTEND"), Some("20310612T180000Z"));
    let attendees: Vec<&str> = entry
        .multi_properties()
        .get("ATTENDEE")
        .map(|all| all.iter().map(|p| p.value()).collect())
        .unwrap_or_default();
    assert_eq!(attendees, ["mailto:ase@example.no"]);
}
