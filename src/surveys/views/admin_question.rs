//! Markup of the question editor (the fields its kind has) and the section
//! editor. Once the survey is locked, the editor offers only what old
//! answers survive: compatible kinds, and hiding options instead of removing.

use maud::{Markup, html};

use crate::entities::user;
use crate::surveys::forms::{QuestionForm, SectionForm, option_field};
use crate::surveys::model::{Kind, Question, Role, Section, Survey};
use crate::surveys::views::admin::{
    frame, post_button, question_path, section_path, survey_path, t,
};
use crate::surveys::views::admin_sections::kind_select;
use crate::web::PageContext;
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, checkbox};

pub fn question_page(
    ctx: &PageContext,
    me: &user::Model,
    survey: &Survey,
    question: &Question,
    form: &QuestionForm,
    errors: &FormErrors,
) -> Markup {
    let kind = form.kind().unwrap_or(question.kind);
    let locked = survey.is_locked();
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| !locked || question.kind.compatible(*k))
        .collect();
    let title = ctx.tr(
        "surveys.admin.edit_question_title",
        &[("code", &question.code)],
    );
    frame(
        ctx,
        me,
        &title,
        errors,
        None,
        html! {
            p.ds-paragraph { a.ds-link href={ (survey_path(survey.id)) "#q-" (question.id) } { (t(ctx, "back_to_survey")) } }
            @if locked { div.ds-alert data-color="info" { (t(ctx, "locked_question_note")) } }
            form.stack method="post" action=(question_path(survey.id, question.id)) novalidate {
                (csrf::field(&ctx.csrf_token()))
                (kind_select(ctx, &form.kind, &kinds, errors))
                p.ds-paragraph data-size="sm" { (t(ctx, "kind_hint")) }
                (Field::new("prompt", t(ctx, "prompt_label"), &form.prompt).kind("textarea").required().render(errors))
                (Field::new("help", t(ctx, "help_label"), &form.help).kind("textarea").render(errors))
                (checkbox("required", t(ctx, "required_label"), form.required.is_some(), errors))
                @if kind.has_choices() { (options(ctx, form, locked, errors)) }
                @if matches!(kind, Kind::Likert | Kind::ThemeImportance) {
                    (Field::new("scale_low", t(ctx, "scale_low_label"), &form.scale_low).render(errors))
                    (Field::new("scale_high", t(ctx, "scale_high_label"), &form.scale_high).render(errors))
                }
                @if kind == Kind::Number {
                    (Field::new("min_value", t(ctx, "min_label"), &form.min_value).render(errors))
                    (Field::new("max_value", t(ctx, "max_label"), &form.max_value).render(errors))
                }
                @if kind.has_choices() { (role_select(ctx, &form.role, errors)) }
                @if kind.is_text() {
                    (checkbox("as_input", t(ctx, "as_input_label"), form.as_input.is_some(), errors))
                }
                div { button.ds-button type="submit" { (t(ctx, "save_question")) } }
            }
        },
    )
}

fn options(ctx: &PageContext, form: &QuestionForm, locked: bool, errors: &FormErrors) -> Markup {
    html! {
        fieldset.ds-fieldset.stack {
            legend.ds-label { (t(ctx, "options_legend")) }
            p data-field="description" { (t(ctx, if locked { "options_locked_hint" } else { "options_hint" })) }
            @for (index, code) in form.option_code.iter().enumerate() {
                @let field = option_field(index);
                @let label = form.option_label.get(index).map_or("", String::as_str);
                @let error = errors.get(&field);
                div.stack {
                    input type="hidden" name="option_code" value=(code);
                    div.ds-field {
                        label.ds-label for=(field) { (ctx.tr("surveys.admin.option_label", &[("n", &(index + 1).to_string()), ("code", code)])) }
                        input.ds-input id=(field) name="option_label" type="text" value=(label)
                            aria-invalid=[error.map(|_| "true")]
                            aria-describedby=[error.map(|_| format!("{field}-error"))];
                        @if let Some(message) = error {
                            p.ds-validation-message data-field="validation" id={ (field) "-error" } { (message) }
                        }
                    }
                    div.cluster {
                        div.ds-field {
                            input.ds-input type="checkbox" id={ (field) "-hidden" } name="option_hidden" value=(code)
                                checked[form.option_hidden.contains(code)];
                            label.ds-label data-weight="regular" for={ (field) "-hidden" } { (t(ctx, "option_hide")) }
                        }
                        @if !locked {
                            div.ds-field {
                                input.ds-input type="checkbox" id={ (field) "-remove" } name="option_remove" value=(code)
                                    checked[form.option_remove.contains(code)];
                                label.ds-label data-weight="regular" for={ (field) "-remove" } { (t(ctx, "option_remove")) }
                            }
                        }
                    }
                }
            }
            (Field::new("new_options", t(ctx, "new_options_label"), &form.new_options).kind("textarea")
                .hint(t(ctx, "new_options_hint")).render(errors))
            (checkbox("allow_other", t(ctx, "allow_other_label"), form.allow_other.is_some(), errors))
        }
    }
}

fn role_select(ctx: &PageContext, value: &str, errors: &FormErrors) -> Markup {
    let error = errors.get("role");
    html! {
        div.ds-field {
            label.ds-label for="role" { (t(ctx, "role_label")) }
            div data-field="description" #role-hint { (t(ctx, "role_hint")) }
            select.ds-input #role name="role" aria-invalid=[error.map(|_| "true")]
                aria-describedby=(if error.is_some() { "role-hint role-error" } else { "role-hint" }) {
                option value="" { (t(ctx, "role.none")) }
                @for role in Role::ALL {
                    option value=(role.code()) selected[role.code() == value] { (t(ctx, &format!("role.{}", role.code()))) }
                }
            }
            @if let Some(message) = error {
                p.ds-validation-message data-field="validation" #role-error { (message) }
            }
        }
    }
}

pub fn section_page(
    ctx: &PageContext,
    me: &user::Model,
    survey: &Survey,
    section: &Section,
    form: &SectionForm,
    errors: &FormErrors,
) -> Markup {
    let path = section_path(survey.id, section.id);
    frame(
        ctx,
        me,
        &ctx.tr(
            "surveys.admin.edit_section_title",
            &[("title", &section.title)],
        ),
        errors,
        None,
        html! {
            p.ds-paragraph { a.ds-link href={ (survey_path(survey.id)) "#section-" (section.id) } { (t(ctx, "back_to_survey")) } }
            form.stack method="post" action=(path) novalidate {
                (csrf::field(&ctx.csrf_token()))
                (Field::new("section_title", t(ctx, "section_title_label"), &form.section_title).required().render(errors))
                (Field::new("section_description", t(ctx, "section_description_label"), &form.section_description)
                    .kind("textarea").render(errors))
                div { button.ds-button type="submit" { (t(ctx, "save_section")) } }
            }
            @if section.questions.is_empty() {
                (post_button(ctx, &format!("{path}/slett"), &[], t(ctx, "delete_section"), true))
            } @else {
                p.ds-paragraph { (t(ctx, "section_not_empty_note")) }
            }
        },
    )
}
