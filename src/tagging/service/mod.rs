//! The tagger inside the platform: the model stored in the database and
//! shared by every instance, training data (seed plus confirmed tags),
//! the background pass that suggests themes for new inputs, retraining.

use sea_orm::ConnectionTrait;

use crate::error::AppError;

/// Records that people's tags changed (a confirm, removal, addition), so
/// the model is retrained from them in the background.
pub async fn labels_changed(_db: &impl ConnectionTrait) -> Result<(), AppError> {
    // Filled in with the model store and retraining.
    Ok(())
}
