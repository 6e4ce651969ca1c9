//! The results page: a summary, the group filter and cross-tabulation
//! form, responses over time, and each question's chart with its table.

use maud::{Markup, html};

use super::charts::{self, Bar, Stack, decimal, percent};
use crate::entities::user;
use crate::inputs::StakeholderGroup;
use crate::surveys::model::{OTHER, Survey};
use crate::surveys::results::{CrossTab, Outcome, QuestionResult, Results};
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::{Precision, time};
use crate::web::{Lang, PageContext};

/// The page's path for a survey.
pub fn results_path(id: uuid::Uuid) -> String {
    format!("/admin/undersokelser/{id}/resultater")
}

/// A stakeholder group's name; `None` is responses without one.
pub fn group_name(lang: Lang, group: Option<&str>) -> String {
    match group {
        Some(code) => match StakeholderGroup::parse(code) {
            Some(g) => lang.t(&g.label_key()).to_owned(),
            None => code.to_owned(),
        },
        None => lang.t("survey_results.no_group").to_owned(),
    }
}

pub struct ResultsPage<'a> {
    pub survey: &'a Survey,
    pub results: &'a Results,
    pub cross: Option<&'a CrossTab>,
}

pub fn results_page(ctx: &PageContext, me: &user::Model, page: &ResultsPage) -> Markup {
    let (survey, results) = (page.survey, page.results);
    let title = ctx.tr("survey_results.heading", &[("title", &survey.title)]);
    admin_page(
        ctx,
        me,
        &title,
        Section::Dashboard,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                (summary(ctx, results))
                (filter_form(ctx, page))
                p.ds-paragraph {
                    a.ds-link href=(format!("/admin/undersokelser/{}/eksport", survey.id)) { (ctx.t("survey_results.export")) }
                }
                @if let Some(cross) = page.cross { (cross_table(ctx, cross)) }
                section.stack aria-labelledby="over-time" {
                    h2.ds-heading data-size="sm" id="over-time" { (ctx.t("survey_results.over_time")) }
                    @let days: Vec<(String, u64)> = results.per_day.iter().map(|d| (d.day.to_string(), d.count)).collect();
                    (charts::time_chart("chart-days", ctx.t("survey_results.over_time"), &days,
                        [ctx.t("survey_results.day"), ctx.t("survey_results.count"), ctx.t("survey_results.table")]))
                }
                @for question in &results.questions { (question_section(ctx, question)) }
            }
        },
    )
}

fn summary(ctx: &PageContext, results: &Results) -> Markup {
    html! {
        @if let Some(group) = &results.group {
            div.ds-alert data-color="info" {
                (ctx.tr("survey_results.filtered", &[("group", &group_name(ctx.lang, Some(group)))]))
            }
        }
        dl.facts {
            dt { (ctx.t("survey_results.responses")) } dd { (results.responses) }
            @if let Some(at) = results.first_at { dt { (ctx.t("survey_results.first")) } dd { (time(ctx.lang, at, Precision::Minute)) } }
            @if let Some(at) = results.last_at { dt { (ctx.t("survey_results.last")) } dd { (time(ctx.lang, at, Precision::Minute)) } }
        }
        div.table-wrap {
            table.ds-table data-border {
                caption { (ctx.t("survey_results.by_group")) }
                thead { tr { th scope="col" { (ctx.t("survey_results.group")) } th scope="col" { (ctx.t("survey_results.count")) } } }
                tbody {
                    @for row in &results.by_group {
                        tr { th scope="row" { (group_name(ctx.lang, row.group.as_deref())) } td.num { (row.count) } }
                    }
                }
            }
        }
    }
}

fn filter_form(ctx: &PageContext, page: &ResultsPage) -> Markup {
    let chosen = page.results.group.as_deref();
    let crossed = page.cross.map(|c| c.code.as_str());
    html! {
        form.cluster method="get" action=(results_path(page.survey.id)) {
            div.ds-field {
                label.ds-label for="gruppe" { (ctx.t("survey_results.group")) }
                select.ds-input id="gruppe" name="gruppe" {
                    option value="" { (ctx.t("survey_results.all_groups")) }
                    @for group in StakeholderGroup::ALL {
                        option value=(group.code()) selected[chosen == Some(group.code())] { (ctx.t(&group.label_key())) }
                    }
                }
            }
            div.ds-field {
                label.ds-label for="krysstabell" { (ctx.t("survey_results.crosstab")) }
                select.ds-input id="krysstabell" name="krysstabell" {
                    option value="" { (ctx.t("survey_results.crosstab_none")) }
                    @for q in page.survey.questions().filter(|q| q.kind.has_choices()) {
                        option value=(q.code) selected[crossed == Some(q.code.as_str())] { (q.code) ". " (q.prompt) }
                    }
                }
            }
            div { button.ds-button type="submit" data-variant="secondary" { (ctx.t("survey_results.show")) } }
        }
    }
}

fn cross_table(ctx: &PageContext, cross: &CrossTab) -> Markup {
    html! {
        section.stack aria-labelledby="crosstab" {
            h2.ds-heading data-size="sm" id="crosstab" { (ctx.t("survey_results.crosstab")) ": " (cross.code) ". " (cross.prompt) }
            div.table-wrap {
                table.ds-table data-border id="crosstab-table" {
                    thead {
                        tr {
                            th scope="col" { (ctx.t("survey_results.group")) }
                            @for column in &cross.columns { th scope="col" { (option_label(ctx, &column.code, &column.label)) } }
                            th scope="col" { (ctx.t("survey_results.n")) }
                        }
                    }
                    tbody {
                        @for row in &cross.rows {
                            tr {
                                th scope="row" { (group_name(ctx.lang, row.group.as_deref())) }
                                @for (count, share) in row.counts.iter().zip(&row.shares) {
                                    td.num data-count=(count) { (count) " (" (percent(*share)) ")" }
                                }
                                td.num { (row.n) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn option_label<'a>(ctx: &PageContext, code: &str, label: &'a str) -> &'a str {
    if code == OTHER {
        ctx.t("survey_results.other")
    } else {
        label
    }
}

fn question_section(ctx: &PageContext, question: &QuestionResult) -> Markup {
    let id = format!("result-{}", question.code);
    let heading = format!("{}. {}", question.code, question.prompt);
    let heads = [
        ctx.t("survey_results.answer"),
        ctx.t("survey_results.count"),
        ctx.t("survey_results.share"),
    ];
    html! {
        section.stack aria-labelledby=(id) {
            h2.ds-heading data-size="sm" id=(id) { (heading) }
            @if question.hidden { p.ds-paragraph { span.ds-tag data-color="neutral" { (ctx.t("survey_results.hidden")) } } }
            @match &question.outcome {
                Outcome::Choices { n, options, other } => {
                    p.ds-paragraph { (ctx.t("survey_results.n")) ": " (n) }
                    @let bars = choice_bars(ctx, options, other.as_ref());
                    (charts::bar_chart(&format!("chart-{}", question.code), &heading, &bars, heads))
                    @if let Some(other) = other.as_ref().filter(|o| !o.texts.is_empty()) {
                        h3.ds-heading data-size="xs" { (ctx.t("survey_results.other_texts")) }
                        (texts(ctx, other.count, &other.texts))
                    }
                }
                Outcome::Scale(distribution) => {
                    (charts::stacked_chart(ctx.lang, &format!("chart-{}", question.code), &heading,
                        &[Stack { label: question.code.clone(), counts: distribution.counts, n: distribution.n, mean: distribution.mean }],
                        points(), [ctx.t("survey_results.answer"), ctx.t("survey_results.n"), ctx.t("survey_results.mean")]))
                }
                Outcome::Importance { themes } => {
                    @let rows: Vec<Stack> = themes.iter().map(|t| Stack { label: t.theme.name.clone(),
                        counts: t.distribution.counts, n: t.distribution.n, mean: t.distribution.mean }).collect();
                    (charts::stacked_chart(ctx.lang, &format!("chart-{}", question.code), &heading, &rows,
                        points(), [ctx.t("survey_results.theme"), ctx.t("survey_results.n"), ctx.t("survey_results.mean")]))
                }
                Outcome::Ranking { n, themes } => {
                    p.ds-paragraph { (ctx.tr("survey_results.ranked_by", &[("n", &n.to_string())])) }
                    @let bars: Vec<Bar> = themes.iter().map(|t| Bar { label: t.theme.name.clone(),
                        count: t.ranks.top_three, share: t.ranks.top_three_share }).collect();
                    (charts::bar_chart(&format!("chart-{}", question.code), &ctx.tr("survey_results.top_three_of", &[("question", &heading)]), &bars,
                        [ctx.t("survey_results.theme"), ctx.t("survey_results.top_three"), ctx.t("survey_results.share")]))
                    div.table-wrap {
                        table.ds-table data-border {
                            caption { (ctx.t("survey_results.ranks")) }
                            thead { tr {
                                th scope="col" { (ctx.t("survey_results.theme")) }
                                th scope="col" { (ctx.t("survey_results.rank_mean")) }
                                th scope="col" { (ctx.t("survey_results.rank_first")) }
                                th scope="col" { (ctx.t("survey_results.n")) }
                            } }
                            tbody { @for t in themes { tr {
                                th scope="row" { (t.theme.name) }
                                td.num { (decimal(ctx.lang, t.ranks.mean_rank)) }
                                td.num { (t.ranks.first) }
                                td.num { (t.ranks.n) }
                            } } }
                        }
                    }
                }
                Outcome::Number { n, mean, median, min, max } => {
                    dl.facts {
                        dt { (ctx.t("survey_results.n")) } dd { (n) }
                        dt { (ctx.t("survey_results.mean")) } dd { (decimal(ctx.lang, *mean)) }
                        dt { (ctx.t("survey_results.median")) } dd { (decimal(ctx.lang, *median)) }
                        dt { (ctx.t("survey_results.min")) } dd { (decimal(ctx.lang, *min)) }
                        dt { (ctx.t("survey_results.max")) } dd { (decimal(ctx.lang, *max)) }
                    }
                }
                Outcome::Text { count, latest } => { (texts(ctx, *count, latest)) }
            }
        }
    }
}

fn choice_bars(
    ctx: &PageContext,
    options: &[crate::surveys::results::OptionCount],
    other: Option<&crate::surveys::results::OtherCount>,
) -> Vec<Bar> {
    let mut bars: Vec<Bar> = options
        .iter()
        .map(|o| Bar {
            label: if o.hidden {
                format!("{} ({})", o.label, ctx.t("survey_results.hidden"))
            } else {
                o.label.clone()
            },
            count: o.count,
            share: o.share,
        })
        .collect();
    if let Some(other) = other {
        bars.push(Bar {
            label: ctx.t("survey_results.other").to_owned(),
            count: other.count,
            share: other.share,
        });
    }
    bars
}

/// The five points' names as the tables and legends write them.
fn points() -> [String; 5] {
    ["1", "2", "3", "4", "5"].map(str::to_owned)
}

fn texts(ctx: &PageContext, count: u64, latest: &[crate::surveys::results::TextAnswer]) -> Markup {
    html! {
        p.ds-paragraph { (ctx.tr("survey_results.texts", &[("count", &count.to_string()), ("shown", &latest.len().to_string())])) }
        @if !latest.is_empty() {
            ul.stack {
                @for answer in latest {
                    li { p.user-text { (answer.text) } " " (time(ctx.lang, answer.submitted_at, Precision::Date)) }
                }
            }
        }
    }
}
