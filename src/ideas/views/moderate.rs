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
use crate::web::forms::{Field, FormErrors, error_summary, notice};
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

pub(super) fn status_badge(ctx: &PageContext, status: Status) -> Markup {
    html! {
        span class={ "idea-status idea-status-" (status_code(status)) } { (status_label(ctx, status)) }
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
            p { a href={ (QUEUE_PATH) "?status=" (status_code(idea.status)) } { (ctx.t("ideas_admin.back")) } }
            h1 { (title) }
            (notice(page.flash))
            (error_summary(ctx.lang, &form.errors))
            (facts(ctx, page.detail))
            section.idea-section aria-labelledby="text-heading" {
                h2 #text-heading { (ctx.t("ideas_admin.text")) }
                div.idea-text { (paragraphs(&idea.body)) }
            }
            (contact(ctx, page.detail))
            @if open {
                (moderate(ctx, page.detail, form))
            } @else {
                p.muted { (ctx.t("ideas_admin.closed")) }
            }
            (themes(ctx, page.detail, page.active_themes))
            (edit(ctx, idea, form))
            @if open {
                (merge(ctx, idea, page.merge_targets, form))
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
        section.idea-section aria-labelledby="facts-heading" {
            h2 #facts-heading { (ctx.t("ideas_admin.facts")) }
            dl.idea-facts {
                div { dt { (ctx.t("ideas_admin.col_status")) } dd { (status_badge(ctx, idea.status)) } }
                @if let Some(reason) = &idea.moderation_note {
                    div { dt { (ctx.t("ideas_admin.hidden_reason")) } dd { (reason) } }
                }
                div { dt { (ctx.t("ideas_admin.col_received")) } dd { (when(ctx, &idea.created_at)) } }
                div { dt { (ctx.t("ideas_admin.published")) } dd {
                    @if let Some(at) = &idea.published_at { (when(ctx, at)) } @else { (ctx.t("ideas_admin.not_published")) }
                } }
                div { dt { (ctx.t("ideas_admin.col_group")) } dd { (group_label(ctx, &idea.stakeholder_group)) } }
                div { dt { (ctx.t("ideas_admin.location")) } dd {
                    @if let Some(location) = idea.location.as_deref().filter(|l| !l.trim().is_empty()) { (location) }
                    @else { (ctx.t("ideas_admin.not_given")) }
                } }
                div { dt { (ctx.t("ideas_admin.language")) } dd lang=(idea.language) { (language) } }
                div { dt { (ctx.t("ideas_admin.col_supports")) } dd { (idea.support_count) } }
                @if let Some(target) = &detail.merged_into {
                    div { dt { (ctx.t("ideas_admin.merged_into")) } dd {
                        a href=(detail_path(target.id)) { (title_of(ctx, target)) }
                    } }
                }
                @if !detail.originals.is_empty() {
                    div { dt { (ctx.t("ideas_admin.originals")) } dd {
                        ul.idea-originals {
                            @for original in &detail.originals {
                                li { a href=(detail_path(original.id)) { (title_of(ctx, original)) } }
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
        section.idea-section.idea-contact aria-labelledby="contact-heading" {
            h2 #contact-heading { (ctx.t("ideas_admin.contact")) }
            p.hint { (ctx.t("ideas_admin.contact_note")) }
            @match &detail.contact {
                Some(contact) => {
                    dl.idea-facts {
                        div { dt { (ctx.t("ideas_admin.contact_name")) } dd {
                            @if let Some(name) = &contact.name { (name) } @else { (ctx.t("ideas_admin.not_given")) }
                        } }
                        div { dt { (ctx.t("ideas_admin.contact_email")) } dd {
                            @if let Some(email) = &contact.email { a href={ "mailto:" (email) } { (email) } }
                            @else { (ctx.t("ideas_admin.not_given")) }
                        } }
                        div { dt { (ctx.t("ideas_admin.contact_news")) } dd { (yes_no(contact.news_opt_in)) } }
                    }
                }
                None => p { (ctx.t("ideas_admin.no_contact")) }
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

fn moderate(ctx: &PageContext, detail: &InputDetail, form: &FormState) -> Markup {
    let id = detail.input.id;
    let token = ctx.csrf_token();
    html! {
        section.idea-section aria-labelledby="moderate-heading" {
            h2 #moderate-heading { (ctx.t("ideas_admin.moderate")) }
            @if detail.input.status != Status::Published {
                form method="post" action={ (detail_path(id)) "/publiser" } {
                    (csrf::field(&token))
                    input type="hidden" name="version" value=(version(&detail.input));
                    button.button type="submit" { (ctx.t("ideas_admin.publish")) }
                }
            }
            form.idea-hide method="post" action={ (detail_path(id)) "/skjul" } novalidate {
                (csrf::field(&token))
                (Field::new("reason", ctx.t("ideas_admin.hide_reason"), &form.reason)
                    .kind("textarea")
                    .hint(ctx.t("ideas_admin.hide_reason_hint"))
                    .required()
                    .render(&form.errors))
                @if has_email(detail) {
                    div.choice {
                        input #tell_sender type="checkbox" name="tell_sender" value="true" checked[form.tell_sender];
                        label for="tell_sender" { (ctx.t("ideas_admin.tell_sender")) }
                    }
                } @else {
                    p.hint { (ctx.t("ideas_admin.no_email")) }
                }
                button.button type="submit" {
                    (if detail.input.status == Status::Hidden { ctx.t("ideas_admin.hide_again") } else { ctx.t("ideas_admin.hide") })
                }
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
    let chosen = |theme_id| {
        detail
            .tags
            .iter()
            .any(|tag| tag.theme.id == theme_id && tag.origin != Origin::Suggested)
    };
    html! {
        section.idea-section aria-labelledby="themes-heading" {
            h2 #themes-heading { (ctx.t("ideas_admin.themes")) }
            @if detail.tags.is_empty() {
                p { (ctx.t("ideas_admin.themes_none")) }
            } @else {
                ul.idea-tags {
                    @for tag in &detail.tags {
                        li {
                            (name_in(&tag.theme, ctx.lang))
                            " " span.muted { "(" (origin_label(ctx, tag.origin))
                                @if !tag.theme.active { ", " (ctx.t("ideas_admin.inactive_theme")) }
                            ")" }
                        }
                    }
                }
            }
            @if active.is_empty() {
                p.muted { (ctx.t("ideas_admin.no_active_themes")) }
            } @else {
                form method="post" action={ (detail_path(detail.input.id)) "/tema" } {
                    (csrf::field(&ctx.csrf_token()))
                    fieldset {
                        legend { (ctx.t("ideas_admin.themes_legend")) }
                        @for theme in active {
                            div.choice {
                                input id={ "theme-" (theme.id) } type="checkbox" name="themes" value=(theme.id) checked[chosen(theme.id)];
                                label for={ "theme-" (theme.id) } { (name_in(theme, ctx.lang)) }
                            }
                        }
                    }
                    button.button type="submit" { (ctx.t("ideas_admin.themes_save")) }
                }
            }
        }
    }
}

fn edit(ctx: &PageContext, idea: &input::Model, form: &FormState) -> Markup {
    html! {
        section.idea-section aria-labelledby="edit-heading" {
            h2 #edit-heading { (ctx.t("ideas_admin.edit")) }
            p.hint { (ctx.t("ideas_admin.edit_hint")) }
            form method="post" action={ (detail_path(idea.id)) "/rediger" } novalidate {
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
                button.button type="submit" { (ctx.t("ideas_admin.edit_save")) }
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
        section.idea-section aria-labelledby="merge-heading" {
            h2 #merge-heading { (ctx.t("ideas_admin.merge")) }
            @if targets.is_empty() {
                p { (ctx.t("ideas_admin.merge_none")) }
            } @else {
                form method="post" action={ (detail_path(idea.id)) "/slå-sammen" } novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    div.field.field-error[error.is_some()] {
                        label for="into" { (ctx.t("ideas_admin.merge_into")) }
                        p.hint #into-hint { (ctx.t("ideas_admin.merge_hint")) }
                        @if let Some(message) = error {
                            p.error-message #into-error { (message) }
                        }
                        select #into name="into" required
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
                    }
                    button.button type="submit" { (ctx.t("ideas_admin.merge_submit")) }
                }
            }
        }
    }
}
