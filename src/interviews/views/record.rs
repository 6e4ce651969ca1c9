//! Markup of the interview record: one column with large targets, for a
//! phone or tablet on the table during the interview, and no script.

use maud::{Markup, html};

use super::admin::{business_path, record_path, slot_when, status_tag};
use crate::entities::interview::Status as RecordStatus;
use crate::entities::{
    business, interview, interview_answer, interview_question, interview_slot, theme, user,
};
use crate::interviews::guide::topic_key;
use crate::interviews::service::Finding;
use crate::interviews::staff_forms::{FindingForm, RecordForm, answer_field};
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Choices, Field, FormErrors, error_summary, notice};

pub struct RecordPage<'a> {
    pub business: &'a business::Model,
    pub slot: Option<&'a interview_slot::Model>,
    pub record: &'a interview::Model,
    /// The whole guide, switched-off questions included.
    pub questions: &'a [interview_question::Model],
    pub answers: &'a [interview_answer::Model],
    pub form: &'a RecordForm,
    pub findings: &'a [Finding],
    /// Active themes, to tag findings with.
    pub themes: &'a [theme::Model],
    pub finding: &'a FindingForm,
    pub errors: &'a FormErrors,
}

pub fn record(
    ctx: &PageContext,
    me: &user::Model,
    page: &RecordPage,
    flash: Option<&str>,
) -> Markup {
    let business = page.business;
    let title = ctx.tr(
        "interviews.admin.record.title",
        &[("business", &business.name)],
    );
    let path = record_path(business.id);
    let active: Vec<_> = page.questions.iter().filter(|q| q.active).collect();
    // Answers whose question is switched off now: kept, shown, not edited.
    let earlier: Vec<_> = page
        .answers
        .iter()
        .filter(|answer| !active.iter().any(|q| q.id == answer.question_id))
        .collect();
    let completed = page.record.status == RecordStatus::Completed;
    admin_page(
        ctx,
        me,
        &title,
        Section::Interviews,
        html! {
            div.page-narrow.stack {
                p.ds-paragraph { a.ds-link href=(business_path(business.id)) { (ctx.t("interviews.admin.record.back")) } }
                h1.ds-heading data-size="md" { (title) }
                (notice(flash.map(|key| ctx.t(key))))
                (error_summary(ctx.lang, page.errors))
                dl.facts {
                    div { dt { (ctx.t("interviews.admin.status")) } dd { (status_tag(ctx, business.status)) } }
                    div { dt { (ctx.t("interviews.admin.booked")) } dd {
                        @if let Some(slot) = page.slot { (slot_when(ctx, slot)) } @else { (ctx.t("interviews.admin.no_time")) }
                    } }
                }
                form.stack method="post" action=(path) novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    @if active.is_empty() {
                        div.ds-alert data-color="info" { (ctx.t("interviews.admin.record.no_questions")) }
                    }
                    @for question in &active {
                        @let name = answer_field(question.id);
                        @let label = format!("{} – {}", ctx.t(&topic_key(&question.topic)), question.text);
                        @match &question.help {
                            Some(help) => (Field::new(&name, &label, page.form.answer(question.id)).kind("textarea").hint(help).render(page.errors)),
                            None => (Field::new(&name, &label, page.form.answer(question.id)).kind("textarea").render(page.errors)),
                        }
                    }
                    @if !earlier.is_empty() {
                        section.stack aria-labelledby="earlier-heading" {
                            h2.ds-heading data-size="sm" #earlier-heading { (ctx.t("interviews.admin.record.earlier")) }
                            dl.stack {
                                @for answer in &earlier {
                                    div { dt { strong { (answer.question) } } dd.user-text { (answer.answer) } }
                                }
                            }
                        }
                    }
                    (Field::new("summary", ctx.t("interviews.admin.record.summary"), &page.form.summary).kind("textarea")
                        .hint(ctx.t("interviews.admin.record.summary_hint")).render(page.errors))
                    (Field::new("employee_change", ctx.t("interviews.admin.record.employee_change"), &page.form.employee_change)
                        .kind("number").hint(ctx.t("interviews.admin.record.employee_change_hint")).render(page.errors))
                    div.stack {
                        button.ds-button type="submit" name="action" value="lagre" data-variant="primary" { (ctx.t("interviews.admin.record.save")) }
                        @if !completed {
                            button.ds-button type="submit" name="action" value="fullfor" data-variant="secondary" { (ctx.t("interviews.admin.record.complete")) }
                        }
                    }
                }
                @if completed {
                    div.ds-alert data-color="success" { (ctx.t("interviews.admin.record.is_completed")) }
                }
                (findings(ctx, page, &path))
            }
        },
    )
}

fn findings(ctx: &PageContext, page: &RecordPage, path: &str) -> Markup {
    let options = page
        .themes
        .iter()
        .map(|theme| (theme.id.to_string(), name_in(theme, ctx.lang).to_owned()))
        .collect();
    html! {
        section.stack #findings aria-labelledby="findings-heading" {
            h2.ds-heading data-size="sm" #findings-heading { (ctx.t("interviews.admin.record.findings")) }
            p.ds-paragraph { (ctx.t("interviews.admin.record.findings_intro")) }
            @if page.findings.is_empty() {
                p.ds-paragraph { (ctx.t("interviews.admin.record.no_findings")) }
            } @else {
                ol.card-list {
                    @for (index, finding) in page.findings.iter().enumerate() {
                        li {
                            // A card without a heading of its own: not an article.
                            div.ds-card.stack {
                                p.ds-paragraph.user-text { (finding.input.body) }
                                @if !finding.tags.is_empty() {
                                    ul.cluster.plain-list aria-label=(ctx.t("interviews.admin.themes")) {
                                        @for tag in &finding.tags {
                                            li { span.ds-tag data-color="accent" { (name_in(&tag.theme, ctx.lang)) } }
                                        }
                                    }
                                }
                                form method="post" action={ (path) "/funn/" (finding.input.id) "/slett" } {
                                    (csrf::field(&ctx.csrf_token()))
                                    button.ds-button type="submit" data-variant="secondary" data-color="danger" {
                                        (ctx.t("interviews.admin.record.delete_finding"))
                                        span.ds-sr-only { " " (index + 1) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form.stack method="post" action={ (path) "/funn" } novalidate {
                (csrf::field(&ctx.csrf_token()))
                h3.ds-heading data-size="xs" { (ctx.t("interviews.admin.record.add_finding")) }
                (Field::new("finding", ctx.t("interviews.admin.record.finding"), &page.finding.finding).kind("textarea")
                    .hint(ctx.t("interviews.admin.record.finding_hint")).required().render(page.errors))
                @if !page.themes.is_empty() {
                    (Choices::checkboxes("themes", ctx.t("interviews.admin.themes"), options, &page.finding.themes).render(page.errors))
                }
                div { button.ds-button type="submit" data-variant="primary" { (ctx.t("interviews.admin.record.add_finding")) } }
            }
        }
    }
}
