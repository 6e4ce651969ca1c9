//! A named set of criterion weights for the multi-criteria ranking, with the
//! settings of its sensitivity analysis.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "priority_scenarios")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub name: String,
    /// JSON object: criterion code → weight (any non-negative numbers).
    #[sea_orm(column_type = "Text")]
    pub weights: String,
    /// How many innsatsområder the programme chooses (3 or 4).
    pub areas: i32,
    /// Dirichlet concentration of the sensitivity samples around the weights.
    pub concentration: f64,
    pub samples: i32,
    pub seed: i64,
    /// The scenario the report presents.
    pub chosen: bool,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
