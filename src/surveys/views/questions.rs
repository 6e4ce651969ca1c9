//! One question as a respondent sees it, shared by the answering pages and
//! the builder's preview. Every group of controls is a fieldset whose legend
//! asks the question; a message stands at its field and in the summary.

use maud::{Markup, html};

use crate::entities::theme;
use crate::surveys::answering::{Raw, field, other_field, theme_field};
use crate::surveys::model::{Kind, OTHER, Question, SCALE};
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::forms::{Choices, Field, FormErrors};

/// The question's prompt, marked when an answer is required.
fn legend(ctx: &PageContext, question: &Question) -> String {
    if question.required {
        format!(
            "{} ({})",
            question.prompt,
            ctx.t("surveys.answer.required_mark")
        )
    } else {
        question.prompt.clone()
    }
}

/// The controls for one question, filled from `raw`.
pub fn question(
    ctx: &PageContext,
    question: &Question,
    themes: &[theme::Model],
    raw: &Raw,
    errors: &FormErrors,
) -> Markup {
    let name = field(question);
    let legend = legend(ctx, question);
    let help = question.help.as_deref();
    let chosen: Vec<String> = raw.values(&name).into_iter().map(str::to_owned).collect();
    html! {
        div.survey-question data-code=(question.code) {
            @match question.kind {
                Kind::SingleChoice | Kind::MultipleChoice => {
                    (choices(ctx, question, &name, &legend, help, &chosen, raw, errors))
                }
                Kind::Likert => {
                    (scale(&name, &legend, help, question, &chosen, errors))
                }
                Kind::ThemeImportance => {
                    (importance(ctx, question, &legend, themes, raw, errors))
                }
                Kind::ThemeRanking => {
                    (ranking(ctx, question, &legend, themes, raw, errors))
                }
                Kind::Number => {
                    (with_hint(Field::new(&name, &legend, raw.value(&name)).kind("text"), help)
                        .render(errors))
                }
                Kind::ShortText => {
                    (with_hint(Field::new(&name, &legend, raw.value(&name)), help).render(errors))
                }
                Kind::LongText => {
                    (with_hint(Field::new(&name, &legend, raw.value(&name)).kind("textarea"), help)
                        .render(errors))
                }
            }
        }
    }
}

fn with_hint<'a>(field: Field<'a>, help: Option<&'a str>) -> Field<'a> {
    match help {
        Some(help) => field.hint(help),
        None => field,
    }
}

#[allow(clippy::too_many_arguments)]
fn choices(
    ctx: &PageContext,
    question: &Question,
    name: &str,
    legend: &str,
    help: Option<&str>,
    chosen: &[String],
    raw: &Raw,
    errors: &FormErrors,
) -> Markup {
    let mut options: Vec<(String, String)> = question
        .visible_options()
        .map(|choice| (choice.code.clone(), choice.label.clone()))
        .collect();
    if question.allow_other {
        options.push((
            OTHER.to_owned(),
            ctx.t("surveys.answer.other_option").to_owned(),
        ));
    }
    let group = if question.kind == Kind::MultipleChoice {
        Choices::checkboxes(name, legend, options, chosen)
    } else {
        Choices::radio(name, legend, options, chosen)
    };
    let group = match help {
        Some(help) => group.hint(help),
        None => group,
    };
    let other = other_field(question);
    html! {
        (group.render(errors))
        @if question.allow_other {
            (Field::new(&other, ctx.t("surveys.answer.other_text"), raw.value(&other)).render(errors))
        }
    }
}

fn scale_options(question: &Question) -> Vec<(String, String)> {
    let last = *SCALE.end();
    SCALE
        .map(|point| {
            let end = match point {
                1 => question.scale_low.as_deref(),
                p if p == last => question.scale_high.as_deref(),
                _ => None,
            };
            let label = match end {
                Some(end) => format!("{point} – {end}"),
                None => point.to_string(),
            };
            (point.to_string(), label)
        })
        .collect()
}

fn scale(
    name: &str,
    legend: &str,
    help: Option<&str>,
    question: &Question,
    chosen: &[String],
    errors: &FormErrors,
) -> Markup {
    let group = Choices::radio(name, legend, scale_options(question), chosen);
    let group = match help {
        Some(help) => group.hint(help),
        None => group,
    };
    html! { div.survey-scale { (group.render(errors)) } }
}

fn importance(
    ctx: &PageContext,
    question: &Question,
    legend: &str,
    themes: &[theme::Model],
    raw: &Raw,
    errors: &FormErrors,
) -> Markup {
    let hint_id = format!("{}-hint", question.code);
    html! {
        fieldset.ds-fieldset.stack aria-describedby=[question.help.as_ref().map(|_| hint_id.as_str())] {
            legend.ds-label { (legend) }
            @if let Some(help) = &question.help {
                p data-field="description" id=(hint_id) { (help) }
            }
            @for theme in themes {
                @let name = theme_field(question, theme);
                @let chosen: Vec<String> = raw.values(&name).into_iter().map(str::to_owned).collect();
                div.survey-scale {
                    (Choices::radio(&name, name_in(theme, ctx.lang), scale_options(question), &chosen)
                        .render(errors))
                }
            }
        }
    }
}

fn ranking(
    ctx: &PageContext,
    question: &Question,
    legend: &str,
    themes: &[theme::Model],
    raw: &Raw,
    errors: &FormErrors,
) -> Markup {
    let hint_id = format!("{}-hint", question.code);
    html! {
        fieldset.ds-fieldset.stack aria-describedby=[question.help.as_ref().map(|_| hint_id.as_str())] {
            legend.ds-label { (legend) }
            @if let Some(help) = &question.help {
                p data-field="description" id=(hint_id) { (help) }
            }
            @for theme in themes {
                @let name = theme_field(question, theme);
                @let value = raw.value(&name);
                @let error = errors.get(&name);
                div.ds-field.survey-rank {
                    label.ds-label for=(name) { (name_in(theme, ctx.lang)) }
                    select.ds-input id=(name) name=(name)
                        aria-invalid=[error.map(|_| "true")]
                        aria-describedby=[error.map(|_| format!("{name}-error"))] {
                        option value="" selected[value.is_empty()] { (ctx.t("surveys.answer.unranked")) }
                        @for rank in 1..=themes.len() {
                            @let rank = rank.to_string();
                            option value=(rank) selected[value == rank] {
                                (ctx.tr("surveys.answer.rank_option", &[("rank", &rank)]))
                            }
                        }
                    }
                    @if let Some(message) = error {
                        p.ds-validation-message data-field="validation" id={ (name) "-error" } { (message) }
                    }
                }
            }
        }
    }
}
