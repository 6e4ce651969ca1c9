//! The `innspill` command: parses the command line and calls into the library.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use innspill::config::{GlobalArgs, Settings};
use innspill::entities::user::Role;
use innspill::error::BoxError;
use innspill::{admin, api, db, demo, domain::Email, tagging, themes};
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
    /// Export data as CSV, XLSX or JSON.
    #[command(subcommand)]
    Export(innspill::exports::cli::ExportCommand),
    /// Manage themes (candidate priority areas).
    #[command(subcommand)]
    Themes(ThemesCommand),
    /// Evaluate the theme tagger or load its labelled seed.
    #[command(subcommand)]
    Tagger(TaggerCommand),
    /// Fill an empty database with a demo programme: the eight candidate
    /// themes and published ideas with support, from the demo data built into
    /// the binary. By default each of its 107 ideas once, over the last six
    /// weeks; with --ideas N, N ideas composed from them over the programme
    /// period. Refuses a database that already holds inputs.
    Demo {
        /// Add the demo content even when the database already holds inputs.
        #[arg(long)]
        force: bool,
        /// Compose this many varied ideas (with themes and supports) instead,
        /// for trying the platform at scale.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        ideas: Option<u32>,
        /// Seed for the random choices, so two runs give the same content.
        #[arg(long, value_name = "NUMBER")]
        seed: Option<u64>,
        /// Read themes.csv and inputs.csv (or dev.csv) from this folder
        /// instead of the built-in data.
        #[arg(long, value_name = "PATH")]
        data: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum ThemesCommand {
    /// Create or update themes from a CSV file with the columns slug,
    /// name_nb, name_nn, name_en and optionally description_en, keywords and
    /// colour. Themes are matched by slug; a file with any bad row changes
    /// nothing.
    Import {
        /// The CSV file (UTF-8, comma- or semicolon-separated).
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum TaggerCommand {
    /// Print micro and macro precision, recall and F1 and a per-theme table
    /// of the tagger's suggestions against a labelled CSV file
    /// (id,lang,channel,text,themes; themes separated by `;`). Without
    /// --train, the tagger learns from what the platform would use (the seed
    /// and people's tags), leaving out every text that is also in FILE.
    Eval {
        /// The labelled file to score against.
        file: std::path::PathBuf,
        /// Train on this labelled file instead, and test on FILE.
        #[arg(long, value_name = "TRAIN.csv", conflicts_with = "folds")]
        train: Option<std::path::PathBuf>,
        /// K-fold cross-validation over FILE: each fold is scored by a model
        /// trained on the other folds (and the platform's data).
        #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(2..))]
        folds: Option<u32>,
    },
    /// Load a labelled CSV file as the tagger's seed, replacing the one
    /// before, and retrain. A file with a bad line changes nothing.
    Train {
        /// The labelled file (id,lang,channel,text,themes).
        file: std::path::PathBuf,
    },
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
    /// Create an API token for a user and print it once. The token acts
    /// with the user's role; revoke it on the admin page "API-nøkler".
    CreateToken {
        /// E-mail address of the user the token belongs to.
        #[arg(long)]
        email: String,
        /// What the token is for, as the admin page lists it.
        #[arg(long, default_value = "Kommandolinje")]
        name: String,
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
        Command::Export(command) => innspill::exports::cli::run(settings, command).await,
        Command::Admin(AdminCommand::CreateUser { email, name, role }) => {
            create_user(settings, &email, &name, role.into()).await
        }
        Command::Admin(AdminCommand::CreateToken { email, name }) => {
            create_token(settings, &email, &name).await
        }
        Command::Themes(ThemesCommand::Import { file }) => import_themes(settings, &file).await,
        Command::Tagger(TaggerCommand::Eval { file, train, folds }) => {
            let options = tagging::cli::Eval {
                file,
                train,
                folds: folds.map(|k| k as usize),
            };
            eval_tagger(settings, &options).await
        }
        Command::Tagger(TaggerCommand::Train { file }) => train_tagger(settings, &file).await,
        Command::Demo {
            force,
            ideas,
            seed,
            data,
        } => {
            let options = demo::Options {
                force,
                ideas: ideas.map(|n| n as usize),
                seed,
                data,
            };
            load_demo(settings, &options).await
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

async fn import_themes(settings: Settings, file: &std::path::Path) -> Result<(), BoxError> {
    let reader = std::fs::File::open(file)
        .map_err(|err| format!("cannot open {}: {err}", file.display()))?;
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    let report = themes::service::import_csv(&db, None, std::io::BufReader::new(reader)).await?;
    println!(
        "Imported {}: {} created, {} updated, {} unchanged.",
        file.display(),
        report.created,
        report.updated,
        report.unchanged
    );
    if !report.ignored_columns.is_empty() {
        println!("Ignored columns: {}", report.ignored_columns.join(", "));
    }
    Ok(())
}

async fn eval_tagger(settings: Settings, options: &tagging::cli::Eval) -> Result<(), BoxError> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    let evaluation = tagging::cli::eval(&db, options).await?;
    for warning in &evaluation.warnings {
        eprintln!("warning: {warning}");
    }
    println!("{}", evaluation.method);
    println!();
    print!("{}", evaluation.report);
    Ok(())
}

async fn train_tagger(settings: Settings, file: &std::path::Path) -> Result<(), BoxError> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    let trained = tagging::cli::train(&db, &tagging::service::Tagger::default(), file).await?;
    for warning in &trained.warnings {
        eprintln!("warning: {warning}");
    }
    println!(
        "Loaded {} labelled rows with {} themes from {} as the tagger's seed.",
        trained.rows,
        trained.themes,
        file.display()
    );
    match trained.model {
        Some(model) => println!(
            "Trained and stored the model on {} labelled texts.",
            model.trained_on
        ),
        None => println!("No active themes yet: the model is trained once there are some."),
    }
    Ok(())
}

async fn load_demo(settings: Settings, options: &demo::Options) -> Result<(), BoxError> {
    let started = std::time::Instant::now();
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    let report = demo::load(&db, options).await?;
    println!("Loaded the demo programme from {}:", report.source);
    println!(
        "  themes:   {} created, {} updated, {} unchanged",
        report.themes.created, report.themes.updated, report.themes.unchanged
    );
    print!("  ideas:    {} published", report.ideas);
    if let Some((first, last)) = report.published {
        print!(
            " between {} and {}",
            first.format("%Y-%m-%d"),
            last.format("%Y-%m-%d")
        );
    }
    println!(", with {} supports", report.supports);
    println!("  pairwise: {} votes on the themes", report.pairwise_votes);
    match &report.settings {
        Some(programme) => println!(
            "  settings: \"{}\" in {} municipality ({})",
            programme.programme_name, programme.municipality_name, programme.municipality_number
        ),
        None => println!("  settings: kept as they were"),
    }
    println!(
        "{} ideas in {:.1} s",
        report.ideas,
        started.elapsed().as_secs_f64()
    );
    Ok(())
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
    if let Err(rule) = admin::password::check_rules(&password, email.as_str()) {
        return Err(match rule {
            "password_is_email" => "the password must not be the e-mail address".into(),
            _ => format!(
                "the password must have at least {} characters",
                admin::password::MIN_LENGTH
            )
            .into(),
        });
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

async fn create_token(settings: Settings, email: &str, name: &str) -> Result<(), BoxError> {
    let email = Email::parse(email).map_err(|_| format!("not an e-mail address: {email}"))?;
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    let owner = api::tokens::user_by_email(&db, email.as_str())
        .await?
        .ok_or_else(|| format!("no user with the e-mail address {email}"))?;
    if owner.disabled {
        return Err(format!("the user {email} is disabled").into());
    }
    let (row, token) = api::tokens::create(&db, None, &owner, name).await?;
    eprintln!(
        "Created the API token \"{}\" for {} ({:?}). It is shown once:",
        row.name, owner.email, owner.role
    );
    println!("{token}");
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
