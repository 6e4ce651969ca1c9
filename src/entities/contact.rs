//! Personal data of a sender, kept apart from what they sent.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contacts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: Option<String>,
    pub consent_at: Option<DateTimeUtc>,
    pub news_opt_in: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::input::Entity")]
    Inputs,
}

impl Related<super::input::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Inputs.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
