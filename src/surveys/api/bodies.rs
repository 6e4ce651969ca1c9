//! The JSON shapes of the survey operations.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::surveys::model::{Answer, Audience, Choice, Kind, Question, Role, Survey, SurveyStatus};

/// A survey in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveySummary {
    pub id: Uuid,
    pub title: String,
    pub audience: Audience,
    pub status: SurveyStatus,
    pub responses: i64,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// A question with its stable code, its options and how it is answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionBody {
    pub id: Uuid,
    /// Stable within the survey (`q7`): the key of its answers and its export columns.
    pub code: String,
    pub kind: Kind,
    pub prompt: String,
    pub help: Option<String>,
    pub required: bool,
    /// Removed from the survey after answers were given; old answers keep it.
    pub hidden: bool,
    /// Choice options, hidden ones included (marked).
    pub options: Vec<Choice>,
    pub allow_other: bool,
    pub scale_low: Option<String>,
    pub scale_high: Option<String>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub role: Option<Role>,
}

impl From<&Question> for QuestionBody {
    fn from(q: &Question) -> Self {
        QuestionBody {
            id: q.id,
            code: q.code.clone(),
            kind: q.kind,
            prompt: q.prompt.clone(),
            help: q.help.clone(),
            required: q.required,
            hidden: q.hidden,
            options: q.options.clone(),
            allow_other: q.allow_other,
            scale_low: q.scale_low.clone(),
            scale_high: q.scale_high.clone(),
            min_value: q.min_value,
            max_value: q.max_value,
            role: q.role,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SectionBody {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub questions: Vec<QuestionBody>,
}

/// A survey with its sections and questions in order.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyBody {
    pub id: Uuid,
    pub title: String,
    pub intro: Option<String>,
    pub audience: Audience,
    pub status: SurveyStatus,
    pub paged: bool,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub offer_interview: bool,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub sections: Vec<SectionBody>,
}

impl From<&Survey> for SurveyBody {
    fn from(s: &Survey) -> Self {
        SurveyBody {
            id: s.id,
            title: s.title.clone(),
            intro: s.intro.clone(),
            audience: s.audience,
            status: s.status,
            paged: s.paged,
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            offer_interview: s.offer_interview,
            created_at: s.created_at,
            published_at: s.published_at,
            closed_at: s.closed_at,
            sections: s
                .sections
                .iter()
                .map(|section| SectionBody {
                    id: section.id,
                    title: section.title.clone(),
                    description: section.description.clone(),
                    questions: section.questions.iter().map(QuestionBody::from).collect(),
                })
                .collect(),
        }
    }
}

/// One response; `answers` is keyed by question code. Theme answers name
/// themes by id (see `/api/v1/themes`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseBody {
    pub id: Uuid,
    pub submitted_at: DateTime<Utc>,
    pub language: String,
    pub kiosk: bool,
    pub stakeholder_group: Option<String>,
    /// Each answer as stored: `{"choice": {"code", "other"?}}`, `{"choices":
    /// {"codes", "other"?}}`, `{"scale": 1–5}`, `{"themes": {theme id: 1–5}}`,
    /// `{"ranking": [theme id, …]}` (most important first), `{"number": x}` or
    /// `{"text": {"text", "input"?}}` (`input`: the input the text became).
    #[schema(value_type = BTreeMap<String, Object>)]
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResponsePage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub pages: u64,
    pub items: Vec<ResponseBody>,
}
