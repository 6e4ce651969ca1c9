//! Inputs that staff write down for others: workshop notes and interview
//! findings. They are published at once (there is nothing to moderate),
//! carry no contact, and are searchable and tagged like every input.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::entities::input::{self, Channel, Status};
use crate::error::AppError;
use crate::inputs::{StakeholderGroup, search, tags};
use crate::web::Lang;

/// One input as staff record it.
#[derive(Clone, Debug)]
pub struct StaffInput<'a> {
    pub channel: Channel,
    pub body: &'a str,
    pub group: StakeholderGroup,
    pub language: Lang,
    pub themes: &'a [Uuid],
    pub idempotency_key: Option<String>,
}

/// Stores the input, its search entry and its themes (as manual tags);
/// call it inside the transaction that stores the channel's own row.
pub async fn insert(db: &impl ConnectionTrait, new: StaffInput<'_>) -> Result<Uuid, AppError> {
    let id = Uuid::now_v7();
    let now = Utc::now();
    input::Entity::insert(input::ActiveModel {
        id: Set(id),
        channel: Set(new.channel),
        title: Set(None),
        body: Set(new.body.to_owned()),
        stakeholder_group: Set(new.group.code().to_owned()),
        status: Set(Status::Published),
        language: Set(new.language.code().to_owned()),
        contact_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        location: Set(None),
        support_count: Set(0),
        merged_into_id: Set(None),
        moderation_note: Set(None),
        published_at: Set(Some(now)),
        private_token_hash: Set(None),
        idempotency_key: Set(new.idempotency_key),
    })
    .exec_without_returning(db)
    .await?;
    search::store(db, id, None, new.body).await?;
    tags::set_manual(db, id, new.themes).await?;
    Ok(id)
}
