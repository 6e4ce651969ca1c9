//! What the tagger learns from (the labelled seed plus the inputs people
//! have tagged) and retraining: train, store, and queue the inputs still
//! waiting for people so their suggestions come from the new model.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use super::store::{self, ModelInfo};
use super::suggestions::suggested_at;
use crate::entities::input;
use crate::entities::input_theme::Origin;
use crate::entities::tagger_seed;
use crate::error::AppError;
use crate::inputs::LIVE;
use crate::inputs::tags::{self, PUBLIC_ORIGINS};
use crate::tagging::dataset::{self, Row};
use crate::tagging::{Example, Model, ThemeSpec};

/// How long a tag change may take from `labels_changed` to its commit. The
/// data a model was trained on counts as read this much earlier than it was,
/// so a change committed while it was read makes the model stale, never
/// silently missing. Retraining must be rarer than this (see the worker).
pub const IN_FLIGHT: Duration = Duration::from_secs(1);

/// The newest labelled inputs a retrain learns from. More adds little to
/// a model over these few themes and would make each retrain slower as
/// the programme grows (20,000 train in under three seconds here).
pub const MAX_LABELLED: u64 = 20_000;

/// An input's text as the tagger reads it: title and body.
pub fn input_text(title: Option<&str>, body: &str) -> String {
    match title.map(str::trim).filter(|title| !title.is_empty()) {
        Some(title) => format!("{title}\n{body}"),
        None => body.to_owned(),
    }
}

/// The seed: the rows loaded with `innspill tagger train`, or while there
/// are none, the labelled inputs built into the binary.
pub async fn seed(db: &impl ConnectionTrait) -> Result<Vec<Row>, AppError> {
    let loaded = tagger_seed::Entity::find()
        .order_by_asc(tagger_seed::Column::Id)
        .all(db)
        .await?;
    if loaded.is_empty() {
        return Ok(dataset::built_in());
    }
    Ok(loaded
        .into_iter()
        .map(|row| Row {
            id: row.id,
            lang: row.lang,
            channel: row.channel,
            text: row.text,
            themes: row.themes,
        })
        .collect())
}

/// Replaces the seed with `rows` in one transaction.
pub async fn replace_seed(db: &impl TransactionTrait, rows: &[Row]) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    tagger_seed::Entity::delete_many().exec(&txn).await?;
    for chunk in rows.chunks(200) {
        tagger_seed::Entity::insert_many(chunk.iter().map(|row| tagger_seed::ActiveModel {
            id: Set(row.id.clone()),
            lang: Set(row.lang.clone()),
            channel: Set(row.channel.clone()),
            text: Set(row.text.clone()),
            themes: Set(row.themes.clone()),
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Inputs people have tagged and left no suggestion on, with their tags.
/// Only pending and published ones: a withdrawn input was taken back by its
/// sender, a hidden one taken down, a merged one lives on in another.
pub async fn labelled(db: &impl ConnectionTrait) -> Result<Vec<Example>, AppError> {
    Ok(labelled_with_bodies(db)
        .await?
        .into_iter()
        .map(|(_, example)| example)
        .collect())
}

/// As [`labelled`], each with the input's body alone beside it.
async fn labelled_with_bodies(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, Example)>, AppError> {
    let mut labels = tags::settled(db).await?;
    let rows: Vec<(Uuid, Option<String>, String)> = input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .column(input::Column::Title)
        .column(input::Column::Body)
        .filter(input::Column::Status.is_in(LIVE))
        .filter(input::Column::Id.in_subquery(tags::inputs_with(&PUBLIC_ORIGINS)))
        .filter(input::Column::Id.not_in_subquery(tags::inputs_with(&[Origin::Suggested])))
        // Ids are time-ordered (UUIDv7): the newest labels first.
        .order_by_desc(input::Column::Id)
        .limit(MAX_LABELLED)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, title, body)| {
            labels.remove(&id).map(|themes| {
                let text = input_text(title.as_deref(), &body);
                (body, Example { text, themes })
            })
        })
        .collect())
}

/// Everything the platform's model learns from: the seed, then people's tags.
pub async fn training_examples(db: &impl ConnectionTrait) -> Result<Vec<Example>, AppError> {
    let labelled = labelled_with_bodies(db).await?;
    // A seed text that is also an input (the demo loads the seed's ideas
    // as bodies under a title) counts once, with the labels people gave.
    let known: HashSet<String> = labelled
        .iter()
        .flat_map(|(body, example)| [same_text(body), same_text(&example.text)])
        .collect();
    let mut examples: Vec<Example> = seed(db)
        .await?
        .iter()
        .map(Row::example)
        .filter(|example| !known.contains(&same_text(&example.text)))
        .collect();
    examples.extend(labelled.into_iter().map(|(_, example)| example));
    Ok(examples)
}

/// A text as compared for repeats: case and spacing do not count.
fn same_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Trains off the async runtime: a retrain on thousands of texts takes
/// a second or two of CPU, which would stall every request on its thread.
pub async fn train(themes: Vec<ThemeSpec>, examples: Vec<Example>) -> Result<Model, AppError> {
    tokio::task::spawn_blocking(move || Model::train(&themes, &examples))
        .await
        .map_err(|err| AppError::unexpected("training the tagger", err))
}

/// Trains a model on the seed and people's tags for the active themes,
/// stores it and requeues the inputs still waiting for people. `None` when
/// there are no active themes to suggest.
pub async fn retrain(db: &impl ConnectionTrait) -> Result<Option<ModelInfo>, AppError> {
    Ok(retrain_model(db).await?.map(|(info, _)| info))
}

/// As [`retrain`], also giving the model, so the caller need not load it.
pub async fn retrain_model(
    db: &impl ConnectionTrait,
) -> Result<Option<(ModelInfo, Model)>, AppError> {
    let themes = store::specs(&store::active_themes(db).await?);
    if themes.is_empty() {
        return Ok(None);
    }
    let key = store::themes_key(&themes);
    let data_read_at = Utc::now() - TimeDelta::from_std(IN_FLIGHT).unwrap_or_default();
    let examples = training_examples(db).await?;
    let started = std::time::Instant::now();
    let model = train(themes, examples).await?;
    let info = store::save(db, &model, data_read_at, &key).await?;
    let requeued = requeue_untriaged(db).await?;
    tracing::info!(
        model_id = %info.id,
        trained_on = info.trained_on,
        seconds = started.elapsed().as_secs_f64(),
        requeued,
        "tagger retrained"
    );
    Ok(Some((info, model)))
}

/// Puts the inputs people have not settled (suggestions still open, or no
/// tag at all) back in the tagger's queue; returns how many.
pub async fn requeue_untriaged(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    let all_origins = [Origin::Suggested, Origin::Confirmed, Origin::Manual];
    let result = input::Entity::update_many()
        .col_expr(
            suggested_at(),
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(Expr::col(suggested_at()).is_not_null())
        .filter(input::Column::Status.is_in(LIVE))
        .filter(
            Condition::any()
                .add(input::Column::Id.in_subquery(tags::inputs_with(&[Origin::Suggested])))
                .add(input::Column::Id.not_in_subquery(tags::inputs_with(&all_origins))),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_the_title_then_the_body() {
        assert_eq!(input_text(Some("Kai"), "Bygg en kai."), "Kai\nBygg en kai.");
        assert_eq!(input_text(Some("  "), "Bygg en kai."), "Bygg en kai.");
        assert_eq!(input_text(None, "Bygg en kai."), "Bygg en kai.");
    }
}
