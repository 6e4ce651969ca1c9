//! The health endpoint a load balancer polls.

use crate::common::spawn_app;

#[tokio::test]
async fn health_is_ok_while_the_database_answers() {
    let app = spawn_app().await;
    let response = app.get("/health").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
}

#[tokio::test]
async fn health_is_503_when_the_database_is_unreachable() {
    let app = spawn_app().await;
    app.app_db.close_by_ref().await.expect("close pool");
    let response = app.get("/health").await;
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["database"], "unreachable");
}
