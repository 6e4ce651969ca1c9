//! An input meeting, workshop or breakfast meeting people sign up for.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What kind of meeting it is; decides its name and the words around it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[sea_orm(string_value = "innspillsmote")]
    InputMeeting,
    #[sea_orm(string_value = "workshop")]
    Workshop,
    #[sea_orm(string_value = "frokostmote")]
    Breakfast,
    #[sea_orm(string_value = "digitalt")]
    Online,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Only staff see it.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Listed and open for sign-up until its deadline.
    #[sea_orm(string_value = "published")]
    Published,
    /// Called off; shown as cancelled to those who have its link.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: Kind,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// None: as many as come.
    pub capacity: Option<i32>,
    pub signup_deadline: Option<DateTimeUtc>,
    /// Whether a full event takes people on a waitlist.
    pub waitlist: bool,
    pub ask_diet: bool,
    pub ask_accessibility: bool,
    pub ask_organisation: bool,
    pub status: Status,
    /// iCalendar SEQUENCE of the invitations sent for it.
    pub sequence: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::event_signup::Entity")]
    Signups,
}

impl Related<super::event_signup::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Signups.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
