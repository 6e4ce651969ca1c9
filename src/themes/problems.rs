//! What can be wrong with a themes CSV file, said in English for the command
//! line and as locale keys with values for the web page.

use std::fmt;

use super::values::{NAME_MAX, TEXT_MAX};

/// What is wrong with a file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file; `None` for the file as a whole.
    pub line: Option<u64>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not UTF-8 (a spreadsheet saved in a Windows code page, say).
    NotUtf8,
    /// Nothing in the file, not even a header.
    Empty,
    /// The CSV itself is broken (an unclosed quote, say).
    Unreadable(String),
    MissingColumn(&'static str),
    DuplicateColumn(String),
    FieldCount {
        expected: usize,
        found: usize,
    },
    MissingSlug,
    BadSlug(String),
    DuplicateSlug {
        slug: String,
        first_line: u64,
    },
    MissingName(&'static str),
    NameTooLong(&'static str),
    TooLong(&'static str),
    /// NUL, escape or another control character in a text column.
    ControlCharacter(&'static str),
    BadColour(String),
}

impl ProblemKind {
    /// The locale key under `themes.import_problem` that explains it.
    pub fn key(&self) -> &'static str {
        match self {
            Self::NotUtf8 => "not_utf8",
            Self::Empty => "empty",
            Self::Unreadable(_) => "unreadable",
            Self::MissingColumn(_) => "missing_column",
            Self::DuplicateColumn(_) => "duplicate_column",
            Self::FieldCount { .. } => "field_count",
            Self::MissingSlug => "missing_slug",
            Self::BadSlug(_) => "bad_slug",
            Self::DuplicateSlug { .. } => "duplicate_slug",
            Self::MissingName(_) => "missing_name",
            Self::NameTooLong(_) => "name_too_long",
            Self::TooLong(_) => "too_long",
            Self::ControlCharacter(_) => "control_character",
            Self::BadColour(_) => "bad_colour",
        }
    }

    /// The values the message names, as `{name}` placeholders.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::Unreadable(detail) => vec![("detail", detail.clone())],
            Self::MissingColumn(column)
            | Self::MissingName(column)
            | Self::ControlCharacter(column) => {
                vec![("column", (*column).to_owned())]
            }
            Self::NameTooLong(column) | Self::TooLong(column) => vec![
                ("column", (*column).to_owned()),
                ("max", limit_for(column).to_string()),
            ],
            Self::DuplicateColumn(column) => vec![("column", column.clone())],
            Self::FieldCount { expected, found } => vec![
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
            Self::BadSlug(value) | Self::BadColour(value) => vec![("value", shorten(value))],
            Self::DuplicateSlug { slug, first_line } => vec![
                ("value", shorten(slug)),
                ("first_line", first_line.to_string()),
            ],
            Self::NotUtf8 | Self::Empty | Self::MissingSlug => Vec::new(),
        }
    }
}

fn limit_for(column: &str) -> usize {
    if column.starts_with("name_") {
        NAME_MAX
    } else {
        TEXT_MAX
    }
}

/// Enough of a bad value to recognise it, not a whole pasted paragraph.
fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    if value.chars().count() > MAX {
        format!("{}…", value.chars().take(MAX).collect::<String>())
    } else {
        value.to_owned()
    }
}

/// English, for the command line and logs; the web page uses the locale files.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        match &self.kind {
            ProblemKind::NotUtf8 => write!(f, "the file is not UTF-8 text"),
            ProblemKind::Empty => write!(f, "the file is empty"),
            ProblemKind::Unreadable(detail) => write!(f, "not readable as CSV ({detail})"),
            ProblemKind::MissingColumn(column) => write!(f, "the header lacks the column {column}"),
            ProblemKind::DuplicateColumn(column) => {
                write!(f, "the header has the column {column} twice")
            }
            ProblemKind::FieldCount { expected, found } => {
                write!(f, "{found} fields where the header has {expected}")
            }
            ProblemKind::MissingSlug => write!(f, "the slug is empty"),
            ProblemKind::BadSlug(value) => write!(
                f,
                "the slug \"{}\" must be 2-60 of a-z, 0-9 and -",
                shorten(value)
            ),
            ProblemKind::DuplicateSlug { slug, first_line } => write!(
                f,
                "the slug \"{}\" is already used on line {first_line}",
                shorten(slug)
            ),
            ProblemKind::MissingName(column) => write!(f, "{column} is empty"),
            ProblemKind::NameTooLong(column) | ProblemKind::TooLong(column) => write!(
                f,
                "{column} is longer than {} characters",
                limit_for(column)
            ),
            ProblemKind::ControlCharacter(column) => write!(
                f,
                "{column} holds a control character (such as NUL or escape)"
            ),
            ProblemKind::BadColour(value) => write!(
                f,
                "the colour \"{}\" is not of the form #rrggbb",
                shorten(value)
            ),
        }
    }
}
