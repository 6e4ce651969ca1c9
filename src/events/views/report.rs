//! Markup of a workshop's printable results: the notes by theme with their
//! dot votes, the votes per theme, the tables' summaries, and how many took
//! part from each stakeholder group (counts, never names).

use maud::{Markup, html};

use crate::entities::{event, theme, user};
use crate::events::views::public::when;
use crate::events::views::results::{downloads, results_path, theme_name};
use crate::events::workshop::method_label_key;
use crate::events::workshop::results::{Results, ThemeGroup};
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::layout::paragraphs;

fn group_name(ctx: &PageContext, group: &ThemeGroup) -> String {
    group.theme.as_ref().map_or_else(
        || ctx.t("workshops.untagged").to_owned(),
        |theme| name_in(theme, ctx.lang).to_owned(),
    )
}

pub fn report(
    ctx: &PageContext,
    me: &user::Model,
    event: &event::Model,
    results: &Results,
    themes: &[theme::Model],
) -> Markup {
    let title = ctx.tr("workshops.report_title", &[("title", &event.title)]);
    admin_page(
        ctx,
        me,
        &title,
        Section::Events,
        html! {
            div.stack {
                p.ds-paragraph.no-print { a.ds-link href=(results_path(event.id)) { (ctx.t("workshops.back_to_results")) } }
                h1.ds-heading data-size="md" { (title) }
                dl.facts {
                    div { dt { (ctx.t("events.when")) } dd { (when(ctx, event)) } }
                    @if let Some(place) = &event.location {
                        div { dt { (ctx.t("events.where")) } dd.user-text { (place) } }
                    }
                    @if let Some(method) = results.method {
                        div { dt { (ctx.t("workshops.method_heading")) } dd { (ctx.t(&method_label_key(method))) } }
                    }
                    div { dt { (ctx.t("workshops.col_notes")) } dd { (results.notes.len()) } }
                    div { dt { (ctx.t("workshops.total_votes")) } dd { (results.total_votes) } }
                }
                p.ds-paragraph.no-print { (ctx.t("workshops.print_hint")) }
                (downloads(ctx, event.id))
                @if results.notes.is_empty() {
                    div.ds-alert data-color="info" { (ctx.t("workshops.no_notes")) }
                } @else {
                    (theme_totals(ctx, results))
                    (notes_by_theme(ctx, results))
                }
                (summaries(ctx, results, themes))
                (participants(ctx, results))
            }
        },
    )
}

fn theme_totals(ctx: &PageContext, results: &Results) -> Markup {
    html! {
        section.stack aria-labelledby="totals-heading" {
            h2.ds-heading data-size="sm" #totals-heading { (ctx.t("workshops.totals_heading")) }
            div.table-wrap role="region" aria-labelledby="totals-caption" tabindex="0" {
                table.ds-table data-border {
                    caption #totals-caption { (ctx.t("workshops.totals_caption")) }
                    thead { tr {
                        th scope="col" { (ctx.t("workshops.col_theme")) }
                        th.num scope="col" { (ctx.t("workshops.col_notes")) }
                        th.num scope="col" { (ctx.t("workshops.col_votes")) }
                    } }
                    tbody {
                        @for group in &results.by_theme {
                            tr {
                                th scope="row" { (group_name(ctx, group)) }
                                td.num { (group.notes.len()) }
                                td.num { (group.votes) }
                            }
                        }
                    }
                }
            }
            p.ds-paragraph data-size="sm" { (ctx.t("workshops.totals_note")) }
        }
    }
}

fn notes_by_theme(ctx: &PageContext, results: &Results) -> Markup {
    html! {
        section.stack aria-labelledby="by-theme-heading" {
            h2.ds-heading data-size="sm" #by-theme-heading { (ctx.t("workshops.by_theme_heading")) }
            @for (index, group) in results.by_theme.iter().enumerate() {
                @let name = group_name(ctx, group);
                @let caption = format!("theme-{index}-caption");
                div.table-wrap role="region" aria-labelledby=(caption) tabindex="0" {
                    table.ds-table.note-table data-border {
                        caption #(caption) {
                            (ctx.tr("workshops.theme_caption", &[
                                ("theme", &name),
                                ("count", &group.notes.len().to_string()),
                                ("votes", &group.votes.to_string()),
                            ]))
                        }
                        thead { tr {
                            th scope="col" { (ctx.t("workshops.col_note")) }
                            th scope="col" { (ctx.t("workshops.col_table")) }
                            th.num scope="col" { (ctx.t("workshops.col_votes")) }
                        } }
                        tbody {
                            @for note in &group.notes {
                                tr {
                                    td.user-text { (note.body) }
                                    td { (results.table(note.table_id).map_or("–", |table| table.name.as_str())) }
                                    td.num { (note.votes) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn summaries(ctx: &PageContext, results: &Results, themes: &[theme::Model]) -> Markup {
    html! {
        @if !results.tables.is_empty() {
            section.stack aria-labelledby="summaries-heading" {
                h2.ds-heading data-size="sm" #summaries-heading { (ctx.t("workshops.summaries_heading")) }
                @for table in &results.tables {
                    article.stack {
                        h3.ds-heading data-size="xs" { (table.name) }
                        dl.facts {
                            @if let Some(theme) = theme_name(ctx, themes, table.theme_id) {
                                div { dt { (ctx.t("workshops.table_theme")) } dd { (theme) } }
                            }
                            @if let Some(host) = &table.host {
                                div { dt { (ctx.t("workshops.host")) } dd.user-text { (host) } }
                            }
                        }
                        @match &table.summary {
                            Some(summary) => div.user-text { (paragraphs(summary)) },
                            None => p.ds-paragraph { (ctx.t("workshops.no_summary")) },
                        }
                    }
                }
            }
        }
    }
}

fn participants(ctx: &PageContext, results: &Results) -> Markup {
    let (signed_up, attended) = results.participants_total();
    html! {
        section.stack aria-labelledby="participants-heading" {
            h2.ds-heading data-size="sm" #participants-heading { (ctx.t("workshops.participants_heading")) }
            @if results.participants.is_empty() {
                p.ds-paragraph { (ctx.t("workshops.no_participants")) }
            } @else {
                div.table-wrap role="region" aria-labelledby="groups-caption" tabindex="0" {
                    table.ds-table data-border {
                        caption #groups-caption { (ctx.t("workshops.participants_caption")) }
                        thead { tr {
                            th scope="col" { (ctx.t("workshops.col_group")) }
                            th.num scope="col" { (ctx.t("workshops.col_signed_up")) }
                            th.num scope="col" { (ctx.t("workshops.col_attended")) }
                        } }
                        tbody {
                            @for count in &results.participants {
                                tr {
                                    th scope="row" { (ctx.t(&count.group.label_key())) }
                                    td.num { (count.signed_up) }
                                    td.num { (count.attended) }
                                }
                            }
                        }
                        tfoot {
                            tr {
                                th scope="row" { (ctx.t("workshops.total")) }
                                td.num { (signed_up) }
                                td.num { (attended) }
                            }
                        }
                    }
                }
            }
        }
    }
}
