//! One assessor's scores (1–5) for one theme against the programme's
//! indicators, feasibility and local advantage, with the reasoning.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "priority_assessments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub theme_id: Uuid,
    /// Arbeidsplasser.
    pub jobs: i16,
    /// Robusthet.
    pub robustness: i16,
    /// Utviklingsevne.
    pub development: i16,
    pub feasibility: i16,
    /// Local competitive advantage.
    pub advantage: i16,
    #[sea_orm(column_type = "Text")]
    pub rationale: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
