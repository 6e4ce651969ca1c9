//! Workshop results over HTTP: a facilitator sets up the tables, pastes a
//! wall of sticky notes, enters the dot votes, reads the printable report
//! and downloads the notes for a spreadsheet; observers and forms without
//! their CSRF token change nothing.

use std::collections::HashSet;
use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::{Duration, Utc};
use innspill::entities::event::Kind;
use innspill::entities::input::{self, Channel, Status};
use innspill::entities::user::Role;
use innspill::entities::{event, event_signup, theme, workshop_note, workshop_table};
use innspill::events::service::{self as events, EventDetails};
use innspill::events::workshop::{self, METHODS, method_hint_key, method_label_key};
use innspill::inputs::search::{self, SearchTerms};
use innspill::web::Lang;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::common::staff::{csrf_token, hidden_value, signed_in};
use crate::common::{TestApp, client, spawn_app};
use crate::exports::parse_csv;

/// The wall: blank lines, a repeat, bullets, and Norwegian letters.
const WALL: &str = "Ærlig talt: vi trenger flere båtplasser i havna
\r
- Kaia på Øya må bli et møtested
Kaia på Øya må bli et møtested

  Sommerjobber for ungdom på fiskemottaket  
• Bryggeområdet trenger benker og lys
Ærlig talt: vi trenger flere båtplasser i havna
";

const NOTES: [&str; 4] = [
    "Ærlig talt: vi trenger flere båtplasser i havna",
    "Kaia på Øya må bli et møtested",
    "Sommerjobber for ungdom på fiskemottaket",
    "Bryggeområdet trenger benker og lys",
];

struct Workshop {
    app: TestApp,
    staff: reqwest::Client,
    user: innspill::entities::user::Model,
    event: event::Model,
    reiseliv: theme::Model,
    sjomat: theme::Model,
}

impl Workshop {
    fn path(&self, rest: &str) -> String {
        format!("/admin/arrangementer/{}/resultater{rest}", self.event.id)
    }

    async fn page(&self, rest: &str) -> (u16, String) {
        let response = self
            .staff
            .get(self.app.url(&self.path(rest)))
            .send()
            .await
            .expect("page");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// Sends a form of the capture page with the CSRF token (and paste key)
    /// the page gave.
    async fn post(&self, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let (_, html) = self.page("").await;
        let token = csrf_token(&html);
        let key = hidden_value(&html, "paste_key");
        let mut body: Vec<(&str, &str)> = vec![("csrf_token", &token), ("paste_key", &key)];
        body.extend_from_slice(fields);
        self.staff
            .post(self.app.url(&self.path(action)))
            .form(&body)
            .send()
            .await
            .expect("post")
    }

    async fn add_table(&self, name: &str, theme: &theme::Model, host: &str) -> Uuid {
        let theme = theme.id.to_string();
        let response = self
            .post(
                "/bord",
                &[
                    ("name", name),
                    ("theme", &theme),
                    ("host", host),
                    ("summary", ""),
                ],
            )
            .await;
        assert_eq!(response.status(), 303);
        workshop_table::Entity::find()
            .filter(workshop_table::Column::Name.eq(name))
            .one(&self.app.db)
            .await
            .unwrap()
            .expect("table")
            .id
    }

    async fn notes(&self) -> Vec<(workshop_note::Model, input::Model)> {
        workshop_note::Entity::find()
            .filter(workshop_note::Column::EventId.eq(self.event.id))
            .find_also_related(input::Entity)
            .all(&self.app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|(note, input)| (note, input.expect("input")))
            .collect()
    }

    async fn note_id(&self, body: &str) -> Uuid {
        self.notes()
            .await
            .into_iter()
            .find(|(_, input)| input.body == body)
            .map(|(note, _)| note.input_id)
            .unwrap_or_else(|| panic!("no note {body:?}"))
    }
}

async fn workshop() -> Workshop {
    let app = spawn_app().await;
    let file =
        std::fs::File::open(crate::common::demo_data_dir().join("themes.csv")).expect("themes.csv");
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .expect("themes");
    let themes = innspill::themes::service::list(&app.db).await.unwrap();
    let by_slug = |slug: &str| {
        themes
            .iter()
            .find(|theme| theme.slug == slug)
            .cloned()
            .expect("theme")
    };
    let (staff, user) = signed_in(&app, Role::Facilitator).await;
    let starts_at = Utc::now() - Duration::days(1);
    let event = events::create(
        &app.db,
        &EventDetails {
            kind: Kind::Workshop,
            title: "Verksted om sjøfronten".to_owned(),
            description: "Kafédialog med fire bord.".to_owned(),
            location: Some("Kulturhuset".to_owned()),
            online_url: None,
            starts_at,
            ends_at: starts_at + Duration::hours(3),
            capacity: None,
            signup_deadline: None,
            waitlist: false,
            ask_diet: false,
            ask_accessibility: false,
            ask_organisation: false,
            themes: Vec::new(),
        },
        user.id,
    )
    .await
    .expect("event");
    Workshop {
        reiseliv: by_slug("reiseliv"),
        sjomat: by_slug("sjomat"),
        app,
        staff,
        user,
        event,
    }
}

#[tokio::test]
async fn a_wall_of_notes_becomes_searchable_workshop_inputs_of_the_event_and_its_table() {
    let w = workshop().await;
    let table = w
        .add_table("Bord 1: Havna", &w.reiseliv, "Kari Nordmann")
        .await;
    let extra = w.sjomat.id.to_string();
    let table_field = table.to_string();

    let response = w
        .post(
            "/lapper",
            &[
                ("notes", WALL),
                ("table", &table_field),
                ("themes", &extra),
                ("group", "annet"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("{}#saved-notes", w.path("")).as_str()
    );
    let (_, page) = w.page("").await;
    assert!(
        page.contains("4 lapper er lagret som innspill. 2 like linjer ble hoppet over."),
        "{page}"
    );

    let notes = w.notes().await;
    let bodies: HashSet<&str> = notes.iter().map(|(_, input)| input.body.as_str()).collect();
    assert_eq!(bodies, HashSet::from(NOTES));
    let tags = innspill::inputs::tags::tags_of(
        &w.app.db,
        &notes.iter().map(|(n, _)| n.input_id).collect::<Vec<_>>(),
    )
    .await
    .unwrap();
    for (note, input) in &notes {
        assert_eq!(note.table_id, Some(table));
        assert_eq!(note.votes, 0);
        assert_eq!(input.channel, Channel::Workshop);
        assert_eq!(input.status, Status::Published);
        assert_eq!(input.title, None);
        assert_eq!(input.stakeholder_group, "annet");
        assert_eq!(input.contact_id, None);
        let mut slugs: Vec<&str> = tags[&input.id]
            .iter()
            .map(|tag| tag.theme.slug.as_str())
            .collect();
        slugs.sort();
        assert_eq!(
            slugs,
            ["reiseliv", "sjomat"],
            "the table's theme and the chosen one"
        );
    }
    // No other inputs: exactly the lines became inputs.
    assert_eq!(input::Entity::find().count(&w.app.db).await.unwrap(), 4);

    // Searchable: an inflected form finds the note.
    let backend = w.app.db.get_database_backend();
    let found = input::Entity::find()
        .filter(search::condition(
            backend,
            &SearchTerms::parse("bryggeområde"),
        ))
        .all(&w.app.db)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].body, NOTES[3]);

    // The same form sent again (a double click) stores nothing new.
    let (_, html) = w.page("").await;
    let token = csrf_token(&html);
    let key = hidden_value(&html, "paste_key");
    let send = || {
        w.staff
            .post(w.app.url(&w.path("/lapper")))
            .form(&[
                ("csrf_token", token.as_str()),
                ("paste_key", key.as_str()),
                ("notes", "Gratis buss til Øya\nGratis buss til Øya"),
                ("table", ""),
                ("group", "ungdom"),
            ])
            .send()
    };
    assert_eq!(send().await.unwrap().status(), 303);
    assert_eq!(send().await.unwrap().status(), 303);
    let (_, page) = w.page("").await;
    assert!(page.contains("allerede lagret"), "{page}");
    let buss: Vec<_> = w
        .notes()
        .await
        .into_iter()
        .filter(|(_, input)| input.body == "Gratis buss til Øya")
        .collect();
    assert_eq!(buss.len(), 1);
    assert_eq!(buss[0].0.table_id, None);
    assert_eq!(buss[0].1.stakeholder_group, "ungdom");
}

#[tokio::test]
async fn a_line_too_long_refuses_the_whole_paste_with_the_line_named_and_the_text_kept() {
    let w = workshop().await;
    let long = "å".repeat(1001);
    let text = format!("Flere turister til Øya\n{long}\nBedre vei til fergekaia");
    let response = w
        .post(
            "/lapper",
            &[("notes", &text), ("table", ""), ("group", "annet")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Linje 2 er lengre enn 1000 tegn"), "{page}");
    assert!(
        page.contains("href=\"#notes\""),
        "in the error summary: {page}"
    );
    assert!(page.contains("aria-invalid=\"true\""), "{page}");
    assert!(page.contains("Bedre vei til fergekaia"), "the text is kept");
    assert_eq!(input::Entity::find().count(&w.app.db).await.unwrap(), 0);
    assert_eq!(
        workshop_note::Entity::find()
            .count(&w.app.db)
            .await
            .unwrap(),
        0
    );

    let response = w
        .post("/lapper", &[("notes", " \n\n"), ("group", "annet")])
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Lim inn minst én lapp")
    );
}

#[tokio::test]
async fn dot_votes_are_saved_at_once_and_summed_per_theme_and_a_bad_count_changes_nothing() {
    let w = workshop().await;
    let havna = w.add_table("Havna", &w.reiseliv, "").await.to_string();
    let fisk = w.add_table("Fisken", &w.sjomat, "").await.to_string();
    for (text, table) in [
        ("Turistkontor på kaia\nGuidede turer i skjærgården", &havna),
        ("Mottak for kongekrabbe\nSjømatfestival på Øya", &fisk),
    ] {
        let response = w
            .post(
                "/lapper",
                &[("notes", text), ("table", table), ("group", "annet")],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    let votes = [
        ("Turistkontor på kaia", "5"),
        ("Guidede turer i skjærgården", "2"),
        ("Mottak for kongekrabbe", " 4 "),
        ("Sjømatfestival på Øya", ""),
    ];
    let mut fields = Vec::new();
    for (body, count) in votes {
        fields.push((format!("votes-{}", w.note_id(body).await), count.to_owned()));
    }
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = w.post("/stemmer", &form).await;
    assert_eq!(response.status(), 303);
    let saved: Vec<(String, i32)> = w
        .notes()
        .await
        .into_iter()
        .map(|(note, input)| (input.body, note.votes))
        .collect();
    for (body, count) in [
        ("Turistkontor på kaia", 5),
        ("Guidede turer i skjærgården", 2),
        ("Mottak for kongekrabbe", 4),
        ("Sjømatfestival på Øya", 0),
    ] {
        assert!(saved.contains(&(body.to_owned(), count)), "{saved:?}");
    }
    let results = workshop::results::results(&w.app.db, w.event.id)
        .await
        .unwrap();
    let totals: Vec<(&str, i64, usize)> = results
        .by_theme
        .iter()
        .map(|g| {
            (
                g.theme.as_ref().unwrap().slug.as_str(),
                g.votes,
                g.notes.len(),
            )
        })
        .collect();
    assert_eq!(totals, [("reiseliv", 7, 2), ("sjomat", 4, 2)]);
    assert_eq!(results.total_votes, 11);

    // A negative count and a word: both named, nothing saved.
    let bad = [
        (fields[0].0.as_str(), "-1"),
        (fields[1].0.as_str(), "tre"),
        (fields[2].0.as_str(), "9"),
    ];
    let response = w.post("/stemmer", &bad).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    for body in ["Turistkontor på kaia", "Guidede turer i skjærgården"] {
        let message = format!("Stemmer på «{body}»: skriv et helt tall, 0 eller mer.");
        assert_eq!(
            page.matches(&message).count(),
            2,
            "at the field and in the summary: {page}"
        );
    }
    assert!(page.contains("value=\"tre\""), "input kept: {page}");
    assert!(page.contains(&format!("href=\"#{}\"", fields[0].0)));
    let after = workshop::results::results(&w.app.db, w.event.id)
        .await
        .unwrap();
    assert_eq!(after.total_votes, 11, "nothing changed");
}

#[tokio::test]
async fn the_report_shows_notes_by_theme_with_votes_and_counts_participants_without_names() {
    let w = workshop().await;
    let havna = w.add_table("Havna", &w.reiseliv, "Ola Vert").await;
    let table = havna.to_string();
    w.post(
        "/lapper",
        &[
            ("notes", "Turistkontor på kaia\nSjøbad"),
            ("table", &table),
            ("group", "annet"),
        ],
    )
    .await;
    w.post(
        "/lapper",
        &[("notes", "Ladestasjon for båter"), ("group", "annet")],
    )
    .await;
    let id = w.note_id("Turistkontor på kaia").await;
    let field = format!("votes-{id}");
    w.post("/stemmer", &[(field.as_str(), "6")]).await;
    workshop::tables::update_table(
        &w.app.db,
        w.event.id,
        havna,
        &workshop::tables::TableDetails {
            name: "Havna".into(),
            theme_id: Some(w.reiseliv.id),
            host: Some("Ola Vert".into()),
            summary: Some("Havna skal bli levende.\n\nFlere benker.".into()),
        },
        w.user.id,
    )
    .await
    .unwrap();
    workshop::set_method(
        &w.app.db,
        w.event.id,
        Some(workshop::Method::CafeDialogue),
        w.user.id,
    )
    .await
    .unwrap();
    // Sign-ups go into the event directly: it started yesterday.
    for (n, group, status) in [
        (1, "naeringsdrivende", event_signup::Status::Attended),
        (2, "naeringsdrivende", event_signup::Status::Confirmed),
        (3, "ungdom", event_signup::Status::Attended),
        (4, "innbygger", event_signup::Status::Cancelled),
    ] {
        signup(&w, n, group, status).await;
    }

    let (status, page) = w.page("/rapport").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Resultater fra Verksted om sjøfronten"),
        "{page}"
    );
    assert!(page.contains("Kafédialog"));
    // Votes per theme, then notes under their theme, most votes first.
    assert!(
        page.contains("Reiseliv og opplevelser – lapper: 2, stemmer: 6"),
        "{page}"
    );
    assert!(page.contains("Uten tema – lapper: 1, stemmer: 0"), "{page}");
    let first = page.find("Turistkontor på kaia").unwrap();
    assert!(first < page.find("Sjøbad").unwrap());
    assert!(page.contains("Havna skal bli levende.") && page.contains("Ola Vert"));
    // Participants by group: counts only.
    assert!(page.contains("Næringsdrivende"), "{page}");
    assert!(page.contains("Ungdom eller student"));
    assert!(
        !page.contains("Innbygger"),
        "a cancelled sign-up is not counted"
    );
    for n in 1..=4 {
        assert!(
            !page.contains(&format!("Åse Deltaker {n}")),
            "no names: {page}"
        );
        assert!(!page.contains(&format!("deltaker{n}@")), "no e-mail");
    }
    let results = workshop::results::results(&w.app.db, w.event.id)
        .await
        .unwrap();
    assert_eq!(results.participants_total(), (3, 2));

    // The event's staff page links to the results.
    let detail = w
        .staff
        .get(w.app.url(&format!("/admin/arrangementer/{}", w.event.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        detail.contains(&format!("href=\"{}\"", w.path(""))),
        "{detail}"
    );
}

async fn signup(w: &Workshop, n: u32, group: &str, status: event_signup::Status) {
    // The sign-up form is closed once the event has started, so the row is
    // written as the service would have written it a week ago.
    let contact = innspill::inputs::submit::store_contact(
        &w.app.db,
        Some(&innspill::inputs::submit::NewContact {
            name: Some(format!("Åse Deltaker {n}")),
            email: innspill::domain::Email::parse(&format!("deltaker{n}@example.no")).ok(),
            news_opt_in: false,
            organisation: None,
        }),
    )
    .await
    .unwrap();
    use sea_orm::ActiveValue::Set;
    event_signup::Entity::insert(event_signup::ActiveModel {
        id: Set(Uuid::now_v7()),
        event_id: Set(w.event.id),
        contact_id: Set(contact),
        stakeholder_group: Set(group.to_owned()),
        diet: Set(None),
        accessibility: Set(None),
        status: Set(status),
        language: Set("nb".into()),
        private_token_hash: Set(format!("{n:064}")),
        idempotency_key: Set(None),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
    })
    .exec_without_returning(&w.app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_notes_download_opens_in_a_spreadsheet_with_norwegian_letters_intact() {
    let w = workshop().await;
    let table = w
        .add_table("Bord Ø", &w.reiseliv, "Per Vert")
        .await
        .to_string();
    w.post(
        "/lapper",
        &[
            ("notes", "Blåbærtur på Ærøya\n=SUM(A1) er ikke en formel"),
            ("table", &table),
            ("group", "annet"),
        ],
    )
    .await;
    let id = w.note_id("Blåbærtur på Ærøya").await;
    let field = format!("votes-{id}");
    w.post("/stemmer", &[(field.as_str(), "3")]).await;

    let csv = w
        .staff
        .get(w.app.url(&w.path("/eksport?format=csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = csv.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.contains("innspill-workshop_notes-"),
        "{disposition}"
    );
    let bytes = csv.bytes().await.unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("byte order mark for Excel");
    let rows = parse_csv(body, b';');
    assert_eq!(
        rows[0],
        [
            "Arrangement",
            "Tid",
            "Bord eller gruppe",
            "Temaer",
            "Lapp",
            "Stemmer",
            "Innspill-ID"
        ]
    );
    assert_eq!(rows.len(), 3);
    let row = rows
        .iter()
        .find(|r| r[4] == "Blåbærtur på Ærøya")
        .expect("row");
    assert_eq!(row[0], "Verksted om sjøfronten");
    assert_eq!(row[2], "Bord Ø");
    assert_eq!(row[3], "Reiseliv og opplevelser");
    assert_eq!(row[5], "3");
    assert_eq!(row[6], id.to_string());
    assert!(rows.iter().any(|r| r[4] == "'=SUM(A1) er ikke en formel"));
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(
        !text.contains("Per Vert"),
        "no personal data: not even the host"
    );

    let xlsx = w
        .staff
        .get(w.app.url(&w.path("/eksport?format=xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.unwrap().to_vec();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).expect("XLSX");
    assert_eq!(workbook.sheet_names(), ["Lapper"]);
    let range = workbook.worksheet_range("Lapper").expect("sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .any(|r| r[4] == Data::String("Blåbærtur på Ærøya".into()) && r[5] == Data::Float(3.0)),
        "{rows:?}"
    );

    let json: serde_json::Value = w
        .staff
        .get(w.app.url(&w.path("/eksport?format=json")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = json.as_array().expect("array");
    assert_eq!(items.len(), 2);
    assert!(
        items
            .iter()
            .any(|item| item["note"] == "Blåbærtur på Ærøya" && item["votes"] == 3)
    );

    // LibreOffice reads both files with the letters intact.
    libreoffice_check(&w, &bytes).await;
}

async fn libreoffice_check(w: &Workshop, xlsx: &[u8]) {
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice is missing; .ci/run installs libreoffice-calc-nogui"
        );
        eprintln!("soffice is not installed; skipping the LibreOffice check");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let xlsx_file = work.path().join("lapper.xlsx");
    std::fs::write(&xlsx_file, xlsx).unwrap();
    let csv = w
        .staff
        .get(w.app.url(&w.path("/eksport?format=csv")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let csv_file = work.path().join("lapper-excel.csv");
    std::fs::write(&csv_file, &csv).unwrap();

    let from_xlsx = crate::exports_cli::libreoffice_csv(&xlsx_file, None, work.path());
    assert!(from_xlsx.contains("Blåbærtur på Ærøya"), "{from_xlsx}");
    assert!(from_xlsx.contains("Bord Ø"), "{from_xlsx}");
    let from_csv =
        crate::exports_cli::libreoffice_csv(&csv_file, Some("CSV:59,34,76,1"), work.path());
    let rows = parse_csv(from_csv.as_bytes(), b',');
    assert_eq!(
        rows[0][0], "Arrangement",
        "the byte order mark is not read as text"
    );
    assert!(
        rows.iter()
            .any(|r| r[4] == "Blåbærtur på Ærøya" && r[2] == "Bord Ø"),
        "{from_csv}"
    );
}

#[tokio::test]
async fn observers_are_refused_and_a_form_without_its_csrf_token_changes_nothing() {
    let w = workshop().await;
    let (observer, _) = signed_in(&w.app, Role::Observer).await;
    for rest in ["", "/rapport", "/eksport?format=csv"] {
        let response = observer.get(w.app.url(&w.path(rest))).send().await.unwrap();
        assert_eq!(response.status(), 403, "{rest}");
    }
    // An observer's own token does not help.
    let html = observer
        .get(w.app.url("/admin/eksport"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = csrf_token(&html);
    let response = observer
        .post(w.app.url(&w.path("/lapper")))
        .form(&[
            ("csrf_token", token.as_str()),
            ("notes", "Lapp"),
            ("group", "annet"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // A facilitator's form without the token, or with another session's.
    for token in ["", token.as_str()] {
        for (action, fields) in [
            (
                "/lapper",
                vec![("notes", "Lapp fra et annet nettsted"), ("group", "annet")],
            ),
            ("/bord", vec![("name", "Bord X")]),
            ("/metode", vec![("method", "dot_voting")]),
        ] {
            let mut body = fields.clone();
            if !token.is_empty() {
                body.push(("csrf_token", token));
            }
            let response = w
                .staff
                .post(w.app.url(&w.path(action)))
                .form(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403, "{action}");
        }
    }
    assert_eq!(input::Entity::find().count(&w.app.db).await.unwrap(), 0);
    assert_eq!(
        workshop_table::Entity::find()
            .count(&w.app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        workshop::method_of(&w.app.db, w.event.id).await.unwrap(),
        None
    );
    // Nobody signed in at all is sent to sign in.
    let anonymous = client().get(w.app.url(&w.path(""))).send().await.unwrap();
    assert!(anonymous.status().is_redirection() || anonymous.status() == 401);
}

#[tokio::test]
async fn tables_are_edited_moved_and_removed_and_a_note_deleted_leaves_no_trace() {
    let w = workshop().await;
    let first = w.add_table("Bord 1", &w.reiseliv, "").await;
    let second = w.add_table("Bord 2", &w.sjomat, "").await;
    let first_field = first.to_string();
    w.post(
        "/lapper",
        &[
            ("notes", "Fjordcruise\nKajakkutleie"),
            ("table", &first_field),
            ("group", "annet"),
        ],
    )
    .await;

    // A table's own page: a name that is too long comes back with its message.
    let table_path = w.path(&format!("/bord/{first}"));
    let html = w
        .staff
        .get(w.app.url(&table_path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("value=\"Bord 1\""), "{html}");
    let long = "x".repeat(101);
    let post_table = |name: String, summary: &'static str| {
        let token = csrf_token(&html);
        let theme = w.reiseliv.id.to_string();
        let staff = &w.staff;
        let url = w.app.url(&table_path);
        async move {
            staff
                .post(url)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("name", name.as_str()),
                    ("theme", theme.as_str()),
                    ("host", "Kari"),
                    ("summary", summary),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let refused = post_table(long.clone(), "").await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Skriv et navn på 1–100 tegn.") && page.contains(&long));
    let saved = post_table("Havna".to_owned(), "Vi vil ha liv på kaia.").await;
    assert_eq!(saved.status(), 303);
    let table = workshop::tables::find_table(&w.app.db, w.event.id, first)
        .await
        .unwrap();
    assert_eq!(table.name, "Havna");
    assert_eq!(table.host.as_deref(), Some("Kari"));
    assert_eq!(table.summary.as_deref(), Some("Vi vil ha liv på kaia."));

    // Move the second up, then remove the first: its notes stay, without a table.
    let up = w
        .post(&format!("/bord/{second}/flytt"), &[("direction", "up")])
        .await;
    assert_eq!(up.status(), 303);
    let order: Vec<Uuid> = workshop::tables::tables(&w.app.db, w.event.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(order, [second, first]);
    let removed = w.post(&format!("/bord/{first}/fjern"), &[]).await;
    assert_eq!(removed.status(), 303);
    let tables = workshop::tables::tables(&w.app.db, w.event.id)
        .await
        .unwrap();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].position, 1);
    let notes = w.notes().await;
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().all(|(note, _)| note.table_id.is_none()));

    // Delete one note: the input, its tags and its search entry go.
    let id = w.note_id("Kajakkutleie").await;
    let id_text = id.to_string();
    let response = w.post("/lapper/slett", &[("note", &id_text)]).await;
    assert_eq!(response.status(), 303);
    assert!(
        input::Entity::find_by_id(id)
            .one(&w.app.db)
            .await
            .unwrap()
            .is_none()
    );
    let backend = w.app.db.get_database_backend();
    let found = input::Entity::find()
        .filter(search::condition(backend, &SearchTerms::parse("kajakk")))
        .count(&w.app.db)
        .await
        .unwrap();
    assert_eq!(found, 0);
    if !w.app.database.is_postgres() {
        let left = w
            .app
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                backend,
                "SELECT count(*) AS n FROM inputs_fts",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        assert_eq!(left, 1, "only the remaining note is indexed");
    }
    // A note of another event is not found here.
    let again = w.post("/lapper/slett", &[("note", &id_text)]).await;
    assert_eq!(again.status(), 404);

    // The method is saved, and an unknown one refused at the field.
    assert_eq!(
        w.post("/metode", &[("method", "dot_voting")])
            .await
            .status(),
        303
    );
    assert_eq!(
        workshop::method_of(&w.app.db, w.event.id).await.unwrap(),
        Some(workshop::Method::DotVoting)
    );
    let refused = w.post("/metode", &[("method", "fishbowl")]).await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Velg en av arbeidsformene.")
    );
}

#[test]
fn every_method_and_export_column_has_its_words_in_every_language() {
    let mut keys: Vec<String> = Vec::new();
    for method in METHODS {
        keys.push(method_label_key(method));
        keys.push(method_hint_key(method));
    }
    let table = workshop::export::table(Lang::Nb);
    keys.push(format!("exports.{}.sheet", table.resource));
    for code in table.codes() {
        keys.push(format!("exports.{}.{code}", table.resource));
    }
    for (lang, source) in innspill::web::i18n::sources() {
        let catalog = innspill::web::i18n::parse_catalog(source).expect("locale parses");
        for key in &keys {
            let text = catalog.get(key).map(String::as_str).unwrap_or("");
            assert!(!text.trim().is_empty(), "{key} is missing in {lang:?}");
        }
    }
}

#[tokio::test]
async fn a_whole_wall_of_three_hundred_notes_is_stored_in_one_paste() {
    let w = workshop().await;
    let table = w.add_table("Veggen", &w.reiseliv, "").await.to_string();
    let wall: String = (1..=300)
        .map(|n| {
            format!(
                "Lapp nummer {n}: mer liv på kaia og i sentrum, med plass til både små og store\n"
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let response = w
        .post(
            "/lapper",
            &[("notes", &wall), ("table", &table), ("group", "annet")],
        )
        .await;
    let elapsed = started.elapsed();
    assert_eq!(response.status(), 303);
    eprintln!("300 notes pasted in {elapsed:?}");
    assert_eq!(w.notes().await.len(), 300);
    let (status, page) = w.page("").await;
    assert_eq!(status, 200);
    assert!(page.contains("300 lapper er lagret som innspill."));
}
