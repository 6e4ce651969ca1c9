//! Reading the programme settings; a database without a settings row gets defaults.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use crate::entities::programme_settings;

/// Settings as pages use them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Programme {
    pub programme_name: String,
    pub municipality_name: String,
    pub municipality_number: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub contact_email: Option<String>,
    /// The admin's privacy text; None means the built-in text in the user's language.
    pub privacy_text: Option<String>,
    /// Where the accessibility statement lives; None means the built-in page.
    pub accessibility_url: Option<String>,
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
