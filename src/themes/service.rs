//! Themes without HTTP: read them in order, create, edit, reorder, switch on
//! and off (importing a CSV file is in `import_apply`). Every change writes an audit entry in the
//! same transaction as the change.
//!
//! Reads take any connection. Writes take a connection that can begin a
//! transaction and open their own, so a change and its audit entry commit
//! together; called inside a caller's transaction that becomes a savepoint.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionSession,
    TransactionTrait,
};
use uuid::Uuid;

use super::values::{Colour, Slug, ThemeFields};
use crate::audit::service::{self as audit, Entry};
use crate::entities::theme;
use crate::error::AppError;
use crate::web::Lang;

pub use super::import_apply::{ImportError, ImportReport, import_csv};

/// Every theme, in the facilitators' order.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<theme::Model>, AppError> {
    Ok(ordered().all(db).await?)
}

/// The themes inputs can be tagged with now, in the facilitators' order.
pub async fn list_active(db: &impl ConnectionTrait) -> Result<Vec<theme::Model>, AppError> {
    Ok(ordered()
        .filter(theme::Column::Active.eq(true))
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<theme::Model>, AppError> {
    Ok(theme::Entity::find_by_id(id).one(db).await?)
}

pub async fn get_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<theme::Model>, AppError> {
    Ok(theme::Entity::find()
        .filter(theme::Column::Slug.eq(slug))
        .one(db)
        .await?)
}

/// The theme's name in `lang`.
pub fn name_in(theme: &theme::Model, lang: Lang) -> &str {
    match lang {
        Lang::Nb => &theme.name_nb,
        Lang::Nn => &theme.name_nn,
        Lang::En => &theme.name_en,
    }
}

/// The colour a new theme gets unless someone picks one: the palette in turn.
pub async fn next_colour(db: &impl ConnectionTrait) -> Result<Colour, AppError> {
    let count = theme::Entity::find().count(db).await?;
    Ok(Colour::from_palette(
        usize::try_from(count).unwrap_or_default(),
    ))
}

/// Stores a new theme at the end of the list. A slug already in use is a
/// conflict.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    slug: &Slug,
    fields: &ThemeFields,
) -> Result<theme::Model, AppError> {
    let txn = crate::db::begin(db).await?;
    let position = next_position(&txn).await?;
    let created = insert(&txn, slug, fields, position).await?;
    audit::record(
        &txn,
        Entry::new(actor, "theme.create")
            .on("theme", created.id)
            .details(slug.as_str()),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Replaces what can change about a theme; the slug stays.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
    fields: &ThemeFields,
) -> Result<theme::Model, AppError> {
    let txn = crate::db::begin(db).await?;
    let current = find(&txn, id).await?;
    let changed = changed_fields(&current, fields);
    if changed.is_empty() {
        return Ok(current);
    }
    let mut row = current.into_active_model();
    set_fields(&mut row, fields);
    row.updated_at = Set(Utc::now());
    let updated = row.update(&txn).await?;
    audit::record(
        &txn,
        Entry::new(actor, "theme.update")
            .on("theme", id)
            .details(changed.join(", ")),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Switches a theme on or off. An inactive theme keeps its tags and place but
/// is not offered for new tagging.
pub async fn set_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
    active: bool,
) -> Result<theme::Model, AppError> {
    let txn = crate::db::begin(db).await?;
    let current = find(&txn, id).await?;
    if current.active == active {
        return Ok(current);
    }
    let mut row = current.into_active_model();
    row.active = Set(active);
    row.updated_at = Set(Utc::now());
    let updated = row.update(&txn).await?;
    let action = if active {
        "theme.activate"
    } else {
        "theme.deactivate"
    };
    audit::record(&txn, Entry::new(actor, action).on("theme", id)).await?;
    txn.commit().await?;
    Ok(updated)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Swaps a theme with the one above it. Returns whether it moved (the first
/// theme cannot go further up).
pub async fn move_up<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
) -> Result<bool, AppError> {
    move_theme(db, actor, id, Direction::Up).await
}

/// Swaps a theme with the one below it. Returns whether it moved.
pub async fn move_down<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
) -> Result<bool, AppError> {
    move_theme(db, actor, id, Direction::Down).await
}

pub async fn move_theme<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
    direction: Direction,
) -> Result<bool, AppError> {
    let txn = crate::db::begin(db).await?;
    // Locks the rows (PostgreSQL) so two people reordering at once take turns.
    let mut themes = ordered().lock_exclusive().all(&txn).await?;
    let index = themes
        .iter()
        .position(|t| t.id == id)
        .ok_or(AppError::NotFound)?;
    let other = match direction {
        Direction::Up => index.checked_sub(1),
        Direction::Down => Some(index + 1).filter(|i| *i < themes.len()),
    };
    let Some(other) = other else {
        return Ok(false);
    };
    themes.swap(index, other);
    // Renumbering the whole list also mends equal positions, which a
    // hand-edited database or an old import may have left.
    for (number, theme) in themes.into_iter().enumerate() {
        let position = i32::try_from(number + 1).unwrap_or(i32::MAX);
        if theme.position != position {
            let mut row = theme.into_active_model();
            row.position = Set(position);
            row.update(&txn).await?;
        }
    }
    let details = match direction {
        Direction::Up => "up",
        Direction::Down => "down",
    };
    audit::record(
        &txn,
        Entry::new(actor, "theme.move")
            .on("theme", id)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

fn ordered() -> sea_orm::Select<theme::Entity> {
    theme::Entity::find()
        .order_by_asc(theme::Column::Position)
        .order_by_asc(theme::Column::Slug)
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<theme::Model, AppError> {
    get(db, id).await?.ok_or(AppError::NotFound)
}

pub(super) async fn next_position(db: &impl ConnectionTrait) -> Result<i32, DbErr> {
    let last = theme::Entity::find()
        .order_by_desc(theme::Column::Position)
        .one(db)
        .await?;
    Ok(last.map_or(1, |t| t.position.saturating_add(1)))
}

pub(super) async fn insert(
    db: &impl ConnectionTrait,
    slug: &Slug,
    fields: &ThemeFields,
    position: i32,
) -> Result<theme::Model, AppError> {
    let now = Utc::now();
    let mut row = theme::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug.as_str().to_owned()),
        position: Set(position),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    set_fields(&mut row, fields);
    Ok(theme::Entity::insert(row).exec_with_returning(db).await?)
}

pub(super) fn set_fields(row: &mut theme::ActiveModel, fields: &ThemeFields) {
    row.name_nb = Set(fields.name_nb.as_str().to_owned());
    row.name_nn = Set(fields.name_nn.as_str().to_owned());
    row.name_en = Set(fields.name_en.as_str().to_owned());
    row.description = Set(fields.description.clone());
    row.keywords = Set(fields.keywords.clone());
    row.colour = Set(fields.colour.as_str().to_owned());
}

/// Names of the columns `fields` would change, for the audit entry.
pub(super) fn changed_fields(current: &theme::Model, fields: &ThemeFields) -> Vec<&'static str> {
    [
        ("name_nb", current.name_nb == fields.name_nb.as_str()),
        ("name_nn", current.name_nn == fields.name_nn.as_str()),
        ("name_en", current.name_en == fields.name_en.as_str()),
        ("description", current.description == fields.description),
        ("keywords", current.keywords == fields.keywords),
        ("colour", current.colour == fields.colour.as_str()),
    ]
    .into_iter()
    .filter(|(_, same)| !same)
    .map(|(name, _)| name)
    .collect()
}
