//! One answer in the public pairwise survey, kept for audit and refits.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))")]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    #[sea_orm(string_value = "left")]
    Left,
    #[sea_orm(string_value = "right")]
    Right,
    /// "Can't decide": stored and counted, not a comparison.
    #[sea_orm(string_value = "skip")]
    Skip,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pairwise_votes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Keyed hash of the browser's vote stream id.
    pub stream_hash: String,
    pub left_id: Uuid,
    pub right_id: Uuid,
    pub outcome: Outcome,
    pub language: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
