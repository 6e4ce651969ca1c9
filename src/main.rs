//! The `innspill` command: parses the command line and calls into the library.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use innspill::config::{GlobalArgs, Settings};
use innspill::entities::user::Role;
use innspill::error::BoxError;
use innspill::{admin, db, domain::Email};
use tracing_subscriber::EnvFilter;

/// innspill: input and mobilisation platform for a municipal restructuring programme.
///
/// Every option can also be set by the environment variable shown with it.
/// Without a subcommand, `serve` runs.
#[derive(Parser)]
#[command(name = "innspill", version, about, long_about)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending database migrations, then serve the platform (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an account. The password is read from standard input when it is
    /// piped in; otherwise one is generated and printed once.
    CreateUser {
        /// E-mail address the user signs in with.
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// What the user may do.
        #[arg(long, value_enum, default_value_t = RoleArg::Facilitator)]
        role: RoleArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    /// Everything, including users and settings.
    Admin,
    /// Work on inputs, events, interviews, surveys, themes and exports.
    Facilitator,
    /// Read-only dashboards and reports, no personal data.
    Observer,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Facilitator => Role::Facilitator,
            RoleArg::Observer => Role::Observer,
        }
    }
}

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let settings = Settings::from_args(cli.global);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => innspill::serve(settings).await,
        Command::Migrate => migrate(settings).await,
        Command::Admin(AdminCommand::CreateUser { email, name, role }) => {
            create_user(settings, &email, &name, role.into()).await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", innspill::error::cause_chain(err.as_ref()));
            ExitCode::FAILURE
        }
    }
}

async fn migrate(settings: Settings) -> Result<(), BoxError> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    println!("The database is up to date.");
    Ok(())
}

async fn create_user(
    settings: Settings,
    email: &str,
    name: &str,
    role: Role,
) -> Result<(), BoxError> {
    let email = Email::parse(email).map_err(|_| format!("not an e-mail address: {email}"))?;
    if name.trim().is_empty() {
        return Err("the name must not be empty".into());
    }
    let piped = read_piped_password()?;
    let password = piped.clone().unwrap_or_else(admin::password::generate);
    if password.chars().count() < 12 {
        return Err("the password must have at least 12 characters".into());
    }
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    let user = admin::service::create_user(&db, &email, name, role, &password).await?;
    println!("Created {} ({}) as {:?}.", user.email, user.name, user.role);
    if piped.is_none() {
        println!("Password (shown once): {password}");
    }
    Ok(())
}

/// The first line of standard input when it is not a terminal and not empty.
fn read_piped_password() -> std::io::Result<Option<String>> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(None);
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    Ok((!password.is_empty()).then_some(password))
}
