//! Workshop results, without HTTP: how the workshop was run, its tables (or
//! groups) with their themes, hosts and summaries, the notes from the wall
//! (each an input of channel `workshop`), their dot votes, and the results
//! that come of them.
//!
//! Every change starts by locking the event's row, as sign-ups do, so two
//! facilitators typing in the same workshop at once are served one after
//! the other: a table is not removed under a paste that names it, and
//! positions stay a sequence.

pub mod export;
pub mod forms;
pub mod notes;
pub mod results;
pub mod tables;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveEnum, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    EntityTrait,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
pub use crate::entities::workshop::Method;
use crate::entities::{event, workshop};
use crate::error::AppError;
use crate::inputs::lock::lock_where;

/// The methods in the order the form offers them.
pub const METHODS: [Method; 3] = [
    Method::CafeDialogue,
    Method::IndividualGroupPlenary,
    Method::DotVoting,
];

/// The code a method is stored and sent as.
pub fn method_code(method: Method) -> String {
    method.to_value()
}

pub fn parse_method(code: &str) -> Option<Method> {
    METHODS
        .into_iter()
        .find(|method| method_code(*method) == code)
}

/// The locale key of a method's name (`workshops.method.<code>`).
pub fn method_label_key(method: Method) -> String {
    format!("workshops.method.{}", method_code(method))
}

/// The locale key of what a facilitator captures with that method.
pub fn method_hint_key(method: Method) -> String {
    format!("workshops.method_hint.{}", method_code(method))
}

/// Locks the event's row for the rest of the transaction; not found when
/// there is no such event.
pub(crate) async fn lock_event(db: &impl ConnectionTrait, event_id: Uuid) -> Result<(), AppError> {
    let locked = lock_where::<event::Entity>(
        db,
        event::Column::Id,
        Condition::all().add(event::Column::Id.eq(event_id)),
    )
    .await?;
    if locked == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// How the event's workshop was run, if a facilitator has said.
pub async fn method_of(
    db: &impl ConnectionTrait,
    event_id: Uuid,
) -> Result<Option<Method>, AppError> {
    Ok(workshop::Entity::find_by_id(event_id)
        .one(db)
        .await?
        .and_then(|row| row.method))
}

/// Says how the workshop was run (None: not said).
pub async fn set_method(
    db: &DatabaseConnection,
    event_id: Uuid,
    method: Option<Method>,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_event(&txn, event_id).await?;
    workshop::Entity::insert(workshop::ActiveModel {
        event_id: Set(event_id),
        method: Set(method),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(workshop::Column::EventId)
            .update_columns([workshop::Column::Method, workshop::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "workshop.method")
            .on("event", event_id)
            .details(method.map_or_else(|| "none".to_owned(), method_code)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_codes_round_trip() {
        for method in METHODS {
            assert_eq!(parse_method(&method_code(method)), Some(method));
        }
        assert_eq!(parse_method(""), None);
    }
}
