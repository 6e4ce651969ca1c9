//! What each role may do. Every check here fails if the server-side check goes.

use innspill::entities::user::{self, Role};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::common::spawn_app;
use crate::common::staff::{signed_in, submit};

const ADMIN_ONLY_PAGES: [&str; 5] = [
    "/admin/brukere",
    "/admin/innstillinger",
    "/admin/logg",
    "/admin/e-post",
    "/admin/api-nokler",
];

#[tokio::test]
async fn an_observer_sees_the_dashboard_but_nothing_admin_only() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Observer).await;
    let dashboard = client.get(app.url("/admin")).send().await.expect("page");
    assert_eq!(dashboard.status(), 200);
    let body = dashboard.text().await.expect("body");
    assert!(
        !body.contains("href=\"/admin/brukere\""),
        "no link to what they cannot open"
    );
    for page in ADMIN_ONLY_PAGES {
        let response = client.get(app.url(page)).send().await.expect("page");
        assert_eq!(response.status(), 403, "{page}");
    }
}

#[tokio::test]
async fn an_observer_cannot_change_settings() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Observer).await;
    // A valid token from a page the observer may see: only the role refuses.
    let response = submit(
        &app,
        &client,
        "/admin",
        "/admin/innstillinger",
        &[
            ("programme_name", "Endret av observatør"),
            ("moderation_mode", "post"),
        ],
    )
    .await;
    assert_eq!(response.status(), 403);
    let programme = innspill::settings::service::current(&app.db)
        .await
        .expect("settings");
    assert_ne!(programme.programme_name, "Endret av observatør");
}

#[tokio::test]
async fn a_facilitator_cannot_manage_users() {
    let app = spawn_app().await;
    let (client, me) = signed_in(&app, Role::Facilitator).await;
    for page in ADMIN_ONLY_PAGES {
        assert_eq!(
            client
                .get(app.url(page))
                .send()
                .await
                .expect("page")
                .status(),
            403,
            "{page}"
        );
    }
    let users_before = user::Entity::find().count(&app.db).await.expect("count");
    let invite = submit(
        &app,
        &client,
        "/admin",
        "/admin/brukere",
        &[
            ("email", "ny@kommune.no"),
            ("name", "Ny"),
            ("role", "admin"),
        ],
    )
    .await;
    assert_eq!(invite.status(), 403);
    let promote = submit(
        &app,
        &client,
        "/admin",
        &format!("/admin/brukere/{}/rolle", me.id),
        &[("role", "admin")],
    )
    .await;
    assert_eq!(promote.status(), 403);
    assert_eq!(
        user::Entity::find().count(&app.db).await.expect("count"),
        users_before
    );
    let me_now = user::Entity::find_by_id(me.id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("user");
    assert_eq!(me_now.role, Role::Facilitator);
}

#[tokio::test]
async fn an_admin_changes_roles_and_disables_users_but_not_their_own() {
    let app = spawn_app().await;
    let (client, me) = signed_in(&app, Role::Admin).await;
    let (_, other) = signed_in(&app, Role::Observer).await;

    let response = submit(
        &app,
        &client,
        "/admin/brukere",
        &format!("/admin/brukere/{}/rolle", other.id),
        &[("role", "facilitator")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let response = submit(
        &app,
        &client,
        "/admin/brukere",
        &format!("/admin/brukere/{}/status", other.id),
        &[("disabled", "true")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let other = user::Entity::find_by_id(other.id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("user");
    assert_eq!(other.role, Role::Facilitator);
    assert!(other.disabled);

    let response = submit(
        &app,
        &client,
        "/admin/brukere",
        &format!("/admin/brukere/{}/rolle", me.id),
        &[("role", "observer")],
    )
    .await;
    assert_eq!(response.status(), 409);
    let response = submit(
        &app,
        &client,
        "/admin/brukere",
        &format!("/admin/brukere/{}/status", me.id),
        &[("disabled", "true")],
    )
    .await;
    assert_eq!(response.status(), 409);
    let me = user::Entity::find_by_id(me.id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("user");
    assert_eq!(me.role, Role::Admin);
    assert!(!me.disabled);
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_an_admin() {
    let app = spawn_app().await;
    let (a, anna) = signed_in(&app, Role::Admin).await;
    let (b, bjorn) = signed_in(&app, Role::Admin).await;
    let page_a = a
        .get(app.url("/admin/brukere"))
        .send()
        .await
        .expect("a")
        .text()
        .await
        .expect("a");
    let page_b = b
        .get(app.url("/admin/brukere"))
        .send()
        .await
        .expect("b")
        .text()
        .await
        .expect("b");
    let (token_a, token_b) = (
        crate::common::staff::csrf_token(&page_a),
        crate::common::staff::csrf_token(&page_b),
    );
    let demote_bjorn = a
        .post(app.url(&format!("/admin/brukere/{}/rolle", bjorn.id)))
        .form(&[("csrf_token", token_a.as_str()), ("role", "observer")])
        .send();
    let demote_anna = b
        .post(app.url(&format!("/admin/brukere/{}/rolle", anna.id)))
        .form(&[("csrf_token", token_b.as_str()), ("role", "observer")])
        .send();
    let _ = tokio::join!(demote_bjorn, demote_anna);
    let admins = user::Entity::find()
        .all(&app.db)
        .await
        .expect("users")
        .into_iter()
        .filter(|u| u.role == Role::Admin && !u.disabled)
        .count();
    assert!(admins >= 1, "someone can still manage users");
}
