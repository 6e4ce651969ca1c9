//! The audit log page.

use maud::{Markup, html};

use crate::entities::{audit_log, user};
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};

pub fn audit_log(
    ctx: &PageContext,
    me: &user::Model,
    entries: &[(audit_log::Model, Option<user::Model>)],
    page: u64,
    pages: u64,
) -> Markup {
    let title = ctx.t("audit.title");
    admin_page(
        ctx,
        me,
        title,
        Section::Audit,
        html! {
            h1 { (title) }
            @if entries.is_empty() {
                p { (ctx.t("audit.empty")) }
            } @else {
                table.data {
                    thead { tr {
                        th scope="col" { (ctx.t("audit.when")) }
                        th scope="col" { (ctx.t("audit.who")) }
                        th scope="col" { (ctx.t("audit.action")) }
                        th scope="col" { (ctx.t("audit.record")) }
                        th scope="col" { (ctx.t("audit.details")) }
                    } }
                    tbody {
                        @for (entry, actor) in entries {
                            tr {
                                td { time datetime=(entry.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)) {
                                    (entry.created_at.format("%Y-%m-%d %H:%M:%S UTC"))
                                } }
                                td { @if let Some(actor) = actor { (actor.name) " (" (actor.email) ")" } @else { "–" } }
                                td { code { (entry.action) } }
                                td { (entry.entity_type.as_deref().unwrap_or("")) " " (entry.entity_id.as_deref().unwrap_or("")) }
                                td { (entry.details.as_deref().unwrap_or("")) }
                            }
                        }
                    }
                }
            }
            @if pages > 1 {
                nav.pager aria-label=(ctx.t("audit.pages")) {
                    @if page > 1 { a href={ "/admin/logg?side=" (page - 1) } rel="prev" { (ctx.t("audit.newer")) } }
                    span { (ctx.tr("audit.page_of", &[("page", &page.to_string()), ("pages", &pages.to_string())])) }
                    @if page < pages { a href={ "/admin/logg?side=" (page + 1) } rel="next" { (ctx.t("audit.older")) } }
                }
            }
        },
    )
}
