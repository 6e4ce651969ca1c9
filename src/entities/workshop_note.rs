//! A workshop note's tie to its event and table, and its dot votes. The
//! note's text and themes are its `inputs` row, like every channel's.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_notes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub input_id: Uuid,
    pub event_id: Uuid,
    pub table_id: Option<Uuid>,
    /// Dot votes; never negative.
    pub votes: i32,
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
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id",
        on_delete = "Cascade"
    )]
    Event,
    #[sea_orm(
        belongs_to = "super::workshop_table::Entity",
        from = "Column::TableId",
        to = "super::workshop_table::Column::Id",
        on_delete = "SetNull"
    )]
    Table,
}

impl Related<super::input::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Input.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
