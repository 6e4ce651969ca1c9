//! The staff list of businesses: each with the slot it holds and the themes
//! it wants to talk about, read in three queries rather than one per row.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entities::{business, business_theme, interview_slot};
use crate::error::AppError;

/// One business as the staff list shows it.
#[derive(Clone, Debug)]
pub struct Listed {
    pub business: business::Model,
    pub slot: Option<interview_slot::Model>,
    pub themes: Vec<Uuid>,
}

/// Every business: those with a booked time first, soonest first, then the
/// rest in the order they registered.
pub async fn overview(db: &impl ConnectionTrait) -> Result<Vec<Listed>, AppError> {
    let businesses = business::Entity::find()
        .order_by_asc(business::Column::CreatedAt)
        .order_by_asc(business::Column::Id)
        .all(db)
        .await?;
    let mut slots: HashMap<Uuid, interview_slot::Model> = interview_slot::Entity::find()
        .filter(interview_slot::Column::BusinessId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|slot| slot.business_id.map(|id| (id, slot)))
        .collect();
    let mut themes: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for row in business_theme::Entity::find()
        .order_by_asc(business_theme::Column::ThemeId)
        .all(db)
        .await?
    {
        themes
            .entry(row.business_id)
            .or_default()
            .push(row.theme_id);
    }
    let mut listed: Vec<Listed> = businesses
        .into_iter()
        .map(|business| Listed {
            slot: slots.remove(&business.id),
            themes: themes.remove(&business.id).unwrap_or_default(),
            business,
        })
        .collect();
    // Stable: businesses without a time keep their registration order.
    listed.sort_by_key(|row| match &row.slot {
        Some(slot) => (0, Some(slot.starts_at)),
        None => (1, None),
    });
    Ok(listed)
}
