//! Which ideas a list shows: the filter (theme, group, search words), the
//! order and the page, and the one WHERE condition that the public list and
//! the staff API both search with.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, DbBackend};
use serde::Serialize;

use crate::entities::input::{self, Channel, Status};
use crate::entities::{input_theme, theme};
use crate::inputs::StakeholderGroup;
use crate::inputs::search::{self, SearchTerms};
use crate::inputs::tags::PUBLIC_ORIGINS;
use crate::web::paging::PageRequest;

/// Characters of the body a summary shows.
pub const EXCERPT_CHARS: usize = 200;

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
    /// Words that must each appear in the title or the body, in any
    /// inflected form (matched by stem, see `inputs::search`).
    pub query: Option<String>,
    pub sort: Sort,
    pub page: PageRequest,
}

impl Default for ListFilter {
    fn default() -> Self {
        Self {
            theme: None,
            group: None,
            query: None,
            sort: Sort::Newest,
            page: PageRequest::first(20),
        }
    }
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
/// public list and the staff API search the same way. The words are matched
/// through the full-text index (see `inputs::search`); a ranked list adds
/// its relevance order with `search::ranked` instead.
pub fn filter_condition(backend: DbBackend, filter: &ListFilter, scope: Scope) -> Condition {
    let mut condition = base_condition(filter, scope);
    if let Some(terms) = search_terms(filter) {
        condition = condition.add(search::condition(backend, &terms));
    }
    condition
}

/// The condition for everything but the search words.
pub fn base_condition(filter: &ListFilter, scope: Scope) -> Condition {
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
    condition
}

/// The filter's search as terms, when it has a search.
pub fn search_terms(filter: &ListFilter) -> Option<SearchTerms> {
    filter
        .query
        .as_deref()
        .filter(|query| !query.trim().is_empty())
        .map(SearchTerms::parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_codes_round_trip() {
        for sort in Sort::ALL {
            assert_eq!(Sort::parse(sort.code()), Some(sort));
        }
        assert_eq!(Sort::parse("tilfeldig"), None);
    }
}
