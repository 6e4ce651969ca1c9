//! Sharing an idea: the form, spam defences, the receipt and the private link.

use std::time::Duration;

use innspill::entities::input::{self, Channel, Status};
use innspill::entities::{contact, input_theme, outbox};
use innspill::settings::service::{self as settings, ModerationMode, Programme};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::common::staff::{csrf_token, hidden_value};
use crate::common::{TestApp, client, spawn_app_with, spawn_app_with_mail};

/// The app with the bot timer off, as a person who types fast would find it.
async fn app() -> TestApp {
    spawn_app_with(|s| s.form_min_time = Duration::ZERO).await
}

/// Opens the form, then sends it with `fields` (and the hidden fields the page gave).
async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    send_via(app, client, fields, None).await
}

/// As `send`, with an `X-Forwarded-For` header as a proxy (or a liar) would set it.
async fn send_via(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
    forwarded_for: Option<&str>,
) -> reqwest::Response {
    let page = client
        .get(app.url("/ideer/ny"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("body");
    let mut body = vec![
        ("csrf_token".to_owned(), csrf_token(&page)),
        ("skjema_tid".to_owned(), hidden_value(&page, "skjema_tid")),
        (
            "idempotency_key".to_owned(),
            hidden_value(&page, "idempotency_key"),
        ),
    ];
    body.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let mut request = client.post(app.url("/ideer")).form(&body);
    if let Some(address) = forwarded_for {
        request = request.header("X-Forwarded-For", address);
    }
    request.send().await.expect("post")
}

const GOOD: [(&str, &str); 3] = [
    ("title", "Felles sykkelvei langs fjorden"),
    (
        "body",
        "En sammenhengende sykkelvei vil gjøre det tryggere å sykle til jobb og trekke turister.",
    ),
    ("group", "innbygger"),
];

async fn ideas(app: &TestApp) -> Vec<input::Model> {
    input::Entity::find().all(&app.db).await.expect("inputs")
}

fn private_link(html: &str) -> String {
    let start = html
        .find("/ideer/mine/")
        .expect("private link on the receipt");
    let end = start + html[start..].find('"').expect("end");
    html[start..end].to_owned()
}

#[tokio::test]
async fn a_resident_shares_an_idea_without_an_account_and_gets_a_private_link() {
    let app = app().await;
    let browser = client();
    let response = send(&app, &browser, &GOOD).await;
    crate::common::assert_redirect_to(&response, "/ideer/mottatt");

    let stored = ideas(&app).await;
    assert_eq!(stored.len(), 1);
    let idea = &stored[0];
    assert_eq!(idea.channel, Channel::Idea);
    assert_eq!(
        idea.status,
        Status::Pending,
        "pre-moderation is the default"
    );
    assert_eq!(idea.stakeholder_group, "innbygger");
    assert!(idea.contact_id.is_none());
    assert_eq!(
        contact::Entity::find().count(&app.db).await.expect("count"),
        0
    );

    let receipt = browser
        .get(app.url("/ideer/mottatt"))
        .send()
        .await
        .expect("receipt")
        .text()
        .await
        .expect("body");
    assert!(receipt.contains("Felles sykkelvei langs fjorden"));
    let link = private_link(&receipt);
    let token = link.trim_start_matches("/ideer/mine/");
    assert!(token.len() >= 40, "a long random token");
    assert_ne!(
        idea.private_token_hash.as_deref(),
        Some(token),
        "only the hash is stored"
    );

    // The link works in another browser too: it is the sender's key.
    let mine = client().get(app.url(&link)).send().await.expect("page");
    assert_eq!(mine.status(), 200);
    assert_eq!(mine.headers()["referrer-policy"], "no-referrer");
    assert!(
        mine.text()
            .await
            .expect("body")
            .contains("Felles sykkelvei langs fjorden")
    );
}

#[tokio::test]
async fn with_an_email_and_consent_one_mail_brings_the_private_link() {
    let (app, smtp, _worker) = spawn_app_with_mail(|s| s.form_min_time = Duration::ZERO).await;
    let mut fields = GOOD.to_vec();
    fields.extend([
        ("name", "Kari Nordmann"),
        ("email", "kari@example.no"),
        ("consent", "ja"),
    ]);
    let response = send(&app, &client(), &fields).await;
    assert_eq!(response.status(), 303);

    let idea = &ideas(&app).await[0];
    let contact = contact::Entity::find_by_id(idea.contact_id.expect("contact kept apart"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("contact");
    assert_eq!(contact.email.as_deref(), Some("kari@example.no"));
    assert!(contact.consent_at.is_some());
    assert!(
        !idea.body.contains("kari@example.no"),
        "personal data is not in the input"
    );

    let mails = smtp.wait_for(1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.received().len(), 1, "exactly one mail");
    assert_eq!(mails[0].to, vec!["kari@example.no".to_owned()]);
    let text = mails[0].parse().body_text(0).expect("text").to_string();
    let start = text
        .find(&format!("{}/ideer/mine/", app.address))
        .expect("link in mail");
    let link: String = text[start..]
        .split_whitespace()
        .next()
        .expect("link")
        .to_owned();
    let page = client()
        .get(&link)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("Felles sykkelvei langs fjorden"));
}

#[tokio::test]
async fn an_email_without_consent_is_refused_and_nothing_is_stored() {
    let app = app().await;
    let mut fields = GOOD.to_vec();
    fields.push(("email", "kari@example.no"));
    let response = send(&app, &client(), &fields).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(body.contains("href=\"#consent\""));
    assert!(body.contains("value=\"kari@example.no\""), "input kept");
    assert!(ideas(&app).await.is_empty());
    assert_eq!(
        contact::Entity::find().count(&app.db).await.expect("count"),
        0
    );
}

#[tokio::test]
async fn bad_input_is_shown_again_with_a_message_at_each_field_and_nothing_is_stored() {
    let app = app().await;
    let fields = [
        ("title", "Kort"),
        ("body", "For lite tekst"),
        ("group", "marsboer"),
        ("location", "Sentrum"),
        ("email", "ikke-epost"),
    ];
    let response = send(&app, &client(), &fields).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(body.contains("class=\"ds-error-summary\"") && body.contains("autofocus"));
    for field in ["title", "body", "group", "email"] {
        assert!(
            body.contains(&format!("href=\"#{field}\"")),
            "summary links {field}"
        );
        assert!(
            body.contains(&format!("id=\"{field}-error\"")),
            "message at {field}"
        );
    }
    assert!(body.contains("aria-invalid=\"true\""));
    assert!(body.contains("value=\"Kort\"") && body.contains(">For lite tekst</textarea>"));
    assert!(body.contains("value=\"Sentrum\""));
    assert!(ideas(&app).await.is_empty());

    // In English, the messages are English.
    let english = client();
    english
        .get(app.url("/sprak/en"))
        .send()
        .await
        .expect("switch");
    let body = send(&app, &english, &fields)
        .await
        .text()
        .await
        .expect("body");
    assert!(body.contains("Enter a title of 5–120 characters."));
}

#[tokio::test]
async fn markup_in_every_field_comes_back_escaped() {
    let app = app().await;
    let evil = "<script>alert('x')</script>";
    let title = format!("Idé {evil}");
    let body = format!("Beskrivelse som er lang nok {evil}");
    let fields = [
        ("title", title.as_str()),
        ("body", body.as_str()),
        ("group", "annet"),
        ("location", evil),
        ("name", evil),
        ("email", evil),
    ];
    let browser = client();
    let rerendered = send(&app, &browser, &fields)
        .await
        .text()
        .await
        .expect("body");
    assert!(
        !rerendered.contains("<script>alert"),
        "re-rendered form escapes"
    );
    assert!(rerendered.contains("&lt;script&gt;"));

    let fields = [
        ("title", title.as_str()),
        ("body", body.as_str()),
        ("group", "annet"),
        ("location", evil),
        ("name", evil),
    ];
    assert_eq!(send(&app, &browser, &fields).await.status(), 303);
    let receipt = browser
        .get(app.url("/ideer/mottatt"))
        .send()
        .await
        .expect("r")
        .text()
        .await
        .expect("body");
    assert!(!receipt.contains("<script>alert"));
    let mine = client()
        .get(app.url(&private_link(&receipt)))
        .send()
        .await
        .expect("p")
        .text()
        .await
        .expect("body");
    assert!(!mine.contains("<script>alert") && mine.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn the_honeypot_and_a_too_quick_submission_are_refused_without_storing() {
    let app = spawn_app_with(|_| {}).await; // the real three-second timer
    let response = send(&app, &client(), &GOOD).await;
    assert_eq!(
        response.status(),
        400,
        "sent at once after the form was shown"
    );

    let app = self::app().await;
    let mut fields = GOOD.to_vec();
    fields.push(("nettside", "http://spam.example"));
    assert_eq!(send(&app, &client(), &fields).await.status(), 400);

    // A forged form time counts as a bot too.
    let browser = client();
    let page = browser
        .get(app.url("/ideer/ny"))
        .send()
        .await
        .expect("f")
        .text()
        .await
        .expect("b");
    let mut body = vec![
        ("csrf_token", csrf_token(&page)),
        ("skjema_tid", "1.forged".to_owned()),
    ];
    body.extend(GOOD.iter().map(|(k, v)| (*k, (*v).to_owned())));
    assert_eq!(
        browser
            .post(app.url("/ideer"))
            .form(&body)
            .send()
            .await
            .expect("p")
            .status(),
        400
    );
    assert!(ideas(&app).await.is_empty());
}

#[tokio::test]
async fn the_rate_limit_refuses_with_429_and_stores_nothing_more() {
    let app = spawn_app_with(|s| {
        s.form_min_time = Duration::ZERO;
        s.submissions_per_window = 2;
    })
    .await;
    for _ in 0..2 {
        assert_eq!(send(&app, &client(), &GOOD).await.status(), 303);
    }
    let response = send(&app, &client(), &GOOD).await;
    assert_eq!(response.status(), 429);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("For mange innsendinger")
    );
    assert_eq!(ideas(&app).await.len(), 2);
}

#[tokio::test]
async fn a_form_sent_twice_stores_one_idea() {
    let app = app().await;
    let browser = client();
    let page = browser
        .get(app.url("/ideer/ny"))
        .send()
        .await
        .expect("f")
        .text()
        .await
        .expect("b");
    let mut body = vec![
        ("csrf_token", csrf_token(&page)),
        ("skjema_tid", hidden_value(&page, "skjema_tid")),
        ("idempotency_key", hidden_value(&page, "idempotency_key")),
    ];
    body.extend(GOOD.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let (first, second) = tokio::join!(
        browser.post(app.url("/ideer")).form(&body).send(),
        browser.post(app.url("/ideer")).form(&body).send(),
    );
    assert_eq!(first.expect("first").status(), 303);
    assert_eq!(second.expect("second").status(), 303);
    let third = browser
        .post(app.url("/ideer"))
        .form(&body)
        .send()
        .await
        .expect("third");
    assert_eq!(third.status(), 303);
    assert_eq!(ideas(&app).await.len(), 1);

    // Whichever answer the browser kept, its receipt carries a link that works.
    let receipt = browser
        .get(app.url("/ideer/mottatt"))
        .send()
        .await
        .expect("receipt")
        .text()
        .await
        .expect("body");
    let mine = client()
        .get(app.url(&private_link(&receipt)))
        .send()
        .await
        .expect("private page");
    assert_eq!(mine.status(), 200);
}

#[tokio::test]
async fn a_form_without_csrf_or_too_large_is_refused_and_stores_nothing() {
    let app = app().await;
    let response = client()
        .post(app.url("/ideer"))
        .form(&GOOD)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
    let huge = "x".repeat(300 * 1024);
    let mut fields = GOOD.to_vec();
    fields.push(("location", &huge));
    assert_eq!(send(&app, &client(), &fields).await.status(), 413);
    assert!(ideas(&app).await.is_empty());
}

#[tokio::test]
async fn one_private_link_opens_only_its_own_idea() {
    let app = app().await;
    let (a, b) = (client(), client());
    send(&app, &a, &GOOD).await;
    let link_a = private_link(
        &a.get(app.url("/ideer/mottatt"))
            .send()
            .await
            .expect("r")
            .text()
            .await
            .expect("b"),
    );
    let other = [
        ("title", "Et helt annet forslag"),
        ("body", "Dette er en annen idé med nok tekst i seg."),
        ("group", "ungdom"),
    ];
    send(&app, &b, &other).await;
    let link_b = private_link(
        &b.get(app.url("/ideer/mottatt"))
            .send()
            .await
            .expect("r")
            .text()
            .await
            .expect("b"),
    );

    let page_a = client()
        .get(app.url(&link_a))
        .send()
        .await
        .expect("a")
        .text()
        .await
        .expect("b");
    assert!(page_a.contains("Felles sykkelvei") && !page_a.contains("Et helt annet forslag"));
    assert_eq!(
        client()
            .get(app.url("/ideer/mine/gjettet-token"))
            .send()
            .await
            .expect("x")
            .status(),
        404
    );

    // Editing through A's link changes A only.
    let stranger = client();
    let page = stranger
        .get(app.url(&link_a))
        .send()
        .await
        .expect("a")
        .text()
        .await
        .expect("b");
    let response = stranger
        .post(app.url(&link_a))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("title", "Ny overskrift for A"),
            ("body", "Ny og lengre beskrivelse av idé A her."),
        ])
        .send()
        .await
        .expect("edit");
    assert_eq!(response.status(), 303);
    let all = ideas(&app).await;
    assert!(
        all.iter()
            .any(|i| i.title.as_deref() == Some("Ny overskrift for A"))
    );
    assert!(
        all.iter()
            .any(|i| i.title.as_deref() == Some("Et helt annet forslag"))
    );
    let page_b = client()
        .get(app.url(&link_b))
        .send()
        .await
        .expect("b")
        .text()
        .await
        .expect("b");
    assert!(!page_b.contains("Ny overskrift for A"));
}

#[tokio::test]
async fn the_sender_can_edit_until_moderated_and_withdrawal_erases_the_contact() {
    let app = app().await;
    let browser = client();
    let mut fields = GOOD.to_vec();
    fields.extend([
        ("name", "Ola"),
        ("email", "ola@example.no"),
        ("consent", "ja"),
    ]);
    send(&app, &browser, &fields).await;
    let link = private_link(
        &browser
            .get(app.url("/ideer/mottatt"))
            .send()
            .await
            .expect("r")
            .text()
            .await
            .expect("b"),
    );
    assert_eq!(
        contact::Entity::find().count(&app.db).await.expect("count"),
        1
    );

    // Once a facilitator has published it, the sender can no longer edit.
    let idea = ideas(&app).await.remove(0);
    let mut row: input::ActiveModel = idea.into();
    row.status = sea_orm::ActiveValue::Set(Status::Published);
    sea_orm::ActiveModelTrait::update(row, &app.db)
        .await
        .expect("publish");
    let page = browser
        .get(app.url(&link))
        .send()
        .await
        .expect("p")
        .text()
        .await
        .expect("b");
    assert!(
        !page.contains("name=\"body\""),
        "no edit form after moderation"
    );
    let edit = browser
        .post(app.url(&link))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("title", "Endret etterpå"),
            ("body", "Endret tekst som er lang nok."),
        ])
        .send()
        .await
        .expect("edit");
    assert_eq!(edit.status(), 409);

    let withdraw = browser
        .post(app.url(&format!("{link}/trekk-tilbake")))
        .form(&[("csrf_token", csrf_token(&page).as_str())])
        .send()
        .await
        .expect("withdraw");
    assert_eq!(withdraw.status(), 303);
    let idea = ideas(&app).await.remove(0);
    assert_eq!(idea.status, Status::Withdrawn);
    assert!(idea.contact_id.is_none());
    assert_eq!(
        contact::Entity::find().count(&app.db).await.expect("count"),
        0,
        "contact row erased"
    );
    assert_eq!(
        outbox::Entity::find().count(&app.db).await.expect("count"),
        0,
        "the unsent receipt with the address is gone too"
    );
    assert_eq!(
        idea.title.as_deref(),
        Some("Felles sykkelvei langs fjorden"),
        "the input itself stays"
    );
}

#[tokio::test]
async fn withdrawing_one_idea_keeps_the_queued_receipt_of_another_with_the_same_address() {
    let app = app().await;
    let mut links = Vec::new();
    for title in [
        "Felles sykkelvei langs fjorden",
        "Kveldsåpent bibliotek i sentrum",
    ] {
        let browser = client();
        let mut fields = GOOD.to_vec();
        fields[0] = ("title", title);
        fields.extend([("email", "ola@example.no"), ("consent", "ja")]);
        assert_eq!(send(&app, &browser, &fields).await.status(), 303);
        let receipt = browser
            .get(app.url("/ideer/mottatt"))
            .send()
            .await
            .expect("r")
            .text()
            .await
            .expect("b");
        links.push((browser, private_link(&receipt)));
    }
    assert_eq!(outbox::Entity::find().count(&app.db).await.expect("n"), 2);

    let (browser, link) = &links[0];
    let page = browser
        .get(app.url(link))
        .send()
        .await
        .expect("p")
        .text()
        .await
        .expect("b");
    let withdraw = browser
        .post(app.url(&format!("{link}/trekk-tilbake")))
        .form(&[("csrf_token", csrf_token(&page).as_str())])
        .send()
        .await
        .expect("withdraw");
    assert_eq!(withdraw.status(), 303);

    let kept = outbox::Entity::find().all(&app.db).await.expect("outbox");
    assert_eq!(kept.len(), 1, "only the withdrawn idea's receipt goes");
    let other = ideas(&app)
        .await
        .into_iter()
        .find(|idea| idea.status != Status::Withdrawn)
        .expect("the other idea");
    assert_eq!(kept[0].contact_id, other.contact_id);
    assert!(kept[0].subject.len() > 3 && kept[0].recipient == "ola@example.no");
}

#[tokio::test]
async fn post_moderation_publishes_at_once_and_chosen_themes_are_tagged() {
    let app = app().await;
    settings::save(
        &app.db,
        &Programme {
            moderation_mode: ModerationMode::Post,
            ..Programme::default()
        },
    )
    .await
    .expect("settings");
    let file =
        std::fs::File::open(crate::common::demo_data_dir().join("themes.csv")).expect("themes.csv");
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .expect("import");
    let page = client()
        .get(app.url("/ideer/ny"))
        .send()
        .await
        .expect("f")
        .text()
        .await
        .expect("b");
    let value = hidden_value(&page, "themes");
    let mut fields = GOOD.to_vec();
    fields.push(("themes", &value));
    assert_eq!(send(&app, &client(), &fields).await.status(), 303);
    let idea = ideas(&app).await.remove(0);
    assert_eq!(idea.status, Status::Published);
    assert!(idea.published_at.is_some());
    let tags = input_theme::Entity::find()
        .all(&app.db)
        .await
        .expect("tags");
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].origin, input_theme::Origin::Manual);
    assert_eq!(
        outbox::Entity::find().count(&app.db).await.expect("count"),
        0,
        "no e-mail, no mail"
    );
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
    // Without a trusted proxy, a made-up header does not get round the limit.
    let direct = spawn_app_with(|s| {
        s.form_min_time = Duration::ZERO;
        s.submissions_per_window = 1;
    })
    .await;
    assert_eq!(
        send_via(&direct, &client(), &GOOD, Some("10.0.0.1"))
            .await
            .status(),
        303
    );
    assert_eq!(
        send_via(&direct, &client(), &GOOD, Some("10.0.0.2"))
            .await
            .status(),
        429
    );

    // Behind one, every client is counted on its own address.
    let proxied = spawn_app_with(|s| {
        s.form_min_time = Duration::ZERO;
        s.submissions_per_window = 1;
        s.trust_proxy = true;
    })
    .await;
    // A client's own entry to the left of the proxy's is ignored.
    assert_eq!(
        send_via(&proxied, &client(), &GOOD, Some("10.9.9.9, 10.0.0.1"))
            .await
            .status(),
        303
    );
    assert_eq!(
        send_via(&proxied, &client(), &GOOD, Some("10.0.0.2"))
            .await
            .status(),
        303
    );
    assert_eq!(
        send_via(&proxied, &client(), &GOOD, Some("10.0.0.1"))
            .await
            .status(),
        429
    );
}
