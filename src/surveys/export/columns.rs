//! Which columns a survey's export has, and each response's cells in them.

use uuid::Uuid;

use super::{RESOURCE, text};
use crate::exports::{Cell, Column, Table};
use crate::surveys::model::{Answer, Kind, OTHER, Survey};
use crate::surveys::results::ThemeRef;
use crate::surveys::service::responses::StoredResponse;
use crate::web::Lang;

/// Where a column's value comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Id,
    SubmittedAt,
    Language,
    Kiosk,
    Group,
    /// A single choice's option code.
    Choice(Uuid),
    /// The "other" text of a choice question.
    Other(Uuid),
    /// 1 if the option was chosen, 0 if not, empty if the question was not answered.
    Flag(Uuid, String),
    Scale(Uuid),
    Importance(Uuid, Uuid),
    Rank(Uuid, Uuid),
    Number(Uuid),
    Text(Uuid),
}

/// One column: its code and where its value comes from; `question` is the
/// question's code, for the codebook.
#[derive(Clone, Debug)]
pub struct ExportColumn {
    pub code: String,
    pub question: Option<Uuid>,
    pub source: Source,
}

/// The columns of one export.
pub struct Layout {
    pub columns: Vec<ExportColumn>,
    pub themes: Vec<ThemeRef>,
}

/// The columns every survey export starts with.
const FIXED: [(&str, f64); 5] = [
    ("response_id", 38.0),
    ("submitted_at", 17.0),
    ("language", 8.0),
    ("kiosk", 8.0),
    ("stakeholder_group", 18.0),
];

impl Layout {
    /// Columns for every question, hidden ones too; theme columns for the
    /// active themes and any theme an answer names.
    pub fn of(survey: &Survey, themes: &[ThemeRef], responses: &[StoredResponse]) -> Layout {
        let mut named: Vec<Uuid> = Vec::new();
        let mut other_given: Vec<Uuid> = Vec::new();
        for response in responses {
            for (question, answer) in &response.answers {
                match answer {
                    Answer::Themes(rated) => named.extend(rated.keys()),
                    Answer::Ranking(order) => named.extend(order.iter()),
                    Answer::Choice { other: Some(_), .. }
                    | Answer::Choices { other: Some(_), .. } => other_given.push(*question),
                    _ => {}
                }
            }
            named.sort_unstable();
            named.dedup();
            other_given.sort_unstable();
            other_given.dedup();
        }
        let themes: Vec<ThemeRef> = themes
            .iter()
            .filter(|t| t.active || named.binary_search(&t.id).is_ok())
            .cloned()
            .collect();
        let sources = [
            Source::Id,
            Source::SubmittedAt,
            Source::Language,
            Source::Kiosk,
            Source::Group,
        ];
        let mut columns: Vec<ExportColumn> = FIXED
            .iter()
            .zip(sources)
            .map(|((code, _), source)| ExportColumn {
                code: (*code).to_owned(),
                question: None,
                source,
            })
            .collect();
        for q in survey.questions() {
            let mut push = |code: String, source: Source| {
                columns.push(ExportColumn {
                    code,
                    question: Some(q.id),
                    source,
                })
            };
            let other = q.allow_other || other_given.binary_search(&q.id).is_ok();
            match q.kind {
                Kind::SingleChoice => {
                    push(q.code.clone(), Source::Choice(q.id));
                    if other {
                        push(format!("{}_{OTHER}", q.code), Source::Other(q.id));
                    }
                }
                Kind::MultipleChoice => {
                    for choice in &q.options {
                        push(
                            format!("{}_{}", q.code, choice.code),
                            Source::Flag(q.id, choice.code.clone()),
                        );
                    }
                    if other {
                        push(format!("{}_{OTHER}", q.code), Source::Other(q.id));
                    }
                }
                Kind::Likert => push(q.code.clone(), Source::Scale(q.id)),
                Kind::ThemeImportance => {
                    for t in &themes {
                        push(
                            format!("{}_{}", q.code, t.slug),
                            Source::Importance(q.id, t.id),
                        );
                    }
                }
                Kind::ThemeRanking => {
                    for t in &themes {
                        push(format!("{}_{}", q.code, t.slug), Source::Rank(q.id, t.id));
                    }
                }
                Kind::Number => push(q.code.clone(), Source::Number(q.id)),
                Kind::ShortText | Kind::LongText => push(q.code.clone(), Source::Text(q.id)),
            }
        }
        Layout { columns, themes }
    }

    /// The table the writers take: fixed columns headed in `lang`, answer
    /// columns headed by their code.
    pub fn table(&self, lang: Lang) -> Table {
        let columns = self
            .columns
            .iter()
            .map(
                |column| match FIXED.iter().find(|(code, _)| *code == column.code) {
                    Some((code, width)) if column.question.is_none() => Column::new(code, *width),
                    _ => {
                        let width = match column.source {
                            Source::Text(_) | Source::Other(_) => 40.0,
                            _ => 10.0,
                        };
                        Column::named(column.code.clone(), column.code.clone(), width)
                    }
                },
            )
            .collect();
        Table {
            resource: RESOURCE,
            columns,
            lang,
        }
    }

    /// The cells of one response, in column order.
    pub fn cells(&self, response: &StoredResponse, out: &mut Vec<Cell>) {
        out.clear();
        out.extend(
            self.columns
                .iter()
                .map(|column| cell(&column.source, response)),
        );
    }
}

fn cell(source: &Source, response: &StoredResponse) -> Cell {
    let answer = |id: &Uuid| response.answers.get(id);
    match source {
        Source::Id => Cell::Text(response.id.to_string()),
        Source::SubmittedAt => Cell::DateTime(response.submitted_at),
        Source::Language => Cell::Text(response.language.clone()),
        Source::Kiosk => Cell::Bool(response.kiosk),
        Source::Group => text(response.stakeholder_group.as_deref()),
        Source::Choice(q) => match answer(q) {
            Some(Answer::Choice { code, .. }) => Cell::Text(code.clone()),
            _ => Cell::Empty,
        },
        Source::Other(q) => match answer(q) {
            Some(Answer::Choice { other, .. } | Answer::Choices { other, .. }) => {
                text(other.as_deref())
            }
            _ => Cell::Empty,
        },
        Source::Flag(q, code) => match answer(q) {
            Some(Answer::Choices { codes, .. }) => Cell::Integer(i64::from(codes.contains(code))),
            _ => Cell::Empty,
        },
        Source::Scale(q) => match answer(q) {
            Some(Answer::Scale(point)) => Cell::Integer((*point).into()),
            _ => Cell::Empty,
        },
        Source::Importance(q, theme) => match answer(q) {
            Some(Answer::Themes(rated)) => rated
                .get(theme)
                .map_or(Cell::Empty, |p| Cell::Integer((*p).into())),
            _ => Cell::Empty,
        },
        Source::Rank(q, theme) => match answer(q) {
            Some(Answer::Ranking(order)) => order
                .iter()
                .position(|t| t == theme)
                .map_or(Cell::Empty, |i| Cell::Integer(i as i64 + 1)),
            _ => Cell::Empty,
        },
        Source::Number(q) => match answer(q) {
            Some(Answer::Number(x)) => Cell::Float(*x),
            _ => Cell::Empty,
        },
        Source::Text(q) => match answer(q) {
            Some(Answer::Text { text, .. }) => Cell::Text(text.clone()),
            _ => Cell::Empty,
        },
    }
}
