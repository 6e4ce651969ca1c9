//! Writing and reading audit entries. Callers pass their transaction so the
//! entry commits with the change it records.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::{audit_log, user};

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

/// A page of entries, newest first, with the acting user when there is one.
pub async fn page(
    db: &impl ConnectionTrait,
    page: u64,
    per_page: u64,
) -> Result<(Vec<(audit_log::Model, Option<user::Model>)>, u64), DbErr> {
    let total = audit_log::Entity::find().count(db).await?;
    let rows = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
        .offset(page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let user_ids: Vec<Uuid> = rows.iter().filter_map(|row| row.user_id).collect();
    let users = if user_ids.is_empty() {
        Vec::new()
    } else {
        use sea_orm::{ColumnTrait, QueryFilter};
        user::Entity::find()
            .filter(user::Column::Id.is_in(user_ids))
            .all(db)
            .await?
    };
    let entries = rows
        .into_iter()
        .map(|row| {
            let actor = row
                .user_id
                .and_then(|id| users.iter().find(|u| u.id == id).cloned());
            (row, actor)
        })
        .collect();
    Ok((entries, total))
}
