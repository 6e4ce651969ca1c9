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
            div.ds-error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus {
                h2.ds-heading #error-summary-title { (lang.t("form.error_summary")) }
                ul.ds-list {
                    @for (field, message) in &errors.fields {
                        li { a.ds-link href={ "#" (field) } { (message) } }
                    }
                }
            }
        }
    }
}

/// The ids a control's `aria-describedby` names: its hint and its message.
fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    let ids = [
        hint.then(|| format!("{name}-hint")),
        error.then(|| format!("{name}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A field's message, below its control as Designsystemet places it.
fn validation_message(name: &str, error: Option<&str>) -> Markup {
    html! {
        @if let Some(message) = error {
            p.ds-validation-message data-field="validation" id={ (name) "-error" } { (message) }
        }
    }
}

/// One labelled input with its hint and message.
pub struct Field<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub value: &'a str,
    /// `text`, `email`, `password`, `url`, `date`, `number`, `color`, or `textarea`.
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
        let described_by = described_by(self.name, self.hint.is_some(), error.is_some());
        html! {
            div.ds-field {
                label.ds-label for=(self.name) { (self.label) }
                @if let Some(hint) = self.hint {
                    div data-field="description" id={ (self.name) "-hint" } { (hint) }
                }
                @if self.kind == "textarea" {
                    textarea.ds-input id=(self.name) name=(self.name) rows="8"
                        required[self.required]
                        aria-invalid=[error.map(|_| "true")]
                        aria-describedby=[described_by.as_deref()] { (self.value) }
                } @else {
                    input.ds-input id=(self.name) name=(self.name) type=(self.kind) value=(self.value)
                        required[self.required]
                        autocomplete=[self.autocomplete]
                        aria-invalid=[error.map(|_| "true")]
                        aria-describedby=[described_by.as_deref()];
                }
                (validation_message(self.name, error))
            }
        }
    }
}

/// A group of radio buttons (one answer) or checkboxes (any number) in a
/// fieldset whose legend asks the question. The first option's id is the
/// group's name, so the error summary's link lands on it.
pub struct Choices<'a> {
    pub name: &'a str,
    pub legend: &'a str,
    pub hint: Option<&'a str>,
    pub multiple: bool,
    pub required: bool,
    /// Value and label of each option, in order.
    pub options: Vec<(String, String)>,
    /// A description under an option's label, by position; optional.
    pub option_hints: Vec<String>,
    pub checked: &'a [String],
}

impl<'a> Choices<'a> {
    /// One answer of `options`; `checked` holds the chosen value, if any.
    pub fn radio(
        name: &'a str,
        legend: &'a str,
        options: Vec<(String, String)>,
        checked: &'a [String],
    ) -> Self {
        Self {
            name,
            legend,
            hint: None,
            multiple: false,
            required: false,
            options,
            option_hints: Vec::new(),
            checked,
        }
    }

    /// Any number of `options`; `checked` holds the chosen values.
    pub fn checkboxes(
        name: &'a str,
        legend: &'a str,
        options: Vec<(String, String)>,
        checked: &'a [String],
    ) -> Self {
        Self {
            multiple: true,
            ..Self::radio(name, legend, options, checked)
        }
    }

    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Descriptions under the options' labels, in the options' order (an
    /// export format and what it suits), each tied to its option by
    /// `aria-describedby`.
    pub fn option_hints(mut self, hints: Vec<String>) -> Self {
        self.option_hints = hints;
        self
    }

    /// The id of option `index`: the group's name for the first, so a link
    /// to `#name` reaches the group.
    fn option_id(&self, index: usize, value: &str) -> String {
        if index == 0 {
            self.name.to_owned()
        } else {
            let value: String = value
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            format!("{}-{value}", self.name)
        }
    }

    pub fn render(&self, errors: &FormErrors) -> Markup {
        let error = errors.get(self.name);
        let described_by = described_by(self.name, self.hint.is_some(), error.is_some());
        let kind = if self.multiple { "checkbox" } else { "radio" };
        html! {
            fieldset.ds-fieldset aria-describedby=[described_by.as_deref()] {
                legend.ds-label { (self.legend) }
                @if let Some(hint) = self.hint {
                    p data-field="description" id={ (self.name) "-hint" } { (hint) }
                }
                div.choices {
                    @for (index, (value, label)) in self.options.iter().enumerate() {
                        @let id = self.option_id(index, value);
                        @let hint = self.option_hints.get(index).filter(|hint| !hint.is_empty());
                        @let hint_id = format!("{id}-description");
                        div.ds-field {
                            input.ds-input type=(kind) id=(id) name=(self.name) value=(value)
                                checked[self.checked.contains(value)]
                                required[self.required && !self.multiple]
                                aria-invalid=[error.map(|_| "true")]
                                aria-describedby=[hint.map(|_| hint_id.as_str())];
                            label.ds-label data-weight="regular" for=(id) { (label) }
                            @if let Some(hint) = hint {
                                div data-field="description" id=(hint_id) { (hint) }
                            }
                        }
                    }
                }
                (validation_message(self.name, error))
            }
        }
    }
}

/// A single checkbox that says yes to something (consent, news), with its
/// message. The box sends `ja` when ticked.
pub fn checkbox(name: &str, label: &str, checked: bool, errors: &FormErrors) -> Markup {
    let error = errors.get(name);
    html! {
        div.ds-field {
            input.ds-input type="checkbox" id=(name) name=(name) value="ja" checked[checked]
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(name, false, error.is_some()).as_deref()];
            label.ds-label data-weight="regular" for=(name) { (label) }
            (validation_message(name, error))
        }
    }
}

/// A notice after a redirect ("Saved", "Invitation sent").
pub fn notice(text: Option<&str>) -> Markup {
    html! {
        @if let Some(text) = text {
            div.ds-alert data-color="success" role="status" { (text) }
        }
    }
}
