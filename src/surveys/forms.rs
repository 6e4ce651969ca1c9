//! The builder's forms as sent, and their conversion into the settings,
//! sections and questions the editing service takes. Every problem gets a
//! message at its field; the service's own refusals are mapped in the routes.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use serde::Deserialize;

use crate::surveys::model::{Audience, Kind, Question, Role, Survey};
use crate::surveys::service::builder::{NewSurvey, QuestionFields};
use crate::surveys::service::editing::{OptionEdit, QuestionEdit, Settings};
use crate::web::PageContext;
use crate::web::forms::FormErrors;

const TITLE_MAX: usize = 200;
const TEXT_MAX: usize = 4000;
const LABEL_MAX: usize = 100;
const OPTION_MAX: usize = 200;
const OPTIONS_MAX: usize = 100;
const LOCAL: &str = "%Y-%m-%dT%H:%M";

fn yes(value: &Option<String>) -> bool {
    value.as_deref() == Some("ja")
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn too_long(text: &str, max: usize) -> bool {
    text.trim().chars().count() > max
}

fn key(name: &str) -> String {
    format!("surveys.admin.validation.{name}")
}

/// A required title of at most 200 characters.
fn title(ctx: &PageContext, errors: &mut FormErrors, field: &str, value: &str) -> String {
    if value.trim().is_empty() {
        errors.add(field, ctx.t(&key("title_required")));
    } else if too_long(value, TITLE_MAX) {
        errors.add(field, ctx.t(&key("title_long")));
    }
    value.trim().to_owned()
}

fn long_text(
    ctx: &PageContext,
    errors: &mut FormErrors,
    field: &str,
    value: &str,
) -> Option<String> {
    if too_long(value, TEXT_MAX) {
        errors.add(field, ctx.t(&key("text_long")));
    }
    optional(value)
}

/// A blank survey: its title and audience.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreateForm {
    pub title: String,
    pub audience: String,
}

impl CreateForm {
    pub fn check(&self, ctx: &PageContext) -> Result<NewSurvey, FormErrors> {
        let mut errors = FormErrors::new();
        let title = title(ctx, &mut errors, "title", &self.title);
        let audience = Audience::parse(&self.audience);
        if audience.is_none() {
            errors.add("audience", ctx.t(&key("audience")));
        }
        match audience {
            Some(audience) if errors.is_empty() => Ok(NewSurvey {
                title,
                intro: None,
                audience,
                paged: false,
                offer_interview: false,
            }),
            _ => Err(errors),
        }
    }
}

/// A moment from a `datetime-local` field, read as Norwegian wall-clock
/// time; in the hour that repeats in autumn, the first.
fn oslo(text: &str) -> Option<DateTime<Utc>> {
    let local = NaiveDateTime::parse_from_str(text.trim(), LOCAL).ok()?;
    Oslo.from_local_datetime(&local)
        .earliest()
        .map(|moment| moment.with_timezone(&Utc))
}

fn local(moment: Option<DateTime<Utc>>) -> String {
    moment.map_or_else(String::new, |at| {
        at.with_timezone(&Oslo).format(LOCAL).to_string()
    })
}

/// The survey's settings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub title: String,
    pub intro: String,
    pub audience: String,
    pub paged: Option<String>,
    pub offer_interview: Option<String>,
    pub opens_at: String,
    pub closes_at: String,
}

impl SettingsForm {
    pub fn from_survey(survey: &Survey) -> SettingsForm {
        SettingsForm {
            title: survey.title.clone(),
            intro: survey.intro.clone().unwrap_or_default(),
            audience: survey.audience.code().to_owned(),
            paged: survey.paged.then(|| "ja".to_owned()),
            offer_interview: survey.offer_interview.then(|| "ja".to_owned()),
            opens_at: local(survey.opens_at),
            closes_at: local(survey.closes_at),
        }
    }

    pub fn check(&self, ctx: &PageContext) -> Result<Settings, FormErrors> {
        let mut errors = FormErrors::new();
        let title = title(ctx, &mut errors, "title", &self.title);
        let intro = long_text(ctx, &mut errors, "intro", &self.intro);
        let audience = Audience::parse(&self.audience);
        if audience.is_none() {
            errors.add("audience", ctx.t(&key("audience")));
        }
        let mut moment = |field: &str, text: &str| match text.trim() {
            "" => None,
            text => {
                let at = oslo(text);
                if at.is_none() {
                    errors.add(field, ctx.t(&key("datetime")));
                }
                at
            }
        };
        let opens_at = moment("opens_at", &self.opens_at);
        let closes_at = moment("closes_at", &self.closes_at);
        if let (Some(opens), Some(closes)) = (opens_at, closes_at)
            && closes <= opens
        {
            errors.add("closes_at", ctx.t(&key("closes_after_opens")));
        }
        match audience {
            Some(audience) if errors.is_empty() => Ok(Settings {
                title,
                intro,
                audience,
                paged: yes(&self.paged),
                offer_interview: yes(&self.offer_interview),
                opens_at,
                closes_at,
            }),
            _ => Err(errors),
        }
    }
}

/// A section's title and description (named apart from the survey's own
/// title, as both forms share the survey page).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SectionForm {
    pub section_title: String,
    pub section_description: String,
}

impl SectionForm {
    pub fn check(&self, ctx: &PageContext) -> Result<(String, Option<String>), FormErrors> {
        let mut errors = FormErrors::new();
        let title = title(ctx, &mut errors, "section_title", &self.section_title);
        let description = long_text(
            ctx,
            &mut errors,
            "section_description",
            &self.section_description,
        );
        if errors.is_empty() {
            Ok((title, description))
        } else {
            Err(errors)
        }
    }
}

/// A question: the editor's fields. Existing options come as parallel
/// lists (`option_code`, `option_label`), hidden and removed ones by code;
/// new options one per line in `new_options`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    /// The section a new question goes to (the add form only).
    pub section: String,
    pub kind: String,
    pub prompt: String,
    pub help: String,
    pub required: Option<String>,
    pub option_code: Vec<String>,
    pub option_label: Vec<String>,
    pub option_hidden: Vec<String>,
    pub option_remove: Vec<String>,
    pub new_options: String,
    pub allow_other: Option<String>,
    pub scale_low: String,
    pub scale_high: String,
    pub min_value: String,
    pub max_value: String,
    pub role: String,
    pub as_input: Option<String>,
}

/// The id of the label field of existing option `index`.
pub fn option_field(index: usize) -> String {
    format!("option-{index}")
}

fn number(text: &str) -> Result<Option<f64>, ()> {
    match text.trim() {
        "" => Ok(None),
        text => match text.replace(',', ".").replace('−', "-").parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(()),
        },
    }
}

impl QuestionForm {
    pub fn from_question(question: &Question) -> QuestionForm {
        let show = |n: Option<f64>| n.map(crate::surveys::answering::format_number);
        QuestionForm {
            section: question.section_id.to_string(),
            kind: question.kind.code().to_owned(),
            prompt: question.prompt.clone(),
            help: question.help.clone().unwrap_or_default(),
            required: question.required.then(|| "ja".to_owned()),
            option_code: question.options.iter().map(|o| o.code.clone()).collect(),
            option_label: question.options.iter().map(|o| o.label.clone()).collect(),
            option_hidden: question
                .options
                .iter()
                .filter(|o| o.hidden)
                .map(|o| o.code.clone())
                .collect(),
            option_remove: Vec::new(),
            new_options: String::new(),
            allow_other: question.allow_other.then(|| "ja".to_owned()),
            scale_low: question.scale_low.clone().unwrap_or_default(),
            scale_high: question.scale_high.clone().unwrap_or_default(),
            min_value: show(question.min_value).unwrap_or_default(),
            max_value: show(question.max_value).unwrap_or_default(),
            role: question
                .role
                .map(|r| r.code().to_owned())
                .unwrap_or_default(),
            as_input: question.as_input.then(|| "ja".to_owned()),
        }
    }

    /// The kind the form asks for, if it is one.
    pub fn kind(&self) -> Option<Kind> {
        Kind::parse(&self.kind)
    }

    pub fn check(&self, ctx: &PageContext) -> Result<QuestionEdit, FormErrors> {
        let mut errors = FormErrors::new();
        let kind = self.kind();
        if kind.is_none() {
            errors.add("kind", ctx.t(&key("kind")));
        }
        if self.prompt.trim().is_empty() {
            errors.add("prompt", ctx.t(&key("prompt_required")));
        } else if too_long(&self.prompt, TEXT_MAX) {
            errors.add("prompt", ctx.t(&key("text_long")));
        }
        let help = long_text(ctx, &mut errors, "help", &self.help);
        let mut options = Vec::new();
        for (index, code) in self.option_code.iter().enumerate() {
            if self.option_remove.contains(code) {
                continue;
            }
            let label = self.option_label.get(index).map_or("", |l| l.trim());
            let field = option_field(index);
            if label.is_empty() {
                errors.add(&field, ctx.t(&key("option_required")));
            } else if too_long(label, OPTION_MAX) {
                errors.add(&field, ctx.t(&key("option_long")));
            }
            options.push(OptionEdit {
                code: Some(code.clone()),
                label: label.to_owned(),
                hidden: self.option_hidden.contains(code),
            });
        }
        for line in self
            .new_options
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if too_long(line, OPTION_MAX) {
                errors.add("new_options", ctx.t(&key("option_long")));
            }
            options.push(OptionEdit::new(line));
        }
        if options.len() > OPTIONS_MAX {
            errors.add("new_options", ctx.t(&key("too_many_options")));
        }
        for (field, value) in [
            ("scale_low", &self.scale_low),
            ("scale_high", &self.scale_high),
        ] {
            if too_long(value, LABEL_MAX) {
                errors.add(field, ctx.t(&key("label_long")));
            }
        }
        let mut bound = |field: &str, text: &str| {
            number(text).unwrap_or_else(|()| {
                errors.add(field, ctx.t(&key("number")));
                None
            })
        };
        let min_value = bound("min_value", &self.min_value);
        let max_value = bound("max_value", &self.max_value);
        if let (Some(min), Some(max)) = (min_value, max_value)
            && max < min
        {
            errors.add("max_value", ctx.t(&key("max_below_min")));
        }
        let role = match self.role.trim() {
            "" => None,
            code => {
                let role = Role::parse(code);
                if role.is_none() {
                    errors.add("role", ctx.t(&key("role")));
                }
                role
            }
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(QuestionEdit {
                fields: QuestionFields {
                    kind,
                    prompt: self.prompt.trim().to_owned(),
                    help,
                    required: yes(&self.required),
                    options: Vec::new(),
                    allow_other: yes(&self.allow_other),
                    scale_low: optional(&self.scale_low),
                    scale_high: optional(&self.scale_high),
                    min_value,
                    max_value,
                    role,
                    as_input: yes(&self.as_input),
                },
                options,
            }),
            _ => Err(errors),
        }
    }
}
