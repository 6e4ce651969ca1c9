//! Drives one export: rows come from the database a batch at a time and go
//! straight to the chosen writer, so memory holds one batch, whatever the
//! number of rows.

use std::fs::File;
use std::future::Future;
use std::io::Write;

use serde::Serialize;

use super::cells::row_cells;
use super::delimited::{CsvWriter, Dialect};
use super::json::JsonWriter;
use super::table::{Cell, Table};
use super::xlsx::XlsxWriter;
use super::{ExportError, Format};

/// Where an export's rows come from: one batch per call, an empty one at the end.
pub trait RowSource {
    /// The resource's one flat row type; its field names are the column codes.
    type Row: Serialize;

    fn next_batch(&mut self) -> impl Future<Output = Result<Vec<Self::Row>, ExportError>>;
}

/// One of the writers, chosen at run time from the format.
pub enum Writer<W: Write> {
    Csv(Box<CsvWriter<W>>),
    Json(JsonWriter<W>),
    /// The workbook is assembled at the end; `W` is given back then.
    Xlsx(Box<XlsxWriter>, W),
}

/// What is left once the rows are written: the output, and for XLSX the
/// finished file, which the caller copies or streams to the output.
pub struct Finished<W> {
    pub out: W,
    pub tail: Option<File>,
}

impl<W: Write> Writer<W> {
    /// Starts `format` on `out` with the header of `table`.
    pub fn new(format: Format, out: W, table: &Table) -> Result<Self, ExportError> {
        Ok(match format {
            Format::Csv => Writer::Csv(Box::new(CsvWriter::new(out, Dialect::Excel, table)?)),
            Format::CsvRfc => Writer::Csv(Box::new(CsvWriter::new(out, Dialect::Rfc4180, table)?)),
            Format::Json => Writer::Json(JsonWriter::new(out, table)?),
            Format::Xlsx => Writer::Xlsx(Box::new(XlsxWriter::new(table)?), out),
        })
    }

    pub fn write_row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        match self {
            Writer::Csv(writer) => writer.write_row(cells),
            Writer::Json(writer) => writer.write_row(cells),
            Writer::Xlsx(writer, _) => writer.write_row(cells),
        }
    }

    /// Hands what the writer has buffered to the output.
    pub fn flush(&mut self) -> Result<(), ExportError> {
        match self {
            Writer::Csv(writer) => writer.flush(),
            Writer::Json(writer) => writer.flush(),
            Writer::Xlsx(..) => Ok(()),
        }
    }

    pub fn finish(self) -> Result<Finished<W>, ExportError> {
        Ok(match self {
            Writer::Csv(writer) => Finished {
                out: writer.finish()?,
                tail: None,
            },
            Writer::Json(writer) => Finished {
                out: writer.finish()?,
                tail: None,
            },
            Writer::Xlsx(writer, out) => Finished {
                out,
                tail: Some(writer.finish()?),
            },
        })
    }
}

/// An export under way: a source, a table and a writer.
pub struct Export<S: RowSource, W: Write> {
    source: S,
    writer: Writer<W>,
    codes: Vec<String>,
    cells: Vec<Cell>,
    rows: u64,
}

impl<S: RowSource, W: Write> Export<S, W> {
    pub fn new(source: S, format: Format, table: &Table, out: W) -> Result<Self, ExportError> {
        Ok(Self {
            source,
            writer: Writer::new(format, out, table)?,
            codes: table.codes().into_iter().map(str::to_owned).collect(),
            cells: Vec::with_capacity(table.columns.len()),
            rows: 0,
        })
    }

    /// Reads and writes one batch; false once the source has no more rows.
    pub async fn step(&mut self) -> Result<bool, ExportError> {
        let batch = self.source.next_batch().await?;
        if batch.is_empty() {
            return Ok(false);
        }
        for row in &batch {
            row_cells(row, &self.codes, &mut self.cells)?;
            self.writer.write_row(&self.cells)?;
        }
        self.rows += batch.len() as u64;
        self.writer.flush()?;
        Ok(true)
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn finish(self) -> Result<Finished<W>, ExportError> {
        self.writer.finish()
    }

    /// The writer alone, to be finished elsewhere (off the async worker).
    pub fn into_writer(self) -> Writer<W> {
        self.writer
    }

    /// Writes every row to the output and completes the file there.
    pub async fn run(mut self) -> Result<u64, ExportError> {
        while self.step().await? {}
        let rows = self.rows;
        let Finished { mut out, tail } = self.finish()?;
        if let Some(mut file) = tail {
            std::io::copy(&mut file, &mut out)?;
        }
        out.flush()?;
        Ok(rows)
    }
}
