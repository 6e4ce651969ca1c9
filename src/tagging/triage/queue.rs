//! The triage queue: live inputs (pending or published) that carry a
//! suggestion or no tag at all, oldest first, with the filters facilitators
//! narrow it by and the counts the filter menus show.

use std::collections::HashMap;

use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, RelationTrait,
};
use uuid::Uuid;

use crate::entities::input::{self, Channel};
use crate::entities::input_theme::{self, Origin};
use crate::error::AppError;
use crate::inputs::tags::{self, Tag};
use crate::web::paging::{self, Page, PageRequest};

/// Inputs on one page of the queue.
pub const PER_PAGE: u64 = 20;

use crate::inputs::LIVE;

/// What narrows the queue. With a theme, the input needs a suggestion on
/// that theme; with a minimum, a suggestion at or above it (on that theme,
/// when one is chosen; else its best suggestion). `untagged` shows the
/// inputs with no tag at all instead (theme and minimum do not apply):
/// a view of its own, because finding them reads every input, while the
/// suggestions are found through an index however many inputs there are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub untagged: bool,
    pub channel: Option<Channel>,
    pub theme: Option<Uuid>,
    /// In [0, 1].
    pub min_confidence: Option<f64>,
}

/// One input as triage shows it, with every tag it has.
#[derive(Clone, Debug)]
pub struct Item {
    pub input: input::Model,
    /// Tags people set or confirmed, in the facilitators' order of themes.
    pub people: Vec<Tag>,
    /// The tagger's suggestions, best first.
    pub suggestions: Vec<Tag>,
}

/// How many inputs wait in the whole queue, by channel and by suggested theme.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub by_channel: Vec<(Channel, u64)>,
    pub by_theme: HashMap<Uuid, u64>,
}

/// The ids of the inputs matching `filters`, as a subquery.
pub fn matching(filters: &Filters) -> SelectStatement {
    input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .filter(condition(filters))
        .into_query()
}

fn suggested_inputs(theme: Option<Uuid>, min: Option<f64>) -> SelectStatement {
    let mut query = Query::select();
    query
        .column(input_theme::Column::InputId)
        .from(input_theme::Entity)
        .and_where(input_theme::Column::Origin.eq(Origin::Suggested));
    if let Some(theme) = theme {
        query.and_where(input_theme::Column::ThemeId.eq(theme));
    }
    if let Some(min) = min {
        query.and_where(input_theme::Column::Confidence.gte(min));
    }
    query.to_owned()
}

fn condition(filters: &Filters) -> Condition {
    let mut all = Condition::all().add(input::Column::Status.is_in(LIVE));
    if let Some(channel) = filters.channel {
        all = all.add(input::Column::Channel.eq(channel));
    }
    if filters.untagged {
        let any_tag = Query::select()
            .column(input_theme::Column::InputId)
            .from(input_theme::Entity)
            .to_owned();
        all.add(input::Column::Id.not_in_subquery(any_tag))
    } else {
        all.add(
            input::Column::Id.in_subquery(suggested_inputs(filters.theme, filters.min_confidence)),
        )
    }
}

/// A page of the queue, oldest first so nothing waits forever.
pub async fn page(
    db: &impl ConnectionTrait,
    filters: &Filters,
    request: PageRequest,
) -> Result<Page<Item>, AppError> {
    let query = input::Entity::find()
        .filter(condition(filters))
        .order_by_asc(input::Column::CreatedAt)
        .order_by_asc(input::Column::Id);
    let inputs = paging::fetch(db, query, request).await?;
    let ids: Vec<Uuid> = inputs.items.iter().map(|input| input.id).collect();
    let mut tags = tags::tags_of(db, &ids).await?;
    Ok(inputs.map(|input| {
        let (mut suggestions, people): (Vec<Tag>, Vec<Tag>) = tags
            .remove(&input.id)
            .unwrap_or_default()
            .into_iter()
            .partition(|tag| tag.origin == Origin::Suggested);
        // Stable, so equal confidences keep the facilitators' theme order.
        suggestions.sort_by(|a, b| {
            b.confidence
                .unwrap_or_default()
                .total_cmp(&a.confidence.unwrap_or_default())
        });
        Item {
            input,
            people,
            suggestions,
        }
    }))
}

/// How many suggestions the inputs matching `filters` carry at or above
/// `min_confidence`: what a bulk confirmation would confirm.
pub async fn suggestions_at_least(
    db: &impl ConnectionTrait,
    filters: &Filters,
    min_confidence: f64,
) -> Result<u64, AppError> {
    let count = input_theme::Entity::find()
        .select_only()
        .column_as(input_theme::Column::InputId.count(), "count")
        .filter(input_theme::Column::InputId.in_subquery(matching(filters)))
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .filter(input_theme::Column::Confidence.gte(min_confidence))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or_default();
    Ok(u64::try_from(count).unwrap_or_default())
}

/// The whole queue's size by channel, and how many live inputs carry a
/// suggestion on each theme, for the filter menus.
pub async fn counts(db: &impl ConnectionTrait) -> Result<Counts, AppError> {
    let by_channel: Vec<(Channel, i64)> = input::Entity::find()
        .select_only()
        .column(input::Column::Channel)
        .column_as(input::Column::Id.count(), "count")
        .filter(condition(&Filters::default()))
        .group_by(input::Column::Channel)
        .into_tuple()
        .all(db)
        .await?;
    let by_theme: Vec<(Uuid, i64)> = input_theme::Entity::find()
        .select_only()
        .column(input_theme::Column::ThemeId)
        .column_as(input_theme::Column::InputId.count(), "count")
        .join(JoinType::InnerJoin, input_theme::Relation::Input.def())
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .filter(input::Column::Status.is_in(LIVE))
        .group_by(input_theme::Column::ThemeId)
        .into_tuple()
        .all(db)
        .await?;
    let count = |n: i64| u64::try_from(n).unwrap_or_default();
    Ok(Counts {
        by_channel: by_channel
            .into_iter()
            .map(|(channel, n)| (channel, count(n)))
            .collect(),
        by_theme: by_theme
            .into_iter()
            .map(|(theme, n)| (theme, count(n)))
            .collect(),
    })
}
