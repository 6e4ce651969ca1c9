//! The words behind a suggestion: the input's text scored again when the
//! page is drawn, so facilitators see why a theme was proposed.
//!
//! MERGE: this scores with a model trained once per process on the built-in
//! seed and the database's themes, kept here until the shared model of
//! `tagging::service` lands; `model()` is the one place to switch over.

use std::sync::Arc;

use sea_orm::ConnectionTrait;
use tokio::sync::Mutex;

use crate::error::AppError;
use crate::tagging::{Model, Score, ThemeSpec, dataset};
use crate::themes::service as themes;

/// The seed model and the themes it was trained for; trained again only
/// when facilitators change the themes or their keywords.
static SEED_MODEL: Mutex<Option<(Vec<ThemeSpec>, Arc<Model>)>> = Mutex::const_new(None);

/// Every theme's score for each of `texts`, in order.
pub async fn explain(
    db: &impl ConnectionTrait,
    texts: &[String],
) -> Result<Vec<Vec<Score>>, AppError> {
    if texts.is_empty() {
        return Ok(Vec::new());
    }
    let model = model(db).await?;
    let texts = texts.to_vec();
    tokio::task::spawn_blocking(move || {
        let stemmer = crate::tagging::engine::text::stemmer();
        texts
            .iter()
            .map(|text| model.score_with(&stemmer, text))
            .collect()
    })
    .await
    .map_err(|e| AppError::unexpected("scoring for triage", e))
}

async fn model(db: &impl ConnectionTrait) -> Result<Arc<Model>, AppError> {
    let specs: Vec<ThemeSpec> = themes::list_active(db)
        .await?
        .iter()
        .map(|theme| ThemeSpec::new(&theme.slug, &theme.keywords))
        .collect();
    // Held while training, so a burst of page views trains once.
    let mut cached = SEED_MODEL.lock().await;
    if let Some((trained_for, model)) = cached.as_ref()
        && *trained_for == specs
    {
        return Ok(model.clone());
    }
    let for_training = specs.clone();
    let model = tokio::task::spawn_blocking(move || {
        let examples: Vec<_> = dataset::built_in()
            .iter()
            .map(|row| row.example())
            .collect();
        Arc::new(Model::train(&for_training, &examples))
    })
    .await
    .map_err(|e| AppError::unexpected("training for triage", e))?;
    *cached = Some((specs, model.clone()));
    Ok(model)
}
