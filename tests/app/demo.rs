//! `innspill demo`: an empty database gets the eight themes and the built-in
//! data's ideas, published over the last six weeks with support, from any
//! directory; `--ideas N` composes N varied ideas over the programme period;
//! a database that already holds inputs is refused unless `--force` is given.

use std::collections::{HashMap, HashSet};
use std::process::Output;
use std::time::Duration;

use chrono::Utc;
use innspill::entities::input::{self, Channel, Status};
use innspill::entities::input_theme::{self, Origin};
use innspill::entities::{support, theme};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::common::binary::{Server, command};
use crate::common::{TestDatabase, demo_data_dir};

/// Idea rows of the demo data with at least 20 characters of text, counted
/// here independently of the code under test.
fn idea_rows() -> usize {
    let mut reader =
        csv::Reader::from_path(demo_data_dir().join("inputs.csv")).expect("inputs.csv");
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

    // Run from a folder with nothing in it: the data is built in.
    let elsewhere = tempfile::tempdir().expect("temporary directory");
    let output = command(&database.url, database.data_dir())
        .current_dir(elsewhere.path())
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
    // The demo's ideas are seed texts: the tagger learns each once, with
    // the labels on the idea, not twice.
    let examples = innspill::tagging::service::training_examples(&db)
        .await
        .expect("training data");
    assert_eq!(examples.len(), innspill::tagging::dataset::built_in().len());

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
        .arg("demo")
        .output()
        .expect("run demo");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(count_inputs(&db).await, expected as u64);

    // With --force the ideas are added again, here from a folder named with
    // --data; the themes stay eight.
    let output = command(&database.url, database.data_dir())
        .args(["demo", "--force", "--data"])
        .arg(demo_data_dir())
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
    assert!(message.contains("inputs.csv"), "{message}");
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
    assert!(stdout(&output).trim().is_empty());
}

/// The published ideas in the order they were sent.
async fn ideas_in_order(db: &sea_orm::DatabaseConnection) -> Vec<input::Model> {
    input::Entity::find()
        .filter(input::Column::Channel.eq(Channel::Idea))
        .filter(input::Column::Status.eq(Status::Published))
        .order_by_asc(input::Column::CreatedAt)
        .all(db)
        .await
        .expect("ideas")
}

#[tokio::test]
async fn demo_ideas_composes_that_many_varied_ideas_with_themes_and_support_from_any_directory() {
    const COUNT: usize = 300;
    let database = TestDatabase::create().await;
    let elsewhere = tempfile::tempdir().expect("temporary directory");
    let output = command(&database.url, database.data_dir())
        .current_dir(elsewhere.path())
        .args(["demo", "--ideas", &COUNT.to_string(), "--seed", "42"])
        .output()
        .expect("run demo");
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(printed.contains(&format!("{COUNT} published")), "{printed}");
    assert!(printed.contains(&format!("{COUNT} ideas in ")), "{printed}");

    let db = innspill::db::connect(&database.url).await.expect("connect");
    let ideas = ideas_in_order(&db).await;
    assert_eq!(ideas.len(), COUNT);
    assert_eq!(count_inputs(&db).await, COUNT as u64);

    // Spread over the programme period so far, not bunched on a few days.
    let now = Utc::now();
    let days: HashSet<_> = ideas
        .iter()
        .map(|idea| idea.published_at.expect("published_at").date_naive())
        .collect();
    assert!(days.len() > 50, "{} distinct days", days.len());
    for idea in &ideas {
        let published = idea.published_at.expect("published_at");
        assert!(idea.created_at <= published && published <= now);
    }

    // Varied titles that fit, in both written languages, from mixed groups.
    let titles: HashSet<_> = ideas.iter().filter_map(|idea| idea.title.clone()).collect();
    assert!(titles.len() > COUNT / 3, "{} distinct titles", titles.len());
    assert!(titles.iter().all(|title| title.chars().count() <= 80));
    let bodies: HashSet<_> = ideas.iter().map(|idea| idea.body.as_str()).collect();
    assert!(bodies.len() > COUNT / 2, "{} distinct texts", bodies.len());
    let languages: HashSet<_> = ideas.iter().map(|idea| idea.language.as_str()).collect();
    assert_eq!(languages.len(), 2, "{languages:?}");
    let groups: HashSet<_> = ideas
        .iter()
        .map(|idea| idea.stakeholder_group.as_str())
        .collect();
    assert!(groups.len() >= 4, "{groups:?}");

    // Every idea tagged by hand with at least one theme.
    let tags = input_theme::Entity::find().all(&db).await.expect("tags");
    let tagged: HashSet<_> = tags.iter().map(|tag| tag.input_id).collect();
    assert_eq!(tagged.len(), COUNT);
    assert!(tags.iter().all(|tag| tag.origin == Origin::Manual));

    // Each support count matches its rows, every support from its own browser.
    let supports = support::Entity::find().all(&db).await.expect("supports");
    let mut per_idea: HashMap<_, i64> = HashMap::new();
    for row in &supports {
        *per_idea.entry(row.input_id).or_default() += 1;
    }
    for idea in &ideas {
        let rows = per_idea.get(&idea.id).copied().unwrap_or(0);
        assert_eq!(i64::from(idea.support_count), rows, "{}", idea.id);
    }
    let browsers: HashSet<_> = supports.iter().map(|row| &row.browser_hash).collect();
    let addresses: HashSet<_> = supports.iter().map(|row| &row.address_hash).collect();
    assert_eq!(browsers.len(), supports.len());
    assert_eq!(addresses.len(), supports.len());
    assert!(per_idea.len() > COUNT / 3, "{} supported", per_idea.len());

    // The same seed on another database gives the same ideas.
    let again = TestDatabase::create().await;
    let output = command(&again.url, again.data_dir())
        .args(["demo", "--ideas", &COUNT.to_string(), "--seed", "42"])
        .output()
        .expect("run demo");
    assert!(output.status.success(), "{}", stderr(&output));
    let other = innspill::db::connect(&again.url).await.expect("connect");
    let content = |ideas: &[input::Model]| {
        ideas
            .iter()
            .map(|idea| (idea.title.clone(), idea.body.clone(), idea.support_count))
            .collect::<Vec<_>>()
    };
    assert_eq!(content(&ideas_in_order(&other).await), content(&ideas));
    other.close().await.ok();
    db.close().await.ok();
}

/// The demo's visitors answer the pairwise survey leaning to the themes
/// that more ideas were about: the fitted scores rank the themes much as
/// their numbers of ideas do, and a tenth or so are "can't decide". The
/// votes depend only on the seed (0.90 for seed 7). Over seeds 1-10 the
/// rank correlation was 0.78-0.96; with the lean taken out, 9 of 10 seeds
/// gave -0.42 to 0.10.
#[tokio::test]
async fn demo_visitors_answer_the_pairwise_survey_leaning_to_the_themes_with_more_ideas() {
    let database = TestDatabase::create().await;
    let db = innspill::db::connect(&database.url).await.expect("connect");
    innspill::db::migrate(&db).await.expect("migrate");
    let report = innspill::demo::load(
        &db,
        &innspill::demo::Options {
            seed: Some(7),
            ..Default::default()
        },
    )
    .await
    .expect("demo");
    let scores = innspill::priorities::pairwise::scores(&db, innspill::web::Lang::Nb)
        .await
        .expect("scores");
    assert_eq!(scores.votes, report.pairwise_votes as u64);
    assert!(
        (60 * 5..=60 * 20).contains(&report.pairwise_votes),
        "{} votes from 60 visitors",
        report.pairwise_votes
    );
    assert_eq!(scores.streams, 60);
    let skip_share = scores.skips as f64 / scores.votes as f64;
    assert!((0.03..0.2).contains(&skip_share), "{skip_share}");
    assert_eq!(scores.options.len(), 8, "every theme is an option");

    let mut tagged: HashMap<uuid::Uuid, usize> = HashMap::new();
    for tag in input_theme::Entity::find()
        .filter(input_theme::Column::Origin.eq(Origin::Manual))
        .all(&db)
        .await
        .expect("tags")
    {
        *tagged.entry(tag.theme_id).or_default() += 1;
    }
    let score_of = |theme: uuid::Uuid| {
        scores
            .options
            .iter()
            .find(|o| o.theme_id == Some(theme))
            .map(|o| o.score)
            .expect("scored")
    };
    // Spearman's rank correlation between ideas per theme and score (tied
    // values share their mean rank): near 1 when the votes follow the
    // ideas, near 0 (either sign) when they are drawn at random.
    let themes: Vec<uuid::Uuid> = tagged.keys().copied().collect();
    let ranks = |value: &dyn Fn(uuid::Uuid) -> f64| -> Vec<f64> {
        let values: Vec<f64> = themes.iter().map(|t| value(*t)).collect();
        values
            .iter()
            .map(|v| {
                let below = values.iter().filter(|w| *w < v).count() as f64;
                let equal = values.iter().filter(|w| *w == v).count() as f64;
                below + (equal - 1.0) / 2.0
            })
            .collect()
    };
    let rho = pearson(&ranks(&|t| tagged[&t] as f64), &ranks(&|t| score_of(t)));
    assert!(rho > 0.6, "rank correlation {rho}: {tagged:?}");
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
    let (ma, mb) = (mean(a), mean(b));
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let var = |x: &[f64], m: f64| x.iter().map(|v| (v - m).powi(2)).sum::<f64>();
    cov / (var(a, ma) * var(b, mb)).sqrt()
}
