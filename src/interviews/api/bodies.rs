//! The JSON shapes of the interview operations. Enumerations are schema
//! types of their own, so the document lists every value a field can take.
//! None of them has a person's name, e-mail or phone: see the module doc.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::v1::params::StatusParam;
use crate::entities::{business, interview, interview_slot};

/// Where a business stands: `registered` (no time booked), `scheduled`
/// (holds a slot), `interviewed` or `declined` (withdrew, or staff closed it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "scheduled")]
pub enum BusinessStatus {
    Registered,
    Scheduled,
    Interviewed,
    Declined,
}

impl BusinessStatus {
    pub fn stored(self) -> business::Status {
        match self {
            Self::Registered => business::Status::Registered,
            Self::Scheduled => business::Status::Scheduled,
            Self::Interviewed => business::Status::Interviewed,
            Self::Declined => business::Status::Declined,
        }
    }

    /// The word a query gives; `None` for anything else.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "registered" => Some(Self::Registered),
            "scheduled" => Some(Self::Scheduled),
            "interviewed" => Some(Self::Interviewed),
            "declined" => Some(Self::Declined),
            _ => None,
        }
    }
}

impl From<business::Status> for BusinessStatus {
    fn from(status: business::Status) -> Self {
        match status {
            business::Status::Registered => Self::Registered,
            business::Status::Scheduled => Self::Scheduled,
            business::Status::Interviewed => Self::Interviewed,
            business::Status::Declined => Self::Declined,
        }
    }
}

/// How the business would like to meet: `at_company`, `town_hall`, `video` or `phone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "at_company")]
pub enum MeetingFormat {
    AtCompany,
    TownHall,
    Video,
    Phone,
}

impl From<business::Format> for MeetingFormat {
    fn from(format: business::Format) -> Self {
        match format {
            business::Format::AtCompany => Self::AtCompany,
            business::Format::TownHall => Self::TownHall,
            business::Format::Video => Self::Video,
            business::Format::Phone => Self::Phone,
        }
    }
}

/// Where an interview record stands: `draft` (being written) or `completed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "completed")]
pub enum InterviewStatus {
    Draft,
    Completed,
}

impl InterviewStatus {
    pub fn stored(self) -> interview::Status {
        match self {
            Self::Draft => interview::Status::Draft,
            Self::Completed => interview::Status::Completed,
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "draft" => Some(Self::Draft),
            "completed" => Some(Self::Completed),
            _ => None,
        }
    }
}

impl From<interview::Status> for InterviewStatus {
    fn from(status: interview::Status) -> Self {
        match status {
            interview::Status::Draft => Self::Draft,
            interview::Status::Completed => Self::Completed,
        }
    }
}

/// A slot is `open` (offered; free while it holds no business) or
/// `cancelled` (withdrawn by staff, never offered again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "open")]
pub enum SlotStatus {
    Open,
    Cancelled,
}

impl From<interview_slot::Status> for SlotStatus {
    fn from(status: interview_slot::Status) -> Self {
        match status {
            interview_slot::Status::Open => Self::Open,
            interview_slot::Status::Cancelled => Self::Cancelled,
        }
    }
}

/// A time a business can book now. Nothing about who booked other times.
#[derive(Debug, Serialize, ToSchema)]
pub struct FreeSlot {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Where to meet; null for a video meeting only.
    #[schema(example = "Rådhuset, møterom 2")]
    pub location: Option<String>,
    /// Whether it is (also) a video meeting; the link goes to the business
    /// that books it, not here.
    pub video: bool,
}

impl From<interview_slot::Model> for FreeSlot {
    fn from(slot: interview_slot::Model) -> Self {
        Self {
            id: slot.id,
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
            video: slot.online_url.is_some(),
            location: slot.location,
        }
    }
}

/// A slot as staff see it, booked or not.
#[derive(Debug, Serialize, ToSchema)]
pub struct Slot {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: Option<String>,
    /// The video meeting's link, if any.
    pub online_url: Option<String>,
    /// The staff member who holds the interview, if chosen.
    pub facilitator_id: Option<Uuid>,
    /// The business that booked it; null while free.
    pub business_id: Option<Uuid>,
    pub booked_at: Option<DateTime<Utc>>,
    pub status: SlotStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<interview_slot::Model> for Slot {
    fn from(slot: interview_slot::Model) -> Self {
        Self {
            id: slot.id,
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
            location: slot.location,
            online_url: slot.online_url,
            facilitator_id: slot.facilitator_id,
            business_id: slot.business_id,
            booked_at: slot.booked_at,
            status: slot.status.into(),
            created_at: slot.created_at,
            updated_at: slot.updated_at,
        }
    }
}

/// The time a business holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookedSlot {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A business registered for an interview, without its contact person.
#[derive(Debug, Serialize, ToSchema)]
pub struct Business {
    pub id: Uuid,
    /// Nine digits, check digit verified.
    #[schema(example = "974760673", pattern = "^[0-9]{9}$")]
    pub org_number: String,
    pub name: String,
    /// The SN2025 section letter, `A` to `V`.
    #[schema(example = "I", pattern = "^[A-V]$")]
    pub industry: String,
    /// The head count, if the business gave one.
    pub employees: Option<i32>,
    /// Size band: `0`, `1-4`, `5-9`, `10-19`, `20-49`, `50-99`, `100-249` or `250+`.
    #[schema(example = "10-19")]
    pub size_band: Option<String>,
    /// The head count given, else the middle of the band (250 for `250+`).
    pub employee_estimate: Option<i32>,
    pub preferred_format: MeetingFormat,
    pub status: BusinessStatus,
    /// Asked to be called rather than picking a time.
    pub wants_contact: bool,
    /// Slugs of the themes it wants to talk about, in the facilitators' order.
    #[schema(example = json!(["reiseliv"]))]
    pub themes: Vec<String>,
    /// What the business wants the programme to know, in its own words.
    pub message: Option<String>,
    pub registered_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The time it holds, if any.
    pub slot: Option<BookedSlot>,
    /// Its interview record, once one is started.
    pub interview_id: Option<Uuid>,
    pub interview_status: Option<InterviewStatus>,
    pub held_at: Option<DateTime<Utc>>,
    /// How many findings its interview gave.
    pub findings: u64,
}

/// One page of businesses.
#[derive(Debug, Serialize, ToSchema)]
pub struct BusinessPage {
    pub items: Vec<Business>,
    /// How many businesses match, on all pages.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    pub per_page: u64,
    /// How many pages the matches fill (at least 1).
    pub pages: u64,
}

/// The answer to one guide question.
#[derive(Debug, Serialize, ToSchema)]
pub struct Answer {
    pub question_id: Uuid,
    /// The question's place in the guide now; null if it is gone.
    pub position: Option<i32>,
    /// The guide topic: `markets`, `competence`, `premises`,
    /// `infrastructure`, `financing`, `cooperation`, `growth`, `employees`,
    /// `municipality` or `other`.
    #[schema(example = "competence")]
    pub topic: Option<String>,
    /// The question's words when it was answered.
    pub question: String,
    pub answer: String,
    pub updated_at: DateTime<Utc>,
}

/// The record of one business's interview.
#[derive(Debug, Serialize, ToSchema)]
pub struct Interview {
    pub id: Uuid,
    pub business_id: Uuid,
    pub status: InterviewStatus,
    pub held_at: Option<DateTime<Utc>>,
    pub summary: Option<String>,
    /// Expected change in the number of employees over the next years.
    pub employee_change: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Answers in the order of the guide.
    pub answers: Vec<Answer>,
    /// The findings' ids, oldest first; each is in `/interview-findings`.
    pub finding_ids: Vec<Uuid>,
}

/// One page of interview records.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterviewPage {
    pub items: Vec<Interview>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub pages: u64,
}

/// A finding from an interview: an input of channel `interview`, tagged
/// with themes like every other input.
#[derive(Debug, Serialize, ToSchema)]
pub struct Finding {
    /// The input's id.
    pub id: Uuid,
    pub interview_id: Uuid,
    pub business_id: Uuid,
    pub body: String,
    /// The input's moderation status.
    #[schema(value_type = StatusParam)]
    pub status: String,
    /// `nb`, `nn` or `en`.
    #[schema(example = "nb")]
    pub language: String,
    /// Slugs of the themes a person tagged it with, in the facilitators' order.
    #[schema(example = json!(["kompetanse"]))]
    pub themes: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// One page of findings.
#[derive(Debug, Serialize, ToSchema)]
pub struct FindingPage {
    pub items: Vec<Finding>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub pages: u64,
}
