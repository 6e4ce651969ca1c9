//! The workshop results forms as sent, every value kept as text so a form
//! with a mistake comes back as it was, and their checks into the
//! service's values.

use std::collections::HashMap;

use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use super::notes::{NOTE_MAX, PASTE_MAX, Paste, PasteProblem, VOTES_MAX, split_notes};
use super::tables::TableDetails;
use super::{Method, method_code, parse_method};
use crate::entities::{theme, workshop_table};
use crate::inputs::StakeholderGroup;
use crate::web::PageContext;
use crate::web::forms::FormErrors;

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.replace("\r\n", "\n"))
}

/// How the workshop was run; empty: not said.
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct MethodForm {
    pub method: String,
}

impl MethodForm {
    pub fn from_method(method: Option<Method>) -> Self {
        Self {
            method: method.map(method_code).unwrap_or_default(),
        }
    }

    pub fn check(&self, ctx: &PageContext) -> Result<Option<Method>, FormErrors> {
        match self.method.as_str() {
            "" => Ok(None),
            code => parse_method(code).map(Some).ok_or_else(|| {
                let mut errors = FormErrors::new();
                errors.add("method", ctx.t("workshops.validation.method"));
                errors
            }),
        }
    }
}

/// A table as the form sends it.
#[derive(Deserialize, Validate, Default, Clone, Debug)]
#[serde(default)]
pub struct TableForm {
    #[validate(length(min = 1, max = 100, message = "workshops.validation.table_name"))]
    pub name: String,
    pub theme: String,
    #[validate(length(max = 200, message = "workshops.validation.host"))]
    pub host: String,
    #[validate(length(max = 5000, message = "workshops.validation.summary"))]
    pub summary: String,
}

pub const TABLE_FIELDS: [&str; 4] = ["name", "theme", "host", "summary"];

impl TableForm {
    pub fn from_table(table: &workshop_table::Model) -> Self {
        Self {
            name: table.name.clone(),
            theme: table.theme_id.map(|id| id.to_string()).unwrap_or_default(),
            host: table.host.clone().unwrap_or_default(),
            summary: table.summary.clone().unwrap_or_default(),
        }
    }

    /// `themes` are those the form offered.
    pub fn check(
        &self,
        ctx: &PageContext,
        themes: &[theme::Model],
    ) -> Result<TableDetails, FormErrors> {
        let trimmed = Self {
            name: self.name.trim().to_owned(),
            host: self.host.trim().to_owned(),
            summary: self.summary.trim().to_owned(),
            theme: self.theme.clone(),
        };
        let mut errors = match trimmed.validate() {
            Ok(()) => FormErrors::new(),
            Err(err) => FormErrors::from_validation(ctx.lang, &err, &TABLE_FIELDS),
        };
        let theme_id = match self.theme.trim() {
            "" => None,
            text => {
                let id = Uuid::parse_str(text)
                    .ok()
                    .filter(|id| themes.iter().any(|theme| theme.id == *id));
                if id.is_none() {
                    errors.add("theme", ctx.t("workshops.validation.theme"));
                }
                id
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(TableDetails {
            name: trimmed.name,
            theme_id,
            host: non_empty(&trimmed.host),
            summary: non_empty(&trimmed.summary),
        })
    }
}

/// The paste form: the notes, one a line, and what they all share.
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct PasteForm {
    pub notes: String,
    pub table: String,
    pub themes: Vec<String>,
    pub group: String,
    /// A fresh random key each time the form is shown.
    pub paste_key: String,
}

pub const PASTE_FIELDS: [&str; 4] = ["notes", "table", "themes", "group"];

impl PasteForm {
    /// A fresh form crediting the notes to `group`.
    pub fn blank(group: StakeholderGroup) -> Self {
        Self {
            group: group.code().to_owned(),
            paste_key: Uuid::new_v4().simple().to_string(),
            ..Self::default()
        }
    }

    pub fn check(
        &self,
        ctx: &PageContext,
        tables: &[workshop_table::Model],
        themes: &[theme::Model],
    ) -> Result<Paste, FormErrors> {
        let mut errors = FormErrors::new();
        if let Err(problem) = split_notes(&self.notes) {
            let (field, message) = paste_problem(ctx, &problem);
            errors.add(field, message);
        }
        let table_id = match self.table.trim() {
            "" => None,
            text => {
                let id = Uuid::parse_str(text)
                    .ok()
                    .filter(|id| tables.iter().any(|table| table.id == *id));
                if id.is_none() {
                    errors.add("table", ctx.t("workshops.validation.table"));
                }
                id
            }
        };
        let mut chosen = Vec::new();
        for text in &self.themes {
            match Uuid::parse_str(text)
                .ok()
                .filter(|id| themes.iter().any(|theme| theme.id == *id))
            {
                Some(id) => chosen.push(id),
                None => errors.add("themes", ctx.t("workshops.validation.theme")),
            }
        }
        let group = StakeholderGroup::parse(&self.group);
        if group.is_none() {
            errors.add("group", ctx.t("workshops.validation.group"));
        }
        let (Some(group), true) = (group, errors.is_empty()) else {
            return Err(errors);
        };
        let key = self.paste_key.trim();
        let key = (key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| key.to_ascii_lowercase());
        Ok(Paste {
            text: self.notes.clone(),
            table_id,
            themes: chosen,
            group,
            language: ctx.lang,
            key,
        })
    }
}

/// The field a paste problem belongs to and what it says.
pub fn paste_problem(ctx: &PageContext, problem: &PasteProblem) -> (&'static str, String) {
    match problem {
        PasteProblem::Empty => (
            "notes",
            ctx.t("workshops.validation.notes_empty").to_owned(),
        ),
        PasteProblem::TooMany(count) => (
            "notes",
            ctx.tr(
                "workshops.validation.notes_too_many",
                &[
                    ("max", &PASTE_MAX.to_string()),
                    ("count", &count.to_string()),
                ],
            ),
        ),
        PasteProblem::TooLong(lines) => (
            "notes",
            ctx.tr(
                if lines.len() == 1 {
                    "workshops.validation.note_too_long"
                } else {
                    "workshops.validation.notes_too_long"
                },
                &[("lines", &list(ctx, lines)), ("max", &NOTE_MAX.to_string())],
            ),
        ),
        PasteProblem::UnknownTable => ("table", ctx.t("workshops.validation.table").to_owned()),
    }
}

/// "2, 5 og 9": the first lines of a long list, then "…".
fn list(ctx: &PageContext, numbers: &[usize]) -> String {
    const SHOWN: usize = 10;
    let texts: Vec<String> = numbers
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    if numbers.len() > SHOWN {
        return format!("{} …", texts.join(", "));
    }
    match texts.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {} {last}", rest.join(", "), ctx.t("workshops.and"))
        }
        _ => texts.join(""),
    }
}

/// The start of a note, to name it in a message or a hidden label.
pub fn excerpt(text: &str) -> String {
    const LENGTH: usize = 60;
    if text.chars().count() <= LENGTH {
        return text.to_owned();
    }
    let cut: String = text.chars().take(LENGTH).collect();
    format!("{}…", cut.trim_end())
}

/// The id and name of a note's vote field.
pub fn votes_field(input_id: Uuid) -> String {
    format!("votes-{input_id}")
}

/// The votes form as sent: one `votes-<note>` field per note.
#[derive(Clone, Debug, Default)]
pub struct VotesForm {
    pub values: HashMap<Uuid, String>,
}

impl VotesForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let values = pairs
            .into_iter()
            .filter_map(|(name, value)| {
                let id = Uuid::parse_str(name.strip_prefix("votes-")?).ok()?;
                Some((id, value))
            })
            .collect();
        Self { values }
    }

    /// Every count a whole number from 0 (an empty field is 0). `notes`
    /// are the event's notes (id and text) in the table's order, so the
    /// error summary reads like the table and names each note.
    pub fn check(
        &self,
        ctx: &PageContext,
        notes: &[(Uuid, &str)],
    ) -> Result<Vec<(Uuid, i32)>, FormErrors> {
        let mut errors = FormErrors::new();
        let mut votes = Vec::new();
        for (id, body) in notes {
            let Some(text) = self.values.get(id) else {
                continue;
            };
            match text.trim() {
                "" => votes.push((*id, 0)),
                text => match text.parse::<i32>() {
                    Ok(count) if (0..=VOTES_MAX).contains(&count) => votes.push((*id, count)),
                    _ => errors.add(
                        &votes_field(*id),
                        ctx.tr("workshops.validation.votes", &[("note", &excerpt(body))]),
                    ),
                },
            }
        }
        if errors.is_empty() {
            Ok(votes)
        } else {
            Err(errors)
        }
    }
}
