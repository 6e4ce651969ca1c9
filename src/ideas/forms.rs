//! The idea form as sent, and its check into a `NewIdea`.

use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use crate::domain::Email;
use crate::ideas::service::NewIdea;
use crate::inputs::StakeholderGroup;
use crate::inputs::submit::NewContact;
use crate::web::PageContext;
use crate::web::forms::FormErrors;

/// The form as sent, every value kept as text so it can be shown again.
#[derive(Deserialize, Validate, Default, Clone)]
#[serde(default)]
pub struct IdeaForm {
    #[validate(length(min = 5, max = 120, message = "ideas.validation.title"))]
    pub title: String,
    #[validate(length(min = 20, max = 4000, message = "ideas.validation.body"))]
    pub body: String,
    pub themes: Vec<String>,
    pub group: String,
    #[validate(length(max = 200, message = "ideas.validation.location"))]
    pub location: String,
    #[validate(length(max = 200, message = "ideas.validation.name"))]
    pub name: String,
    pub email: String,
    pub consent: Option<String>,
    pub news: Option<String>,
}

/// Field order on the form, for the error summary.
pub const FIELDS: [&str; 8] = [
    "title", "body", "themes", "group", "location", "name", "email", "consent",
];

impl IdeaForm {
    pub fn trimmed(mut self) -> Self {
        for value in [
            &mut self.title,
            &mut self.body,
            &mut self.location,
            &mut self.name,
            &mut self.email,
        ] {
            *value = value.trim().to_owned();
        }
        self
    }

    /// Checks everything; on success the idea to store (without its
    /// idempotency key, which the public form's guard carries).
    pub fn check(&self, ctx: &PageContext) -> Result<NewIdea, FormErrors> {
        let mut errors = match self.validate() {
            Ok(()) => FormErrors::new(),
            Err(err) => FormErrors::from_validation(ctx.lang, &err, &FIELDS),
        };
        let group = StakeholderGroup::parse(&self.group);
        if group.is_none() {
            errors.add("group", ctx.t("ideas.validation.group"));
        }
        let email = if self.email.is_empty() {
            None
        } else {
            match Email::parse(&self.email) {
                Ok(email) => Some(email),
                Err(_) => {
                    errors.add("email", ctx.t("ideas.validation.email"));
                    None
                }
            }
        };
        if !self.email.is_empty() && self.consent.is_none() {
            errors.add("consent", ctx.t("ideas.validation.consent"));
        }
        let (Some(group), true) = (group, errors.is_empty()) else {
            return Err(errors);
        };
        let name = (!self.name.is_empty()).then(|| self.name.clone());
        Ok(NewIdea {
            title: self.title.clone(),
            body: self.body.replace("\r\n", "\n"),
            themes: self
                .themes
                .iter()
                .filter_map(|id| Uuid::parse_str(id).ok())
                .collect(),
            group,
            location: (!self.location.is_empty()).then(|| self.location.clone()),
            language: ctx.lang,
            contact: (name.is_some() || email.is_some()).then(|| NewContact {
                name,
                email,
                news_opt_in: self.news.is_some(),
                organisation: None,
            }),
            idempotency_key: None,
        })
    }
}
