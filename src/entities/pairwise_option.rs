//! One option of the public pairwise survey: a theme, or a visitor's
//! proposal that facilitators approve before anyone is shown it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Shown to voters.
    #[sea_orm(string_value = "approved")]
    Approved,
    /// Proposed by a visitor, waiting for a facilitator.
    #[sea_orm(string_value = "proposed")]
    Proposed,
    /// Turned down, or a theme no longer active; kept for the votes.
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pairwise_options")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The theme this option stands for; none for a visitor's proposal.
    #[sea_orm(unique)]
    pub theme_id: Option<Uuid>,
    /// A proposal's text; themes are named from the theme row.
    pub label: Option<String>,
    pub status: Status,
    pub language: String,
    /// Keyed hash of the proposing browser's vote stream.
    pub stream_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
