//! `innspill demo`: an empty database gets the eight themes and the data
//! set's ideas, published over the last six weeks with support; a database
//! that already holds inputs is refused unless `--force` is given.

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use chrono::Utc;
use innspill::entities::input::{self, Channel, Status};
use innspill::entities::{support, theme};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

use crate::common::binary::{Server, command};
use crate::common::{TestDatabase, repo_root};

fn data_dir() -> PathBuf {
    repo_root().join("../shared/data/tagging")
}

/// Idea rows of dev.csv with at least 20 characters of text, counted here
/// independently of the code under test.
fn idea_rows() -> usize {
    let mut reader = csv::Reader::from_path(data_dir().join("dev.csv")).expect("dev.csv");
    reader
        .records()
        .map(|record| record.expect("row"))
        .filter(|row| &row[2] == "idea" && row[3].trim().chars().count() >= 20)
        .count()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

async fn count_inputs(db: &sea_orm::DatabaseConnection) -> u64 {
    input::Entity::find().count(db).await.expect("count")
}

#[tokio::test]
async fn demo_fills_an_empty_database_and_refuses_one_with_inputs_unless_forced() {
    let database = TestDatabase::create().await;
    let expected = idea_rows();
    assert!(expected > 50, "the data set has {expected} idea rows");

    // Run from the project root, the data is found without --data.
    let output = command(&database.url, database.data_dir())
        .current_dir(repo_root())
        .arg("demo")
        .output()
        .expect("run demo");
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(printed.contains("8 created"), "{printed}");
    assert!(
        printed.contains(&format!("{expected} published")),
        "{printed}"
    );

    let db = innspill::db::connect(&database.url).await.expect("connect");
    assert_eq!(theme::Entity::find().count(&db).await.expect("themes"), 8);
    let ideas = input::Entity::find()
        .filter(input::Column::Channel.eq(Channel::Idea))
        .filter(input::Column::Status.eq(Status::Published))
        .all(&db)
        .await
        .expect("ideas");
    assert_eq!(ideas.len(), expected);
    assert_eq!(count_inputs(&db).await, expected as u64);

    // Published over the last six weeks, not all at once.
    let now = Utc::now();
    let dates: Vec<_> = ideas
        .iter()
        .map(|idea| idea.published_at.expect("published_at"))
        .collect();
    let first = dates.iter().min().expect("dates");
    let last = dates.iter().max().expect("dates");
    assert!(
        *last - *first > chrono::Duration::days(7),
        "{first} – {last}"
    );
    assert!(now - *first <= chrono::Duration::weeks(6) + chrono::Duration::hours(1));
    assert!(*last <= now);
    for idea in &ideas {
        assert!(idea.created_at <= idea.published_at.expect("published_at"));
        let title = idea.title.as_deref().unwrap_or_default();
        assert!(
            !title.is_empty() && title.chars().count() <= 80,
            "{title:?}"
        );
        assert!(idea.contact_id.is_none());
    }

    // Some support, and each count matches the rows behind it.
    let mut supported = 0;
    let mut popular = 0;
    for idea in &ideas {
        let rows = support::Entity::find()
            .filter(support::Column::InputId.eq(idea.id))
            .count(&db)
            .await
            .expect("supports");
        assert_eq!(i64::from(idea.support_count), rows as i64, "{}", idea.id);
        supported += usize::from(rows > 0);
        popular += usize::from(rows >= 10);
    }
    assert!(
        supported > expected / 3,
        "{supported} of {expected} supported"
    );
    assert!(popular > 0 && popular < expected / 4, "{popular} popular");
    let programme = innspill::settings::service::current(&db)
        .await
        .expect("settings");
    assert_eq!(programme.municipality_name, "Eksempelvik");

    // Again without --force: refused, nothing added.
    let output = command(&database.url, database.data_dir())
        .args(["demo", "--data"])
        .arg(data_dir())
        .output()
        .expect("run demo");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(count_inputs(&db).await, expected as u64);

    // With --force the ideas are added again; the themes stay eight.
    let output = command(&database.url, database.data_dir())
        .args(["demo", "--force", "--data"])
        .arg(data_dir())
        .output()
        .expect("run demo");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("8 unchanged"),
        "{}",
        stdout(&output)
    );
    assert_eq!(count_inputs(&db).await, 2 * expected as u64);
    assert_eq!(theme::Entity::find().count(&db).await.expect("themes"), 8);
    db.close().await.ok();

    // A server on the demo database shows it.
    let server = Server::start(&database.url, database.data_dir());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    for path in ["/", "/ideer"] {
        let response = client
            .get(format!("{}{path}", server.address))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200, "{path}");
    }
    let page: Value = client
        .get(format!("{}/api/v1/ideas?per_page=1", server.address))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("JSON");
    assert_eq!(page["total"], 2 * expected);
}

#[tokio::test]
async fn demo_without_its_data_says_where_it_looked_and_changes_nothing() {
    let database = TestDatabase::create().await;
    let missing = database.data_dir().join("nowhere");
    let output = command(&database.url, database.data_dir())
        .args(["demo", "--data"])
        .arg(&missing)
        .output()
        .expect("run demo");
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("dev.csv"), "{message}");
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
    assert!(stdout(&output).trim().is_empty());
}
