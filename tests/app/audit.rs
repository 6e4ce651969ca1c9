//! The audit log page: an admin pages through it, newest first.

use innspill::audit::service::{self as audit, Entry};
use innspill::entities::user::Role;

use crate::common::spawn_app;
use crate::common::staff::signed_in;

async fn log_page(client: &reqwest::Client, app: &crate::common::TestApp, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.expect("log page");
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.expect("body")
}

/// The test entries on a page, in the order shown.
fn shown(html: &str) -> Vec<&str> {
    html.match_indices("<code>test.")
        .map(|(at, _)| &html[at + 6..at + 13])
        .collect()
}

#[tokio::test]
async fn an_admin_pages_through_the_log_newest_first() {
    let app = spawn_app().await;
    // Signed in first, so whatever that logs is older than the test entries.
    let (admin, _) = signed_in(&app, Role::Admin).await;
    for n in 1..=60 {
        audit::record(&app.db, Entry::new(None, &format!("test.{n:02}")))
            .await
            .expect("record");
    }

    let first = log_page(&admin, &app, "/admin/logg").await;
    let entries = shown(&first);
    assert_eq!(entries.len(), 50, "{first}");
    assert_eq!(entries[0], "test.60");
    assert!(first.contains("aria-label=\"Sider i loggen\""));
    assert!(
        first.contains("rel=\"next\" href=\"/admin/logg?side=2\""),
        "{first}"
    );
    assert!(!first.contains("rel=\"prev\""));
    assert!(
        first.contains("href=\"/admin/logg\" aria-current=\"page\""),
        "{first}"
    );
    assert!(first.contains("<time datetime=\""));

    let second = log_page(&admin, &app, "/admin/logg?side=2").await;
    let entries = shown(&second);
    assert_eq!(entries.first(), Some(&"test.10"), "{second}");
    assert_eq!(entries.last(), Some(&"test.01"));
    assert!(
        second.contains("rel=\"prev\" href=\"/admin/logg\""),
        "{second}"
    );
    assert!(!second.contains("rel=\"next\""));

    // A stale or absurd page number shows the last page; nonsense the first.
    for past in [
        "/admin/logg?side=9",
        "/admin/logg?side=922337203685477581999",
    ] {
        let html = log_page(&admin, &app, past).await;
        assert_eq!(shown(&html).first(), Some(&"test.10"), "{past}");
    }
    let html = log_page(&admin, &app, "/admin/logg?side=x").await;
    assert_eq!(shown(&html).first(), Some(&"test.60"));
}

#[tokio::test]
async fn a_short_log_has_no_pager() {
    let app = spawn_app().await;
    let (admin, _) = signed_in(&app, Role::Admin).await;
    let html = log_page(&admin, &app, "/admin/logg").await;
    assert!(!html.contains("class=\"ds-pagination\""), "{html}");
}
