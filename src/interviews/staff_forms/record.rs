//! The guide question, interview record and finding forms.

use serde::Deserialize;
use uuid::Uuid;

use super::non_empty;
use crate::entities::{interview, interview_answer, interview_question, theme};
use crate::interviews::guide::{self, QuestionText};
use crate::interviews::service::{RecordInput, TEXT_MAX};
use crate::web::PageContext;
use crate::web::forms::FormErrors;

/// A guide question as a facilitator writes it.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct QuestionForm {
    pub topic: String,
    pub text: String,
    pub help: String,
}

impl QuestionForm {
    pub fn from_question(question: &interview_question::Model) -> Self {
        Self {
            topic: question.topic.clone(),
            text: question.text.clone(),
            help: question.help.clone().unwrap_or_default(),
        }
    }

    pub fn check(&self, ctx: &PageContext) -> Result<QuestionText, FormErrors> {
        let mut errors = FormErrors::new();
        let topic = guide::parse_topic(self.topic.trim());
        if topic.is_none() {
            errors.add("topic", ctx.t("interviews.admin.validation.topic"));
        }
        let text = non_empty(&self.text);
        if text.as_ref().is_none_or(|t| t.chars().count() > 1000) {
            errors.add("text", ctx.t("interviews.admin.validation.question"));
        }
        let help = non_empty(&self.help);
        if help.as_ref().is_some_and(|h| h.chars().count() > 2000) {
            errors.add("help", ctx.t("interviews.admin.validation.help"));
        }
        match (topic, text, errors.is_empty()) {
            (Some(topic), Some(text), true) => Ok(QuestionText { topic, text, help }),
            _ => Err(errors),
        }
    }
}

/// The prefix of an answer field's name; the question's id follows.
pub const ANSWER_PREFIX: &str = "svar-";

pub fn answer_field(question_id: Uuid) -> String {
    format!("{ANSWER_PREFIX}{question_id}")
}

/// The interview record as sent. Answers come as `svar-<question id>`, so the
/// form is read as pairs rather than into fixed fields.
#[derive(Default, Clone)]
pub struct RecordForm {
    pub answers: Vec<(Uuid, String)>,
    pub summary: String,
    pub employee_change: String,
    /// `fullfor` to save and mark the business interviewed.
    pub action: String,
}

impl RecordForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "summary" => form.summary = value,
                "employee_change" => form.employee_change = value,
                "action" => form.action = value,
                _ => {
                    if let Some(id) = name
                        .strip_prefix(ANSWER_PREFIX)
                        .and_then(|id| Uuid::parse_str(id).ok())
                    {
                        form.answers.push((id, value));
                    }
                }
            }
        }
        form
    }

    pub fn from_record(record: &interview::Model, answers: &[interview_answer::Model]) -> Self {
        Self {
            answers: answers
                .iter()
                .map(|answer| (answer.question_id, answer.answer.clone()))
                .collect(),
            summary: record.summary.clone().unwrap_or_default(),
            employee_change: record
                .employee_change
                .map(|n| n.to_string())
                .unwrap_or_default(),
            action: String::new(),
        }
    }

    pub fn answer(&self, question_id: Uuid) -> &str {
        self.answers
            .iter()
            .find(|(id, _)| *id == question_id)
            .map_or("", |(_, answer)| answer.as_str())
    }

    pub fn completes(&self) -> bool {
        self.action == "fullfor"
    }

    pub fn check(&self, ctx: &PageContext) -> Result<RecordInput, FormErrors> {
        let mut errors = FormErrors::new();
        let mut answers = Vec::with_capacity(self.answers.len());
        for (id, answer) in &self.answers {
            let answer = answer.trim().replace("\r\n", "\n");
            if answer.chars().count() > TEXT_MAX {
                errors.add(
                    &answer_field(*id),
                    ctx.t("interviews.admin.validation.too_long"),
                );
            }
            answers.push((*id, answer));
        }
        let summary = non_empty(&self.summary);
        if summary
            .as_ref()
            .is_some_and(|s| s.chars().count() > TEXT_MAX)
        {
            errors.add("summary", ctx.t("interviews.admin.validation.too_long"));
        }
        let employee_change = match self.employee_change.trim() {
            "" => None,
            text => match text.replace('\u{2212}', "-").parse::<i32>() {
                Ok(n) if (-100_000..=100_000).contains(&n) => Some(n),
                _ => {
                    errors.add(
                        "employee_change",
                        ctx.t("interviews.admin.validation.employee_change"),
                    );
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RecordInput {
            answers,
            summary,
            employee_change,
            held_at: None,
        })
    }
}

/// A finding: what the business said, and the themes it touches.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct FindingForm {
    pub finding: String,
    pub themes: Vec<String>,
}

impl FindingForm {
    pub fn check(
        &self,
        ctx: &PageContext,
        active: &[theme::Model],
    ) -> Result<(String, Vec<Uuid>), FormErrors> {
        let mut errors = FormErrors::new();
        let text = non_empty(&self.finding);
        if text.as_ref().is_none_or(|t| t.chars().count() > TEXT_MAX) {
            errors.add("finding", ctx.t("interviews.admin.validation.finding"));
        }
        let themes: Vec<Uuid> = self
            .themes
            .iter()
            .filter_map(|id| Uuid::parse_str(id).ok())
            .filter(|id| active.iter().any(|theme| theme.id == *id))
            .collect();
        match (text, errors.is_empty()) {
            (Some(text), true) => Ok((text, themes)),
            _ => Err(errors),
        }
    }
}
