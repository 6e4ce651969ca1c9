//! The JSON API under /api/v1/: bearer tokens, themes, settings, the OpenAPI
//! document, the admin page for tokens and `admin create-token`.

use std::collections::BTreeSet;
use std::time::Duration;

use innspill::api::tokens;
use innspill::domain::Email;
use innspill::entities::user::{self, Role};
use innspill::entities::{api_token, audit_log};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::common::binary::{Server, command};
use crate::common::{TestApp, TestDatabase, spawn_app};

const PASSWORD: &str = "et langt og trygt passord";

async fn create_user(app: &TestApp, email: &str, role: Role) -> user::Model {
    innspill::admin::service::create_user(
        &app.db,
        &Email::parse(email).expect("e-mail"),
        &format!("Bruker {email}"),
        role,
        PASSWORD,
    )
    .await
    .expect("create user")
}

/// A user of `role` and a token of theirs.
async fn token_for(app: &TestApp, role: Role) -> (user::Model, String) {
    let user = create_user(app, &format!("{}@kommune.no", role.as_str()), role).await;
    let (_, token) = tokens::create(&app.db, None, &user, "Test")
        .await
        .expect("create token");
    (user, token)
}

async fn api(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> reqwest::Response {
    let mut request = app.client.request(method, app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.expect("request")
}

async fn get(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    api(app, reqwest::Method::GET, path, Some(token), None).await
}

async fn json_of(response: reqwest::Response) -> Value {
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "not JSON: {content_type}"
    );
    response.json().await.expect("JSON body")
}

fn theme_body(slug: &str) -> Value {
    json!({
        "slug": slug,
        "name_nb": "Reiseliv",
        "name_nn": "Reiseliv",
        "name_en": "Tourism",
        "description": "Turisme og opplevelser",
        "keywords": ["turisme", "hytte"],
        "colour": "#1F5F8B",
    })
}

async fn create_theme(app: &TestApp, token: &str, slug: &str) -> Value {
    let response = api(
        app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(token),
        Some(&theme_body(slug)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    json_of(response).await
}

fn assert_unauthorized_challenge(response: &reqwest::Response) {
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let challenge = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(challenge.starts_with("Bearer"), "{challenge:?}");
}

#[tokio::test]
async fn requests_without_a_valid_token_get_401_json_with_a_bearer_challenge() {
    let app = spawn_app().await;
    let (owner, token) = token_for(&app, Role::Facilitator).await;
    assert_eq!(get(&app, "/api/v1/themes", &token).await.status(), 200);

    let none = api(&app, reqwest::Method::GET, "/api/v1/themes", None, None).await;
    assert_unauthorized_challenge(&none);
    let body = json_of(none).await;
    assert_eq!(body["error"]["status"], 401);
    assert_eq!(body["error"]["code"], "unauthorized");

    for garbage in [
        "garbage",
        "inn_",
        "inn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        let response = get(&app, "/api/v1/themes", garbage).await;
        assert_unauthorized_challenge(&response);
        json_of(response).await;
    }
    let basic = app
        .client
        .get(app.url("/api/v1/themes"))
        .header("Authorization", format!("Basic {token}"))
        .send()
        .await
        .expect("request");
    assert_unauthorized_challenge(&basic);

    // A disabled owner's token stops working, and works again when enabled.
    let mut active: user::ActiveModel = owner.clone().into();
    active.disabled = Set(true);
    active.update(&app.db).await.expect("disable");
    assert_unauthorized_challenge(&get(&app, "/api/v1/settings", &token).await);
    let mut active: user::ActiveModel = owner.into();
    active.disabled = Set(false);
    active.update(&app.db).await.expect("enable");
    assert_eq!(get(&app, "/api/v1/settings", &token).await.status(), 200);

    // A revoked token stops working for good.
    let row = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(tokens::hash(&token)))
        .one(&app.db)
        .await
        .expect("query")
        .expect("token row");
    assert!(row.last_used_at.is_some(), "use is recorded");
    tokens::revoke(&app.db, None, row.id).await.expect("revoke");
    let response = get(&app, "/api/v1/themes", &token).await;
    assert_unauthorized_challenge(&response);
    assert_eq!(json_of(response).await["error"]["status"], 401);
}

#[tokio::test]
async fn an_observer_token_reads_but_may_not_write() {
    let app = spawn_app().await;
    let (_, editor) = token_for(&app, Role::Facilitator).await;
    let (_, observer) = token_for(&app, Role::Observer).await;
    let theme = create_theme(&app, &editor, "reiseliv").await;
    let id = theme["id"].as_str().expect("id");

    let list = json_of(get(&app, "/api/v1/themes", &observer).await).await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let one = get(&app, &format!("/api/v1/themes/{id}"), &observer).await;
    assert_eq!(one.status(), 200);
    assert_eq!(get(&app, "/api/v1/settings", &observer).await.status(), 200);

    let post = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&observer),
        Some(&theme_body("havbruk")),
    )
    .await;
    assert_eq!(post.status(), StatusCode::FORBIDDEN);
    let body = json_of(post).await;
    assert_eq!(body["error"]["status"], 403);
    assert_eq!(body["error"]["code"], "forbidden");
    let put = api(
        &app,
        reqwest::Method::PUT,
        &format!("/api/v1/themes/{id}"),
        Some(&observer),
        Some(&theme_body("reiseliv")),
    )
    .await;
    assert_eq!(put.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_facilitator_token_creates_and_updates_a_theme() {
    let app = spawn_app().await;
    let (facilitator, token) = token_for(&app, Role::Facilitator).await;

    let response = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&token),
        Some(&theme_body("reiseliv")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .expect("Location header");
    let created = json_of(response).await;
    let id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(location, format!("/api/v1/themes/{id}"));
    assert_eq!(created["slug"], "reiseliv");
    assert_eq!(created["name_en"], "Tourism");
    assert_eq!(created["colour"], "#1f5f8b");
    assert_eq!(created["keywords"], json!(["turisme", "hytte"]));
    assert_eq!(created["active"], true);

    let update = json!({
        "name_nb": "Reiseliv og opplevelser",
        "name_nn": "Reiseliv og opplevingar",
        "name_en": "Tourism and experiences",
        "description": "",
        "keywords": ["fjell"],
        "colour": "#2e7d32",
        "active": false,
    });
    let response = api(
        &app,
        reqwest::Method::PUT,
        &location,
        Some(&token),
        Some(&update),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let updated = json_of(response).await;
    assert_eq!(updated["name_nn"], "Reiseliv og opplevingar");
    assert_eq!(updated["slug"], "reiseliv", "the slug stays");
    assert_eq!(updated["active"], false);

    // Inactive themes are listed too, marked as such.
    let list = json_of(get(&app, "/api/v1/themes", &token).await).await;
    let listed = &list.as_array().expect("array")[0];
    assert_eq!(listed["id"], id.as_str());
    assert_eq!(listed["active"], false);
    assert_eq!(listed["keywords"], json!(["fjell"]));

    let fetched = json_of(get(&app, &location, &token).await).await;
    assert_eq!(fetched["name_en"], "Tourism and experiences");

    // A second theme with the same slug is refused.
    let again = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&token),
        Some(&theme_body("reiseliv")),
    )
    .await;
    assert!(
        again.status() == StatusCode::CONFLICT
            || again.status() == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.status()
    );
    json_of(again).await;

    // Both writes are in the audit log, by the token's owner.
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::EntityId.eq(id.as_str()))
        .all(&app.db)
        .await
        .expect("audit");
    assert!(entries.len() >= 2, "{entries:?}");
    assert!(entries.iter().all(|e| e.user_id == Some(facilitator.id)));
}

#[tokio::test]
async fn an_invalid_theme_body_gets_422_with_a_message_per_field() {
    let app = spawn_app().await;
    let (_, token) = token_for(&app, Role::Admin).await;
    let bad = json!({
        "slug": "Ikke gyldig",
        "name_nb": "",
        "name_nn": "Reiseliv",
        "name_en": "Tourism",
        "colour": "red",
    });
    let response = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&token),
        Some(&bad),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(response).await;
    let fields = &body["error"]["fields"];
    for field in ["slug", "name_nb", "colour"] {
        let message = fields[field][0].as_str().unwrap_or_default();
        assert!(!message.is_empty() && message != "??", "{field}: {body}");
    }
    assert!(fields.get("name_en").is_none(), "{body}");

    // Messages follow Accept-Language.
    let response = app
        .client
        .post(app.url("/api/v1/themes"))
        .bearer_auth(&token)
        .header("Accept-Language", "nn-NO")
        .json(&bad)
        .send()
        .await
        .expect("request");
    let nynorsk = json_of(response).await;
    assert_ne!(nynorsk["error"]["message"], body["error"]["message"]);

    // A body of the wrong shape is a 422 too, and nothing was stored.
    let response = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&token),
        Some(&json!({"slug": 5})),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    json_of(response).await;
    let list = json_of(get(&app, "/api/v1/themes", &token).await).await;
    assert_eq!(list, json!([]));

    let missing = get(
        &app,
        &format!("/api/v1/themes/{}", uuid::Uuid::now_v7()),
        &token,
    )
    .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(json_of(missing).await["error"]["status"], 404);
}

#[tokio::test]
async fn settings_are_readable_with_the_public_contact_address() {
    let app = spawn_app().await;
    let (_, token) = token_for(&app, Role::Observer).await;
    let mut programme = innspill::settings::service::current(&app.db)
        .await
        .expect("settings");
    programme.municipality_name = "Nordvik".into();
    programme.contact_email = Some("omstilling@nordvik.kommune.no".into());
    innspill::settings::service::save(&app.db, &programme)
        .await
        .expect("save");

    let body = json_of(get(&app, "/api/v1/settings", &token).await).await;
    assert_eq!(body["municipality_name"], "Nordvik");
    assert_eq!(body["contact_email"], "omstilling@nordvik.kommune.no");
    assert_eq!(body["moderation_mode"], "pre");
    // Only programme settings: nothing about users or tokens.
    let text = body.to_string();
    assert!(!text.contains("observer@kommune.no"), "{text}");
    assert!(!text.contains("password"), "{text}");
}

/// Every `$ref` in the document.
fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) => out.push(target),
                    _ => refs(inner, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
        _ => {}
    }
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

#[tokio::test]
async fn the_openapi_document_is_valid_and_lists_every_route() {
    let app = spawn_app().await;
    let (admin, token) = token_for(&app, Role::Admin).await;
    let theme = create_theme(&app, &token, "reiseliv").await;
    let theme_id = theme["id"].as_str().expect("id").to_owned();
    // A business with an interview record, for /businesses/{id} and /interviews/{id}.
    let business_id = innspill::interviews::service::register(
        &app.db,
        innspill::interviews::service::Registration {
            org_number: innspill::domain::OrgNumber::parse("974760673").expect("org number"),
            name: "Fjordbris AS".to_owned(),
            industry: 'I',
            employees: Some(4),
            size_band: None,
            contact_name: "Åse".to_owned(),
            email: Email::parse("ase@fjordbris.no").expect("e-mail"),
            phone: None,
            themes: Vec::new(),
            message: None,
            format: innspill::entities::business::Format::Video,
            language: innspill::web::Lang::Nb,
            idempotency_key: None,
        },
        None,
    )
    .await
    .expect("register a business")
    .business_id;
    let interview_id = innspill::interviews::service::record_for(&app.db, business_id, admin.id)
        .await
        .expect("an interview record")
        .id
        .to_string();
    let business_id = business_id.to_string();
    // A survey, for /surveys/{id} and what is under it.
    let survey_id = innspill::surveys::service::templates::create_from(
        &app.db,
        None,
        innspill::surveys::service::templates::Template::Resident,
    )
    .await
    .expect("a survey")
    .to_string();
    // A weight scenario, for /priorities/scenarios/{id}/ranking.
    let scenario_id = innspill::priorities::ranking::scenario::create(
        &app.db,
        None,
        &innspill::priorities::ranking::scenario::ScenarioFields {
            name: "Standard".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("a scenario")
    .to_string();
    // A published idea, so that /ideas/{id} has something to answer with.
    let idea_id = innspill::ideas::service::submit(
        &app.db,
        innspill::ideas::service::NewIdea {
            title: "Ei idé".to_owned(),
            body: "Ei idé med nok tekst til å bli tatt på alvor.".to_owned(),
            themes: Vec::new(),
            group: innspill::inputs::StakeholderGroup::Resident,
            location: None,
            language: innspill::web::Lang::Nb,
            contact: None,
            idempotency_key: None,
        },
        innspill::settings::service::ModerationMode::Post,
        None,
    )
    .await
    .expect("submit an idea")
    .id
    .to_string();

    // Served without a token, as JSON, OpenAPI 3.
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("body");
    let document: Value = serde_json::from_str(&text).expect("JSON");
    let version = document["openapi"].as_str().expect("openapi version");
    assert!(version.starts_with("3."), "{version}");

    // A strict OpenAPI 3.1 parser accepts it, and every reference resolves.
    let parsed = oas3::from_json(&text).expect("a valid OpenAPI 3.1 document");
    parsed
        .validate_version()
        .expect("a supported OpenAPI version");
    assert!(parsed.paths.as_ref().is_some_and(|p| !p.is_empty()));
    let mut operation_ids = BTreeSet::new();
    for (path, method, operation) in parsed.operations() {
        let id = operation.operation_id.clone().expect("an operationId");
        assert!(
            operation_ids.insert(id),
            "duplicate operationId at {method} {path}"
        );
        let parameters = operation.parameters(&parsed).expect("parameters resolve");
        for name in path
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split('}').next())
        {
            assert!(
                parameters.iter().any(|p| p.name == name),
                "{method} {path} does not declare {{{name}}}"
            );
        }
        if let Some(body) = operation
            .request_body(&parsed)
            .expect("request body resolves")
        {
            for media in body.content.values() {
                media.schema(&parsed).expect("request schema resolves");
            }
        }
        let responses = operation.responses(&parsed);
        assert!(!responses.is_empty(), "{method} {path} has no responses");
        for response in responses.values() {
            for media in response.content.values() {
                media.schema(&parsed).expect("response schema resolves");
            }
        }
    }
    let mut found = Vec::new();
    refs(&document, &mut found);
    assert!(!found.is_empty());
    for target in found {
        let pointer = target.strip_prefix('#').expect("local reference");
        assert!(
            document.pointer(pointer).is_some(),
            "{target} does not resolve"
        );
    }
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );

    let paths = document["paths"].as_object().expect("paths");
    let documented: BTreeSet<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|method| item.get(**method).is_some())
                .map(move |method| (method.to_string(), path.clone()))
        })
        .collect();
    // The operations this issue adds, as a reader of the issue lists them.
    for expected in [
        ("get", "/api/v1/themes"),
        ("post", "/api/v1/themes"),
        ("get", "/api/v1/themes/{id}"),
        ("put", "/api/v1/themes/{id}"),
        ("get", "/api/v1/settings"),
        ("get", "/api/v1/openapi.json"),
    ] {
        let key = (expected.0.to_owned(), expected.1.to_owned());
        assert!(documented.contains(&key), "{expected:?} is not documented");
    }

    // Probe the server: each documented operation is served, and each
    // method the document does not list on a path is not.
    for (path, item) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        let id = if path.starts_with("/api/v1/ideas/") {
            &idea_id
        } else if path.starts_with("/api/v1/businesses/") {
            &business_id
        } else if path.starts_with("/api/v1/interviews/") {
            &interview_id
        } else if path.starts_with("/api/v1/surveys/") {
            &survey_id
        } else if path.starts_with("/api/v1/priorities/scenarios/") {
            &scenario_id
        } else {
            &theme_id
        };
        let url = path.replace("{id}", id);
        assert!(!url.contains('{'), "unknown path parameter in {path}");
        for method in METHODS {
            let verb =
                reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let body = (method == "post" || method == "put").then(|| json!({}));
            let status = api(&app, verb, &url, Some(&token), body.as_ref())
                .await
                .status();
            let served =
                status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED;
            let operation = item.get(method);
            assert_eq!(
                served,
                operation.is_some(),
                "{method} {path} answered {status}"
            );
            if let Some(operation) = operation {
                assert!(
                    operation["responses"]
                        .as_object()
                        .is_some_and(|r| !r.is_empty())
                );
                assert!(operation["operationId"].is_string(), "{method} {path}");
            }
        }
    }
}

#[tokio::test]
async fn tokens_are_stored_only_as_hashes() {
    let app = spawn_app().await;
    let (_, token) = token_for(&app, Role::Observer).await;
    let rows = api_token::Entity::find().all(&app.db).await.expect("rows");
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_ne!(row.token_hash, token);
    assert!(!row.token_hash.contains(&token[4..]));
    assert_eq!(row.token_hash, tokens::hash(&token));
    assert_eq!(row.token_hash.len(), 64);
    assert!(token.starts_with(&row.prefix) && row.prefix.len() < token.len() / 2);
    assert!(row.revoked_at.is_none() && row.last_used_at.is_none());
}

#[tokio::test]
async fn admin_create_token_prints_a_token_that_works_against_the_server() {
    let database = TestDatabase::create().await;
    let output = command(&database.url, database.data_dir())
        .args([
            "admin",
            "create-user",
            "--email",
            "rapport@kommune.no",
            "--name",
            "Rapportering",
            "--role",
            "observer",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run create-user");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let output = command(&database.url, database.data_dir())
        .args([
            "admin",
            "create-token",
            "--email",
            "Rapport@Kommune.no",
            "--name",
            "Power BI",
        ])
        .output()
        .expect("run create-token");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let token = String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    assert!(
        token.starts_with("inn_") && !token.contains(char::is_whitespace),
        "{token}"
    );

    let unknown = command(&database.url, database.data_dir())
        .args(["admin", "create-token", "--email", "ingen@kommune.no"])
        .output()
        .expect("run create-token");
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stdout).trim().is_empty());

    let server = Server::start(&database.url, database.data_dir());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let response = client
        .get(format!("{}/api/v1/themes", server.address))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.expect("JSON"), json!([]));
    let refused = client
        .post(format!("{}/api/v1/themes", server.address))
        .bearer_auth(&token)
        .json(&theme_body("reiseliv"))
        .send()
        .await
        .expect("request");
    assert_eq!(refused.status(), 403, "an observer's token reads only");
    drop(server);

    let db = innspill::db::connect(&database.url).await.expect("connect");
    let row = api_token::Entity::find()
        .one(&db)
        .await
        .expect("query")
        .expect("token row");
    assert_eq!(row.name, "Power BI");
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("api_token.create"))
        .all(&db)
        .await
        .expect("audit");
    assert_eq!(audit.len(), 1);
}

/// Creates an admin and signs in with the app's client.
async fn signed_in_admin(app: &TestApp) -> user::Model {
    let admin = create_user(app, "admin@kommune.no", Role::Admin).await;
    sign_in(app, &admin.email).await;
    admin
}

async fn sign_in(app: &TestApp, email: &str) {
    let response = crate::common::staff::sign_in(app, &app.client, email, PASSWORD).await;
    assert!(
        response.status().is_redirection(),
        "sign-in answered {}",
        response.status()
    );
}

/// The token shown once on the page after creating it.
fn shown_token(page: &str) -> String {
    let marker = r#"id="new-token" type="text" readonly value=""#;
    let start = page.find(marker).expect("the new token") + marker.len();
    let end = page[start..].find('"').expect("end of value") + start;
    page[start..end].to_owned()
}

#[tokio::test]
async fn an_admin_creates_a_token_sees_it_once_and_revokes_it() {
    let app = spawn_app().await;
    let admin = signed_in_admin(&app).await;
    let observer = create_user(&app, "styring@kommune.no", Role::Observer).await;

    let page = app.get("/admin/api-nokler").await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("body");
    assert!(
        page.contains(r#"<label class="ds-label" for="name">"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<label class="ds-label" for="owner">"#),
        "{page}"
    );
    let csrf = crate::common::staff::csrf_token(&page);

    let response = app
        .client
        .post(app.url("/admin/api-nokler"))
        .form(&[
            ("name", "Rapportering"),
            ("owner", &observer.id.to_string()),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("create");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let page = response.text().await.expect("body");
    let token = shown_token(&page);
    assert!(token.starts_with("inn_"));
    assert!(
        page.contains(r#"<th scope="col">"#)
            && page.contains(r#"<th scope="row">Rapportering</th>"#)
    );

    // It works with the observer's role, and is never shown again.
    assert_eq!(get(&app, "/api/v1/themes", &token).await.status(), 200);
    let page = app
        .get("/admin/api-nokler")
        .await
        .text()
        .await
        .expect("body");
    assert!(!page.contains(&token));
    assert!(page.contains(&token[..10]), "the prefix is listed");

    let row = api_token::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.user_id, observer.id);
    let csrf = crate::common::staff::csrf_token(&page);
    let revoke_path = format!("/admin/api-nokler/{}/trekk-tilbake", row.id);
    let forged = app
        .client
        .post(app.url(&revoke_path))
        .form(&[("csrf_token", "wrong")])
        .send()
        .await
        .expect("revoke");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/api/v1/themes", &token).await.status(), 200);

    let response = app
        .client
        .post(app.url(&revoke_path))
        .form(&[("csrf_token", &csrf)])
        .send()
        .await
        .expect("revoke");
    assert!(response.status().is_redirection());
    assert_unauthorized_challenge(&get(&app, "/api/v1/themes", &token).await);

    let actions: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::EntityId.eq(row.id.to_string()))
        .all(&app.db)
        .await
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.user_id == Some(admin.id))
        .map(|entry| entry.action)
        .collect();
    assert!(
        actions.contains(&"api_token.create".to_owned()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"api_token.revoke".to_owned()),
        "{actions:?}"
    );
}

#[tokio::test]
async fn the_token_form_keeps_input_and_names_what_to_fix() {
    let app = spawn_app().await;
    signed_in_admin(&app).await;
    let page = app
        .get("/admin/api-nokler")
        .await
        .text()
        .await
        .expect("body");
    let csrf = crate::common::staff::csrf_token(&page);
    let response = app
        .client
        .post(app.url("/admin/api-nokler"))
        .form(&[
            ("name", "  "),
            ("owner", "not-a-user"),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .expect("create");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("error-summary"), "{page}");
    assert!(page.contains(r##"href="#name""##) && page.contains(r##"href="#owner""##));
    assert!(!page.contains("new-token"));
    assert!(
        api_token::Entity::find()
            .all(&app.db)
            .await
            .expect("rows")
            .is_empty()
    );

    let forged = app
        .client
        .post(app.url("/admin/api-nokler"))
        .form(&[("name", "Uten CSRF")])
        .send()
        .await
        .expect("create");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_admins_may_manage_tokens() {
    let app = spawn_app().await;
    let facilitator = create_user(&app, "prosjekt@kommune.no", Role::Facilitator).await;
    let anonymous = app.get("/admin/api-nokler").await;
    assert!(
        anonymous.status().is_redirection(),
        "{}",
        anonymous.status()
    );
    sign_in(&app, &facilitator.email).await;
    assert_eq!(
        app.get("/admin/api-nokler").await.status(),
        StatusCode::FORBIDDEN
    );
}

/// An object schema, following references.
fn object_schema(schema: &oas3::spec::Schema, spec: &oas3::Spec) -> oas3::spec::ObjectSchema {
    match schema.resolve(spec).expect("schema resolves") {
        oas3::spec::Schema::Object(inner) => match *inner {
            oas3::spec::ObjectOrReference::Object(object) => object,
            other => panic!("unresolved schema {other:?}"),
        },
        other => panic!("not an object schema: {other:?}"),
    }
}

#[tokio::test]
async fn the_openapi_document_lists_accepted_values_the_colour_pattern_and_the_400_for_a_bad_body()
{
    let app = spawn_app().await;
    let (_, token) = token_for(&app, Role::Admin).await;
    let theme = create_theme(&app, &token, "reiseliv").await;
    let theme_id = theme["id"].as_str().expect("id").to_owned();
    let text = app
        .get("/api/v1/openapi.json")
        .await
        .text()
        .await
        .expect("body");
    let spec = oas3::from_json(&text).expect("a valid OpenAPI 3.1 document");
    let schemas = &spec.components.as_ref().expect("components").schemas;

    // The values `sort` and `status` take are listed, not left to prose.
    for (name, values) in [
        ("SortParam", json!(["newest", "most_supported"])),
        (
            "StatusParam",
            json!(["pending", "published", "hidden", "merged", "withdrawn"]),
        ),
    ] {
        let schema = object_schema(schemas.get(name).expect(name), &spec);
        assert_eq!(json!(schema.enum_values), values, "{name}");
    }
    // ...and the ideas list's parameters point at them.
    let raw: serde_json::Value = serde_json::from_str(&text).expect("json");
    let parameters = raw["paths"]["/api/v1/ideas"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    for (param, schema) in [("sort", "SortParam"), ("status", "StatusParam")] {
        let found = parameters.iter().find(|p| p["name"] == param).expect(param);
        let text = found["schema"].to_string();
        assert!(
            text.contains(&format!("#/components/schemas/{schema}")),
            "{param}: {text}"
        );
    }

    // Every colour, slug, sent or returned, states its pattern.
    for (name, field, pattern) in [
        ("NewTheme", "colour", "^#[0-9a-fA-F]{6}$"),
        ("ThemeUpdate", "colour", "^#[0-9a-fA-F]{6}$"),
        ("Theme", "colour", "^#[0-9a-f]{6}$"),
        ("NewTheme", "slug", "^[a-z0-9-]{2,60}$"),
        ("Theme", "slug", "^[a-z0-9-]{2,60}$"),
    ] {
        let schema = object_schema(schemas.get(name).expect(name), &spec);
        let property = object_schema(schema.properties.get(field).expect(field), &spec);
        assert_eq!(property.pattern.as_deref(), Some(pattern), "{name}.{field}");
    }

    // Every operation that takes a body documents the 400 for one that is
    // not JSON, and answers a broken body with exactly that.
    let mut with_body = 0;
    for (path, method, operation) in spec.operations() {
        if operation
            .request_body(&spec)
            .expect("request body resolves")
            .is_none()
        {
            continue;
        }
        with_body += 1;
        let responses = operation.responses(&spec);
        let documented = responses.get("400").expect("a documented 400");
        assert!(
            documented.content.contains_key("application/json"),
            "{method} {path}"
        );
        let response = app
            .client
            .request(method.clone(), app.url(&path.replace("{id}", &theme_id)))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(r#"{"slug": "reiseliv", "#)
            .send()
            .await
            .expect("request");
        assert_eq!(
            response.status(),
            StatusCode::BAD_REQUEST,
            "{method} {path}"
        );
        assert_eq!(json_of(response).await["error"]["code"], "bad_request");
    }
    assert!(with_body >= 2, "the theme operations take bodies");
}

#[tokio::test]
async fn theme_text_with_control_characters_is_refused_through_the_api() {
    let app = spawn_app().await;
    let (_, token) = token_for(&app, Role::Facilitator).await;
    let mut body = theme_body("reiseliv");
    body["keywords"] = json!(["turisme", "hyt\u{0}te"]);
    body["name_nb"] = json!("Reise\u{7}liv");
    body["description"] = json!("Turisme\u{1b}[2J og opplevelser");
    let response = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&token),
        Some(&body),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = json_of(response).await;
    for field in ["keywords", "name_nb", "description"] {
        let message = refused["error"]["fields"][field][0]
            .as_str()
            .unwrap_or_default();
        assert!(message.contains("control characters"), "{field}: {refused}");
    }
    assert!(refused["error"]["fields"].get("name_en").is_none());
    let list = json_of(get(&app, "/api/v1/themes", &token).await).await;
    assert_eq!(list, json!([]), "nothing was stored");

    // Nor can an update slip one in; line breaks in a description are fine.
    let created = create_theme(&app, &token, "reiseliv").await;
    let location = format!("/api/v1/themes/{}", created["id"].as_str().expect("id"));
    let mut update = json!({
        "name_nb": "Reiseliv",
        "name_nn": "Reiseliv",
        "name_en": "Tourism",
        "description": "Første linje.\r\nAndre linje.",
        "keywords": ["fjell\u{0}"],
        "colour": "#2e7d32",
        "active": true,
    });
    let response = api(
        &app,
        reqwest::Method::PUT,
        &location,
        Some(&token),
        Some(&update),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json_of(response).await["error"]["fields"]["keywords"].is_array());
    update["keywords"] = json!(["fjell"]);
    let response = api(
        &app,
        reqwest::Method::PUT,
        &location,
        Some(&token),
        Some(&update),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved = json_of(response).await;
    assert_eq!(saved["description"], "Første linje.\r\nAndre linje.");
    assert_eq!(saved["keywords"], json!(["fjell"]));
}

#[tokio::test]
async fn a_theme_created_through_the_api_gets_the_next_palette_colour_and_may_start_inactive() {
    let app = spawn_app().await;
    let (_, token) = token_for(&app, Role::Facilitator).await;
    create_theme(&app, &token, "reiseliv").await;
    let mut body = theme_body("sjomat");
    body.as_object_mut().expect("object").remove("colour");
    body["active"] = json!(false);
    let response = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&token),
        Some(&body),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created = json_of(response).await;
    assert_eq!(
        created["colour"],
        innspill::themes::values::PALETTE[1],
        "the second theme takes the palette's second colour"
    );
    assert_eq!(created["active"], false);
    assert_eq!(created["position"], 2);

    // A taken slug is a message at the slug.
    let response = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&token),
        Some(&theme_body("sjomat")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(response).await;
    assert!(body["error"]["fields"]["slug"][0].is_string(), "{body}");
}

fn header_of(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::test]
async fn what_a_token_unlocks_is_never_cached_and_the_public_variant_is_kept_apart() {
    let app = spawn_app().await;
    let (_, editor) = token_for(&app, Role::Facilitator).await;
    let theme = create_theme(&app, &editor, "reiseliv").await;
    let id = theme["id"].as_str().expect("id");
    for path in [
        "/api/v1/settings".to_owned(),
        "/api/v1/themes".to_owned(),
        format!("/api/v1/themes/{id}"),
        "/api/v1/ideas?status=pending".to_owned(),
        "/api/v1/ideas".to_owned(),
    ] {
        let response = get(&app, &path, &editor).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header_of(&response, "cache-control"), "no-store", "{path}");
        assert!(
            header_of(&response, "vary").contains("Authorization"),
            "{path}"
        );
    }
    // Refusals of a token are the caller's own business too.
    let response = get(&app, "/api/v1/settings", "inn_wrong").await;
    assert_eq!(response.status(), 401);
    assert_eq!(header_of(&response, "cache-control"), "no-store");
    let response = api(
        &app,
        reqwest::Method::POST,
        "/api/v1/themes",
        Some(&editor),
        Some(&theme_body("reiseliv")),
    )
    .await;
    assert_eq!(header_of(&response, "cache-control"), "no-store");

    // The public list at the same URL says it varies with the token, and
    // keeps its own caching.
    let response = api(&app, reqwest::Method::GET, "/api/v1/ideas", None, None).await;
    assert_eq!(response.status(), 200);
    assert!(header_of(&response, "vary").contains("Authorization"));
    assert!(!header_of(&response, "cache-control").contains("no-store"));
}

#[tokio::test]
async fn the_api_token_page_is_never_cached_like_every_other_staff_page() {
    let app = spawn_app().await;
    let (client, _) = crate::common::staff::signed_in(&app, Role::Admin).await;
    for path in [
        "/admin/api-nokler",
        "/admin/api-nokler?melding=trukket-tilbake",
        "/admin",
        "/admin/temaer",
        "/admin/brukere",
        "/admin/innstillinger",
        "/admin/finnes-ikke",
    ] {
        let response = client.get(app.url(path)).send().await.expect("request");
        assert!(
            response.status() == 200 || response.status() == 404,
            "{path}: {}",
            response.status()
        );
        assert_eq!(header_of(&response, "cache-control"), "no-store", "{path}");
    }
    // The sign-in page is a staff page too, before anyone is signed in.
    let response = app.get("/admin/login").await;
    assert_eq!(header_of(&response, "cache-control"), "no-store");
}

#[tokio::test]
async fn a_wrong_method_on_an_api_path_is_405_json_with_allow_and_an_unknown_path_404() {
    let app = spawn_app().await;
    let (_, token) = token_for(&app, Role::Admin).await;
    let theme = create_theme(&app, &token, "reiseliv").await;
    let id = theme["id"].as_str().expect("id");
    for (method, path, allowed) in [
        (
            reqwest::Method::DELETE,
            "/api/v1/themes".to_owned(),
            "GET, POST",
        ),
        (
            reqwest::Method::PATCH,
            format!("/api/v1/themes/{id}"),
            "GET, PUT",
        ),
        (reqwest::Method::POST, "/api/v1/settings".to_owned(), "GET"),
        (
            reqwest::Method::POST,
            "/api/v1/openapi.json".to_owned(),
            "GET",
        ),
    ] {
        for token in [Some(token.as_str()), None] {
            let response = api(&app, method.clone(), &path, token, None).await;
            assert_eq!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            let mut allow: Vec<String> = header_of(&response, "allow")
                .split(',')
                .map(|m| m.trim().to_owned())
                .collect();
            allow.sort();
            assert_eq!(allow.join(", "), allowed, "{method} {path}");
            let body = json_of(response).await;
            assert_eq!(body["error"]["status"], 405);
            assert_eq!(body["error"]["code"], "method_not_allowed");
        }
    }
    for (method, path) in [
        (reqwest::Method::POST, "/api/v1/finnes-ikke"),
        (reqwest::Method::GET, "/api/v1/themes/x/y"),
        (reqwest::Method::DELETE, "/api/v2/themes"),
    ] {
        let response = api(&app, method.clone(), path, Some(&token), None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
        assert!(header_of(&response, "allow").is_empty());
        assert_eq!(json_of(response).await["error"]["code"], "not_found");
    }
}
