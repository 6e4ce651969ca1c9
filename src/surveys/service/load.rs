//! Reading surveys whole: settings, sections and questions.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::entities::{survey, survey_question, survey_response, survey_section};
use crate::error::AppError;
use crate::surveys::model::Survey;

/// The survey with every section and question, or `None`.
pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Survey>, AppError> {
    let Some(row) = survey::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let sections = survey_section::Entity::find()
        .filter(survey_section::Column::SurveyId.eq(id))
        .all(db)
        .await?;
    let questions = survey_question::Entity::find()
        .filter(survey_question::Column::SurveyId.eq(id))
        .all(db)
        .await?;
    Ok(Some(Survey::assemble(row, sections, questions)))
}

/// A survey in the list, with how many responses it has.
#[derive(Clone, Debug)]
pub struct Listed {
    pub survey: survey::Model,
    pub responses: i64,
}

#[derive(FromQueryResult)]
struct Count {
    survey_id: Uuid,
    n: i64,
}

/// Every survey, newest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Listed>, AppError> {
    let surveys = survey::Entity::find()
        .order_by_desc(survey::Column::CreatedAt)
        .order_by_desc(survey::Column::Id)
        .all(db)
        .await?;
    let counts = survey_response::Entity::find()
        .select_only()
        .column(survey_response::Column::SurveyId)
        .column_as(survey_response::Column::Id.count(), "n")
        .group_by(survey_response::Column::SurveyId)
        .into_model::<Count>()
        .all(db)
        .await?;
    Ok(surveys
        .into_iter()
        .map(|survey| Listed {
            responses: counts
                .iter()
                .find(|c| c.survey_id == survey.id)
                .map_or(0, |c| c.n),
            survey,
        })
        .collect())
}

/// How many responses a survey has.
pub async fn response_count(db: &impl ConnectionTrait, survey_id: Uuid) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .count(db)
        .await?)
}
