//! Invitations and password resets, through a real SMTP server; programme settings.

use std::time::Duration;

use innspill::entities::{
    audit_log,
    user::{self, Role},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::staff::{csrf_token, sign_in, signed_in, submit};
use crate::common::{client, spawn_app, spawn_app_with_mail};

/// The first link in a mail's plain-text part that starts with `prefix`.
fn link_in(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} link in:\n{text}"));
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '>' || c == ')')
        .next()
        .expect("link")
        .to_owned()
}

async fn choose_password(
    client: &reqwest::Client,
    link: &str,
    password: &str,
    again: &str,
) -> reqwest::Response {
    let page = client
        .get(link)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    client
        .post(link)
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("password", password),
            ("password_again", again),
        ])
        .send()
        .await
        .expect("post")
}

#[tokio::test]
async fn an_invited_facilitator_sets_a_password_from_the_mail_and_signs_in() {
    let (app, smtp, _worker) = spawn_app_with_mail(|_| {}).await;
    let (admin, _) = signed_in(&app, Role::Admin).await;

    let response = submit(
        &app,
        &admin,
        "/admin/brukere",
        "/admin/brukere",
        &[
            ("email", "Siri.Hansen@Kommune.no"),
            ("name", "Siri Hansen"),
            ("role", "facilitator"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let invited = user::Entity::find()
        .filter(user::Column::Email.eq("siri.hansen@kommune.no"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("invited user stored");
    assert_eq!(invited.role, Role::Facilitator);
    assert!(
        invited.password_hash.is_empty(),
        "no password until the invitation is accepted"
    );

    let mails = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mails[0].to, vec!["siri.hansen@kommune.no".to_owned()]);
    let parsed = mails[0].parse();
    let text = parsed.body_text(0).expect("text part").to_string();
    assert!(parsed.body_html(0).is_some(), "an HTML part too");
    let link = link_in(&text, &format!("{}/admin/invitasjon/", app.address));

    // The rules are checked on the server, and a bad try changes nothing.
    let siri = client();
    let short = choose_password(&siri, &link, "kort", "kort").await;
    assert_eq!(short.status(), 422);
    assert!(short.text().await.expect("body").contains("minst 12 tegn"));
    let as_email = choose_password(
        &siri,
        &link,
        "siri.hansen@kommune.no",
        "siri.hansen@kommune.no",
    )
    .await;
    assert_eq!(as_email.status(), 422);
    let mismatch = choose_password(
        &siri,
        &link,
        "fjellet er blått i dag",
        "fjellet er grønt i dag",
    )
    .await;
    assert_eq!(mismatch.status(), 422);

    let done = choose_password(
        &siri,
        &link,
        "fjellet er blått i dag",
        "fjellet er blått i dag",
    )
    .await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        sign_in(
            &app,
            &siri,
            "siri.hansen@kommune.no",
            "fjellet er blått i dag"
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        siri.get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        200
    );

    // The link worked once.
    assert_eq!(
        client().get(&link).send().await.expect("page").status(),
        410
    );
    let accepted = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("user.invitation_accepted"))
        .all(&app.db)
        .await
        .expect("audit");
    assert_eq!(accepted.len(), 1);
}

#[tokio::test]
async fn inviting_an_existing_address_or_bad_input_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let (admin, me) = signed_in(&app, Role::Admin).await;
    let cases: [&[(&str, &str)]; 3] = [
        &[
            ("email", me.email.as_str()),
            ("name", "Dobbel"),
            ("role", "observer"),
        ],
        &[
            ("email", "ikke-en-adresse"),
            ("name", "X"),
            ("role", "observer"),
        ],
        &[
            ("email", "ok@kommune.no"),
            ("name", "X"),
            ("role", "superuser"),
        ],
    ];
    for fields in cases {
        let response = submit(&app, &admin, "/admin/brukere", "/admin/brukere", fields).await;
        assert_eq!(response.status(), 422, "{fields:?}");
        let body = response.text().await.expect("body");
        assert!(body.contains("class=\"ds-error-summary\""), "{fields:?}");
    }
    let count = user::Entity::find()
        .all(&app.db)
        .await
        .expect("users")
        .len();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_password_reset_mail_lets_the_user_choose_a_new_password_once() {
    let (app, smtp, _worker) = spawn_app_with_mail(|_| {}).await;
    let user = crate::common::staff::create_user(&app, Role::Observer).await;

    // The answer is the same for an unknown address, and no mail goes there.
    for email in ["ukjent@kommune.no", user.email.as_str()] {
        let response = submit(
            &app,
            &client(),
            "/admin/glemt-passord",
            "/admin/glemt-passord",
            &[("email", email)],
        )
        .await;
        assert_eq!(response.status(), 200);
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("Hvis adressen hører til en bruker")
        );
    }
    let mails = smtp.wait_for(1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        smtp.received().len(),
        1,
        "one mail, to the real account only"
    );
    assert_eq!(mails[0].to, vec![user.email.clone()]);
    let text = mails[0].parse().body_text(0).expect("text").to_string();
    let link = link_in(&text, &format!("{}/admin/nytt-passord/", app.address));

    let browser = client();
    let done = choose_password(
        &browser,
        &link,
        "et helt nytt passord",
        "et helt nytt passord",
    )
    .await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        sign_in(&app, &client(), &user.email, crate::common::staff::PASSWORD)
            .await
            .status(),
        200,
        "old password no longer works"
    );
    assert_eq!(
        sign_in(&app, &client(), &user.email, "et helt nytt passord")
            .await
            .status(),
        303
    );
    assert_eq!(
        client().get(&link).send().await.expect("page").status(),
        410
    );
}

#[tokio::test]
async fn a_made_up_reset_link_opens_nothing() {
    let app = spawn_app().await;
    let response = app.get("/admin/nytt-passord/finnes-ikke").await;
    assert_eq!(response.status(), 410);
}

#[tokio::test]
async fn an_admin_edits_the_programme_settings_and_the_site_shows_them() {
    let app = spawn_app().await;
    let (admin, _) = signed_in(&app, Role::Admin).await;
    let fields = [
        ("programme_name", "Omstilling Vefsn"),
        ("municipality_name", "Vefsn"),
        ("municipality_number", "1824"),
        ("period_start", "2026-01-01"),
        ("period_end", "2031-12-31"),
        ("contact_email", "omstilling@vefsn.kommune.no"),
        ("moderation_mode", "post"),
        (
            "privacy_text",
            "Vår egen personverntekst.\r\n\r\nAndre avsnitt.",
        ),
        ("accessibility_text", "Vår egen erklæring."),
        ("accessibility_url", ""),
    ];
    let response = submit(
        &app,
        &admin,
        "/admin/innstillinger",
        "/admin/innstillinger",
        &fields,
    )
    .await;
    assert_eq!(response.status(), 303);

    let landing = app.get("/").await.text().await.expect("body");
    assert!(landing.contains("Omstilling Vefsn") && landing.contains("Vefsn kommune"));
    let privacy = app.get("/personvern").await.text().await.expect("body");
    assert!(
        privacy.contains("<p class=\"ds-paragraph\">Vår egen personverntekst.</p><p class=\"ds-paragraph\">Andre avsnitt.</p>"),
        "{privacy}"
    );
    let statement = app
        .get("/tilgjengelighet")
        .await
        .text()
        .await
        .expect("body");
    assert!(statement.contains("Vår egen erklæring."));

    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("settings.update"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("audit entry");
    assert!(
        entry
            .details
            .as_deref()
            .unwrap_or("")
            .contains("programme_name")
    );
}

#[tokio::test]
async fn bad_settings_are_shown_again_with_messages_and_not_saved() {
    let app = spawn_app().await;
    let (admin, _) = signed_in(&app, Role::Admin).await;
    let fields = [
        ("programme_name", "Nytt navn"),
        ("municipality_number", "18x4"),
        ("period_start", "2030-01-01"),
        ("period_end", "2026-01-01"),
        ("contact_email", "ikke epost"),
        ("accessibility_url", "http://usikker.example"),
        ("moderation_mode", "pre"),
    ];
    let response = submit(
        &app,
        &admin,
        "/admin/innstillinger",
        "/admin/innstillinger",
        &fields,
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    for field in [
        "municipality_number",
        "period_end",
        "contact_email",
        "accessibility_url",
    ] {
        assert!(
            body.contains(&format!("href=\"#{field}\"")),
            "summary links {field}"
        );
        assert!(
            body.contains(&format!("id=\"{field}-error\"")),
            "message at {field}"
        );
    }
    assert!(body.contains("value=\"Nytt navn\""), "input kept");
    let programme = innspill::settings::service::current(&app.db)
        .await
        .expect("settings");
    assert_ne!(programme.programme_name, "Nytt navn");
}
