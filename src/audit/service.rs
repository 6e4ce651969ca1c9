//! Writing and reading audit entries. Callers pass their transaction so the
//! entry commits with the change it records.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::entities::{audit_log, user};
use crate::web::paging::{self, Page, PageRequest};

/// What an entry is about.
pub struct Entry<'a> {
    pub actor: Option<Uuid>,
    pub action: &'a str,
    pub entity_type: Option<&'a str>,
    pub entity_id: Option<String>,
    pub details: Option<String>,
}

impl<'a> Entry<'a> {
    pub fn new(actor: Option<Uuid>, action: &'a str) -> Self {
        Self {
            actor,
            action,
            entity_type: None,
            entity_id: None,
            details: None,
        }
    }

    pub fn on(mut self, entity_type: &'a str, entity_id: impl ToString) -> Self {
        self.entity_type = Some(entity_type);
        self.entity_id = Some(entity_id.to_string());
        self
    }

    pub fn details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(details.into());
        self
    }
}

pub async fn record(db: &impl ConnectionTrait, entry: Entry<'_>) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(entry.actor),
        action: Set(entry.action.to_owned()),
        entity_type: Set(entry.entity_type.map(str::to_owned)),
        entity_id: Set(entry.entity_id),
        details: Set(entry.details),
        created_at: Set(Utc::now()),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// One entry as the log page shows it: the row and who acted, if anyone did.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedEntry {
    pub entry: audit_log::Model,
    /// None for the system (the command line, a worker) or a deleted user.
    pub actor: Option<user::Model>,
}

/// A page of entries, newest first, with the acting user when there is one.
/// The users come in one query for the whole page, not one per row.
pub async fn page(
    db: &impl ConnectionTrait,
    request: PageRequest,
) -> Result<Page<LoggedEntry>, DbErr> {
    let query = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id);
    let rows = paging::fetch(db, query, request).await?;
    let mut user_ids: Vec<Uuid> = rows.items.iter().filter_map(|row| row.user_id).collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let users: HashMap<Uuid, user::Model> = if user_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(user_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|user| (user.id, user))
            .collect()
    };
    Ok(rows.map(|entry| LoggedEntry {
        actor: entry.user_id.and_then(|id| users.get(&id).cloned()),
        entry,
    }))
}
