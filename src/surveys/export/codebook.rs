//! The codebook sheet: for each column its question, the question's words,
//! its kind, and what its values mean.

use super::columns::{Layout, Source};
use crate::exports::{Cell, Column, Table};
use crate::surveys::model::{Kind, OTHER, Survey};
use crate::web::Lang;

pub const CODEBOOK: &str = "survey_codebook";

const COLUMNS: [Column; 5] = [
    Column::new("column", 20.0),
    Column::new("question", 10.0),
    Column::new("text", 60.0),
    Column::new("kind", 16.0),
    Column::new("values", 80.0),
];

pub fn codebook_table(lang: Lang) -> Table {
    Table {
        resource: CODEBOOK,
        columns: COLUMNS.to_vec(),
        lang,
    }
}

/// One row per column of the export.
pub fn rows(layout: &Layout, survey: &Survey, lang: Lang) -> Vec<Vec<Cell>> {
    let say = |key: &str| lang.t(&format!("exports.{CODEBOOK}.{key}"));
    layout
        .columns
        .iter()
        .map(|column| {
            let question = column.question.and_then(|id| survey.question(id));
            let theme = |id| {
                layout
                    .themes
                    .iter()
                    .find(|t| t.id == id)
                    .map_or_else(String::new, |t| t.name.clone())
            };
            let (text, values) = match (&column.source, question) {
                (Source::Choice(_), Some(q)) => (
                    q.prompt.clone(),
                    q.options
                        .iter()
                        .map(|c| format!("{}={}", c.code, c.label))
                        .chain(q.allow_other.then(|| format!("{OTHER}={}", say("other"))))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                (Source::Other(_), Some(q)) => (q.prompt.clone(), say("other_text").to_owned()),
                (Source::Flag(_, code), Some(q)) => (
                    format!("{} – {}", q.prompt, q.option_label(code)),
                    say("flag").to_owned(),
                ),
                (Source::Scale(_), Some(q)) => (
                    q.prompt.clone(),
                    format!(
                        "1={}; 5={}",
                        q.scale_low.as_deref().unwrap_or("1"),
                        q.scale_high.as_deref().unwrap_or("5")
                    ),
                ),
                (Source::Importance(_, id), Some(q)) => (
                    format!("{} – {}", q.prompt, theme(*id)),
                    format!(
                        "1={}; 5={}",
                        q.scale_low.as_deref().unwrap_or("1"),
                        q.scale_high.as_deref().unwrap_or("5")
                    ),
                ),
                (Source::Rank(_, id), Some(q)) => (
                    format!("{} – {}", q.prompt, theme(*id)),
                    say("rank").to_owned(),
                ),
                (Source::Number(_), Some(q)) => (q.prompt.clone(), say("number").to_owned()),
                (Source::Text(_), Some(q)) => (q.prompt.clone(), say("free_text").to_owned()),
                (_, _) => (
                    say(&format!("fixed_{}", column.code)).to_owned(),
                    String::new(),
                ),
            };
            vec![
                Cell::Text(column.code.clone()),
                question.map_or(Cell::Empty, |q| Cell::Text(q.code.clone())),
                Cell::Text(text),
                question.map_or(Cell::Empty, |q| Cell::Text(kind_code(q.kind).to_owned())),
                if values.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(values)
                },
            ]
        })
        .collect()
}

fn kind_code(kind: Kind) -> &'static str {
    kind.code()
}
