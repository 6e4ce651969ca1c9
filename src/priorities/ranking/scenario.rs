//! Named weight scenarios: facilitators save the weights they want to
//! compare, and mark the one the report presents.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use serde::Serialize;
use uuid::Uuid;

use super::sensitivity::SensitivitySettings;
use crate::audit::service::{self as audit, Entry};
use crate::entities::priority_scenario as row;
use crate::error::AppError;
use crate::priorities::criteria::{Criterion, Weights};

pub const NAME_MAX: usize = 120;
pub const WEIGHT_MAX: f64 = 1000.0;
pub const SAMPLES: std::ops::RangeInclusive<u32> = 100..=100_000;
pub const CONCENTRATION: std::ops::RangeInclusive<f64> = 1.0..=10_000.0;

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Scenario {
    pub id: Uuid,
    pub name: String,
    /// Criterion code → weight, as set (not scaled).
    #[schema(value_type = BTreeMap<String, f64>)]
    #[serde(serialize_with = "weights_by_code")]
    pub weights: Weights,
    /// How many innsatsområder the programme chooses.
    pub areas: u8,
    pub sensitivity: SensitivitySettings,
    /// The scenario the report presents.
    pub chosen: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a facilitator sets; checked by `problems`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioFields {
    pub name: String,
    pub weights: Weights,
    pub areas: u8,
    pub sensitivity: SensitivitySettings,
}

impl Default for ScenarioFields {
    fn default() -> Self {
        Self {
            name: String::new(),
            weights: crate::priorities::criteria::default_weights(),
            areas: 4,
            sensitivity: SensitivitySettings::default(),
        }
    }
}

/// The field names a form shows its messages at, and the problem's locale key.
pub fn problems(fields: &ScenarioFields) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    let name = fields.name.trim();
    if name.is_empty() {
        out.push(("name", "name_required"));
    } else if name.chars().count() > NAME_MAX {
        out.push(("name", "name_long"));
    }
    for c in Criterion::ALL {
        let w = fields.weights[c.index()];
        if !w.is_finite() || !(0.0..=WEIGHT_MAX).contains(&w) {
            out.push((c.code(), "weight_range"));
        }
    }
    if out.is_empty() && fields.weights.iter().sum::<f64>() <= 0.0 {
        out.push(("weights", "weights_zero"));
    }
    if !(3..=4).contains(&fields.areas) {
        out.push(("areas", "areas_range"));
    }
    if !SAMPLES.contains(&fields.sensitivity.samples) {
        out.push(("samples", "samples_range"));
    }
    if !CONCENTRATION.contains(&fields.sensitivity.concentration) {
        out.push(("concentration", "concentration_range"));
    }
    if i64::try_from(fields.sensitivity.seed).is_err() {
        out.push(("seed", "seed_range"));
    }
    out
}

fn weights_by_code<S: serde::Serializer>(weights: &Weights, s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(
        Criterion::ALL
            .iter()
            .map(|c| (c.code(), weights[c.index()])),
    )
}

fn weights_json(weights: &Weights) -> String {
    let map: BTreeMap<&str, f64> = Criterion::ALL
        .iter()
        .map(|c| (c.code(), weights[c.index()]))
        .collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
}

/// Weights read back; a criterion added after the scenario was saved weighs 0.
fn weights_from(json: &str) -> Weights {
    let map: BTreeMap<String, f64> = serde_json::from_str(json).unwrap_or_default();
    Criterion::ALL.map(|c| map.get(c.code()).copied().unwrap_or(0.0))
}

fn from_row(m: row::Model) -> Scenario {
    Scenario {
        id: m.id,
        name: m.name,
        weights: weights_from(&m.weights),
        areas: u8::try_from(m.areas).unwrap_or(4),
        sensitivity: SensitivitySettings {
            samples: u32::try_from(m.samples).unwrap_or(10_000),
            concentration: m.concentration,
            seed: u64::try_from(m.seed).unwrap_or(0),
        },
        chosen: m.chosen,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Scenario>, AppError> {
    Ok(row::Entity::find()
        .order_by_asc(row::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect())
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Scenario>, AppError> {
    Ok(row::Entity::find_by_id(id).one(db).await?.map(from_row))
}

/// The scenario the report presents: the chosen one, else the newest.
pub async fn for_report(db: &impl ConnectionTrait) -> Result<Option<Scenario>, AppError> {
    let all = list(db).await?;
    Ok(all.iter().find(|s| s.chosen).or(all.last()).cloned())
}

fn refuse(fields: &ScenarioFields) -> Result<(), AppError> {
    match problems(fields).first() {
        None => Ok(()),
        Some((field, problem)) => Err(AppError::Validation(format!("{field}: {problem}"))),
    }
}

async fn name_taken(
    db: &impl ConnectionTrait,
    name: &str,
    except: Option<Uuid>,
) -> Result<bool, AppError> {
    let mut query = row::Entity::find().filter(row::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(row::Column::Id.ne(id));
    }
    Ok(query.one(db).await?.is_some())
}

/// Saves a new scenario; `Conflict` when the name is taken.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    fields: &ScenarioFields,
) -> Result<Uuid, AppError> {
    refuse(fields)?;
    let name = fields.name.trim();
    let txn = crate::db::begin(db).await?;
    if name_taken(&txn, name, None).await? {
        return Err(AppError::Conflict(format!("scenario {name:?} exists")));
    }
    let id = Uuid::now_v7();
    let now = Utc::now();
    row::ActiveModel {
        id: Set(id),
        name: Set(name.to_owned()),
        weights: Set(weights_json(&fields.weights)),
        areas: Set(i32::from(fields.areas)),
        concentration: Set(fields.sensitivity.concentration),
        samples: Set(i32::try_from(fields.sensitivity.samples).unwrap_or(10_000)),
        seed: Set(i64::try_from(fields.sensitivity.seed).unwrap_or(0)),
        chosen: Set(false),
        created_by: Set(actor),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry::new(actor, "priorities.scenario.create")
            .on("priority_scenario", id)
            .details(name),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Replaces a scenario's settings; `NotFound` or `Conflict` as it may be.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
    fields: &ScenarioFields,
) -> Result<(), AppError> {
    refuse(fields)?;
    let name = fields.name.trim();
    let txn = crate::db::begin(db).await?;
    let found = row::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if name_taken(&txn, name, Some(id)).await? {
        return Err(AppError::Conflict(format!("scenario {name:?} exists")));
    }
    let mut active: row::ActiveModel = found.into();
    active.name = Set(name.to_owned());
    active.weights = Set(weights_json(&fields.weights));
    active.areas = Set(i32::from(fields.areas));
    active.concentration = Set(fields.sensitivity.concentration);
    active.samples = Set(i32::try_from(fields.sensitivity.samples).unwrap_or(10_000));
    active.seed = Set(i64::try_from(fields.sensitivity.seed).unwrap_or(0));
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    audit::record(
        &txn,
        Entry::new(actor, "priorities.scenario.update")
            .on("priority_scenario", id)
            .details(name),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Makes `id` the scenario the report presents, and no other.
pub async fn choose<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    row::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    row::Entity::update_many()
        .col_expr(row::Column::Chosen, sea_orm::sea_query::Expr::value(false))
        .filter(row::Column::Chosen.eq(true))
        .exec(&txn)
        .await?;
    row::Entity::update_many()
        .col_expr(row::Column::Chosen, sea_orm::sea_query::Expr::value(true))
        .filter(row::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(actor, "priorities.scenario.choose").on("priority_scenario", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    id: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let gone = row::Entity::delete_by_id(id).exec(&txn).await?;
    if gone.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Entry::new(actor, "priorities.scenario.delete").on("priority_scenario", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_every_bad_field() {
        let mut fields = ScenarioFields {
            name: "Jobb først".into(),
            ..ScenarioFields::default()
        };
        assert!(problems(&fields).is_empty());
        fields.name = " ".into();
        fields.weights[2] = -1.0;
        fields.areas = 5;
        fields.sensitivity.samples = 10;
        fields.sensitivity.concentration = 0.0;
        fields.sensitivity.seed = u64::MAX;
        let fields_named: Vec<&str> = problems(&fields).iter().map(|p| p.0).collect();
        assert_eq!(
            fields_named,
            [
                "name",
                "breadth",
                "areas",
                "samples",
                "concentration",
                "seed"
            ]
        );
        let zero = ScenarioFields {
            name: "Null".into(),
            weights: [0.0; 14],
            ..ScenarioFields::default()
        };
        assert_eq!(problems(&zero), [("weights", "weights_zero")]);
    }

    #[test]
    fn weights_survive_the_json_and_unknown_codes_are_dropped() {
        let mut w = crate::priorities::criteria::default_weights();
        w[3] = 0.25;
        assert_eq!(weights_from(&weights_json(&w)), w);
        let read = weights_from(r#"{"inputs": 2, "gone": 9}"#);
        assert_eq!(read[0], 2.0);
        assert_eq!(read.iter().sum::<f64>(), 2.0);
    }
}
