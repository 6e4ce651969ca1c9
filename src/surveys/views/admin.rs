//! Markup of the staff survey pages' shared pieces (paths, the frame, status
//! tags, one-button forms) and the list of surveys with the forms that
//! start a new one.

use maud::{Markup, html};
use uuid::Uuid;

use crate::entities::user;
use crate::surveys::forms::CreateForm;
use crate::surveys::model::{Audience, Kind, SurveyStatus};
use crate::surveys::service::load::Listed;
use crate::surveys::service::templates::Template;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::{Precision, time};
use crate::web::csrf;
use crate::web::forms::{Choices, Field, FormErrors, error_summary, notice};

pub const LIST_PATH: &str = "/admin/undersokelser";
pub const TEMPLATE_PATH: &str = "/admin/undersokelser/mal";

pub fn survey_path(id: Uuid) -> String {
    format!("{LIST_PATH}/{id}")
}

pub fn section_path(survey: Uuid, section: Uuid) -> String {
    format!("{LIST_PATH}/{survey}/deler/{section}")
}

pub fn question_path(survey: Uuid, question: Uuid) -> String {
    format!("{LIST_PATH}/{survey}/sporsmal/{question}")
}

pub fn preview_path(id: Uuid) -> String {
    format!("{LIST_PATH}/{id}/forhandsvisning")
}

pub fn results_path(id: Uuid) -> String {
    format!("{LIST_PATH}/{id}/resultater")
}

pub fn export_path(id: Uuid) -> String {
    format!("{LIST_PATH}/{id}/eksport")
}

pub fn public_path(id: Uuid) -> String {
    format!("/undersokelse/{id}")
}

pub fn kiosk_path(id: Uuid, token: &str) -> String {
    format!("/undersokelse/{id}/kiosk/{token}")
}

pub fn t(ctx: &PageContext, name: &str) -> &'static str {
    ctx.t(&format!("surveys.admin.{name}"))
}

pub fn status_tag(ctx: &PageContext, status: SurveyStatus) -> Markup {
    let colour = match status {
        SurveyStatus::Draft => "neutral",
        SurveyStatus::Published => "success",
        SurveyStatus::Closed => "warning",
    };
    html! { span.ds-tag data-color=(colour) { (t(ctx, &format!("status.{}", status.code()))) } }
}

pub fn audience_label(ctx: &PageContext, audience: Audience) -> &'static str {
    t(ctx, &format!("audience.{}", audience.code()))
}

pub fn kind_label(ctx: &PageContext, kind: Kind) -> &'static str {
    ctx.t(&kind.label_key())
}

/// A form with one button (and hidden values) that posts to `action`.
pub fn post_button(
    ctx: &PageContext,
    action: &str,
    hidden: &[(&str, &str)],
    label: &str,
    danger: bool,
) -> Markup {
    html! {
        form method="post" action=(action) {
            (csrf::field(&ctx.csrf_token()))
            @for (name, value) in hidden { input type="hidden" name=(name) value=(value); }
            button.ds-button type="submit" data-variant="secondary" data-size="sm"
                data-color=[danger.then_some("danger")] { (label) }
        }
    }
}

/// A page of the surveys section: heading, error summary, notice, content.
pub fn frame(
    ctx: &PageContext,
    me: &user::Model,
    title: &str,
    errors: &FormErrors,
    flash: Option<&str>,
    content: Markup,
) -> Markup {
    admin_page(
        ctx,
        me,
        title,
        Section::Surveys,
        html! {
            div.stack {
                (error_summary(ctx.lang, errors))
                h1.ds-heading data-size="md" { (title) }
                (notice(flash.map(|key| ctx.t(key))))
                (content)
            }
        },
    )
}

pub fn audience_select(ctx: &PageContext, value: &str, errors: &FormErrors) -> Markup {
    let error = errors.get("audience");
    html! {
        div.ds-field {
            label.ds-label for="audience" { (t(ctx, "audience_label")) }
            select.ds-input #audience name="audience" aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| "audience-error")] {
                @for audience in Audience::ALL {
                    option value=(audience.code()) selected[audience.code() == value] { (audience_label(ctx, audience)) }
                }
            }
            @if let Some(message) = error {
                p.ds-validation-message data-field="validation" #audience-error { (message) }
            }
        }
    }
}

pub fn list(
    ctx: &PageContext,
    me: &user::Model,
    surveys: &[Listed],
    form: &CreateForm,
    errors: &FormErrors,
    flash: Option<&str>,
) -> Markup {
    let editor = me.role.can_edit();
    frame(
        ctx,
        me,
        t(ctx, "title"),
        errors,
        flash,
        html! {
            @if surveys.is_empty() {
                div.ds-alert data-color="info" { (t(ctx, "none")) }
            } @else {
                div.table-wrap role="region" aria-labelledby="surveys-caption" tabindex="0" {
                    table.ds-table data-border {
                        caption #surveys-caption { (t(ctx, "caption")) }
                        thead { tr {
                            th scope="col" { (t(ctx, "survey")) }
                            th scope="col" { (t(ctx, "status_label")) }
                            th scope="col" { (t(ctx, "audience_label")) }
                            th scope="col" { (t(ctx, "opens_at")) }
                            th scope="col" { (t(ctx, "closes_at")) }
                            th scope="col" { (t(ctx, "responses")) }
                        } }
                        tbody {
                            @for row in surveys {
                                @let status = SurveyStatus::parse(&row.survey.status).unwrap_or(SurveyStatus::Draft);
                                @let audience = Audience::parse(&row.survey.audience).unwrap_or(Audience::General);
                                tr {
                                    th scope="row" { a.ds-link href=(survey_path(row.survey.id)) { (row.survey.title) } }
                                    td { (status_tag(ctx, status)) }
                                    td { (audience_label(ctx, audience)) }
                                    td { @if let Some(at) = row.survey.opens_at { (time(ctx.lang, at, Precision::Minute)) } @else { "–" } }
                                    td { @if let Some(at) = row.survey.closes_at { (time(ctx.lang, at, Precision::Minute)) } @else { "–" } }
                                    td.num { (row.responses) }
                                }
                            }
                        }
                    }
                }
            }
            @if editor {
                div.columns {
                    section.stack aria-labelledby="new-heading" {
                        h2.ds-heading data-size="sm" #new-heading { (t(ctx, "new_heading")) }
                        form.stack method="post" action=(LIST_PATH) novalidate {
                            (csrf::field(&ctx.csrf_token()))
                            (Field::new("title", t(ctx, "title_label"), &form.title).required().render(errors))
                            (audience_select(ctx, &form.audience, errors))
                            div { button.ds-button type="submit" { (t(ctx, "create")) } }
                        }
                    }
                    section.stack aria-labelledby="template-heading" {
                        h2.ds-heading data-size="sm" #template-heading { (t(ctx, "template_heading")) }
                        form.stack method="post" action=(TEMPLATE_PATH) {
                            (csrf::field(&ctx.csrf_token()))
                            @let options = Template::ALL.iter()
                                .map(|tpl| (tpl.code().to_owned(), ctx.t(&tpl.label_key()).to_owned()))
                                .collect();
                            @let hints = Template::ALL.iter()
                                .map(|tpl| t(ctx, &format!("template_hint.{}", tpl.code())).to_owned())
                                .collect();
                            @let checked = [Template::Resident.code().to_owned()];
                            (Choices::radio("template", t(ctx, "template_label"), options, &checked)
                                .option_hints(hints).render(errors))
                            div { button.ds-button type="submit" { (t(ctx, "create_from")) } }
                        }
                    }
                }
            }
        },
    )
}
