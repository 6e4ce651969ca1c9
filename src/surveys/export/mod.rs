//! A survey's responses through the shared writers: one row per response,
//! a column per answer value under a code that stays (`q3`, `q3_other`,
//! `q5_<option>`, `q7_<theme slug>`), and in XLSX a second sheet, the
//! codebook, saying what each column and value means.
//!
//! The columns come from the survey, so they are known only at run time;
//! rows are written as cells straight to the writer. Hidden questions and
//! options keep their columns: answers were given to them. No personal data:
//! responses are anonymous, and the free texts are what people chose to write.

mod codebook;
mod columns;

use std::io::Write;

use crate::exports::writer::{Finished, Writer};
use crate::exports::{Cell, ExportError, Format, Table};
use crate::surveys::model::Survey;
use crate::surveys::results::ThemeRef;
use crate::surveys::service::responses::StoredResponse;
use crate::web::Lang;

pub use codebook::codebook_table;
pub use columns::{Layout, Source};

/// The resource name: file names and locale keys use it.
pub const RESOURCE: &str = "survey_responses";

/// What an export is made from.
pub struct Data<'a> {
    pub survey: &'a Survey,
    pub themes: &'a [ThemeRef],
    pub responses: &'a [StoredResponse],
}

/// Writes every response as `format` to `out` and returns it, complete.
pub fn write<W: Write>(format: Format, data: &Data, lang: Lang, out: W) -> Result<W, ExportError> {
    let layout = Layout::of(data.survey, data.themes, data.responses);
    let table = layout.table(lang);
    let mut writer = Writer::new(format, out, &table)?;
    let mut cells = Vec::with_capacity(layout.columns.len());
    for response in data.responses {
        layout.cells(response, &mut cells);
        writer.write_row(&cells)?;
    }
    if let Writer::Xlsx(xlsx, _) = &mut writer {
        let book: Table = codebook_table(lang);
        xlsx.add_sheet(&book)?;
        for row in codebook::rows(&layout, data.survey, lang) {
            xlsx.write_row(&row)?;
        }
    }
    let Finished { mut out, tail } = writer.finish()?;
    if let Some(mut file) = tail {
        std::io::copy(&mut file, &mut out)?;
    }
    out.flush()?;
    Ok(out)
}

/// A cell for optional text.
fn text(value: Option<&str>) -> Cell {
    value.map_or(Cell::Empty, |v| Cell::Text(v.to_owned()))
}
