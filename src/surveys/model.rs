//! What a survey is made of, as the rest of the code sees it: typed
//! questions, the answers they take, and the codes these are stored as.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::entities::{survey, survey_question, survey_section};

/// Who a survey is for. A business survey may end with the offer of an interview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Resident,
    Business,
    General,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Resident, Audience::Business, Audience::General];

    pub fn code(self) -> &'static str {
        match self {
            Audience::Resident => "resident",
            Audience::Business => "business",
            Audience::General => "general",
        }
    }

    pub fn parse(code: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// Where a survey is in its life. Only a published survey inside its dates takes answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    Draft,
    Published,
    Closed,
}

impl SurveyStatus {
    pub const ALL: [SurveyStatus; 3] = [
        SurveyStatus::Draft,
        SurveyStatus::Published,
        SurveyStatus::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Published => "published",
            SurveyStatus::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<SurveyStatus> {
        SurveyStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The kinds of question a survey can ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    SingleChoice,
    MultipleChoice,
    /// Agreement or rating from 1 to 5, with labels at the two ends.
    Likert,
    /// How important each active theme is, 1 to 5 per theme.
    ThemeImportance,
    /// The active themes put in order, most important first.
    ThemeRanking,
    Number,
    ShortText,
    LongText,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::SingleChoice,
        Kind::MultipleChoice,
        Kind::Likert,
        Kind::ThemeImportance,
        Kind::ThemeRanking,
        Kind::Number,
        Kind::ShortText,
        Kind::LongText,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::SingleChoice => "single_choice",
            Kind::MultipleChoice => "multiple_choice",
            Kind::Likert => "likert",
            Kind::ThemeImportance => "theme_importance",
            Kind::ThemeRanking => "theme_ranking",
            Kind::Number => "number",
            Kind::ShortText => "short_text",
            Kind::LongText => "long_text",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The locale key of the kind's name.
    pub fn label_key(self) -> String {
        format!("surveys.kind.{}", self.code())
    }

    pub fn has_choices(self) -> bool {
        matches!(self, Kind::SingleChoice | Kind::MultipleChoice)
    }

    pub fn is_text(self) -> bool {
        matches!(self, Kind::ShortText | Kind::LongText)
    }

    /// Whether answers of one kind can be read as answers of the other, so
    /// a published question may change between them.
    pub fn compatible(self, other: Kind) -> bool {
        self == other || (self.is_text() && other.is_text())
    }
}

/// What an answer means to the rest of the platform, beyond the survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The respondent's stakeholder group: choice codes are `StakeholderGroup` codes.
    StakeholderGroup,
    /// Industry by SN2025 section: choice codes are section letters.
    Industry,
    /// Number of employees: choice codes are the size bands of `interviews::size`.
    Size,
    /// Whether the business would take an interview: `ja` or `nei`.
    InterviewInterest,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::StakeholderGroup,
        Role::Industry,
        Role::Size,
        Role::InterviewInterest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::StakeholderGroup => "stakeholder_group",
            Role::Industry => "industry",
            Role::Size => "size",
            Role::InterviewInterest => "interview_interest",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// One option of a choice question: a code that stays and a label that may be reworded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Choice {
    pub code: String,
    pub label: String,
    /// Removed from the question after publishing; old answers keep it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// The code an "other" answer is stored under.
pub const OTHER: &str = "other";

/// The lowest and highest point of a Likert and a theme-importance scale.
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// One answer, as stored in the response's document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A single choice: the option's code, or `other` with its text.
    Choice {
        code: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<String>,
    },
    /// Multiple choices, in the order the question lists them.
    Choices {
        codes: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<String>,
    },
    /// A point on a 1–5 scale.
    Scale(u8),
    /// Importance 1–5 by theme id; themes left out were not rated.
    Themes(BTreeMap<Uuid, u8>),
    /// Theme ids, most important first; the respondent may rank only the top few.
    Ranking(Vec<Uuid>),
    Number(f64),
    /// A text, and the input it became, if it became one.
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        input: Option<Uuid>,
    },
}

/// A response's answers by question id.
pub type Answers = BTreeMap<Uuid, Answer>;

/// A question as the code works with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub id: Uuid,
    pub section_id: Uuid,
    pub position: i32,
    pub code: String,
    pub kind: Kind,
    pub prompt: String,
    pub help: Option<String>,
    pub required: bool,
    pub options: Vec<Choice>,
    pub allow_other: bool,
    pub scale_low: Option<String>,
    pub scale_high: Option<String>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub role: Option<Role>,
    pub as_input: bool,
    pub hidden: bool,
}

impl Question {
    pub fn from_row(row: survey_question::Model) -> Question {
        Question {
            id: row.id,
            section_id: row.section_id,
            position: row.position,
            kind: Kind::parse(&row.kind).unwrap_or(Kind::LongText),
            options: serde_json::from_str(&row.options).unwrap_or_default(),
            role: row.role.as_deref().and_then(Role::parse),
            code: row.code,
            prompt: row.prompt,
            help: row.help,
            required: row.required,
            allow_other: row.allow_other,
            scale_low: row.scale_low,
            scale_high: row.scale_high,
            min_value: row.min_value,
            max_value: row.max_value,
            as_input: row.as_input,
            hidden: row.hidden,
        }
    }

    /// The options a respondent is offered now.
    pub fn visible_options(&self) -> impl Iterator<Item = &Choice> {
        self.options.iter().filter(|choice| !choice.hidden)
    }

    /// The label of an option code, hidden options included; `other` and
    /// unknown codes read as themselves.
    pub fn option_label<'a>(&'a self, code: &'a str) -> &'a str {
        self.options
            .iter()
            .find(|choice| choice.code == code)
            .map_or(code, |choice| choice.label.as_str())
    }
}

/// A section with its questions in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    pub description: Option<String>,
    pub questions: Vec<Question>,
}

/// A survey with its sections and questions, hidden ones included.
#[derive(Clone, Debug, PartialEq)]
pub struct Survey {
    pub id: Uuid,
    pub title: String,
    pub intro: Option<String>,
    pub audience: Audience,
    pub status: SurveyStatus,
    pub paged: bool,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub offer_interview: bool,
    pub kiosk_open: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub sections: Vec<Section>,
}

impl Survey {
    pub fn assemble(
        row: survey::Model,
        sections: Vec<survey_section::Model>,
        questions: Vec<survey_question::Model>,
    ) -> Survey {
        let mut questions: Vec<Question> = questions.into_iter().map(Question::from_row).collect();
        questions.sort_by_key(|q| q.position);
        let mut sections: Vec<Section> = sections
            .into_iter()
            .map(|s| Section {
                id: s.id,
                position: s.position,
                title: s.title,
                description: s.description,
                questions: Vec::new(),
            })
            .collect();
        sections.sort_by_key(|s| s.position);
        for question in questions {
            if let Some(section) = sections.iter_mut().find(|s| s.id == question.section_id) {
                section.questions.push(question);
            }
        }
        Survey {
            id: row.id,
            title: row.title,
            intro: row.intro,
            audience: Audience::parse(&row.audience).unwrap_or(Audience::General),
            status: SurveyStatus::parse(&row.status).unwrap_or(SurveyStatus::Draft),
            paged: row.paged,
            opens_at: row.opens_at,
            closes_at: row.closes_at,
            offer_interview: row.offer_interview,
            kiosk_open: row.kiosk_token_hash.is_some(),
            created_at: row.created_at,
            updated_at: row.updated_at,
            published_at: row.published_at,
            closed_at: row.closed_at,
            sections,
        }
    }

    /// Every question, hidden ones included, in survey order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// The questions a respondent is asked, in order.
    pub fn asked(&self) -> impl Iterator<Item = &Question> {
        self.questions().filter(|q| !q.hidden)
    }

    /// Sections that ask something: the pages of a paged survey.
    pub fn pages(&self) -> Vec<&Section> {
        self.sections
            .iter()
            .filter(|s| s.questions.iter().any(|q| !q.hidden))
            .collect()
    }

    pub fn question(&self, id: Uuid) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    pub fn question_by_role(&self, role: Role) -> Option<&Question> {
        self.asked().find(|q| q.role == Some(role))
    }

    /// Whether it takes answers at `now`: published and inside its dates.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.status == SurveyStatus::Published
            && self.opens_at.is_none_or(|at| at <= now)
            && self.closes_at.is_none_or(|at| now < at)
    }

    /// Once answers may exist, questions only change in ways old answers survive.
    pub fn is_locked(&self) -> bool {
        self.status != SurveyStatus::Draft
    }
}
