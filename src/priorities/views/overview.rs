//! `/admin/prioritering`: participation and the evidence per theme.

use maud::{Markup, html};

use super::{evidence, subnav, t};
use crate::entities::user;
use crate::priorities::evidence::Evidence;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};

pub fn page(ctx: &PageContext, me: &user::Model, ev: &Evidence) -> Markup {
    let lang = ctx.lang;
    let title = t(lang, "heading");
    admin_page(
        ctx,
        me,
        title,
        Section::Priorities,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                (subnav(lang, "/admin/prioritering"))
                p.ds-paragraph { (t(lang, "intro")) }
                section.stack aria-labelledby="participation" {
                    h2.ds-heading data-size="sm" id="participation" { (t(lang, "participation")) }
                    (evidence::participation(lang, &ev.participation))
                }
                section.stack aria-labelledby="evidence-heading" {
                    h2.ds-heading data-size="sm" id="evidence-heading" { (t(lang, "evidence")) }
                    (evidence::table(lang, ev))
                    @for e in &ev.themes {
                        details.ds-details {
                            summary { (e.theme.name) " (" (e.inputs) ")" }
                            div.stack { (evidence::theme_details(lang, e, 3, false)) }
                        }
                    }
                }
            }
        },
    )
}
