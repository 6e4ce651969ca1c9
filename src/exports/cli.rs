//! `innspill export ...`: the command-line face of the exporter, so the
//! binary's `main.rs` only parses and dispatches.

use clap::{Subcommand, ValueEnum};

use crate::config::Settings;
use crate::db;
use crate::error::BoxError;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Every input of every channel, one row each, with its themes and tags.
    /// Without --output it goes to standard output; XLSX only when that is
    /// redirected or piped, never to a terminal.
    Inputs(ExportInputsArgs),
    /// Every business registered for an interview, one row each, with its
    /// size, themes, booked time and how far its interview has come.
    Businesses(ExportBusinessesArgs),
    /// Every recorded interview answer, one row each, with its question as
    /// asked and its business. (Findings are inputs: `export inputs
    /// --channel interview`.)
    Interviews(ExportInterviewsArgs),
}

#[derive(clap::Args)]
pub struct ExportBusinessesArgs {
    /// csv: for Norwegian Excel (UTF-8 with BOM, `;`); csv-rfc: RFC 4180
    /// (`,`, no BOM); xlsx: an Excel workbook; json: an array of objects.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    /// Add each business's contact person. Recorded in the audit log.
    #[arg(long)]
    with_personal_data: bool,
    /// Language of the header row and of the industry names.
    #[arg(long, value_enum, default_value_t = LangArg::Nb)]
    lang: LangArg,
    /// The file to write (replaced once complete) [default: standard output].
    #[arg(long, short, value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
pub struct ExportInterviewsArgs {
    /// csv: for Norwegian Excel (UTF-8 with BOM, `;`); csv-rfc: RFC 4180
    /// (`,`, no BOM); xlsx: an Excel workbook; json: an array of objects.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    /// Language of the header row and of the topic names.
    #[arg(long, value_enum, default_value_t = LangArg::Nb)]
    lang: LangArg,
    /// The file to write (replaced once complete) [default: standard output].
    #[arg(long, short, value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
pub struct ExportInputsArgs {
    /// csv: for Norwegian Excel (UTF-8 with BOM, `;`); csv-rfc: RFC 4180
    /// (`,`, no BOM); xlsx: an Excel workbook; json: an array of objects.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    /// Add the senders' contact details. Recorded in the audit log.
    #[arg(long)]
    with_personal_data: bool,
    /// Only inputs from this channel; repeat for several [default: all].
    #[arg(long = "channel", value_enum, value_name = "CHANNEL")]
    channels: Vec<ChannelArg>,
    /// Only inputs with this status [default: all].
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// Language of the header row.
    #[arg(long, value_enum, default_value_t = LangArg::Nb)]
    lang: LangArg,
    /// The file to write (replaced once complete) [default: standard output].
    #[arg(long, short, value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    CsvRfc,
    Xlsx,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ChannelArg {
    Idea,
    Survey,
    Workshop,
    Meeting,
    Interview,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    Pending,
    Published,
    Hidden,
    Merged,
    Withdrawn,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Nb,
    Nn,
    En,
}

/// Runs an export command.
pub async fn run(settings: Settings, command: ExportCommand) -> Result<(), BoxError> {
    match command {
        ExportCommand::Inputs(args) => export_inputs(settings, args).await,
        ExportCommand::Businesses(args) => export_businesses(settings, args).await,
        ExportCommand::Interviews(args) => export_interviews(settings, args).await,
    }
}

impl FormatArg {
    fn format(self) -> crate::exports::Format {
        use crate::exports::Format;
        match self {
            FormatArg::Csv => Format::Csv,
            FormatArg::CsvRfc => Format::CsvRfc,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Json => Format::Json,
        }
    }
}

impl LangArg {
    fn lang(self) -> crate::web::Lang {
        use crate::web::Lang;
        match self {
            LangArg::Nb => Lang::Nb,
            LangArg::Nn => Lang::Nn,
            LangArg::En => Lang::En,
        }
    }
}

/// The database, created and migrated if need be, as `serve` would.
async fn database(settings: &Settings) -> Result<sea_orm::DatabaseConnection, BoxError> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
    Ok(db)
}

async fn export_businesses(settings: Settings, args: ExportBusinessesArgs) -> Result<(), BoxError> {
    use crate::exports;
    use crate::interviews::export::{BusinessSource, businesses};

    let (format, lang) = (args.format.format(), args.lang.lang());
    let db = database(&settings).await?;
    if args.with_personal_data {
        // Logged before a byte is written, as for inputs.
        exports::record_personal_data(&db, None, businesses::RESOURCE, format, "cli").await?;
    }
    let table = businesses::table(lang, args.with_personal_data);
    let source = BusinessSource::new(db, lang, args.with_personal_data);
    let rows = exports::output::write_out(source, format, &table, args.output.as_deref()).await?;
    eprintln!("Exported {rows} businesses.");
    Ok(())
}

async fn export_interviews(settings: Settings, args: ExportInterviewsArgs) -> Result<(), BoxError> {
    use crate::exports;
    use crate::interviews::export::{AnswerSource, interviews};

    let (format, lang) = (args.format.format(), args.lang.lang());
    let db = database(&settings).await?;
    let table = interviews::table(lang);
    let source = AnswerSource::new(db, lang);
    let rows = exports::output::write_out(source, format, &table, args.output.as_deref()).await?;
    eprintln!("Exported {rows} interview answers.");
    Ok(())
}

async fn export_inputs(settings: Settings, args: ExportInputsArgs) -> Result<(), BoxError> {
    use crate::entities::input::{Channel, Status};
    use crate::exports;
    use crate::inputs::export::{self as inputs_export, InputFilter, InputSource};

    let format = args.format.format();
    let channels = args
        .channels
        .iter()
        .map(|channel| match channel {
            ChannelArg::Idea => Channel::Idea,
            ChannelArg::Survey => Channel::Survey,
            ChannelArg::Workshop => Channel::Workshop,
            ChannelArg::Meeting => Channel::Meeting,
            ChannelArg::Interview => Channel::Interview,
        })
        .collect();
    let status = args.status.map(|status| match status {
        StatusArg::Pending => Status::Pending,
        StatusArg::Published => Status::Published,
        StatusArg::Hidden => Status::Hidden,
        StatusArg::Merged => Status::Merged,
        StatusArg::Withdrawn => Status::Withdrawn,
    });
    let lang = args.lang.lang();
    let filter = InputFilter { channels, status };
    let db = database(&settings).await?;
    if args.with_personal_data {
        // Logged before a byte is written: a failed export may still have
        // left personal data somewhere.
        exports::record_personal_data(
            &db,
            None,
            inputs_export::RESOURCE,
            format,
            &format!("cli; {}", filter.describe()),
        )
        .await?;
    }
    let table = inputs_export::table(lang, args.with_personal_data);
    let source = InputSource::new(db, filter, args.with_personal_data);
    let rows = exports::output::write_out(source, format, &table, args.output.as_deref()).await?;
    // On standard error, so standard output holds nothing but the export.
    eprintln!("Exported {rows} inputs.");
    Ok(())
}
