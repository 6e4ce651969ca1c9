//! A facilitator's message to everyone holding a seat at one event: the
//! form, the mail around the text as typed, and the sending through the
//! outbox in one transaction.

use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::entities::{event, outbox};
use crate::error::AppError;
use crate::events::mails::when_and_where;
use crate::events::service;
use crate::inputs::lock::lock_where;
use crate::mail::{self, MailBody, NewMail};
use crate::settings::service::Programme;
use crate::web::Lang;
use crate::web::forms::FormErrors;

/// The form as sent.
#[derive(Deserialize, Validate, Default, Clone, Debug)]
#[serde(default)]
pub struct MessageForm {
    #[validate(length(min = 1, max = 200, message = "events.message.validation.subject"))]
    pub subject: String,
    #[validate(length(min = 1, max = 10000, message = "events.message.validation.text"))]
    pub text: String,
    /// Set when the form is shown, so sending it twice sends once.
    pub idempotency_key: String,
}

pub const MESSAGE_FIELDS: [&str; 2] = ["subject", "text"];

impl MessageForm {
    /// An empty form with a fresh key.
    pub fn blank() -> Self {
        Self {
            idempotency_key: Uuid::now_v7().to_string(),
            ..Self::default()
        }
    }

    /// The message with its ends trimmed and line ends made plain; the
    /// text in between stays as typed.
    pub fn check(&self, lang: Lang) -> Result<Message, FormErrors> {
        let trimmed = Self {
            subject: self.subject.trim().to_owned(),
            text: self.text.trim().replace("\r\n", "\n"),
            idempotency_key: self.idempotency_key.clone(),
        };
        trimmed
            .validate()
            .map_err(|err| FormErrors::from_validation(lang, &err, &MESSAGE_FIELDS))?;
        Ok(Message {
            subject: trimmed.subject,
            text: trimmed.text,
        })
    }

    /// The key, when it is one this form could have carried.
    pub fn key(&self) -> Option<&str> {
        Uuid::parse_str(&self.idempotency_key)
            .ok()
            .map(|_| self.idempotency_key.as_str())
    }
}

/// A facilitator's message to the participants, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
}

/// The key in the outbox that ties together the mails of one sending, so
/// the same form sent twice (a double click) queues them once.
fn message_reference(key: &str) -> String {
    format!("event-message:{key}")
}

/// The mail of a message, in the reader's language around the text the
/// facilitator typed: which event it is about, and why it came.
pub fn message_mail(
    lang: Lang,
    programme: &Programme,
    event: &event::Model,
    to: &Email,
    message: &Message,
) -> NewMail {
    let mut body = MailBody::new(lang);
    for paragraph in message
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        body = body.paragraph(paragraph);
    }
    let about = lang.tr("events.message.about", &[("title", &event.title)]);
    let body = body
        .paragraph(format!("{about}\n{}", when_and_where(lang, event)))
        .footer(lang.tr(
            "events.mail.footer",
            &[("programme", &programme.programme_name)],
        ));
    NewMail::compose(to, message.subject.clone(), &body)
}

/// Queues the message for everyone holding a seat (confirmed or checked
/// in), each in the language they signed up in and tied to their contact,
/// in one transaction with the audit entry; those waiting or cancelled get
/// nothing. Returns how many mails were queued, or, for a form sent again
/// with the same key, how many the first sending queued.
pub async fn mail_seat_holders(
    db: &DatabaseConnection,
    event_id: Uuid,
    message: &Message,
    programme: &Programme,
    key: Option<&str>,
    by: Uuid,
) -> Result<u64, AppError> {
    let txn = crate::db::begin(db).await?;
    // Under the event's lock, a second sending of the same form waits for
    // the first to commit and then finds its mails.
    let locked = lock_where::<event::Entity>(
        &txn,
        event::Column::Id,
        Condition::all().add(event::Column::Id.eq(event_id)),
    )
    .await?;
    if locked == 0 {
        return Err(AppError::NotFound);
    }
    let reference = key.map(message_reference);
    if let Some(reference) = &reference {
        let sent = outbox::Entity::find()
            .filter(outbox::Column::Reference.eq(reference.as_str()))
            .count(&txn)
            .await?;
        if sent > 0 {
            return Ok(sent);
        }
    }
    let event = service::find(&txn, event_id).await?;
    let mut queued = 0;
    for participant in service::participants(&txn, event_id).await? {
        if !participant.signup.status.holds_seat() {
            continue;
        }
        let Some(contact) = &participant.contact else {
            continue;
        };
        let Some(email) = contact.email.as_deref().and_then(|e| Email::parse(e).ok()) else {
            continue;
        };
        let lang = Lang::from_code(&participant.signup.language).unwrap_or_default();
        let mut mail =
            message_mail(lang, programme, &event, &email, message).for_contact(contact.id);
        if let Some(reference) = &reference {
            mail = mail.reference(reference.clone());
        }
        mail::enqueue(&txn, mail).await?;
        queued += 1;
    }
    audit::record(
        &txn,
        Entry::new(Some(by), "event.participants_mail")
            .on("event", event_id)
            .details(format!("recipients={queued}")),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(%event_id, recipients = queued, "message to participants queued");
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_get_messages_and_the_text_keeps_its_lines() {
        let empty = MessageForm {
            subject: "  ".into(),
            text: String::new(),
            idempotency_key: "x".into(),
        };
        let errors = empty.check(Lang::Nb).expect_err("empty");
        assert!(errors.get("subject").is_some() && errors.get("text").is_some());
        assert_eq!(empty.key(), None);

        let form = MessageForm {
            subject: " Husk matpakke ".into(),
            text: "Hei!\r\nVi starter presis.\r\n\r\nHilsen oss\n".into(),
            ..MessageForm::blank()
        };
        let message = form.check(Lang::Nb).expect("valid");
        assert_eq!(message.subject, "Husk matpakke");
        assert_eq!(message.text, "Hei!\nVi starter presis.\n\nHilsen oss");
        assert!(form.key().is_some());
    }
}
