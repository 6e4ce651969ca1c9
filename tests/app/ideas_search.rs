//! Searching the published ideas: inflected bokmål and nynorsk forms find
//! each other, the best matches come first, and nothing a visitor types
//! breaks the search.

use innspill::ideas::listing::{self, ListFilter};
use innspill::ideas::service::{self as ideas, NewIdea};
use innspill::inputs::StakeholderGroup;
use innspill::settings::service::ModerationMode;
use innspill::web::Lang;
use uuid::Uuid;

use crate::common::{TestApp, spawn_app};

async fn published(app: &TestApp, title: &str, body: &str) -> Uuid {
    let idea = NewIdea {
        title: title.to_owned(),
        body: body.to_owned(),
        themes: Vec::new(),
        group: StakeholderGroup::Resident,
        location: None,
        language: Lang::Nb,
        contact: None,
        idempotency_key: None,
    };
    ideas::submit(&app.db, idea, ModerationMode::Post, None)
        .await
        .expect("submit idea")
        .id
}

/// The titles a search finds, best first, through the service the page uses.
async fn found(app: &TestApp, query: &str) -> Vec<String> {
    let filter = ListFilter {
        query: Some(query.to_owned()),
        ..ListFilter::default()
    };
    listing::published(&app.db, &filter)
        .await
        .expect("search")
        .items
        .into_iter()
        .map(|idea| idea.title)
        .collect()
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.client.get(app.url(path)).send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn inflected_forms_find_each_other() {
    let app = spawn_app().await;
    published(&app, "Mer turisme", "Satse på opplevelser om vinteren.").await;
    published(&app, "Guidet tur", "En turist vil gjerne ha guide.").await;
    published(&app, "Livet i bygdene", "Folk flytter fra grendene.").await;
    published(&app, "Båtplasser", "Flere båter i havna.").await;
    published(&app, "Bat og ball", "Et idrettslag for cricket.").await;

    let mut tourism = found(&app, "turister").await;
    tourism.sort();
    assert_eq!(tourism, ["Guidet tur", "Mer turisme"]);
    // Nynorsk and bokmål endings meet in the stem.
    assert_eq!(found(&app, "bygder").await, ["Livet i bygdene"]);
    assert_eq!(found(&app, "grender").await, ["Livet i bygdene"]);
    // æ, ø and å are letters of their own, in any case.
    assert_eq!(found(&app, "BÅT").await, ["Båtplasser"]);
    assert_eq!(found(&app, "bat").await, ["Bat og ball"]);
    // Two words: both must match.
    assert_eq!(found(&app, "turist guide").await, ["Guidet tur"]);
    assert!(found(&app, "turist cricket").await.is_empty());
    // Through the page as well.
    let (status, html) = page(&app, "/ideer?q=b%C3%A5tene").await;
    assert_eq!(status, 200);
    assert!(html.contains("Båtplasser"), "{html}");
    assert!(!html.contains("Bat og ball"));
}

#[tokio::test]
async fn the_best_matches_come_first() {
    let app = spawn_app().await;
    published(&app, "Kaia", "Et sted å møtes, med litt fisk.").await;
    published(
        &app,
        "Fisk og fiskemottak",
        "Fisk fra båtene, fisk til byen.",
    )
    .await;
    published(
        &app,
        "Torget",
        "Marked med fisk en gang i uka, og mye annet.",
    )
    .await;
    let results = found(&app, "fisk").await;
    assert_eq!(results.len(), 3);
    assert_eq!(results[0], "Fisk og fiskemottak");
}

#[tokio::test]
async fn odd_search_input_finds_nothing_or_plain_words_and_never_fails() {
    let app = spawn_app().await;
    published(&app, "Fisk", "Ny fiskebrygge nær kaia.").await;
    let long = "fisk ".repeat(500);
    for query in [
        "\"fisk",
        "fisk\"",
        "fisk AND",
        "OR fisk",
        "NEAR(fisk kaia)",
        "fisk*",
        "*",
        "-fisk",
        "fisk:kaia",
        "'; DROP TABLE inputs; --",
        "^fisk",
        "{search_text}: fisk",
        "key:k0",
        "\u{0}",
        "(((",
        "og i på",
        long.as_str(),
    ] {
        let path = format!(
            "/ideer?q={}",
            url::form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>()
        );
        let (status, _) = page(&app, &path).await;
        assert_eq!(status, 200, "{query:?}");
        let api = app
            .client
            .get(app.url(&path.replace("/ideer", "/api/v1/ideas")))
            .send()
            .await
            .expect("api");
        assert_eq!(api.status().as_u16(), 200, "api {query:?}");
    }
    // Operators are words like any other: "fisk*" and "NEAR(fisk kaia)" are
    // plain words, and words that are in the idea find it.
    assert_eq!(found(&app, "fisk*").await, ["Fisk"]);
    assert_eq!(found(&app, "NEAR(fisk kaia)").await, Vec::<String>::new());
    assert_eq!(found(&app, "(fisk) \"kaia\"").await, ["Fisk"]);
    assert_eq!(found(&app, &long).await, ["Fisk"]);
}
