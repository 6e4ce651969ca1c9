//! One anonymous response to a survey, all its answers in one JSON document.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_responses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub survey_id: Uuid,
    /// JSON object: question id → `surveys::Answer`.
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    /// The stakeholder-group code the respondent chose, kept as a column so
    /// results filter on it without reading every answer document.
    pub stakeholder_group: Option<String>,
    pub language: String,
    /// Given through a kiosk link at a meeting.
    pub kiosk: bool,
    #[sea_orm(unique)]
    pub idempotency_key: Option<String>,
    pub submitted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
