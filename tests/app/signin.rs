//! Signing in: sessions, generic failures, throttling, idle expiry, sign-out.

use std::time::Duration;

use innspill::admin::throttle;
use innspill::entities::{audit_log, user::Role};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::staff::{PASSWORD, create_user, sign_in, signed_in, submit};
use crate::common::{assert_redirect_to, client, spawn_app, spawn_app_with};

#[tokio::test]
async fn staff_pages_send_anonymous_visitors_to_sign_in() {
    let app = spawn_app().await;
    let response = app.get("/admin/innstillinger").await;
    assert_redirect_to(&response, "/admin/login?neste=%2Fadmin%2Finnstillinger");
}

#[tokio::test]
async fn signing_in_opens_the_staff_area_and_signing_out_closes_it() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Facilitator).await;
    let client = client();

    let response = sign_in(&app, &client, &user.email, PASSWORD).await;
    assert_redirect_to(&response, "/admin");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains(&user.id.to_string()),
        "the session cookie is encrypted"
    );

    let page = client
        .get(app.url("/admin"))
        .send()
        .await
        .expect("dashboard");
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("body").contains(&user.name));

    let response = submit(&app, &client, "/admin", "/admin/logg-ut", &[]).await;
    assert_redirect_to(&response, "/");
    let after = client
        .get(app.url("/admin"))
        .send()
        .await
        .expect("dashboard");
    assert_eq!(after.status(), 303);

    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("sign_in"))
        .all(&app.db)
        .await
        .expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].user_id, Some(user.id));
}

#[tokio::test]
async fn sign_in_goes_back_to_the_page_asked_for_but_never_off_site() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Admin).await;
    for (next, expected) in [
        ("/admin/logg", "/admin/logg"),
        ("https://evil.example/", "/admin"),
        ("/personvern", "/admin"),
    ] {
        let client = client();
        let page = client
            .get(app.url(&format!("/admin/login?neste={}", urlencode(next))))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        let token = crate::common::staff::csrf_token(&page);
        let response = client
            .post(app.url("/admin/login"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", &user.email),
                ("password", PASSWORD),
                ("neste", next),
            ])
            .send()
            .await
            .expect("sign in");
        assert_redirect_to(&response, expected);
    }
}

fn urlencode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Admin).await;

    let wrong = sign_in(&app, &client(), &user.email, "not the password at all").await;
    let unknown = sign_in(
        &app,
        &client(),
        "nobody@kommune.no",
        "not the password at all",
    )
    .await;
    assert_eq!(wrong.status(), 200);
    assert_eq!(unknown.status(), 200);
    let wrong = wrong.text().await.expect("body");
    let unknown = unknown.text().await.expect("body");
    assert!(wrong.contains("Feil e-post eller passord."));
    assert!(unknown.contains("Feil e-post eller passord."));
    // The typed e-mail is kept, the password never sent back.
    assert!(wrong.contains(&user.email));
    assert!(!wrong.contains("not the password at all"));

    let failures = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("sign_in_failed"))
        .all(&app.db)
        .await
        .expect("audit");
    assert_eq!(failures.len(), 2, "failed sign-ins are in the audit log");
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Facilitator).await;
    innspill::admin::service::set_disabled(&app.db, user.clone(), true)
        .await
        .expect("disable");
    let response = sign_in(&app, &client(), &user.email, PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Feil e-post eller passord.")
    );
}

#[tokio::test]
async fn many_failures_for_an_account_refuse_even_the_right_password_for_a_while() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Admin).await;
    let key = throttle::account_key(&app.hash_key, &user.email);
    for _ in 0..throttle::ACCOUNT_REFUSE_AFTER {
        throttle::record(&app.db, &[key.as_str()])
            .await
            .expect("failure");
    }
    let client = client();
    let response = sign_in(&app, &client, &user.email, PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let body = response.text().await.expect("body");
    assert!(body.contains("For mange mislykkede forsøk"), "{body}");
    assert_eq!(
        client
            .get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        303
    );

    // An unknown account is refused in the same way, so refusal reveals nothing.
    let ghost = "ghost@kommune.no";
    let key = throttle::account_key(&app.hash_key, ghost);
    for _ in 0..throttle::ACCOUNT_REFUSE_AFTER {
        throttle::record(&app.db, &[key.as_str()])
            .await
            .expect("failure");
    }
    assert_eq!(
        sign_in(&app, &client, ghost, "whatever it is")
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn failures_from_elsewhere_slow_an_account_down_but_do_not_lock_its_owner_out() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Admin).await;
    let account = throttle::account_key(&app.hash_key, &user.email);
    let elsewhere = throttle::pair_key(&app.hash_key, &user.email, "203.0.113.9");
    for _ in 0..throttle::REFUSE_AFTER {
        throttle::record(&app.db, &[account.as_str(), elsewhere.as_str()])
            .await
            .expect("failure");
    }
    assert_eq!(
        sign_in(&app, &client(), &user.email, PASSWORD)
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn asking_for_password_resets_is_limited_and_never_locks_sign_in() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Facilitator).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let response = crate::common::staff::submit(
            &app,
            &client(),
            "/admin/glemt-passord",
            "/admin/glemt-passord",
            &[("email", user.email.as_str())],
        )
        .await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
    assert_eq!(
        sign_in(&app, &client(), &user.email, PASSWORD)
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn many_failures_from_one_address_refuse_every_account_from_it() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Admin).await;
    let key = throttle::address_key(&app.hash_key, "127.0.0.1");
    for _ in 0..throttle::REFUSE_AFTER {
        throttle::record(&app.db, &[key.as_str()])
            .await
            .expect("failure");
    }
    assert_eq!(
        sign_in(&app, &client(), &user.email, PASSWORD)
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn a_session_ends_after_the_idle_timeout() {
    let app =
        spawn_app_with(|settings| settings.session_idle_timeout = Duration::from_secs(1)).await;
    let (client, _) = signed_in(&app, Role::Admin).await;
    assert_eq!(
        client
            .get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        200
    );
    tokio::time::sleep(Duration::from_millis(2200)).await;
    let response = client.get(app.url("/admin")).send().await.expect("page");
    assert_redirect_to(&response, "/admin/login?neste=%2Fadmin");
}

#[tokio::test]
async fn disabling_a_user_ends_their_session_at_once() {
    let app = spawn_app().await;
    let (client, user) = signed_in(&app, Role::Facilitator).await;
    assert_eq!(
        client
            .get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        200
    );
    innspill::admin::service::set_disabled(&app.db, user, true)
        .await
        .expect("disable");
    assert_eq!(
        client
            .get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        303
    );
}

#[tokio::test]
async fn a_form_without_a_valid_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Admin).await;
    for token in [None, Some("forged-token")] {
        let mut form = vec![("programme_name", "Kapret"), ("moderation_mode", "post")];
        if let Some(token) = token {
            form.push(("csrf_token", token));
        }
        let response = client
            .post(app.url("/admin/innstillinger"))
            .form(&form)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "token {token:?}");
    }
    let programme = innspill::settings::service::current(&app.db)
        .await
        .expect("settings");
    assert_ne!(programme.programme_name, "Kapret");

    // Sign-in and sign-out are forms too.
    let response = crate::common::client()
        .post(app.url("/admin/login"))
        .form(&[("email", "a@b.no"), ("password", "x")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
    let response = client
        .post(app.url("/admin/logg-ut"))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
    assert_eq!(
        client
            .get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        200,
        "still signed in"
    );
}

#[tokio::test]
async fn signing_out_ends_the_users_other_sessions_too() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Facilitator).await;
    let (laptop, phone) = (client(), client());
    for device in [&laptop, &phone] {
        assert_eq!(
            sign_in(&app, device, &user.email, PASSWORD).await.status(),
            303
        );
        assert_eq!(
            device
                .get(app.url("/admin"))
                .send()
                .await
                .expect("page")
                .status(),
            200
        );
    }
    let response = submit(&app, &laptop, "/admin", "/admin/logg-ut", &[]).await;
    assert_eq!(response.status(), 303);
    // A copy of the cookie (here: the other device's) no longer opens anything.
    assert_eq!(
        phone
            .get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        303
    );
    // Signing in again works as before.
    assert_eq!(
        sign_in(&app, &phone, &user.email, PASSWORD).await.status(),
        303
    );
    assert_eq!(
        phone
            .get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        200
    );
}

#[tokio::test]
async fn a_new_password_ends_the_sessions_opened_with_the_old_one() {
    let app = spawn_app().await;
    let user = create_user(&app, Role::Observer).await;
    let session = client();
    assert_eq!(
        sign_in(&app, &session, &user.email, PASSWORD)
            .await
            .status(),
        303
    );
    innspill::admin::service::set_password(&app.db, user, "et annet langt passord")
        .await
        .expect("new password");
    assert_eq!(
        session
            .get(app.url("/admin"))
            .send()
            .await
            .expect("page")
            .status(),
        303
    );
}
