//! The business's registration form as sent, and its check into the
//! service's `Registration`. Every value is kept as typed, so a refused form
//! comes back as the business wrote it.

use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use crate::domain::{Email, InvalidOrgNumber, OrgNumber, Phone};
use crate::entities::business::Format;
use crate::interviews::service::Registration;
use crate::interviews::{industry, size};
use crate::web::PageContext;
use crate::web::forms::FormErrors;

/// The formats in the order the form offers them, with their codes.
pub const FORMATS: [Format; 4] = [
    Format::AtCompany,
    Format::TownHall,
    Format::Video,
    Format::Phone,
];

pub fn format_code(format: Format) -> &'static str {
    match format {
        Format::AtCompany => "at_company",
        Format::TownHall => "town_hall",
        Format::Video => "video",
        Format::Phone => "phone",
    }
}

pub fn format_label_key(format: Format) -> String {
    format!("interviews.format.{}", format_code(format))
}

/// The longest "what should we know" the form takes.
pub const MESSAGE_MAX: u64 = 2000;

/// The registration form as sent, every value kept as text.
#[derive(Deserialize, Validate, Default, Clone, Debug)]
#[serde(default)]
pub struct RegistrationForm {
    pub org_number: String,
    #[validate(length(min = 1, max = 200, message = "interviews.public.validation.name"))]
    pub name: String,
    pub industry: String,
    pub employees: String,
    pub size_band: String,
    #[validate(length(
        min = 1,
        max = 200,
        message = "interviews.public.validation.contact_name"
    ))]
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub themes: Vec<String>,
    #[validate(length(max = 2000, message = "interviews.public.validation.message"))]
    pub message: String,
    pub format: String,
    pub consent: Option<String>,
}

/// The fields top to bottom, so the error summary reads like the form.
pub const FIELDS: [&str; 12] = [
    "org_number",
    "name",
    "industry",
    "employees",
    "size_band",
    "contact_name",
    "email",
    "phone",
    "themes",
    "message",
    "format",
    "consent",
];

impl RegistrationForm {
    pub fn trimmed(mut self) -> Self {
        for value in [
            &mut self.org_number,
            &mut self.name,
            &mut self.industry,
            &mut self.employees,
            &mut self.size_band,
            &mut self.contact_name,
            &mut self.email,
            &mut self.phone,
            &mut self.message,
            &mut self.format,
        ] {
            *value = value.trim().to_owned();
        }
        self.message = self.message.replace("\r\n", "\n");
        self
    }

    /// The registration, or a message at every field to fix. `idempotency_key`
    /// is left for the handler, which has the form's guard.
    pub fn check(&self, ctx: &PageContext) -> Result<Registration, FormErrors> {
        let validated = self.validate().err();
        let mut errors = Problems::default();
        let org_number = match OrgNumber::parse(&self.org_number) {
            Ok(number) => Some(number),
            Err(problem) => {
                errors.add("org_number", ctx.t(org_number_message(problem)));
                None
            }
        };
        let industry = industry::parse(&self.industry);
        if industry.is_none() {
            errors.add("industry", ctx.t("interviews.public.validation.industry"));
        }
        let employees = match self.employees.replace([' ', '\u{a0}'], "").as_str() {
            "" => None,
            text => match text.parse::<i32>() {
                Ok(n) if (0..=1_000_000).contains(&n) => Some(n),
                _ => {
                    errors.add("employees", ctx.t("interviews.public.validation.employees"));
                    None
                }
            },
        };
        let size_band = match self.size_band.as_str() {
            "" => None,
            code => {
                let band = size::parse_band(code);
                if band.is_none() {
                    errors.add("size_band", ctx.t("interviews.public.validation.size_band"));
                }
                band
            }
        };
        if self.employees.is_empty() && self.size_band.is_empty() {
            errors.add(
                "employees",
                ctx.t("interviews.public.validation.size_missing"),
            );
        }
        let email = Email::parse(&self.email).ok();
        if email.is_none() {
            errors.add("email", ctx.t("interviews.public.validation.email"));
        }
        let phone = if self.phone.is_empty() {
            errors.add("phone", ctx.t("interviews.public.validation.phone_missing"));
            None
        } else {
            let phone = Phone::parse(&self.phone).ok();
            if phone.is_none() {
                errors.add("phone", ctx.t("interviews.public.validation.phone"));
            }
            phone
        };
        let format = FORMATS
            .into_iter()
            .find(|format| format_code(*format) == self.format);
        if format.is_none() {
            errors.add("format", ctx.t("interviews.public.validation.format"));
        }
        if self.consent.is_none() {
            errors.add("consent", ctx.t("interviews.public.validation.consent"));
        }
        let (Some(org_number), Some(industry), Some(email), Some(phone), Some(format), true) = (
            org_number,
            industry,
            email,
            phone,
            format,
            errors.is_empty() && validated.is_none(),
        ) else {
            return Err(errors.into_form_errors(ctx, validated));
        };
        Ok(Registration {
            org_number,
            name: self.name.clone(),
            industry,
            employees,
            // A head count given wins; the service derives the band from it.
            size_band: if employees.is_some() { None } else { size_band },
            contact_name: self.contact_name.clone(),
            email,
            phone: Some(phone),
            themes: self
                .themes
                .iter()
                .filter_map(|id| Uuid::parse_str(id).ok())
                .collect(),
            message: (!self.message.is_empty()).then(|| self.message.clone()),
            format,
            language: ctx.lang,
            idempotency_key: None,
        })
    }
}

/// Messages found here, merged with validator's into the form's field order.
#[derive(Default)]
struct Problems(Vec<(&'static str, &'static str)>);

impl Problems {
    fn add(&mut self, field: &'static str, message: &'static str) {
        self.0.push((field, message));
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn into_form_errors(
        self,
        ctx: &PageContext,
        validated: Option<validator::ValidationErrors>,
    ) -> FormErrors {
        let lengths = validated
            .map(|err| FormErrors::from_validation(ctx.lang, &err, &FIELDS))
            .unwrap_or_default();
        let mut errors = FormErrors::new();
        for field in FIELDS {
            let mine = self.0.iter().find(|(name, _)| *name == field);
            if let Some((_, message)) = mine {
                errors.add(field, *message);
            } else if let Some(message) = lengths.get(field) {
                errors.add(field, message);
            }
        }
        errors
    }
}

/// Each way an organisation number goes wrong has its own advice.
pub fn org_number_message(problem: InvalidOrgNumber) -> &'static str {
    match problem {
        InvalidOrgNumber::Length => "interviews.public.validation.org_number_length",
        InvalidOrgNumber::NotDigits => "interviews.public.validation.org_number_digits",
        InvalidOrgNumber::CheckDigit => "interviews.public.validation.org_number_check",
    }
}
