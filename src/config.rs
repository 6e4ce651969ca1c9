//! Settings read once at start-up: built-in defaults, then environment variables, then flags.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use url::Url;

/// Options every subcommand shares. clap layers flag over environment over default.
#[derive(clap::Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Address and port the web server listens on.
    #[arg(
        long,
        env = "INNSPILL_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: String,

    /// Database URL: `sqlite://path?mode=rwc` or `postgres://user:pass@host/db`.
    /// Default: the SQLite file `innspill.db` in the data directory.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, global = true)]
    pub database_url: Option<String>,

    /// Folder for the SQLite database, generated secrets and the mail folder.
    #[arg(
        long,
        env = "INNSPILL_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// SMTP server in lettre's URL form, e.g. `smtps://user:pass@host:465` or
    /// `smtp://host:1025`. Unset: mail is written as .eml files under the data directory.
    #[arg(long, env = "INNSPILL_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// External base URL used in mails and links, e.g. `https://innspill.kommune.no`.
    /// Default: http:// and the bind address. An https URL turns on HSTS and secure cookies.
    #[arg(long, env = "INNSPILL_PUBLIC_URL", global = true)]
    pub public_url: Option<Url>,

    /// Key that signs and encrypts cookies (at least 64 characters). Every instance
    /// behind one load balancer needs the same key. Default: generated once and kept
    /// in the data directory.
    #[arg(
        long,
        env = "INNSPILL_SECRET_KEY",
        hide_env_values = true,
        global = true
    )]
    pub secret_key: Option<String>,

    /// E-mail of the admin account created on the first start of an empty database.
    #[arg(
        long,
        env = "INNSPILL_ADMIN_EMAIL",
        default_value = "admin@example.org",
        global = true
    )]
    pub admin_email: String,

    /// Submissions of public forms allowed from one client address per ten
    /// minutes. A workshop on one shared network needs room; a flood does not.
    #[arg(long, env = "INNSPILL_SUBMISSION_LIMIT", default_value_t = DEFAULT_SUBMISSIONS_PER_WINDOW, global = true)]
    pub submission_limit: u64,

    /// Take the client address from the `Forwarded` / `X-Forwarded-For`
    /// header set by a reverse proxy in front of the app. Only turn this on
    /// behind a proxy that sets the header, or anyone can pretend to be anyone.
    #[arg(long, env = "INNSPILL_TRUST_PROXY", global = true)]
    pub trust_proxy: bool,

    /// Sender of every mail the platform sends.
    #[arg(
        long,
        env = "INNSPILL_MAIL_FROM",
        default_value = "innspill <noreply@example.org>",
        global = true
    )]
    pub mail_from: String,
}

/// A value that must never reach a log.
#[derive(Clone)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The typed settings the application runs with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub bind: String,
    pub database_url: Secret<String>,
    pub data_dir: PathBuf,
    pub smtp_url: Option<Secret<String>>,
    /// None until known: without a flag it follows the address actually bound.
    pub public_url: Option<Url>,
    pub secret_key: Option<Secret<String>>,
    pub admin_email: String,
    pub mail: MailSettings,
    /// A staff session ends after this long without a request.
    pub session_idle_timeout: Duration,
    /// Public forms sent faster than this after they were shown are taken for bots.
    pub form_min_time: Duration,
    /// Submissions of public forms allowed per client address within `submission_window`.
    pub submissions_per_window: u64,
    pub submission_window: Duration,
    /// Read the client address from proxy headers (see `GlobalArgs::trust_proxy`).
    pub trust_proxy: bool,
}

/// Nobody reads a form and writes an idea in three seconds; scripts do.
pub const DEFAULT_FORM_MIN_TIME: Duration = Duration::from_secs(3);
/// Thirty ideas in ten minutes from one address leaves room for a workshop
/// behind one network address and little for a flood.
pub const DEFAULT_SUBMISSIONS_PER_WINDOW: u64 = 30;
pub const DEFAULT_SUBMISSION_WINDOW: Duration = Duration::from_secs(10 * 60);

/// One hour: long enough for a workshop break, short for a shared computer.
pub const DEFAULT_SESSION_IDLE_TIMEOUT: Duration = Duration::from_secs(60 * 60);

/// How the outbox worker retries.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// Sender address of every mail.
    pub from: String,
    /// Attempts before a mail is marked failed and shown to admins.
    pub max_attempts: i32,
    /// Wait after the first failure; doubled after each further one.
    pub retry_base: Duration,
    /// How often the worker looks for due mail when nothing wakes it.
    pub poll_interval: Duration,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            from: "innspill <noreply@example.org>".to_owned(),
            max_attempts: 8,
            retry_base: Duration::from_secs(30),
            poll_interval: Duration::from_secs(5),
        }
    }
}

impl Settings {
    pub fn from_args(args: GlobalArgs) -> Self {
        let database_url = args
            .database_url
            .unwrap_or_else(|| default_sqlite_url(&args.data_dir));
        Self {
            bind: args.bind,
            database_url: Secret::new(database_url),
            data_dir: args.data_dir,
            smtp_url: args.smtp_url.map(Secret::new),
            public_url: args.public_url,
            secret_key: args.secret_key.map(Secret::new),
            admin_email: args.admin_email,
            mail: MailSettings {
                from: args.mail_from,
                ..MailSettings::default()
            },
            session_idle_timeout: DEFAULT_SESSION_IDLE_TIMEOUT,
            form_min_time: DEFAULT_FORM_MIN_TIME,
            submissions_per_window: args.submission_limit,
            submission_window: DEFAULT_SUBMISSION_WINDOW,
            trust_proxy: args.trust_proxy,
        }
    }

    /// Settings for a server on a random port against the given database (tests, tools).
    pub fn for_database(database_url: &str, data_dir: &Path) -> Self {
        Self {
            bind: "127.0.0.1:0".to_owned(),
            database_url: Secret::new(database_url.to_owned()),
            data_dir: data_dir.to_owned(),
            smtp_url: None,
            public_url: None,
            secret_key: None,
            admin_email: "admin@example.org".to_owned(),
            mail: MailSettings::default(),
            session_idle_timeout: DEFAULT_SESSION_IDLE_TIMEOUT,
            form_min_time: DEFAULT_FORM_MIN_TIME,
            submissions_per_window: DEFAULT_SUBMISSIONS_PER_WINDOW,
            submission_window: DEFAULT_SUBMISSION_WINDOW,
            trust_proxy: false,
        }
    }

    pub fn is_https(&self) -> bool {
        self.public_url
            .as_ref()
            .is_some_and(|url| url.scheme() == "https")
    }
}

/// The cookie key: from the settings, else from `secret.key` in the data
/// directory, created with 64 random bytes on first use.
pub fn load_or_create_secret(settings: &Settings) -> std::io::Result<Vec<u8>> {
    if let Some(key) = &settings.secret_key {
        let bytes = key.expose().as_bytes().to_vec();
        if bytes.len() < 64 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "INNSPILL_SECRET_KEY must have at least 64 characters",
            ));
        }
        return Ok(bytes);
    }
    let path = settings.data_dir.join("secret.key");
    match std::fs::read(&path) {
        Ok(bytes) if bytes.len() >= 64 => Ok(bytes),
        _ => {
            std::fs::create_dir_all(&settings.data_dir)?;
            let bytes: Vec<u8> = (0..64).map(|_| rand::random::<u8>()).collect();
            write_private(&path, &bytes)?;
            Ok(bytes)
        }
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

pub fn default_sqlite_url(data_dir: &Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("innspill.db").display()
    )
}
