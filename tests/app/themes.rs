//! Themes: the service (CSV import, reorder, deactivate), the staff pages
//! with their roles, CSRF and validation, and `innspill themes import`.

use innspill::admin::service::create_user;
use innspill::domain::Email;
use innspill::entities::user::Role;
use innspill::entities::{audit_log, theme, user};
use innspill::themes::changes::{self, CreateError, NewTheme};
use innspill::themes::service::{self, ImportError};
use innspill::themes::values::{Colour, Description, Keywords, Name, PALETTE, Slug, ThemeFields};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use crate::common::binary::command;
use crate::common::{TestApp, TestDatabase, assert_redirect_to, demo_data_dir, spawn_app};

const PASSWORD: &str = "et langt og godt passord";

/// The themes of the tagging data set, in file order.
const SLUGS: [&str; 8] = [
    "reiseliv",
    "sjomat",
    "landbruk",
    "industri",
    "kompetanse",
    "grunder",
    "attraktivitet",
    "infrastruktur",
];

fn themes_csv_path() -> std::path::PathBuf {
    demo_data_dir().join("themes.csv")
}

fn themes_csv() -> String {
    std::fs::read_to_string(themes_csv_path()).expect("assets/demo/themes.csv")
}

/// The demo themes without their keywords column: a file that names no
/// keywords leaves the ones people set alone.
fn themes_csv_without_keywords() -> String {
    let text = themes_csv();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let keep: Vec<usize> = (0..headers.len())
        .filter(|&i| &headers[i] != "keywords")
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(keep.iter().map(|&i| &headers[i]))
        .expect("header");
    for record in reader.records() {
        let record = record.expect("row");
        writer
            .write_record(keep.iter().map(|&i| &record[i]))
            .expect("row");
    }
    String::from_utf8(writer.into_inner().expect("csv")).expect("utf-8")
}

async fn fresh_db() -> (TestDatabase, DatabaseConnection) {
    let database = TestDatabase::create().await;
    let db = innspill::db::connect(&database.url).await.expect("connect");
    innspill::db::migrate(&db).await.expect("migrate");
    (database, db)
}

async fn import(db: &DatabaseConnection, text: &str) -> service::ImportReport {
    service::import_csv(db, None, text.as_bytes())
        .await
        .expect("import")
}

fn slugs(themes: &[theme::Model]) -> Vec<&str> {
    themes.iter().map(|t| t.slug.as_str()).collect()
}

async fn audit_actions(db: &DatabaseConnection) -> Vec<String> {
    audit_log::Entity::find()
        .all(db)
        .await
        .expect("audit log")
        .into_iter()
        .map(|entry| entry.action)
        .filter(|action| action.starts_with("theme."))
        .collect()
}

fn fields(name: &str, colour: &str) -> ThemeFields {
    ThemeFields {
        name_nb: Name::parse(name).expect("name"),
        name_nn: Name::parse(name).expect("name"),
        name_en: Name::parse(name).expect("name"),
        description: String::new(),
        keywords: String::new(),
        colour: Colour::parse(colour).expect("colour"),
    }
}

// ---------------------------------------------------------------- service

#[tokio::test]
async fn importing_the_tagging_themes_creates_eight_in_file_order() {
    let (_database, db) = fresh_db().await;

    let report = import(&db, &themes_csv()).await;

    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (8, 0, 0)
    );
    let themes = service::list(&db).await.expect("list");
    assert_eq!(slugs(&themes), SLUGS);
    let positions: Vec<i32> = themes.iter().map(|t| t.position).collect();
    assert_eq!(positions, (1..=8).collect::<Vec<_>>());
    assert!(themes.iter().all(|t| t.active));
    let colours: Vec<&str> = themes.iter().map(|t| t.colour.as_str()).collect();
    assert_eq!(colours, PALETTE[..8].to_vec(), "palette colours in turn");
    assert_eq!(themes[1].name_nb, "Havbruk og sjømat");
    assert_eq!(themes[5].name_nn, "Gründarskap og innovasjon");
    assert_eq!(themes[0].name_en, "Tourism and experiences");
    assert!(
        themes[0]
            .description
            .starts_with("Visitors, accommodation, guiding"),
        "a quoted field with commas is one field"
    );
    assert_eq!(audit_actions(&db).await, vec!["theme.import"]);
}

#[tokio::test]
async fn reimport_updates_names_and_keeps_place_colour_keywords_and_state() {
    let (_database, db) = fresh_db().await;
    import(&db, &themes_csv_without_keywords()).await;
    let sjomat = service::get_by_slug(&db, "sjomat")
        .await
        .expect("get")
        .expect("sjomat");
    // Facilitators adjust a theme after the first import.
    let mut adjusted = fields("Havbruk og sjømat", "#123456");
    adjusted.name_nn = Name::parse(&sjomat.name_nn).expect("name");
    adjusted.name_en = Name::parse(&sjomat.name_en).expect("name");
    adjusted.description = sjomat.description.clone();
    adjusted.keywords = "laks, kai".into();
    service::update(&db, None, sjomat.id, &adjusted)
        .await
        .expect("update");
    service::move_up(&db, None, sjomat.id).await.expect("move");
    service::set_active(&db, None, sjomat.id, false)
        .await
        .expect("deactivate");

    // The same file again changes nothing.
    let report = import(&db, &themes_csv_without_keywords()).await;
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (0, 0, 8)
    );

    // A renamed theme is updated; the rest of what people set stays.
    let renamed = themes_csv_without_keywords()
        .replace("Havbruk og sjømat,Havbruk og sjømat", "Sjømat,Sjømat");
    let report = import(&db, &renamed).await;
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (0, 1, 7)
    );
    let themes = service::list(&db).await.expect("list");
    assert_eq!(themes.len(), 8, "nothing created");
    let after = &themes[0];
    assert_eq!(after.slug, "sjomat", "keeps its place");
    assert_eq!(after.name_nb, "Sjømat");
    assert_eq!(after.name_nn, "Sjømat");
    assert_eq!(after.colour, "#123456");
    assert_eq!(after.keywords, "laks, kai");
    assert!(!after.active);
    assert_eq!(after.id, sjomat.id);
}

#[tokio::test]
async fn import_appends_new_themes_and_takes_optional_columns() {
    let (_database, db) = fresh_db().await;
    import(&db, &themes_csv()).await;
    let extra = "slug;name_nb;name_nn;name_en;keywords;colour\n\
                 reiseliv;Reiseliv;Reiseliv;Tourism;hytte, fjell;\n\
                 klima;Klima og miljø;Klima og miljø;Climate and environment;;#AA0000\n";
    let report = import(&db, extra).await;
    // Themes the file leaves out are not counted: it did not mention them.
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (1, 1, 0)
    );
    let themes = service::list(&db).await.expect("list");
    assert_eq!(themes.len(), 9);
    assert_eq!(themes[8].slug, "klima");
    assert_eq!(themes[8].position, 9);
    assert_eq!(themes[8].colour, "#aa0000");
    assert_eq!(themes[0].keywords, "hytte, fjell");
    assert_eq!(
        themes[0].colour, PALETTE[0],
        "an empty colour cell keeps it"
    );
    assert!(
        themes[0].description.starts_with("Visitors"),
        "no description column keeps it"
    );
}

#[tokio::test]
async fn a_file_with_bad_rows_changes_nothing_and_names_every_line() {
    let (_database, db) = fresh_db().await;
    import(&db, &themes_csv()).await;
    let before = service::list(&db).await.expect("list");
    let audit_before = audit_actions(&db).await;

    let bad = "slug,name_nb,name_nn,name_en,description_en\n\
               reiseliv,Endret,Endret,Changed,\n\
               ny-en,Ny,Ny,New,\n\
               ,Uten slug,Uten slug,No slug,\n\
               Store Bokstaver,A,A,A,\n\
               ny-en,Igjen,Igjen,Again,\n\
               ny-to,,Ny,New,\n";
    let problems = match service::import_csv(&db, None, bad.as_bytes()).await {
        Err(ImportError::Rejected(problems)) => problems,
        other => panic!("expected the file to be refused, got {other:?}"),
    };
    let lines: Vec<Option<u64>> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![Some(4), Some(5), Some(6), Some(7)]);
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(messages[0].contains("slug is empty"), "{messages:?}");
    assert!(messages[1].contains("Store Bokstaver"), "{messages:?}");
    assert!(messages[2].contains("line 3"), "{messages:?}");
    assert!(messages[3].contains("name_nb"), "{messages:?}");

    assert_eq!(service::list(&db).await.expect("list"), before);
    assert_eq!(audit_actions(&db).await, audit_before);

    // A file without the required columns is refused as a whole too.
    let result = service::import_csv(&db, None, "slug,name\nx1,y\n".as_bytes()).await;
    assert!(matches!(result, Err(ImportError::Rejected(_))));
    assert_eq!(service::list(&db).await.expect("list"), before);
}

#[tokio::test]
async fn moving_swaps_neighbours_and_stops_at_the_ends() {
    let (_database, db) = fresh_db().await;
    import(&db, &themes_csv()).await;
    let themes = service::list(&db).await.expect("list");
    let (first, last) = (themes[0].id, themes[7].id);

    assert!(!service::move_up(&db, None, first).await.expect("move"));
    assert!(!service::move_down(&db, None, last).await.expect("move"));
    assert!(service::move_down(&db, None, first).await.expect("move"));
    assert!(service::move_up(&db, None, last).await.expect("move"));

    let themes = service::list(&db).await.expect("list");
    assert_eq!(
        slugs(&themes),
        [
            "sjomat",
            "reiseliv",
            "landbruk",
            "industri",
            "kompetanse",
            "grunder",
            "infrastruktur",
            "attraktivitet",
        ]
    );
    let positions: Vec<i32> = themes.iter().map(|t| t.position).collect();
    assert_eq!(positions, (1..=8).collect::<Vec<_>>());
    assert_eq!(
        audit_actions(&db).await,
        vec!["theme.import", "theme.move", "theme.move"]
    );
}

#[tokio::test]
async fn a_deactivated_theme_is_listed_but_not_offered() {
    let (_database, db) = fresh_db().await;
    import(&db, &themes_csv()).await;
    let landbruk = service::get_by_slug(&db, "landbruk")
        .await
        .expect("get")
        .expect("landbruk");

    let updated = service::set_active(&db, None, landbruk.id, false)
        .await
        .expect("deactivate");
    assert!(!updated.active);
    assert_eq!(service::list(&db).await.expect("list").len(), 8);
    let active = service::list_active(&db).await.expect("active");
    assert_eq!(active.len(), 7);
    assert!(!slugs(&active).contains(&"landbruk"));

    service::set_active(&db, None, landbruk.id, true)
        .await
        .expect("activate");
    assert_eq!(service::list_active(&db).await.expect("active").len(), 8);
    assert_eq!(
        audit_actions(&db).await,
        vec!["theme.import", "theme.deactivate", "theme.activate"]
    );
}

#[tokio::test]
async fn create_puts_a_theme_last_and_refuses_a_taken_slug() {
    let (_database, db) = fresh_db().await;
    import(&db, &themes_csv()).await;
    let slug = Slug::parse("klima").expect("slug");
    let created = service::create(&db, None, &slug, &fields("Klima", "#2e7d32"))
        .await
        .expect("create");
    assert_eq!(created.position, 9);
    let again = service::create(&db, None, &slug, &fields("Klima 2", "#2e7d32")).await;
    assert!(
        matches!(again, Err(innspill::error::AppError::Conflict(_))),
        "{again:?}"
    );
    assert_eq!(service::list(&db).await.expect("list").len(), 9);
}

#[tokio::test]
async fn create_theme_checks_the_slug_picks_a_palette_colour_and_may_start_inactive() {
    let (_database, db) = fresh_db().await;
    import(&db, &themes_csv()).await;
    let new = |slug: &str, colour: Option<&str>, active: bool| NewTheme {
        slug: Slug::parse(slug).expect("slug"),
        name_nb: Name::parse("Klima").expect("name"),
        name_nn: Name::parse("Klima").expect("name"),
        name_en: Name::parse("Climate").expect("name"),
        description: Description::parse("Om klima").expect("description"),
        keywords: Keywords::parse("utslipp\nfornybar").expect("keywords"),
        colour: colour.map(|c| Colour::parse(c).expect("colour")),
        active,
    };
    let created = changes::create_theme(&db, None, &new("klima", None, false))
        .await
        .expect("create");
    assert_eq!(created.position, 9);
    assert_eq!(
        created.colour, PALETTE[8],
        "the ninth theme's palette colour"
    );
    assert_eq!(created.keywords, "utslipp, fornybar");
    assert!(!created.active);
    assert_eq!(
        audit_actions(&db).await[1..],
        ["theme.create", "theme.deactivate"]
    );

    let again = changes::create_theme(&db, None, &new("klima", Some("#2e7d32"), true)).await;
    assert!(matches!(again, Err(CreateError::SlugTaken)), "{again:?}");
    let picked = changes::create_theme(&db, None, &new("klima-2", Some("#2E7D32"), true))
        .await
        .expect("create");
    assert_eq!(picked.colour, "#2e7d32");
    assert!(picked.active);
    assert_eq!(service::list(&db).await.expect("list").len(), 10);
}

// ---------------------------------------------------------------- HTTP

/// The CSRF token of the signed-in session, from a page that has a form.
async fn token_from(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    crate::common::staff::csrf_token(&response.text().await.expect("body"))
}

/// Creates a user with `role` and signs the app's client in as that user.
async fn sign_in_as(app: &TestApp, role: Role) -> user::Model {
    let email = format!("{}@kommune.no", role.as_str());
    let user = create_user(
        &app.db,
        &Email::parse(&email).expect("e-mail"),
        &format!("Test {}", role.as_str()),
        role,
        PASSWORD,
    )
    .await
    .expect("create user");
    let response = crate::common::staff::sign_in(app, &app.client, &email, PASSWORD).await;
    assert!(
        response.status().is_redirection(),
        "sign-in answered {}",
        response.status()
    );
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(location.starts_with("/admin"), "sign-in went to {location}");
    assert!(!location.starts_with("/admin/login"), "sign-in failed");
    user
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("request")
}

fn theme_fields<'a>(token: &'a str, slug: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("slug", slug),
        ("name_nb", name),
        ("name_nn", name),
        ("name_en", name),
        ("description", "Om klima"),
        ("keywords", "utslipp,\nfornybar"),
        ("colour", "#2E7D32"),
    ]
}

async fn theme_count(app: &TestApp) -> u64 {
    theme::Entity::find().count(&app.db).await.expect("count")
}

#[tokio::test]
async fn an_editor_creates_and_edits_a_theme() {
    let app = spawn_app().await;
    let editor = sign_in_as(&app, Role::Facilitator).await;

    let response = app.get("/admin/temaer/ny").await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("body");
    assert!(body.contains("name=\"slug\""), "{body}");
    assert!(
        body.contains(PALETTE[0]),
        "suggests the first palette colour"
    );
    let token = crate::common::staff::csrf_token(&body);

    let response = post(
        &app,
        "/admin/temaer",
        &theme_fields(&token, "klima", "Klima"),
    )
    .await;
    assert_redirect_to(&response, "/admin/temaer?melding=opprettet#tema-klima");
    let klima = theme::Entity::find()
        .filter(theme::Column::Slug.eq("klima"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("stored");
    assert_eq!(klima.colour, "#2e7d32");
    assert_eq!(klima.keywords, "utslipp, fornybar");

    let body = app
        .get("/admin/temaer?melding=opprettet")
        .await
        .text()
        .await
        .expect("body");
    assert!(body.contains("Temaet er opprettet."), "{body}");
    assert!(body.contains("Klima"));

    let edit_path = format!("/admin/temaer/{}", klima.id);
    let body = app.get(&edit_path).await.text().await.expect("body");
    assert!(body.contains("value=\"Klima\""), "{body}");
    let mut fields = theme_fields(&token, "ignored", "Klima");
    fields.retain(|(name, _)| *name != "name_en");
    fields.push(("name_en", "Climate"));
    let response = post(&app, &edit_path, &fields).await;
    assert_redirect_to(&response, "/admin/temaer?melding=lagret#tema-klima");
    let klima = service::get(&app.db, klima.id)
        .await
        .expect("get")
        .expect("theme");
    assert_eq!(klima.name_en, "Climate");
    assert_eq!(klima.slug, "klima", "the slug does not change");

    // The list names themes in the reader's language.
    app.get("/sprak/en").await;
    let body = app.get("/admin/temaer").await.text().await.expect("body");
    assert!(body.contains("Climate"), "{body}");

    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::UserId.eq(editor.id))
        .all(&app.db)
        .await
        .expect("audit");
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"theme.create"), "{actions:?}");
    assert!(actions.contains(&"theme.update"), "{actions:?}");
}

#[tokio::test]
async fn invalid_input_is_shown_again_with_every_value_and_message() {
    let app = spawn_app().await;
    sign_in_as(&app, Role::Admin).await;
    let token = token_from(&app, "/admin/temaer/ny").await;

    let response = post(
        &app,
        "/admin/temaer",
        &[
            ("csrf_token", &token),
            ("slug", "Klima og Miljø"),
            ("name_nb", "Klima"),
            ("name_nn", "   "),
            ("name_en", &"x".repeat(121)),
            ("description", "Skal bli stående"),
            ("keywords", "utslipp"),
            ("colour", "grønn"),
        ],
    )
    .await;

    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(body.contains("class=\"ds-error-summary\""), "{body}");
    for field in ["slug", "name_nn", "name_en", "colour"] {
        assert!(
            body.contains(&format!("href=\"#{field}\"")),
            "summary links {field}"
        );
        assert!(
            body.contains(&format!("id=\"{field}-error\"")),
            "message at {field}"
        );
    }
    assert!(!body.contains("id=\"name_nb-error\""));
    assert!(body.contains("value=\"Klima og Miljø\""));
    assert!(body.contains("value=\"Klima\""));
    assert!(body.contains("Skal bli stående"));
    assert!(body.contains("value=\"grønn\""));
    assert!(body.contains("Skriv navnet på nynorsk"));
    assert_eq!(theme_count(&app).await, 0);

    // A slug that is taken is a message at the slug, too.
    service::import_csv(&app.db, None, themes_csv().as_bytes())
        .await
        .expect("import");
    let response = post(
        &app,
        "/admin/temaer",
        &theme_fields(&token, "reiseliv", "Ny"),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(body.contains("id=\"slug-error\""), "{body}");
    assert_eq!(theme_count(&app).await, 8);

    // So is a bad edit, which keeps the stored theme as it was.
    let reiseliv = service::get_by_slug(&app.db, "reiseliv")
        .await
        .expect("get")
        .expect("theme");
    let response = post(
        &app,
        &format!("/admin/temaer/{}", reiseliv.id),
        &theme_fields(&token, "reiseliv", ""),
    )
    .await;
    assert_eq!(response.status(), 422);
    let after = service::get(&app.db, reiseliv.id)
        .await
        .expect("get")
        .expect("theme");
    assert_eq!(after, reiseliv);
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    sign_in_as(&app, Role::Facilitator).await;
    service::import_csv(&app.db, None, themes_csv().as_bytes())
        .await
        .expect("import");
    let before = service::list(&app.db).await.expect("list");
    let first = before[0].id;

    let mut fields = theme_fields("", "klima", "Klima");
    fields.remove(0);
    let response = post(&app, "/admin/temaer", &fields).await;
    assert_eq!(response.status(), 403);
    for action in ["ned", "deaktiver"] {
        let response = post(&app, &format!("/admin/temaer/{first}/{action}"), &[]).await;
        assert_eq!(response.status(), 403, "{action}");
    }
    let response = post(
        &app,
        "/admin/temaer/import",
        &[("csrf_token", "forged"), ("csv", &themes_csv())],
    )
    .await;
    assert_eq!(response.status(), 403);
    assert_eq!(service::list(&app.db).await.expect("list"), before);
}

#[tokio::test]
async fn an_observer_sees_the_list_read_only_and_every_post_is_refused() {
    let app = spawn_app().await;
    service::import_csv(&app.db, None, themes_csv().as_bytes())
        .await
        .expect("import");
    let before = service::list(&app.db).await.expect("list");
    sign_in_as(&app, Role::Observer).await;

    let response = app.get("/admin/temaer").await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("body");
    assert!(body.contains("Reiseliv og opplevelser"));
    assert!(body.contains("<svg"), "colour swatches");
    assert!(!body.contains("/admin/temaer/ny"), "no link to the form");
    assert!(!body.contains("/opp\""), "no reorder buttons");
    assert!(!body.contains("/deaktiver\""), "no deactivate buttons");
    // The sign-out form gives the session's token, so the refusals below are
    // for the role, not for a missing token.
    let token = crate::common::staff::csrf_token(&body);

    for path in ["/admin/temaer/ny", "/admin/temaer/import"] {
        assert_eq!(app.get(path).await.status(), 403, "GET {path}");
    }
    let id = before[1].id;
    assert_eq!(app.get(&format!("/admin/temaer/{id}")).await.status(), 403);
    let csv = themes_csv().replace("Reiseliv og opplevelser", "Endret");
    let cases: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/admin/temaer".into(),
            theme_fields(&token, "klima", "Klima"),
        ),
        (
            format!("/admin/temaer/{id}"),
            theme_fields(&token, "sjomat", "Endret"),
        ),
        (
            format!("/admin/temaer/{id}/opp"),
            vec![("csrf_token", &token)],
        ),
        (
            format!("/admin/temaer/{id}/ned"),
            vec![("csrf_token", &token)],
        ),
        (
            format!("/admin/temaer/{id}/deaktiver"),
            vec![("csrf_token", &token)],
        ),
        (
            format!("/admin/temaer/{id}/aktiver"),
            vec![("csrf_token", &token)],
        ),
        (
            "/admin/temaer/import".into(),
            vec![("csrf_token", &token), ("csv", &csv)],
        ),
    ];
    for (path, fields) in cases {
        let response = post(&app, &path, &fields).await;
        assert_eq!(response.status(), 403, "POST {path}");
    }
    assert_eq!(service::list(&app.db).await.expect("list"), before);
}

#[tokio::test]
async fn an_anonymous_visitor_is_sent_to_sign_in() {
    let app = spawn_app().await;
    let response = app.get("/admin/temaer").await;
    assert_eq!(response.status(), 303);
    assert_redirect_to(&response, "/admin/login?neste=%2Fadmin%2Ftemaer");
    let response = app.get("/admin/temaer/ny").await;
    assert_eq!(response.status(), 303);
    let response = post(&app, "/admin/temaer", &theme_fields("x", "klima", "Klima")).await;
    assert_eq!(response.status(), 303);
    assert_eq!(theme_count(&app).await, 0);
}

#[tokio::test]
async fn markup_in_a_theme_name_comes_back_escaped() {
    let app = spawn_app().await;
    sign_in_as(&app, Role::Facilitator).await;
    let token = token_from(&app, "/admin/temaer/ny").await;
    let evil = "<script>alert(\"x\")</script>";

    let response = post(&app, "/admin/temaer", &theme_fields(&token, "xss", evil)).await;
    assert_eq!(response.status(), 303);
    let body = app.get("/admin/temaer").await.text().await.expect("body");
    assert!(!body.contains(evil), "{body}");
    assert!(
        body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "{body}"
    );

    // Shown again in a form with an error, it is escaped in the value attribute.
    let mut fields = theme_fields(&token, "xss-2", evil);
    fields.retain(|(name, _)| *name != "colour");
    let response = post(&app, "/admin/temaer", &fields).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(!body.contains(evil));
    assert!(body.contains("value=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\""));
}

#[tokio::test]
async fn an_editor_reorders_deactivates_and_activates_themes() {
    let app = spawn_app().await;
    service::import_csv(&app.db, None, themes_csv().as_bytes())
        .await
        .expect("import");
    let user = sign_in_as(&app, Role::Facilitator).await;
    let body = app.get("/admin/temaer").await.text().await.expect("body");
    let token = crate::common::staff::csrf_token(&body);
    let themes = service::list(&app.db).await.expect("list");
    assert!(body.contains(&format!("/admin/temaer/{}/ned", themes[0].id)));
    assert!(
        !body.contains(&format!("/admin/temaer/{}/opp", themes[0].id)),
        "the first cannot move up"
    );

    let response = post(
        &app,
        &format!("/admin/temaer/{}/ned", themes[0].id),
        &[("csrf_token", &token)],
    )
    .await;
    assert_redirect_to(&response, "/admin/temaer?melding=flyttet#tema-reiseliv");
    let order = service::list(&app.db).await.expect("list");
    assert_eq!(slugs(&order)[..3], ["sjomat", "reiseliv", "landbruk"]);

    let response = post(
        &app,
        &format!("/admin/temaer/{}/deaktiver", themes[2].id),
        &[("csrf_token", &token)],
    )
    .await;
    assert_redirect_to(&response, "/admin/temaer?melding=deaktivert#tema-landbruk");
    assert_eq!(service::list_active(&app.db).await.expect("list").len(), 7);
    let body = app.get("/admin/temaer").await.text().await.expect("body");
    assert!(body.contains("Deaktivert"));
    assert!(body.contains(&format!("/admin/temaer/{}/aktiver", themes[2].id)));

    let response = post(
        &app,
        &format!("/admin/temaer/{}/aktiver", themes[2].id),
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(service::list_active(&app.db).await.expect("list").len(), 8);

    let actions: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::UserId.eq(user.id))
        .all(&app.db)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    for expected in ["theme.move", "theme.deactivate", "theme.activate"] {
        assert!(actions.iter().any(|a| a == expected), "{actions:?}");
    }
}

#[tokio::test]
async fn an_editor_imports_pasted_csv_and_a_bad_paste_changes_nothing() {
    let app = spawn_app().await;
    sign_in_as(&app, Role::Facilitator).await;
    let body = app
        .get("/admin/temaer/import")
        .await
        .text()
        .await
        .expect("body");
    assert!(body.contains("name=\"csv\""));
    let token = crate::common::staff::csrf_token(&body);

    let response = post(
        &app,
        "/admin/temaer/import",
        &[("csrf_token", &token), ("csv", &themes_csv())],
    )
    .await;
    assert_redirect_to(
        &response,
        "/admin/temaer?melding=importert&nye=8&endret=0&uendret=0",
    );
    let body = app
        .get("/admin/temaer?melding=importert&nye=8&endret=0&uendret=0")
        .await
        .text()
        .await
        .expect("body");
    assert!(body.contains("8 nye, 0 oppdaterte"), "{body}");
    let before = service::list(&app.db).await.expect("list");
    assert_eq!(before.len(), 8);

    let bad = format!("{}ny-en,Ny,Ny,New,\nÆØÅ,A,A,A,\n", themes_csv());
    let response = post(
        &app,
        "/admin/temaer/import",
        &[("csrf_token", &token), ("csv", &bad)],
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(body.contains("Linje 11:"), "{body}");
    assert!(body.contains("ÆØÅ"), "the pasted text is kept");
    assert!(body.contains("Ingenting er endret"), "{body}");
    assert_eq!(service::list(&app.db).await.expect("list"), before);

    let response = post(
        &app,
        "/admin/temaer/import",
        &[("csrf_token", &token), ("csv", "  ")],
    )
    .await;
    assert_eq!(response.status(), 422);
}

// ---------------------------------------------------------------- CLI

#[tokio::test]
async fn the_import_command_loads_a_file_and_refuses_a_bad_one() {
    let database = TestDatabase::create().await;
    let output = command(&database.url, database.data_dir())
        .args(["themes", "import"])
        .arg(themes_csv_path())
        .output()
        .expect("run themes import");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("8 created, 0 updated, 0 unchanged"),
        "{stdout}"
    );

    let bad = database.data_dir().join("bad.csv");
    std::fs::write(
        &bad,
        "slug,name_nb,name_nn,name_en\nny-tema,Ny,Ny,New\nreiseliv,,X,Y\n",
    )
    .expect("write");
    let output = command(&database.url, database.data_dir())
        .args(["themes", "import"])
        .arg(&bad)
        .output()
        .expect("run themes import");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3: name_nb is empty"), "{stderr}");

    let output = command(&database.url, database.data_dir())
        .args(["themes", "import", "/no/such/file.csv"])
        .output()
        .expect("run themes import");
    assert!(!output.status.success());

    let db = innspill::db::connect(&database.url).await.expect("connect");
    let themes = service::list(&db).await.expect("list");
    assert_eq!(slugs(&themes), SLUGS);
}

#[tokio::test]
async fn control_characters_in_the_theme_form_or_a_pasted_file_are_refused_with_a_message() {
    let app = spawn_app().await;
    sign_in_as(&app, Role::Facilitator).await;
    let token = token_from(&app, "/admin/temaer/ny").await;

    let mut fields = theme_fields(&token, "klima", "Klima");
    fields.retain(|(name, _)| !["name_nb", "keywords", "description"].contains(name));
    fields.push(("name_nb", "Kli\u{0}ma"));
    fields.push(("keywords", "utslipp,\nforny\u{1b}bar"));
    fields.push(("description", "Linje én.\r\nLinje to med \u{7}."));
    let response = post(&app, "/admin/temaer", &fields).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    for field in ["name_nb", "keywords", "description"] {
        assert!(
            body.contains(&format!("id=\"{field}-error\"")),
            "{field}: {body}"
        );
    }
    assert!(body.contains("inneholder et kontrolltegn"), "{body}");
    assert!(!body.contains("id=\"name_nn-error\""));
    assert_eq!(theme_count(&app).await, 0);

    // Line breaks in a description are no control characters to refuse.
    let mut fields = theme_fields(&token, "klima", "Klima");
    fields.retain(|(name, _)| *name != "description");
    fields.push(("description", "Linje én.\r\nLinje to."));
    let response = post(&app, "/admin/temaer", &fields).await;
    assert_eq!(response.status(), 303);
    let klima = service::get_by_slug(&app.db, "klima")
        .await
        .expect("get")
        .expect("theme");
    assert_eq!(klima.description, "Linje én.\r\nLinje to.");

    // Nor does an edit or a pasted file get one in.
    let mut fields = theme_fields(&token, "klima", "Klima");
    fields.retain(|(name, _)| *name != "keywords");
    fields.push(("keywords", "utslipp\u{0}"));
    let response = post(&app, &format!("/admin/temaer/{}", klima.id), &fields).await;
    assert_eq!(response.status(), 422);
    let csv = "slug,name_nb,name_nn,name_en,keywords\nhav,Hav,Hav,Sea,fisk\u{0}\n";
    let response = post(
        &app,
        "/admin/temaer/import",
        &[("csrf_token", &token), ("csv", csv)],
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(body.contains("Linje 2:"), "{body}");
    assert!(body.contains("kontrolltegn"), "{body}");
    let after = service::list(&app.db).await.expect("list");
    assert_eq!(slugs(&after), ["klima"]);
    assert_eq!(after[0], klima);
}
