//! The JSON shapes of `/api/v1/themes`: the theme as returned, and the
//! checked bodies that create and update one.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::entities::theme;
use crate::error::AppError;
use crate::themes;
use crate::themes::values::{
    Colour, Description, Fault, Invalid, Keywords, Name, Slug, ThemeFields,
};

/// A theme (a candidate priority area).
#[derive(Debug, Serialize, ToSchema)]
pub struct Theme {
    pub id: Uuid,
    /// Stable identifier in URLs and files; it never changes.
    #[schema(example = "reiseliv", pattern = "^[a-z0-9-]{2,60}$")]
    pub slug: String,
    #[schema(example = "Reiseliv")]
    pub name_nb: String,
    #[schema(example = "Reiseliv")]
    pub name_nn: String,
    #[schema(example = "Tourism")]
    pub name_en: String,
    pub description: String,
    /// Words the tagger looks for.
    pub keywords: Vec<String>,
    /// `#rrggbb`, lower case.
    #[schema(example = "#1f5f8b", pattern = "^#[0-9a-f]{6}$")]
    pub colour: String,
    /// Place in the facilitators' order, from 1.
    pub position: i32,
    /// Whether inputs can be tagged with it now; inactive themes keep their tags.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<theme::Model> for Theme {
    fn from(row: theme::Model) -> Self {
        Self {
            id: row.id,
            keywords: row
                .keywords
                .split(',')
                .map(str::trim)
                .filter(|word| !word.is_empty())
                .map(str::to_owned)
                .collect(),
            slug: row.slug,
            name_nb: row.name_nb,
            name_nn: row.name_nn,
            name_en: row.name_en,
            description: row.description,
            colour: row.colour,
            position: row.position,
            active: row.active,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// The value types decide what is valid; this names the reason in the
/// message key an API client gets for the field.
fn refused(invalid: Invalid) -> ValidationError {
    let key = match (invalid.field, invalid.fault) {
        (_, Fault::ControlCharacter) => "api.error_control_characters",
        ("slug", _) => "api.error_slug",
        ("colour", _) => "api.error_colour",
        ("name", _) => "api.error_name_length",
        _ => "api.error_text_length",
    };
    ValidationError::new(invalid.field).with_message(Cow::Borrowed(key))
}

fn check_slug(value: &str) -> Result<(), ValidationError> {
    Slug::parse(value).map(drop).map_err(refused)
}

fn check_name(value: &str) -> Result<(), ValidationError> {
    Name::parse(value).map(drop).map_err(refused)
}

fn check_colour(value: &str) -> Result<(), ValidationError> {
    Colour::parse(value).map(drop).map_err(refused)
}

fn check_text(value: &str) -> Result<(), ValidationError> {
    Description::parse(value).map(drop).map_err(refused)
}

fn check_keywords(value: &[String]) -> Result<(), ValidationError> {
    keywords(value).map(drop).map_err(refused)
}

/// The list as the one line the value type reads.
fn keywords(list: &[String]) -> Result<Keywords, Invalid> {
    Keywords::parse(&list.join(", "))
}

/// A new theme. Fields are optional in the type only so that a missing one
/// gets a message of its own; `required` says which must be there.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct NewTheme {
    /// 2–60 of `a-z`, `0-9` and `-`; cannot be changed later.
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_slug")
    )]
    #[schema(
        required = true,
        value_type = String,
        example = "reiseliv",
        pattern = "^[a-z0-9-]{2,60}$"
    )]
    pub slug: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nb: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nn: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name")
    )]
    #[schema(required = true, value_type = String, example = "Tourism")]
    pub name_en: Option<String>,
    /// Up to 2000 characters, without control characters other than line
    /// breaks and tabs; empty when left out.
    #[validate(custom(function = "check_text"))]
    #[schema(value_type = String)]
    pub description: Option<String>,
    /// Words without control characters; empty when left out.
    #[validate(custom(function = "check_keywords"))]
    #[schema(value_type = Vec<String>)]
    pub keywords: Option<Vec<String>>,
    /// `#rrggbb`; the next palette colour when left out.
    #[validate(custom(function = "check_colour"))]
    #[schema(value_type = String, example = "#1f5f8b", pattern = "^#[0-9a-fA-F]{6}$")]
    pub colour: Option<String>,
    /// `true` when left out.
    #[schema(value_type = bool)]
    pub active: Option<bool>,
}

/// Everything about a theme that can change: each field must be given, as
/// `PUT` replaces the theme's state. The slug cannot change.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ThemeUpdate {
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nb: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nn: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name")
    )]
    #[schema(required = true, value_type = String, example = "Tourism")]
    pub name_en: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_text")
    )]
    /// Up to 2000 characters, without control characters other than line
    /// breaks and tabs; may be empty.
    #[schema(required = true, value_type = String)]
    pub description: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_keywords")
    )]
    /// May be empty.
    #[schema(required = true, value_type = Vec<String>)]
    pub keywords: Option<Vec<String>>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_colour")
    )]
    /// `#rrggbb`.
    #[schema(
        required = true,
        value_type = String,
        example = "#1f5f8b",
        pattern = "^#[0-9a-fA-F]{6}$"
    )]
    pub colour: Option<String>,
    #[validate(required(message = "api.error_required"))]
    /// Whether inputs can be tagged with it.
    #[schema(required = true, value_type = bool)]
    pub active: Option<bool>,
}

impl NewTheme {
    /// The service's new theme; `None` only if `validate` was skipped.
    pub fn checked(self) -> Option<themes::NewTheme> {
        Some(themes::NewTheme {
            slug: Slug::parse(self.slug.as_deref()?).ok()?,
            name_nb: Name::parse(self.name_nb.as_deref()?).ok()?,
            name_nn: Name::parse(self.name_nn.as_deref()?).ok()?,
            name_en: Name::parse(self.name_en.as_deref()?).ok()?,
            description: Description::parse(self.description.as_deref().unwrap_or_default())
                .ok()?,
            keywords: keywords(self.keywords.as_deref().unwrap_or_default()).ok()?,
            colour: match self.colour.as_deref() {
                Some(colour) => Some(Colour::parse(colour).ok()?),
                None => None,
            },
            active: self.active.unwrap_or(true),
        })
    }
}

impl ThemeUpdate {
    /// The service's fields and active state; `None` only if `validate` was skipped.
    pub fn checked(self) -> Option<(ThemeFields, bool)> {
        let fields = ThemeFields {
            name_nb: Name::parse(self.name_nb.as_deref()?).ok()?,
            name_nn: Name::parse(self.name_nn.as_deref()?).ok()?,
            name_en: Name::parse(self.name_en.as_deref()?).ok()?,
            description: Description::parse(self.description.as_deref()?)
                .ok()?
                .into_string(),
            keywords: keywords(self.keywords.as_deref()?).ok()?.into_string(),
            colour: Colour::parse(self.colour.as_deref()?).ok()?,
        };
        Some((fields, self.active?))
    }
}

pub fn unchecked() -> AppError {
    AppError::Unexpected(
        "theme input passed validation but did not parse".into(),
        None,
    )
}
