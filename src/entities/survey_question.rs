//! One question of a survey.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub survey_id: Uuid,
    pub section_id: Uuid,
    /// Order within the whole survey (sections keep their own order).
    pub position: i32,
    /// Stable column code in exports (`q7`), unique within the survey.
    pub code: String,
    /// `surveys::Kind` code.
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub prompt: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub help: Option<String>,
    pub required: bool,
    /// JSON array of `surveys::Choice` for choice questions, else `[]`.
    #[sea_orm(column_type = "Text")]
    pub options: String,
    /// A multiple- or single-choice question also takes an "other" text.
    pub allow_other: bool,
    pub scale_low: Option<String>,
    pub scale_high: Option<String>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    /// `surveys::Role` code: what the answer means to the platform
    /// (stakeholder group, industry, size), if anything.
    pub role: Option<String>,
    /// A text answer becomes an input (channel `survey`) that tagging sees.
    pub as_input: bool,
    /// Removed from the survey after answers may have come in.
    pub hidden: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
