//! CSV in two dialects: one Norwegian Excel opens as it is (UTF-8 with a byte
//! order mark, `;` between fields, decimal comma), and RFC 4180 for tools
//! (`,`, no byte order mark, times with their UTC offset).

use std::fmt::Write as _;
use std::io::Write;

use chrono_tz::Europe::Oslo;

use super::ExportError;
use super::table::{Cell, Table};

/// Which program the file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Norwegian Excel and LibreOffice: without the byte order mark Excel
    /// reads UTF-8 as Windows-1252 and garbles æ, ø and å; with `,` it puts
    /// every row in one cell, since `,` is the decimal sign in Norway.
    Excel,
    /// RFC 4180, for scripts and other programs.
    Rfc4180,
}

const BOM: &[u8] = "\u{feff}".as_bytes();

pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
    dialect: Dialect,
    /// Reused for each non-text cell, so a row costs no allocations of its own.
    scratch: String,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the file: the byte order mark if the dialect wants one, then the header.
    pub fn new(mut out: W, dialect: Dialect, table: &Table) -> Result<Self, ExportError> {
        let delimiter = match dialect {
            Dialect::Excel => {
                out.write_all(BOM)?;
                b';'
            }
            Dialect::Rfc4180 => b',',
        };
        let mut inner = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        inner.write_record(table.header())?;
        Ok(Self {
            inner,
            dialect,
            scratch: String::new(),
        })
    }

    pub fn write_row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        for cell in cells {
            self.scratch.clear();
            let field: &str = match cell {
                Cell::Text(text) if self.dialect == Dialect::Excel && is_formula_like(text) => {
                    // Residents write these texts. A leading `=`, `+`, `-` or `@`
                    // would make Excel run the text as a formula (CSV injection);
                    // the apostrophe makes it plain text there.
                    self.scratch.push('\'');
                    self.scratch.push_str(text);
                    &self.scratch
                }
                Cell::Text(text) => text,
                Cell::Integer(n) => {
                    let _ = write!(self.scratch, "{n}");
                    &self.scratch
                }
                Cell::Float(x) => {
                    let _ = write!(self.scratch, "{x}");
                    if self.dialect == Dialect::Excel {
                        self.scratch = self.scratch.replace('.', ",");
                    }
                    &self.scratch
                }
                Cell::DateTime(at) => {
                    let local = at.with_timezone(&Oslo);
                    let _ = match self.dialect {
                        // The form Excel and LibreOffice read as a date and time.
                        Dialect::Excel => {
                            write!(self.scratch, "{}", local.format("%Y-%m-%d %H:%M:%S"))
                        }
                        Dialect::Rfc4180 => write!(
                            self.scratch,
                            "{}",
                            local.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
                        ),
                    };
                    &self.scratch
                }
                Cell::Bool(b) => {
                    if *b {
                        "true"
                    } else {
                        "false"
                    }
                }
                Cell::Empty => "",
            };
            self.inner.write_field(field)?;
        }
        self.inner.write_record(None::<&[u8]>)?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<(), ExportError> {
        self.inner.flush()?;
        Ok(())
    }

    pub fn finish(self) -> Result<W, ExportError> {
        self.inner
            .into_inner()
            .map_err(|err| ExportError::Io(err.into_error()))
    }
}

fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}
