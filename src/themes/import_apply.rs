//! Applying a themes CSV file to the database: upserts by slug, all or
//! nothing, with an audit entry per change.

use std::io::Read;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use super::import::{self, ImportRow, Problem};
use super::service::{changed_fields, get_by_slug, insert, next_position, set_fields};
use super::values::{Colour, ThemeFields};
use crate::audit::service::{self as audit, Entry};
use crate::entities::theme;
use crate::error::AppError;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Header names the import did not know and skipped.
    pub ignored_columns: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems; nothing was changed.
    #[error("the file was not imported and nothing was changed:{}", problem_lines(.0))]
    Rejected(Vec<Problem>),
    #[error("the import failed and nothing was changed")]
    Failed(#[source] AppError),
}

fn problem_lines(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("\n  {p}")).collect()
}

impl From<DbErr> for ImportError {
    fn from(err: DbErr) -> Self {
        Self::Failed(err.into())
    }
}

impl From<AppError> for ImportError {
    fn from(err: AppError) -> Self {
        Self::Failed(err)
    }
}

/// Upserts the themes of a CSV file by slug, all or nothing. Existing themes
/// get the file's names and (when given) description, keywords and colour,
/// and keep their place and active state; new ones go to the end of the
/// list in file order, with a palette colour unless the file has one.
pub async fn import_csv<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    reader: impl Read,
) -> Result<ImportReport, ImportError> {
    let file = import::parse(reader).map_err(ImportError::Rejected)?;
    let txn = crate::db::begin(db).await?;
    let mut report = ImportReport {
        ignored_columns: file.ignored_columns,
        ..ImportReport::default()
    };
    let mut position = next_position(&txn).await?;
    let mut palette_index =
        usize::try_from(theme::Entity::find().count(&txn).await?).unwrap_or_default();
    let mut created = Vec::new();
    let mut updated = Vec::new();
    for row in &file.rows {
        match get_by_slug(&txn, row.slug.as_str()).await? {
            Some(current) => {
                let fields = merged_fields(&current, row);
                if changed_fields(&current, &fields).is_empty() {
                    report.unchanged += 1;
                    continue;
                }
                let mut active = current.into_active_model();
                set_fields(&mut active, &fields);
                active.updated_at = Set(Utc::now());
                active.update(&txn).await?;
                updated.push(row.slug.as_str());
            }
            None => {
                let colour = row.colour.clone().unwrap_or_else(|| {
                    let colour = Colour::from_palette(palette_index);
                    palette_index += 1;
                    colour
                });
                let fields = ThemeFields {
                    name_nb: row.name_nb.clone(),
                    name_nn: row.name_nn.clone(),
                    name_en: row.name_en.clone(),
                    description: row.description.clone().unwrap_or_default(),
                    keywords: row.keywords.clone().unwrap_or_default(),
                    colour,
                };
                insert(&txn, &row.slug, &fields, position).await?;
                position = position.saturating_add(1);
                created.push(row.slug.as_str());
            }
        }
    }
    report.created = created.len();
    report.updated = updated.len();
    if !created.is_empty() || !updated.is_empty() {
        audit::record(
            &txn,
            Entry::new(actor, "theme.import").details(format!(
                "created: {}; updated: {}",
                created.join(" "),
                updated.join(" ")
            )),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(report)
}

/// A file row over an existing theme: empty optional cells keep what is there.
fn merged_fields(current: &theme::Model, row: &ImportRow) -> ThemeFields {
    ThemeFields {
        name_nb: row.name_nb.clone(),
        name_nn: row.name_nn.clone(),
        name_en: row.name_en.clone(),
        description: row
            .description
            .clone()
            .unwrap_or_else(|| current.description.clone()),
        keywords: row
            .keywords
            .clone()
            .unwrap_or_else(|| current.keywords.clone()),
        colour: row
            .colour
            .clone()
            .or_else(|| Colour::parse(&current.colour).ok())
            .unwrap_or_else(|| Colour::from_palette(0)),
    }
}
