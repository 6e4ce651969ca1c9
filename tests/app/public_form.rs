//! The shared public-form guard (`PublicForm<T>`), through the idea form:
//! each kind of bad submission is refused with its own status, and none of
//! them stores anything.

use std::time::Duration;

use innspill::entities::input;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::common::staff::{csrf_token, hidden_value};
use crate::common::{TestApp, client, spawn_app_with};

const GOOD: [(&str, &str); 3] = [
    ("title", "Benker langs elvepromenaden"),
    (
        "body",
        "Flere benker langs elva gjør det lettere for eldre å gå tur der hver dag.",
    ),
    ("group", "innbygger"),
];

/// The hidden fields a browser got with the form it opened.
struct Shown {
    csrf_token: String,
    form_time: String,
    idempotency_key: String,
}

impl Shown {
    /// The body a browser sends: the hidden fields and then `fields`.
    fn body(&self, fields: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut body = vec![
            ("csrf_token".to_owned(), self.csrf_token.clone()),
            ("skjema_tid".to_owned(), self.form_time.clone()),
            ("idempotency_key".to_owned(), self.idempotency_key.clone()),
        ];
        body.extend(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        body
    }

    /// As `body`, with one hidden field changed (`None` leaves it out).
    fn body_with(
        &self,
        name: &str,
        value: Option<&str>,
        fields: &[(&str, &str)],
    ) -> Vec<(String, String)> {
        let mut body = self.body(fields);
        body.retain(|(key, _)| key != name);
        if let Some(value) = value {
            body.push((name.to_owned(), value.to_owned()));
        }
        body
    }
}

/// The app with the bot timer off unless a test wants it; `adjust` changes the rest.
async fn app_with(adjust: impl FnOnce(&mut innspill::config::Settings)) -> TestApp {
    spawn_app_with(|s| {
        s.form_min_time = Duration::ZERO;
        adjust(s);
    })
    .await
}

/// Opens the idea form in `browser` and keeps its hidden fields.
async fn open_form(app: &TestApp, browser: &reqwest::Client) -> Shown {
    let page = browser
        .get(app.url("/ideer/ny"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("body");
    Shown {
        csrf_token: csrf_token(&page),
        form_time: hidden_value(&page, "skjema_tid"),
        idempotency_key: hidden_value(&page, "idempotency_key"),
    }
}

async fn post(
    app: &TestApp,
    browser: &reqwest::Client,
    body: &[(String, String)],
) -> reqwest::Response {
    browser
        .post(app.url("/ideer"))
        .form(body)
        .send()
        .await
        .expect("post")
}

/// Opens the form and sends it with `fields`, as a person would.
async fn send(
    app: &TestApp,
    browser: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let shown = open_form(app, browser).await;
    post(app, browser, &shown.body(fields)).await
}

async fn stored(app: &TestApp) -> u64 {
    input::Entity::find()
        .count(&app.db)
        .await
        .expect("count inputs")
}

async fn assert_refused_as_automated(response: reqwest::Response) {
    assert_eq!(response.status(), 400);
    let page = response.text().await.expect("body");
    assert!(
        page.contains(
            "<h1 class=\"ds-heading\" data-size=\"md\">Skjemaet kunne ikke tas imot</h1>"
        ),
        "the localised refusal page: {page}"
    );
}

#[tokio::test]
async fn a_form_sent_without_its_csrf_token_is_forbidden_and_stores_nothing() {
    let app = app_with(|_| {}).await;
    let browser = client();
    // The browser has a session with a token; the form just does not carry it.
    let shown = open_form(&app, &browser).await;
    let response = post(&app, &browser, &shown.body_with("csrf_token", None, &GOOD)).await;
    assert_eq!(response.status(), 403);
    assert_eq!(stored(&app).await, 0);

    // The same form with its token goes through, so the token was all that was missing.
    let response = post(&app, &browser, &shown.body(&GOOD)).await;
    assert_eq!(response.status(), 303);
    assert_eq!(stored(&app).await, 1);
}

#[tokio::test]
async fn a_form_carrying_another_browsers_csrf_token_is_forbidden_and_stores_nothing() {
    let app = app_with(|_| {}).await;
    let (victim, attacker) = (client(), client());
    let shown = open_form(&app, &victim).await;
    // A real token, but from the attacker's own session.
    let foreign = open_form(&app, &attacker).await.csrf_token;
    assert_ne!(foreign, shown.csrf_token);
    let response = post(
        &app,
        &victim,
        &shown.body_with("csrf_token", Some(&foreign), &GOOD),
    )
    .await;
    assert_eq!(response.status(), 403);
    let garbage = post(
        &app,
        &victim,
        &shown.body_with("csrf_token", Some("not-a-token"), &GOOD),
    )
    .await;
    assert_eq!(garbage.status(), 403);
    assert_eq!(stored(&app).await, 0);
}

#[tokio::test]
async fn a_filled_in_honeypot_is_refused_with_the_refusal_page_and_stores_nothing() {
    let app = app_with(|_| {}).await;
    let mut fields = GOOD.to_vec();
    fields.push(("nettside", "http://billige-klokker.example"));
    assert_refused_as_automated(send(&app, &client(), &fields).await).await;
    assert_eq!(stored(&app).await, 0);

    // In English the refusal is English.
    let english = client();
    english
        .get(app.url("/sprak/en"))
        .send()
        .await
        .expect("switch");
    let response = send(&app, &english, &fields).await;
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("The form could not be accepted")
    );
    assert_eq!(stored(&app).await, 0);
}

#[tokio::test]
async fn a_form_sent_back_faster_than_a_person_could_fill_it_is_refused_until_the_time_has_passed()
{
    let app = spawn_app_with(|_| {}).await; // the real three-second minimum
    let browser = client();
    let shown = open_form(&app, &browser).await;
    assert_refused_as_automated(post(&app, &browser, &shown.body(&GOOD)).await).await;
    assert_eq!(stored(&app).await, 0);

    // The same form, once three seconds have passed since it was shown, is a person's.
    tokio::time::sleep(Duration::from_millis(3_100)).await;
    assert_eq!(post(&app, &browser, &shown.body(&GOOD)).await.status(), 303);
    assert_eq!(stored(&app).await, 1);
}

#[tokio::test]
async fn a_forged_or_garbled_form_time_is_refused_and_stores_nothing() {
    let app = spawn_app_with(|_| {}).await; // the real three-second minimum
    let browser = client();
    let shown = open_form(&app, &browser).await;
    let (time, signature) = shown.form_time.split_once('.').expect("time.signature");
    // Backdated by a minute to get past the timer, keeping the signature.
    let backdated = format!("{}.{signature}", time.parse::<i64>().expect("seconds") - 60);
    let unsigned_old = (time.parse::<i64>().expect("seconds") - 60).to_string();
    let garbled = [
        backdated.as_str(),
        unsigned_old.as_str(),
        "1.forged",
        "ikke-en-tid",
        ".",
        "",
    ];
    for stamp in garbled {
        let response = post(
            &app,
            &browser,
            &shown.body_with("skjema_tid", Some(stamp), &GOOD),
        )
        .await;
        assert_eq!(response.status(), 400, "form time {stamp:?}");
    }
    let without = post(&app, &browser, &shown.body_with("skjema_tid", None, &GOOD)).await;
    assert_eq!(without.status(), 400, "no form time at all");
    assert_eq!(stored(&app).await, 0);
}

#[tokio::test]
async fn over_the_limit_per_address_a_submission_gets_429_with_the_seconds_to_wait() {
    let app = app_with(|s| s.submissions_per_window = 1).await;
    assert_eq!(send(&app, &client(), &GOOD).await.status(), 303);

    // Another browser on the same address.
    let response = send(&app, &client(), &GOOD).await;
    assert_eq!(response.status(), 429);
    let retry_after = response
        .headers()
        .get("retry-after")
        .expect("a Retry-After header")
        .to_str()
        .expect("ASCII")
        .to_owned();
    let seconds: u64 = retry_after
        .parse()
        .unwrap_or_else(|_| panic!("whole seconds, got {retry_after:?}"));
    assert!(
        (1..=600).contains(&seconds),
        "between one second and the ten-minute window, got {seconds}"
    );
    // The first submission was a moment ago, so nearly the whole window remains.
    assert!(
        seconds >= 590,
        "the wait counts from the first submission, got {seconds}"
    );
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("For mange innsendinger")
    );
    assert_eq!(stored(&app).await, 1);
}

#[tokio::test]
async fn an_invalid_form_does_not_count_against_the_limit() {
    let app = app_with(|s| s.submissions_per_window = 1).await;
    let browser = client();
    let invalid = [
        ("title", "Kort"),
        ("body", "For lite"),
        ("group", "innbygger"),
    ];
    assert_eq!(send(&app, &browser, &invalid).await.status(), 422);
    assert_eq!(send(&app, &browser, &invalid).await.status(), 422);
    assert_eq!(stored(&app).await, 0);

    assert_eq!(send(&app, &browser, &GOOD).await.status(), 303);
    assert_eq!(stored(&app).await, 1);
    // The limit of one is real: the next valid form is over it.
    assert_eq!(send(&app, &browser, &GOOD).await.status(), 429);
    assert_eq!(stored(&app).await, 1);
}

#[tokio::test]
async fn a_submission_refused_as_automated_does_not_count_against_the_limit() {
    let app = app_with(|s| s.submissions_per_window = 1).await;
    let browser = client();
    let mut fields = GOOD.to_vec();
    fields.push(("nettside", "http://spam.example"));
    assert_eq!(send(&app, &browser, &fields).await.status(), 400);
    assert_eq!(send(&app, &browser, &GOOD).await.status(), 303);
    assert_eq!(send(&app, &browser, &GOOD).await.status(), 429);
    assert_eq!(stored(&app).await, 1);
}

#[tokio::test]
async fn the_same_idempotency_key_sent_twice_stores_one_idea_and_a_new_key_stores_another() {
    let app = app_with(|_| {}).await;
    let browser = client();
    let shown = open_form(&app, &browser).await;
    assert_eq!(post(&app, &browser, &shown.body(&GOOD)).await.status(), 303);
    assert_eq!(post(&app, &browser, &shown.body(&GOOD)).await.status(), 303);
    assert_eq!(
        stored(&app).await,
        1,
        "a form sent again stores nothing new"
    );

    // The same words from a newly opened form are a new idea.
    let again = open_form(&app, &browser).await;
    assert_ne!(again.idempotency_key, shown.idempotency_key);
    assert_eq!(post(&app, &browser, &again.body(&GOOD)).await.status(), 303);
    assert_eq!(stored(&app).await, 2);
}

#[tokio::test]
async fn submissions_racing_for_the_last_place_never_exceed_the_limit() {
    let app = app_with(|s| s.submissions_per_window = 1).await;
    let mut forms = Vec::new();
    for _ in 0..8 {
        let browser = client();
        let shown = open_form(&app, &browser).await;
        forms.push((browser, shown.body(&GOOD)));
    }
    let url = app.url("/ideer");
    let tasks: Vec<_> = forms
        .into_iter()
        .map(|(browser, body)| {
            let url = url.clone();
            tokio::spawn(async move {
                let response = browser.post(url).form(&body).send().await;
                response.expect("post").status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    assert!(
        statuses.iter().all(|s| *s == 303 || *s == 429),
        "{statuses:?}"
    );
    let accepted = statuses.iter().filter(|s| **s == 303).count();
    assert!(accepted <= 1, "{statuses:?}");
    assert_eq!(stored(&app).await, accepted as u64);
}

#[tokio::test]
async fn a_form_sent_again_after_the_limit_is_reached_gets_its_receipt_not_429() {
    let app = app_with(|s| s.submissions_per_window = 1).await;
    let browser = client();
    let shown = open_form(&app, &browser).await;
    assert_eq!(post(&app, &browser, &shown.body(&GOOD)).await.status(), 303);
    // A double click: the same form again, now that the limit is used up.
    let again = post(&app, &browser, &shown.body(&GOOD)).await;
    assert_eq!(again.status(), 303, "answered from the stored idea");
    assert_eq!(stored(&app).await, 1);
    // A new form from the same address is over the limit.
    let fresh = open_form(&app, &browser).await;
    assert_eq!(post(&app, &browser, &fresh.body(&GOOD)).await.status(), 429);
}
