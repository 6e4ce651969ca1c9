//! Form building blocks: labelled fields with their messages, and the error
//! summary at the top that a failed submission moves focus to.

use maud::{Markup, html};
use validator::ValidationErrors;

use crate::web::Lang;

/// Messages by field, in the order the fields appear on the form.
#[derive(Debug, Default, Clone)]
pub struct FormErrors {
    fields: Vec<(String, String)>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.fields.push((field.to_owned(), message.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, message)| message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Translates validator's errors: each `message` on a `#[validate]` rule
    /// is a locale key, under `[validation]` unless it has a dot. `order` lists the
    /// form's fields top to bottom, so the summary reads like the form.
    pub fn from_validation(lang: Lang, errors: &ValidationErrors, order: &[&str]) -> Self {
        let mut form_errors = Self::new();
        let field_errors = errors.field_errors();
        for field in order {
            if let Some(list) = field_errors.get(*field)
                && let Some(first) = list.first()
            {
                let key = first
                    .message
                    .as_deref()
                    .map(str::to_owned)
                    .unwrap_or_else(|| first.code.to_string());
                // A dotted message is a whole key; a bare one lives under `validation`.
                let key = if key.contains('.') {
                    key
                } else {
                    format!("validation.{key}")
                };
                form_errors.add(field, lang.t(&key));
            }
        }
        form_errors
    }
}

/// The summary of what to fix, linking each message to its field. It takes
/// focus on load, so screen readers announce it at once.
pub fn error_summary(lang: Lang, errors: &FormErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus {
                h2 #error-summary-title { (lang.t("form.error_summary")) }
                ul {
                    @for (field, message) in &errors.fields {
                        li { a href={ "#" (field) } { (message) } }
                    }
                }
            }
        }
    }
}

/// One labelled input with its hint and message.
pub struct Field<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub value: &'a str,
    /// `text`, `email`, `password`, `url`, `date`, `number`, or `textarea`.
    pub kind: &'a str,
    pub hint: Option<&'a str>,
    pub autocomplete: Option<&'a str>,
    pub required: bool,
}

impl<'a> Field<'a> {
    pub fn new(name: &'a str, label: &'a str, value: &'a str) -> Self {
        Self {
            name,
            label,
            value,
            kind: "text",
            hint: None,
            autocomplete: None,
            required: false,
        }
    }

    pub fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }

    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn autocomplete(mut self, autocomplete: &'a str) -> Self {
        self.autocomplete = Some(autocomplete);
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn render(&self, errors: &FormErrors) -> Markup {
        let error = errors.get(self.name);
        let hint_id = format!("{}-hint", self.name);
        let error_id = format!("{}-error", self.name);
        let described_by = [
            self.hint.map(|_| hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let described_by = (!described_by.is_empty()).then_some(described_by);
        html! {
            div.field.field-error[error.is_some()] {
                label for=(self.name) { (self.label) }
                @if let Some(hint) = self.hint {
                    p.hint id=(hint_id) { (hint) }
                }
                @if let Some(message) = error {
                    p.error-message id=(error_id) { (message) }
                }
                @if self.kind == "textarea" {
                    textarea id=(self.name) name=(self.name) rows="8"
                        required[self.required]
                        aria-invalid=[error.map(|_| "true")]
                        aria-describedby=[described_by.as_deref()] { (self.value) }
                } @else {
                    input id=(self.name) name=(self.name) type=(self.kind) value=(self.value)
                        required[self.required]
                        autocomplete=[self.autocomplete]
                        aria-invalid=[error.map(|_| "true")]
                        aria-describedby=[described_by.as_deref()];
                }
            }
        }
    }
}

/// A notice after a redirect ("Saved", "Invitation sent").
pub fn notice(text: Option<&str>) -> Markup {
    html! {
        @if let Some(text) = text {
            div.notice role="status" { (text) }
        }
    }
}
