//! Browser suite: every page in headless Chromium under axe-core (WCAG 2.1 A

// Tests may panic on what they did not expect; that is how they fail.
#![allow(clippy::expect_used, clippy::unwrap_used)]
//! and AA), every page's HTML through the Nu HTML Checker, and user scenarios.
//!
//! Run with `cargo test --features browser-tests --test browser`; it needs
//! Chromium, Java and Node (see tests/browser/README.md). Later features add
//! their pages to `pages()` and their scenarios to `SCENARIOS`.

#[path = "../common/mod.rs"]
mod common;
mod interviews_public;
mod priorities;
mod surveys;
mod surveys_builder;
mod triage;

use std::path::Path;

use innspill::settings::service::{self as settings, Programme};
use serde_json::{Value, json};

use common::repo_root;

const SCENARIOS: &[&str] = &[
    "language-switch",
    "share-idea",
    "support-idea",
    "sign-up-event",
    "register-interview",
    "triage-keyboard",
    "answer-survey",
    "survey-builder-error",
];

/// Pages anyone can open: (name, path, language cookie, expected status).
fn pages() -> Vec<(&'static str, String, &'static str, u16)> {
    let public = vec![
        ("landing-nb", "/", "nb", 200),
        ("landing-nn", "/", "nn", 200),
        ("landing-en", "/", "en", 200),
        ("privacy-nb", "/personvern", "nb", 200),
        ("privacy-en", "/personvern", "en", 200),
        ("accessibility-nn", "/tilgjengelighet", "nn", 200),
        ("not-found-nb", "/finnes-ikke", "nb", 404),
        ("not-found-en", "/finnes-ikke", "en", 404),
        ("sign-in-nb", "/admin/login", "nb", 200),
        ("forgot-password-en", "/admin/glemt-passord", "en", 200),
        ("idea-form-nb", "/ideer/ny", "nb", 200),
        ("idea-form-en", "/ideer/ny", "en", 200),
    ];
    public
        .into_iter()
        .map(|(name, path, lang, status)| (name, path.to_owned(), lang, status))
        .collect()
}

/// Pages for a signed-in admin: (name, path, language cookie).
const STAFF_PAGES: &[(&str, &str, &str)] = &[
    ("dashboard-nb", "/admin", "nb"),
    ("dashboard-en", "/admin", "en"),
    ("users-nb", "/admin/brukere", "nb"),
    ("settings-nb", "/admin/innstillinger", "nb"),
    ("settings-nn", "/admin/innstillinger", "nn"),
    ("audit-nb", "/admin/logg", "nb"),
    ("failed-mail-nb", "/admin/e-post", "nb"),
    ("api-tokens-nb", "/admin/api-nokler", "nb"),
    ("exports-nb", "/admin/eksport", "nb"),
    ("themes-nb", "/admin/temaer?melding=lagret", "nb"),
    ("themes-nn", "/admin/temaer", "nn"),
    ("theme-new-en", "/admin/temaer/ny", "en"),
    ("themes-import-nb", "/admin/temaer/import", "nb"),
];

/// Signs in as a new user with `role` through the real form; returns the
/// session cookie value and the user.
async fn session_for(
    app: &common::TestApp,
    role: innspill::entities::user::Role,
) -> (String, innspill::entities::user::Model) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let user = common::staff::create_user(app, role).await;
    let response = common::staff::sign_in(app, &client, &user.email, common::staff::PASSWORD).await;
    assert_eq!(response.status(), 303, "{role:?} signs in");
    use reqwest::cookie::CookieStore;
    let url = app.address.parse().expect("url");
    let cookies = jar.cookies(&url).expect("cookies");
    let session = cookies
        .to_str()
        .expect("ascii")
        .split("; ")
        .find_map(|pair| pair.strip_prefix("innspill_session="))
        .expect("session cookie")
        .to_owned();
    (session, user)
}

/// The demo themes, one of them deactivated, and an API
/// token, so the lists show rows of every kind.
async fn seed_staff_data(
    app: &common::TestApp,
    admin: &innspill::entities::user::Model,
) -> uuid::Uuid {
    use innspill::themes::service as themes;
    let file = std::fs::File::open(common::demo_data_dir().join("themes.csv"))
        .expect("assets/demo/themes.csv");
    themes::import_csv(&app.db, None, file)
        .await
        .expect("import themes");
    let all = themes::list(&app.db).await.expect("themes");
    themes::set_active(&app.db, None, all[all.len() - 1].id, false)
        .await
        .expect("deactivate");
    innspill::api::tokens::create(&app.db, Some(admin.id), admin, "Rapportverktøy")
        .await
        .expect("token");
    all[0].id
}

/// Ideas in every state the public and moderation pages show: published ones
/// (two pages' worth, with themes, places and support), one merged into the
/// first, one pending with a contact, one hidden. Returns the pages to check.
async fn seed_ideas(
    app: &common::TestApp,
    admin: &innspill::entities::user::Model,
) -> Vec<(&'static str, String, &'static str)> {
    use innspill::entities::input::Channel;
    use innspill::ideas::service::{self, NewContact, NewIdea};
    use innspill::ideas::{merge, support};
    use innspill::inputs::{StakeholderGroup, moderation};
    use innspill::settings::service::ModerationMode;
    let themes = innspill::themes::service::list_active(&app.db)
        .await
        .expect("themes");
    let idea = |n: usize, contact: Option<NewContact>| NewIdea {
        title: format!("Idé nummer {n} om næring og turisme"),
        body: format!(
            "Beskrivelse nummer {n}: mer turisme og flere arbeidsplasser i distriktet, med tekst nok."
        ),
        themes: vec![
            themes[n % themes.len()].id,
            themes[(n + 1) % themes.len()].id,
        ],
        group: StakeholderGroup::ALL[n % StakeholderGroup::ALL.len()],
        location: n.is_multiple_of(3).then(|| "Sentrum".to_owned()),
        language: innspill::web::Lang::Nb,
        contact,
        idempotency_key: None,
    };
    let mut published = Vec::new();
    for n in 0..23 {
        let receipt = service::submit(&app.db, idea(n, None), ModerationMode::Post, None)
            .await
            .expect("idea");
        published.push(receipt.id);
    }
    support::toggle(&app.db, published[0], "browser-a", "address-a")
        .await
        .expect("support");
    let merged = service::submit(&app.db, idea(30, None), ModerationMode::Post, None)
        .await
        .expect("idea")
        .id;
    merge::merge(&app.db, admin.id, merged, published[0])
        .await
        .expect("merge");
    let contact = NewContact {
        name: Some("Kari Nordmann".to_owned()),
        email: innspill::domain::Email::parse("kari@example.no").ok(),
        news_opt_in: true,
        organisation: None,
    };
    let pending = service::submit(&app.db, idea(40, Some(contact)), ModerationMode::Pre, None)
        .await
        .expect("idea")
        .id;
    let hidden = service::submit(&app.db, idea(50, None), ModerationMode::Pre, None)
        .await
        .expect("idea")
        .id;
    moderation::hide(
        &app.db,
        admin.id,
        Channel::Idea,
        hidden,
        "Inneholder personopplysninger.".to_owned(),
        None,
    )
    .await
    .expect("hide");
    let slug = &themes[1].slug;
    vec![
        ("ideas-nb", "/ideer".to_owned(), "nb"),
        (
            "ideas-page2-en",
            "/ideer?side=2&sort=mest-stottet".to_owned(),
            "en",
        ),
        (
            "ideas-filter-nn",
            format!("/ideer?tema={slug}&q=turisme"),
            "nn",
        ),
        ("ideas-empty-nb", "/ideer?q=finnesikke".to_owned(), "nb"),
        ("idea-nb", format!("/ideer/{}", published[0]), "nb"),
        ("idea-en", format!("/ideer/{}", published[3]), "en"),
        ("ideas-queue-nb", "/admin/ideer".to_owned(), "nb"),
        (
            "ideas-queue-all-nn",
            "/admin/ideer?status=alle".to_owned(),
            "nn",
        ),
        (
            "ideas-queue-empty-en",
            "/admin/ideer?status=withdrawn".to_owned(),
            "en",
        ),
        ("idea-moderate-nb", format!("/admin/ideer/{pending}"), "nb"),
        ("idea-moderate-en", format!("/admin/ideer/{pending}"), "en"),
        (
            "idea-merge-target-nn",
            format!("/admin/ideer/{}", published[0]),
            "nn",
        ),
        ("idea-merged-nb", format!("/admin/ideer/{merged}"), "nb"),
        ("idea-hidden-nb", format!("/admin/ideer/{hidden}"), "nb"),
    ]
}

/// The sender's private page of an idea, reached through its token.
async fn my_idea_page(app: &common::TestApp) -> String {
    use innspill::ideas::service;
    use innspill::inputs::StakeholderGroup;
    use innspill::settings::service::ModerationMode;
    let idea = service::NewIdea {
        title: "Kortreist mat i skolekantina".to_owned(),
        body:
            "Skolene kan kjøpe mer mat fra gårdene rundt oss, og det gir bøndene et sikrere marked."
                .to_owned(),
        themes: Vec::new(),
        group: StakeholderGroup::BusinessOwner,
        location: Some("Hele kommunen".to_owned()),
        language: innspill::web::Lang::Nn,
        contact: None,
        idempotency_key: None,
    };
    let receipt = service::submit(&app.db, idea, ModerationMode::Pre, None)
        .await
        .expect("idea");
    format!("/ideer/mine/{}", receipt.token.expect("token"))
}

/// Events: one full with a waitlist and a participant of each kind, one with
/// seats free, one draft; returns public pages (name, path, lang) and staff pages.
async fn seed_events(
    app: &common::TestApp,
    admin: &innspill::entities::user::Model,
) -> (
    Vec<(&'static str, String, &'static str)>,
    Vec<(&'static str, String, &'static str)>,
) {
    use chrono::{Duration, Utc};
    use innspill::entities::event::Kind;
    use innspill::entities::event_signup::Status;
    use innspill::events::service::{self, EventDetails, NewSignup};
    use innspill::inputs::StakeholderGroup;
    let starts_at = Utc::now() + Duration::days(14);
    let details = |title: &str, capacity: Option<i32>| EventDetails {
        kind: Kind::Workshop,
        title: title.to_owned(),
        description:
            "Vi jobber i grupper rundt bordene og samler innspill på lapper.\n\nKaffe og mat."
                .to_owned(),
        location: Some("Kulturhuset, sal 2".to_owned()),
        online_url: Some("https://teams.example.no/mote".to_owned()),
        starts_at,
        ends_at: starts_at + Duration::hours(3),
        capacity,
        signup_deadline: Some(starts_at - Duration::days(1)),
        waitlist: true,
        ask_diet: true,
        ask_accessibility: true,
        ask_organisation: true,
        themes: Vec::new(),
    };
    let open = service::create(&app.db, &details("Verksted om reiseliv", Some(2)), admin.id)
        .await
        .expect("event");
    service::publish(&app.db, open.id, admin.id)
        .await
        .expect("publish");
    let person = |n: u32| NewSignup {
        name: format!("Deltaker {n}"),
        email: innspill::domain::Email::parse(&format!("d{n}@example.no")).expect("email"),
        organisation: Some("Fjordfisk AS".to_owned()),
        group: StakeholderGroup::BusinessOwner,
        diet: Some("Vegetar".to_owned()),
        accessibility: None,
        news_opt_in: false,
        language: innspill::web::Lang::Nb,
        idempotency_key: None,
    };
    let mut tokens = Vec::new();
    for n in 0..3 {
        let receipt = service::sign_up(&app.db, open.id, person(n), None)
            .await
            .expect("sign-up")
            .expect("open");
        tokens.push(receipt.token.expect("token"));
    }
    let first = service::find_by_token(&app.db, &tokens[0])
        .await
        .expect("find")
        .expect("signup");
    service::set_status_by_staff(&app.db, first.id, Status::Attended, admin.id, None)
        .await
        .expect("check in");
    // Seats free, for the sign-up scenario.
    let roomy = service::create(
        &app.db,
        &details("Innspillsmøte om næringslivet", Some(40)),
        admin.id,
    )
    .await
    .expect("event");
    service::publish(&app.db, roomy.id, admin.id)
        .await
        .expect("publish");
    let draft = service::create(
        &app.db,
        &details("Frokostmøte for næringslivet", None),
        admin.id,
    )
    .await
    .expect("draft");
    let workshop_pages = seed_workshop(app, admin, open.id).await;
    (
        vec![
            ("events-nb", "/arrangementer".to_owned(), "nb"),
            ("event-nb", format!("/arrangementer/{}", open.id), "nb"),
            ("event-en", format!("/arrangementer/{}", open.id), "en"),
            (
                "my-signup-nn",
                format!("/arrangementer/mine/{}", tokens[2]),
                "nn",
            ),
        ],
        vec![
            ("events-admin-nb", "/admin/arrangementer".to_owned(), "nb"),
            (
                "event-admin-nb",
                format!("/admin/arrangementer/{}", open.id),
                "nb",
            ),
            ("event-new-en", "/admin/arrangementer/ny".to_owned(), "en"),
            (
                "event-edit-nn",
                format!("/admin/arrangementer/{}/endre", draft.id),
                "nn",
            ),
            (
                "event-checkin-nb",
                format!("/admin/arrangementer/{}/innsjekk", open.id),
                "nb",
            ),
            (
                "event-checkin-search-en",
                format!("/admin/arrangementer/{}/innsjekk?q=deltaker+2", open.id),
                "en",
            ),
            (
                "event-checkin-empty-nn",
                format!("/admin/arrangementer/{}/innsjekk", roomy.id),
                "nn",
            ),
            (
                "event-print-nb",
                format!("/admin/arrangementer/{}/innsjekk/utskrift", open.id),
                "nb",
            ),
            (
                "event-message-nb",
                format!("/admin/arrangementer/{}/e-post", open.id),
                "nb",
            ),
            (
                "event-message-none-en",
                format!("/admin/arrangementer/{}/e-post", roomy.id),
                "en",
            ),
        ]
        .into_iter()
        .chain(workshop_pages)
        .collect(),
    )
}

/// Workshop results for `event_id`: a method, two themed tables (one with
/// a host's summary), a wall of notes with dot votes and one without a
/// table or theme; returns the capture, table and report pages.
async fn seed_workshop(
    app: &common::TestApp,
    admin: &innspill::entities::user::Model,
    event_id: uuid::Uuid,
) -> Vec<(&'static str, String, &'static str)> {
    use innspill::events::workshop::notes::{self, Paste};
    use innspill::events::workshop::tables::{self, TableDetails};
    use innspill::events::workshop::{self, Method};
    use innspill::inputs::StakeholderGroup;
    let themes = innspill::themes::service::list_active(&app.db)
        .await
        .expect("themes");
    workshop::set_method(&app.db, event_id, Some(Method::CafeDialogue), admin.id)
        .await
        .expect("method");
    let harbour = tables::add_table(
        &app.db,
        event_id,
        &TableDetails {
            name: "Bord 1: Havna".to_owned(),
            theme_id: Some(themes[0].id),
            host: Some("Kari Nordmann".to_owned()),
            summary: Some(
                "Havna må bli et sted folk vil være.\n\nFlere vil ha benker, lys og en kafé på kaia."
                    .to_owned(),
            ),
        },
        admin.id,
    )
    .await
    .expect("table");
    let fish = tables::add_table(
        &app.db,
        event_id,
        &TableDetails {
            name: "Bord 2: Fisken".to_owned(),
            theme_id: Some(themes[1].id),
            host: None,
            summary: None,
        },
        admin.id,
    )
    .await
    .expect("table");
    for (table, text) in [
        (
            Some(harbour.id),
            "Kafé på kaia om sommeren\nBenker og lys langs bryggeområdet\nGjestehavn for turistbåter",
        ),
        (
            Some(fish.id),
            "Mottak for kongekrabbe\nSommerjobber for ungdom på fiskemottaket",
        ),
        (None, "Bedre busstilbud til Øya om kvelden"),
    ] {
        notes::paste(
            &app.db,
            event_id,
            &Paste {
                text: text.to_owned(),
                table_id: table,
                themes: Vec::new(),
                group: StakeholderGroup::Other,
                language: innspill::web::Lang::Nb,
                key: None,
            },
            admin.id,
        )
        .await
        .expect("paste")
        .expect("stored");
    }
    let notes = workshop::results::notes(&app.db, event_id)
        .await
        .expect("notes");
    let votes: Vec<(uuid::Uuid, i32)> = notes
        .iter()
        .zip([7, 3, 0, 5, 2, 1])
        .map(|(note, votes)| (note.input_id, votes))
        .collect();
    notes::set_votes(&app.db, event_id, &votes, admin.id)
        .await
        .expect("votes");
    let results = format!("/admin/arrangementer/{event_id}/resultater");
    vec![
        ("workshop-results-nb", results.clone(), "nb"),
        ("workshop-results-en", results.clone(), "en"),
        (
            "workshop-table-nn",
            format!("{results}/bord/{}", harbour.id),
            "nn",
        ),
        ("workshop-report-nb", format!("{results}/rapport"), "nb"),
        ("workshop-report-nn", format!("{results}/rapport"), "nn"),
    ]
}

/// A page that needs a single-use token: the form that sets a new password.
async fn reset_page(app: &common::TestApp) -> String {
    use innspill::admin::tokens::{self, Purpose};
    let user = common::staff::create_user(app, innspill::entities::user::Role::Observer).await;
    let token = tokens::issue(&app.db, user.id, Purpose::Reset)
        .await
        .expect("token");
    format!("/admin/nytt-passord/{token}")
}

async fn seed_programme(db: &sea_orm::DatabaseConnection) {
    let programme = Programme {
        programme_name: "Omstilling Vefsn 2030".to_owned(),
        municipality_name: "Vefsn".to_owned(),
        municipality_number: "1824".to_owned(),
        period_start: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        period_end: chrono::NaiveDate::from_ymd_opt(2031, 12, 31),
        contact_email: Some("omstilling@vefsn.kommune.no".to_owned()),
        privacy_text: None,
        accessibility_url: None,
        // A light colour near the limit the settings accept, so every page's
        // contrast is checked with a derived accent whose buttons carry black
        // labels, the hardest case for the derivation.
        main_colour: Some("#d9730d".to_owned()),
        ..Programme::default()
    };
    settings::save(db, &programme)
        .await
        .expect("settings saved");
}

async fn ensure_node_modules(dir: &Path) {
    if dir.join("node_modules").exists() {
        return;
    }
    let status = tokio::process::Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir)
        .status()
        .await
        .expect("run npm ci");
    assert!(status.success(), "npm ci in tests/browser failed");
}

#[tokio::test]
async fn every_page_passes_axe_and_the_html_checker() {
    let browser_dir = repo_root().join("tests/browser");
    ensure_node_modules(&browser_dir).await;

    // People need more than the bot timer's three seconds; a script does not.
    let app = common::spawn_app_with(|s| s.form_min_time = std::time::Duration::ZERO).await;
    seed_programme(&app.db).await;

    use innspill::entities::user::Role;
    let (session, admin) = session_for(&app, Role::Admin).await;
    let (observer_session, _) = session_for(&app, Role::Observer).await;
    let theme_id = seed_staff_data(&app, &admin).await;
    let edit_theme = format!("/admin/temaer/{theme_id}");
    let idea_pages = seed_ideas(&app, &admin).await;
    let (event_pages, event_staff_pages) = seed_events(&app, &admin).await;
    let (interview_pages, interview_observer_pages) = seed_interviews_staff(&app, &admin).await;
    let mut pages: Vec<Value> = pages()
        .into_iter()
        .map(|(name, path, lang, status)| {
            json!({
                "name": name,
                "path": path,
                "cookies": [{ "name": "lang", "value": lang }],
                "expect_status": status,
            })
        })
        .collect();
    pages.push(json!({
        "name": "my-idea-nn",
        "path": my_idea_page(&app).await,
        "cookies": [{ "name": "lang", "value": "nn" }],
    }));
    for (name, path, lang) in event_pages {
        pages.push(json!({
            "name": name,
            "path": path,
            "cookies": [{ "name": "lang", "value": lang }],
        }));
    }
    pages.extend(interviews_public::seed_interviews_public(&app, &admin).await);
    pages.extend(triage::seed_triage(&app, &session, &observer_session).await);
    pages.extend(surveys::seed_surveys(&app, &session).await);
    pages.extend(surveys_builder::seed_builder(&app, &session, &observer_session).await);
    pages.push(json!({
        "name": "reset-password-nb",
        "path": reset_page(&app).await,
        "cookies": [{ "name": "lang", "value": "nb" }],
    }));
    let staff_pages = STAFF_PAGES
        .iter()
        .map(|(name, path, lang)| (*name, path.to_string(), *lang, &session))
        .chain(
            idea_pages
                .into_iter()
                .map(|(name, path, lang)| (name, path, lang, &session)),
        )
        .chain(
            event_staff_pages
                .into_iter()
                .map(|(name, path, lang)| (name, path, lang, &session)),
        )
        .chain(
            interview_pages
                .into_iter()
                .map(|(name, path, lang)| (name, path, lang, &session)),
        )
        .chain(
            interview_observer_pages
                .into_iter()
                .map(|(name, path, lang)| (name, path, lang, &observer_session)),
        )
        .chain([
            ("theme-edit-nb", edit_theme, "nb", &session),
            (
                "themes-observer-en",
                "/admin/temaer".to_owned(),
                "en",
                &observer_session,
            ),
            (
                "dashboard-observer-nn",
                "/admin".to_owned(),
                "nn",
                &observer_session,
            ),
        ]);
    for (name, path, lang, session) in staff_pages {
        pages.push(json!({
            "name": name,
            "path": path,
            "cookies": [
                { "name": "lang", "value": lang },
                { "name": "innspill_session", "value": session },
            ],
        }));
    }
    run_checks(&app, &browser_dir, pages, SCENARIOS).await;
}

/// Prioritisation on an app of its own, so its themes and inputs change no
/// other page's or scenario's data: a facilitator goes from the evidence to
/// a saved scenario and a printed report.
#[tokio::test]
async fn prioritisation_from_evidence_to_printed_report() {
    let browser_dir = repo_root().join("tests/browser");
    ensure_node_modules(&browser_dir).await;
    let app = common::spawn_app_with(|s| s.form_min_time = std::time::Duration::ZERO).await;
    seed_programme(&app.db).await;
    use innspill::entities::user::Role;
    let (session, _) = session_for(&app, Role::Admin).await;
    let (observer_session, _) = session_for(&app, Role::Observer).await;
    let pages = priorities::seed_priorities(&app, &session, &observer_session).await;
    run_checks(&app, &browser_dir, pages, &["priorities-report"]).await;
}

/// Writes the spec for `pages` and `scenarios`, runs check.mjs on it and
/// fails unless every check passed.
async fn run_checks(
    app: &common::TestApp,
    browser_dir: &Path,
    pages: Vec<Value>,
    scenarios: &[&str],
) {
    let spec = json!({
        "base_url": app.address,
        "screenshot_dir": std::env::var("INNSPILL_SCREENSHOT_DIR").ok(),
        "pages": pages,
        "scenarios": scenarios,
    });
    let spec_path = app.database.data_dir().join("browser-spec.json");
    std::fs::write(&spec_path, serde_json::to_vec_pretty(&spec).expect("json"))
        .expect("write spec");

    // Async, so this test's runtime keeps serving the app while Chromium loads it.
    let output = tokio::process::Command::new("node")
        .arg(browser_dir.join("check.mjs"))
        .arg(&spec_path)
        .current_dir(repo_root())
        .output()
        .await
        .expect("run node tests/browser/check.mjs");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "browser checks failed:\n{report}");
}

/// Business interviews, staff side: a business with a booked time, one that
/// asked to be contacted, one interviewed with answers and tagged findings,
/// one declined, and free slots over two days. Returns the pages an editor
/// sees and those an observer reads (name, path, lang).
async fn seed_interviews_staff(
    app: &common::TestApp,
    admin: &innspill::entities::user::Model,
) -> (
    Vec<(&'static str, String, &'static str)>,
    Vec<(&'static str, String, &'static str)>,
) {
    use chrono::{Duration, DurationRound, Utc};
    use innspill::domain::{Email, OrgNumber, Phone};
    use innspill::entities::business::{Format, Status};
    use innspill::interviews::{guide, service};
    let register = |org: &'static str, name: &'static str, industry: char, format: Format| {
        service::Registration {
            org_number: OrgNumber::parse(org).expect("org number"),
            name: name.to_owned(),
            industry,
            employees: (industry == 'C').then_some(14),
            size_band: (industry != 'C').then_some("1-4"),
            contact_name: "Kari Nordmann".to_owned(),
            email: Email::parse(&format!("post@{org}.example.no")).expect("email"),
            phone: Some(Phone::parse("912 34 567").expect("phone")),
            themes: Vec::new(),
            message: Some("Vi vil snakke om kaiplass og lærlinger.".to_owned()),
            format,
            language: innspill::web::Lang::Nb,
            idempotency_key: None,
        }
    };
    let mut ids = Vec::new();
    for (org, name, industry, format) in [
        ("974760673", "Fjordfisk AS", 'C', Format::AtCompany),
        ("991825827", "Åsen Overnatting", 'I', Format::Video),
        ("971526920", "Nordlys Elektro", 'F', Format::TownHall),
        ("958935420", "Havbruk Vest", 'A', Format::Phone),
    ] {
        let registered = service::register(&app.db, register(org, name, industry, format), None)
            .await
            .expect("register");
        ids.push(registered.business_id);
    }
    let day = (Utc::now() + Duration::days(14))
        .duration_trunc(Duration::days(1))
        .expect("a day")
        + Duration::hours(7);
    let times: Vec<_> = (0..6)
        .map(|n| {
            let start = day + Duration::days(n / 3) + Duration::minutes(60 * (n % 3));
            (start, start + Duration::minutes(45))
        })
        .collect();
    let place = service::Place {
        location: Some("Rådhuset, møterom 2".to_owned()),
        online_url: Some("https://video.example.no/intervju".to_owned()),
        facilitator_id: Some(admin.id),
    };
    let slots = service::create_slots(&app.db, &times, &place, admin.id)
        .await
        .expect("slots");
    service::book(&app.db, ids[0], slots[0], None, None)
        .await
        .expect("book")
        .expect("free");
    service::cancel_slot(&app.db, slots[5], admin.id, None)
        .await
        .expect("cancel slot");
    service::ask_to_be_contacted(&app.db, ids[1])
        .await
        .expect("contact");
    service::set_status(&app.db, ids[3], Status::Declined, admin.id)
        .await
        .expect("decline");
    // An interview held, with a question switched off after it was answered.
    let questions = guide::questions(&app.db, false).await.expect("guide");
    let record = service::record_for(&app.db, ids[2], admin.id)
        .await
        .expect("record");
    let input = service::RecordInput {
        answers: vec![
            (questions[0].id, "Mest bedrifter i regionen.".to_owned()),
            (
                questions[1].id,
                "Mangler elektrikere med fagbrev.".to_owned(),
            ),
        ],
        summary: Some("Vil vokse med to lærlinger i året.".to_owned()),
        employee_change: Some(2),
        held_at: None,
    };
    service::save_record(&app.db, record.id, &input, admin.id)
        .await
        .expect("save");
    let switched_off = guide::QuestionText {
        topic: guide::parse_topic(&questions[1].topic).unwrap_or("other"),
        text: questions[1].text.clone(),
        help: questions[1].help.clone(),
    };
    guide::update_question(&app.db, questions[1].id, &switched_off, false, admin.id)
        .await
        .expect("switch off");
    let themes = innspill::themes::service::list_active(&app.db)
        .await
        .expect("themes");
    let tagged: Vec<_> = themes.iter().take(2).map(|theme| theme.id).collect();
    service::add_finding(
        &app.db,
        record.id,
        "Trenger flere lærlingplasser innen elektrofag.",
        &tagged,
        innspill::web::Lang::Nb,
        admin.id,
    )
    .await
    .expect("finding");
    service::complete(&app.db, record.id, admin.id)
        .await
        .expect("complete");
    let business = |id: uuid::Uuid| format!("/admin/intervjuer/{id}");
    (
        vec![
            ("admin-interviews-nb", "/admin/intervjuer".to_owned(), "nb"),
            (
                "admin-interviews-filtered-en",
                "/admin/intervjuer?status=scheduled&bransje=C".to_owned(),
                "en",
            ),
            ("interview-business-nb", business(ids[0]), "nb"),
            ("interview-business-declined-nn", business(ids[3]), "nn"),
            (
                "interview-slots-nb",
                "/admin/intervjuer/tider".to_owned(),
                "nb",
            ),
            (
                "interview-slot-new-en",
                "/admin/intervjuer/tider/ny".to_owned(),
                "en",
            ),
            (
                "interview-series-nn",
                "/admin/intervjuer/tider/serie".to_owned(),
                "nn",
            ),
            (
                "interview-slot-edit-nb",
                format!("/admin/intervjuer/tider/{}", slots[0]),
                "nb",
            ),
            (
                "interview-guide-nb",
                "/admin/intervjuer/guide".to_owned(),
                "nb",
            ),
            (
                "interview-question-en",
                format!("/admin/intervjuer/guide/{}", questions[0].id),
                "en",
            ),
            (
                "interview-record-nb",
                format!("{}/intervju", business(ids[2])),
                "nb",
            ),
            (
                "interview-record-new-en",
                format!("{}/intervju", business(ids[1])),
                "en",
            ),
        ],
        vec![
            (
                "admin-interviews-observer-nb",
                "/admin/intervjuer".to_owned(),
                "nb",
            ),
            ("interview-business-observer-en", business(ids[2]), "en"),
            (
                "interview-slots-observer-nn",
                "/admin/intervjuer/tider".to_owned(),
                "nn",
            ),
            (
                "interview-guide-observer-nb",
                "/admin/intervjuer/guide".to_owned(),
                "nb",
            ),
        ],
    )
}
