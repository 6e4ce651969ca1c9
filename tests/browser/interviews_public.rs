//! The public interview pages for the browser suite: free slots over two
//! days, a business that holds one (so its private page offers a move),
//! one that holds none, and a receipt kept in a session as the form leaves it.

use chrono::{Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use innspill::domain::{Email, OrgNumber, Phone};
use innspill::entities::business::Format;
use innspill::interviews::service::{self, Place, Registration};
use serde_json::{Value, json};

use crate::common;

fn registration(org_number: &str, name: &str, themes: Vec<uuid::Uuid>) -> Registration {
    Registration {
        org_number: OrgNumber::parse(org_number).expect("org number"),
        name: name.to_owned(),
        industry: 'C',
        employees: None,
        size_band: Some("10-19"),
        contact_name: "Kari Nordmann".to_owned(),
        email: Email::parse("kari@example.no").expect("email"),
        phone: Phone::parse("912 34 567").ok(),
        themes,
        message: Some("Vi vil snakke om kaia og om rekruttering.\nOg om strøm.".to_owned()),
        format: Format::AtCompany,
        language: innspill::web::Lang::Nb,
        idempotency_key: None,
    }
}

/// Nine slots at 09:00, 10:00 and 11:00 on each of the three days from the
/// day after tomorrow, in the town hall or on video; returns their ids.
async fn slots(app: &common::TestApp, by: uuid::Uuid) -> Vec<uuid::Uuid> {
    let mut ids = Vec::new();
    for day in 2..5 {
        let date = (Utc::now() + Duration::days(day))
            .with_timezone(&Oslo)
            .date_naive();
        let times: Vec<_> = [9, 10, 11]
            .into_iter()
            .filter_map(|hour| {
                let local = date.and_time(NaiveTime::from_hms_opt(hour, 0, 0)?);
                let start = Oslo
                    .from_local_datetime(&local)
                    .earliest()?
                    .with_timezone(&Utc);
                Some((start, start + Duration::minutes(45)))
            })
            .collect();
        let place = if day == 3 {
            Place {
                location: None,
                online_url: Some("https://video.example.no/intervju".to_owned()),
                facilitator_id: None,
            }
        } else {
            Place {
                location: Some("Rådhuset, møterom 2".to_owned()),
                online_url: None,
                facilitator_id: None,
            }
        };
        ids.extend(
            service::create_slots(&app.db, &times, &place, by)
                .await
                .expect("slots"),
        );
    }
    ids
}

/// The form sent through HTTP, as a browser does; the session cookie then
/// holds the receipt the receipt page shows.
async fn receipt_session(app: &common::TestApp) -> String {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = client
        .get(app.url("/intervju"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("body");
    let hidden = |name: &str| common::staff::hidden_value(&form, name);
    let response = client
        .post(app.url("/intervju/registrering"))
        .form(&[
            ("csrf_token", hidden("csrf_token")),
            ("skjema_tid", hidden("skjema_tid")),
            ("idempotency_key", hidden("idempotency_key")),
            ("org_number", "958 935 420".to_owned()),
            ("name", "Havbruk Nord AS".to_owned()),
            ("industry", "A".to_owned()),
            ("employees", "8".to_owned()),
            ("contact_name", "Ola Nordmann".to_owned()),
            ("email", "ola@example.no".to_owned()),
            ("phone", "+47 912 34 567".to_owned()),
            ("format", "video".to_owned()),
            ("consent", "ja".to_owned()),
        ])
        .send()
        .await
        .expect("register");
    assert_eq!(response.status(), 303, "the registration is accepted");
    use reqwest::cookie::CookieStore;
    let cookies = jar
        .cookies(&app.address.parse().expect("url"))
        .expect("cookies");
    cookies
        .to_str()
        .expect("ascii")
        .split("; ")
        .find_map(|pair| pair.strip_prefix("innspill_session="))
        .expect("session cookie")
        .to_owned()
}

/// The public interview pages to check, each with its cookies.
pub async fn seed_interviews_public(
    app: &common::TestApp,
    admin: &innspill::entities::user::Model,
) -> Vec<Value> {
    let themes = innspill::themes::service::list_active(&app.db)
        .await
        .expect("themes");
    let slots = slots(app, admin.id).await;
    let waiting = service::register(
        &app.db,
        registration(
            "974760673",
            "Fjordfisk AS",
            themes.iter().take(2).map(|t| t.id).collect(),
        ),
        None,
    )
    .await
    .expect("register");
    let booked = service::register(
        &app.db,
        registration("991825827", "Bryggekaféen SA", Vec::new()),
        None,
    )
    .await
    .expect("register");
    service::book(&app.db, booked.business_id, slots[4], None, None)
        .await
        .expect("book")
        .expect("free");
    let token = |registered: &service::Registered| {
        service::private_path(registered.token.as_deref().expect("token"))
    };
    let receipt = receipt_session(app).await;
    let lang = |lang: &str| json!({ "name": "lang", "value": lang });
    vec![
        json!({ "name": "interviews-nb", "path": "/intervju", "cookies": [lang("nb")] }),
        json!({ "name": "interviews-nn", "path": "/intervju", "cookies": [lang("nn")] }),
        json!({ "name": "interviews-en", "path": "/intervju", "cookies": [lang("en")] }),
        json!({
            "name": "interview-receipt-nb",
            "path": "/intervju/registrering-mottatt",
            "cookies": [lang("nb"), { "name": "innspill_session", "value": receipt }],
        }),
        json!({ "name": "interview-mine-nb", "path": token(&waiting), "cookies": [lang("nb")] }),
        json!({ "name": "interview-mine-booked-en", "path": token(&booked), "cookies": [lang("en")] }),
    ]
}
