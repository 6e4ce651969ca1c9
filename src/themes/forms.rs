//! The theme form and the CSV paste form: what they send, how it is checked,
//! and how a checked form becomes theme values.
//!
//! Messages name keys under `themes.validation` in full, because the shared
//! `[validation]` table belongs to another file and TOML allows one table of
//! a name per language.

use serde::Deserialize;
use validator::{Validate, ValidationError, ValidationErrors};

use super::changes::NewTheme;
use super::values::{
    Colour, Description, Fault, Invalid, Keywords, Name, Slug, ThemeFields, is_valid_colour,
    is_valid_slug,
};
use crate::entities::theme;
use crate::web::Lang;
use crate::web::forms::FormErrors;

/// The fields of the theme form, top to bottom, so the summary reads like it.
pub const THEME_FIELDS: [&str; 7] = [
    "slug",
    "name_nb",
    "name_nn",
    "name_en",
    "description",
    "keywords",
    "colour",
];

/// What the create and edit forms send. Missing fields are empty, so a
/// tampered form gets messages, not a bare error page.
#[derive(Debug, Default, Clone, Deserialize, Validate)]
#[serde(default)]
pub struct ThemeForm {
    #[validate(custom(function = "check_slug", message = "themes.validation.slug"))]
    pub slug: String,
    #[validate(
        length(min = 1, max = 120, message = "themes.validation.name_nb"),
        custom(
            function = "check_name_characters",
            message = "themes.validation.control_characters"
        )
    )]
    pub name_nb: String,
    #[validate(
        length(min = 1, max = 120, message = "themes.validation.name_nn"),
        custom(
            function = "check_name_characters",
            message = "themes.validation.control_characters"
        )
    )]
    pub name_nn: String,
    #[validate(
        length(min = 1, max = 120, message = "themes.validation.name_en"),
        custom(
            function = "check_name_characters",
            message = "themes.validation.control_characters"
        )
    )]
    pub name_en: String,
    #[validate(
        length(max = 2000, message = "themes.validation.description"),
        custom(
            function = "check_description_characters",
            message = "themes.validation.control_characters"
        )
    )]
    pub description: String,
    #[validate(
        length(max = 2000, message = "themes.validation.keywords"),
        custom(
            function = "check_keywords_characters",
            message = "themes.validation.control_characters"
        )
    )]
    pub keywords: String,
    #[validate(custom(function = "check_colour", message = "themes.validation.colour"))]
    pub colour: String,
}

fn check_slug(value: &str) -> Result<(), ValidationError> {
    is_valid_slug(value)
        .then_some(())
        .ok_or_else(|| ValidationError::new("slug"))
}

fn check_colour(value: &str) -> Result<(), ValidationError> {
    is_valid_colour(value)
        .then_some(())
        .ok_or_else(|| ValidationError::new("colour"))
}

/// The value types decide which characters are allowed; lengths have rules
/// of their own above, with messages that name the field.
fn control_characters<T>(parsed: Result<T, Invalid>) -> Result<(), ValidationError> {
    match parsed {
        Err(Invalid {
            fault: Fault::ControlCharacter,
            ..
        }) => Err(ValidationError::new("control_characters")),
        _ => Ok(()),
    }
}

fn check_name_characters(value: &str) -> Result<(), ValidationError> {
    control_characters(Name::parse(value))
}

fn check_description_characters(value: &str) -> Result<(), ValidationError> {
    control_characters(Description::parse(value))
}

fn check_keywords_characters(value: &str) -> Result<(), ValidationError> {
    control_characters(Keywords::parse(value))
}

impl ThemeForm {
    /// An empty form for a new theme, with the next palette colour filled in.
    pub fn blank(colour: &Colour) -> Self {
        Self {
            colour: colour.as_str().to_owned(),
            ..Self::default()
        }
    }

    pub fn from_theme(theme: &theme::Model) -> Self {
        Self {
            slug: theme.slug.clone(),
            name_nb: theme.name_nb.clone(),
            name_nn: theme.name_nn.clone(),
            name_en: theme.name_en.clone(),
            description: theme.description.clone(),
            keywords: theme.keywords.clone(),
            colour: theme.colour.clone(),
        }
    }

    /// Without the spaces a paste brings along, so `"  "` is an empty name.
    pub fn trimmed(self) -> Self {
        Self {
            slug: self.slug.trim().to_owned(),
            name_nb: self.name_nb.trim().to_owned(),
            name_nn: self.name_nn.trim().to_owned(),
            name_en: self.name_en.trim().to_owned(),
            description: self.description.trim().to_owned(),
            keywords: self.keywords.trim().to_owned(),
            colour: self.colour.trim().to_lowercase(),
        }
    }

    /// Messages for every rule the form breaks, in `lang`.
    pub fn errors(&self, lang: Lang) -> FormErrors {
        match self.validate() {
            Ok(()) => FormErrors::new(),
            Err(errors) => translate(lang, &errors, &THEME_FIELDS),
        }
    }

    pub fn slug(&self) -> Option<Slug> {
        Slug::parse(&self.slug).ok()
    }

    /// The values to store, when every field is valid.
    pub fn fields(&self) -> Option<ThemeFields> {
        Some(ThemeFields {
            name_nb: Name::parse(&self.name_nb).ok()?,
            name_nn: Name::parse(&self.name_nn).ok()?,
            name_en: Name::parse(&self.name_en).ok()?,
            description: Description::parse(&self.description).ok()?.into_string(),
            keywords: Keywords::parse(&self.keywords).ok()?.into_string(),
            colour: Colour::parse(&self.colour).ok()?,
        })
    }

    /// A new theme from this form, switched on, when every field is valid.
    pub fn new_theme(&self) -> Option<NewTheme> {
        Some(NewTheme {
            slug: self.slug()?,
            name_nb: Name::parse(&self.name_nb).ok()?,
            name_nn: Name::parse(&self.name_nn).ok()?,
            name_en: Name::parse(&self.name_en).ok()?,
            description: Description::parse(&self.description).ok()?,
            keywords: Keywords::parse(&self.keywords).ok()?,
            colour: Some(Colour::parse(&self.colour).ok()?),
            active: true,
        })
    }
}

/// What the import form sends: the file's text, pasted.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ImportForm {
    pub csv: String,
}

/// validator's errors as form messages: each rule's `message` is a full
/// locale key. `order` lists the fields top to bottom.
pub fn translate(lang: Lang, errors: &ValidationErrors, order: &[&str]) -> FormErrors {
    let mut form_errors = FormErrors::new();
    let by_field = errors.field_errors();
    for field in order {
        if let Some(first) = by_field.get(*field).and_then(|list| list.first()) {
            let key = first
                .message
                .as_deref()
                .map(str::to_owned)
                .unwrap_or_else(|| format!("themes.validation.{}", first.code));
            form_errors.add(field, lang.t(&key));
        }
    }
    form_errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ThemeForm {
        ThemeForm {
            slug: "reiseliv".into(),
            name_nb: "Reiseliv".into(),
            name_nn: "Reiseliv".into(),
            name_en: "Tourism".into(),
            description: String::new(),
            keywords: "hytte,  fjell".into(),
            colour: "#1F5F8B".into(),
        }
    }

    #[test]
    fn a_valid_form_gives_values_to_store() {
        let form = valid().trimmed();
        assert!(form.errors(Lang::Nb).is_empty());
        let fields = form.fields().expect("fields");
        assert_eq!(fields.colour.as_str(), "#1f5f8b");
        assert_eq!(fields.keywords, "hytte, fjell");
        assert_eq!(form.slug().map(|s| s.to_string()), Some("reiseliv".into()));
    }

    #[test]
    fn every_broken_rule_gets_its_own_message_in_form_order() {
        let form = ThemeForm {
            slug: "Ikke gyldig".into(),
            name_nb: "   ".into(),
            name_en: "x".repeat(121),
            colour: "blå".into(),
            ..valid()
        }
        .trimmed();
        let errors = form.errors(Lang::En);
        for field in ["slug", "name_nb", "name_en", "colour"] {
            let message = errors.get(field).unwrap_or_default();
            assert!(!message.is_empty() && message != "??", "{field}: {message}");
        }
        assert!(errors.get("name_nn").is_none());
        assert!(form.fields().is_none());
    }
}
