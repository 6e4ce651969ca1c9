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
    }
}

async fn export_inputs(settings: Settings, args: ExportInputsArgs) -> Result<(), BoxError> {
    use crate::entities::input::{Channel, Status};
    use crate::exports::{self, Format};
    use crate::inputs::export::{self as inputs_export, InputFilter, InputSource};
    use crate::web::Lang;

    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::CsvRfc => Format::CsvRfc,
        FormatArg::Xlsx => Format::Xlsx,
        FormatArg::Json => Format::Json,
    };
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
    let lang = match args.lang {
        LangArg::Nb => Lang::Nb,
        LangArg::Nn => Lang::Nn,
        LangArg::En => Lang::En,
    };
    let filter = InputFilter { channels, status };
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = db::connect(settings.database_url.expose()).await?;
    db::migrate(&db).await?;
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
