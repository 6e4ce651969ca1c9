//! The audit log page.

use maud::{Markup, html};

use crate::audit::service::LoggedEntry;
use crate::entities::user;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::{PageLinks, Precision, pager, time};
use crate::web::paging::Page;

pub const PATH: &str = "/admin/logg";

pub fn audit_log(ctx: &PageContext, me: &user::Model, entries: &Page<LoggedEntry>) -> Markup {
    let title = ctx.t("audit.title");
    let links = PageLinks::new(PATH);
    admin_page(
        ctx,
        me,
        title,
        Section::Audit,
        html! {
            h1.ds-heading data-size="md" { (title) }
            @if entries.items.is_empty() {
                div.ds-alert data-color="info" { (ctx.t("audit.empty")) }
            } @else {
                // A region people can focus, so the table scrolls sideways by
                // keyboard on a narrow screen.
                div.table-wrap role="region" aria-labelledby="audit-caption" tabindex="0" {
                    table.ds-table data-border {
                        caption.ds-sr-only #audit-caption { (title) }
                        thead { tr {
                            th scope="col" { (ctx.t("audit.when")) }
                            th scope="col" { (ctx.t("audit.who")) }
                            th scope="col" { (ctx.t("audit.action")) }
                            th scope="col" { (ctx.t("audit.record")) }
                            th scope="col" { (ctx.t("audit.details")) }
                        } }
                        tbody {
                            @for LoggedEntry { entry, actor } in &entries.items {
                                tr {
                                    td { (time(ctx.lang, entry.created_at, Precision::Second)) }
                                    td { @if let Some(actor) = actor { (actor.name) " (" (actor.email) ")" } @else { "–" } }
                                    td { code { (entry.action) } }
                                    td { (entry.entity_type.as_deref().unwrap_or("")) " " (entry.entity_id.as_deref().unwrap_or("")) }
                                    td.user-text { (entry.details.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }
            }
            (pager(ctx.lang, ctx.t("audit.pages"), entries.page(), entries.pages(), |n| links.href(n)))
        },
    )
}
