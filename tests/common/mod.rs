//! Test helpers: the real app on a random port against a fresh database.
//!
//! Each test gets its own database: a temporary SQLite file, or, when
//! `INNSPILL_TEST_DATABASE_URL` points at a PostgreSQL server, a database
//! created for the test and dropped after it.
#![allow(dead_code)]

pub mod binary;
pub mod seed;
pub mod smtp;
pub mod staff;

use std::path::{Path, PathBuf};

use innspill::Application;
use innspill::config::Settings;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use tempfile::TempDir;
use uuid::Uuid;

/// A database made for one test, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    pub dir: TempDir,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    pub async fn create() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        match std::env::var("INNSPILL_TEST_DATABASE_URL") {
            Ok(server_url) if !server_url.is_empty() => {
                let name = format!("innspill_test_{}", Uuid::new_v4().simple());
                let admin = Database::connect(&server_url)
                    .await
                    .expect("connect to INNSPILL_TEST_DATABASE_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let mut url = url::Url::parse(&server_url).expect("database URL");
                url.set_path(&format!("/{name}"));
                Self {
                    url: url.to_string(),
                    dir,
                    postgres: Some((server_url, name)),
                }
            }
            _ => Self {
                url: innspill::config::default_sqlite_url(dir.path()),
                dir,
                postgres: None,
            },
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((server_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside any runtime that may be shutting down, so use a fresh one.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                if let Ok(admin) = Database::connect(&server_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    admin.close().await.ok();
                }
            });
        })
        .join();
    }
}

/// A running app and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub port: u16,
    /// Keeps cookies; never follows redirects, so tests see them.
    pub client: reqwest::Client,
    /// A connection of the test's own to the app's database.
    pub db: DatabaseConnection,
    /// The app's own connection pool, to simulate the database going away.
    pub app_db: DatabaseConnection,
    /// The key of the app's keyed hashes, to set up rate-limit counts.
    pub hash_key: std::sync::Arc<[u8]>,
    /// The app's tagger (its cached model), as its handlers use it.
    pub tagger: innspill::tagging::service::Tagger,
    pub database: TestDatabase,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app after `adjust` has changed its settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let database = TestDatabase::create().await;
    let mut settings = Settings::for_database(&database.url, database.data_dir());
    adjust(&mut settings);
    let app_db = innspill::db::connect(&database.url).await.expect("connect");
    innspill::db::migrate(&app_db).await.expect("migrate");
    let application = Application::build(settings, app_db.clone()).expect("build app");
    let port = application.port();
    let hash_key = application.hash_key();
    let tagger = application.tagger();
    tokio::spawn(application.run_until_stopped());
    let db = innspill::db::connect(&database.url).await.expect("connect");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        client: client(),
        db,
        app_db,
        hash_key,
        tagger,
        database,
    }
}

/// Starts the app and its tagger worker, as `serve` runs them: new inputs
/// get suggested themes in the background.
pub async fn spawn_app_with_tagger(
    adjust: impl FnOnce(&mut Settings),
) -> (TestApp, innspill::tagging::service::TaggerWorker) {
    let app = spawn_app_with(adjust).await;
    let worker = start_tagger(&app);
    (app, worker)
}

/// Starts a tagger worker for `app`, sharing its model cache.
pub fn start_tagger(app: &TestApp) -> innspill::tagging::service::TaggerWorker {
    use innspill::tagging::service::{TaggerWorker, WorkerSettings};
    let settings = WorkerSettings {
        poll_interval: std::time::Duration::from_millis(100),
        ..WorkerSettings::default()
    };
    TaggerWorker::start(app.app_db.clone(), app.tagger.clone(), settings)
}

/// Starts the app and its mail worker, delivering to a test SMTP server that
/// is started too. The worker looks for mail every 50 ms unless `adjust`
/// says otherwise; stop it with `worker.stop().await` when the test needs to.
pub async fn spawn_app_with_mail(
    adjust: impl FnOnce(&mut Settings),
) -> (TestApp, smtp::SmtpSink, innspill::mail::MailWorker) {
    let smtp = smtp::SmtpSink::start().await;
    let mut used = None;
    let app = spawn_app_with(|settings| {
        settings.smtp_url = Some(innspill::config::Secret::new(smtp.url()));
        settings.mail.poll_interval = std::time::Duration::from_millis(50);
        adjust(settings);
        used = Some(settings.clone());
    })
    .await;
    let settings = used.expect("settings were adjusted");
    let worker =
        innspill::mail::MailWorker::start(app.app_db.clone(), &settings).expect("mail worker");
    (app, smtp, worker)
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// GET with the language cookie set to `lang`, as a browser that chose it.
    pub async fn get_in(&self, path: &str, lang: &str) -> reqwest::Response {
        client()
            .get(self.url(path))
            .header("Cookie", format!("lang={lang}"))
            .send()
            .await
            .expect("request")
    }
}

/// Asserts a 303 (or other redirect) to `location`.
pub fn assert_redirect_to(response: &reqwest::Response, location: &str) {
    assert!(
        response.status().is_redirection(),
        "expected a redirect, got {}",
        response.status()
    );
    assert_eq!(
        response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some(location)
    );
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The demo data the binary has built in (`themes.csv`, `inputs.csv`), which
/// the tests use as fixtures: the repository's own copy, so a plain clone tests.
pub fn demo_data_dir() -> PathBuf {
    repo_root().join("assets/demo")
}

/// A published idea with `title` and a body long enough to be stored, sent
/// through the real submission service.
pub async fn published_idea(app: &TestApp, title: &str) -> Uuid {
    use innspill::ideas::service::{self, NewIdea};
    let idea = NewIdea {
        title: title.to_owned(),
        body: format!("{title}: en idé med nok tekst til å bli lagret."),
        themes: Vec::new(),
        group: innspill::inputs::StakeholderGroup::Resident,
        location: None,
        language: innspill::web::Lang::Nb,
        contact: None,
        idempotency_key: None,
    };
    service::submit(
        &app.db,
        idea,
        innspill::settings::service::ModerationMode::Post,
        None,
    )
    .await
    .expect("submit")
    .id
}
