//! Telling people: reminders scheduled in the outbox, and the invitations
//! everyone signed up gets when an event moves or is called off.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};
use url::Url;
use uuid::Uuid;

use crate::domain::Email;
use crate::entities::contact;
use crate::entities::event::{self, Status as EventStatus};
use crate::entities::event_signup::{self, Status};
use crate::error::AppError;
use crate::events::ics::Attendee;
use crate::events::mails;
use crate::mail::{self, NewMail};
use crate::web::Lang;

use super::*;

/// The key of a sign-up's reminder in the outbox.
pub(super) fn reminder_reference(signup_id: Uuid) -> String {
    format!("event-reminder:{signup_id}")
}

/// Reminders go the day before.
pub(super) const REMINDER_BEFORE: Duration = Duration::hours(24);

/// The person a mail goes to.
pub struct Person {
    pub name: Option<String>,
    pub email: Email,
    pub contact_id: Option<Uuid>,
}

impl Person {
    pub(super) fn tie(&self, mail: NewMail) -> NewMail {
        match self.contact_id {
            Some(id) => mail.for_contact(id),
            None => mail,
        }
    }

    pub fn attendee(&self) -> Attendee {
        Attendee {
            name: self.name.clone(),
            email: self.email.to_string(),
        }
    }
}

pub(super) async fn schedule_reminder(
    db: &DatabaseTransaction,
    context: &MailContext,
    event: &event::Model,
    signup: &event_signup::Model,
    person: &Person,
    link: Option<&Url>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let at = event.starts_at - REMINDER_BEFORE;
    if at <= now {
        return Ok(());
    }
    let lang = Lang::from_code(&signup.language).unwrap_or(Lang::Nb);
    let reminder = mails::reminder(lang, context, event, person, link)
        .send_at(at)
        .reference(reminder_reference(signup.id));
    enqueue_in(db, person.tie(reminder)).await
}

pub(super) async fn enqueue_in(db: &DatabaseTransaction, mail: NewMail) -> Result<(), AppError> {
    mail::enqueue(db, mail).await?;
    Ok(())
}

/// The person behind a sign-up, if they have not been erased.
pub(super) async fn person_of(
    db: &impl ConnectionTrait,
    signup: &event_signup::Model,
) -> Result<Option<Person>, AppError> {
    let Some(contact_id) = signup.contact_id else {
        return Ok(None);
    };
    let Some(contact) = contact::Entity::find_by_id(contact_id).one(db).await? else {
        return Ok(None);
    };
    let Some(email) = contact.email.as_deref().and_then(|e| Email::parse(e).ok()) else {
        return Ok(None);
    };
    Ok(Some(Person {
        name: contact.name,
        email,
        contact_id: Some(contact_id),
    }))
}

/// Sends the event as it now is to everyone signed up: an updated or
/// cancelling invitation to those with a seat (their reminders replaced), a
/// notice to those waiting when it is called off. Returns how many
/// invitations went out.
pub(super) async fn send_invitations(
    db: &DatabaseTransaction,
    event_id: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<u64, AppError> {
    let event = find(db, event_id).await?;
    let cancelled = event.status == EventStatus::Cancelled;
    let signups = event_signup::Entity::find()
        .filter(event_signup::Column::EventId.eq(event_id))
        .filter(event_signup::Column::Status.is_in([
            Status::Confirmed,
            Status::Attended,
            Status::Waitlisted,
        ]))
        .order_by_asc(event_signup::Column::CreatedAt)
        .all(db)
        .await?;
    let now = Utc::now();
    let mut sent = 0;
    for signup in signups {
        mail::withdraw(db, &reminder_reference(signup.id)).await?;
        let (Some(context), Some(person)) = (mail_context, person_of(db, &signup).await?) else {
            continue;
        };
        let lang = Lang::from_code(&signup.language).unwrap_or(Lang::Nb);
        if signup.status.holds_seat() {
            let mail = if cancelled {
                mails::cancelled(lang, context, &event, &person)
            } else {
                mails::updated(lang, context, &event, &person)
            };
            enqueue_in(db, person.tie(mail)).await?;
            sent += 1;
            if !cancelled {
                schedule_reminder(db, context, &event, &signup, &person, None, now).await?;
            }
        } else if cancelled {
            enqueue_in(
                db,
                person.tie(mails::cancelled_waiting(lang, context, &event, &person)),
            )
            .await?;
        }
    }
    Ok(sent)
}
