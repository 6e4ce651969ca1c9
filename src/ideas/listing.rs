//! Published ideas for the public: a filtered, sorted page of them and one
//! idea with what was merged into it. No HTTP here; the public pages and the
//! API both read through these functions.
//!
//! A page costs three queries whatever its size: the ideas (only the columns
//! shown, the body cut short in SQL), their count, and the themes of the
//! ideas on the page.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::input::{self, Channel, Status};
use crate::entities::{input_theme, theme};
use crate::error::AppError;
use crate::inputs::StakeholderGroup;
use crate::inputs::tags::{self, PUBLIC_ORIGINS, ThemeTag};

/// Characters of the body a summary shows.
pub const EXCERPT_CHARS: usize = 200;
/// The most ideas one page may hold, whatever a caller asks for.
pub const MAX_PER_PAGE: u64 = 100;
/// The highest page number honoured; beyond it a request gets this page.
pub const MAX_PAGE: u64 = 100_000;
/// Search words beyond this many are ignored.
const MAX_SEARCH_WORDS: usize = 8;

/// The order of a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Sort {
    /// Latest published first.
    #[default]
    Newest,
    /// Most supports first; among equals, the newest.
    MostSupported,
}

impl Sort {
    pub const ALL: [Sort; 2] = [Sort::Newest, Sort::MostSupported];

    /// The code used in URLs (`sort=`).
    pub fn code(self) -> &'static str {
        match self {
            Sort::Newest => "nyeste",
            Sort::MostSupported => "mest-stottet",
        }
    }

    pub fn parse(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.code() == code)
    }
}

/// Which published ideas to list, and which page of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListFilter {
    /// Only ideas tagged with the theme of this slug (manual or confirmed tags).
    pub theme: Option<String>,
    pub group: Option<StakeholderGroup>,
    /// Words that must each appear in the title or the body, in any case.
    pub query: Option<String>,
    pub sort: Sort,
    /// 1-based; 0 counts as 1.
    pub page: u64,
    /// Clamped to 1..=`MAX_PER_PAGE`.
    pub per_page: u64,
}

impl Default for ListFilter {
    fn default() -> Self {
        Self {
            theme: None,
            group: None,
            query: None,
            sort: Sort::Newest,
            page: 1,
            per_page: 20,
        }
    }
}

impl ListFilter {
    /// The page asked for, from 1 to `MAX_PAGE`: an offset past that would
    /// not fit the database's 64-bit integers and shows nothing anyway.
    pub fn page(&self) -> u64 {
        self.page.clamp(1, MAX_PAGE)
    }

    pub fn per_page(&self) -> u64 {
        self.per_page.clamp(1, MAX_PER_PAGE)
    }

    /// The number of pages `total` ideas fill (at least one).
    pub fn page_count(&self, total: u64) -> u64 {
        std::cmp::max(total.div_ceil(self.per_page()), 1)
    }
}

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

/// A page of published ideas matching `filter`, and how many match in all.
pub async fn published(
    db: &impl ConnectionTrait,
    filter: &ListFilter,
) -> Result<(Vec<IdeaSummary>, u64), AppError> {
    let condition = list_condition(filter);
    let per_page = filter.per_page();
    let offset = (filter.page() - 1).saturating_mul(per_page);

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
        .filter(condition.clone());
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
        .filter(condition)
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
    Ok((ideas, u64::try_from(total).unwrap_or(0)))
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
        group: StakeholderGroup::from_stored(&row.stakeholder_group),
        location: row.location,
        published_at: row.published_at.unwrap_or(row.created_at),
        support_count: count(row.support_count),
        themes,
        merged_into_id,
        originals,
    }))
}

/// Published ideas only, then the filter's theme, group and search words.
fn list_condition(filter: &ListFilter) -> Condition {
    filter_condition(filter, Scope::Public)
}

/// Whose view a filter is applied for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Published ideas; themes only as people set or confirmed them, on active themes.
    Public,
    /// Staff: ideas in the given state (or any), and every tag, suggestions included.
    Staff(Option<Status>),
}

/// The WHERE condition for `filter` (group, theme, words) in `scope`, so the
/// public list and the staff API search the same way.
pub fn filter_condition(filter: &ListFilter, scope: Scope) -> Condition {
    let mut condition = Condition::all().add(input::Column::Channel.eq(Channel::Idea));
    match scope {
        Scope::Public => condition = condition.add(input::Column::Status.eq(Status::Published)),
        Scope::Staff(Some(status)) => condition = condition.add(input::Column::Status.eq(status)),
        Scope::Staff(None) => {}
    }
    if let Some(group) = filter.group {
        condition = condition.add(input::Column::StakeholderGroup.eq(group.code()));
    }
    if let Some(slug) = filter.theme.as_deref().filter(|slug| !slug.is_empty()) {
        let mut tagged = Query::select()
            .column((input_theme::Entity, input_theme::Column::InputId))
            .from(input_theme::Entity)
            .inner_join(
                theme::Entity,
                Expr::col((theme::Entity, theme::Column::Id))
                    .equals((input_theme::Entity, input_theme::Column::ThemeId)),
            )
            .and_where(theme::Column::Slug.eq(slug))
            .to_owned();
        if scope == Scope::Public {
            tagged
                .and_where(theme::Column::Active.eq(true))
                .and_where(input_theme::Column::Origin.is_in(PUBLIC_ORIGINS));
        }
        condition = condition.add(input::Column::Id.in_subquery(tagged));
    }
    for word in search_words(filter.query.as_deref().unwrap_or_default()) {
        let pattern = format!("%{}%", escape_like(&word));
        condition = condition.add(
            Condition::any()
                .add(folded(input::Column::Title).like(LikeExpr::new(pattern.clone()).escape('!')))
                .add(folded(input::Column::Body).like(LikeExpr::new(pattern).escape('!'))),
        );
    }
    condition
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

/// The column in lower case. SQLite's LOWER only knows ASCII, so the
/// Norwegian capitals, and the accented ones Norwegian text borrows (IDÉ,
/// Sámi and German names), are folded first; the query words are
/// lower-cased in Rust to match.
pub fn folded(column: input::Column) -> SimpleExpr {
    let mut expr: SimpleExpr = Expr::col((input::Entity, column));
    for (upper, lower) in [
        ("Æ", "æ"),
        ("Ø", "ø"),
        ("Å", "å"),
        ("É", "é"),
        ("È", "è"),
        ("Á", "á"),
        ("Ä", "ä"),
        ("Ö", "ö"),
        ("Ü", "ü"),
    ] {
        expr = Func::cust("REPLACE")
            .args([expr, Expr::val(upper), Expr::val(lower)])
            .into();
    }
    Func::lower(expr).into()
}

/// The search text as lower-case words.
fn search_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .take(MAX_SEARCH_WORDS)
        .map(str::to_lowercase)
        .collect()
}

/// Makes `%`, `_` and the escape character itself match literally; use
/// with `LikeExpr::escape('!')`.
pub fn escape_like(word: &str) -> String {
    let mut escaped = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c, '!' | '%' | '_') {
            escaped.push('!');
        }
        escaped.push(c);
    }
    escaped
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

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("50%_!"), "50!%!_!!");
    }

    #[test]
    fn search_words_are_lower_case() {
        assert_eq!(search_words("  Ørret  KAFÉ "), vec!["ørret", "kafé"]);
    }

    #[test]
    fn sort_codes_round_trip() {
        for sort in Sort::ALL {
            assert_eq!(Sort::parse(sort.code()), Some(sort));
        }
        assert_eq!(Sort::parse("tilfeldig"), None);
    }

    #[test]
    fn page_count_is_at_least_one() {
        let filter = ListFilter {
            per_page: 10,
            ..ListFilter::default()
        };
        assert_eq!(filter.page_count(0), 1);
        assert_eq!(filter.page_count(10), 1);
        assert_eq!(filter.page_count(11), 2);
    }
}
