//! `GET /api/v1/settings`: the programme's public settings.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::auth::ApiReader;
use crate::api::v1::errors::ErrorBody;
use crate::error::AppError;
use crate::settings::service::{self as settings, Programme};

/// The programme settings. Listed field by field, not passed through, so a
/// setting added later is not published here without a decision to do so.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeSettings {
    #[schema(example = "Omstillingsprogrammet")]
    pub programme_name: String,
    pub municipality_name: String,
    /// The four-digit municipality number.
    pub municipality_number: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// The public contact address shown on the site.
    pub contact_email: Option<String>,
    /// `pre`: inputs wait for a facilitator before they are public; `post`: they are public at once.
    #[schema(example = "pre")]
    pub moderation_mode: String,
    /// The admin's privacy text; null means the built-in one.
    pub privacy_text: Option<String>,
    /// An external accessibility statement, if there is one.
    pub accessibility_url: Option<String>,
    /// The admin's accessibility statement; null means the built-in one.
    pub accessibility_text: Option<String>,
}

impl From<Programme> for ProgrammeSettings {
    fn from(programme: Programme) -> Self {
        Self {
            programme_name: programme.programme_name,
            municipality_name: programme.municipality_name,
            municipality_number: programme.municipality_number,
            period_start: programme.period_start,
            period_end: programme.period_end,
            contact_email: programme.contact_email,
            moderation_mode: programme.moderation_mode.as_str().to_owned(),
            privacy_text: programme.privacy_text,
            accessibility_url: programme.accessibility_url,
            accessibility_text: programme.accessibility_text,
        }
    }
}

/// The programme settings.
#[utoipa::path(
    tag = "settings",
    operation_id = "get_settings",
    responses(
        (status = 200, description = "The settings", body = ProgrammeSettings),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
)]
#[get("/settings")]
#[tracing::instrument(skip_all, fields(token_id = %caller.token.id))]
pub async fn get_settings(
    caller: ApiReader,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let programme = settings::current(&state.db).await?;
    Ok(HttpResponse::Ok().json(ProgrammeSettings::from(programme)))
}
