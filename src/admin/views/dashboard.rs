//! The dashboard page.

use maud::{Markup, html};

use crate::admin::service::InputCounts;
use crate::entities::user;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};

pub fn dashboard(ctx: &PageContext, me: &user::Model, counts: &InputCounts) -> Markup {
    let title = ctx.t("dashboard.title");
    admin_page(
        ctx,
        me,
        title,
        Section::Dashboard,
        html! {
            h1.ds-heading data-size="md" { (title) }
            p.ds-paragraph data-size="lg" { (ctx.tr("dashboard.total", &[("count", &counts.total.to_string())])) }
            div.columns {
                section aria-labelledby="by-channel" {
                    h2.ds-heading data-size="sm" #by-channel { (ctx.t("dashboard.by_channel")) }
                    div.table-wrap {
                        table.ds-table data-border aria-labelledby="by-channel" {
                            thead { tr {
                                th scope="col" { (ctx.t("dashboard.channel")) }
                                th.num scope="col" { (ctx.t("dashboard.inputs")) }
                            } }
                            tbody {
                                @for (channel, count) in &counts.by_channel {
                                    tr {
                                        th scope="row" { (ctx.t(&format!("channel.{}", channel_key(*channel)))) }
                                        td.num { (count) }
                                    }
                                }
                            }
                        }
                    }
                }
                section aria-labelledby="by-theme" {
                    h2.ds-heading data-size="sm" #by-theme { (ctx.t("dashboard.by_theme")) }
                    @if counts.by_theme.is_empty() {
                        div.ds-alert data-color="info" {
                            p.ds-paragraph {
                                (ctx.t("dashboard.no_themes")) " "
                                a.ds-link href="/admin/temaer" { (ctx.t("admin.nav_themes")) }
                            }
                        }
                    } @else {
                        div.table-wrap {
                            table.ds-table data-border aria-labelledby="by-theme" {
                                thead { tr {
                                    th scope="col" { (ctx.t("dashboard.theme")) }
                                    th.num scope="col" { (ctx.t("dashboard.inputs")) }
                                } }
                                tbody {
                                    @for (theme, count) in &counts.by_theme {
                                        tr {
                                            th scope="row" { (theme_name(ctx, theme)) }
                                            td.num { (count) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn channel_key(channel: crate::entities::input::Channel) -> &'static str {
    use crate::entities::input::Channel;
    match channel {
        Channel::Idea => "idea",
        Channel::Survey => "survey",
        Channel::Workshop => "workshop",
        Channel::Meeting => "meeting",
        Channel::Interview => "interview",
    }
}

fn theme_name<'a>(ctx: &PageContext, theme: &'a crate::entities::theme::Model) -> &'a str {
    match ctx.lang {
        crate::web::Lang::Nb => &theme.name_nb,
        crate::web::Lang::Nn => &theme.name_nn,
        crate::web::Lang::En => &theme.name_en,
    }
}
