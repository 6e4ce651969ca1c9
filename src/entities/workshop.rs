//! How an event's workshop was run; one row per event whose results are captured.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The working methods facilitators use, each with its own shape of results.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(30))")]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Themed tables with a host each, who summarises in plenary.
    #[sea_orm(string_value = "cafe_dialogue")]
    CafeDialogue,
    /// Each alone, then in groups, then all together.
    #[sea_orm(string_value = "individual_group_plenary")]
    IndividualGroupPlenary,
    /// Notes on a wall, then each participant marks their best few with dots.
    #[sea_orm(string_value = "dot_voting")]
    DotVoting,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshops")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    pub method: Option<Method>,
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
}

impl ActiveModelBehavior for ActiveModel {}
