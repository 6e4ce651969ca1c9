//! Markup of the pages for the door: checking people in on a phone, and
//! the list to print and tick off by hand.

use chrono::{DateTime, Utc};
use maud::{Markup, html};
use uuid::Uuid;

use crate::entities::event;
use crate::entities::event_signup::Status;
use crate::entities::user;
use crate::events::ics;
use crate::events::participants::{DoorAction, DoorList, name_of, organisation_of};
use crate::events::service::Participant;
use crate::events::views::admin::detail_path;
use crate::events::views::public::when;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::time::{Precision, format};
use crate::web::csrf;

pub fn checkin_path(event_id: Uuid) -> String {
    format!("{}/innsjekk", detail_path(event_id))
}

pub fn print_path(event_id: Uuid) -> String {
    format!("{}/innsjekk/utskrift", detail_path(event_id))
}

/// The id of a person's row, which the page returns to after a button.
pub fn row_id(signup_id: Uuid) -> String {
    format!("deltaker-{signup_id}")
}

fn display_name(ctx: &PageContext, participant: &Participant) -> String {
    name_of(participant)
        .map(str::to_owned)
        .unwrap_or_else(|| ctx.t("events.admin.erased").to_owned())
}

/// The last button pressed at the door, to confirm beside its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DoorNotice {
    pub signup: Uuid,
    pub action: DoorAction,
}

/// The check-in page: the count, the search, and each person with one big
/// button. Every button is a plain form, so it works without JavaScript.
pub fn door(
    ctx: &PageContext,
    me: &user::Model,
    event: &event::Model,
    list: &DoorList,
    query: &str,
    notice: Option<DoorNotice>,
) -> Markup {
    let title = format!("{} – {}", ctx.t("events.checkin.title"), event.title);
    let path = checkin_path(event.id);
    let count = ctx.tr(
        "events.checkin.count",
        &[
            ("attended", &list.attended.to_string()),
            ("seats", &list.seats.to_string()),
        ],
    );
    admin_page(
        ctx,
        me,
        &title,
        Section::Events,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(detail_path(event.id)) { (ctx.t("events.checkin.back")) } }
                div {
                    h1.ds-heading data-size="md" { (ctx.t("events.checkin.title")) }
                    p.ds-paragraph.user-text { strong { (event.title) } br; (when(ctx, event)) }
                }
                p.ds-paragraph data-size="lg" { strong { (count) } }
                form.stack method="get" action=(path) role="search" {
                    div.ds-field {
                        label.ds-label for="q" { (ctx.t("events.checkin.search_label")) }
                        div data-field="description" id="q-hint" { (ctx.t("events.checkin.search_hint")) }
                        input.ds-input type="search" id="q" name="q" value=(query)
                            autocomplete="off" aria-describedby="q-hint";
                    }
                    div.cluster {
                        button.ds-button type="submit" data-variant="secondary" { (ctx.t("events.checkin.search")) }
                        @if !query.is_empty() {
                            a.ds-link href=(path) { (ctx.t("events.checkin.show_all")) }
                        }
                    }
                }
                @if list.seated.is_empty() && list.waiting.is_empty() {
                    div.ds-alert data-color="info" role="status" {
                        @if query.is_empty() {
                            (ctx.t("events.checkin.none"))
                        } @else {
                            (ctx.tr("events.checkin.no_match", &[("query", query)]))
                        }
                    }
                }
                @if !list.seated.is_empty() {
                    section.stack aria-labelledby="seated-heading" {
                        h2.ds-heading data-size="sm" #seated-heading { (ctx.t("events.checkin.seated")) }
                        ul.plain-list.door-list {
                            @for participant in &list.seated {
                                (door_row(ctx, event, participant, query, notice))
                            }
                        }
                    }
                }
                @if !list.waiting.is_empty() {
                    section.stack aria-labelledby="waiting-heading" {
                        h2.ds-heading data-size="sm" #waiting-heading { (ctx.t("events.admin.waiting")) }
                        p.ds-paragraph { (ctx.t("events.checkin.waiting_hint")) }
                        ul.plain-list.door-list {
                            @for participant in &list.waiting {
                                (door_row(ctx, event, participant, query, notice))
                            }
                        }
                    }
                }
            }
        },
    )
}

fn door_row(
    ctx: &PageContext,
    event: &event::Model,
    participant: &Participant,
    query: &str,
    notice: Option<DoorNotice>,
) -> Markup {
    let signup = &participant.signup;
    let name = display_name(ctx, participant);
    let attended = signup.status == Status::Attended;
    let (action, label, variant) = if attended {
        (DoorAction::Undo, ctx.t("events.checkin.undo"), "secondary")
    } else {
        (
            DoorAction::CheckIn,
            ctx.t("events.checkin.check_in"),
            "primary",
        )
    };
    let done = notice
        .filter(|notice| notice.signup == signup.id)
        .map(|notice| match notice.action {
            DoorAction::CheckIn => ctx.tr("events.checkin.done_in", &[("name", &name)]),
            DoorAction::Undo => ctx.tr("events.checkin.done_undo", &[("name", &name)]),
        });
    html! {
        li id=(row_id(signup.id)) {
            div.door-person {
                p.ds-paragraph data-size="lg" { strong.user-text { (name) } }
                @if let Some(organisation) = organisation_of(participant) {
                    p.ds-paragraph.user-text data-size="sm" { (organisation) }
                }
                @if attended {
                    p.ds-paragraph { span.ds-tag data-color="success" { (ctx.t("events.status.attended")) } }
                }
                @if let Some(done) = done {
                    p.ds-paragraph data-size="sm" role="status" { (done) }
                }
            }
            form method="post" action={ (checkin_path(event.id)) "/" (signup.id) } {
                (csrf::field(&ctx.csrf_token()))
                input type="hidden" name="action" value=(action.code());
                @if !query.is_empty() {
                    input type="hidden" name="q" value=(query);
                }
                button.ds-button type="submit" data-variant=(variant) data-size="lg" {
                    (label) span.ds-sr-only { ": " (name) }
                }
            }
        }
    }
}

/// The list to print: who has a seat, by name, with a box to tick, and
/// those waiting below; the event at the top. Nothing on it needs a screen.
pub fn print(
    ctx: &PageContext,
    me: &user::Model,
    event: &event::Model,
    list: &DoorList,
    now: DateTime<Utc>,
) -> Markup {
    let title = format!("{} – {}", ctx.t("events.checkin.print_title"), event.title);
    let with_organisation = event.ask_organisation
        || list
            .seated
            .iter()
            .chain(&list.waiting)
            .any(|p| organisation_of(p).is_some());
    admin_page(
        ctx,
        me,
        &title,
        Section::Events,
        html! {
            div.stack {
                p.ds-paragraph.no-print { a.ds-link href=(detail_path(event.id)) { (ctx.t("events.checkin.back")) } }
                div {
                    h1.ds-heading data-size="md" { (ctx.t("events.checkin.print_title")) }
                    p.ds-paragraph.user-text data-size="lg" {
                        strong { (event.title) }
                        br; (when(ctx, event))
                        @if let Some(place) = ics::location(event) { br; (place) }
                    }
                }
                div.ds-alert.no-print data-color="info" { (ctx.t("events.checkin.print_hint")) }
                @if list.seated.is_empty() && list.waiting.is_empty() {
                    div.ds-alert data-color="info" { (ctx.t("events.checkin.none")) }
                }
                @if !list.seated.is_empty() {
                    (print_table(ctx, "seated", &ctx.tr("events.checkin.seated_caption", &[("count", &list.seated.len().to_string())]), &list.seated, with_organisation))
                }
                @if !list.waiting.is_empty() {
                    (print_table(ctx, "waiting", &ctx.tr("events.checkin.waiting_caption", &[("count", &list.waiting.len().to_string())]), &list.waiting, with_organisation))
                }
                p.ds-paragraph data-size="sm" {
                    (ctx.tr("events.checkin.made_at", &[("time", &format(ctx.lang, now, Precision::Minute))]))
                }
            }
        },
    )
}

fn print_table(
    ctx: &PageContext,
    id: &str,
    caption: &str,
    participants: &[Participant],
    with_organisation: bool,
) -> Markup {
    let caption_id = format!("{id}-caption");
    html! {
        div.table-wrap role="region" aria-labelledby=(caption_id) tabindex="0" {
            table.ds-table data-border {
                caption id=(caption_id) { (caption) }
                thead { tr {
                    th.tick scope="col" { (ctx.t("events.checkin.tick")) }
                    th scope="col" { (ctx.t("events.name")) }
                    @if with_organisation { th scope="col" { (ctx.t("events.organisation")) } }
                } }
                tbody {
                    @for participant in participants {
                        tr {
                            td.tick {
                                @if participant.signup.status == Status::Attended {
                                    span.tick-box aria-hidden="true" { "✓" }
                                    span.ds-sr-only { (ctx.t("events.status.attended")) }
                                } @else {
                                    span.tick-box aria-hidden="true" {}
                                }
                            }
                            th.user-text scope="row" { (display_name(ctx, participant)) }
                            @if with_organisation {
                                td.user-text { (organisation_of(participant).unwrap_or_default()) }
                            }
                        }
                    }
                }
            }
        }
    }
}
