//! The tagger's rows: the active themes a model is trained for, stored
//! models, and the shared state saying when people's tags last changed.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entities::{tagger_model, tagger_state, theme};
use crate::error::AppError;
use crate::tagging::{Model, ThemeSpec};

/// Stored models kept besides the newest, for an instance that is still
/// loading the one before.
const KEEP_OLDER: usize = 1;

/// The active themes, in the facilitators' order.
pub async fn active_themes(db: &impl ConnectionTrait) -> Result<Vec<theme::Model>, AppError> {
    Ok(theme::Entity::find()
        .filter(theme::Column::Active.eq(true))
        .order_by_asc(theme::Column::Position)
        .order_by_asc(theme::Column::Slug)
        .all(db)
        .await?)
}

/// Active theme ids by slug, to store what the model says by slug.
pub async fn theme_ids_by_slug(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, Uuid>, AppError> {
    Ok(active_themes(db)
        .await?
        .into_iter()
        .map(|theme| (theme.slug, theme.id))
        .collect())
}

/// The themes as the engine knows them.
pub fn specs(themes: &[theme::Model]) -> Vec<ThemeSpec> {
    themes
        .iter()
        .map(|theme| ThemeSpec::new(&theme.slug, &theme.keywords))
        .collect()
}

/// A fingerprint of the themes' slugs and keywords: a model trained for
/// other themes (one added, switched off, keywords edited) is retrained.
pub fn themes_key(specs: &[ThemeSpec]) -> String {
    let mut lines: Vec<String> = specs
        .iter()
        .map(|spec| format!("{}\t{}\n", spec.slug, spec.keywords.join(",")))
        .collect();
    lines.sort();
    let mut hash = Sha256::new();
    for line in lines {
        hash.update(line.as_bytes());
    }
    hex::encode(hash.finalize())
}

/// A stored model without its (large) JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelInfo {
    pub id: Uuid,
    /// When its training data was read.
    pub created_at: DateTime<Utc>,
    pub trained_on: i32,
    pub themes_key: String,
}

/// The model in use: the one with the newest training data.
pub async fn latest(db: &impl ConnectionTrait) -> Result<Option<ModelInfo>, AppError> {
    let row: Option<(Uuid, DateTime<Utc>, i32, String)> = tagger_model::Entity::find()
        .select_only()
        .column(tagger_model::Column::Id)
        .column(tagger_model::Column::CreatedAt)
        .column(tagger_model::Column::TrainedOn)
        .column(tagger_model::Column::ThemesKey)
        .order_by_desc(tagger_model::Column::CreatedAt)
        .order_by_desc(tagger_model::Column::Id)
        .into_tuple()
        .one(db)
        .await?;
    Ok(
        row.map(|(id, created_at, trained_on, themes_key)| ModelInfo {
            id,
            created_at,
            trained_on,
            themes_key,
        }),
    )
}

/// Reads and decodes a stored model; `None` when it has been pruned meanwhile.
pub async fn load(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, AppError> {
    let json: Option<String> = tagger_model::Entity::find_by_id(id)
        .select_only()
        .column(tagger_model::Column::Model)
        .into_tuple()
        .one(db)
        .await?;
    let Some(json) = json else {
        return Ok(None);
    };
    let model = tokio::task::spawn_blocking(move || serde_json::from_str::<Model>(&json))
        .await
        .map_err(|err| AppError::unexpected("decoding the tagger model", err))?
        .map_err(|err| AppError::unexpected("decoding the tagger model", err))?;
    Ok(Some(model))
}

/// Stores a model trained on data read at `data_read_at`, and removes old ones.
pub async fn save(
    db: &impl ConnectionTrait,
    model: &Model,
    data_read_at: DateTime<Utc>,
    themes_key: &str,
) -> Result<ModelInfo, AppError> {
    let json = serde_json::to_string(model)
        .map_err(|err| AppError::unexpected("encoding the tagger model", err))?;
    let info = ModelInfo {
        id: Uuid::now_v7(),
        created_at: data_read_at,
        trained_on: i32::try_from(model.trained_on()).unwrap_or(i32::MAX),
        themes_key: themes_key.to_owned(),
    };
    tagger_model::Entity::insert(tagger_model::ActiveModel {
        id: Set(info.id),
        created_at: Set(info.created_at),
        trained_on: Set(info.trained_on),
        themes_key: Set(info.themes_key.clone()),
        model: Set(json),
    })
    .exec_without_returning(db)
    .await?;
    prune(db).await?;
    Ok(info)
}

/// Every model is a few hundred kilobytes and a busy triage session
/// retrains often: keep only the newest few.
async fn prune(db: &impl ConnectionTrait) -> Result<(), AppError> {
    // A handful of ids; skipped here because SQLite has no OFFSET without LIMIT.
    let ids: Vec<Uuid> = tagger_model::Entity::find()
        .select_only()
        .column(tagger_model::Column::Id)
        .order_by_desc(tagger_model::Column::CreatedAt)
        .order_by_desc(tagger_model::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let old: Vec<Uuid> = ids.into_iter().skip(1 + KEEP_OLDER).collect();
    if !old.is_empty() {
        tagger_model::Entity::delete_many()
            .filter(tagger_model::Column::Id.is_in(old))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Creates the state row if it is not there yet.
async fn ensure_state(db: &impl ConnectionTrait) -> Result<(), AppError> {
    tagger_state::Entity::insert(tagger_state::ActiveModel {
        id: Set(tagger_state::ROW),
        labels_changed_at: Set(None),
        retrain_claimed_until: Set(None),
    })
    .on_conflict_do_nothing()
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Records that people's tags changed now.
pub async fn mark_labels_changed(db: &impl ConnectionTrait) -> Result<(), AppError> {
    tagger_state::Entity::insert(tagger_state::ActiveModel {
        id: Set(tagger_state::ROW),
        labels_changed_at: Set(Some(Utc::now())),
        retrain_claimed_until: Set(None),
    })
    .on_conflict(
        OnConflict::column(tagger_state::Column::Id)
            .update_column(tagger_state::Column::LabelsChangedAt)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// When people's tags last changed, if ever.
pub async fn labels_changed_at(
    db: &impl ConnectionTrait,
) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(tagger_state::Entity::find_by_id(tagger_state::ROW)
        .one(db)
        .await?
        .and_then(|state| state.labels_changed_at))
}

/// Takes the retraining for `lease` unless another instance holds it;
/// true when this caller may retrain. One statement, so two instances
/// cannot both win.
pub async fn claim_retrain(db: &impl ConnectionTrait, lease: Duration) -> Result<bool, AppError> {
    ensure_state(db).await?;
    let now = Utc::now();
    let until = now + TimeDelta::from_std(lease).unwrap_or(TimeDelta::MAX / 2);
    let claimed = tagger_state::Entity::update_many()
        .col_expr(
            tagger_state::Column::RetrainClaimedUntil,
            Expr::value(Some(until)),
        )
        .filter(tagger_state::Column::Id.eq(tagger_state::ROW))
        .filter(
            Condition::any()
                .add(tagger_state::Column::RetrainClaimedUntil.is_null())
                .add(tagger_state::Column::RetrainClaimedUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Hands the retraining back.
pub async fn release_retrain(db: &impl ConnectionTrait) -> Result<(), AppError> {
    tagger_state::Entity::update_many()
        .col_expr(
            tagger_state::Column::RetrainClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(tagger_state::Column::Id.eq(tagger_state::ROW))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_themes_key_follows_slugs_and_keywords_not_their_order() {
        let a = ThemeSpec::new("sjomat", "fisk, laks");
        let b = ThemeSpec::new("reiseliv", "turisme");
        let key = themes_key(&[a.clone(), b.clone()]);
        assert_eq!(key, themes_key(&[b.clone(), a.clone()]));
        assert_eq!(
            key,
            themes_key(&[ThemeSpec::new("sjomat", "fisk,laks"), b.clone()])
        );
        assert_ne!(
            key,
            themes_key(&[ThemeSpec::new("sjomat", "fisk"), b.clone()])
        );
        assert_ne!(key, themes_key(&[a]));
    }
}
