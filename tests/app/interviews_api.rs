//! The interview part of the JSON API: free slots for anyone with nothing
//! about who booked the others; businesses, slots, records and findings for
//! a token, as the service stored them and without contact persons; a slot
//! offered through the API, with a message per wrong field. The seed here
//! (through the service, not HTTP) serves the interview export tests too.

use chrono::{DateTime, Duration, Utc};
use innspill::api::tokens;
use innspill::domain::{Email, OrgNumber, Phone};
use innspill::entities::business::Format;
use innspill::entities::interview_slot;
use innspill::entities::user::{self, Role};
use innspill::interviews::guide::{self, QuestionText};
use innspill::interviews::service::{self, BookingProblem, Place, RecordInput, Registration};
use innspill::themes::changes::{self, NewTheme};
use innspill::themes::values::{Description, Keywords, Name, Slug};
use innspill::web::Lang;
use reqwest::StatusCode;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::staff::create_user;
use crate::common::{TestApp, spawn_app};

pub(crate) const CONTACT_NAME: &str = "Åse Ødegård";
pub(crate) const CONTACT_EMAIL: &str = "ase@fjordbris.no";
pub(crate) const CONTACT_PHONE: &str = "+4791234567";
pub(crate) const OTHER_EMAIL: &str = "per@verkstedet.no";
pub(crate) const FIRST_QUESTION: &str = "Hvem er kundene deres i dag?";
pub(crate) const FIRST_ANSWER: &str = "Turister om sommeren, «hytteeiere» om vinteren.";
pub(crate) const SECOND_ANSWER: &str = "Vi mangler kokker og fagarbeidere.";
pub(crate) const FINDING: &str = "Mangel på kokker holder igjen helårsdrift.";

/// What the seed made, and through whom.
pub(crate) struct Seeded {
    pub facilitator: user::Model,
    /// Interviewed, with a slot, a completed record of two answers and two findings.
    pub fjordbris: Uuid,
    /// Registered, wants to be called, no time.
    pub verkstedet: Uuid,
    pub interview: Uuid,
    pub findings: Vec<Uuid>,
    pub booked: Uuid,
    /// Free and bookable: a room, and a video meeting.
    pub free_room: Uuid,
    pub free_video: Uuid,
    /// Not bookable: too soon, past, cancelled.
    pub too_soon: Uuid,
    pub past: Uuid,
    pub cancelled: Uuid,
    pub slot_start: DateTime<Utc>,
}

async fn theme(db: &DatabaseConnection, slug: &str, name: &str) -> Uuid {
    let new = NewTheme {
        slug: Slug::parse(slug).expect("slug"),
        name_nb: Name::parse(name).expect("name"),
        name_nn: Name::parse(name).expect("name"),
        name_en: Name::parse(name).expect("name"),
        description: Description::parse("").expect("description"),
        keywords: Keywords::parse("").expect("keywords"),
        colour: None,
        active: true,
    };
    changes::create_theme(db, None, &new)
        .await
        .map_err(|_| "theme")
        .expect("create theme")
        .id
}

fn registration(org: &str, name: &str, industry: char, email: &str) -> Registration {
    Registration {
        org_number: OrgNumber::parse(org).expect("org number"),
        name: name.to_owned(),
        industry,
        employees: None,
        size_band: None,
        contact_name: "Per Verksted".to_owned(),
        email: Email::parse(email).expect("email"),
        phone: None,
        themes: Vec::new(),
        message: None,
        format: Format::AtCompany,
        language: Lang::Nb,
        idempotency_key: None,
    }
}

/// A whole interview round through the service functions.
pub(crate) async fn seed(app: &TestApp) -> Seeded {
    let db = &app.db;
    let facilitator = create_user(app, Role::Facilitator).await;
    let by = facilitator.id;
    // Created in this order, so the guide's order differs from the slugs'.
    let reiseliv = theme(db, "reiseliv", "Reiseliv").await;
    let kompetanse = theme(db, "kompetanse", "Kompetanse").await;
    let markets = guide::add_question(
        db,
        &QuestionText {
            topic: "markets",
            text: FIRST_QUESTION.to_owned(),
            help: None,
        },
        by,
    )
    .await
    .expect("question");
    let competence = guide::add_question(
        db,
        &QuestionText {
            topic: "competence",
            text: "Hvilken kompetanse mangler dere?".to_owned(),
            help: None,
        },
        by,
    )
    .await
    .expect("question");

    let fjordbris = service::register(
        db,
        Registration {
            employees: Some(12),
            contact_name: CONTACT_NAME.to_owned(),
            phone: Some(Phone::parse("912 34 567").expect("phone")),
            themes: vec![kompetanse, reiseliv],
            message: Some("Vi vil snakke om helårsturisme.".to_owned()),
            format: Format::Video,
            ..registration("974760673", "Fjordbris Reiseliv AS", 'I', CONTACT_EMAIL)
        },
        None,
    )
    .await
    .expect("register")
    .business_id;
    let verkstedet = service::register(
        db,
        Registration {
            size_band: Some("10-19"),
            ..registration("923609016", "Verkstedet på Øya AS", 'C', OTHER_EMAIL)
        },
        None,
    )
    .await
    .expect("register")
    .business_id;
    service::ask_to_be_contacted(db, verkstedet)
        .await
        .expect("contact");

    let now = Utc::now();
    let day = |days: i64, hour: i64| {
        let start = now + Duration::days(days) + Duration::hours(hour);
        (start, start + Duration::minutes(45))
    };
    let room = Place {
        location: Some("Rådhuset, møterom 2".to_owned()),
        online_url: None,
        facilitator_id: Some(by),
    };
    let video = Place {
        location: None,
        online_url: Some("https://meet.example.no/intervju".to_owned()),
        facilitator_id: None,
    };
    let create = |times: (DateTime<Utc>, DateTime<Utc>), place: &Place| {
        let place = place.clone();
        async move {
            service::create_slots(db, &[times], &place, by)
                .await
                .expect("slot")[0]
        }
    };
    let slot_times = day(3, 0);
    let booked = create(slot_times, &room).await;
    let free_room = create(day(4, 0), &room).await;
    let free_video = create(day(5, 0), &video).await;
    let too_soon = create(day(0, 1), &room).await;
    let past = create(day(-1, 0), &room).await;
    let cancelled = create(day(6, 0), &room).await;
    service::cancel_slot(db, cancelled, by, None)
        .await
        .expect("cancel");
    let slot = service::book(db, fjordbris, booked, None, None)
        .await
        .expect("book");
    assert!(slot.is_ok(), "{:?}", slot.as_ref().err());
    assert_eq!(
        service::book(db, verkstedet, too_soon, None, None)
            .await
            .expect("book")
            .err(),
        Some(BookingProblem::Gone),
        "too soon to book online"
    );

    let record = service::record_for(db, fjordbris, by)
        .await
        .expect("record");
    service::save_record(
        db,
        record.id,
        &RecordInput {
            // Given in reverse: the record keeps the guide's order.
            answers: vec![
                (competence, SECOND_ANSWER.to_owned()),
                (markets, FIRST_ANSWER.to_owned()),
            ],
            summary: Some("Vil vokse, mangler folk.".to_owned()),
            employee_change: Some(3),
            held_at: Some(slot_times.0),
        },
        by,
    )
    .await
    .expect("save record");
    service::complete(db, record.id, by)
        .await
        .expect("complete");
    let first = service::add_finding(db, record.id, FINDING, &[kompetanse], Lang::Nb, by)
        .await
        .expect("finding");
    let second = service::add_finding(
        db,
        record.id,
        "Ønsker felles markedsføring med nabokommunene.",
        &[reiseliv],
        Lang::Nb,
        by,
    )
    .await
    .expect("finding");
    // The guide changes after the interview; the record keeps what was asked.
    guide::update_question(
        db,
        markets,
        &QuestionText {
            topic: "markets",
            text: "Hvem kjøper av dere?".to_owned(),
            help: None,
        },
        true,
        by,
    )
    .await
    .expect("update question");

    Seeded {
        facilitator,
        fjordbris,
        verkstedet,
        interview: record.id,
        findings: vec![first, second],
        booked,
        free_room,
        free_video,
        too_soon,
        past,
        cancelled,
        slot_start: slot_times.0,
    }
}

async fn token_for(app: &TestApp, role: Role) -> String {
    let user = create_user(app, role).await;
    tokens::create(&app.db, None, &user, "Test")
        .await
        .expect("create token")
        .1
}

async fn call(
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

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::Response {
    call(app, reqwest::Method::GET, path, token, None).await
}

async fn json_ok(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK, "{}", response.url());
    assert!(
        header(&response, "vary").contains("Authorization"),
        "{}",
        response.url()
    );
    response.json().await.expect("JSON")
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ")
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|item| item["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn anyone_sees_the_free_future_slots_and_nothing_about_who_booked() {
    let app = spawn_app().await;
    let s = seed(&app).await;

    let response = get(&app, "/api/v1/interview-slots/free", None).await;
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=30",
        "public, briefly cached"
    );
    let text = response.text().await.expect("body");
    let free: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        ids(&free),
        [s.free_room.to_string(), s.free_video.to_string()],
        "only free, bookable, future slots, earliest first: {text}"
    );
    assert_eq!(free[0]["location"], "Rådhuset, møterom 2");
    assert_eq!(free[0]["video"], false);
    assert_eq!(free[1]["location"], Value::Null);
    assert_eq!(free[1]["video"], true);
    let keys: Vec<&String> = free[0].as_object().expect("object").keys().collect();
    assert_eq!(keys.len(), 5, "{keys:?}");
    for secret in [
        "Fjordbris",
        "974760673",
        &s.fjordbris.to_string(),
        &s.booked.to_string(),
        CONTACT_EMAIL,
        "meet.example.no",
        "business",
        "facilitator",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    // Booking the last room takes it off the list.
    let taken = service::book(&app.db, s.verkstedet, s.free_room, None, None)
        .await
        .expect("book");
    assert!(taken.is_ok());
    let free = json_ok(get(&app, "/api/v1/interview-slots/free", None).await).await;
    assert_eq!(ids(&free), [s.free_video.to_string()]);

    // A token changes nothing but the caching: it is not even read.
    let response = get(&app, "/api/v1/interview-slots/free", Some("inn_wrong")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "no-store");
}

#[tokio::test]
async fn everything_else_needs_a_token_and_writing_an_editors() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let observer = token_for(&app, Role::Observer).await;
    let paths = [
        "/api/v1/businesses".to_owned(),
        format!("/api/v1/businesses/{}", s.fjordbris),
        "/api/v1/interview-slots".to_owned(),
        "/api/v1/interviews".to_owned(),
        format!("/api/v1/interviews/{}", s.interview),
        "/api/v1/interview-findings".to_owned(),
    ];
    for path in &paths {
        let response = get(&app, path, None).await;
        assert_eq!(response.status(), 401, "{path}");
        assert!(header(&response, "www-authenticate").starts_with("Bearer"));
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["error"]["code"], "unauthorized", "{path}");
        assert!(!body.to_string().contains("Fjordbris"), "{path}");
        let response = get(&app, path, Some("inn_wrong")).await;
        assert_eq!(response.status(), 401, "{path}");
        // An observer reads, as on the staff pages; never cached.
        let response = get(&app, path, Some(&observer)).await;
        assert_eq!(header(&response, "cache-control"), "no-store", "{path}");
        json_ok(response).await;
    }
    let body = json!({
        "starts_at": (Utc::now() + Duration::days(9)).to_rfc3339(),
        "ends_at": (Utc::now() + Duration::days(9) + Duration::hours(1)).to_rfc3339(),
        "location": "Rådhuset",
    });
    let slots_before = interview_slot::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();
    let response = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/interview-slots",
        None,
        Some(&body),
    )
    .await;
    assert_eq!(response.status(), 401);
    let response = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/interview-slots",
        Some(&observer),
        Some(&body),
    )
    .await;
    assert_eq!(response.status(), 403);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["error"]["code"], "forbidden");
    let slots_after = interview_slot::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(slots_before, slots_after, "nothing offered");
    assert!(s.findings.len() == 2);
}

#[tokio::test]
async fn businesses_are_listed_as_stored_with_their_interview_and_no_contact_person() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let token = token_for(&app, Role::Admin).await;

    let text = get(&app, "/api/v1/businesses", Some(&token))
        .await
        .text()
        .await
        .expect("body");
    let page: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(page["total"], 2);
    assert_eq!(
        (page["page"].as_u64(), page["pages"].as_u64()),
        (Some(1), Some(1))
    );
    let items = &page["items"];
    assert_eq!(
        ids(items),
        [s.fjordbris.to_string(), s.verkstedet.to_string()],
        "in order of registration"
    );
    // Even an admin's token gets no contact person.
    for secret in [
        CONTACT_NAME,
        CONTACT_EMAIL,
        CONTACT_PHONE,
        "91234567",
        OTHER_EMAIL,
        "Per Verksted",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let fjordbris = &items[0];
    assert_eq!(fjordbris["org_number"], "974760673");
    assert_eq!(fjordbris["name"], "Fjordbris Reiseliv AS");
    assert_eq!(fjordbris["industry"], "I");
    assert_eq!(fjordbris["employees"], 12);
    assert_eq!(fjordbris["size_band"], "10-19");
    assert_eq!(fjordbris["employee_estimate"], 12);
    assert_eq!(fjordbris["preferred_format"], "video");
    assert_eq!(fjordbris["status"], "interviewed");
    assert_eq!(fjordbris["themes"], json!(["reiseliv", "kompetanse"]));
    assert_eq!(fjordbris["slot"]["id"], s.booked.to_string());
    let start: DateTime<Utc> = fjordbris["slot"]["starts_at"]
        .as_str()
        .expect("start")
        .parse()
        .expect("time");
    assert_eq!(start.timestamp(), s.slot_start.timestamp());
    assert_eq!(fjordbris["interview_id"], s.interview.to_string());
    assert_eq!(fjordbris["interview_status"], "completed");
    assert_eq!(fjordbris["findings"], 2);
    let verkstedet = &items[1];
    assert_eq!(verkstedet["status"], "registered");
    assert_eq!(verkstedet["wants_contact"], true);
    assert_eq!(verkstedet["employees"], Value::Null);
    assert_eq!(verkstedet["employee_estimate"], 15, "the middle of 10–19");
    assert_eq!(verkstedet["slot"], Value::Null);
    assert_eq!(verkstedet["interview_id"], Value::Null);
    assert_eq!(verkstedet["findings"], 0);

    // Filters and paging.
    let only = |query: &str| format!("/api/v1/businesses?{query}");
    let page = json_ok(get(&app, &only("status=registered"), Some(&token)).await).await;
    assert_eq!(ids(&page["items"]), [s.verkstedet.to_string()]);
    let page = json_ok(get(&app, &only("industry=i"), Some(&token)).await).await;
    assert_eq!(ids(&page["items"]), [s.fjordbris.to_string()]);
    let page = json_ok(get(&app, &only("per_page=1&page=2"), Some(&token)).await).await;
    assert_eq!(ids(&page["items"]), [s.verkstedet.to_string()]);
    assert_eq!(page["pages"], 2);
    let response = get(
        &app,
        &only("status=booked&industry=W&per_page=0"),
        Some(&token),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("JSON");
    for field in ["status", "industry", "per_page"] {
        assert!(
            body["error"]["fields"][field][0].is_string(),
            "{field}: {body}"
        );
    }

    let one = json_ok(
        get(
            &app,
            &format!("/api/v1/businesses/{}", s.fjordbris),
            Some(&token),
        )
        .await,
    )
    .await;
    assert_eq!(&one, fjordbris);
    let missing = get(
        &app,
        &format!("/api/v1/businesses/{}", Uuid::now_v7()),
        Some(&token),
    )
    .await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn slots_records_and_findings_match_what_the_service_stored() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let token = token_for(&app, Role::Observer).await;

    let slots = json_ok(get(&app, "/api/v1/interview-slots", Some(&token)).await).await;
    assert_eq!(
        ids(&slots),
        [
            s.past,
            s.too_soon,
            s.booked,
            s.free_room,
            s.free_video,
            s.cancelled
        ]
        .map(|id| id.to_string()),
        "every slot, earliest first"
    );
    let booked = &slots[2];
    assert_eq!(booked["business_id"], s.fjordbris.to_string());
    assert!(booked["booked_at"].is_string());
    assert_eq!(booked["facilitator_id"], s.facilitator.id.to_string());
    assert_eq!(booked["status"], "open");
    assert_eq!(slots[4]["online_url"], "https://meet.example.no/intervju");
    assert_eq!(slots[4]["business_id"], Value::Null);
    assert_eq!(slots[5]["status"], "cancelled");

    let page = json_ok(get(&app, "/api/v1/interviews", Some(&token)).await).await;
    assert_eq!(page["total"], 1);
    let listed = &page["items"][0];
    let record = json_ok(
        get(
            &app,
            &format!("/api/v1/interviews/{}", s.interview),
            Some(&token),
        )
        .await,
    )
    .await;
    assert_eq!(listed, &record);
    assert_eq!(record["business_id"], s.fjordbris.to_string());
    assert_eq!(record["status"], "completed");
    assert_eq!(record["summary"], "Vil vokse, mangler folk.");
    assert_eq!(record["employee_change"], 3);
    let held: DateTime<Utc> = record["held_at"]
        .as_str()
        .expect("held")
        .parse()
        .expect("time");
    assert_eq!(held.timestamp(), s.slot_start.timestamp());
    let answers = record["answers"].as_array().expect("answers");
    assert_eq!(answers.len(), 2);
    assert!(
        answers[0]["position"].as_i64() < answers[1]["position"].as_i64(),
        "the guide's order: {record}"
    );
    assert_eq!(answers[0]["topic"], "markets");
    assert_eq!(answers[0]["question"], FIRST_QUESTION, "as it was asked");
    assert_eq!(answers[0]["answer"], FIRST_ANSWER);
    assert_eq!(answers[1]["topic"], "competence");
    assert_eq!(answers[1]["answer"], SECOND_ANSWER);
    assert_eq!(
        record["finding_ids"],
        json!(s.findings.iter().map(Uuid::to_string).collect::<Vec<_>>())
    );
    let drafts = json_ok(get(&app, "/api/v1/interviews?status=draft", Some(&token)).await).await;
    assert_eq!(drafts["total"], 0);
    let missing = get(
        &app,
        &format!("/api/v1/interviews/{}", Uuid::now_v7()),
        Some(&token),
    )
    .await;
    assert_eq!(missing.status(), 404);

    let findings = json_ok(get(&app, "/api/v1/interview-findings", Some(&token)).await).await;
    assert_eq!(findings["total"], 2);
    let first = &findings["items"][0];
    assert_eq!(first["id"], s.findings[0].to_string());
    assert_eq!(first["interview_id"], s.interview.to_string());
    assert_eq!(first["business_id"], s.fjordbris.to_string());
    assert_eq!(first["body"], FINDING);
    assert_eq!(first["themes"], json!(["kompetanse"]));
    assert_eq!(first["language"], "nb");
    assert!(first["status"].is_string());
    assert_eq!(findings["items"][1]["themes"], json!(["reiseliv"]));
    let none = json_ok(
        get(
            &app,
            &format!("/api/v1/interview-findings?business_id={}", s.verkstedet),
            Some(&token),
        )
        .await,
    )
    .await;
    assert_eq!(none["items"], json!([]));
    let bad = get(
        &app,
        "/api/v1/interview-findings?business_id=nei",
        Some(&token),
    )
    .await;
    assert_eq!(bad.status(), 422);
}

#[tokio::test]
async fn an_editor_offers_a_slot_and_a_wrong_one_gets_a_message_per_field() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let token = token_for(&app, Role::Facilitator).await;
    let start = Utc::now() + Duration::days(10);
    let before = interview_slot::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .len();

    let bad = json!({
        "starts_at": (Utc::now() - Duration::days(1)).to_rfc3339(),
        "ends_at": "i morgen",
        "online_url": "http://meet.example.no",
        "location": "Rådhuset\u{1b}",
    });
    let response = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/interview-slots",
        Some(&token),
        Some(&bad),
    )
    .await;
    assert_eq!(response.status(), 422);
    assert_eq!(header(&response, "cache-control"), "no-store");
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["error"]["code"], "validation");
    let fields = body["error"]["fields"].as_object().expect("fields");
    let mut named: Vec<&str> = fields.keys().map(String::as_str).collect();
    named.sort_unstable();
    assert_eq!(
        named,
        ["ends_at", "location", "online_url", "starts_at"],
        "{body}"
    );
    for messages in fields.values() {
        let message = messages[0].as_str().unwrap_or_default();
        assert!(!message.is_empty() && message != "??", "{body}");
    }
    // Nowhere to meet, backwards, and an unknown facilitator.
    let nowhere = json!({
        "starts_at": start.to_rfc3339(),
        "ends_at": (start + Duration::minutes(45)).to_rfc3339(),
        "location": "  ",
    });
    let response = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/interview-slots",
        Some(&token),
        Some(&nowhere),
    )
    .await;
    let body: Value = response.json().await.expect("JSON");
    let named: Vec<&String> = body["error"]["fields"]
        .as_object()
        .expect("fields")
        .keys()
        .collect();
    assert_eq!(named, ["location"], "{body}");
    let backwards = json!({
        "starts_at": start.to_rfc3339(),
        "ends_at": (start - Duration::minutes(5)).to_rfc3339(),
        "location": "Rådhuset",
    });
    let response = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/interview-slots",
        Some(&token),
        Some(&backwards),
    )
    .await;
    let body: Value = response.json().await.expect("JSON");
    assert!(body["error"]["fields"]["ends_at"][0].is_string(), "{body}");
    let stranger = json!({
        "starts_at": start.to_rfc3339(),
        "ends_at": (start + Duration::minutes(45)).to_rfc3339(),
        "location": "Rådhuset",
        "facilitator_id": Uuid::now_v7(),
    });
    let response = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/interview-slots",
        Some(&token),
        Some(&stranger),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("JSON");
    assert!(
        body["error"]["fields"]["facilitator_id"][0].is_string(),
        "{body}"
    );
    // Messages follow Accept-Language.
    let response = app
        .client
        .post(app.url("/api/v1/interview-slots"))
        .bearer_auth(&token)
        .header("Accept-Language", "nb")
        .json(&backwards)
        .send()
        .await
        .expect("request");
    let norsk: Value = response.json().await.expect("JSON");
    assert_eq!(
        norsk["error"]["fields"]["ends_at"][0],
        "Slutten må komme etter starten."
    );
    assert_eq!(
        interview_slot::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        before,
        "nothing stored"
    );

    let good = json!({
        "starts_at": start.to_rfc3339(),
        "ends_at": (start + Duration::minutes(45)).to_rfc3339(),
        "location": " Rådhuset, møterom 2 ",
        "online_url": "https://meet.example.no/rom-2",
        "facilitator_id": s.facilitator.id,
    });
    let response = call(
        &app,
        reqwest::Method::POST,
        "/api/v1/interview-slots",
        Some(&token),
        Some(&good),
    )
    .await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("JSON");
    let id: Uuid = created["id"].as_str().expect("id").parse().expect("uuid");
    let stored = service::find_slot(&app.db, id).await.expect("stored");
    assert_eq!(stored.starts_at.timestamp(), start.timestamp());
    assert_eq!(stored.location.as_deref(), Some("Rådhuset, møterom 2"));
    assert_eq!(
        stored.online_url.as_deref(),
        Some("https://meet.example.no/rom-2")
    );
    assert_eq!(stored.facilitator_id, Some(s.facilitator.id));
    assert_eq!(stored.business_id, None);
    assert_eq!(created["status"], "open");
    assert_eq!(created["business_id"], Value::Null);
    // Offered at once: it is among the free slots.
    let free = json_ok(get(&app, "/api/v1/interview-slots/free", None).await).await;
    assert!(ids(&free).contains(&id.to_string()));
}

#[tokio::test]
async fn the_openapi_document_lists_the_interview_operations_and_their_values() {
    let app = spawn_app().await;
    let document = json_ok(get(&app, "/api/v1/openapi.json", None).await).await;
    let paths = &document["paths"];
    for (method, path) in [
        ("get", "/api/v1/interview-slots/free"),
        ("get", "/api/v1/interview-slots"),
        ("post", "/api/v1/interview-slots"),
        ("get", "/api/v1/businesses"),
        ("get", "/api/v1/businesses/{id}"),
        ("get", "/api/v1/interviews"),
        ("get", "/api/v1/interviews/{id}"),
        ("get", "/api/v1/interview-findings"),
    ] {
        let operation = &paths[path][method];
        assert!(operation.is_object(), "{method} {path} is not documented");
        let security = &operation["security"];
        if path.ends_with("/free") {
            // Public on purpose, and the document says so.
            assert_eq!(security, &json!([{}]), "{path}");
        } else {
            assert!(
                security.is_null() || !security.to_string().contains("{}"),
                "{method} {path} must need a token: {security}"
            );
            assert!(operation["responses"]["401"].is_object(), "{method} {path}");
        }
    }
    let schemas = &document["components"]["schemas"];
    assert_eq!(
        schemas["BusinessStatus"]["enum"],
        json!(["registered", "scheduled", "interviewed", "declined"])
    );
    assert_eq!(
        schemas["InterviewStatus"]["enum"],
        json!(["draft", "completed"])
    );
    assert_eq!(schemas["SlotStatus"]["enum"], json!(["open", "cancelled"]));
    assert_eq!(
        schemas["MeetingFormat"]["enum"],
        json!(["at_company", "town_hall", "video", "phone"])
    );
    // No interview schema has a field for a contact person.
    for schema in [
        "Business",
        "FreeSlot",
        "Slot",
        "Interview",
        "Answer",
        "Finding",
    ] {
        let properties = schemas[schema]["properties"].as_object().expect(schema);
        assert!(!properties.is_empty(), "{schema}");
        for field in properties.keys() {
            assert!(
                ![
                    "contact",
                    "contact_id",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "email",
                    "phone",
                    "person",
                ]
                .contains(&field.as_str()),
                "{schema}.{field}"
            );
        }
    }
}
