//! `/admin/prioritering/rapport`: the report as a printable page. Every part
//! starts a new printed page; the screen version adds the scenario picker,
//! the downloads and a print button.

use maud::{Markup, html};

use super::{channel_name, evidence, ranking, subnav, t};
use crate::entities::user;
use crate::priorities::assessment::Criterion;
use crate::priorities::ranking::result::METHOD_KEY;
use crate::priorities::ranking::scenario::Scenario;
use crate::priorities::report::Report;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::assets::asset_url;
use crate::web::components::charts::{decimal, percent};
use crate::web::components::{Precision, time};
use crate::web::{Lang, PageContext};

pub const PATH: &str = "/admin/prioritering/rapport";

pub struct ReportPage<'a> {
    pub report: &'a Report,
    pub scenario: &'a Scenario,
    pub scenarios: &'a [Scenario],
}

pub fn page(ctx: &PageContext, me: &user::Model, page: &ReportPage) -> Markup {
    let lang = ctx.lang;
    let report = page.report;
    let title = t(lang, "report_title");
    let query = if page.scenario.id.is_nil() {
        String::new()
    } else {
        format!("?scenario={}", page.scenario.id)
    };
    admin_page(
        ctx,
        me,
        title,
        Section::Priorities,
        html! {
            div.stack.report {
                div.no-print.stack {
                    (subnav(lang, PATH))
                    @if !page.scenarios.is_empty() {
                        form.cluster method="get" action=(PATH) {
                            div.ds-field {
                                label.ds-label for="scenario" { (t(lang, "scenario")) }
                                select.ds-input #scenario name="scenario" {
                                    @for s in page.scenarios {
                                        option value=(s.id) selected[s.id == page.scenario.id] { (s.name) }
                                    }
                                }
                            }
                            button.ds-button type="submit" data-variant="secondary" { (t(lang, "show")) }
                        }
                    }
                    div.cluster {
                        a.ds-link href={ (PATH) ".xlsx" (query) } download { (t(lang, "download_xlsx")) }
                        a.ds-link href={ (PATH) ".json" (query) } download { (t(lang, "download_json")) }
                        button.ds-button type="button" data-variant="primary" data-print hidden { (t(lang, "print")) }
                    }
                }
                header {
                    h1.ds-heading data-size="lg" { (title) }
                    p.ds-paragraph data-size="lg" { (report.programme) " – " (report.municipality) }
                    p.ds-paragraph {
                        (t(lang, "generated")) " " (time(lang, report.generated_at, Precision::Minute)) ". "
                        (lang.tr("priorities.report_scenario", &[("name", &page.scenario.name)]))
                    }
                }
                (summary(lang, report))
                section.stack.page-break aria-labelledby="r-participation" {
                    h2.ds-heading data-size="md" id="r-participation" { "1. " (t(lang, "participation")) }
                    (evidence::participation(lang, &report.evidence.participation))
                }
                section.stack.page-break aria-labelledby="r-evidence" {
                    h2.ds-heading data-size="md" id="r-evidence" { "2. " (t(lang, "evidence")) }
                    (evidence::table(lang, &report.evidence))
                    (pairwise(lang, report))
                    @for e in &report.evidence.themes {
                        section.stack.page-break aria-labelledby={ "r-theme-" (e.theme.slug) } {
                            h3.ds-heading data-size="sm" id={ "r-theme-" (e.theme.slug) } { (e.theme.name) }
                            (evidence::theme_details(lang, e, 3, true))
                            (assessed(lang, report, e.theme.id))
                        }
                    }
                }
                section.stack.page-break aria-labelledby="r-assessment" {
                    h2.ds-heading data-size="md" id="r-assessment" { "3. " (t(lang, "nav_assessment")) }
                    (assessment_table(lang, report))
                }
                @if let Some(r) = &report.ranking {
                    section.stack.page-break aria-labelledby="r-ranking" {
                        h2.ds-heading data-size="md" id="r-ranking" { "4. " (t(lang, "ranking")) }
                        p.ds-paragraph { (lang.t(METHOD_KEY)) }
                        (ranking::weights_table(lang, r))
                        (ranking::places_table(lang, r))
                    }
                    section.stack.page-break aria-labelledby="r-sensitivity" {
                        h2.ds-heading data-size="md" id="r-sensitivity" { "5. " (t(lang, "sensitivity")) }
                        (ranking::sensitivity(lang, r))
                    }
                }
                section.stack.page-break aria-labelledby="r-chosen" {
                    h2.ds-heading data-size="md" id="r-chosen" { "6. " (t(lang, "chosen_heading")) }
                    p.ds-paragraph { (t(lang, "measures_intro")) }
                    @for area in &report.chosen {
                        section.stack aria-labelledby={ "r-area-" (area.theme_id) } {
                            h3.ds-heading data-size="sm" id={ "r-area-" (area.theme_id) } { (area.place) ". " (area.name) }
                            @if area.measures.is_empty() {
                                p.ds-paragraph { (t(lang, "no_measures")) }
                            } @else {
                                ol {
                                    @for q in &area.measures {
                                        li {
                                            @if let Some(title) = &q.title { strong { (title) } " – " }
                                            (evidence::excerpt(&q.body, 400))
                                            " (" (channel_name(lang, &q.channel)) ", " (q.supports) " " (t(lang, "supports")) ")"
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                script src=(asset_url("print.js")) defer {}
            }
        },
    )
}

fn summary(lang: Lang, report: &Report) -> Markup {
    html! {
        section.stack aria-labelledby="r-summary" {
            h2.ds-heading data-size="md" id="r-summary" { (t(lang, "summary")) }
            p.ds-paragraph {
                (lang.tr("priorities.summary_text", &[
                    ("inputs", &report.evidence.participation.inputs.to_string()),
                    ("contributors", &report.evidence.participation.contributors.to_string()),
                    ("themes", &report.evidence.themes.len().to_string()),
                ]))
            }
            @if !report.chosen.is_empty() {
                p.ds-paragraph { (t(lang, "chosen_are")) }
                ol #chosen-areas {
                    @for area in &report.chosen {
                        li { (area.name) }
                    }
                }
            }
        }
    }
}

/// Mean ± sd and the range per criterion, one row per theme.
fn assessment_table(lang: Lang, report: &Report) -> Markup {
    let caption = t(lang, "assessment_caption");
    html! {
        @if report.assessment.is_empty() {
            p.ds-paragraph { (t(lang, "not_assessed")) }
        } @else {
            div.table-wrap role="region" tabindex="0" aria-label=(caption) {
                table.ds-table data-border #assessment {
                    caption { (caption) }
                    thead { tr {
                        th scope="col" { (t(lang, "theme")) }
                        th scope="col" { (t(lang, "assessors")) }
                        @for c in Criterion::ALL { th scope="col" { (lang.t(c.label_key())) } }
                    } }
                    tbody {
                        @for e in &report.evidence.themes {
                            @if let Some(a) = report.assessment.iter().find(|a| a.theme_id == e.theme.id) {
                                tr {
                                    th scope="row" { (e.theme.name) }
                                    td.num { (a.assessors) }
                                    @for c in &a.criteria {
                                        td.num {
                                            (decimal(lang, c.mean))
                                            @if let Some(sd) = c.sd { " ± " (decimal(lang, Some(sd))) }
                                            @if let (Some(lo), Some(hi)) = (c.min, c.max) { br; "(" (lo) "–" (hi) ")" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.ds-paragraph data-size="sm" { (t(lang, "assessment_note")) }
        }
    }
}

/// A theme's assessors and their reasons.
fn assessed(lang: Lang, report: &Report, theme_id: uuid::Uuid) -> Markup {
    let entries: Vec<_> = report
        .rationales
        .iter()
        .filter(|e| e.theme_id == theme_id)
        .collect();
    html! {
        @if !entries.is_empty() {
            h4.ds-heading data-size="2xs" { (t(lang, "rationales")) }
            ul.plain-list.stack {
                @for e in entries {
                    li {
                        p.ds-paragraph {
                            strong { (e.assessor) } " ("
                            @for (i, c) in Criterion::ALL.iter().enumerate() {
                                @if i > 0 { ", " }
                                (lang.t(c.label_key())) " " (e.scores[i])
                            }
                            "): " (e.rationale)
                        }
                    }
                }
            }
        }
    }
}

/// Every option of the pairwise survey, visitors' proposals included.
fn pairwise(lang: Lang, report: &Report) -> Markup {
    let p = &report.pairwise;
    let caption = t(lang, "pairwise_caption");
    html! {
        h3.ds-heading data-size="sm" { (t(lang, "nav_pairwise")) }
        p.ds-paragraph {
            (lang.tr("priorities.pairwise_summary", &[
                ("votes", &p.votes.to_string()),
                ("streams", &p.streams.to_string()),
                ("skips", &p.skips.to_string()),
            ]))
        }
        @if !p.options.is_empty() {
            div.table-wrap role="region" tabindex="0" aria-label=(caption) {
                table.ds-table data-border #pairwise {
                    caption { (caption) }
                    thead { tr {
                        th scope="col" { (t(lang, "option")) }
                        th scope="col" { (t(lang, "pairwise")) }
                        th scope="col" { (t(lang, "interval")) }
                        th scope="col" { (t(lang, "comparisons")) }
                    } }
                    tbody {
                        @for o in &p.options {
                            tr {
                                th scope="row" { (o.label) }
                                td.num { (percent(Some(o.score))) }
                                td.num { (percent(Some(o.low))) "–" (percent(Some(o.high))) }
                                td.num { (o.wins + o.losses) }
                            }
                        }
                    }
                }
            }
        }
    }
}
