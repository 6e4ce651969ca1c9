//! Markup of the interview guide editor: the questions in order with their
//! actions, the form to add one, and the form to change one.

use maud::{Markup, html};

use super::admin::{GUIDE_PATH, post_button, section_page};
use crate::entities::{interview_question, user};
use crate::interviews::guide::{TOPICS, topic_key};
use crate::interviews::staff_forms::QuestionForm;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary};

pub fn question_path(id: uuid::Uuid) -> String {
    format!("{GUIDE_PATH}/{id}")
}

pub fn list(
    ctx: &PageContext,
    me: &user::Model,
    questions: &[interview_question::Model],
    form: &QuestionForm,
    errors: &FormErrors,
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("interviews.admin.guide.title");
    let editor = me.role.can_edit();
    let last = questions.len().saturating_sub(1);
    section_page(
        ctx,
        me,
        title,
        GUIDE_PATH,
        flash,
        html! {
            (error_summary(ctx.lang, errors))
            p.ds-paragraph { (ctx.t("interviews.admin.guide.intro")) }
            @if questions.is_empty() {
                div.ds-alert data-color="info" { (ctx.t("interviews.admin.guide.none")) }
            } @else {
                ol.card-list {
                    @for (index, question) in questions.iter().enumerate() {
                        li id={ "q-" (question.id) } {
                            article.ds-card.stack {
                                ul.cluster.plain-list {
                                    li { span.ds-tag data-color="accent" { (ctx.t(&topic_key(&question.topic))) } }
                                    @if !question.active {
                                        li { span.ds-tag data-color="neutral" { (ctx.t("interviews.admin.guide.off")) } }
                                    }
                                }
                                h2.ds-heading data-size="xs" { (index + 1) ". " (question.text) }
                                @if let Some(help) = &question.help {
                                    p.ds-paragraph.user-text { (help) }
                                }
                                @if editor {
                                    (actions(ctx, question, index == 0, index == last))
                                }
                            }
                        }
                    }
                }
            }
            @if editor {
                section.page-medium.stack aria-labelledby="add-heading" {
                    h2.ds-heading data-size="sm" #add-heading { (ctx.t("interviews.admin.guide.add")) }
                    form.stack method="post" action=(GUIDE_PATH) novalidate {
                        (csrf::field(&ctx.csrf_token()))
                        (question_fields(ctx, form, errors))
                        div { button.ds-button type="submit" data-variant="primary" { (ctx.t("interviews.admin.guide.add")) } }
                    }
                }
            }
        },
    )
}

fn actions(
    ctx: &PageContext,
    question: &interview_question::Model,
    first: bool,
    last: bool,
) -> Markup {
    let path = question_path(question.id);
    let moves = format!("{path}/flytt");
    let switch = format!("{path}/aktiv");
    html! {
        div.cluster {
            a.ds-link href=(path) {
                (ctx.t("interviews.admin.guide.edit")) span.ds-sr-only { ": " (question.text) }
            }
            @if !first {
                (post_button(ctx, &moves, &[("direction", "opp")], ctx.t("interviews.admin.guide.up"), false))
            }
            @if !last {
                (post_button(ctx, &moves, &[("direction", "ned")], ctx.t("interviews.admin.guide.down"), false))
            }
            @if question.active {
                (post_button(ctx, &switch, &[("active", "nei")], ctx.t("interviews.admin.guide.switch_off"), false))
            } @else {
                (post_button(ctx, &switch, &[("active", "ja")], ctx.t("interviews.admin.guide.switch_on"), false))
            }
        }
    }
}

fn question_fields(ctx: &PageContext, form: &QuestionForm, errors: &FormErrors) -> Markup {
    let error = errors.get("topic");
    html! {
        div.ds-field {
            label.ds-label for="topic" { (ctx.t("interviews.admin.guide.topic")) }
            select.ds-input #topic name="topic"
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| "topic-error")] {
                @for topic in TOPICS {
                    option value=(topic) selected[form.topic == topic] { (ctx.t(&topic_key(topic))) }
                }
            }
            @if let Some(message) = error {
                p.ds-validation-message data-field="validation" id="topic-error" { (message) }
            }
        }
        (Field::new("text", ctx.t("interviews.admin.guide.text"), &form.text).required().render(errors))
        (Field::new("help", ctx.t("interviews.admin.guide.help"), &form.help).kind("textarea")
            .hint(ctx.t("interviews.admin.guide.help_hint")).render(errors))
    }
}

pub fn edit_form(
    ctx: &PageContext,
    me: &user::Model,
    question: &interview_question::Model,
    form: &QuestionForm,
    errors: &FormErrors,
) -> Markup {
    let title = ctx.t("interviews.admin.guide.edit_title");
    admin_page(
        ctx,
        me,
        title,
        Section::Interviews,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(GUIDE_PATH) { (ctx.t("interviews.admin.guide.back")) } }
                h1.ds-heading data-size="md" { (title) }
                (error_summary(ctx.lang, errors))
                p.ds-paragraph { (ctx.t("interviews.admin.guide.edit_intro")) }
                form.stack method="post" action=(question_path(question.id)) novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    (question_fields(ctx, form, errors))
                    div { button.ds-button type="submit" data-variant="primary" { (ctx.t("interviews.admin.save")) } }
                }
            }
        },
    )
}
