//! The model in use, kept decoded in memory and shared by this instance's
//! handlers and worker. The database decides which model that is (the
//! newest row), so every instance on one database suggests with the same.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};
use tokio::sync::Mutex;

use super::store::{self, ModelInfo};
use super::{suggestions, training};
use crate::error::AppError;
use crate::tagging::{Model, Score};

/// How long one instance may hold the retraining before another takes over.
const RETRAIN_LEASE: Duration = Duration::from_secs(60);

/// A stored model, decoded.
pub struct Current {
    pub info: ModelInfo,
    pub model: Arc<Model>,
}

/// This instance's handle on the tagger; cheap to clone.
#[derive(Clone, Default)]
pub struct Tagger {
    current: Arc<Mutex<Option<Arc<Current>>>>,
}

impl Tagger {
    /// The newest stored model, decoded once per instance. With none stored
    /// yet, one is trained from the seed and people's tags and stored.
    /// `None` when there are no active themes.
    pub async fn current(
        &self,
        db: &impl ConnectionTrait,
    ) -> Result<Option<Arc<Current>>, AppError> {
        // Held while loading or training, so one instance decodes or trains
        // a model once however many callers want it at the same moment.
        let mut current = self.current.lock().await;
        // A model pruned between finding and reading it has a newer one.
        for _ in 0..3 {
            let Some(latest) = store::latest(db).await? else {
                let trained = training::retrain_model(db).await?;
                *current = trained.map(|(info, model)| keep(info, model));
                return Ok(current.clone());
            };
            if let Some(cached) = current.as_ref().filter(|c| c.info.id == latest.id) {
                return Ok(Some(cached.clone()));
            }
            if let Some(model) = store::load(db, latest.id).await? {
                *current = Some(keep(latest, model));
                return Ok(current.clone());
            }
        }
        Err(AppError::Unexpected(
            "the stored tagger model kept changing while it was read".into(),
            None,
        ))
    }

    /// Retrains now (see [`training::retrain`]) and uses the new model.
    pub async fn retrain(&self, db: &impl ConnectionTrait) -> Result<Option<ModelInfo>, AppError> {
        let Some((info, model)) = training::retrain_model(db).await? else {
            return Ok(None);
        };
        *self.current.lock().await = Some(keep(info.clone(), model));
        Ok(Some(info))
    }

    /// Retrains when the model is stale (people's tags changed since its
    /// data was read, or the active themes are not those it knows) and the
    /// last retrain is at least `min_interval` old, so a burst of
    /// confirmations costs one retrain. Returns whether it retrained.
    pub async fn retrain_if_due(
        &self,
        db: &impl ConnectionTrait,
        min_interval: Duration,
    ) -> Result<bool, AppError> {
        let themes = store::specs(&store::active_themes(db).await?);
        if themes.is_empty() {
            return Ok(false);
        }
        if let Some(latest) = store::latest(db).await? {
            let changed_at = store::labels_changed_at(db).await?;
            let stale = latest.themes_key != store::themes_key(&themes)
                || changed_at.is_some_and(|at| at > latest.created_at);
            let since = Utc::now() - latest.created_at;
            if !stale || since < TimeDelta::from_std(min_interval).unwrap_or_default() {
                return Ok(false);
            }
        }
        if !store::claim_retrain(db, RETRAIN_LEASE).await? {
            return Ok(false);
        }
        let retrained = self.retrain(db).await;
        store::release_retrain(db).await?;
        Ok(retrained?.is_some())
    }

    /// Scores up to `limit` inputs waiting in the queue and stores their
    /// suggestions; returns how many it took.
    pub async fn suggest_pending(
        &self,
        db: &(impl ConnectionTrait + TransactionTrait),
        limit: u64,
    ) -> Result<usize, AppError> {
        let model = self.current(db).await?.map(|c| c.model.clone());
        suggestions::suggest_pending(db, model, limit).await
    }

    /// Every theme's score for each of `texts`, best first, with the words
    /// behind it; empty lists when there are no active themes.
    pub async fn explain(
        &self,
        db: &impl ConnectionTrait,
        texts: &[String],
    ) -> Result<Vec<Vec<Score>>, AppError> {
        let Some(current) = self.current(db).await? else {
            return Ok(vec![Vec::new(); texts.len()]);
        };
        let model = current.model.clone();
        let texts = texts.to_vec();
        tokio::task::spawn_blocking(move || {
            let stemmer = crate::tagging::engine::text::stemmer();
            texts
                .iter()
                .map(|text| model.score_with(&stemmer, text))
                .collect()
        })
        .await
        .map_err(|err| AppError::unexpected("explaining suggestions", err))
    }
}

fn keep(info: ModelInfo, model: Model) -> Arc<Current> {
    Arc::new(Current {
        info,
        model: Arc::new(model),
    })
}
