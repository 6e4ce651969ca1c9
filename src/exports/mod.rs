//! Exports shared by every feature: a [`Table`] of stable column codes with a
//! localised header, typed [`Cell`]s read from one flat `Serialize` row type
//! per resource, and writers for CSV (two dialects), XLSX and JSON that
//! stream rows as the database hands them over.
//!
//! A feature adds an export by writing its row type, its [`Table`] and a
//! [`RowSource`] that reads batches by keyset; the writers, the download
//! and the command line are shared.

pub mod cells;
pub mod cli;
pub mod contacts;
pub mod delimited;
pub mod json;
pub mod output;
pub mod routes;
pub mod stream;
pub mod table;
pub mod views;
pub mod writer;
pub mod xlsx;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Oslo;

pub use routes::configure;
pub use table::{Cell, Column, ExportTime, Table};
pub use writer::{Export, RowSource};

use crate::error::AppError;

/// The file formats every export comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CSV for Norwegian Excel: UTF-8 with BOM, `;`.
    Csv,
    /// CSV by RFC 4180: `,`, no BOM.
    CsvRfc,
    Xlsx,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Csv, Format::CsvRfc, Format::Xlsx, Format::Json];

    /// The code forms and the command line use.
    pub fn code(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::CsvRfc => "csv-rfc",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    pub fn parse(code: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.code() == code)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv | Format::CsvRfc => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv | Format::CsvRfc => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Json => "application/json",
        }
    }

    /// `innspill-<resource>-YYYY-MM-DD.<ext>`, dated in Norwegian time.
    pub fn file_name(self, resource: &str, now: DateTime<Utc>) -> String {
        format!(
            "innspill-{resource}-{}.{}",
            now.with_timezone(&Oslo).format("%Y-%m-%d"),
            self.extension()
        )
    }
}

/// What can go wrong while writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the export")]
    Io(#[from] std::io::Error),
    #[error("writing CSV")]
    Csv(#[from] csv::Error),
    #[error("writing XLSX")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("writing JSON")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Cell(#[from] cells::CellError),
    #[error("reading the rows")]
    Database(#[from] sea_orm::DbErr),
    #[error("export limit: {0}")]
    Limit(&'static str),
}

impl From<ExportError> for AppError {
    fn from(err: ExportError) -> Self {
        match err {
            ExportError::Database(err) => AppError::Database(err),
            other => AppError::unexpected("export", other),
        }
    }
}

impl From<AppError> for ExportError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::Database(err) => ExportError::Database(err),
            other => ExportError::Io(std::io::Error::other(other.to_string())),
        }
    }
}

/// Logs an export that holds personal data: who (none for the command
/// line), which resource, and in `details` the format, the way in and the filter.
pub async fn record_personal_data(
    db: &impl sea_orm::ConnectionTrait,
    actor: Option<uuid::Uuid>,
    resource: &str,
    format: Format,
    details: &str,
) -> Result<(), AppError> {
    crate::audit::service::record(
        db,
        crate::audit::service::Entry::new(actor, "export.personal_data")
            .on("export", resource)
            .details(format!("{details} format={}", format.code())),
    )
    .await?;
    Ok(())
}
