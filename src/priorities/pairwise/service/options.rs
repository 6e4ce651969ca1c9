//! The options voters choose between: every active theme, and the visitors'
//! proposals a facilitator has approved. Theme rows are made on read, so a
//! theme added or reactivated is in the survey at once.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveEnum, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::entities::pairwise_option::{self, Column, Status};
use crate::error::AppError;
use crate::themes::service as themes;
use crate::web::Lang;

/// An option as voters see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairOption {
    pub id: Uuid,
    pub theme_id: Option<Uuid>,
    pub label: String,
}

/// Shortest and longest proposal, in characters.
pub const LABEL_MIN: usize = 3;
pub const LABEL_MAX: usize = 200;

/// Gives each theme that has none its option row. A theme's option is made
/// approved: the themes are the survey. Two requests doing this at once
/// both insert; the unique theme column keeps one and the other does nothing.
async fn sync_themes(db: &impl ConnectionTrait) -> Result<(), AppError> {
    let all = themes::list(db).await?;
    let have: Vec<Uuid> = pairwise_option::Entity::find()
        .filter(Column::ThemeId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|option| option.theme_id)
        .collect();
    for theme in all.iter().filter(|t| !have.contains(&t.id)) {
        pairwise_option::Entity::insert(pairwise_option::ActiveModel {
            id: Set(Uuid::now_v7()),
            theme_id: Set(Some(theme.id)),
            label: Set(None),
            status: Set(Status::Approved),
            language: Set(Lang::Nb.code().to_owned()),
            stream_hash: Set(None),
            created_at: Set(Utc::now()),
            decided_at: Set(Some(Utc::now())),
        })
        .on_conflict(OnConflict::column(Column::ThemeId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// The options shown to voters: active themes in their order, then approved
/// proposals, oldest first. Options of inactive themes are left out but kept.
pub async fn shown(db: &impl ConnectionTrait, lang: Lang) -> Result<Vec<PairOption>, AppError> {
    sync_themes(db).await?;
    let approved = pairwise_option::Entity::find()
        .filter(Column::Status.eq(Status::Approved))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .all(db)
        .await?;
    let mut active = themes::list_active(db).await?;
    active.sort_by_key(|t| t.position);
    let mut shown: Vec<PairOption> = active
        .iter()
        .filter_map(|theme| {
            let option = approved.iter().find(|o| o.theme_id == Some(theme.id))?;
            Some(PairOption {
                id: option.id,
                theme_id: Some(theme.id),
                label: themes::name_in(theme, lang).to_owned(),
            })
        })
        .collect();
    shown.extend(
        approved
            .iter()
            .filter(|o| o.theme_id.is_none())
            .map(|o| PairOption {
                id: o.id,
                theme_id: None,
                label: o.label.clone().unwrap_or_default(),
            }),
    );
    Ok(shown)
}

/// Every option ever made, shown or not, named for exports: votes keep
/// pointing at options that were since rejected or whose theme was retired.
pub async fn all_labels(
    db: &impl ConnectionTrait,
    lang: Lang,
) -> Result<std::collections::HashMap<Uuid, String>, AppError> {
    let themes = themes::list(db).await?;
    Ok(pairwise_option::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|option| {
            let label = match option.theme_id {
                Some(id) => themes
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| themes::name_in(t, lang).to_owned())
                    .unwrap_or_default(),
                None => option.label.unwrap_or_default(),
            };
            (option.id, label)
        })
        .collect())
}

/// Why a proposal was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalError {
    TooShort,
    TooLong,
}

/// The proposal's text as stored: trimmed, inner runs of white space made one space.
pub fn clean_label(text: &str) -> Result<String, ProposalError> {
    let label = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match label.chars().count() {
        n if n < LABEL_MIN => Err(ProposalError::TooShort),
        n if n > LABEL_MAX => Err(ProposalError::TooLong),
        _ => Ok(label),
    }
}

/// Stores a visitor's proposal, waiting for a facilitator.
pub async fn propose(
    db: &impl ConnectionTrait,
    label: String,
    lang: Lang,
    stream_hash: &str,
) -> Result<pairwise_option::Model, AppError> {
    let row = pairwise_option::ActiveModel {
        id: Set(Uuid::now_v7()),
        theme_id: Set(None),
        label: Set(Some(label)),
        status: Set(Status::Proposed),
        language: Set(lang.code().to_owned()),
        stream_hash: Set(Some(stream_hash.to_owned())),
        created_at: Set(Utc::now()),
        decided_at: Set(None),
    };
    Ok(pairwise_option::Entity::insert(row)
        .exec_with_returning(db)
        .await?)
}

/// Proposals waiting for a decision, oldest first.
pub async fn waiting(db: &impl ConnectionTrait) -> Result<Vec<pairwise_option::Model>, AppError> {
    Ok(pairwise_option::Entity::find()
        .filter(Column::Status.eq(Status::Proposed))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}

/// Approves or rejects a waiting proposal. Only a waiting proposal is
/// decided: a theme's option or one decided before is not found here, so a
/// form sent twice changes nothing the second time.
pub async fn decide(
    db: &impl ConnectionTrait,
    id: Uuid,
    approve: bool,
) -> Result<Option<pairwise_option::Model>, AppError> {
    let status = if approve {
        Status::Approved
    } else {
        Status::Rejected
    };
    let changed = pairwise_option::Entity::update_many()
        .col_expr(
            Column::Status,
            sea_orm::sea_query::Expr::value(status.to_value()),
        )
        .col_expr(
            Column::DecidedAt,
            sea_orm::sea_query::Expr::value(Some(Utc::now())),
        )
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(Status::Proposed))
        .filter(Column::ThemeId.is_null())
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Ok(None);
    }
    Ok(pairwise_option::Entity::find_by_id(id).one(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposals_are_trimmed_and_held_to_their_length() {
        assert_eq!(
            clean_label("  Mer  båt\n i fjorden "),
            Ok("Mer båt i fjorden".into())
        );
        assert_eq!(clean_label(" ab "), Err(ProposalError::TooShort));
        assert_eq!(clean_label("æøå"), Ok("æøå".into()));
        assert_eq!(clean_label(&"å".repeat(201)), Err(ProposalError::TooLong));
        assert!(clean_label(&"å".repeat(200)).is_ok());
    }
}
