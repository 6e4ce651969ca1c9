//! The staff page: scores with their intervals and counts, the totals,
//! the proposals waiting, and the link to every vote as CSV.

use maud::{Markup, html};

use crate::entities::{pairwise_option, user};
use crate::priorities::pairwise::routes::admin::PATH;
use crate::priorities::pairwise::service::scores::PairwiseScores;
use crate::web::admin_shell::{Section, admin_page as shell};
use crate::web::components::{Precision, time};
use crate::web::forms::notice;
use crate::web::{PageContext, csrf};

pub struct AdminPage<'a> {
    pub scores: &'a PairwiseScores,
    pub waiting: &'a [pairwise_option::Model],
    pub flash: Option<&'a str>,
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

fn t(ctx: &PageContext, key: &str) -> &'static str {
    ctx.t(&format!("pairwise.admin.{key}"))
}

pub fn admin_page(ctx: &PageContext, me: &user::Model, page: &AdminPage) -> Markup {
    let title = t(ctx, "title");
    shell(
        ctx,
        me,
        title,
        Section::Priorities,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(page.flash))
                p.ds-paragraph { (t(ctx, "lead")) }
                p.ds-paragraph { a.ds-link href="/parvis" { (t(ctx, "public_link")) } }
                dl.facts {
                    div { dt { (t(ctx, "votes")) } dd #votes { (page.scores.votes) } }
                    div { dt { (t(ctx, "skips")) } dd #skips { (page.scores.skips) } }
                    div { dt { (t(ctx, "streams")) } dd #streams { (page.scores.streams) } }
                }
                (score_table(ctx, page.scores))
                p.ds-paragraph { a.ds-link href={ (PATH) "/stemmer.csv" } download { (t(ctx, "export")) } }
                (waiting(ctx, me, page.waiting))
            }
        },
    )
}

fn score_table(ctx: &PageContext, scores: &PairwiseScores) -> Markup {
    html! {
        @if scores.options.is_empty() {
            div.ds-alert data-color="info" { (t(ctx, "none")) }
        } @else {
            div.table-wrap role="region" aria-labelledby="scores-caption" tabindex="0" {
                table.ds-table data-border #scores {
                    caption #scores-caption { (t(ctx, "caption")) }
                    thead { tr {
                        th scope="col" { (t(ctx, "option")) }
                        th.num scope="col" { (t(ctx, "score")) }
                        th.num scope="col" { (t(ctx, "interval")) }
                        th.num scope="col" { (t(ctx, "wins")) }
                        th.num scope="col" { (t(ctx, "losses")) }
                        th.num scope="col" { (t(ctx, "skipped")) }
                        th.num scope="col" { (t(ctx, "comparisons")) }
                    } }
                    tbody {
                        @for option in &scores.options {
                            tr {
                                th.user-text scope="row" {
                                    (option.label)
                                    @if option.theme_id.is_none() {
                                        " (" (t(ctx, "proposal_tag")) ")"
                                    }
                                }
                                td.num { (percent(option.score)) }
                                td.num { (percent(option.low)) "–" (percent(option.high)) }
                                td.num { (option.wins) }
                                td.num { (option.losses) }
                                td.num { (option.skips) }
                                td.num { (option.wins + option.losses) }
                            }
                        }
                    }
                }
            }
            p.ds-paragraph { (t(ctx, "prior_note")) }
        }
    }
}

fn waiting(ctx: &PageContext, me: &user::Model, waiting: &[pairwise_option::Model]) -> Markup {
    let editor = me.role.can_edit();
    html! {
        section.stack aria-labelledby="waiting-heading" {
            h2.ds-heading data-size="sm" #waiting-heading { (t(ctx, "waiting_heading")) }
            @if waiting.is_empty() {
                p.ds-paragraph { (t(ctx, "waiting_none")) }
            } @else {
                div.table-wrap role="region" aria-labelledby="waiting-caption" tabindex="0" {
                    table.ds-table data-border #waiting {
                        caption #waiting-caption { (t(ctx, "waiting_caption")) }
                        thead { tr {
                            th scope="col" { (t(ctx, "option")) }
                            th scope="col" { (t(ctx, "proposed_at")) }
                            @if editor { th scope="col" { (t(ctx, "actions")) } }
                        } }
                        tbody {
                            @for option in waiting {
                                @let label = option.label.as_deref().unwrap_or("");
                                tr {
                                    th.user-text scope="row" { (label) }
                                    td { (time(ctx.lang, option.created_at, Precision::Minute)) }
                                    @if editor {
                                        td {
                                            form.cluster method="post" action={ (PATH) "/forslag/" (option.id) } {
                                                (csrf::field(&ctx.csrf_token()))
                                                button.ds-button type="submit" name="decision" value="approve"
                                                    data-variant="primary" data-size="sm"
                                                    aria-label={ (t(ctx, "approve")) ": " (label) } { (t(ctx, "approve")) }
                                                button.ds-button type="submit" name="decision" value="reject"
                                                    data-variant="secondary" data-size="sm"
                                                    aria-label={ (t(ctx, "reject")) ": " (label) } { (t(ctx, "reject")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
