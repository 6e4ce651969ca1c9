//! The single row of programme settings (id 1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub programme_name: String,
    pub municipality_name: String,
    pub municipality_number: String,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub contact_email: Option<String>,
    pub privacy_text: Option<String>,
    pub accessibility_url: Option<String>,
    pub accessibility_text: Option<String>,
    /// "pre": new inputs wait for a facilitator; "post": published at once.
    pub moderation_mode: String,
    pub updated_at: DateTimeUtc,
    /// `#rrggbb`; None means Designsystemet's own accent.
    pub main_colour: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
