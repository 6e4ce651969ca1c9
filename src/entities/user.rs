//! Accounts of the people who run the platform.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including users and settings.
    #[sea_orm(string_value = "admin")]
    Admin,
    /// All work on inputs, events, interviews, surveys, themes and exports.
    #[sea_orm(string_value = "facilitator")]
    Facilitator,
    /// Reads dashboards and reports; no personal data.
    #[sea_orm(string_value = "observer")]
    Observer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Facilitator, Role::Observer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Facilitator => "facilitator",
            Role::Observer => "observer",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }

    /// May change inputs, events, themes and the like, and see contact details.
    pub fn can_edit(self) -> bool {
        matches!(self, Role::Admin | Role::Facilitator)
    }

    /// May manage users, settings, API tokens and read the audit log.
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Sessions carry this; raising it ends them all.
    pub session_epoch: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
