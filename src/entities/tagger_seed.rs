//! The labelled seed loaded with `innspill tagger train`; while empty, the
//! seed built into the binary is used.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tagger_seed")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub lang: String,
    pub channel: String,
    pub text: String,
    /// Theme slugs separated by `;`.
    pub themes: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
