//! Which ideas a list shows: the filter (theme, group, search words), the
//! order and the page, and the one WHERE condition that the public list and
//! the staff API both search with.

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};
use serde::Serialize;

use crate::entities::input::{self, Channel, Status};
use crate::entities::{input_theme, theme};
use crate::inputs::StakeholderGroup;
use crate::inputs::tags::PUBLIC_ORIGINS;
use crate::web::paging::PageRequest;

/// Characters of the body a summary shows.
pub const EXCERPT_CHARS: usize = 200;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
