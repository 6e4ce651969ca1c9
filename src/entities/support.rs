//! One support for a published idea, keyed by hashes only.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub input_id: Uuid,
    /// Keyed hash of the browser's random supporter cookie.
    pub browser_hash: String,
    /// Keyed hash of the client address and the day, so it cannot be reversed later.
    pub address_hash: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
