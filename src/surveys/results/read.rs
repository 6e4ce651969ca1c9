//! Reading what results are made of: the survey, the themes named in the
//! reader's language, and the responses with only the columns results use.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::ThemeRef;
use crate::entities::survey_response;
use crate::error::AppError;
use crate::surveys::service::responses::StoredResponse;
use crate::themes::service as themes;
use crate::web::Lang;

/// Every theme, active ones first, each in its order, named in `lang`.
pub async fn theme_refs(db: &impl ConnectionTrait, lang: Lang) -> Result<Vec<ThemeRef>, AppError> {
    let mut all = themes::list(db).await?;
    all.sort_by_key(|t| (!t.active, t.position));
    Ok(all
        .iter()
        .map(|theme| ThemeRef {
            id: theme.id,
            slug: theme.slug.clone(),
            name: themes::name_in(theme, lang).to_owned(),
            active: theme.active,
        })
        .collect())
}

#[derive(FromQueryResult)]
struct Row {
    id: Uuid,
    answers: String,
    stakeholder_group: Option<String>,
    language: String,
    kiosk: bool,
    submitted_at: DateTime<Utc>,
}

/// Every response to the survey, oldest first, without the columns results
/// and exports never use.
pub async fn responses(
    db: &impl ConnectionTrait,
    survey_id: Uuid,
) -> Result<Vec<StoredResponse>, AppError> {
    use survey_response::Column as C;
    let rows = survey_response::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::Answers,
            C::StakeholderGroup,
            C::Language,
            C::Kiosk,
            C::SubmittedAt,
        ])
        .filter(C::SurveyId.eq(survey_id))
        .order_by_asc(C::SubmittedAt)
        .order_by_asc(C::Id)
        .into_model::<Row>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| StoredResponse {
            id: row.id,
            answers: serde_json::from_str(&row.answers).unwrap_or_default(),
            stakeholder_group: row.stakeholder_group,
            language: row.language,
            kiosk: row.kiosk,
            submitted_at: row.submitted_at,
        })
        .collect())
}
