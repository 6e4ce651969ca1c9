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
    let survey = page.survey;
    let title = ctx.tr("survey_results.heading", &[("title", &survey.title)]);
    admin_page(
        ctx,
        me,
        &title,
        Section::Dashboard,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                (results_body(ctx.lang, page))
            }
        },
    )
}

/// Everything under the heading; the benchmark renders this part alone.
pub fn results_body(lang: Lang, page: &ResultsPage) -> Markup {
    let (survey, results) = (page.survey, page.results);
    html! {
                (summary(lang, results))
                (filter_form(lang, page))
                p.ds-paragraph {
                    a.ds-link href=(format!("/admin/undersokelser/{}/eksport", survey.id)) { (lang.t("survey_results.export")) }
                }
                @if let Some(cross) = page.cross { (cross_table(lang, cross)) }
                section.stack aria-labelledby="over-time" {
                    h2.ds-heading data-size="sm" id="over-time" { (lang.t("survey_results.over_time")) }
                    @let days: Vec<(String, u64)> = results.per_day.iter().map(|d| (d.day.to_string(), d.count)).collect();
                    (charts::time_chart("chart-days", lang.t("survey_results.over_time"), &days,
                        [lang.t("survey_results.day"), lang.t("survey_results.count"), lang.t("survey_results.table")]))
                }
                @for question in &results.questions { (question_section(lang, question)) }
    }
}

fn summary(lang: Lang, results: &Results) -> Markup {
    html! {
        @if let Some(group) = &results.group {
            div.ds-alert data-color="info" {
                (lang.tr("survey_results.filtered", &[("group", &group_name(lang, Some(group)))]))
            }
        }
        dl.facts {
            dt { (lang.t("survey_results.responses")) } dd { (results.responses) }
            @if let Some(at) = results.first_at { dt { (lang.t("survey_results.first")) } dd { (time(lang, at, Precision::Minute)) } }
            @if let Some(at) = results.last_at { dt { (lang.t("survey_results.last")) } dd { (time(lang, at, Precision::Minute)) } }
        }
        div.table-wrap role="region" tabindex="0" aria-label=(lang.t("survey_results.by_group")) {
            table.ds-table data-border {
                caption { (lang.t("survey_results.by_group")) }
                thead { tr { th scope="col" { (lang.t("survey_results.group")) } th scope="col" { (lang.t("survey_results.count")) } } }
                tbody {
                    @for row in &results.by_group {
                        tr { th scope="row" { (group_name(lang, row.group.as_deref())) } td.num { (row.count) } }
                    }
                }
            }
        }
    }
}

fn filter_form(lang: Lang, page: &ResultsPage) -> Markup {
    let chosen = page.results.group.as_deref();
    let crossed = page.cross.map(|c| c.code.as_str());
    html! {
        form.cluster method="get" action=(results_path(page.survey.id)) {
            div.ds-field {
                label.ds-label for="gruppe" { (lang.t("survey_results.group")) }
                select.ds-input id="gruppe" name="gruppe" {
                    option value="" { (lang.t("survey_results.all_groups")) }
                    @for group in StakeholderGroup::ALL {
                        option value=(group.code()) selected[chosen == Some(group.code())] { (lang.t(&group.label_key())) }
                    }
                }
            }
            div.ds-field {
                label.ds-label for="krysstabell" { (lang.t("survey_results.crosstab")) }
                select.ds-input id="krysstabell" name="krysstabell" {
                    option value="" { (lang.t("survey_results.crosstab_none")) }
                    @for q in page.survey.questions().filter(|q| q.kind.has_choices()) {
                        option value=(q.code) selected[crossed == Some(q.code.as_str())] { (q.code) ". " (q.prompt) }
                    }
                }
            }
            div { button.ds-button type="submit" data-variant="secondary" { (lang.t("survey_results.show")) } }
        }
    }
}

fn cross_table(lang: Lang, cross: &CrossTab) -> Markup {
    html! {
        section.stack aria-labelledby="crosstab" {
            h2.ds-heading data-size="sm" id="crosstab" { (lang.t("survey_results.crosstab")) ": " (cross.code) ". " (cross.prompt) }
            div.table-wrap role="region" tabindex="0" aria-labelledby="crosstab" {
                table.ds-table data-border id="crosstab-table" {
                    thead {
                        tr {
                            th scope="col" { (lang.t("survey_results.group")) }
                            @for column in &cross.columns { th scope="col" { (option_label(lang, &column.code, &column.label)) } }
                            th scope="col" { (lang.t("survey_results.n")) }
                        }
                    }
                    tbody {
                        @for row in &cross.rows {
                            tr {
                                th scope="row" { (group_name(lang, row.group.as_deref())) }
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

fn option_label<'a>(lang: Lang, code: &str, label: &'a str) -> &'a str {
    if code == OTHER {
        lang.t("survey_results.other")
    } else {
        label
    }
}

fn question_section(lang: Lang, question: &QuestionResult) -> Markup {
    let id = format!("result-{}", question.code);
    let heading = format!("{}. {}", question.code, question.prompt);
    let heads = [
        lang.t("survey_results.answer"),
        lang.t("survey_results.count"),
        lang.t("survey_results.share"),
    ];
    html! {
        section.stack aria-labelledby=(id) {
            h2.ds-heading data-size="sm" id=(id) { (heading) }
            @if question.hidden { p.ds-paragraph { span.ds-tag data-color="neutral" { (lang.t("survey_results.hidden")) } } }
            @match &question.outcome {
                Outcome::Choices { n, options, other } => {
                    p.ds-paragraph { (lang.t("survey_results.n")) ": " (n) }
                    @let bars = choice_bars(lang, options, other.as_ref());
                    (charts::bar_chart(&format!("chart-{}", question.code), &heading, &bars, heads))
                    @if let Some(other) = other.as_ref().filter(|o| !o.texts.is_empty()) {
                        h3.ds-heading data-size="xs" { (lang.t("survey_results.other_texts")) }
                        (texts(lang, other.count, &other.texts))
                    }
                }
                Outcome::Scale(distribution) => {
                    (charts::stacked_chart(lang, &format!("chart-{}", question.code), &heading,
                        &[Stack { label: question.code.clone(), counts: distribution.counts, n: distribution.n, mean: distribution.mean }],
                        points(), [lang.t("survey_results.answer"), lang.t("survey_results.n"), lang.t("survey_results.mean")]))
                }
                Outcome::Importance { themes } => {
                    @let rows: Vec<Stack> = themes.iter().map(|t| Stack { label: t.theme.name.clone(),
                        counts: t.distribution.counts, n: t.distribution.n, mean: t.distribution.mean }).collect();
                    (charts::stacked_chart(lang, &format!("chart-{}", question.code), &heading, &rows,
                        points(), [lang.t("survey_results.theme"), lang.t("survey_results.n"), lang.t("survey_results.mean")]))
                }
                Outcome::Ranking { n, themes } => {
                    p.ds-paragraph { (lang.tr("survey_results.ranked_by", &[("n", &n.to_string())])) }
                    @let bars: Vec<Bar> = themes.iter().map(|t| Bar { label: t.theme.name.clone(),
                        count: t.ranks.top_three, share: t.ranks.top_three_share }).collect();
                    (charts::bar_chart(&format!("chart-{}", question.code), &lang.tr("survey_results.top_three_of", &[("question", &heading)]), &bars,
                        [lang.t("survey_results.theme"), lang.t("survey_results.top_three"), lang.t("survey_results.share")]))
                    div.table-wrap role="region" tabindex="0" aria-label=(lang.t("survey_results.ranks")) {
                        table.ds-table data-border {
                            caption { (lang.t("survey_results.ranks")) }
                            thead { tr {
                                th scope="col" { (lang.t("survey_results.theme")) }
                                th scope="col" { (lang.t("survey_results.rank_mean")) }
                                th scope="col" { (lang.t("survey_results.rank_first")) }
                                th scope="col" { (lang.t("survey_results.n")) }
                            } }
                            tbody { @for t in themes { tr {
                                th scope="row" { (t.theme.name) }
                                td.num { (decimal(lang, t.ranks.mean_rank)) }
                                td.num { (t.ranks.first) }
                                td.num { (t.ranks.n) }
                            } } }
                        }
                    }
                }
                Outcome::Number { n, mean, median, min, max } => {
                    dl.facts {
                        dt { (lang.t("survey_results.n")) } dd { (n) }
                        dt { (lang.t("survey_results.mean")) } dd { (decimal(lang, *mean)) }
                        dt { (lang.t("survey_results.median")) } dd { (decimal(lang, *median)) }
                        dt { (lang.t("survey_results.min")) } dd { (decimal(lang, *min)) }
                        dt { (lang.t("survey_results.max")) } dd { (decimal(lang, *max)) }
                    }
                }
                Outcome::Text { count, latest } => { (texts(lang, *count, latest)) }
            }
        }
    }
}

fn choice_bars(
    lang: Lang,
    options: &[crate::surveys::results::OptionCount],
    other: Option<&crate::surveys::results::OtherCount>,
) -> Vec<Bar> {
    let mut bars: Vec<Bar> = options
        .iter()
        .map(|o| Bar {
            label: if o.hidden {
                format!("{} ({})", o.label, lang.t("survey_results.hidden"))
            } else {
                o.label.clone()
            },
            count: o.count,
            share: o.share,
        })
        .collect();
    if let Some(other) = other {
        bars.push(Bar {
            label: lang.t("survey_results.other").to_owned(),
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

fn texts(lang: Lang, count: u64, latest: &[crate::surveys::results::TextAnswer]) -> Markup {
    html! {
        p.ds-paragraph { (lang.tr("survey_results.texts", &[("count", &count.to_string()), ("shown", &latest.len().to_string())])) }
        @if !latest.is_empty() {
            ul.stack {
                @for answer in latest {
                    li { p.user-text { (answer.text) } " " (time(lang, answer.submitted_at, Precision::Date)) }
                }
            }
        }
    }
}
