//! Markup of the moderation pages: the queue with its status tabs, and one
//! idea with its contact details and a form for each action.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::entities::input::{self, Status};
use crate::entities::input_theme::Origin;
use crate::entities::{theme, user};
use crate::inputs::moderation::{InputDetail, version};
use crate::inputs::status_code;
use crate::themes::service::name_in;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::time::{Precision, time};
use crate::web::forms::{Choices, Field, FormErrors, checkbox, error_summary, notice};
use crate::web::layout::paragraphs;
use crate::web::{Lang, PageContext, csrf};

pub const QUEUE_PATH: &str = "/admin/ideer";

pub fn detail_path(id: impl std::fmt::Display) -> String {
    format!("{QUEUE_PATH}/{id}")
}

pub(super) fn status_label(ctx: &PageContext, status: Status) -> &'static str {
    ctx.t(&format!("ideas_admin.status.{}", status_code(status)))
}

pub(super) fn group_label(ctx: &PageContext, code: &str) -> String {
    match crate::inputs::StakeholderGroup::parse(code) {
        Some(group) => ctx
            .t(&format!("ideas_admin.group.{}", group.code()))
            .to_owned(),
        None => code.to_owned(),
    }
}

pub(super) fn title_of(ctx: &PageContext, idea: &input::Model) -> String {
    match idea.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => title.to_owned(),
        _ => ctx.t("ideas_admin.untitled").to_owned(),
    }
}

/// When something happened, to the minute, in the reader's language.
pub(super) fn when(ctx: &PageContext, at: &DateTime<Utc>) -> Markup {
    time(ctx.lang, *at, Precision::Minute)
}

/// A status as a tag whose colour says whether the idea needs someone: waiting
/// is a warning, public is good, hidden is stopped, closed ones are neutral.
pub(super) fn status_badge(ctx: &PageContext, status: Status) -> Markup {
    let colour = match status {
        Status::Pending => "warning",
        Status::Published => "success",
        Status::Hidden => "danger",
        Status::Merged | Status::Withdrawn => "neutral",
    };
    html! {
        span.ds-tag data-color=(colour) { (status_label(ctx, status)) }
    }
}

/// What the forms on the detail page show: the idea's own values, or what a
/// failed submission sent, with its messages.
pub struct FormState {
    pub title: String,
    pub body: String,
    pub reason: String,
    pub tell_sender: bool,
    pub into: String,
    pub errors: FormErrors,
}

impl FormState {
    pub fn for_idea(idea: &input::Model) -> Self {
        Self {
            title: idea.title.clone().unwrap_or_default(),
            body: idea.body.clone(),
            reason: idea.moderation_note.clone().unwrap_or_default(),
            tell_sender: false,
            into: String::new(),
            errors: FormErrors::new(),
        }
    }
}

/// Everything the detail page shows besides the forms' values.
pub struct DetailPage<'a> {
    pub detail: &'a InputDetail,
    pub active_themes: &'a [theme::Model],
    pub merge_targets: &'a [input::Model],
    pub flash: Option<&'a str>,
}

pub fn detail(
    ctx: &PageContext,
    user: &user::Model,
    page: &DetailPage<'_>,
    form: &FormState,
) -> Markup {
    let idea = &page.detail.input;
    let title = title_of(ctx, idea);
    let open = !matches!(idea.status, Status::Merged | Status::Withdrawn);
    admin_page(
        ctx,
        user,
        &title,
        Section::Ideas,
        html! {
            div.page-medium {
                p.ds-paragraph {
                    a.ds-link href={ (QUEUE_PATH) "?status=" (status_code(idea.status)) } { (ctx.t("ideas_admin.back")) }
                }
                h1.ds-heading.user-text data-size="md" { (title) }
                div.stack {
                    (notice(page.flash))
                    (error_summary(ctx.lang, &form.errors))
                }
                (facts(ctx, page.detail))
                section aria-labelledby="text-heading" {
                    h2.ds-heading data-size="sm" #text-heading { (ctx.t("ideas_admin.text")) }
                    div.stack {
                        div.user-text { (paragraphs(&idea.body)) }
                        (edit(ctx, idea, form))
                    }
                }
                (contact(ctx, page.detail))
                section aria-labelledby="moderate-heading" {
                    h2.ds-heading data-size="sm" #moderate-heading { (ctx.t("ideas_admin.moderate")) }
                    @if open {
                        (moderate(ctx, page.detail, page.merge_targets, form))
                    } @else {
                        div.ds-alert data-color="info" { (ctx.t("ideas_admin.closed")) }
                    }
                }
                (themes(ctx, page.detail, page.active_themes))
            }
        },
    )
}

fn facts(ctx: &PageContext, detail: &InputDetail) -> Markup {
    let idea = &detail.input;
    let language = Lang::from_code(&idea.language)
        .map(Lang::native_name)
        .unwrap_or(idea.language.as_str());
    html! {
        section aria-labelledby="facts-heading" {
            h2.ds-heading data-size="sm" #facts-heading { (ctx.t("ideas_admin.facts")) }
            dl.facts {
                div { dt { (ctx.t("ideas_admin.col_status")) } dd { (status_badge(ctx, idea.status)) } }
                @if let Some(reason) = &idea.moderation_note {
                    div { dt { (ctx.t("ideas_admin.hidden_reason")) } dd.user-text { (reason) } }
                }
                div { dt { (ctx.t("ideas_admin.col_received")) } dd { (when(ctx, &idea.created_at)) } }
                div { dt { (ctx.t("ideas_admin.published")) } dd {
                    @if let Some(at) = &idea.published_at { (when(ctx, at)) } @else { (ctx.t("ideas_admin.not_published")) }
                } }
                div { dt { (ctx.t("ideas_admin.col_group")) } dd { (group_label(ctx, &idea.stakeholder_group)) } }
                div { dt { (ctx.t("ideas_admin.location")) } dd.user-text {
                    @if let Some(location) = idea.location.as_deref().filter(|l| !l.trim().is_empty()) { (location) }
                    @else { (ctx.t("ideas_admin.not_given")) }
                } }
                div { dt { (ctx.t("ideas_admin.language")) } dd lang=(idea.language) { (language) } }
                div { dt { (ctx.t("ideas_admin.col_supports")) } dd { (idea.support_count) } }
                @if let Some(target) = &detail.merged_into {
                    div { dt { (ctx.t("ideas_admin.merged_into")) } dd {
                        a.ds-link href=(detail_path(target.id)) { (title_of(ctx, target)) }
                    } }
                }
                @if !detail.originals.is_empty() {
                    div { dt { (ctx.t("ideas_admin.originals")) } dd {
                        ul.plain-list {
                            @for original in &detail.originals {
                                li { a.ds-link href=(detail_path(original.id)) { (title_of(ctx, original)) } }
                            }
                        }
                    } }
                }
            }
        }
    }
}

/// The sender's personal data; this page is for editors only.
fn contact(ctx: &PageContext, detail: &InputDetail) -> Markup {
    let yes_no = |value: bool| {
        ctx.t(if value {
            "ideas_admin.yes"
        } else {
            "ideas_admin.no"
        })
    };
    html! {
        section aria-labelledby="contact-heading" {
            h2.ds-heading data-size="sm" #contact-heading { (ctx.t("ideas_admin.contact")) }
            div.ds-card.stack {
                p.ds-paragraph data-size="sm" { (ctx.t("ideas_admin.contact_note")) }
                @match &detail.contact {
                    Some(contact) => {
                        dl.facts {
                            div { dt { (ctx.t("ideas_admin.contact_name")) } dd.user-text {
                                @if let Some(name) = &contact.name { (name) } @else { (ctx.t("ideas_admin.not_given")) }
                            } }
                            div { dt { (ctx.t("ideas_admin.contact_email")) } dd.user-text {
                                @if let Some(email) = &contact.email { a.ds-link href={ "mailto:" (email) } { (email) } }
                                @else { (ctx.t("ideas_admin.not_given")) }
                            } }
                            div { dt { (ctx.t("ideas_admin.contact_news")) } dd { (yes_no(contact.news_opt_in)) } }
                        }
                    }
                    None => p.ds-paragraph { (ctx.t("ideas_admin.no_contact")) }
                }
            }
        }
    }
}

fn has_email(detail: &InputDetail) -> bool {
    detail
        .contact
        .as_ref()
        .and_then(|contact| contact.email.as_deref())
        .is_some_and(|email| !email.is_empty())
}

/// Publishing, and folded below it the rarer outcomes: hiding with a reason,
/// and merging into a like idea. A fold opens when its message must be seen,
/// so the error summary's link lands in it.
fn moderate(
    ctx: &PageContext,
    detail: &InputDetail,
    targets: &[input::Model],
    form: &FormState,
) -> Markup {
    let id = detail.input.id;
    let token = ctx.csrf_token();
    let hidden = detail.input.status == Status::Hidden;
    html! {
        div.stack {
            @if detail.input.status != Status::Published {
                form method="post" action={ (detail_path(id)) "/publiser" } {
                    (csrf::field(&token))
                    input type="hidden" name="version" value=(version(&detail.input));
                    button.ds-button type="submit" data-variant="primary" { (ctx.t("ideas_admin.publish")) }
                }
            }
            div.ds-card {
                details.ds-details open[form.errors.get("reason").is_some()] {
                    summary {
                        (if hidden { ctx.t("ideas_admin.hidden_reason") } else { ctx.t("ideas_admin.hide") })
                    }
                    div {
                        form.stack method="post" action={ (detail_path(id)) "/skjul" } novalidate {
                            (csrf::field(&token))
                            (Field::new("reason", ctx.t("ideas_admin.hide_reason"), &form.reason)
                                .kind("textarea")
                                .hint(ctx.t("ideas_admin.hide_reason_hint"))
                                .required()
                                .render(&form.errors))
                            @if has_email(detail) {
                                (checkbox("tell_sender", ctx.t("ideas_admin.tell_sender"), form.tell_sender, &form.errors))
                            } @else {
                                p.ds-paragraph data-size="sm" { (ctx.t("ideas_admin.no_email")) }
                            }
                            div {
                                button.ds-button type="submit" data-variant="primary" data-color="danger" {
                                    (if hidden { ctx.t("ideas_admin.hide_again") } else { ctx.t("ideas_admin.hide") })
                                }
                            }
                        }
                    }
                }
                (merge(ctx, &detail.input, targets, form))
            }
        }
    }
}

fn origin_label(ctx: &PageContext, origin: Origin) -> &'static str {
    ctx.t(match origin {
        Origin::Manual => "ideas_admin.origin.manual",
        Origin::Confirmed => "ideas_admin.origin.confirmed",
        Origin::Suggested => "ideas_admin.origin.suggested",
    })
}

fn themes(ctx: &PageContext, detail: &InputDetail, active: &[theme::Model]) -> Markup {
    let chosen: Vec<String> = detail
        .tags
        .iter()
        .filter(|tag| tag.origin != Origin::Suggested)
        .map(|tag| tag.theme.id.to_string())
        .collect();
    let options = active
        .iter()
        .map(|theme| (theme.id.to_string(), name_in(theme, ctx.lang).to_owned()))
        .collect();
    html! {
        section aria-labelledby="themes-heading" {
            h2.ds-heading data-size="sm" #themes-heading { (ctx.t("ideas_admin.themes")) }
            div.stack {
                @if detail.tags.is_empty() {
                    p.ds-paragraph { (ctx.t("ideas_admin.themes_none")) }
                } @else {
                    ul.cluster.plain-list {
                        @for tag in &detail.tags {
                            li {
                                span.ds-tag data-color="accent" {
                                    (name_in(&tag.theme, ctx.lang))
                                    " (" (origin_label(ctx, tag.origin))
                                    @if !tag.theme.active { ", " (ctx.t("ideas_admin.inactive_theme")) }
                                    ")"
                                }
                            }
                        }
                    }
                }
                @if active.is_empty() {
                    div.ds-alert data-color="info" { (ctx.t("ideas_admin.no_active_themes")) }
                } @else {
                    form.stack method="post" action={ (detail_path(detail.input.id)) "/tema" } {
                        (csrf::field(&ctx.csrf_token()))
                        (Choices::checkboxes("themes", ctx.t("ideas_admin.themes_legend"), options, &chosen)
                            .render(&FormErrors::new()))
                        div {
                            button.ds-button type="submit" data-variant="secondary" { (ctx.t("ideas_admin.themes_save")) }
                        }
                    }
                }
            }
        }
    }
}

fn edit(ctx: &PageContext, idea: &input::Model, form: &FormState) -> Markup {
    let open = form.errors.get("title").is_some() || form.errors.get("body").is_some();
    html! {
        div.ds-card {
            details.ds-details open[open] {
                summary { (ctx.t("ideas_admin.edit")) }
                div.stack {
                    p.ds-paragraph data-size="sm" { (ctx.t("ideas_admin.edit_hint")) }
                    form.stack method="post" action={ (detail_path(idea.id)) "/rediger" } novalidate {
                        (csrf::field(&ctx.csrf_token()))
                        (Field::new("title", ctx.t("ideas_admin.edit_title"), &form.title)
                            .hint(ctx.t("ideas_admin.edit_title_hint"))
                            .required()
                            .render(&form.errors))
                        (Field::new("body", ctx.t("ideas_admin.edit_body"), &form.body)
                            .kind("textarea")
                            .hint(ctx.t("ideas_admin.edit_body_hint"))
                            .required()
                            .render(&form.errors))
                        div {
                            button.ds-button type="submit" data-variant="primary" { (ctx.t("ideas_admin.edit_save")) }
                        }
                    }
                }
            }
        }
    }
}

fn merge(
    ctx: &PageContext,
    idea: &input::Model,
    targets: &[input::Model],
    form: &FormState,
) -> Markup {
    let error = form.errors.get("into");
    html! {
        details.ds-details open[error.is_some()] {
            summary { (ctx.t("ideas_admin.merge")) }
            div {
                @if targets.is_empty() {
                    p.ds-paragraph { (ctx.t("ideas_admin.merge_none")) }
                } @else {
                    form.stack method="post" action={ (detail_path(idea.id)) "/slå-sammen" } novalidate {
                        (csrf::field(&ctx.csrf_token()))
                        div.ds-field {
                            label.ds-label for="into" { (ctx.t("ideas_admin.merge_into")) }
                            div data-field="description" #into-hint { (ctx.t("ideas_admin.merge_hint")) }
                            select.ds-input #into name="into" required
                                aria-invalid=[error.map(|_| "true")]
                                aria-describedby=(if error.is_some() { "into-hint into-error" } else { "into-hint" }) {
                                option value="" { (ctx.t("ideas_admin.merge_choose")) }
                                @for target in targets {
                                    @let value = target.id.to_string();
                                    option value=(value) selected[form.into == value] {
                                        (title_of(ctx, target)) " – " (status_label(ctx, target.status))
                                        ", " (crate::web::components::time::format(ctx.lang, target.created_at, Precision::Date))
                                    }
                                }
                            }
                            @if let Some(message) = error {
                                p.ds-validation-message data-field="validation" #into-error { (message) }
                            }
                        }
                        div {
                            button.ds-button type="submit" data-variant="primary" { (ctx.t("ideas_admin.merge_submit")) }
                        }
                    }
                }
            }
        }
    }
}
