//! The tagger's one row of shared state: when people's tags last changed and
//! which instance holds the retraining.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tagger_state")]
pub struct Model {
    /// Always [`ROW`].
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub labels_changed_at: Option<DateTimeUtc>,
    /// An instance retraining holds this until then; a claim that ran out
    /// belonged to an instance that stopped.
    pub retrain_claimed_until: Option<DateTimeUtc>,
}

/// The id of the one row.
pub const ROW: i32 = 1;

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
