//! Candidate priority areas (innsatsområder).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "themes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub slug: String,
    pub name_nb: String,
    pub name_nn: String,
    pub name_en: String,
    pub description: String,
    pub keywords: String,
    pub colour: String,
    pub position: i32,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::input_theme::Entity")]
    InputThemes,
}

impl Related<super::input_theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InputThemes.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
