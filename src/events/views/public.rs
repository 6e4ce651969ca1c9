//! Markup of the public event pages: the list, one event with its sign-up
//! form, the receipt and the participant's private page.

use chrono::{DateTime, Utc};
use maud::{Markup, html};
use url::Url;

use crate::entities::event::{self, Status as EventStatus};
use crate::entities::event_signup::{self, Status};
use crate::entities::theme;
use crate::events::forms::{SignupForm, kind_label_key};
use crate::events::ics;
use crate::events::service::{Placement, open_for_signup, seats_left};
use crate::inputs::StakeholderGroup;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::components::time::{Precision, format};
use crate::web::csrf;
use crate::web::forms::{Choices, Field, FormErrors, checkbox, error_summary, notice};
use crate::web::layout::{layout, paragraphs};
use crate::web::public_form::Guard;

/// An event in a list, with how many seats it has left.
pub struct Listed {
    pub event: event::Model,
    pub taken: u64,
}

/// "Torsdag 5.3.2026 kl. 18:00–20:00" in the reader's language.
pub fn when(ctx: &PageContext, event: &event::Model) -> String {
    let start = format(ctx.lang, event.starts_at, Precision::Minute);
    let end = event
        .ends_at
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%H:%M");
    format!("{start}–{end}")
}

fn seats_text(ctx: &PageContext, event: &event::Model, taken: u64) -> String {
    match seats_left(event, taken) {
        None => ctx.t("events.seats_unlimited").to_owned(),
        Some(0) if event.waitlist => ctx.t("events.full_waitlist").to_owned(),
        Some(0) => ctx.t("events.full").to_owned(),
        Some(left) => ctx.tr("events.seats_left", &[("count", &left.to_string())]),
    }
}

fn event_card(ctx: &PageContext, listed: &Listed, now: DateTime<Utc>) -> Markup {
    let event = &listed.event;
    html! {
        article.ds-card.stack {
            h3.ds-heading data-size="xs" {
                a.ds-link href={ "/arrangementer/" (event.id) } { (event.title) }
            }
            p.ds-paragraph data-size="sm" {
                span.ds-tag data-color="accent" { (ctx.t(&kind_label_key(event.kind))) }
            }
            dl.facts {
                div { dt { (ctx.t("events.when")) } dd { (when(ctx, event)) } }
                @if let Some(place) = ics::location(event) {
                    div { dt { (ctx.t("events.where")) } dd.user-text { (place) } }
                }
                @if event.ends_at >= now {
                    div { dt { (ctx.t("events.seats")) } dd { (seats_text(ctx, event, listed.taken)) } }
                }
            }
        }
    }
}

pub fn list(ctx: &PageContext, upcoming: &[Listed], past: &[Listed], now: DateTime<Utc>) -> Markup {
    let title = ctx.t("events.list_title");
    layout(
        ctx,
        title,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph data-size="lg" { (ctx.t("events.list_intro")) }
                p.ds-paragraph {
                    a.ds-link href="/arrangementer.ics" { (ctx.t("events.subscribe")) }
                }
                section.stack aria-labelledby="upcoming-heading" {
                    h2.ds-heading data-size="sm" #upcoming-heading { (ctx.t("events.upcoming")) }
                    @if upcoming.is_empty() {
                        div.ds-alert data-color="info" { (ctx.t("events.none_upcoming")) }
                    } @else {
                        ul.card-list {
                            @for listed in upcoming { li { (event_card(ctx, listed, now)) } }
                        }
                    }
                }
                @if !past.is_empty() {
                    section.stack aria-labelledby="past-heading" {
                        h2.ds-heading data-size="sm" #past-heading { (ctx.t("events.past")) }
                        ul.card-list {
                            @for listed in past { li { (event_card(ctx, listed, now)) } }
                        }
                    }
                }
            }
        },
    )
}

/// What one event's page shows.
pub struct EventPage<'a> {
    pub event: &'a event::Model,
    pub taken: u64,
    pub themes: &'a [theme::Model],
    pub form: &'a SignupForm,
    pub guard: &'a Guard,
    pub errors: &'a FormErrors,
    pub now: DateTime<Utc>,
}

pub fn event_page(ctx: &PageContext, page: &EventPage) -> Markup {
    let event = page.event;
    layout(
        ctx,
        &event.title,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href="/arrangementer" { (ctx.t("events.back")) } }
                h1.ds-heading data-size="md" { (event.title) }
                @if event.status == EventStatus::Cancelled {
                    div.ds-alert data-color="warning" { (ctx.t("events.cancelled")) }
                }
                dl.facts {
                    div { dt { (ctx.t("events.kind_label")) } dd { (ctx.t(&kind_label_key(event.kind))) } }
                    div { dt { (ctx.t("events.when")) } dd { (when(ctx, event)) } }
                    @if let Some(place) = &event.location {
                        div { dt { (ctx.t("events.where")) } dd.user-text { (place) } }
                    }
                    @if let Some(link) = &event.online_url {
                        div { dt { (ctx.t("events.online")) } dd.user-text { a.ds-link href=(link) { (link) } } }
                    }
                    @if event.status == EventStatus::Published && event.ends_at >= page.now {
                        div { dt { (ctx.t("events.seats")) } dd { (seats_text(ctx, event, page.taken)) } }
                    }
                    @if let Some(deadline) = event.signup_deadline {
                        div { dt { (ctx.t("events.deadline")) } dd { (format(ctx.lang, deadline, Precision::Minute)) } }
                    }
                }
                @if !page.themes.is_empty() {
                    ul.cluster.plain-list aria-label=(ctx.t("events.themes")) {
                        @for theme in page.themes {
                            li { span.ds-tag data-color="accent" { (name_in(theme, ctx.lang)) } }
                        }
                    }
                }
                div.user-text { (paragraphs(&event.description)) }
                p.ds-paragraph {
                    a.ds-link href={ "/arrangementer/" (event.id) "/kalender.ics" } { (ctx.t("events.add_to_calendar")) }
                }
                @if open_for_signup(event, page.now) {
                    (signup_form(ctx, page))
                } @else if event.status == EventStatus::Published {
                    div.ds-alert data-color="info" { (ctx.t("events.signup_closed")) }
                }
            }
        },
    )
}

fn signup_form(ctx: &PageContext, page: &EventPage) -> Markup {
    let event = page.event;
    let form = page.form;
    let errors = page.errors;
    let full = seats_left(event, page.taken) == Some(0);
    let groups = StakeholderGroup::ALL
        .into_iter()
        .map(|group| {
            (
                group.code().to_owned(),
                ctx.t(&group.label_key()).to_owned(),
            )
        })
        .collect();
    let chosen = [form.group.clone()];
    html! {
        section.stack aria-labelledby="signup-heading" {
            h2.ds-heading data-size="sm" #signup-heading { (ctx.t("events.signup_heading")) }
            @if full {
                div.ds-alert data-color="info" { (ctx.t("events.signup_waitlist_note")) }
            }
            (error_summary(ctx.lang, errors))
            form.stack method="post" action={ "/arrangementer/" (event.id) "/pamelding" } novalidate {
                (page.guard.fields(ctx))
                (Field::new("name", ctx.t("events.name"), &form.name).autocomplete("name").required().render(errors))
                (Field::new("email", ctx.t("events.email"), &form.email)
                    .kind("email").autocomplete("email").hint(ctx.t("events.email_hint")).required().render(errors))
                @if event.ask_organisation {
                    (Field::new("organisation", ctx.t("events.organisation"), &form.organisation)
                        .autocomplete("organization").render(errors))
                }
                (Choices::radio("group", ctx.t("events.group"), groups, &chosen).required().render(errors))
                @if event.ask_diet {
                    (Field::new("diet", ctx.t("events.diet"), &form.diet).hint(ctx.t("events.optional")).render(errors))
                }
                @if event.ask_accessibility {
                    (Field::new("accessibility", ctx.t("events.accessibility"), &form.accessibility)
                        .hint(ctx.t("events.optional")).render(errors))
                }
                (checkbox("consent", ctx.t("events.consent"), form.consent.is_some(), errors))
                (checkbox("news", ctx.t("events.news"), form.news.is_some(), errors))
                p.ds-paragraph data-size="sm" {
                    (ctx.t("events.privacy_note")) " "
                    a.ds-link href="/personvern" { (ctx.t("events.privacy_link")) }
                }
                div {
                    button.ds-button type="submit" data-variant="primary" {
                        (if full { ctx.t("events.join_waitlist") } else { ctx.t("events.sign_up") })
                    }
                }
            }
        }
    }
}

pub fn receipt(
    ctx: &PageContext,
    event: &event::Model,
    placement: Placement,
    link: Option<&Url>,
) -> Markup {
    let title = match placement {
        Placement::Confirmed => ctx.t("events.receipt_confirmed"),
        Placement::Waitlisted(_) => ctx.t("events.receipt_waitlisted"),
    };
    layout(
        ctx,
        title,
        html! {
            div.page-medium.stack {
                div.ds-alert.stack data-color="success" role="status" {
                    h1.ds-heading data-size="sm" { (title) }
                    p.ds-paragraph { "«" (event.title) "» " (when(ctx, event)) }
                    @if let Placement::Waitlisted(position) = placement {
                        p.ds-paragraph { (ctx.tr("events.receipt_position", &[("position", &position.to_string())])) }
                    }
                }
                p.ds-paragraph { (ctx.t("events.receipt_mail")) }
                @if let Some(link) = link {
                    section.ds-card.stack aria-labelledby="link-heading" {
                        h2.ds-heading data-size="xs" #link-heading { (ctx.t("events.receipt_link_heading")) }
                        p.ds-paragraph { (ctx.t("events.receipt_link_text")) }
                        p.ds-paragraph.user-text { a.ds-link #private-link href=(link.as_str()) { (link.as_str()) } }
                    }
                }
                div.cluster {
                    a.ds-button data-variant="secondary" href="/arrangementer" { (ctx.t("events.see_all")) }
                }
            }
        },
    )
}

pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::Confirmed => "events.status.confirmed",
        Status::Waitlisted => "events.status.waitlisted",
        Status::Cancelled => "events.status.cancelled",
        Status::Attended => "events.status.attended",
    }
}

pub fn my_signup(
    ctx: &PageContext,
    event: &event::Model,
    signup: &event_signup::Model,
    placement: Placement,
    token: &str,
    flash: Option<&str>,
    now: DateTime<Utc>,
) -> Markup {
    let title = ctx.t("events.mine_title");
    let cancellable = matches!(signup.status, Status::Confirmed | Status::Waitlisted)
        && event.status != EventStatus::Cancelled
        && now < event.starts_at;
    layout(
        ctx,
        title,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(flash.map(|key| ctx.t(key))))
                article.ds-card.stack aria-labelledby="event-heading" {
                    h2.ds-heading data-size="sm" #event-heading {
                        a.ds-link href={ "/arrangementer/" (event.id) } { (event.title) }
                    }
                    dl.facts {
                        div { dt { (ctx.t("events.when")) } dd { (when(ctx, event)) } }
                        @if let Some(place) = ics::location(event) {
                            div { dt { (ctx.t("events.where")) } dd.user-text { (place) } }
                        }
                        div {
                            dt { (ctx.t("events.your_status")) }
                            dd {
                                (ctx.t(status_key(signup.status)))
                                @if let Placement::Waitlisted(position) = placement {
                                    " (" (ctx.tr("events.position", &[("position", &position.to_string())])) ")"
                                }
                            }
                        }
                    }
                }
                @if event.status == EventStatus::Cancelled {
                    div.ds-alert data-color="warning" { (ctx.t("events.cancelled")) }
                }
                @if cancellable {
                    section.ds-card.stack aria-labelledby="cancel-heading" {
                        h2.ds-heading data-size="xs" #cancel-heading { (ctx.t("events.cancel_heading")) }
                        p.ds-paragraph { (ctx.t("events.cancel_text")) }
                        form method="post" action={ "/arrangementer/mine/" (token) "/avmeld" } {
                            (csrf::field(&ctx.csrf_token()))
                            button.ds-button type="submit" data-variant="secondary" data-color="danger" {
                                (ctx.t("events.cancel_button"))
                            }
                        }
                    }
                }
            }
        },
    )
}
