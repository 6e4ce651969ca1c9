//! Error pages in the user's language, and JSON errors under /api/.

use crate::common::spawn_app;

#[tokio::test]
async fn unknown_page_is_a_404_page_in_the_users_language() {
    let app = spawn_app().await;
    for (lang, title) in [
        ("nb", "Fant ikke siden"),
        ("nn", "Fann ikkje sida"),
        ("en", "Page not found"),
    ] {
        let response = app.get_in("/finnes-ikke", lang).await;
        assert_eq!(response.status(), 404);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .expect("ascii")
                .starts_with("text/html")
        );
        let body = response.text().await.expect("body");
        assert!(
            body.contains(&format!(
                "<h1 class=\"ds-heading\" data-size=\"md\">{title}</h1>"
            )),
            "{lang}: {body}"
        );
        assert!(body.contains(&format!(
            "<html lang=\"{lang}\" data-color-scheme=\"auto\">"
        )));
        // Still the whole layout, with a way back.
        assert!(body.contains("href=\"/\""));
    }
}

#[tokio::test]
async fn unknown_api_route_is_a_json_404() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/finnes-ikke").await;
    assert_eq!(response.status(), 404);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("application/json")
    );
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["error"]["status"], 404);
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn a_database_fault_gives_a_500_page_not_a_bare_error() {
    let app = spawn_app().await;
    app.app_db.close_by_ref().await.expect("close pool");
    let response = app.get_in("/", "en").await;
    assert_eq!(response.status(), 500);
    let body = response.text().await.expect("body");
    assert!(
        body.contains("<h1 class=\"ds-heading\" data-size=\"md\">Something went wrong</h1>"),
        "{body}"
    );
    assert!(
        !body.to_lowercase().contains("pool"),
        "no internals leak: {body}"
    );
}

#[tokio::test]
async fn wrong_method_on_a_page_is_refused_with_a_page() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/personvern"))
        .send()
        .await
        .expect("request");
    assert!(response.status().is_client_error(), "{}", response.status());
    let body = response.text().await.expect("body");
    assert!(body.contains("<!DOCTYPE html>"));
}

#[tokio::test]
async fn a_wrong_method_on_a_known_page_is_405_with_allow_and_an_unknown_page_404() {
    let app = spawn_app().await;
    for (method, path, allowed) in [
        (reqwest::Method::POST, "/personvern", "GET"),
        (reqwest::Method::DELETE, "/admin/login", "GET, POST"),
        (reqwest::Method::GET, "/admin/logg-ut", "POST"),
        (reqwest::Method::PUT, "/admin/api-nokler", "GET, POST"),
    ] {
        let response = app
            .client
            .request(method.clone(), app.url(path))
            .header("Cookie", "lang=en")
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 405, "{method} {path}");
        let mut allow: Vec<String> = response
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .split(',')
            .map(|m| m.trim().to_owned())
            .collect();
        allow.sort();
        assert_eq!(allow.join(", "), allowed, "{method} {path}");
        let body = response.text().await.expect("body");
        assert!(
            body.contains("<h1 class=\"ds-heading\" data-size=\"md\">Not possible here</h1>"),
            "{body}"
        );
    }
    let response = app
        .client
        .post(app.url("/finnes-ikke"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 404);
    assert!(response.headers().get("allow").is_none());
}
