//! The public pages, in each language, and the language switch.

use crate::common::{assert_redirect_to, spawn_app};

#[tokio::test]
async fn landing_page_names_the_programme_in_each_language() {
    let app = spawn_app().await;
    for (lang, heading) in [
        ("nb", "Om omstillingsprogrammet"),
        ("nn", "Om omstillingsprogrammet"),
        ("en", "About the restructuring programme"),
    ] {
        let response = app.get_in("/", lang).await;
        assert_eq!(response.status(), 200, "{lang}");
        let body = response.text().await.expect("body");
        assert!(
            body.contains(&format!(
                "<html lang=\"{lang}\" data-color-scheme=\"auto\">"
            )),
            "{lang}: {body}"
        );
        assert!(body.contains(heading), "{lang}");
        assert!(body.contains("Omstillingsprogrammet"), "{lang}");
    }
    // The two Norwegian forms really differ, so a wrong fallback would show.
    let nb = app.get_in("/", "nb").await.text().await.expect("body");
    let nn = app.get_in("/", "nn").await.text().await.expect("body");
    assert!(nb.contains("Hopp til hovedinnholdet"));
    assert!(nn.contains("Hopp til hovudinnhaldet"));
}

#[tokio::test]
async fn bokmal_is_the_default_and_an_unknown_cookie_falls_back_to_it() {
    let app = spawn_app().await;
    let body = app.get("/").await.text().await.expect("body");
    assert!(body.contains("<html lang=\"nb\" data-color-scheme=\"auto\">"));
    let body = app.get_in("/", "de").await.text().await.expect("body");
    assert!(body.contains("<html lang=\"nb\" data-color-scheme=\"auto\">"));
}

#[tokio::test]
async fn language_switch_remembers_the_choice_and_returns_to_the_page() {
    let app = spawn_app().await;
    let response = app.get("/sprak/en?neste=%2Fpersonvern").await;
    assert_redirect_to(&response, "/personvern");
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("cookie set")
        .to_owned();
    assert!(cookie.starts_with("lang=en"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    // The client keeps the cookie, as a browser would.
    let body = app.get("/personvern").await.text().await.expect("body");
    assert!(body.contains("<html lang=\"en\" data-color-scheme=\"auto\">"));
    assert!(body.contains("<h1 class=\"ds-heading\" data-size=\"md\">Privacy</h1>"));
}

#[tokio::test]
async fn language_switch_never_redirects_off_the_site() {
    let app = spawn_app().await;
    for next in [
        "https%3A%2F%2Fevil.example%2F",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "%2F%09%2Fevil.example",
    ] {
        let response = app.get(&format!("/sprak/nn?neste={next}")).await;
        assert_redirect_to(&response, "/");
    }
    let response = app.get("/sprak/nn").await;
    assert_redirect_to(&response, "/");
}

#[tokio::test]
async fn unknown_language_is_not_found_and_sets_nothing() {
    let app = spawn_app().await;
    let response = app.get("/sprak/de?neste=%2F").await;
    assert_eq!(response.status(), 404);
    assert!(response.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn footer_links_privacy_and_accessibility_pages() {
    let app = spawn_app().await;
    let body = app.get("/").await.text().await.expect("body");
    assert!(body.contains("href=\"/personvern\""));
    assert!(body.contains("href=\"/tilgjengelighet\""));
    for (path, heading) in [
        (
            "/personvern",
            "<h1 class=\"ds-heading\" data-size=\"md\">Personvern</h1>",
        ),
        (
            "/tilgjengelighet",
            "<h1 class=\"ds-heading\" data-size=\"md\">Tilgjengelighetserklæring</h1>",
        ),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response.text().await.expect("body").contains(heading),
            "{path}"
        );
    }
}

#[tokio::test]
async fn pages_show_the_programme_settings_escaped() {
    use innspill::settings::service::{self as settings, Programme};

    let app = spawn_app().await;
    let programme = Programme {
        programme_name: "Omstilling <Vefsn> & co".to_owned(),
        municipality_name: "Vefsn".to_owned(),
        municipality_number: "1824".to_owned(),
        period_start: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        period_end: chrono::NaiveDate::from_ymd_opt(2031, 12, 31),
        contact_email: Some("omstilling@vefsn.kommune.no".to_owned()),
        privacy_text: Some("Vi lagrer lite.\n\n<script>alert(1)</script>".to_owned()),
        accessibility_url: Some("https://uustatus.no/nb/erklaringer/publisert/x".to_owned()),
        ..Programme::default()
    };
    settings::save(&app.db, &programme)
        .await
        .expect("settings saved");

    let body = app.get("/").await.text().await.expect("body");
    assert!(body.contains("Omstilling &lt;Vefsn&gt; &amp; co"));
    assert!(body.contains("Vefsn kommune"));
    assert!(body.contains("01.01.2026–31.12.2031"));
    assert!(body.contains("mailto:omstilling@vefsn.kommune.no"));
    assert!(body.contains("href=\"https://uustatus.no/nb/erklaringer/publisert/x\""));

    let privacy = app.get("/personvern").await.text().await.expect("body");
    assert!(privacy.contains("<p class=\"ds-paragraph\">Vi lagrer lite.</p>"));
    assert!(privacy.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!privacy.contains("<script>"));
}

#[tokio::test]
async fn stylesheet_is_served_under_a_hashed_name_with_long_caching() {
    let app = spawn_app().await;
    let body = app.get("/").await.text().await.expect("body");
    let start = body.find("/assets/app.").expect("stylesheet link");
    let end = start + body[start..].find('"').expect("end of href");
    let href = &body[start..end];
    assert!(
        href.ends_with(".css") && href.len() > "/assets/app.css".len(),
        "{href}"
    );

    let response = app.get(href).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().expect("ascii"),
        "text/css; charset=utf-8"
    );
    let cache = response.headers()["cache-control"].to_str().expect("ascii");
    assert!(
        cache.contains("max-age=31536000") && cache.contains("immutable"),
        "{cache}"
    );
    let css = response.text().await.expect("css");
    // Designsystemet's components and theme, then our layout.
    assert!(css.contains(".ds-skiplink") && css.contains("--ds-color-accent-base-default"));
    assert!(css.contains(".site-header"));

    // The font it names is served under its own hashed name.
    let font_at = css
        .find("/assets/inter-latin-wght-normal.")
        .expect("font url");
    let font = &css[font_at..font_at + css[font_at..].find('"').expect("end of url")];
    let response = app.get(font).await;
    assert_eq!(response.status(), 200, "{font}");
    assert_eq!(response.headers()["content-type"], "font/woff2");

    // The plain name is not served, so a stale page can never get a stale file cached for a year.
    assert_eq!(app.get("/assets/app.css").await.status(), 404);
}
