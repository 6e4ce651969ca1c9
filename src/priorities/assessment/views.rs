//! Markup of the assessment pages: the list of active themes with the
//! group's scores, and one theme's form with the others' answers below it.

use maud::{Markup, html};

use super::criteria::Criterion;
use super::forms::{AssessmentForm, RATIONALE};
use super::service::{Entry, RATIONALE_MAX, RATIONALE_MIN};
use super::summary::{CriterionSummary, ThemeAssessment};
use crate::entities::{theme, user};
use crate::themes::service::name_in;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::time::{Precision, time};
use crate::web::forms::{Choices, Field, FormErrors, error_summary, notice};
use crate::web::layout::paragraphs;
use crate::web::{Lang, PageContext, csrf};

pub const LIST_PATH: &str = "/admin/prioritering/vurdering";

/// One active theme in the list.
pub struct ListRow {
    pub theme: theme::Model,
    /// Whether the signed-in user has assessed it.
    pub assessed: bool,
    pub summary: Option<ThemeAssessment>,
}

/// One decimal and the language's decimal sign.
fn decimal(lang: Lang, value: f64) -> String {
    let text = format!("{value:.1}");
    match lang {
        Lang::En => text,
        Lang::Nb | Lang::Nn => text.replace('.', ","),
    }
}

fn criterion_cell(ctx: &PageContext, summary: Option<&CriterionSummary>) -> Markup {
    let Some(summary) = summary else {
        return html! { td.num { "–" } };
    };
    html! {
        td.num {
            @if let Some(mean) = summary.mean {
                (decimal(ctx.lang, mean))
                @if let Some(sd) = summary.sd {
                    " ± " (decimal(ctx.lang, sd))
                }
            } @else {
                "–"
            }
            @if let (Some(min), Some(max)) = (summary.min, summary.max) {
                br;
                small { (min) "–" (max) }
            }
        }
    }
}

pub fn list_page(
    ctx: &PageContext,
    user: &user::Model,
    rows: &[ListRow],
    message: Option<&str>,
) -> Markup {
    let title = ctx.t("assessment.title");
    let can_edit = user.role.can_edit();
    admin_page(
        ctx,
        user,
        title,
        Section::Priorities,
        html! {
            div.stack {
                p.ds-paragraph { a.ds-link href="/admin/prioritering" { (ctx.t("assessment.back_to_priorities")) } }
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph { (ctx.t("assessment.intro")) }
                (notice(message))
                @if !can_edit {
                    div.ds-alert data-color="info" { (ctx.t("assessment.read_only")) }
                }
                @if rows.is_empty() {
                    div.ds-alert data-color="info" { (ctx.t("assessment.no_themes")) }
                } @else {
                    p.ds-paragraph { (ctx.t("assessment.cell_explained")) }
                    // Focusable, so the wide table scrolls sideways by keyboard.
                    div.table-wrap role="region" aria-labelledby="assessment-caption" tabindex="0" {
                        table.ds-table data-border {
                            caption #assessment-caption data-size="xs" {
                                (ctx.tr("assessment.caption", &[("count", &rows.len().to_string())]))
                            }
                            thead {
                                tr {
                                    th scope="col" { (ctx.t("assessment.col_theme")) }
                                    @if can_edit {
                                        th scope="col" { (ctx.t("assessment.col_yours")) }
                                    }
                                    th.num scope="col" { (ctx.t("assessment.col_assessors")) }
                                    @for criterion in Criterion::ALL {
                                        th.num scope="col" { (ctx.t(criterion.label_key())) }
                                    }
                                }
                            }
                            tbody {
                                @for row in rows {
                                    (list_row(ctx, row, can_edit))
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn list_row(ctx: &PageContext, row: &ListRow, can_edit: bool) -> Markup {
    let name = name_in(&row.theme, ctx.lang);
    let href = format!("{LIST_PATH}/{}", row.theme.id);
    let summary = row.summary.as_ref();
    html! {
        tr id={ "tema-" (row.theme.slug) } {
            th scope="row" { a.ds-link href=(href) { (name) } }
            @if can_edit {
                td {
                    @if row.assessed {
                        span.ds-tag data-color="success" { (ctx.t("assessment.assessed")) }
                    } @else {
                        span.ds-tag data-color="neutral" { (ctx.t("assessment.not_assessed")) }
                    }
                }
            }
            td.num { (summary.map_or(0, |s| s.assessors)) }
            @for criterion in Criterion::ALL {
                (criterion_cell(ctx, summary.and_then(|s| s.criterion(criterion))))
            }
        }
    }
}

/// One theme: the signed-in editor's form (`form` is `None` for observers)
/// and below it what the others answered.
pub fn theme_page(
    ctx: &PageContext,
    user: &user::Model,
    theme: &theme::Model,
    form: Option<(&AssessmentForm, &FormErrors)>,
    others: &[Entry],
) -> Markup {
    let name = name_in(theme, ctx.lang);
    let title = ctx.tr("assessment.theme_title", &[("name", name)]);
    let action = format!("{LIST_PATH}/{}", theme.id);
    admin_page(
        ctx,
        user,
        &title,
        Section::Priorities,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(LIST_PATH) { (ctx.t("assessment.back")) } }
                h1.ds-heading data-size="md" { (title) }
                @if !theme.description.is_empty() {
                    p.ds-paragraph { (theme.description) }
                }
                @if let Some((form, errors)) = form {
                    (error_summary(ctx.lang, errors))
                    p.ds-paragraph { (ctx.t("assessment.form_intro")) }
                    form.stack method="post" action=(action) novalidate {
                        (csrf::field(&ctx.csrf_token()))
                        @for criterion in Criterion::ALL {
                            (score_group(ctx, form, errors, criterion))
                        }
                        (Field::new(RATIONALE, ctx.t("assessment.field_rationale"), &form.rationale)
                            .kind("textarea")
                            .hint(&ctx.tr("assessment.hint_rationale", &[
                                ("min", &RATIONALE_MIN.to_string()),
                                ("max", &RATIONALE_MAX.to_string()),
                            ]))
                            .required()
                            .render(errors))
                        div.cluster {
                            button.ds-button type="submit" data-variant="primary" { (ctx.t("assessment.save")) }
                            a.ds-button data-variant="tertiary" href=(LIST_PATH) { (ctx.t("assessment.cancel")) }
                        }
                    }
                } @else {
                    div.ds-alert data-color="info" { (ctx.t("assessment.read_only")) }
                }
                (others_section(ctx, others, form.is_some()))
            }
        },
    )
}

fn score_group(
    ctx: &PageContext,
    form: &AssessmentForm,
    errors: &FormErrors,
    criterion: Criterion,
) -> Markup {
    let options: Vec<(String, String)> = (1..=5u8)
        .map(|score| (score.to_string(), score.to_string()))
        .collect();
    let checked = [form.value(criterion).trim().to_owned()];
    let group = Choices::radio(
        criterion.code(),
        ctx.t(criterion.label_key()),
        options,
        &checked,
    )
    .hint(ctx.t(criterion.help_key()))
    .required();
    // The survey scale's layout: five short options side by side.
    html! { div.survey-scale { (group.render(errors)) } }
}

fn others_section(ctx: &PageContext, others: &[Entry], editor: bool) -> Markup {
    let heading = if editor {
        ctx.t("assessment.others_heading")
    } else {
        ctx.t("assessment.all_heading")
    };
    html! {
        section.stack aria-labelledby="others-heading" {
            h2.ds-heading data-size="sm" #others-heading { (heading) }
            @if others.is_empty() {
                p.ds-paragraph { (ctx.t("assessment.no_others")) }
            }
            @for entry in others {
                article.ds-card.stack {
                    h3.ds-heading data-size="xs" { (entry.assessor) }
                    dl.facts {
                        @for criterion in Criterion::ALL {
                            div { dt { (ctx.t(criterion.label_key())) } dd { (entry.score(criterion)) } }
                        }
                        div {
                            dt { (ctx.t("assessment.updated")) }
                            dd { (time(ctx.lang, entry.updated_at, Precision::Minute)) }
                        }
                    }
                    div.user-text { (paragraphs(&entry.rationale)) }
                }
            }
        }
    }
}
