//! XLSX through rust_xlsxwriter: typed cells, real dates, a frozen header
//! with filters, column widths, one sheet per table.
//!
//! Sheets are made in constant-memory mode: each finished row goes to a
//! temporary file, so a workbook of 100,000 rows takes no more memory than
//! one of 100. The zip is only assembled at the end, into another temporary
//! file that the caller then streams.

use std::fs::File;
use std::io::{Seek, SeekFrom};

use chrono_tz::Europe::Oslo;
use rust_xlsxwriter::{Format, Workbook};

use super::ExportError;
use super::table::{Cell, Table};

/// Excel's limit on the text in one cell.
const MAX_CELL_CHARS: usize = 32_767;

pub struct XlsxWriter {
    workbook: Workbook,
    /// Index of the sheet rows go to, and the next row in it.
    sheet: Option<usize>,
    sheets: usize,
    row: u32,
    columns: u16,
    date: Format,
    header: Format,
}

impl XlsxWriter {
    /// A workbook with one sheet for `table`.
    pub fn new(table: &Table) -> Result<Self, ExportError> {
        let mut writer = Self {
            workbook: Workbook::new(),
            sheet: None,
            sheets: 0,
            row: 0,
            columns: 0,
            // Times are written in Norwegian time, as the staff pages show them.
            date: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            header: Format::new().set_bold(),
        };
        writer.add_sheet(table)?;
        Ok(writer)
    }

    /// Starts another sheet; the rows written from now on go to it.
    pub fn add_sheet(&mut self, table: &Table) -> Result<(), ExportError> {
        self.close_sheet()?;
        let columns = u16::try_from(table.columns.len())
            .map_err(|_| ExportError::Limit("too many columns"))?;
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(table.sheet_name())?;
        for (col, column) in (0u16..).zip(&table.columns) {
            sheet.set_column_width(col, column.width)?;
        }
        for (col, title) in (0u16..).zip(table.header()) {
            sheet.write_string_with_format(0, col, title, &self.header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        self.sheet = Some(self.sheets);
        self.sheets += 1;
        self.row = 1;
        self.columns = columns;
        Ok(())
    }

    pub fn write_row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        let index = self.sheet.ok_or(ExportError::Limit("no sheet"))?;
        let row = self.row;
        let sheet = self.workbook.worksheet_from_index(index)?;
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(row, col, truncate(text))?;
                }
                // Whole numbers are exact in a double up to 2^53, far past any count here.
                Cell::Integer(n) => {
                    sheet.write_number(row, col, *n as f64)?;
                }
                Cell::Float(x) if x.is_finite() => {
                    sheet.write_number(row, col, *x)?;
                }
                Cell::Float(_) | Cell::Empty => {}
                Cell::Bool(b) => {
                    sheet.write_boolean(row, col, *b)?;
                }
                Cell::DateTime(at) => {
                    let local = at.with_timezone(&Oslo).naive_local();
                    sheet.write_datetime_with_format(row, col, local, &self.date)?;
                }
            }
        }
        self.row = row
            .checked_add(1)
            .ok_or(ExportError::Limit("too many rows"))?;
        Ok(())
    }

    /// Puts a filter on the header of the current sheet, now that its last row is known.
    fn close_sheet(&mut self) -> Result<(), ExportError> {
        if let Some(index) = self.sheet {
            let sheet = self.workbook.worksheet_from_index(index)?;
            if self.columns > 0 {
                sheet.autofilter(0, 0, self.row - 1, self.columns - 1)?;
            }
        }
        Ok(())
    }

    /// Assembles the workbook into an unnamed temporary file (gone once
    /// closed) and returns it at its start.
    pub fn finish(mut self) -> Result<File, ExportError> {
        self.close_sheet()?;
        let mut file = tempfile::tempfile()?;
        self.workbook.save_to_writer(&mut file)?;
        file.seek(SeekFrom::Start(0))?;
        Ok(file)
    }
}

/// The text cut to what one cell holds; a longer text would make Excel
/// refuse the whole file.
fn truncate(text: &str) -> &str {
    if text.len() <= MAX_CELL_CHARS {
        return text;
    }
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}
