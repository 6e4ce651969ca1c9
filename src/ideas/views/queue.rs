//! Markup of the moderation queue: a tab per status with its count, and a
//! page of ideas.

use maud::{Markup, html};

use super::moderate::{
    QUEUE_PATH, detail_path, group_label, status_badge, status_label, title_of, when,
};
use crate::entities::input::Status;
use crate::entities::user;
use crate::inputs::queue::QueuePage;
use crate::inputs::{STATUSES, status_code};
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::pager::{PageLinks, pager};

/// The queue: a tab per status with its count, and a page of ideas.
pub fn queue(
    ctx: &PageContext,
    user: &user::Model,
    filter: Option<Status>,
    queue: &QueuePage,
) -> Markup {
    let title = ctx.t("ideas_admin.title");
    let filter_code = filter.map(status_code).unwrap_or("alle");
    let links = PageLinks::new(QUEUE_PATH).keep("status", filter_code);
    let list_label = match filter {
        Some(status) => status_label(ctx, status),
        None => ctx.t("ideas_admin.all"),
    };
    admin_page(
        ctx,
        user,
        title,
        Section::Ideas,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph { (ctx.t("ideas_admin.intro")) }
                nav aria-label=(ctx.t("ideas_admin.tabs_label")) {
                    ul.cluster.plain-list {
                        @for status in STATUSES {
                            li {
                                a.ds-link href={ (QUEUE_PATH) "?status=" (status_code(status)) }
                                    aria-current=[(filter == Some(status)).then_some("page")] {
                                    (status_label(ctx, status)) " (" (queue.counts.get(status)) ")"
                                }
                            }
                        }
                        li {
                            a.ds-link href={ (QUEUE_PATH) "?status=alle" }
                                aria-current=[filter.is_none().then_some("page")] {
                                (ctx.t("ideas_admin.all")) " (" (queue.counts.total()) ")"
                            }
                        }
                    }
                }
                @if queue.inputs.items.is_empty() {
                    div.ds-alert data-color="info" { (ctx.t("ideas_admin.empty")) }
                } @else {
                    // A region people can focus, so the table scrolls sideways by
                    // keyboard on a narrow screen.
                    div.table-wrap role="region" aria-labelledby="ideas-caption" tabindex="0" {
                        table.ds-table data-border {
                            caption #ideas-caption data-size="xs" {
                                (ctx.tr("ideas_admin.caption", &[("status", list_label), ("count", &queue.inputs.total().to_string())]))
                            }
                            thead { tr {
                                th scope="col" { (ctx.t("ideas_admin.col_title")) }
                                th scope="col" { (ctx.t("ideas_admin.col_received")) }
                                th scope="col" { (ctx.t("ideas_admin.col_group")) }
                                th.num scope="col" { (ctx.t("ideas_admin.col_supports")) }
                                th scope="col" { (ctx.t("ideas_admin.col_status")) }
                            } }
                            tbody {
                                @for idea in &queue.inputs.items {
                                    tr {
                                        th scope="row" { a.ds-link href=(detail_path(idea.id)) { (title_of(ctx, idea)) } }
                                        td { (when(ctx, &idea.created_at)) }
                                        td { (group_label(ctx, &idea.stakeholder_group)) }
                                        td.num { (idea.support_count) }
                                        td { (status_badge(ctx, idea.status)) }
                                    }
                                }
                            }
                        }
                    }
                }
                (pager(ctx.lang, ctx.t("ideas_admin.pages"), queue.inputs.page(), queue.inputs.pages(), |n| links.href(n)))
            }
        },
    )
}
