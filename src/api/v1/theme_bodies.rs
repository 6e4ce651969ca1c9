//! The JSON shapes of `/api/v1/themes`: the theme as returned, and the
//! checked bodies that create and update one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::entities::theme;
use crate::error::AppError;
use crate::themes::values::{
    Colour, Name, TEXT_MAX, ThemeFields, is_valid_colour, is_valid_slug, normalise_keywords,
};

/// A theme (a candidate priority area).
#[derive(Debug, Serialize, ToSchema)]
pub struct Theme {
    pub id: Uuid,
    /// Stable identifier in URLs and files; it never changes.
    #[schema(example = "reiseliv")]
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
    #[schema(example = "#1f5f8b")]
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

fn check_slug(value: &str) -> Result<(), ValidationError> {
    is_valid_slug(value.trim())
        .then_some(())
        .ok_or_else(|| ValidationError::new("slug"))
}

fn check_name(value: &str) -> Result<(), ValidationError> {
    Name::parse(value)
        .map(|_| ())
        .map_err(|_| ValidationError::new("name"))
}

fn check_colour(value: &str) -> Result<(), ValidationError> {
    is_valid_colour(value.trim())
        .then_some(())
        .ok_or_else(|| ValidationError::new("colour"))
}

fn check_text(value: &str) -> Result<(), ValidationError> {
    (value.chars().count() <= TEXT_MAX)
        .then_some(())
        .ok_or_else(|| ValidationError::new("length"))
}

fn check_keywords(value: &[String]) -> Result<(), ValidationError> {
    check_text(&value.join(", "))
}

/// A new theme. Fields are optional in the type only so that a missing one
/// gets a message of its own; `required` says which must be there.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct NewTheme {
    /// 2–60 of `a-z`, `0-9` and `-`; cannot be changed later.
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_slug", message = "api.error_slug")
    )]
    #[schema(required = true, value_type = String, example = "reiseliv")]
    pub slug: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nb: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nn: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Tourism")]
    pub name_en: Option<String>,
    /// Up to 2000 characters; empty when left out.
    #[validate(custom(function = "check_text", message = "api.error_text_length"))]
    #[schema(value_type = String)]
    pub description: Option<String>,
    /// Empty when left out.
    #[validate(custom(function = "check_keywords", message = "api.error_text_length"))]
    #[schema(value_type = Vec<String>)]
    pub keywords: Option<Vec<String>>,
    /// `#rrggbb`; the next palette colour when left out.
    #[validate(custom(function = "check_colour", message = "api.error_colour"))]
    #[schema(value_type = String, example = "#1f5f8b")]
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
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nb: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Reiseliv")]
    pub name_nn: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_name", message = "api.error_name_length")
    )]
    #[schema(required = true, value_type = String, example = "Tourism")]
    pub name_en: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_text", message = "api.error_text_length")
    )]
    /// Up to 2000 characters; may be empty.
    #[schema(required = true, value_type = String)]
    pub description: Option<String>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_keywords", message = "api.error_text_length")
    )]
    /// May be empty.
    #[schema(required = true, value_type = Vec<String>)]
    pub keywords: Option<Vec<String>>,
    #[validate(
        required(message = "api.error_required"),
        custom(function = "check_colour", message = "api.error_colour")
    )]
    /// `#rrggbb`.
    #[schema(required = true, value_type = String, example = "#1f5f8b")]
    pub colour: Option<String>,
    #[validate(required(message = "api.error_required"))]
    /// Whether inputs can be tagged with it.
    #[schema(required = true, value_type = bool)]
    pub active: Option<bool>,
}

/// The service's values from checked input; `None` only if a check above was skipped.
pub fn theme_fields(
    names: [&Option<String>; 3],
    description: &Option<String>,
    keywords: &Option<Vec<String>>,
    colour: Colour,
) -> Option<ThemeFields> {
    let name = |value: &Option<String>| value.as_deref().and_then(|v| Name::parse(v).ok());
    Some(ThemeFields {
        name_nb: name(names[0])?,
        name_nn: name(names[1])?,
        name_en: name(names[2])?,
        description: description.as_deref().unwrap_or_default().trim().to_owned(),
        keywords: normalise_keywords(&keywords.as_deref().unwrap_or_default().join(", ")),
        colour,
    })
}

pub fn unchecked() -> AppError {
    AppError::Unexpected(
        "theme input passed validation but did not parse".into(),
        None,
    )
}
