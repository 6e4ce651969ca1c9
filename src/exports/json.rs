//! JSON: an array of objects keyed by column code, written row by row so
//! nothing but the current row is held.

use std::io::Write;

use chrono_tz::Europe::Oslo;

use super::ExportError;
use super::table::{Cell, Table};

pub struct JsonWriter<W: Write> {
    out: W,
    codes: Vec<String>,
    first: bool,
}

impl<W: Write> JsonWriter<W> {
    pub fn new(mut out: W, table: &Table) -> Result<Self, ExportError> {
        out.write_all(b"[")?;
        Ok(Self {
            out,
            codes: table.codes().into_iter().map(str::to_owned).collect(),
            first: true,
        })
    }

    pub fn write_row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        self.out
            .write_all(if self.first { b"\n{" } else { b",\n{" })?;
        self.first = false;
        for (index, (code, cell)) in self.codes.iter().zip(cells).enumerate() {
            if index > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.out, code)?;
            self.out.write_all(b":")?;
            match cell {
                Cell::Text(text) => serde_json::to_writer(&mut self.out, text)?,
                Cell::Integer(n) => serde_json::to_writer(&mut self.out, n)?,
                // NaN and infinity have no JSON form; serde_json writes null.
                Cell::Float(x) => serde_json::to_writer(&mut self.out, x)?,
                Cell::Bool(b) => serde_json::to_writer(&mut self.out, b)?,
                // With the offset, so a program reads the exact instant and a
                // person sees Norwegian time.
                Cell::DateTime(at) => serde_json::to_writer(
                    &mut self.out,
                    &at.with_timezone(&Oslo)
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                )?,
                Cell::Empty => self.out.write_all(b"null")?,
            }
        }
        self.out.write_all(b"}")?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<(), ExportError> {
        self.out.flush()?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<W, ExportError> {
        self.out
            .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(self.out)
    }
}
