//! Whole-theme changes as the staff form and the API make them: create one
//! (slug check, colour, active state, audit) and replace one's fields and
//! state together. Both callers take these paths, so the rules live once.

use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};
use uuid::Uuid;

use super::service::{self, get_by_slug, next_colour};
use super::values::{Colour, Description, Keywords, Name, Slug, ThemeFields};
use crate::entities::theme;
use crate::error::AppError;

/// A theme to create, every value already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTheme {
    pub slug: Slug,
    pub name_nb: Name,
    pub name_nn: Name,
    pub name_en: Name,
    pub description: Description,
    pub keywords: Keywords,
    /// `None` takes the next colour of the palette.
    pub colour: Option<Colour>,
    /// Whether inputs can be tagged with it from the start.
    pub active: bool,
}

impl NewTheme {
    fn fields(&self, colour: Colour) -> ThemeFields {
        ThemeFields {
            name_nb: self.name_nb.clone(),
            name_nn: self.name_nn.clone(),
            name_en: self.name_en.clone(),
            description: self.description.as_str().to_owned(),
            keywords: self.keywords.as_str().to_owned(),
            colour,
        }
    }
}

/// Why a theme was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// Another theme has the slug; callers say so at the slug field.
    #[error("the slug is taken")]
    SlugTaken,
    #[error(transparent)]
    Failed(#[from] AppError),
}

impl From<DbErr> for CreateError {
    fn from(err: DbErr) -> Self {
        Self::Failed(err.into())
    }
}

/// Creates a theme at the end of the list, in one transaction so that a
/// theme is never left half-made (created but not yet switched off).
pub async fn create_theme<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    new: &NewTheme,
) -> Result<theme::Model, CreateError> {
    let txn = crate::db::begin(db).await?;
    if get_by_slug(&txn, new.slug.as_str()).await?.is_some() {
        return Err(CreateError::SlugTaken);
    }
    let colour = match &new.colour {
        Some(colour) => colour.clone(),
        None => next_colour(&txn).await?,
    };
    let mut created = match service::create(&txn, actor, &new.slug, &new.fields(colour)).await {
        Ok(created) => created,
        // Someone took the slug between the check and the insert.
        Err(AppError::Conflict(_)) => return Err(CreateError::SlugTaken),
        Err(err) => return Err(err.into()),
    };
    if !new.active {
        created = service::set_active(&txn, actor, created.id, false).await?;
    }
    txn.commit().await?;
    Ok(created)
}

/// Replaces a theme's fields and active state together, as `PUT` does.
/// Unknown id: not found.
pub async fn replace_theme<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
    fields: &ThemeFields,
    active: bool,
) -> Result<theme::Model, AppError> {
    let txn = crate::db::begin(db).await?;
    service::update(&txn, actor, id, fields).await?;
    let theme = service::set_active(&txn, actor, id, active).await?;
    txn.commit().await?;
    Ok(theme)
}
