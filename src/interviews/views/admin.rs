//! Markup of the staff interview pages: the shared pieces (paths, the
//! section's own navigation, status tags), the list of businesses and one
//! business with its actions.

use maud::{Markup, html};
use uuid::Uuid;

use crate::entities::business::{self, Format, Status};
use crate::entities::{contact, interview, interview_slot, theme, user};
use crate::interviews::service::Listed;
use crate::interviews::{industry, size};
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::{Precision, time};
use crate::web::csrf;
use crate::web::forms::notice;

pub const LIST_PATH: &str = "/admin/intervjuer";
pub const SLOTS_PATH: &str = "/admin/intervjuer/tider";
pub const GUIDE_PATH: &str = "/admin/intervjuer/guide";

pub fn business_path(id: Uuid) -> String {
    format!("{LIST_PATH}/{id}")
}

pub fn record_path(id: Uuid) -> String {
    format!("{LIST_PATH}/{id}/intervju")
}

pub const STATUSES: [Status; 4] = [
    Status::Registered,
    Status::Scheduled,
    Status::Interviewed,
    Status::Declined,
];

pub fn status_code(status: Status) -> &'static str {
    match status {
        Status::Registered => "registered",
        Status::Scheduled => "scheduled",
        Status::Interviewed => "interviewed",
        Status::Declined => "declined",
    }
}

pub fn parse_status(code: &str) -> Option<Status> {
    STATUSES
        .into_iter()
        .find(|status| status_code(*status) == code)
}

pub fn status_tag(ctx: &PageContext, status: Status) -> Markup {
    let colour = match status {
        Status::Registered => "warning",
        Status::Scheduled => "info",
        Status::Interviewed => "success",
        Status::Declined => "neutral",
    };
    html! {
        span.ds-tag data-color=(colour) { (ctx.t(&format!("interviews.status.{}", status_code(status)))) }
    }
}

pub fn format_label(ctx: &PageContext, format: Format) -> &'static str {
    let code = match format {
        Format::AtCompany => "at_company",
        Format::TownHall => "town_hall",
        Format::Video => "video",
        Format::Phone => "phone",
    };
    ctx.t(&format!("interviews.format.{code}"))
}

pub fn industry_label(ctx: &PageContext, letter: &str) -> String {
    format!("{letter} – {}", ctx.t(&industry::label_key(letter)))
}

/// A number of employees when given, else the band.
pub fn size_label(ctx: &PageContext, business: &business::Model) -> String {
    match (business.employees, business.size_band.as_deref()) {
        (Some(count), _) => ctx.tr(
            "interviews.admin.employees",
            &[("count", &count.to_string())],
        ),
        (None, Some(band)) => ctx.t(&size::label_key(band)).to_owned(),
        (None, None) => "–".to_owned(),
    }
}

/// A slot's day and times, in Oslo time.
pub fn slot_when(ctx: &PageContext, slot: &interview_slot::Model) -> Markup {
    html! {
        (time(ctx.lang, slot.starts_at, Precision::Minute))
        "–"
        (slot.ends_at.with_timezone(&chrono_tz::Europe::Oslo).format("%H:%M"))
    }
}

pub fn theme_tags(ctx: &PageContext, ids: &[Uuid], themes: &[theme::Model]) -> Markup {
    html! {
        @if !ids.is_empty() {
            ul.cluster.plain-list {
                @for theme in themes.iter().filter(|theme| ids.contains(&theme.id)) {
                    li { span.ds-tag data-color="accent" { (name_in(theme, ctx.lang)) } }
                }
            }
        }
    }
}

/// The section's own pages: businesses, slots and the guide.
/// A page of the interviews section with its heading, the section's own
/// navigation and any notice, above `content`.
pub fn section_page(
    ctx: &PageContext,
    me: &user::Model,
    title: &str,
    current: &str,
    flash: Option<&str>,
    content: Markup,
) -> Markup {
    admin_page(
        ctx,
        me,
        title,
        Section::Interviews,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                (subnav(ctx, current))
                (notice(flash.map(|key| ctx.t(key))))
                (content)
            }
        },
    )
}

pub fn subnav(ctx: &PageContext, current: &str) -> Markup {
    html! {
        nav aria-label=(ctx.t("interviews.admin.subnav")) {
            ul.cluster.plain-list {
                @for (path, key) in [
                    (LIST_PATH, "interviews.admin.businesses"),
                    (SLOTS_PATH, "interviews.admin.slots.title"),
                    (GUIDE_PATH, "interviews.admin.guide.title"),
                ] {
                    li { a.ds-link href=(path) aria-current=[(path == current).then_some("page")] { (ctx.t(key)) } }
                }
            }
        }
    }
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
            @if danger {
                button.ds-button type="submit" data-variant="secondary" data-color="danger" { (label) }
            } @else {
                button.ds-button type="submit" data-variant="secondary" { (label) }
            }
        }
    }
}

/// What the list shows and how it is filtered.
pub struct ListPage<'a> {
    pub rows: &'a [&'a Listed],
    pub counts: [usize; 4],
    pub total: usize,
    /// Industries present, with how many businesses each.
    pub industries: Vec<(String, usize)>,
    pub status: Option<Status>,
    pub industry: Option<String>,
    pub themes: &'a [theme::Model],
}

impl ListPage<'_> {
    fn href(&self, status: Option<Status>) -> String {
        let mut href = format!(
            "{LIST_PATH}?status={}",
            status.map(status_code).unwrap_or("alle")
        );
        if let Some(letter) = &self.industry {
            href.push_str("&bransje=");
            href.push_str(letter);
        }
        href
    }
}

pub fn list(ctx: &PageContext, me: &user::Model, page: &ListPage, flash: Option<&str>) -> Markup {
    let title = ctx.t("interviews.admin.title");
    section_page(
        ctx,
        me,
        title,
        LIST_PATH,
        flash,
        html! {
            nav aria-label=(ctx.t("interviews.admin.tabs_label")) {
                ul.cluster.plain-list {
                    @for (index, status) in STATUSES.into_iter().enumerate() {
                        li { a.ds-link href=(page.href(Some(status))) aria-current=[(page.status == Some(status)).then_some("page")] {
                            (ctx.t(&format!("interviews.status.{}", status_code(status)))) " (" (page.counts[index]) ")"
                        } }
                    }
                    li { a.ds-link href=(page.href(None)) aria-current=[page.status.is_none().then_some("page")] {
                        (ctx.t("interviews.admin.all")) " (" (page.total) ")"
                    } }
                }
            }
            form.cluster method="get" action=(LIST_PATH) {
                input type="hidden" name="status" value=(page.status.map(status_code).unwrap_or("alle"));
                div.ds-field {
                    label.ds-label for="bransje" { (ctx.t("interviews.admin.industry")) }
                    select.ds-input #bransje name="bransje" {
                        option value="" { (ctx.t("interviews.admin.all_industries")) }
                        @for (letter, count) in &page.industries {
                            option value=(letter) selected[page.industry.as_deref() == Some(letter.as_str())] {
                                (industry_label(ctx, letter)) " (" (count) ")"
                            }
                        }
                    }
                }
                button.ds-button type="submit" data-variant="secondary" { (ctx.t("interviews.admin.filter")) }
            }
            @if page.rows.is_empty() {
                div.ds-alert data-color="info" { (ctx.t("interviews.admin.none")) }
            } @else {
                div.table-wrap role="region" aria-labelledby="businesses-caption" tabindex="0" {
                    table.ds-table data-border {
                        caption #businesses-caption { (ctx.tr("interviews.admin.caption", &[("count", &page.rows.len().to_string())])) }
                        thead { tr {
                            th scope="col" { (ctx.t("interviews.admin.business")) }
                            th scope="col" { (ctx.t("interviews.admin.status")) }
                            th scope="col" { (ctx.t("interviews.admin.booked")) }
                            th scope="col" { (ctx.t("interviews.admin.industry")) }
                            th scope="col" { (ctx.t("interviews.admin.size")) }
                            th scope="col" { (ctx.t("interviews.admin.themes")) }
                            th scope="col" { (ctx.t("interviews.admin.format")) }
                        } }
                        tbody {
                            @for row in page.rows {
                                tr {
                                    th scope="row" {
                                        a.ds-link href=(business_path(row.business.id)) { (row.business.name) }
                                        @if row.business.wants_contact {
                                            " " span.ds-tag data-color="warning" { (ctx.t("interviews.admin.wants_contact")) }
                                        }
                                    }
                                    td { (status_tag(ctx, row.business.status)) }
                                    td { @if let Some(slot) = &row.slot { (slot_when(ctx, slot)) } @else { "–" } }
                                    td { (industry_label(ctx, &row.business.industry)) }
                                    td { (size_label(ctx, &row.business)) }
                                    td { (theme_tags(ctx, &row.themes, page.themes)) }
                                    td { (format_label(ctx, row.business.preferred_format)) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// One business as the detail page shows it.
pub struct DetailPage<'a> {
    pub business: &'a business::Model,
    pub slot: Option<&'a interview_slot::Model>,
    pub themes: &'a [Uuid],
    pub all_themes: &'a [theme::Model],
    /// None for readers who may not see personal data.
    pub contact: Option<Option<&'a contact::Model>>,
    /// Free slots to book; empty for readers.
    pub free: &'a [interview_slot::Model],
    pub record: Option<&'a interview::Model>,
    pub editor: bool,
}

pub fn detail(
    ctx: &PageContext,
    me: &user::Model,
    page: &DetailPage,
    flash: Option<&str>,
) -> Markup {
    let business = page.business;
    let path = business_path(business.id);
    let open = !matches!(business.status, Status::Interviewed | Status::Declined);
    admin_page(
        ctx,
        me,
        &business.name,
        Section::Interviews,
        html! {
            div.stack {
                p.ds-paragraph { a.ds-link href=(LIST_PATH) { (ctx.t("interviews.admin.back")) } }
                h1.ds-heading data-size="md" { (business.name) }
                (notice(flash.map(|key| ctx.t(key))))
                dl.facts {
                    div { dt { (ctx.t("interviews.admin.status")) } dd { (status_tag(ctx, business.status)) } }
                    div { dt { (ctx.t("interviews.admin.booked")) } dd {
                        @if let Some(slot) = page.slot { (slot_when(ctx, slot)) } @else { (ctx.t("interviews.admin.no_time")) }
                    } }
                    @if business.wants_contact {
                        div { dt { (ctx.t("interviews.admin.wants_contact")) } dd { (ctx.t("interviews.admin.yes")) } }
                    }
                    div { dt { (ctx.t("interviews.admin.org_number")) } dd { (business.org_number) } }
                    div { dt { (ctx.t("interviews.admin.industry")) } dd { (industry_label(ctx, &business.industry)) } }
                    div { dt { (ctx.t("interviews.admin.size")) } dd { (size_label(ctx, business)) } }
                    div { dt { (ctx.t("interviews.admin.format")) } dd { (format_label(ctx, business.preferred_format)) } }
                    div { dt { (ctx.t("interviews.admin.themes")) } dd { (theme_tags(ctx, page.themes, page.all_themes)) } }
                    div { dt { (ctx.t("interviews.admin.registered_at")) } dd { (time(ctx.lang, business.created_at, Precision::Minute)) } }
                    @if page.editor {
                        @if let Some(message) = &business.message {
                            div { dt { (ctx.t("interviews.admin.message")) } dd.user-text { (message) } }
                        }
                    }
                }
                @if let Some(contact) = page.contact {
                    section.stack aria-labelledby="contact-heading" {
                        h2.ds-heading data-size="sm" #contact-heading { (ctx.t("interviews.admin.contact")) }
                        @if let Some(contact) = contact {
                            dl.facts {
                                div { dt { (ctx.t("interviews.admin.contact_name")) } dd.user-text { (contact.name.as_deref().unwrap_or("–")) } }
                                div { dt { (ctx.t("interviews.admin.email")) } dd.user-text {
                                    @if let Some(email) = &contact.email { a.ds-link href={ "mailto:" (email) } { (email) } } @else { "–" }
                                } }
                                div { dt { (ctx.t("interviews.admin.phone")) } dd {
                                    @if let Some(phone) = &contact.phone { a.ds-link href={ "tel:" (phone) } { (phone) } } @else { "–" }
                                } }
                            }
                            (post_button(ctx, &format!("{path}/slett-kontakt"), &[], ctx.t("interviews.admin.erase_contact"), true))
                        } @else {
                            p.ds-paragraph { (ctx.t("interviews.admin.contact_erased")) }
                        }
                    }
                }
                @if page.editor {
                    section.stack aria-labelledby="actions-heading" {
                        h2.ds-heading data-size="sm" #actions-heading { (ctx.t("interviews.admin.actions")) }
                        div.cluster {
                            a.ds-button data-variant="primary" href=(record_path(business.id)) {
                                @if page.record.is_some() { (ctx.t("interviews.admin.open_record")) } @else { (ctx.t("interviews.admin.start_record")) }
                            }
                        }
                        @if open {
                            @if page.free.is_empty() {
                                p.ds-paragraph { (ctx.t("interviews.admin.no_free")) " " a.ds-link href=(SLOTS_PATH) { (ctx.t("interviews.admin.slots.title")) } }
                            } @else {
                                form.cluster method="post" action={ (path) "/tid" } {
                                    (csrf::field(&ctx.csrf_token()))
                                    div.ds-field {
                                        label.ds-label for="slot" {
                                            @if page.slot.is_some() { (ctx.t("interviews.admin.move_to")) } @else { (ctx.t("interviews.admin.book_slot")) }
                                        }
                                        select.ds-input #slot name="slot" {
                                            @for slot in page.free {
                                                option value=(slot.id) { (crate::web::components::time::format(ctx.lang, slot.starts_at, Precision::Minute)) }
                                            }
                                        }
                                    }
                                    button.ds-button type="submit" data-variant="secondary" {
                                        @if page.slot.is_some() { (ctx.t("interviews.admin.move")) } @else { (ctx.t("interviews.admin.book")) }
                                    }
                                }
                            }
                        }
                        div.cluster {
                            @if page.slot.is_some() {
                                (post_button(ctx, &format!("{path}/avlys"), &[], ctx.t("interviews.admin.cancel_time"), true))
                            }
                            @if open {
                                (post_button(ctx, &format!("{path}/status"), &[("status", "declined")], ctx.t("interviews.admin.decline"), true))
                            }
                            @if business.status == Status::Declined {
                                (post_button(ctx, &format!("{path}/status"), &[("status", "registered")], ctx.t("interviews.admin.reopen"), false))
                            }
                        }
                    }
                }
            }
        },
    )
}
