//! Security headers on every kind of response.

use crate::common::{spawn_app, spawn_app_with};

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/personvern",
        "/health",
        "/finnes-ikke",
        "/api/v1/x",
        "/sprak/en",
    ] {
        let response = app.get(path).await;
        let csp =
            header(&response, "content-security-policy").unwrap_or_else(|| panic!("CSP on {path}"));
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert_eq!(
            header(&response, "x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert!(header(&response, "referrer-policy").is_some(), "{path}");
        // Plain http: HSTS would lock browsers out of a dev server.
        assert!(
            header(&response, "strict-transport-security").is_none(),
            "{path}"
        );
    }
}

#[tokio::test]
async fn hsts_is_sent_when_the_public_url_is_https() {
    let app = spawn_app_with(|settings| {
        settings.public_url = Some(url::Url::parse("https://innspill.example.no/").expect("url"));
    })
    .await;
    let response = app.get("/").await;
    let hsts = header(&response, "strict-transport-security").expect("HSTS");
    assert!(hsts.contains("max-age="), "{hsts}");

    // And the language cookie is then Secure.
    let response = app.get("/sprak/en").await;
    let cookie = header(&response, "set-cookie").expect("cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn pages_have_no_inline_script_or_style() {
    let app = spawn_app().await;
    for path in ["/", "/personvern", "/tilgjengelighet", "/finnes-ikke"] {
        let body = app.get(path).await.text().await.expect("body");
        assert!(
            !body.contains("<script>") && !body.contains("<style"),
            "{path}"
        );
        assert!(!body.contains(" style=\""), "{path}");
    }
}
