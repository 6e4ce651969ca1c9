//! innspill: gathers residents' and businesses' input for a municipal
//! restructuring programme and turns it into evidence for its priorities.

pub mod admin;
pub mod api;
pub mod audit;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod entities;
pub mod error;
pub mod events;
pub mod exports;
pub mod ideas;
pub mod inputs;
pub mod interviews;
pub mod mail;
pub mod priorities;
pub mod settings;
pub mod site;
pub mod surveys;
pub mod tagging;
pub mod themes;
pub mod web;

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web as aweb};
use sea_orm::DatabaseConnection;
use tracing_actix_web::TracingLogger;
use url::Url;

use crate::config::Settings;
use crate::error::{AppError, BoxError};

/// Largest request body any handler accepts; forms are far smaller.
const MAX_BODY_BYTES: usize = 256 * 1024;
/// How long in-flight requests may take to finish after a stop signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// What handlers share.
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// Key for keyed hashes (support and rate-limit keys); from the cookie secret.
    pub hash_key: Arc<[u8]>,
    /// Rendered public pages, checked against the database on every request.
    pub pages: web::page_cache::PageCache,
    /// The theme tagger's model in use, shared with the tagger worker.
    pub tagger: tagging::service::Tagger,
}

impl AppState {
    /// An absolute URL on this site, for links in mails.
    pub fn public_url(&self, path: &str) -> Result<Url, AppError> {
        let base = self
            .settings
            .public_url
            .as_ref()
            .ok_or_else(|| AppError::Unexpected("public URL unknown".into(), None))?;
        base.join(path.trim_start_matches('/'))
            .map_err(|err| AppError::unexpected("building a link", err))
    }
}

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    public_url: Url,
    hash_key: Arc<[u8]>,
    tagger: tagging::service::Tagger,
    server: Server,
}

impl Application {
    /// Binds `settings.bind` (port 0 picks a free one) and builds the server.
    pub fn build(mut settings: Settings, db: DatabaseConnection) -> std::io::Result<Self> {
        let listener = TcpListener::bind(&settings.bind)?;
        let address = listener.local_addr()?;
        let public_url = match &settings.public_url {
            Some(url) => url.clone(),
            None => default_public_url(address)?,
        };
        settings.public_url = Some(public_url.clone());
        let https = settings.is_https();
        let secret = config::load_or_create_secret(&settings)?;
        let cookie_key = actix_web::cookie::Key::try_from(secret.as_slice())
            .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidInput, err))?;
        // A key of its own for hashes, derived so it never equals the cookie key.
        let hash_key: Arc<[u8]> = {
            use sha2::{Digest, Sha256};
            Sha256::new()
                .chain_update(b"innspill hash key")
                .chain_update(&secret)
                .finalize()
                .to_vec()
                .into()
        };
        let tagger = tagging::service::Tagger::default();
        let state = aweb::Data::new(AppState {
            db,
            settings: Arc::new(settings),
            hash_key: hash_key.clone(),
            pages: web::page_cache::PageCache::default(),
            tagger: tagger.clone(),
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(aweb::PayloadConfig::new(MAX_BODY_BYTES))
                .app_data(aweb::FormConfig::default().limit(MAX_BODY_BYTES))
                .app_data(aweb::JsonConfig::default().limit(MAX_BODY_BYTES))
                .wrap(web::session::middleware(cookie_key.clone(), https))
                .wrap(from_fn(web::errors::render_errors))
                .wrap(from_fn(web::headers::no_store_for_staff))
                .wrap(web::headers::security_headers(https))
                .wrap(Compress::default())
                .wrap(TracingLogger::<web::request_log::RequestSpan>::new())
                .configure(web::assets::configure)
                .configure(settings::accent::configure)
                .configure(site::routes::configure)
                .configure(themes::routes::configure)
                .configure(admin::routes::configure)
                .configure(settings::routes::configure)
                .configure(ideas::configure)
                .configure(events::configure)
                .configure(interviews::configure)
                .configure(surveys::configure)
                .configure(priorities::configure)
                .configure(tagging::triage::configure)
                .configure(exports::configure)
                .configure(api::routes::configure)
                .service(web::errors::fallback()) // after every route: 405 or 404
                .default_service(aweb::to(not_found))
        })
        .shutdown_timeout(SHUTDOWN_GRACE.as_secs())
        // `serve` installs the handlers itself, before it says it is listening,
        // so a signal that comes right after that message is never missed.
        .disable_signals()
        .listen(listener)?
        .run();
        Ok(Self {
            hash_key,
            tagger,
            port: address.port(),
            public_url,
            server,
        })
    }

    /// The key this server's keyed hashes use (tests set up counts with it).
    pub fn hash_key(&self) -> Arc<[u8]> {
        self.hash_key.clone()
    }

    /// The tagger the handlers use, for the tagger worker to share.
    pub fn tagger(&self) -> tagging::service::Tagger {
        self.tagger.clone()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn public_url(&self) -> &Url {
        &self.public_url
    }

    /// Serves until stopped through `handle()`.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    /// Stops the server: `stop(true)` stops taking connections and lets the
    /// requests in flight finish.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }
}

/// `http://` and the bound address, with `localhost` for an all-interfaces bind.
fn default_public_url(address: std::net::SocketAddr) -> std::io::Result<Url> {
    let host = if address.ip().is_unspecified() {
        "localhost".to_owned()
    } else if address.is_ipv6() {
        format!("[{}]", address.ip())
    } else {
        address.ip().to_string()
    };
    Url::parse(&format!("http://{host}:{}/", address.port()))
        .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidInput, err))
}

async fn not_found() -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// `innspill serve`: migrate, make sure someone can sign in, then serve.
pub async fn serve(settings: Settings) -> Result<(), BoxError> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    let admin_email = domain::Email::parse(&settings.admin_email).map_err(|_| {
        format!(
            "INNSPILL_ADMIN_EMAIL is not an e-mail address: {}",
            settings.admin_email
        )
    })?;
    let first_admin = admin::service::ensure_first_admin(&db, &admin_email).await?;
    // Started before the server so a bad mail setting stops start-up at once.
    let mail_worker = mail::MailWorker::start(db.clone(), &settings)?;
    let retention = events::retention::start(db.clone());
    let app = Application::build(settings, db.clone())?;
    let tagger_worker = tagging::service::TaggerWorker::start(
        db,
        app.tagger(),
        tagging::service::WorkerSettings::default(),
    );
    if let Some(password) = first_admin {
        println!("Created the first admin account. Sign in and change the password:");
        println!("  e-mail:   {admin_email}");
        println!("  password: {password}");
        println!("  sign in:  {}admin/login", app.public_url());
    }
    stop_on_signal(app.handle())?;
    println!("innspill is listening on {}", app.public_url());
    let served = app.run_until_stopped().await;
    // The server has finished its requests; let the mail in flight go out too.
    mail_worker.stop().await;
    tagger_worker.stop().await;
    retention.abort();
    served?;
    tracing::info!("stopped");
    Ok(())
}

/// Registers for SIGTERM and SIGINT now, and stops the server gracefully when
/// one arrives.
fn stop_on_signal(handle: actix_web::dev::ServerHandle) -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    actix_web::rt::spawn(async move {
        tokio::select! {
            _ = terminate.recv() => tracing::info!("SIGTERM received; finishing requests in flight"),
            _ = interrupt.recv() => tracing::info!("SIGINT received; finishing requests in flight"),
        }
        handle.stop(true).await;
    });
    Ok(())
}
