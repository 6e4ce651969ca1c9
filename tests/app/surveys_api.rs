//! The survey API: an editor's token reads surveys, questions with codes,
//! responses keyed by code and results; no token or an observer's is
//! refused; the results match the page's counts; all in the document.

use innspill::api::tokens;
use innspill::entities::user::Role;
use serde_json::Value;

use crate::common::staff::{create_user, signed_in};
use crate::common::{TestApp, spawn_app};
use crate::surveys_results::{seed, table_row};

async fn token_for(app: &TestApp, role: Role) -> String {
    let user = create_user(app, role).await;
    tokens::create(&app.db, None, &user, "Test")
        .await
        .unwrap()
        .1
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn surveys_need_an_editors_token_and_give_questions_responses_and_results() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let id = s.survey.id;
    let list = "/api/v1/surveys";
    assert_eq!(get(&app, list, None).await.status(), 401);
    let observer = token_for(&app, Role::Observer).await;
    assert_eq!(get(&app, list, Some(&observer)).await.status(), 403);
    let token = token_for(&app, Role::Facilitator).await;

    let surveys: Value = get(&app, list, Some(&token)).await.json().await.unwrap();
    assert_eq!(surveys[0]["id"], id.to_string());
    assert_eq!(surveys[0]["responses"], 4);

    let survey: Value = get(&app, &format!("{list}/{id}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let q4 = survey["sections"][0]["questions"][3].clone();
    assert_eq!(q4["code"], "q4");
    assert_eq!(q4["kind"], "single_choice");
    assert_eq!(q4["options"][0]["code"], "flere");

    let page: Value = get(
        &app,
        &format!("{list}/{id}/responses?per_page=3"),
        Some(&token),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        (page["total"].as_u64(), page["pages"].as_u64()),
        (Some(4), Some(2))
    );
    assert_eq!(page["items"][0]["answers"]["q4"]["choice"]["code"], "flere");
    assert_eq!(page["items"][0]["answers"]["q7"]["scale"], 4);
    let bad = get(&app, &format!("{list}/{id}/responses?page=0"), Some(&token)).await;
    assert_eq!(bad.status(), 422);

    // The API's counts are the page's.
    let results: Value = get(&app, &format!("{list}/{id}/results"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(results["responses"], 4);
    let q4 = results["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["code"] == "q4")
        .unwrap();
    let flere = q4["outcome"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "flere")
        .unwrap();
    let (client, _) = signed_in(&app, Role::Observer).await;
    let html = client
        .get(app.url(&format!("/admin/undersokelser/{id}/resultater")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let row = table_row(&html, "Flere ansatte");
    assert_eq!(row[0], flere["count"].to_string());
    assert_eq!(flere["share"], 0.5);

    let owners: Value = get(
        &app,
        &format!("{list}/{id}/results?group=naeringsdrivende"),
        Some(&token),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(owners["responses"], 2);
    let bad = get(&app, &format!("{list}/{id}/results?group=x"), Some(&token)).await;
    assert_eq!(bad.status(), 422);
    let missing = get(&app, &format!("{list}/{}", uuid::Uuid::nil()), Some(&token)).await;
    assert_eq!(missing.status(), 404);

    let document = serde_json::to_value(innspill::api::v1::document()).unwrap();
    for path in [
        "/api/v1/surveys",
        "/api/v1/surveys/{id}",
        "/api/v1/surveys/{id}/responses",
        "/api/v1/surveys/{id}/results",
    ] {
        assert!(
            document["paths"][path]["get"].is_object(),
            "{path} documented"
        );
    }
}
