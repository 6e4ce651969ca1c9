//! The business's private page: its registration, the time it holds or the
//! free times to pick from, and the ways to ask for a call, cancel or withdraw.

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Europe::Oslo;
use maud::{Markup, html};

use crate::domain::OrgNumber;
use crate::entities::business::{self, Status};
use crate::entities::{contact, interview_slot, theme};
use crate::interviews::forms::format_label_key;
use crate::interviews::service::private_path;
use crate::interviews::{industry, size};
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::components::time::{Precision, format};
use crate::web::csrf;
use crate::web::forms::{FormErrors, error_summary, notice};
use crate::web::layout::layout;

/// What the private page shows.
pub struct MinePage<'a> {
    pub business: &'a business::Model,
    /// None once the contact person is erased.
    pub contact: Option<&'a contact::Model>,
    /// The themes the business chose.
    pub themes: &'a [theme::Model],
    pub slot: Option<&'a interview_slot::Model>,
    pub free: &'a [interview_slot::Model],
    pub token: &'a str,
    pub flash: Option<&'a str>,
    /// A booking refused (taken, gone), shown at the list of times.
    pub errors: &'a FormErrors,
}

pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::Registered => "interviews.status.registered",
        Status::Scheduled => "interviews.status.scheduled",
        Status::Interviewed => "interviews.status.interviewed",
        Status::Declined => "interviews.status.declined",
    }
}

fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "interviews.public.weekday.mon",
        Weekday::Tue => "interviews.public.weekday.tue",
        Weekday::Wed => "interviews.public.weekday.wed",
        Weekday::Thu => "interviews.public.weekday.thu",
        Weekday::Fri => "interviews.public.weekday.fri",
        Weekday::Sat => "interviews.public.weekday.sat",
        Weekday::Sun => "interviews.public.weekday.sun",
    }
}

fn local_day(slot: &interview_slot::Model) -> NaiveDate {
    slot.starts_at.with_timezone(&Oslo).date_naive()
}

/// "Torsdag 05.03.2026".
fn day_label(ctx: &PageContext, slot: &interview_slot::Model) -> String {
    format!(
        "{} {}",
        ctx.t(weekday_key(local_day(slot).weekday())),
        format(ctx.lang, slot.starts_at, Precision::Date)
    )
}

fn hours(slot: &interview_slot::Model) -> String {
    let clock = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&Oslo).format("%H:%M");
    format!("{}–{}", clock(slot.starts_at), clock(slot.ends_at))
}

/// The place as a business reads it in a list: the address, or "video".
fn place(ctx: &PageContext, slot: &interview_slot::Model) -> Option<String> {
    match (&slot.location, &slot.online_url) {
        (Some(place), _) if !place.trim().is_empty() => Some(place.clone()),
        (_, Some(_)) => Some(ctx.t("interviews.public.slot_video").to_owned()),
        _ => None,
    }
}

/// Free slots by their day in Norwegian time, in order.
fn by_day(free: &[interview_slot::Model]) -> Vec<(NaiveDate, Vec<&interview_slot::Model>)> {
    let mut days: Vec<(NaiveDate, Vec<&interview_slot::Model>)> = Vec::new();
    for slot in free {
        let day = local_day(slot);
        match days.last_mut() {
            Some((last, slots)) if *last == day => slots.push(slot),
            _ => days.push((day, vec![slot])),
        }
    }
    days
}

pub fn mine(ctx: &PageContext, page: &MinePage) -> Markup {
    let business = page.business;
    let title = ctx.tr(
        "interviews.public.mine_title",
        &[("business", &business.name)],
    );
    let open = matches!(business.status, Status::Registered | Status::Scheduled);
    let path = private_path(page.token);
    layout(
        ctx,
        &title,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(page.flash.map(|key| ctx.t(key))))
                (error_summary(ctx.lang, page.errors))
                @match business.status {
                    Status::Declined => {
                        div.ds-alert.stack data-color="info" {
                            p.ds-paragraph { (ctx.t("interviews.public.withdrawn_note")) }
                            p.ds-paragraph { a.ds-link href="/intervju" { (ctx.t("interviews.public.register_again")) } }
                        }
                    }
                    Status::Interviewed => {
                        div.ds-alert data-color="info" { (ctx.t("interviews.public.interviewed_note")) }
                    }
                    _ => {}
                }
                @if open {
                    @if let Some(slot) = page.slot {
                        (booked(ctx, slot, &path))
                    } @else if business.wants_contact {
                        div.ds-alert data-color="info" { (ctx.t("interviews.public.wants_contact_note")) }
                    }
                    (picker(ctx, page, &path))
                    @if page.slot.is_none() && !business.wants_contact {
                        (action(ctx, &path, "kontakt", "call", false))
                    }
                }
                (summary(ctx, page))
                @if open {
                    (action(ctx, &path, "trekk", "withdraw", true))
                }
            }
        },
    )
}

fn booked(ctx: &PageContext, slot: &interview_slot::Model, path: &str) -> Markup {
    html! {
        section.ds-card.stack aria-labelledby="booked-heading" {
            h2.ds-heading data-size="sm" #booked-heading { (ctx.t("interviews.public.booked_heading")) }
            dl.facts {
                div {
                    dt { (ctx.t("interviews.public.when")) }
                    dd #booked-time { (day_label(ctx, slot)) " " (hours(slot)) }
                }
                @if let Some(place) = &slot.location {
                    div { dt { (ctx.t("interviews.public.where")) } dd.user-text { (place) } }
                }
                @if let Some(link) = &slot.online_url {
                    div { dt { (ctx.t("interviews.public.online")) } dd.user-text { a.ds-link href=(link) { (link) } } }
                }
            }
            p.ds-paragraph { (ctx.t("interviews.public.calendar_note")) }
            form method="post" action={ (path) "/avlys" } {
                (csrf::field(&ctx.csrf_token()))
                p.ds-paragraph { (ctx.t("interviews.public.cancel_text")) }
                button.ds-button type="submit" data-variant="secondary" data-color="danger" {
                    (ctx.t("interviews.public.cancel_button"))
                }
            }
        }
    }
}

/// The free times as radio buttons, a fieldset per day inside the one for
/// the whole choice, so a screen reader hears the day with each time.
fn picker(ctx: &PageContext, page: &MinePage, path: &str) -> Markup {
    let moving = page.slot.is_some();
    let error = page.errors.get("slot");
    let heading = if moving {
        ctx.t("interviews.public.move_heading")
    } else {
        ctx.t("interviews.public.pick_heading")
    };
    html! {
        section.stack aria-labelledby="pick-heading" {
            h2.ds-heading data-size="sm" #pick-heading { (heading) }
            @if page.free.is_empty() {
                div.ds-alert data-color="info" { (ctx.t("interviews.public.slots_none")) }
            } @else {
                form.stack method="post" action={ (path) "/bestill" } novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    fieldset.ds-fieldset aria-describedby=[error.map(|_| "slot-error")] {
                        legend.ds-label { (ctx.t("interviews.public.slots_legend")) }
                        @for (index, (_, slots)) in by_day(page.free).iter().enumerate() {
                            fieldset.ds-fieldset {
                                legend.ds-label data-weight="regular" { (day_label(ctx, slots[0])) }
                                div.choices {
                                    @for (n, slot) in slots.iter().enumerate() {
                                        // The first time's id is the group's, for the summary's link.
                                        @let id = if index == 0 && n == 0 { "slot".to_owned() } else { format!("slot-{}", slot.id) };
                                        div.ds-field {
                                            input.ds-input type="radio" id=(id) name="slot" value=(slot.id)
                                                aria-invalid=[error.map(|_| "true")];
                                            label.ds-label data-weight="regular" for=(id) {
                                                (hours(slot))
                                                @if let Some(place) = place(ctx, slot) { ", " (place) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        @if let Some(message) = error {
                            p.ds-validation-message data-field="validation" id="slot-error" { (message) }
                        }
                    }
                    div {
                        button.ds-button type="submit" data-variant="primary" {
                            (if moving { ctx.t("interviews.public.move_button") } else { ctx.t("interviews.public.book_button") })
                        }
                    }
                }
            }
        }
    }
}

/// A section with one button that posts to `{path}/{verb}`; texts under
/// `interviews.public.<name>_heading`, `_text` and `_button`.
fn action(ctx: &PageContext, path: &str, verb: &str, name: &str, danger: bool) -> Markup {
    let key = |part: &str| format!("interviews.public.{name}_{part}");
    let heading_id = format!("{name}-heading");
    html! {
        section.ds-card.stack aria-labelledby=(heading_id) {
            h2.ds-heading data-size="xs" id=(heading_id) { (ctx.t(&key("heading"))) }
            p.ds-paragraph { (ctx.t(&key("text"))) }
            form method="post" action={ (path) "/" (verb) } {
                (csrf::field(&ctx.csrf_token()))
                button.ds-button type="submit" data-variant="secondary"
                    data-color=[danger.then_some("danger")] {
                    (ctx.t(&key("button")))
                }
            }
        }
    }
}

fn summary(ctx: &PageContext, page: &MinePage) -> Markup {
    let business = page.business;
    let org_number = OrgNumber::parse(&business.org_number)
        .map(|number| number.grouped())
        .unwrap_or_else(|_| business.org_number.clone());
    let size = match (business.employees, &business.size_band) {
        (Some(count), _) => Some(ctx.tr(
            "interviews.public.employees_count",
            &[("count", &count.to_string())],
        )),
        (None, Some(band)) => Some(ctx.t(&size::label_key(band)).to_owned()),
        (None, None) => None,
    };
    let format = ctx.t(&format_label_key(business.preferred_format));
    html! {
        section.stack aria-labelledby="summary-heading" {
            h2.ds-heading data-size="sm" #summary-heading { (ctx.t("interviews.public.summary_heading")) }
            dl.facts {
                div { dt { (ctx.t("interviews.public.status")) } dd { (ctx.t(status_key(business.status))) } }
                div { dt { (ctx.t("interviews.public.org_number")) } dd { (org_number) } }
                div { dt { (ctx.t("interviews.public.name")) } dd.user-text { (business.name) } }
                div {
                    dt { (ctx.t("interviews.public.industry")) }
                    dd { (business.industry) " – " (ctx.t(&industry::label_key(&business.industry))) }
                }
                @if let Some(size) = size {
                    div { dt { (ctx.t("interviews.public.size_legend")) } dd { (size) } }
                }
                @if let Some(contact) = page.contact {
                    div {
                        dt { (ctx.t("interviews.public.contact_heading")) }
                        dd.user-text {
                            @if let Some(name) = &contact.name { (name) br; }
                            @if let Some(email) = &contact.email { (email) br; }
                            @if let Some(phone) = &contact.phone { (phone) }
                        }
                    }
                }
                div { dt { (ctx.t("interviews.public.format")) } dd { (format) } }
                @if !page.themes.is_empty() {
                    div {
                        dt { (ctx.t("interviews.public.themes_short")) }
                        dd {
                            ul.cluster.plain-list {
                                @for theme in page.themes {
                                    li { span.ds-tag data-color="accent" { (name_in(theme, ctx.lang)) } }
                                }
                            }
                        }
                    }
                }
                @if let Some(message) = &business.message {
                    div { dt { (ctx.t("interviews.public.message_short")) } dd.user-text { (message) } }
                }
            }
            p.ds-paragraph {
                (ctx.t("interviews.public.change_text")) " "
                a.ds-link href="/intervju" { (ctx.t("interviews.public.change_link")) }
            }
        }
    }
}
