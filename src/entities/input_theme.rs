//! A theme tag on an input.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Proposed by the tagger, not yet looked at.
    #[sea_orm(string_value = "suggested")]
    Suggested,
    /// A suggestion a facilitator accepted.
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    /// Set by a person: a facilitator, or the sender choosing themes.
    #[sea_orm(string_value = "manual")]
    Manual,
}

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "input_themes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub input_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub theme_id: Uuid,
    pub origin: Origin,
    pub confidence: Option<f64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::input::Entity",
        from = "Column::InputId",
        to = "super::input::Column::Id",
        on_delete = "Cascade"
    )]
    Input,
    #[sea_orm(
        belongs_to = "super::theme::Entity",
        from = "Column::ThemeId",
        to = "super::theme::Column::Id",
        on_delete = "Cascade"
    )]
    Theme,
}

impl Related<super::input::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Input.def()
    }
}

impl Related<super::theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Theme.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
