//! The mails of events: pure functions of the language, the event and the
//! person, queued by the services in the same transaction as the change
//! they tell about. Those that give or change a seat carry the invitation.

use chrono::Utc;
use url::Url;

use crate::entities::event;
use crate::events::ics;
use crate::events::service::{MailContext, Person};
use crate::mail::{Attachment, MailBody, NewMail, calendar};
use crate::web::Lang;
use crate::web::components::time::{Precision, format};

/// "Thursday 5 March at 18:00–20:00, Kulturhuset" in the reader's language.
pub fn when_and_where(lang: Lang, event: &event::Model) -> String {
    let start = format(lang, event.starts_at, Precision::Minute);
    let end = event
        .ends_at
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%H:%M")
        .to_string();
    let mut text = lang.tr("events.mail.when", &[("start", &start), ("end", &end)]);
    if let Some(place) = ics::location(event) {
        text.push('\n');
        text.push_str(&lang.tr("events.mail.where", &[("place", &place)]));
    }
    text
}

fn body(lang: Lang, event: &event::Model, intro: String) -> MailBody {
    MailBody::new(lang).paragraph(intro).paragraph(format!(
        "«{}»\n{}",
        event.title,
        when_and_where(lang, event)
    ))
}

fn footer(lang: Lang, context: &MailContext, body: MailBody) -> MailBody {
    body.footer(lang.tr(
        "events.mail.footer",
        &[("programme", &context.programme.programme_name)],
    ))
}

fn invitation(context: &MailContext, event: &event::Model, person: &Person) -> Attachment {
    calendar::attachment(
        &ics::appointment(event, &context.event_page(event.id)),
        &context.organizer,
        &person.attendee(),
        Utc::now(),
    )
}

fn compose(
    lang: Lang,
    person: &Person,
    subject_key: &str,
    event: &event::Model,
    body: &MailBody,
) -> NewMail {
    NewMail::compose(
        &person.email,
        lang.tr(subject_key, &[("title", &event.title)]),
        body,
    )
}

/// A seat: the invitation, and the private link to see or cancel it.
pub fn confirmation(
    lang: Lang,
    context: &MailContext,
    event: &event::Model,
    person: &Person,
    link: &Url,
) -> NewMail {
    let body = body(lang, event, lang.t("events.mail.confirmed").to_owned())
        .paragraph(lang.t("events.mail.calendar"))
        .button(lang.t("events.mail.button"), link)
        .paragraph(lang.t("events.mail.keep_private"));
    let body = footer(lang, context, body);
    compose(lang, person, "events.mail.confirmed_subject", event, &body)
        .attach(invitation(context, event, person))
}

/// No seat yet: the place on the waitlist, and the private link.
pub fn waitlisted(
    lang: Lang,
    context: &MailContext,
    event: &event::Model,
    person: &Person,
    link: &Url,
    position: u64,
) -> NewMail {
    let intro = lang.tr(
        "events.mail.waitlisted",
        &[("position", &position.to_string())],
    );
    let body = body(lang, event, intro)
        .button(lang.t("events.mail.button"), link)
        .paragraph(lang.t("events.mail.keep_private"));
    let body = footer(lang, context, body);
    compose(lang, person, "events.mail.waitlisted_subject", event, &body)
}

/// A seat came free: the invitation.
pub fn promoted(
    lang: Lang,
    context: &MailContext,
    event: &event::Model,
    person: &Person,
) -> NewMail {
    let body = body(lang, event, lang.t("events.mail.promoted").to_owned())
        .paragraph(lang.t("events.mail.calendar"))
        .paragraph(lang.t("events.mail.cancel_with_first_link"));
    let body = footer(lang, context, body);
    compose(lang, person, "events.mail.promoted_subject", event, &body)
        .attach(invitation(context, event, person))
}

/// The day before.
pub fn reminder(
    lang: Lang,
    context: &MailContext,
    event: &event::Model,
    person: &Person,
    link: Option<&Url>,
) -> NewMail {
    let mut body = body(lang, event, lang.t("events.mail.reminder").to_owned());
    body = match link {
        Some(link) => body
            .paragraph(lang.t("events.mail.cannot_come"))
            .button(lang.t("events.mail.button"), link),
        None => body.paragraph(lang.t("events.mail.cancel_with_first_link")),
    };
    let body = footer(lang, context, body);
    compose(lang, person, "events.mail.reminder_subject", event, &body)
}

/// The event moved: the updated invitation replaces the first.
pub fn updated(
    lang: Lang,
    context: &MailContext,
    event: &event::Model,
    person: &Person,
) -> NewMail {
    let body = body(lang, event, lang.t("events.mail.updated").to_owned())
        .paragraph(lang.t("events.mail.calendar_updated"));
    let body = footer(lang, context, body);
    compose(lang, person, "events.mail.updated_subject", event, &body)
        .attach(invitation(context, event, person))
}

/// The event is called off: the cancelling invitation removes it.
pub fn cancelled(
    lang: Lang,
    context: &MailContext,
    event: &event::Model,
    person: &Person,
) -> NewMail {
    cancelled_waiting(lang, context, event, person).attach(invitation(context, event, person))
}

/// The event is called off, to someone still waiting for a seat.
pub fn cancelled_waiting(
    lang: Lang,
    context: &MailContext,
    event: &event::Model,
    person: &Person,
) -> NewMail {
    let body = body(lang, event, lang.t("events.mail.cancelled").to_owned());
    let body = footer(lang, context, body);
    compose(lang, person, "events.mail.cancelled_subject", event, &body)
}
