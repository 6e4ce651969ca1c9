//! Markup of a survey's sections and questions in the builder, with the
//! buttons that move, hide and delete them, and the forms that add them.

use maud::{Markup, html};

use crate::surveys::forms::{QuestionForm, SectionForm};
use crate::surveys::model::{Kind, Question, Section, Survey};
use crate::surveys::views::admin::{
    kind_label, post_button, question_path, section_path, survey_path, t,
};
use crate::web::PageContext;
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors};

pub fn sections(ctx: &PageContext, survey: &Survey, editor: bool) -> Markup {
    let count = survey.sections.len();
    html! {
        section.stack aria-labelledby="sections-heading" {
            h2.ds-heading data-size="sm" #sections-heading { (t(ctx, "sections_heading")) }
            @if survey.is_locked() {
                div.ds-alert data-color="info" { (t(ctx, "locked_note")) }
            }
            @for (index, section) in survey.sections.iter().enumerate() {
                (one_section(ctx, survey, section, editor, index, count))
            }
        }
    }
}

fn one_section(
    ctx: &PageContext,
    survey: &Survey,
    section: &Section,
    editor: bool,
    index: usize,
    count: usize,
) -> Markup {
    let path = section_path(survey.id, section.id);
    let heading = format!("section-{}", section.id);
    html! {
        section.ds-card.stack id=(heading) aria-labelledby={ (heading) "-heading" } {
            h3.ds-heading data-size="xs" id={ (heading) "-heading" } {
                (t(ctx, "section")) " " (index + 1) ": " (section.title)
            }
            @if let Some(description) = &section.description {
                p.ds-paragraph.user-text { (description) }
            }
            @if editor {
                div.cluster {
                    a.ds-link href=(path) { (t(ctx, "edit_section")) span.ds-sr-only { " " (section.title) } }
                    @if index > 0 {
                        (post_button(ctx, &format!("{path}/flytt"), &[("direction", "opp")], t(ctx, "move_up"), false))
                    }
                    @if index + 1 < count {
                        (post_button(ctx, &format!("{path}/flytt"), &[("direction", "ned")], t(ctx, "move_down"), false))
                    }
                    @if section.questions.is_empty() {
                        (post_button(ctx, &format!("{path}/slett"), &[], t(ctx, "delete_section"), true))
                    }
                }
            }
            @if section.questions.is_empty() {
                p.ds-paragraph { (t(ctx, "no_questions")) }
            } @else {
                ol.stack.plain-list {
                    @for (at, question) in section.questions.iter().enumerate() {
                        (one_question(ctx, survey, question, editor, at, section.questions.len()))
                    }
                }
            }
        }
    }
}

fn one_question(
    ctx: &PageContext,
    survey: &Survey,
    question: &Question,
    editor: bool,
    at: usize,
    count: usize,
) -> Markup {
    let path = question_path(survey.id, question.id);
    html! {
        li.stack id={ "q-" (question.id) } {
            p.ds-paragraph {
                strong { (question.prompt) }
                br;
                span { (question.code) " · " (kind_label(ctx, question.kind)) }
                @if question.required { " " span.ds-tag data-color="info" { (t(ctx, "required_tag")) } }
                @if question.hidden { " " span.ds-tag data-color="neutral" { (t(ctx, "hidden_tag")) } }
                @if let Some(role) = question.role {
                    " " span.ds-tag data-color="accent" { (t(ctx, &format!("role.{}", role.code()))) }
                }
            }
            @if question.kind.has_choices() {
                p.ds-paragraph data-size="sm" {
                    @for (n, option) in question.options.iter().enumerate() {
                        @if n > 0 { ", " }
                        @if option.hidden { s { (option.label) } } @else { (option.label) }
                    }
                }
            }
            @if editor {
                div.cluster {
                    a.ds-link href=(path) { (t(ctx, "edit_question")) span.ds-sr-only { " " (question.code) } }
                    @if at > 0 {
                        (post_button(ctx, &format!("{path}/flytt"), &[("direction", "opp")], t(ctx, "move_up"), false))
                    }
                    @if at + 1 < count {
                        (post_button(ctx, &format!("{path}/flytt"), &[("direction", "ned")], t(ctx, "move_down"), false))
                    }
                    @if question.hidden {
                        (post_button(ctx, &format!("{path}/skjul"), &[("hidden", "nei")], t(ctx, "unhide"), false))
                    } @else {
                        (post_button(ctx, &format!("{path}/skjul"), &[("hidden", "ja")], t(ctx, "hide"), false))
                    }
                    @if !survey.is_locked() {
                        (post_button(ctx, &format!("{path}/slett"), &[], t(ctx, "delete_question"), true))
                    }
                }
            }
        }
    }
}

pub fn kind_select(ctx: &PageContext, value: &str, kinds: &[Kind], errors: &FormErrors) -> Markup {
    let error = errors.get("kind");
    html! {
        div.ds-field {
            label.ds-label for="kind" { (t(ctx, "kind_label")) }
            select.ds-input #kind name="kind" aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| "kind-error")] {
                @for kind in kinds {
                    option value=(kind.code()) selected[kind.code() == value] { (kind_label(ctx, *kind)) }
                }
            }
            @if let Some(message) = error {
                p.ds-validation-message data-field="validation" #kind-error { (message) }
            }
        }
    }
}

/// The forms that add a question (to a chosen section) and a section.
pub fn add_forms(
    ctx: &PageContext,
    survey: &Survey,
    section: &SectionForm,
    question: &QuestionForm,
    errors: &FormErrors,
) -> Markup {
    let last = survey
        .sections
        .last()
        .map(|s| s.id.to_string())
        .unwrap_or_default();
    let chosen = if question.section.is_empty() {
        last
    } else {
        question.section.clone()
    };
    html! {
        @if !survey.sections.is_empty() {
            section.stack aria-labelledby="add-question-heading" {
                h2.ds-heading data-size="sm" #add-question-heading { (t(ctx, "add_question_heading")) }
                form.stack method="post" action={ (survey_path(survey.id)) "/sporsmal" } novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    div.ds-field {
                        label.ds-label for="section" { (t(ctx, "section")) }
                        select.ds-input #section name="section" {
                            @for s in &survey.sections {
                                option value=(s.id) selected[s.id.to_string() == chosen] { (s.title) }
                            }
                        }
                    }
                    (kind_select(ctx, &question.kind, &Kind::ALL, errors))
                    (Field::new("prompt", t(ctx, "prompt_label"), &question.prompt).kind("textarea").required().render(errors))
                    (Field::new("new_options", t(ctx, "new_options_label"), &question.new_options).kind("textarea")
                        .hint(t(ctx, "new_options_hint")).render(errors))
                    div { button.ds-button type="submit" { (t(ctx, "add_question")) } }
                }
            }
        }
        section.stack aria-labelledby="add-section-heading" {
            h2.ds-heading data-size="sm" #add-section-heading { (t(ctx, "add_section_heading")) }
            form.stack method="post" action={ (survey_path(survey.id)) "/deler" } novalidate {
                (csrf::field(&ctx.csrf_token()))
                (Field::new("section_title", t(ctx, "section_title_label"), &section.section_title).required().render(errors))
                (Field::new("section_description", t(ctx, "section_description_label"), &section.section_description)
                    .kind("textarea").render(errors))
                div { button.ds-button type="submit" { (t(ctx, "add_section")) } }
            }
        }
    }
}
