//! What a search looks for and the SQL that finds it: an FTS5 MATCH on
//! SQLite, a tsquery against the stored tsvector on PostgreSQL. Every term
//! is a stem matched as a prefix (so `bygd` also finds `bygdeutvikling`),
//! and all terms must match. Terms hold only letters and digits, so nothing
//! a user types can reach the query syntax (quotes, AND/OR/NEAR, `*`).

use sea_orm::DbBackend;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, IntoIden, Query, SelectStatement, SimpleExpr};

use super::text::query_stems;
use crate::entities::input;

/// Search words beyond this many are ignored.
const MAX_TERMS: usize = 8;
const FTS_TABLE: &str = "inputs_fts";
/// The alias of the ranked matches joined to `inputs` on SQLite.
const MATCHES: &str = "search_matches";

/// The stems a search looks for. Empty when the text had no word worth
/// searching for (only punctuation or common words): then nothing matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchTerms(Vec<String>);

impl SearchTerms {
    pub fn parse(query: &str) -> Self {
        Self(query_stems(query, MAX_TERMS))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// FTS5: `search_text : "stem"* AND ...`, each stem quoted.
    fn fts5(&self) -> String {
        self.0
            .iter()
            .map(|stem| format!("search_text : \"{stem}\"*"))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// PostgreSQL: `'stem':* & ...`.
    fn tsquery(&self) -> String {
        self.0
            .iter()
            .map(|stem| format!("'{stem}':*"))
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

// Placeholders in the custom SQL below are the backend's own: `$1` for
// PostgreSQL, `?` for SQLite; sea-query passes the other kind through as text.

/// The condition "inputs.id matches `terms`", for counts and unranked lists.
pub fn condition(backend: DbBackend, terms: &SearchTerms) -> SimpleExpr {
    if terms.is_empty() {
        return Expr::val(1).eq(0);
    }
    match backend {
        DbBackend::Postgres => Expr::cust_with_values(
            "\"inputs\".\"search_vector\" @@ to_tsquery('simple', $1)",
            [terms.tsquery()],
        ),
        _ => Expr::col((input::Entity, input::Column::Id)).in_subquery(
            Query::select()
                .column(Alias::new("input_id"))
                .from(Alias::new(FTS_TABLE))
                .and_where(fts_match(terms))
                .to_owned(),
        ),
    }
}

/// How a ranked search was added to a select: order by `order` ascending
/// (best first), then newest.
pub struct Ranked {
    pub order: SimpleExpr,
}

/// Restricts `select` (over `inputs`) to inputs matching `terms` and returns
/// the relevance to order by: bm25 on SQLite (lower is better), minus
/// ts_rank on PostgreSQL, so ascending is best first on both.
pub fn ranked(backend: DbBackend, select: &mut SelectStatement, terms: &SearchTerms) -> Ranked {
    match backend {
        DbBackend::Postgres => {
            select.and_where(condition(backend, terms));
            Ranked {
                order: Expr::cust_with_values(
                    "-ts_rank(\"inputs\".\"search_vector\", to_tsquery('simple', $1))",
                    [terms.tsquery()],
                ),
            }
        }
        _ => {
            if terms.is_empty() {
                select.and_where(Expr::val(1).eq(0));
                return Ranked {
                    order: Expr::val(0),
                };
            }
            // The matches with their rank, joined by id: one FTS5 lookup,
            // then each match read by primary key.
            let matches = Query::select()
                .column(Alias::new("input_id"))
                .expr_as(Expr::cust("bm25(inputs_fts)"), Alias::new("rank"))
                .from(Alias::new(FTS_TABLE))
                .and_where(fts_match(terms))
                .to_owned();
            select.join_subquery(
                sea_orm::JoinType::InnerJoin,
                matches,
                Alias::new(MATCHES).into_iden(),
                Expr::col((Alias::new(MATCHES), Alias::new("input_id")))
                    .equals((input::Entity, input::Column::Id)),
            );
            Ranked {
                order: Expr::col((Alias::new(MATCHES), Alias::new("rank"))),
            }
        }
    }
}

fn fts_match(terms: &SearchTerms) -> SimpleExpr {
    Expr::cust_with_values("inputs_fts MATCH ?", [terms.fts5()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_syntax_from_the_user_is_never_passed_on() {
        let terms = SearchTerms::parse("\"turister\" OR NEAR(fisk*)");
        assert_eq!(
            terms.fts5(),
            "search_text : \"turis\"* AND search_text : \"or\"* AND search_text : \"near\"* AND search_text : \"fisk\"*"
        );
        assert_eq!(terms.tsquery(), "'turis':* & 'or':* & 'near':* & 'fisk':*");
    }
}
