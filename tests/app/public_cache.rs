//! The public list is served from each instance's page cache; whatever
//! changes through any instance (or any service) shows on the next request
//! to every instance.

use innspill::Application;
use innspill::config::Settings;
use innspill::entities::input::Channel;
use innspill::entities::user::Role;
use innspill::ideas::service::{self as ideas, NewIdea};
use innspill::ideas::support as supports;
use innspill::inputs::StakeholderGroup;
use innspill::inputs::moderation;
use innspill::settings::service::ModerationMode;
use innspill::web::Lang;
use uuid::Uuid;

use crate::common::staff::create_user;
use crate::common::{TestApp, client, spawn_app};

fn idea(title: &str) -> NewIdea {
    NewIdea {
        title: title.to_owned(),
        body: format!("{title}: mer om dette."),
        themes: Vec::new(),
        group: StakeholderGroup::Resident,
        location: None,
        language: Lang::Nb,
        contact: None,
        idempotency_key: None,
    }
}

async fn submit(app: &TestApp, title: &str, mode: ModerationMode) -> Uuid {
    ideas::submit(&app.db, idea(title), mode, None)
        .await
        .expect("submit")
        .id
}

/// A second instance of the app on the same database.
async fn second_instance(app: &TestApp) -> String {
    let url = app.database.url.clone();
    let db = innspill::db::connect(&url).await.expect("connect");
    let settings = Settings::for_database(&url, app.database.data_dir());
    let application = Application::build(settings, db).expect("build second app");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());
    address
}

async fn list(address: &str, path: &str) -> String {
    let response = client()
        .get(format!("{address}{path}"))
        .send()
        .await
        .expect("list");
    assert_eq!(response.status().as_u16(), 200);
    response.text().await.expect("body")
}

#[tokio::test]
async fn published_hidden_and_edited_ideas_show_at_once_on_every_instance() {
    let app = spawn_app().await;
    let other = second_instance(&app).await;
    let staff = create_user(&app, Role::Facilitator).await;
    let first = submit(&app, "Første idé", ModerationMode::Post).await;
    let waiting = submit(&app, "Venter på godkjenning", ModerationMode::Pre).await;

    for address in [&app.address, &other] {
        for path in ["/ideer", "/ideer?q=idé", "/ideer?sort=mest-stottet"] {
            let html = list(address, path).await;
            assert!(html.contains("Første idé"), "{path}");
            assert!(!html.contains("Venter på godkjenning"));
        }
        // Asked again, the cached page is the same.
        assert_eq!(list(address, "/ideer").await, list(address, "/ideer").await);
    }

    moderation::publish(&app.db, staff.id, Channel::Idea, waiting, None)
        .await
        .expect("publish");
    for address in [&app.address, &other] {
        assert!(
            list(address, "/ideer")
                .await
                .contains("Venter på godkjenning")
        );
    }

    moderation::hide(
        &app.db,
        staff.id,
        Channel::Idea,
        first,
        "Dublett.".into(),
        None,
    )
    .await
    .expect("hide");
    for address in [&other, &app.address] {
        assert!(!list(address, "/ideer").await.contains("Første idé"));
        assert!(!list(address, "/ideer?q=idé").await.contains("Første idé"));
    }

    moderation::edit_text(
        &app.db,
        staff.id,
        Channel::Idea,
        waiting,
        "Ny tittel om havna".into(),
        "Teksten er rettet.".into(),
    )
    .await
    .expect("edit");
    for address in [&app.address, &other] {
        let html = list(address, "/ideer").await;
        assert!(html.contains("Ny tittel om havna"));
        assert!(!html.contains("Venter på godkjenning"));
        // The search follows the edit too.
        assert!(
            list(address, "/ideer?q=havna")
                .await
                .contains("Ny tittel om havna")
        );
    }

    supports::toggle(&app.db, waiting, "browser", "address")
        .await
        .expect("support");
    for address in [&other, &app.address] {
        assert!(
            list(address, "/ideer?sort=mest-stottet")
                .await
                .contains("1 støtte")
        );
    }
}
