//! Markup of what facilitators do with an event's participants as a group:
//! the links and the download on the event page, and the message form.

use maud::{Markup, html};
use uuid::Uuid;

use crate::entities::event;
use crate::entities::user;
use crate::events::message::MessageForm;
use crate::events::views::admin::detail_path;
use crate::events::views::checkin::{checkin_path, print_path};
use crate::events::views::public::when;
use crate::exports::Format;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary, notice};

pub fn export_path(event_id: Uuid) -> String {
    format!("{}/deltakerliste", detail_path(event_id))
}

pub fn message_path(event_id: Uuid) -> String {
    format!("{}/e-post", detail_path(event_id))
}

/// On the event page, under the participants heading: check-in, the
/// printed list and the message.
pub fn tools(ctx: &PageContext, event: &event::Model) -> Markup {
    html! {
        div.cluster {
            a.ds-button data-variant="secondary" data-size="sm" href=(checkin_path(event.id)) { (ctx.t("events.checkin.open")) }
            a.ds-link href=(print_path(event.id)) { (ctx.t("events.checkin.print_open")) }
            a.ds-link href=(message_path(event.id)) { (ctx.t("events.message.open")) }
        }
    }
}

/// On the event page, under the participants: the download in any format.
pub fn export_form(ctx: &PageContext, event: &event::Model) -> Markup {
    html! {
        form.stack.page-narrow method="post" action=(export_path(event.id)) aria-labelledby="export-heading" {
            h3.ds-heading data-size="xs" #export-heading { (ctx.t("events.participants.export_heading")) }
            p.ds-paragraph #export-hint { (ctx.t("events.participants.export_hint")) }
            (csrf::field(&ctx.csrf_token()))
            div.ds-field {
                label.ds-label for="export-format" { (ctx.t("events.participants.format")) }
                select.ds-input id="export-format" name="format" aria-describedby="export-hint" {
                    @for format in Format::ALL {
                        option value=(format.code()) selected[format == Format::Xlsx] {
                            (ctx.t(&format!("exports.format_{}", format.code())))
                        }
                    }
                }
            }
            div {
                button.ds-button type="submit" data-variant="secondary" { (ctx.t("events.participants.download")) }
            }
        }
    }
}

/// The message form, with how many it goes to; `sent` is the count of the
/// sending just done, for the receipt.
pub fn message_page(
    ctx: &PageContext,
    me: &user::Model,
    event: &event::Model,
    seats: usize,
    form: &MessageForm,
    errors: &FormErrors,
    sent: Option<u64>,
) -> Markup {
    let title = format!("{} – {}", ctx.t("events.message.title"), event.title);
    let receipt = sent.map(|count| ctx.tr("events.message.sent", &[("count", &count.to_string())]));
    admin_page(
        ctx,
        me,
        &title,
        Section::Events,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(detail_path(event.id)) { (ctx.t("events.checkin.back")) } }
                div {
                    h1.ds-heading data-size="md" { (ctx.t("events.message.title")) }
                    p.ds-paragraph.user-text { strong { (event.title) } br; (when(ctx, event)) }
                }
                (notice(receipt.as_deref()))
                @if seats == 0 {
                    div.ds-alert data-color="info" { (ctx.t("events.message.nobody")) }
                } @else {
                    p.ds-paragraph { (ctx.tr("events.message.recipients", &[("count", &seats.to_string())])) }
                    (error_summary(ctx.lang, errors))
                    form.stack method="post" action=(message_path(event.id)) novalidate {
                        (csrf::field(&ctx.csrf_token()))
                        input type="hidden" name="idempotency_key" value=(form.idempotency_key);
                        (Field::new("subject", ctx.t("events.message.subject"), &form.subject).required().render(errors))
                        (Field::new("text", ctx.t("events.message.text"), &form.text)
                            .kind("textarea").hint(ctx.t("events.message.text_hint")).required().render(errors))
                        div {
                            button.ds-button type="submit" data-variant="primary" { (ctx.t("events.message.send")) }
                        }
                    }
                }
            }
        },
    )
}
