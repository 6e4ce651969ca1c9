//! Markup of the facilitators' event pages: the list, the event form, and
//! one event with its actions and participants.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::entities::event::{self, Status as EventStatus};
use crate::entities::event_signup::Status;
use crate::entities::{theme, user};
use crate::events::forms::{EventForm, KINDS, kind_code, kind_label_key};
use crate::events::service::{Participant, seats_left};
use crate::events::views::participants;
use crate::events::views::public::{status_key, when};
use crate::inputs::StakeholderGroup;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Choices, Field, FormErrors, checkbox, error_summary, notice};

pub const LIST_PATH: &str = "/admin/arrangementer";

pub fn detail_path(id: uuid::Uuid) -> String {
    format!("{LIST_PATH}/{id}")
}

fn event_status_tag(ctx: &PageContext, status: EventStatus) -> Markup {
    let (key, colour) = match status {
        EventStatus::Draft => ("events.admin.status_draft", "warning"),
        EventStatus::Published => ("events.admin.status_published", "success"),
        EventStatus::Cancelled => ("events.admin.status_cancelled", "danger"),
    };
    html! { span.ds-tag data-color=(colour) { (ctx.t(key)) } }
}

/// Each event with the seats taken.
pub fn list(
    ctx: &PageContext,
    me: &user::Model,
    events: &[(event::Model, u64)],
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("events.admin.title");
    admin_page(
        ctx,
        me,
        title,
        Section::Events,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(flash.map(|key| ctx.t(key))))
                div {
                    a.ds-button data-variant="primary" href={ (LIST_PATH) "/ny" } { (ctx.t("events.admin.new")) }
                }
                @if events.is_empty() {
                    div.ds-alert data-color="info" { (ctx.t("events.admin.none")) }
                } @else {
                    div.table-wrap role="region" aria-labelledby="events-caption" tabindex="0" {
                        table.ds-table data-border {
                            caption #events-caption { (ctx.t("events.admin.caption")) }
                            thead { tr {
                                th scope="col" { (ctx.t("events.admin.col_title")) }
                                th scope="col" { (ctx.t("events.when")) }
                                th.num scope="col" { (ctx.t("events.admin.col_seats")) }
                                th scope="col" { (ctx.t("events.admin.col_status")) }
                            } }
                            tbody {
                                @for (event, taken) in events {
                                    tr {
                                        th scope="row" { a.ds-link href=(detail_path(event.id)) { (event.title) } }
                                        td { (when(ctx, event)) }
                                        td.num {
                                            (taken)
                                            @if let Some(capacity) = event.capacity { " / " (capacity) }
                                        }
                                        td { (event_status_tag(ctx, event.status)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The event form, for a new event (`existing` None) or a change.
pub fn form(
    ctx: &PageContext,
    me: &user::Model,
    existing: Option<&event::Model>,
    themes: &[theme::Model],
    form: &EventForm,
    errors: &FormErrors,
) -> Markup {
    let title = match existing {
        Some(event) => ctx.tr("events.admin.edit_title", &[("title", &event.title)]),
        None => ctx.t("events.admin.new").to_owned(),
    };
    let action = existing.map_or_else(|| LIST_PATH.to_owned(), |event| detail_path(event.id));
    let kinds = KINDS
        .into_iter()
        .map(|kind| {
            (
                kind_code(kind).to_owned(),
                ctx.t(&kind_label_key(kind)).to_owned(),
            )
        })
        .collect();
    let kind = [form.kind.clone()];
    let theme_options = themes
        .iter()
        .map(|theme| (theme.id.to_string(), name_in(theme, ctx.lang).to_owned()))
        .collect();
    admin_page(
        ctx,
        me,
        &title,
        Section::Events,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                (error_summary(ctx.lang, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    (Choices::radio("kind", ctx.t("events.kind_label"), kinds, &kind).required().render(errors))
                    (Field::new("title", ctx.t("events.admin.title_field"), &form.title).required().render(errors))
                    (Field::new("description", ctx.t("events.admin.description"), &form.description)
                        .kind("textarea").hint(ctx.t("events.admin.description_hint")).render(errors))
                    (Field::new("location", ctx.t("events.where"), &form.location)
                        .hint(ctx.t("events.admin.location_hint")).render(errors))
                    (Field::new("online_url", ctx.t("events.online"), &form.online_url)
                        .kind("url").hint(ctx.t("events.admin.online_hint")).render(errors))
                    fieldset.ds-fieldset {
                        legend.ds-label { (ctx.t("events.when")) }
                        p data-field="description" { (ctx.t("events.admin.time_hint")) }
                        div.cluster {
                            (Field::new("date", ctx.t("events.admin.date"), &form.date).kind("date").required().render(errors))
                            (Field::new("start_time", ctx.t("events.admin.start"), &form.start_time).kind("time").required().render(errors))
                            (Field::new("end_time", ctx.t("events.admin.end"), &form.end_time).kind("time").required().render(errors))
                        }
                    }
                    (Field::new("capacity", ctx.t("events.admin.capacity"), &form.capacity)
                        .kind("number").hint(ctx.t("events.admin.capacity_hint")).render(errors))
                    (Field::new("signup_deadline", ctx.t("events.deadline"), &form.signup_deadline)
                        .kind("datetime-local").hint(ctx.t("events.admin.deadline_hint")).render(errors))
                    fieldset.ds-fieldset {
                        legend.ds-label { (ctx.t("events.admin.options")) }
                        (checkbox("waitlist", ctx.t("events.admin.waitlist"), form.waitlist.is_some(), errors))
                        (checkbox("ask_organisation", ctx.t("events.admin.ask_organisation"), form.ask_organisation.is_some(), errors))
                        (checkbox("ask_diet", ctx.t("events.admin.ask_diet"), form.ask_diet.is_some(), errors))
                        (checkbox("ask_accessibility", ctx.t("events.admin.ask_accessibility"), form.ask_accessibility.is_some(), errors))
                    }
                    @if !themes.is_empty() {
                        (Choices::checkboxes("themes", ctx.t("events.themes"), theme_options, &form.themes).render(errors))
                    }
                    div.cluster {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("events.admin.save")) }
                        a.ds-link href=(existing.map_or_else(|| LIST_PATH.to_owned(), |e| detail_path(e.id))) { (ctx.t("events.admin.back")) }
                    }
                }
            }
        },
    )
}

fn post_button(ctx: &PageContext, action: &str, label: &str, danger: bool) -> Markup {
    html! {
        form method="post" action=(action) {
            (csrf::field(&ctx.csrf_token()))
            @if danger {
                button.ds-button type="submit" data-variant="secondary" data-color="danger" data-size="sm" { (label) }
            } @else {
                button.ds-button type="submit" data-variant="secondary" data-size="sm" { (label) }
            }
        }
    }
}

fn group_label(ctx: &PageContext, code: &str) -> String {
    ctx.t(&StakeholderGroup::from_stored(code).label_key())
        .to_owned()
}

/// One event: its facts, its actions and everyone signed up.
pub fn detail(
    ctx: &PageContext,
    me: &user::Model,
    event: &event::Model,
    participants: &[Participant],
    flash: Option<&str>,
    now: DateTime<Utc>,
) -> Markup {
    let path = detail_path(event.id);
    let taken = participants
        .iter()
        .filter(|p| p.signup.status.holds_seat())
        .count() as u64;
    let waiting = participants
        .iter()
        .filter(|p| p.signup.status == Status::Waitlisted)
        .count();
    admin_page(
        ctx,
        me,
        &event.title,
        Section::Events,
        html! {
            div.stack {
                p.ds-paragraph { a.ds-link href=(LIST_PATH) { (ctx.t("events.admin.back")) } }
                h1.ds-heading data-size="md" { (event.title) }
                (notice(flash.map(|key| ctx.t(key))))
                dl.facts {
                    div { dt { (ctx.t("events.admin.col_status")) } dd { (event_status_tag(ctx, event.status)) } }
                    div { dt { (ctx.t("events.when")) } dd { (when(ctx, event)) } }
                    div {
                        dt { (ctx.t("events.admin.col_seats")) }
                        dd {
                            (taken)
                            @if let Some(capacity) = event.capacity { " / " (capacity) }
                            @if let Some(left) = seats_left(event, taken) { " (" (ctx.tr("events.seats_left", &[("count", &left.to_string())])) ")" }
                        }
                    }
                    div { dt { (ctx.t("events.admin.waiting")) } dd { (waiting) } }
                }
                div.cluster {
                    a.ds-button data-variant="secondary" data-size="sm" href={ (path) "/endre" } { (ctx.t("events.admin.edit")) }
                    a.ds-button data-variant="secondary" data-size="sm" href={ (path) "/resultater" } { (ctx.t("workshops.results_link")) }
                    @if event.status == EventStatus::Draft {
                        (post_button(ctx, &format!("{path}/publiser"), ctx.t("events.admin.publish"), false))
                    }
                    @if event.status != EventStatus::Cancelled && event.ends_at > now {
                        (post_button(ctx, &format!("{path}/avlys"), ctx.t("events.admin.cancel"), true))
                    }
                    @if event.status == EventStatus::Published {
                        a.ds-link href={ "/arrangementer/" (event.id) } { (ctx.t("events.admin.public_page")) }
                    }
                }
                section.stack aria-labelledby="participants-heading" {
                    h2.ds-heading data-size="sm" #participants-heading { (ctx.t("events.admin.participants")) }
                    (participants::tools(ctx, event))
                    @if participants.is_empty() {
                        div.ds-alert data-color="info" { (ctx.t("events.admin.no_participants")) }
                    } @else {
                        div.table-wrap role="region" aria-labelledby="participants-caption" tabindex="0" {
                            table.ds-table data-border {
                                caption #participants-caption { (ctx.t("events.admin.participants_caption")) }
                                thead { tr {
                                    th scope="col" { (ctx.t("events.name")) }
                                    th scope="col" { (ctx.t("events.group")) }
                                    @if event.ask_organisation { th scope="col" { (ctx.t("events.organisation")) } }
                                    @if event.ask_diet { th scope="col" { (ctx.t("events.diet")) } }
                                    @if event.ask_accessibility { th scope="col" { (ctx.t("events.accessibility")) } }
                                    th scope="col" { (ctx.t("events.admin.col_status")) }
                                    th scope="col" { (ctx.t("events.admin.actions")) }
                                } }
                                tbody {
                                    @for participant in participants {
                                        (participant_row(ctx, event, participant))
                                    }
                                }
                            }
                        }
                        (participants::export_form(ctx, event))
                    }
                }
            }
        },
    )
}

fn participant_row(ctx: &PageContext, event: &event::Model, participant: &Participant) -> Markup {
    let signup = &participant.signup;
    let name = participant
        .contact
        .as_ref()
        .and_then(|c| c.name.clone())
        .unwrap_or_else(|| ctx.t("events.admin.erased").to_owned());
    let action = format!("{}/deltakere/{}", detail_path(event.id), signup.id);
    let moves: &[(Status, &str)] = match signup.status {
        Status::Confirmed => &[
            (Status::Attended, "events.admin.mark_attended"),
            (Status::Waitlisted, "events.admin.to_waitlist"),
            (Status::Cancelled, "events.admin.cancel_signup"),
        ],
        Status::Waitlisted => &[
            (Status::Confirmed, "events.admin.give_seat"),
            (Status::Cancelled, "events.admin.cancel_signup"),
        ],
        Status::Attended => &[(Status::Confirmed, "events.admin.undo_attended")],
        Status::Cancelled => &[(Status::Confirmed, "events.admin.give_seat")],
    };
    html! {
        tr {
            th scope="row" {
                (name)
                @if let Some(email) = participant.contact.as_ref().and_then(|c| c.email.as_deref()) {
                    br; span.user-text { (email) }
                }
            }
            td { (group_label(ctx, &signup.stakeholder_group)) }
            @if event.ask_organisation {
                td.user-text { (participant.contact.as_ref().and_then(|c| c.organisation.as_deref()).unwrap_or("")) }
            }
            @if event.ask_diet { td.user-text { (signup.diet.as_deref().unwrap_or("")) } }
            @if event.ask_accessibility { td.user-text { (signup.accessibility.as_deref().unwrap_or("")) } }
            td { (ctx.t(status_key(signup.status))) }
            td {
                div.cluster {
                    @for (status, key) in moves {
                        form method="post" action=(action) {
                            (csrf::field(&ctx.csrf_token()))
                            input type="hidden" name="status" value=(status_code(*status));
                            button.ds-button type="submit" data-variant="secondary" data-size="sm" {
                                (ctx.t(key)) span.ds-sr-only { ": " (name) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn status_code(status: Status) -> &'static str {
    match status {
        Status::Confirmed => "confirmed",
        Status::Waitlisted => "waitlisted",
        Status::Cancelled => "cancelled",
        Status::Attended => "attended",
    }
}

pub fn parse_status(code: &str) -> Option<Status> {
    [
        Status::Confirmed,
        Status::Waitlisted,
        Status::Cancelled,
        Status::Attended,
    ]
    .into_iter()
    .find(|status| status_code(*status) == code)
}
