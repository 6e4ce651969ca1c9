//! What every export is made of: a table of stable column codes, a header in
//! the reader's language, and typed cells that each writer renders its own way.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use crate::web::Lang;

/// One column: a code that never changes or gets translated (tools and
/// spreadsheets built on an export rely on it) and a width for spreadsheets.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub code: Cow<'static, str>,
    /// Width in characters, as spreadsheet programs count them.
    pub width: f64,
    /// The header, for a column made at run time (a survey question's code)
    /// that has no locale key; `None` reads `exports.<resource>.<code>`.
    pub header: Option<String>,
}

impl Column {
    pub const fn new(code: &'static str, width: f64) -> Self {
        Self {
            code: Cow::Borrowed(code),
            width,
            header: None,
        }
    }

    /// A column known only at run time, headed by `header` in every language.
    pub fn named(code: String, header: String, width: f64) -> Self {
        Self {
            code: Cow::Owned(code),
            width,
            header: Some(header),
        }
    }
}

/// The shape of one export: which resource, which columns in which order,
/// and the language of the header row.
#[derive(Clone, Debug)]
pub struct Table {
    /// Stable name of the resource (`inputs`): file names and locale keys use it.
    pub resource: &'static str,
    pub columns: Vec<Column>,
    pub lang: Lang,
}

impl Table {
    /// The header row: each column's name in the table's language, from
    /// `exports.<resource>.<code>` in the locale files.
    pub fn header(&self) -> Vec<&str> {
        self.columns
            .iter()
            .map(|column| match &column.header {
                Some(header) => header.as_str(),
                None => self
                    .lang
                    .t(&format!("exports.{}.{}", self.resource, column.code)),
            })
            .collect()
    }

    /// The sheet name in a workbook, in the table's language.
    pub fn sheet_name(&self) -> &'static str {
        self.lang.t(&format!("exports.{}.sheet", self.resource))
    }

    pub fn codes(&self) -> Vec<&str> {
        self.columns
            .iter()
            .map(|column| column.code.as_ref())
            .collect()
    }
}

/// One typed value; CSV writes it as text, XLSX as a cell of that type, JSON
/// as the matching JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Integer(i64),
    Float(f64),
    DateTime(DateTime<Utc>),
    Bool(bool),
    Empty,
}

/// The name serde sees for an [`ExportTime`]; the cell serializer knows it and
/// turns the value into a date cell rather than text.
pub(crate) const EXPORT_TIME: &str = "innspill::exports::ExportTime";

/// A point in time in an export row. It serializes as RFC 3339 text, and the
/// exporters see it as a date, so a spreadsheet gets a real date cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportTime(pub DateTime<Utc>);

impl From<DateTime<Utc>> for ExportTime {
    fn from(time: DateTime<Utc>) -> Self {
        Self(time)
    }
}

impl Serialize for ExportTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Nanoseconds kept so the cell serializer gets back exactly this time.
        let text = self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        serializer.serialize_newtype_struct(EXPORT_TIME, &text)
    }
}
