//! A finding's tie to its interview and business. The finding's text and
//! themes are its `inputs` row (channel `interview`), like every channel's.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interview_findings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub input_id: Uuid,
    pub interview_id: Uuid,
    pub business_id: Uuid,
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
        belongs_to = "super::interview::Entity",
        from = "Column::InterviewId",
        to = "super::interview::Column::Id",
        on_delete = "Cascade"
    )]
    Interview,
}

impl Related<super::input::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Input.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
