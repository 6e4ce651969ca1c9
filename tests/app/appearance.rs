//! The programme's colour: checked when saved, then on every page as an
//! accent stylesheet derived from it.

use innspill::entities::audit_log;
use innspill::entities::user::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::spawn_app;
use crate::common::staff::{signed_in, submit};

/// The settings form with every other field at a valid value.
fn fields(colour: &str) -> Vec<(&str, &str)> {
    vec![
        ("programme_name", "Omstilling Vefsn"),
        ("municipality_name", "Vefsn"),
        ("municipality_number", "1824"),
        ("period_start", ""),
        ("period_end", ""),
        ("contact_email", ""),
        ("privacy_text", ""),
        ("accessibility_text", ""),
        ("accessibility_url", ""),
        ("moderation_mode", "pre"),
        ("main_colour", colour),
    ]
}

fn stylesheet_href(page: &str) -> Option<String> {
    let start = page.find("href=\"/tema/")? + "href=\"".len();
    let end = start + page[start..].find('"')?;
    Some(page[start..end].to_owned())
}

#[tokio::test]
async fn a_saved_colour_becomes_every_pages_accent() {
    let app = spawn_app().await;
    let landing = app.get("/").await.text().await.expect("body");
    assert_eq!(
        stylesheet_href(&landing),
        None,
        "no colour, no extra stylesheet"
    );

    let (admin, _) = signed_in(&app, Role::Admin).await;
    let response = submit(
        &app,
        &admin,
        "/admin/innstillinger",
        "/admin/innstillinger",
        &fields(" #1B4D7A "),
    )
    .await;
    assert_eq!(response.status(), 303);

    let programme = innspill::settings::service::current(&app.db)
        .await
        .expect("settings");
    assert_eq!(programme.main_colour.as_deref(), Some("#1b4d7a"));

    for path in ["/", "/ideer/ny", "/personvern"] {
        let page = app.get(path).await.text().await.expect("body");
        assert_eq!(
            stylesheet_href(&page).as_deref(),
            Some("/tema/v1-1b4d7a.css"),
            "{path}"
        );
    }
    let response = app.get("/tema/v1-1b4d7a.css").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/css; charset=utf-8"
    );
    let cache = response.headers()["cache-control"].to_str().expect("ascii");
    assert!(cache.contains("immutable"), "{cache}");
    let css = response.text().await.expect("css");
    // Buttons take the colour itself in light mode, and white labels on it.
    assert!(
        css.contains("--ds-color-accent-base-default:#1b4d7a;"),
        "{css}"
    );
    assert!(css.contains("--ds-color-accent-base-contrast-default:#ffffff;"));
    assert!(css.contains("[data-color-scheme=dark]{"));

    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("settings.update"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("audit entry");
    assert!(entry.details.unwrap_or_default().contains("main_colour"));

    // Clearing the field goes back to Designsystemet's own colours.
    let response = submit(
        &app,
        &admin,
        "/admin/innstillinger",
        "/admin/innstillinger",
        &fields(""),
    )
    .await;
    assert_eq!(response.status(), 303);
    let landing = app.get("/").await.text().await.expect("body");
    assert_eq!(stylesheet_href(&landing), None);
}

#[tokio::test]
async fn a_colour_too_light_for_buttons_is_refused_with_a_darker_one_to_use() {
    let app = spawn_app().await;
    let (admin, _) = signed_in(&app, Role::Admin).await;
    let response = submit(
        &app,
        &admin,
        "/admin/innstillinger",
        "/admin/innstillinger",
        &fields("#ffd700"),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(
        body.contains("href=\"#main_colour\""),
        "summary links the field"
    );
    assert!(body.contains("id=\"main_colour-error\""));
    assert!(body.contains("kontrasten er 1,4:1"), "{body}");
    assert!(body.contains("value=\"#ffd700\""), "the value is kept");

    // The suggested colour is accepted as it is.
    let at = body.find("for eksempel #").expect("suggestion") + "for eksempel ".len();
    let suggestion = &body[at..at + 7];
    let programme = innspill::settings::service::current(&app.db)
        .await
        .expect("settings");
    assert_eq!(programme.main_colour, None, "nothing saved");
    let response = submit(
        &app,
        &admin,
        "/admin/innstillinger",
        "/admin/innstillinger",
        &fields(suggestion),
    )
    .await;
    assert_eq!(response.status(), 303, "{suggestion}");
}

#[tokio::test]
async fn a_colour_that_is_not_a_colour_code_gets_a_clear_message() {
    let app = spawn_app().await;
    let (admin, _) = signed_in(&app, Role::Admin).await;
    for bad in ["blå", "#12345", "#gg0000"] {
        let response = submit(
            &app,
            &admin,
            "/admin/innstillinger",
            "/admin/innstillinger",
            &fields(bad),
        )
        .await;
        assert_eq!(response.status(), 422, "{bad}");
        let body = response.text().await.expect("body");
        assert!(body.contains("Skriv fargen som en kode"), "{bad}");
    }
}

#[tokio::test]
async fn only_accent_stylesheets_of_acceptable_colours_exist() {
    let app = spawn_app().await;
    for path in [
        "/tema/v1-ffff00.css",
        "/tema/v1-zzzzzz.css",
        "/tema/v0-1b4d7a.css",
        "/tema/1b4d7a.css",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
}
