//! The mails of business interviews: pure functions of the language, the
//! business, the person and the slot, queued by the services in the same
//! transaction as the change they tell about. Those that give, move or take
//! away a time carry the calendar invitation.

use chrono::Utc;
use url::Url;

use crate::entities::{business, interview_slot};
use crate::interviews::calendar;
use crate::interviews::service::{MailContext, Outcome, Person, public_page};
use crate::mail::calendar::{Attendee, attachment};
use crate::mail::{MailBody, NewMail};
use crate::web::Lang;
use crate::web::components::time::{Precision, format};

/// "Thursday 5 March at 09:00–09:45, Rådhuset" in the reader's language.
pub fn when_and_where(lang: Lang, slot: &interview_slot::Model) -> String {
    let start = format(lang, slot.starts_at, Precision::Minute);
    let end = slot
        .ends_at
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%H:%M")
        .to_string();
    let mut text = lang.tr("events.mail.when", &[("start", &start), ("end", &end)]);
    if let Some(place) = calendar::location(slot) {
        text.push('\n');
        text.push_str(&lang.tr("events.mail.where", &[("place", &place)]));
    }
    text
}

fn compose(
    lang: Lang,
    context: &MailContext,
    person: &Person,
    subject_key: &str,
    body: MailBody,
) -> NewMail {
    let body = body.footer(lang.tr(
        "interviews.mail.footer",
        &[("programme", &context.programme.programme_name)],
    ));
    NewMail::compose(
        &person.email,
        lang.tr(
            subject_key,
            &[("programme", &context.programme.programme_name)],
        ),
        &body,
    )
    .for_contact(person.contact_id)
}

fn invitation(
    lang: Lang,
    context: &MailContext,
    business: &business::Model,
    person: &Person,
    slot: &interview_slot::Model,
    cancelled: bool,
) -> crate::mail::Attachment {
    attachment(
        &calendar::appointment(
            lang,
            &context.programme.programme_name,
            business,
            slot,
            &public_page(context),
            cancelled,
        ),
        &context.organizer,
        &Attendee {
            name: person.name.clone(),
            email: person.email.to_string(),
        },
        Utc::now(),
    )
}

fn with_link(lang: Lang, body: MailBody, link: Option<&Url>) -> MailBody {
    match link {
        Some(link) => body
            .button(lang.t("interviews.mail.button"), link)
            .paragraph(lang.t("interviews.mail.keep_private")),
        None => body.paragraph(lang.t("interviews.mail.first_link")),
    }
}

/// The receipt: registered (or updated), with the private link to pick a
/// time, or the time already held.
pub fn registered(
    lang: Lang,
    context: &MailContext,
    business: &business::Model,
    person: &Person,
    slot: Option<&interview_slot::Model>,
    outcome: Outcome,
    link: &Url,
) -> NewMail {
    let intro = lang.tr(
        match outcome {
            Outcome::New => "interviews.mail.registered",
            Outcome::Updated => "interviews.mail.updated_registration",
        },
        &[("business", &business.name)],
    );
    let mut body = MailBody::new(lang).paragraph(intro);
    body = match slot {
        Some(slot) => body.paragraph(format!(
            "{}\n{}",
            lang.t("interviews.mail.your_time"),
            when_and_where(lang, slot)
        )),
        None => body.paragraph(lang.t("interviews.mail.pick_time")),
    };
    let body = with_link(lang, body, Some(link));
    compose(
        lang,
        context,
        person,
        "interviews.mail.registered_subject",
        body,
    )
}

/// To the earlier contact, when a registration again under the same
/// organisation number gave another address.
pub fn taken_over(
    lang: Lang,
    context: &MailContext,
    business: &business::Model,
    person: &Person,
) -> NewMail {
    let body = MailBody::new(lang).paragraph(lang.tr(
        "interviews.mail.taken_over",
        &[("business", &business.name)],
    ));
    compose(
        lang,
        context,
        person,
        "interviews.mail.taken_over_subject",
        body,
    )
}

/// A time booked: the invitation.
pub fn booked(
    lang: Lang,
    context: &MailContext,
    business: &business::Model,
    person: &Person,
    slot: &interview_slot::Model,
    link: Option<&Url>,
) -> NewMail {
    let keys = [
        "interviews.mail.booked_subject",
        "interviews.mail.booked",
        "events.mail.calendar",
    ];
    with_invitation(lang, context, business, person, slot, link, keys)
}

/// The time moved (by the business or by staff): the updated invitation
/// replaces the first.
pub fn moved(
    lang: Lang,
    context: &MailContext,
    business: &business::Model,
    person: &Person,
    slot: &interview_slot::Model,
    link: Option<&Url>,
) -> NewMail {
    let keys = [
        "interviews.mail.moved_subject",
        "interviews.mail.moved",
        "events.mail.calendar_updated",
    ];
    with_invitation(lang, context, business, person, slot, link, keys)
}

/// A mail about the time now held, with the invitation for it.
fn with_invitation(
    lang: Lang,
    context: &MailContext,
    business: &business::Model,
    person: &Person,
    slot: &interview_slot::Model,
    link: Option<&Url>,
    [subject, intro, calendar_note]: [&str; 3],
) -> NewMail {
    let body = MailBody::new(lang)
        .paragraph(lang.t(intro))
        .paragraph(when_and_where(lang, slot))
        .paragraph(lang.t(calendar_note));
    let body = with_link(lang, body, link);
    compose(lang, context, person, subject, body)
        .attach(invitation(lang, context, business, person, slot, false))
}

/// The day before.
pub fn reminder(
    lang: Lang,
    context: &MailContext,
    _business: &business::Model,
    person: &Person,
    slot: &interview_slot::Model,
    link: Option<&Url>,
) -> NewMail {
    let body = MailBody::new(lang)
        .paragraph(lang.t("interviews.mail.reminder"))
        .paragraph(when_and_where(lang, slot));
    let body = with_link(lang, body, link);
    compose(
        lang,
        context,
        person,
        "interviews.mail.reminder_subject",
        body,
    )
}

/// The time is given up: the cancelling invitation removes it.
pub fn cancelled(
    lang: Lang,
    context: &MailContext,
    business: &business::Model,
    person: &Person,
    slot: &interview_slot::Model,
    by_staff: bool,
) -> NewMail {
    let body = MailBody::new(lang)
        .paragraph(lang.t(if by_staff {
            "interviews.mail.cancelled_by_us"
        } else {
            "interviews.mail.cancelled"
        }))
        .paragraph(when_and_where(lang, slot));
    let body = with_link(lang, body, None);
    compose(
        lang,
        context,
        person,
        "interviews.mail.cancelled_subject",
        body,
    )
    .attach(invitation(lang, context, business, person, slot, true))
}
