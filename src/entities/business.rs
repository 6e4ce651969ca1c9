//! A business registered for an interview. Its contact person (name,
//! e-mail, phone) is a `contacts` row, erasable apart from the business.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Registered, no time booked yet.
    #[sea_orm(string_value = "registered")]
    Registered,
    /// Holds a slot.
    #[sea_orm(string_value = "scheduled")]
    Scheduled,
    #[sea_orm(string_value = "interviewed")]
    Interviewed,
    /// Will not be interviewed (the business withdrew, or staff closed it).
    #[sea_orm(string_value = "declined")]
    Declined,
}

/// Where the business would like to meet.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[sea_orm(string_value = "at_company")]
    AtCompany,
    #[sea_orm(string_value = "town_hall")]
    TownHall,
    #[sea_orm(string_value = "video")]
    Video,
    #[sea_orm(string_value = "phone")]
    Phone,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "businesses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Nine digits, checked (`domain::OrgNumber`); one row per number.
    pub org_number: String,
    pub name: String,
    /// The SN2025 section letter, A–V.
    pub industry: String,
    pub employees: Option<i32>,
    /// A size band code (`interviews::size::SizeBand`) when no number was given.
    pub size_band: Option<String>,
    pub preferred_format: Format,
    /// "What should we know", in the business's words.
    #[sea_orm(column_type = "Text", nullable)]
    pub message: Option<String>,
    pub status: Status,
    /// Asked to be contacted rather than picking a time.
    pub wants_contact: bool,
    pub contact_id: Option<Uuid>,
    pub language: String,
    pub private_token_hash: String,
    pub idempotency_key: Option<String>,
    /// SEQUENCE of the calendar invitation, raised on every change.
    pub calendar_sequence: i32,
    pub consent_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::contact::Entity",
        from = "Column::ContactId",
        to = "super::contact::Column::Id",
        on_delete = "SetNull"
    )]
    Contact,
}

impl Related<super::contact::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Contact.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
