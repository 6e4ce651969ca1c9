//! The tagger inside the platform: the model stored in the database and
//! shared by every instance, training data (seed plus confirmed tags),
//! the background pass that suggests themes for new inputs, retraining.
//!
//! `store` holds the rows (models, themes, shared state), `training` what
//! the model learns from and retraining, `suggestions` the queue of inputs
//! to score, `current` the model in use (cached per instance, the
//! [`Tagger`] handlers and the worker share) and `worker` the background loop.

mod current;
pub mod store;
pub mod suggestions;
pub mod training;
pub mod worker;

use sea_orm::ConnectionTrait;

pub use current::{Current, Tagger};
pub use store::{ModelInfo, active_themes, theme_ids_by_slug};
pub use training::{requeue_untriaged, retrain, training_examples};
pub use worker::{TaggerWorker, WorkerSettings};

use crate::error::AppError;

/// Records that people's tags changed (a confirm, removal, addition), so
/// the model is retrained from them in the background.
pub async fn labels_changed(db: &impl ConnectionTrait) -> Result<(), AppError> {
    store::mark_labels_changed(db).await
}
