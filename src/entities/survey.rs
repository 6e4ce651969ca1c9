//! A survey: its settings and where it is in its life (draft, published, closed).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub intro: Option<String>,
    /// `surveys::Audience` code: resident, business or general.
    pub audience: String,
    /// `surveys::SurveyStatus` code: draft, published or closed.
    pub status: String,
    /// One section per page with a progress indicator, instead of one page.
    pub paged: bool,
    pub opens_at: Option<DateTimeUtc>,
    pub closes_at: Option<DateTimeUtc>,
    /// The end page offers registering for a business interview.
    pub offer_interview: bool,
    /// SHA-256 of the kiosk link's token, while a kiosk link is open.
    pub kiosk_token_hash: Option<String>,
    /// The number the next question's code gets, so codes are never reused.
    pub next_code: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
