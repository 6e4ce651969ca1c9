//! Markup of the slot pages: the upcoming slots by day, the form for one
//! slot (new or changed) and the form for a series with its preview.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Oslo;
use maud::{Markup, html};

use super::admin::{SLOTS_PATH, business_path, post_button, section_page};
use crate::entities::interview_slot::{self, Status};
use crate::entities::{business, user};
use crate::interviews::staff_forms::{SeriesForm, SlotForm, Times};
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary};

pub fn slot_path(id: uuid::Uuid) -> String {
    format!("{SLOTS_PATH}/{id}")
}

fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Oslo).date_naive()
}

fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&Oslo).format("%H:%M").to_string()
}

/// A day as a heading: "tirsdag 13.04.2027".
fn day_label(ctx: &PageContext, day: NaiveDate) -> String {
    use chrono::Datelike;
    let weekday = ctx.t(&format!(
        "interviews.admin.weekday.{}",
        day.weekday().num_days_from_monday()
    ));
    let date = match ctx.lang {
        crate::web::Lang::En => day.format("%Y-%m-%d").to_string(),
        _ => day.format("%d.%m.%Y").to_string(),
    };
    format!("{weekday} {date}")
}

/// The upcoming slots, a table per day, with who booked each.
pub fn list(
    ctx: &PageContext,
    me: &user::Model,
    slots: &[interview_slot::Model],
    businesses: &[business::Model],
    people: &[user::Model],
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("interviews.admin.slots.title");
    let editor = me.role.can_edit();
    let mut days: Vec<(NaiveDate, Vec<&interview_slot::Model>)> = Vec::new();
    for slot in slots {
        let day = day_of(slot.starts_at);
        match days.last_mut() {
            Some((last, list)) if *last == day => list.push(slot),
            _ => days.push((day, vec![slot])),
        }
    }
    section_page(
        ctx,
        me,
        title,
        SLOTS_PATH,
        flash,
        html! {
            @if editor {
                div.cluster {
                    a.ds-button data-variant="primary" href={ (SLOTS_PATH) "/ny" } { (ctx.t("interviews.admin.slots.new")) }
                    a.ds-button data-variant="secondary" href={ (SLOTS_PATH) "/serie" } { (ctx.t("interviews.admin.slots.new_series")) }
                }
            }
            @if days.is_empty() {
                div.ds-alert data-color="info" { (ctx.t("interviews.admin.slots.none")) }
            }
            @for (index, (day, slots)) in days.iter().enumerate() {
                section.stack aria-labelledby={ "day-" (index) } {
                    h2.ds-heading data-size="sm" id={ "day-" (index) } { (day_label(ctx, *day)) }
                    div.table-wrap role="region" aria-labelledby={ "day-" (index) } tabindex="0" {
                        table.ds-table data-border {
                            thead { tr {
                                th scope="col" { (ctx.t("interviews.admin.slots.time")) }
                                th scope="col" { (ctx.t("interviews.admin.slots.place")) }
                                th scope="col" { (ctx.t("interviews.admin.slots.facilitator")) }
                                th scope="col" { (ctx.t("interviews.admin.slots.booked_by")) }
                                @if editor { th scope="col" { (ctx.t("interviews.admin.actions")) } }
                            } }
                            tbody {
                                @for slot in slots {
                                    (slot_row(ctx, slot, businesses, people, editor))
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn slot_row(
    ctx: &PageContext,
    slot: &interview_slot::Model,
    businesses: &[business::Model],
    people: &[user::Model],
    editor: bool,
) -> Markup {
    let holder = slot
        .business_id
        .and_then(|id| businesses.iter().find(|b| b.id == id));
    let facilitator = slot
        .facilitator_id
        .and_then(|id| people.iter().find(|u| u.id == id));
    let when = format!("{}–{}", clock(slot.starts_at), clock(slot.ends_at));
    let cancelled = slot.status == Status::Cancelled;
    html! {
        tr {
            th scope="row" { (when) }
            td.user-text {
                @if let Some(location) = &slot.location { (location) }
                @if slot.location.is_some() && slot.online_url.is_some() { br; }
                @if let Some(link) = &slot.online_url { a.ds-link href=(link) { (ctx.t("interviews.admin.slots.video")) } }
            }
            td { @if let Some(person) = facilitator { (person.name) } }
            td {
                @if cancelled {
                    span.ds-tag data-color="danger" { (ctx.t("interviews.admin.slots.cancelled_tag")) }
                } @else if let Some(business) = holder {
                    a.ds-link href=(business_path(business.id)) { (business.name) }
                } @else {
                    span.ds-tag data-color="success" { (ctx.t("interviews.admin.slots.free")) }
                }
            }
            @if editor {
                td {
                    @if !cancelled {
                        div.cluster {
                            a.ds-link href=(slot_path(slot.id)) {
                                (ctx.t("interviews.admin.slots.edit")) span.ds-sr-only { " " (when) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn facilitator_select(
    ctx: &PageContext,
    staff: &[user::Model],
    chosen: &str,
    errors: &FormErrors,
) -> Markup {
    let error = errors.get("facilitator");
    html! {
        div.ds-field {
            label.ds-label for="facilitator" { (ctx.t("interviews.admin.slots.facilitator")) }
            select.ds-input #facilitator name="facilitator"
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| "facilitator-error")] {
                option value="" { (ctx.t("interviews.admin.slots.nobody")) }
                @for person in staff {
                    option value=(person.id) selected[chosen == person.id.to_string()] { (person.name) }
                }
            }
            @if let Some(message) = error {
                p.ds-validation-message data-field="validation" id="facilitator-error" { (message) }
            }
        }
    }
}

fn place_fields(
    ctx: &PageContext,
    staff: &[user::Model],
    location: &str,
    online_url: &str,
    facilitator: &str,
    errors: &FormErrors,
) -> Markup {
    html! {
        (Field::new("location", ctx.t("interviews.admin.slots.location"), location)
            .hint(ctx.t("interviews.admin.slots.location_hint")).render(errors))
        (Field::new("online_url", ctx.t("interviews.admin.slots.online_url"), online_url)
            .kind("url").render(errors))
        (facilitator_select(ctx, staff, facilitator, errors))
    }
}

/// One slot: new (`existing` None), or a change to one, with who holds it.
pub fn slot_form(
    ctx: &PageContext,
    me: &user::Model,
    existing: Option<(&interview_slot::Model, Option<&business::Model>)>,
    staff: &[user::Model],
    form: &SlotForm,
    errors: &FormErrors,
) -> Markup {
    let title = match existing {
        Some(_) => ctx.t("interviews.admin.slots.edit_title"),
        None => ctx.t("interviews.admin.slots.new"),
    };
    let action = existing.map_or_else(|| SLOTS_PATH.to_owned(), |(slot, _)| slot_path(slot.id));
    admin_page(
        ctx,
        me,
        title,
        Section::Interviews,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(SLOTS_PATH) { (ctx.t("interviews.admin.slots.back")) } }
                h1.ds-heading data-size="md" { (title) }
                (error_summary(ctx.lang, errors))
                @if let Some((_, Some(holder))) = existing {
                    div.ds-alert data-color="info" {
                        (ctx.tr("interviews.admin.slots.held_by", &[("business", &holder.name)]))
                    }
                }
                form.stack method="post" action=(action) novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    fieldset.ds-fieldset {
                        legend.ds-label { (ctx.t("interviews.admin.slots.when")) }
                        p data-field="description" { (ctx.t("interviews.admin.slots.local_time")) }
                        div.cluster {
                            (Field::new("date", ctx.t("interviews.admin.slots.date"), &form.date).kind("date").required().render(errors))
                            (Field::new("start_time", ctx.t("interviews.admin.slots.start"), &form.start_time).kind("time").required().render(errors))
                            (Field::new("end_time", ctx.t("interviews.admin.slots.end"), &form.end_time).kind("time").render(errors))
                            (Field::new("length", ctx.t("interviews.admin.slots.length"), &form.length).kind("number")
                                .hint(ctx.t("interviews.admin.slots.length_hint")).render(errors))
                        }
                    }
                    (place_fields(ctx, staff, &form.location, &form.online_url, &form.facilitator, errors))
                    div.cluster {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("interviews.admin.save")) }
                    }
                }
                @if let Some((slot, _)) = existing {
                    @if slot.status != Status::Cancelled {
                        (post_button(ctx, &format!("{}/avlys", slot_path(slot.id)), &[], ctx.t("interviews.admin.slots.cancel"), true))
                    }
                }
            }
        },
    )
}

/// What a series will make, shown before it is made.
pub struct SeriesPreview {
    pub total: usize,
    /// Each day with its number of slots, first start and last end.
    pub days: Vec<(NaiveDate, usize, String, String)>,
}

impl SeriesPreview {
    pub fn of(times: &[Times]) -> Self {
        let mut days: Vec<(NaiveDate, usize, String, String)> = Vec::new();
        for (start, end) in times {
            let day = day_of(*start);
            match days.last_mut() {
                Some(last) if last.0 == day => {
                    last.1 += 1;
                    last.3 = clock(*end);
                }
                _ => days.push((day, 1, clock(*start), clock(*end))),
            }
        }
        Self {
            total: times.len(),
            days,
        }
    }
}

pub fn series_form(
    ctx: &PageContext,
    me: &user::Model,
    staff: &[user::Model],
    form: &SeriesForm,
    errors: &FormErrors,
    preview: Option<&SeriesPreview>,
) -> Markup {
    let title = ctx.t("interviews.admin.slots.new_series");
    let action = format!("{SLOTS_PATH}/serie");
    admin_page(
        ctx,
        me,
        title,
        Section::Interviews,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(SLOTS_PATH) { (ctx.t("interviews.admin.slots.back")) } }
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph { (ctx.t("interviews.admin.slots.series_intro")) }
                (error_summary(ctx.lang, errors))
                @if let Some(preview) = preview {
                    div.ds-alert data-color="info" role="status" {
                        p.ds-paragraph { (ctx.tr("interviews.admin.slots.preview", &[("count", &preview.total.to_string())])) }
                        ul {
                            @for (day, count, first, last) in &preview.days {
                                li { (day_label(ctx, *day)) ": " (ctx.tr("interviews.admin.slots.preview_day", &[("count", &count.to_string()), ("from", first), ("to", last)])) }
                            }
                        }
                    }
                }
                form.stack method="post" action=(action) novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    (Field::new("days", ctx.t("interviews.admin.slots.days"), &form.days).kind("textarea")
                        .hint(ctx.t("interviews.admin.slots.days_hint")).required().render(errors))
                    fieldset.ds-fieldset {
                        legend.ds-label { (ctx.t("interviews.admin.slots.each_day")) }
                        p data-field="description" { (ctx.t("interviews.admin.slots.local_time")) }
                        div.cluster {
                            (Field::new("first", ctx.t("interviews.admin.slots.first"), &form.first).kind("time").required().render(errors))
                            (Field::new("last_end", ctx.t("interviews.admin.slots.last_end"), &form.last_end).kind("time").required().render(errors))
                            (Field::new("length", ctx.t("interviews.admin.slots.length"), &form.length).kind("number").required().render(errors))
                            (Field::new("every", ctx.t("interviews.admin.slots.every"), &form.every).kind("number").required()
                                .hint(ctx.t("interviews.admin.slots.every_hint")).render(errors))
                        }
                    }
                    (place_fields(ctx, staff, &form.location, &form.online_url, &form.facilitator, errors))
                    div.cluster {
                        button.ds-button type="submit" name="action" value="vis" data-variant="secondary" { (ctx.t("interviews.admin.slots.show")) }
                        button.ds-button type="submit" name="action" value="opprett" data-variant="primary" { (ctx.t("interviews.admin.slots.create_series")) }
                    }
                }
            }
        },
    )
}
