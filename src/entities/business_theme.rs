//! A theme a business wants to talk about.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "business_themes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub business_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub theme_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::business::Entity",
        from = "Column::BusinessId",
        to = "super::business::Column::Id",
        on_delete = "Cascade"
    )]
    Business,
    #[sea_orm(
        belongs_to = "super::theme::Entity",
        from = "Column::ThemeId",
        to = "super::theme::Column::Id",
        on_delete = "Cascade"
    )]
    Theme,
}

impl ActiveModelBehavior for ActiveModel {}
