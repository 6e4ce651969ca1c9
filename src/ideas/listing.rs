//! Published ideas for the public: a filtered, sorted page of them and one
//! idea with what was merged into it. No HTTP here; the public pages and the
//! API both read through these functions.
//!
//! A page costs three queries whatever its size: the ideas (only the columns
//! shown, the body cut short in SQL, read in index order), their count, and
//! the themes of the ideas on the page. The public list renders through a
//! page cache (`web::page_cache`), so these run once per change, not per
//! request.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, Order, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::input::{self, Channel, Status};
use crate::error::AppError;
pub use crate::ideas::filter::{
    EXCERPT_CHARS, ListFilter, Scope, Sort, base_condition, filter_condition, search_terms,
};
use crate::inputs::StakeholderGroup;
use crate::inputs::search;
use crate::inputs::tags::{self, Tag, ThemeTag};
use crate::web::paging::Page;

/// One idea in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IdeaSummary {
    pub id: Uuid,
    pub title: String,
    /// The start of the body, about `EXCERPT_CHARS` characters, whitespace
    /// collapsed; ends with "…" when cut.
    pub excerpt: String,
    pub group: StakeholderGroup,
    pub location: Option<String>,
    pub published_at: DateTime<Utc>,
    pub support_count: u32,
    /// Active themes, in the facilitators' order.
    pub themes: Vec<ThemeTag>,
}

/// An idea merged into another, as the one it went into lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IdeaRef {
    pub id: Uuid,
    pub title: String,
}

/// One idea for its own page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublicIdea {
    pub id: Uuid,
    pub title: String,
    pub body: String,
    /// The language it was written in (`nb`, `nn` or `en`).
    pub language: String,
    pub group: StakeholderGroup,
    pub location: Option<String>,
    pub published_at: DateTime<Utc>,
    pub support_count: u32,
    pub themes: Vec<ThemeTag>,
    /// Set when this idea was merged into another: callers send the reader
    /// there instead of showing it (themes and originals are then not loaded).
    pub merged_into_id: Option<Uuid>,
    /// Ideas that were merged into this one, oldest first.
    pub originals: Vec<IdeaRef>,
}

#[derive(FromQueryResult)]
struct SummaryRow {
    id: Uuid,
    title: Option<String>,
    excerpt: String,
    stakeholder_group: String,
    location: Option<String>,
    shown_at: DateTime<Utc>,
    support_count: i32,
}

/// A page of published ideas matching `filter`, with how many match in all.
/// A page past the end is empty (the page says so and links to the first).
/// With search words, the best matches come first (newest among equals).
pub async fn published(
    db: &impl ConnectionTrait,
    filter: &ListFilter,
) -> Result<Page<IdeaSummary>, AppError> {
    let backend = db.get_database_backend();
    let per_page = filter.page.per_page();
    let offset = filter.page.offset();

    let mut page = input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .column(input::Column::Title)
        .column_as(
            SimpleExpr::from(Func::cust("SUBSTR").args([
                Expr::col((input::Entity, input::Column::Body)),
                Expr::val(1_i32),
                // One more than shown, so a cut can be told from an exact fit.
                // `integer`, not `bigint`: PostgreSQL has no SUBSTR taking a bigint.
                Expr::val(i32::try_from(EXCERPT_CHARS + 1).unwrap_or(i32::MAX)),
            ])),
            "excerpt",
        )
        .column(input::Column::StakeholderGroup)
        .column(input::Column::Location)
        .column_as(shown_at(), "shown_at")
        .column(input::Column::SupportCount)
        .filter(base_condition(filter, Scope::Public));
    if let Some(terms) = search_terms(filter) {
        let ranked = search::ranked(backend, QueryTrait::query(&mut page), &terms);
        page = page.order_by(ranked.order, Order::Asc);
    }
    // The orders match the list indexes (channel, status, then these), so
    // a page is read from an index, not sorted.
    page = match filter.sort {
        Sort::Newest => page.order_by_desc(input::Column::PublishedAt),
        Sort::MostSupported => page
            .order_by_desc(input::Column::SupportCount)
            .order_by_desc(input::Column::PublishedAt),
    };
    let rows = page
        .order_by_desc(input::Column::Id)
        .limit(per_page)
        .offset(offset)
        .into_model::<SummaryRow>()
        .all(db)
        .await?;

    let total = input::Entity::find()
        .select_only()
        .column_as(Expr::col((input::Entity, input::Column::Id)).count(), "n")
        .filter(filter_condition(backend, filter, Scope::Public))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0);

    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let mut themes = tags::public_themes_of(db, &ids).await?;
    let ideas = rows
        .into_iter()
        .map(|row| IdeaSummary {
            id: row.id,
            title: row.title.unwrap_or_default(),
            excerpt: excerpt(&row.excerpt, EXCERPT_CHARS),
            group: StakeholderGroup::from_stored(&row.stakeholder_group),
            location: row.location,
            published_at: row.shown_at,
            support_count: count(row.support_count),
            themes: themes.remove(&row.id).unwrap_or_default(),
        })
        .collect();
    Ok(Page::new(
        ideas,
        filter.page,
        u64::try_from(total).unwrap_or(0),
    ))
}

/// The idea with `id` if the public may see it: published, or merged (then
/// with `merged_into_id` set, for a redirect). Anything else is None.
pub async fn published_one(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<PublicIdea>, AppError> {
    let Some(row) = input::Entity::find_by_id(id)
        .filter(input::Column::Channel.eq(Channel::Idea))
        .filter(input::Column::Status.is_in([Status::Published, Status::Merged]))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let merged_into_id = match row.status {
        Status::Merged => match row.merged_into_id {
            Some(target) => Some(target),
            // Merged into nothing: nowhere to send the reader.
            None => return Ok(None),
        },
        _ => None,
    };
    let (themes, originals) = if merged_into_id.is_some() {
        (Vec::new(), Vec::new())
    } else {
        (
            tags::public_themes_of(db, &[id])
                .await?
                .remove(&id)
                .unwrap_or_default(),
            originals_of(db, id).await?,
        )
    };
    Ok(Some(PublicIdea {
        id,
        title: row.title.unwrap_or_default(),
        body: row.body,
        language: row.language,
        group: StakeholderGroup::from_stored(&row.stakeholder_group),
        location: row.location,
        published_at: row.published_at.unwrap_or(row.created_at),
        support_count: count(row.support_count),
        themes,
        merged_into_id,
        originals,
    }))
}

/// When the idea went public; an idea published before the column existed
/// falls back to when it was sent.
fn shown_at() -> SimpleExpr {
    Func::coalesce([
        Expr::col((input::Entity, input::Column::PublishedAt)),
        Expr::col((input::Entity, input::Column::CreatedAt)),
    ])
    .into()
}

async fn originals_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<IdeaRef>, AppError> {
    Ok(input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .column(input::Column::Title)
        .filter(input::Column::MergedIntoId.eq(id))
        .filter(input::Column::Status.eq(Status::Merged))
        .filter(input::Column::Channel.eq(Channel::Idea))
        // Only titles that were public before: a merged duplicate that was
        // never approved, or was hidden, must not become public this way.
        .filter(input::Column::PublishedAt.is_not_null())
        .filter(input::Column::ModerationNote.is_null())
        .order_by_asc(input::Column::CreatedAt)
        .into_tuple::<(Uuid, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, title)| IdeaRef {
            id,
            title: title.unwrap_or_default(),
        })
        .collect())
}

/// The whole text and language of each of `ids`, for callers that show
/// more than a summary (the API).
pub async fn texts_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, (String, String)>, AppError> {
    Ok(input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .column(input::Column::Body)
        .column(input::Column::Language)
        .filter(input::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<(Uuid, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, body, language)| (id, (body, language)))
        .collect())
}

/// An idea as staff see it: the whole row (never its contact) and every tag.
#[derive(Clone, Debug)]
pub struct StaffIdea {
    pub idea: input::Model,
    pub tags: Vec<Tag>,
}

/// Every idea matching `filter` (and `status`, when given), latest sent
/// first or most supported first, and how many match. Tags of any origin
/// count for the theme filter: staff see suggestions too.
pub async fn staff_page(
    db: &impl ConnectionTrait,
    filter: &ListFilter,
    status: Option<Status>,
) -> Result<Page<StaffIdea>, AppError> {
    let condition = filter_condition(db.get_database_backend(), filter, Scope::Staff(status));
    let mut select = input::Entity::find().filter(condition);
    if filter.sort == Sort::MostSupported {
        select = select.order_by_desc(input::Column::SupportCount);
    }
    // Past the end is an empty page, as on the public list, not the last one.
    let paginator = select
        .order_by_desc(input::Column::CreatedAt)
        .order_by_desc(input::Column::Id)
        .paginate(db, filter.page.per_page());
    let total = paginator.num_items().await?;
    let rows = Page::new(
        paginator.fetch_page(filter.page.page() - 1).await?,
        filter.page,
        total,
    );
    let ids: Vec<Uuid> = rows.items.iter().map(|row| row.id).collect();
    let mut tags = tags::tags_of(db, &ids).await?;
    Ok(rows.map(|idea| StaffIdea {
        tags: tags.remove(&idea.id).unwrap_or_default(),
        idea,
    }))
}

/// One idea in any state, as staff see it.
pub async fn staff_one(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<StaffIdea>, AppError> {
    let Some(idea) = input::Entity::find_by_id(id)
        .filter(input::Column::Channel.eq(Channel::Idea))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(StaffIdea {
        tags: tags::tags_of_one(db, id).await?,
        idea,
    }))
}

fn count(value: i32) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

/// At most `limit` characters of `text` with whitespace collapsed, cut at a
/// word where one is near, with "…" when anything was left out.
pub fn excerpt(text: &str, limit: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let collapsed = words.join(" ");
    if collapsed.chars().count() <= limit && text.chars().count() <= limit {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(limit).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_keeps_short_text_and_cuts_long_text_at_a_word() {
        assert_eq!(excerpt("Kort  tekst\n\nher", 200), "Kort tekst her");
        let long = "ord ".repeat(100);
        let cut = excerpt(&long, 200);
        assert!(cut.ends_with("ord…"), "{cut}");
        assert!(cut.chars().count() <= 201);
    }

    #[test]
    fn excerpt_marks_a_body_cut_by_the_database() {
        let body = "a".repeat(201);
        let cut = excerpt(&body, 200);
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with('…'));
    }
}
