//! One input from any channel: an idea, a survey answer, a workshop note, an interview finding.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[sea_orm(string_value = "idea")]
    Idea,
    #[sea_orm(string_value = "survey")]
    Survey,
    #[sea_orm(string_value = "workshop")]
    Workshop,
    #[sea_orm(string_value = "meeting")]
    Meeting,
    #[sea_orm(string_value = "interview")]
    Interview,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Waiting for moderation.
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "hidden")]
    Hidden,
    /// Merged into another input; kept so the link to the original holds.
    #[sea_orm(string_value = "merged")]
    Merged,
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inputs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub channel: Channel,
    pub title: Option<String>,
    pub body: String,
    pub stakeholder_group: String,
    pub status: Status,
    pub language: String,
    pub contact_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Where the idea is about (free text), if the sender said.
    pub location: Option<String>,
    /// Number of supports, kept with the row so lists can sort by it cheaply.
    pub support_count: i32,
    /// The input this one was merged into; set with status `merged`.
    pub merged_into_id: Option<Uuid>,
    /// Why it was hidden; the sender may be told.
    pub moderation_note: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    /// SHA-256 of the sender's private link token.
    #[sea_orm(unique)]
    pub private_token_hash: Option<String>,
    /// The submitting form's idempotency key, so a re-sent form stores one row.
    #[sea_orm(unique)]
    pub idempotency_key: Option<String>,
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
    #[sea_orm(has_many = "super::input_theme::Entity")]
    InputThemes,
}

impl Related<super::contact::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Contact.def()
    }
}

impl Related<super::input_theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InputThemes.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
