//! `/api/v1/ideas`: published ideas for anyone, every idea with its status
//! and tags for a facilitator's token, filters and pages, and never a
//! sender's name or e-mail address.

use chrono::{Duration, Utc};
use innspill::api::tokens;
use innspill::domain::Email;
use innspill::entities::input::{self, Status};
use innspill::entities::input_theme::{self, Origin};
use innspill::entities::user::Role;
use innspill::ideas::service::{self, NewContact, NewIdea};
use innspill::inputs::StakeholderGroup;
use innspill::settings::service::ModerationMode;
use innspill::themes::service as themes;
use innspill::web::Lang;
use reqwest::StatusCode;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::Value;
use uuid::Uuid;

use crate::common::staff::create_user;
use crate::common::{TestApp, spawn_app};

const SENDER_NAME: &str = "Kari Nordmann";
const SENDER_EMAIL: &str = "kari.nordmann@example.no";

/// The themes the tests tag with.
async fn add_themes(app: &TestApp) -> std::collections::HashMap<String, Uuid> {
    let csv = "slug,name_nb,name_nn,name_en\n\
        reiseliv,Reiseliv,Reiseliv,Tourism\n\
        sjomat,Sjømat,Sjømat,Seafood\n\
        landbruk,Landbruk,Landbruk,Agriculture\n";
    themes::import_csv(&app.db, None, csv.as_bytes())
        .await
        .expect("import themes");
    themes::list(&app.db)
        .await
        .expect("themes")
        .into_iter()
        .map(|theme| (theme.slug, theme.id))
        .collect()
}

struct Spec<'a> {
    title: &'a str,
    body: &'a str,
    group: StakeholderGroup,
    themes: Vec<Uuid>,
    status: Status,
    contact: bool,
    support_count: i32,
    /// Days before now it was published.
    age_days: i64,
}

impl Default for Spec<'_> {
    fn default() -> Self {
        Self {
            title: "En idé",
            body: "En idé med nok tekst til å bli tatt på alvor.",
            group: StakeholderGroup::Resident,
            themes: Vec::new(),
            status: Status::Published,
            contact: false,
            support_count: 0,
            age_days: 1,
        }
    }
}

/// Stores an idea through the service, then gives it the spec's status,
/// support and date.
async fn add_idea(app: &TestApp, spec: Spec<'_>) -> Uuid {
    let contact = spec.contact.then(|| NewContact {
        name: Some(SENDER_NAME.to_owned()),
        email: Some(Email::parse(SENDER_EMAIL).expect("email")),
        news_opt_in: true,
        organisation: None,
    });
    let mode = if spec.status == Status::Pending {
        ModerationMode::Pre
    } else {
        ModerationMode::Post
    };
    let id = service::submit(
        &app.db,
        NewIdea {
            title: spec.title.to_owned(),
            body: spec.body.to_owned(),
            themes: spec.themes,
            group: spec.group,
            location: Some("Havna".to_owned()),
            language: Lang::Nn,
            contact,
            idempotency_key: None,
        },
        mode,
        None,
    )
    .await
    .expect("submit")
    .id;
    let at = Utc::now() - Duration::days(spec.age_days);
    input::Entity::update(input::ActiveModel {
        id: Set(id),
        status: Set(spec.status),
        support_count: Set(spec.support_count),
        created_at: Set(at),
        published_at: Set((spec.status != Status::Pending).then_some(at)),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .expect("update idea");
    id
}

async fn tag(app: &TestApp, idea: Uuid, theme: Uuid, origin: Origin, confidence: Option<f64>) {
    input_theme::Entity::insert(input_theme::ActiveModel {
        input_id: Set(idea),
        theme_id: Set(theme),
        origin: Set(origin),
        confidence: Set(confidence),
        created_at: Set(Utc::now()),
    })
    .exec(&app.db)
    .await
    .expect("tag");
}

async fn token_for(app: &TestApp, role: Role) -> String {
    let user = create_user(app, role).await;
    tokens::create(&app.db, None, &user, "Test")
        .await
        .expect("token")
        .1
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("request")
}

async fn json(app: &TestApp, path: &str, token: Option<&str>) -> Value {
    let response = get(app, path, token).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.expect("JSON")
}

fn titles(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|idea| idea["title"].as_str().expect("title"))
        .collect()
}

fn assert_no_personal_data(body: &Value) {
    let text = body.to_string();
    assert!(!text.contains(SENDER_EMAIL), "{text}");
    assert!(!text.contains(SENDER_NAME), "{text}");
    assert!(!text.contains("contact"), "{text}");
    assert!(!text.contains("token_hash"), "{text}");
}

#[tokio::test]
async fn without_a_token_only_published_ideas_are_listed_without_personal_data() {
    let app = spawn_app().await;
    let themes = add_themes(&app).await;
    let published = add_idea(
        &app,
        Spec {
            title: "Felles turistpakker",
            body: "Lag pakketurer sammen med nabokommunene. Vi må selges som en region.",
            themes: vec![themes["reiseliv"]],
            contact: true,
            support_count: 3,
            ..Spec::default()
        },
    )
    .await;
    let pending = add_idea(
        &app,
        Spec {
            title: "Venter på moderering",
            status: Status::Pending,
            contact: true,
            ..Spec::default()
        },
    )
    .await;
    let hidden = add_idea(
        &app,
        Spec {
            title: "Skjult idé",
            status: Status::Hidden,
            ..Spec::default()
        },
    )
    .await;
    // A suggestion nobody has looked at is not shown to the public.
    tag(
        &app,
        published,
        themes["sjomat"],
        Origin::Suggested,
        Some(0.7),
    )
    .await;

    let page = json(&app, "/api/v1/ideas", None).await;
    assert_eq!(titles(&page), ["Felles turistpakker"]);
    assert_eq!(page["total"], 1);
    assert_eq!(page["page"], 1);
    assert_eq!(page["per_page"], 20);
    assert_eq!(page["pages"], 1);
    let idea = &page["items"][0];
    assert_eq!(idea["id"], published.to_string());
    assert_eq!(
        idea["body"],
        "Lag pakketurer sammen med nabokommunene. Vi må selges som en region."
    );
    assert_eq!(idea["stakeholder_group"], "innbygger");
    assert_eq!(idea["location"], "Havna");
    assert_eq!(idea["language"], "nn");
    assert_eq!(idea["support_count"], 3);
    assert!(idea["published_at"].is_string());
    assert_eq!(idea["themes"], serde_json::json!(["reiseliv"]));
    for staff_only in ["status", "tags", "created_at", "merged_into_id"] {
        assert!(idea.get(staff_only).is_none(), "{staff_only} in {idea}");
    }
    assert_no_personal_data(&page);

    let one = json(&app, &format!("/api/v1/ideas/{published}"), None).await;
    assert_eq!(one["title"], "Felles turistpakker");
    assert_eq!(one["themes"], serde_json::json!(["reiseliv"]));
    assert!(one.get("status").is_none());
    assert_no_personal_data(&one);
    for id in [pending, hidden, Uuid::now_v7()] {
        let response = get(&app, &format!("/api/v1/ideas/{id}"), None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["error"]["status"], 404);
    }

    // Only editors may ask for what is not published.
    let response = get(&app, "/api/v1/ideas?status=pending", None).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let asked = json(&app, "/api/v1/ideas?status=published", None).await;
    assert_eq!(asked["total"], 1);
}

#[tokio::test]
async fn the_public_list_filters_sorts_and_pages() {
    let app = spawn_app().await;
    let themes = add_themes(&app).await;
    let spec = |title, age_days| Spec {
        title,
        age_days,
        ..Spec::default()
    };
    add_idea(
        &app,
        Spec {
            body: "Røykeri for ØRRET og laks ved kaia.",
            themes: vec![themes["sjomat"]],
            group: StakeholderGroup::BusinessOwner,
            support_count: 12,
            ..spec("Røykeri", 5)
        },
    )
    .await;
    add_idea(
        &app,
        Spec {
            themes: vec![themes["reiseliv"], themes["sjomat"]],
            support_count: 4,
            ..spec("Fisketurisme", 4)
        },
    )
    .await;
    add_idea(
        &app,
        Spec {
            themes: vec![themes["landbruk"]],
            group: StakeholderGroup::Youth,
            support_count: 30,
            ..spec("Gårdsbutikk", 3)
        },
    )
    .await;
    add_idea(&app, spec("Sykkelvei", 2)).await;
    add_idea(&app, spec("Kafé på torget", 1)).await;

    let all = json(&app, "/api/v1/ideas", None).await;
    assert_eq!(
        titles(&all),
        [
            "Kafé på torget",
            "Sykkelvei",
            "Gårdsbutikk",
            "Fisketurisme",
            "Røykeri"
        ]
    );
    let supported = json(&app, "/api/v1/ideas?sort=most_supported", None).await;
    assert_eq!(
        titles(&supported)[..3],
        ["Gårdsbutikk", "Røykeri", "Fisketurisme"]
    );

    let by_theme = json(&app, "/api/v1/ideas?theme=sjomat", None).await;
    assert_eq!(titles(&by_theme), ["Fisketurisme", "Røykeri"]);
    assert_eq!(by_theme["total"], 2);
    let by_group = json(&app, "/api/v1/ideas?group=naeringsdrivende", None).await;
    assert_eq!(titles(&by_group), ["Røykeri"]);
    assert_eq!(
        by_group["items"][0]["stakeholder_group"],
        "naeringsdrivende"
    );
    // Words in any case, Norwegian letters included, in the title or the text.
    let searched = json(&app, "/api/v1/ideas?q=%C3%B8rret%20KAIA", None).await;
    assert_eq!(titles(&searched), ["Røykeri"]);
    let none = json(&app, "/api/v1/ideas?theme=finnes-ikke", None).await;
    assert_eq!(none["total"], 0);
    assert_eq!(none["items"], serde_json::json!([]));
    assert_eq!(none["pages"], 1);

    let first = json(&app, "/api/v1/ideas?per_page=2", None).await;
    assert_eq!(titles(&first), ["Kafé på torget", "Sykkelvei"]);
    assert_eq!(
        (
            &first["total"],
            &first["page"],
            &first["per_page"],
            &first["pages"]
        ),
        (
            &Value::from(5),
            &Value::from(1),
            &Value::from(2),
            &Value::from(3)
        )
    );
    let last = json(&app, "/api/v1/ideas?per_page=2&page=3", None).await;
    assert_eq!(titles(&last), ["Røykeri"]);
    assert_eq!(last["page"], 3);
    let beyond = json(&app, "/api/v1/ideas?per_page=2&page=9", None).await;
    assert_eq!(beyond["items"], serde_json::json!([]));
    assert_eq!(beyond["total"], 5);

    let response = get(
        &app,
        "/api/v1/ideas?per_page=101&page=0&sort=random&group=alle",
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.expect("JSON");
    for field in ["per_page", "page", "sort", "group"] {
        let message = body["error"]["fields"][field][0]
            .as_str()
            .unwrap_or_default();
        assert!(!message.is_empty(), "{field}: {body}");
    }
    assert!(body["error"]["fields"].get("theme").is_none(), "{body}");
    let response = get(&app, "/api/v1/ideas?per_page=100", None).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_facilitator_token_sees_every_idea_with_status_and_tags() {
    let app = spawn_app().await;
    let themes = add_themes(&app).await;
    let published = add_idea(
        &app,
        Spec {
            title: "Publisert",
            themes: vec![themes["reiseliv"]],
            age_days: 3,
            ..Spec::default()
        },
    )
    .await;
    let pending = add_idea(
        &app,
        Spec {
            title: "Venter",
            status: Status::Pending,
            contact: true,
            themes: vec![themes["landbruk"]],
            age_days: 1,
            ..Spec::default()
        },
    )
    .await;
    add_idea(
        &app,
        Spec {
            title: "Skjult",
            status: Status::Hidden,
            age_days: 2,
            ..Spec::default()
        },
    )
    .await;
    tag(
        &app,
        pending,
        themes["sjomat"],
        Origin::Suggested,
        Some(0.82),
    )
    .await;
    tag(
        &app,
        published,
        themes["sjomat"],
        Origin::Confirmed,
        Some(0.64),
    )
    .await;

    let facilitator = token_for(&app, Role::Facilitator).await;
    let page = json(&app, "/api/v1/ideas", Some(&facilitator)).await;
    assert_eq!(titles(&page), ["Venter", "Skjult", "Publisert"]);
    assert_eq!(page["total"], 3);
    let venter = &page["items"][0];
    assert_eq!(venter["status"], "pending");
    assert!(venter["published_at"].is_null());
    assert!(venter["created_at"].is_string());
    let tags = venter["tags"].as_array().expect("tags");
    let landbruk = tags
        .iter()
        .find(|tag| tag["theme"] == "landbruk")
        .expect("manual tag");
    assert_eq!(landbruk["origin"], "manual");
    assert!(landbruk["confidence"].is_null());
    let sjomat = tags
        .iter()
        .find(|tag| tag["theme"] == "sjomat")
        .expect("suggested tag");
    assert_eq!(sjomat["origin"], "suggested");
    assert_eq!(sjomat["confidence"], 0.82);
    // `themes` stays the reviewed ones, as the public sees them.
    assert_eq!(venter["themes"], serde_json::json!(["landbruk"]));
    assert_eq!(page["items"][1]["status"], "hidden");
    assert_eq!(page["items"][2]["status"], "published");
    assert_no_personal_data(&page);

    let only_pending = json(&app, "/api/v1/ideas?status=pending", Some(&facilitator)).await;
    assert_eq!(titles(&only_pending), ["Venter"]);
    // Editors filter on every tag, suggestions included.
    let suggested = json(&app, "/api/v1/ideas?theme=sjomat", Some(&facilitator)).await;
    assert_eq!(titles(&suggested), ["Venter", "Publisert"]);
    let response = get(&app, "/api/v1/ideas?status=lost", Some(&facilitator)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let one = json(
        &app,
        &format!("/api/v1/ideas/{pending}"),
        Some(&facilitator),
    )
    .await;
    assert_eq!(one["status"], "pending");
    assert_eq!(one["tags"].as_array().map(Vec::len), Some(2));
    assert_no_personal_data(&one);

    // An admin's token sees the same; an observer's gets the public view.
    let admin = token_for(&app, Role::Admin).await;
    assert_eq!(json(&app, "/api/v1/ideas", Some(&admin)).await["total"], 3);
    let observer = token_for(&app, Role::Observer).await;
    let public = json(&app, "/api/v1/ideas", Some(&observer)).await;
    assert_eq!(titles(&public), ["Publisert"]);
    assert!(public["items"][0].get("status").is_none());
    assert_eq!(
        get(&app, &format!("/api/v1/ideas/{pending}"), Some(&observer))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/api/v1/ideas?status=pending", Some(&observer))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_token_that_does_not_work_gets_401_rather_than_the_public_view() {
    let app = spawn_app().await;
    let id = add_idea(&app, Spec::default()).await;
    let paths = ["/api/v1/ideas".to_owned(), format!("/api/v1/ideas/{id}")];
    for path in &paths {
        for token in ["garbage", "inn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
            let response = get(&app, path, Some(token)).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
            let challenge = response
                .headers()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            assert!(challenge.starts_with("Bearer"), "{challenge}");
            let body: Value = response.json().await.expect("JSON");
            assert_eq!(body["error"]["code"], "unauthorized");
        }
        let basic = app
            .client
            .get(app.url(path))
            .header("Authorization", "Basic dXNlcjpwYXNz")
            .send()
            .await
            .expect("request");
        assert_eq!(basic.status(), StatusCode::UNAUTHORIZED, "{path}");
    }

    // A revoked token stops working here too.
    let facilitator = create_user(&app, Role::Facilitator).await;
    let (row, token) = tokens::create(&app.db, None, &facilitator, "Test")
        .await
        .expect("token");
    assert_eq!(get(&app, &paths[0], Some(&token)).await.status(), 200);
    tokens::revoke(&app.db, None, row.id).await.expect("revoke");
    assert_eq!(
        get(&app, &paths[0], Some(&token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_idea_operations_are_in_the_openapi_document_with_optional_auth() {
    let app = spawn_app().await;
    let document = json(&app, "/api/v1/openapi.json", None).await;
    for (path, operation_id) in [
        ("/api/v1/ideas", "list_ideas"),
        ("/api/v1/ideas/{id}", "get_idea"),
    ] {
        let operation = &document["paths"][path]["get"];
        assert_eq!(operation["operationId"], operation_id, "{path}");
        let security = operation["security"].as_array().expect("security");
        assert!(
            security.contains(&serde_json::json!({})),
            "{path} may be called without a token: {security:?}"
        );
        assert!(security.contains(&serde_json::json!({"bearer": []})));
    }
    let parameters: Vec<&str> = document["paths"]["/api/v1/ideas"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    for name in ["theme", "group", "q", "sort", "page", "per_page", "status"] {
        assert!(parameters.contains(&name), "{name} in {parameters:?}");
    }
    let idea = &document["components"]["schemas"]["Idea"]["properties"];
    for field in ["title", "body", "themes", "status", "tags", "support_count"] {
        assert!(idea.get(field).is_some(), "Idea.{field}");
    }
    for personal in ["contact", "email", "name", "contact_id"] {
        assert!(idea.get(personal).is_none(), "Idea.{personal}");
    }
}
