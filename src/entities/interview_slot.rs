//! A time a facilitator offers for an interview; booked when it holds a business.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Offered; free while `business_id` is empty.
    #[sea_orm(string_value = "open")]
    Open,
    /// Withdrawn by staff; never offered again.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interview_slots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub facilitator_id: Option<Uuid>,
    /// The business holding it; unique, so a business holds one slot at most.
    pub business_id: Option<Uuid>,
    pub booked_at: Option<DateTimeUtc>,
    pub status: Status,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::business::Entity",
        from = "Column::BusinessId",
        to = "super::business::Column::Id",
        on_delete = "SetNull"
    )]
    Business,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::FacilitatorId",
        to = "super::user::Column::Id",
        on_delete = "SetNull"
    )]
    Facilitator,
}

impl Related<super::business::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Business.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
