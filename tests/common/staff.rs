//! Staff accounts in tests: create one with a role, sign in, send forms with
//! the CSRF token a real page gave.

use innspill::admin::service as users;
use innspill::domain::Email;
use innspill::entities::user::{self, Role};

use super::{TestApp, client};

pub const PASSWORD: &str = "et skikkelig langt passord";

/// The value of the first hidden `csrf_token` field in a page.
pub fn csrf_token(html: &str) -> String {
    hidden_value(html, "csrf_token")
}

/// The value of the first form field named `name` in a page.
pub fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field on the page"))
        + marker.len();
    let end = start + html[start..].find('"').expect("end of value");
    html[start..end].to_owned()
}

pub async fn create_user(app: &TestApp, role: Role) -> user::Model {
    let email = format!(
        "{}-{}@kommune.no",
        role.as_str(),
        uuid::Uuid::new_v4().simple()
    );
    users::create_user(
        &app.db,
        &Email::parse(&email).expect("email"),
        &format!("Test {}", role.as_str()),
        role,
        PASSWORD,
    )
    .await
    .expect("create user")
}

/// Signs in through the real form and returns the response to the POST.
pub async fn sign_in(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let page = client
        .get(app.url("/admin/login"))
        .send()
        .await
        .expect("login page")
        .text()
        .await
        .expect("body");
    client
        .post(app.url("/admin/login"))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .expect("sign in")
}

/// A fresh client signed in as a new user with `role`.
pub async fn signed_in(app: &TestApp, role: Role) -> (reqwest::Client, user::Model) {
    let user = create_user(app, role).await;
    let client = client();
    let response = sign_in(app, &client, &user.email, PASSWORD).await;
    assert_eq!(
        response.status(),
        303,
        "sign-in as {role:?} should redirect"
    );
    (client, user)
}

/// GETs `page` for its CSRF token, then POSTs `fields` with it to `action`.
pub async fn submit(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let html = client
        .get(app.url(page))
        .send()
        .await
        .expect("form page")
        .text()
        .await
        .expect("body");
    let token = csrf_token(&html);
    let mut body: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
    body.extend_from_slice(fields);
    client
        .post(app.url(action))
        .form(&body)
        .send()
        .await
        .expect("submit")
}
