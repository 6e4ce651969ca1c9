//! A trained tagger, shared by every app instance; the newest row is the one in use.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tagger_models")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// When its training data was read: labels changed after this are not in it.
    pub created_at: DateTimeUtc,
    /// How many labelled texts it learnt from.
    pub trained_on: i32,
    /// Fingerprint of the active themes (slugs and keywords) it was trained for.
    pub themes_key: String,
    /// The engine's `Model` as JSON.
    pub model: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
