//! One person's sign-up for an event.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Has a seat.
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    /// Waits for a seat, in order of sign-up.
    #[sea_orm(string_value = "waitlisted")]
    Waitlisted,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
    /// Checked in at the door; still holds the seat.
    #[sea_orm(string_value = "attended")]
    Attended,
}

impl Status {
    /// Whether the sign-up takes one of the event's seats.
    pub fn holds_seat(self) -> bool {
        matches!(self, Status::Confirmed | Status::Attended)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_signups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    /// Name, e-mail and organisation; None once erased.
    pub contact_id: Option<Uuid>,
    pub stakeholder_group: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub diet: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub accessibility: Option<String>,
    pub status: Status,
    /// The language the person signed up in; their mails use it.
    pub language: String,
    pub private_token_hash: String,
    pub idempotency_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id",
        on_delete = "Cascade"
    )]
    Event,
    #[sea_orm(
        belongs_to = "super::contact::Entity",
        from = "Column::ContactId",
        to = "super::contact::Column::Id",
        on_delete = "SetNull"
    )]
    Contact,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::contact::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Contact.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
