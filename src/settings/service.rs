//! Reading and saving the programme settings; a database without a settings row gets defaults.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use serde::Serialize;

use crate::entities::programme_settings::{self, Column};

/// Whether new inputs wait for a facilitator before they are public.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ModerationMode {
    #[default]
    Pre,
    Post,
}

impl ModerationMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pre => "pre",
            Self::Post => "post",
        }
    }

    pub fn parse(value: &str) -> Self {
        if value == "post" {
            Self::Post
        } else {
            Self::Pre
        }
    }
}

/// Settings as pages use them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub programme_name: String,
    pub municipality_name: String,
    pub municipality_number: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub contact_email: Option<String>,
    /// The admin's privacy text; None means the built-in text in the user's language.
    pub privacy_text: Option<String>,
    /// Where an external accessibility statement lives; None means the built-in page.
    pub accessibility_url: Option<String>,
    /// The admin's accessibility statement; None means the built-in text.
    pub accessibility_text: Option<String>,
    pub moderation_mode: ModerationMode,
    /// The municipality's colour as `#rrggbb`, checked for contrast when
    /// saved; None means Designsystemet's own accent.
    pub main_colour: Option<String>,
}

impl Default for Programme {
    fn default() -> Self {
        Self {
            programme_name: "Omstillingsprogrammet".to_owned(),
            municipality_name: String::new(),
            municipality_number: String::new(),
            period_start: None,
            period_end: None,
            contact_email: None,
            privacy_text: None,
            accessibility_url: None,
            accessibility_text: None,
            moderation_mode: ModerationMode::Pre,
            main_colour: None,
        }
    }
}

impl From<programme_settings::Model> for Programme {
    fn from(row: programme_settings::Model) -> Self {
        Self {
            programme_name: row.programme_name,
            municipality_name: row.municipality_name,
            municipality_number: row.municipality_number,
            period_start: row.period_start,
            period_end: row.period_end,
            contact_email: non_empty(row.contact_email),
            privacy_text: non_empty(row.privacy_text),
            accessibility_url: non_empty(row.accessibility_url),
            accessibility_text: non_empty(row.accessibility_text),
            moderation_mode: ModerationMode::parse(&row.moderation_mode),
            main_colour: non_empty(row.main_colour),
        }
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.trim().is_empty())
}

/// The one settings row, or the defaults when none has been saved yet.
pub async fn current(db: &impl ConnectionTrait) -> Result<Programme, DbErr> {
    Ok(programme_settings::Entity::find_by_id(1)
        .one(db)
        .await?
        .map(Programme::from)
        .unwrap_or_default())
}

/// Stores the settings, creating the row on first save.
pub async fn save(db: &impl ConnectionTrait, programme: &Programme) -> Result<(), DbErr> {
    let row = programme_settings::ActiveModel {
        id: Set(1),
        programme_name: Set(programme.programme_name.clone()),
        municipality_name: Set(programme.municipality_name.clone()),
        municipality_number: Set(programme.municipality_number.clone()),
        period_start: Set(programme.period_start),
        period_end: Set(programme.period_end),
        contact_email: Set(programme.contact_email.clone()),
        privacy_text: Set(programme.privacy_text.clone()),
        accessibility_url: Set(programme.accessibility_url.clone()),
        accessibility_text: Set(programme.accessibility_text.clone()),
        moderation_mode: Set(programme.moderation_mode.as_str().to_owned()),
        updated_at: Set(Utc::now()),
        main_colour: Set(programme.main_colour.clone()),
    };
    programme_settings::Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Id)
                .update_columns([
                    Column::ProgrammeName,
                    Column::MunicipalityName,
                    Column::MunicipalityNumber,
                    Column::PeriodStart,
                    Column::PeriodEnd,
                    Column::ContactEmail,
                    Column::PrivacyText,
                    Column::AccessibilityUrl,
                    Column::AccessibilityText,
                    Column::ModerationMode,
                    Column::UpdatedAt,
                    Column::MainColour,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}
