//! Turns an outbox row into a MIME message and hands it to an SMTP server or,
//! when none is configured, writes it as an .eml file for development.

use std::path::PathBuf;
use std::time::Duration;

use lettre::address::AddressError;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart};
use lettre::transport::{file, smtp};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Settings;
use crate::entities::{outbox, outbox_attachment};

/// How long one SMTP step may take. Bounded so a hung server cannot keep a
/// claimed batch past its lease (see `worker::CLAIM_LEASE`).
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the mail settings cannot be used; reported at start-up.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("INNSPILL_MAIL_FROM is not a mailbox such as `innspill <noreply@example.org>`")]
    InvalidFrom(#[source] AddressError),
    // The URL itself is left out: it may hold the SMTP password.
    #[error("INNSPILL_SMTP_URL is not a usable SMTP URL")]
    InvalidSmtpUrl(#[source] smtp::Error),
    #[error("cannot create the mail folder {0}")]
    MailFolder(PathBuf, #[source] std::io::Error),
}

/// Why one message was not delivered.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The row can never become a valid message (say, a malformed address),
    /// so retrying cannot help.
    #[error("cannot build the message: {0}")]
    Build(String),
    #[error("SMTP delivery failed")]
    Smtp(#[source] smtp::Error),
    #[error("writing the .eml file failed")]
    File(#[source] file::Error),
}

impl SendError {
    /// True when another attempt cannot succeed.
    pub fn is_permanent(&self) -> bool {
        matches!(self, Self::Build(_))
    }
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// The sender and the way out, built once from the settings.
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

impl Mailer {
    /// SMTP when `smtp_url` is set (`smtp://`, `smtps://`, `smtp://…?tls=required`),
    /// else .eml files in `<data_dir>/mail/`. Must run inside the Tokio runtime,
    /// as the SMTP connection pool starts a task of its own.
    pub fn from_settings(settings: &Settings) -> Result<Self, MailError> {
        let from: Mailbox = settings.mail.from.parse().map_err(MailError::InvalidFrom)?;
        let transport = match &settings.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(MailError::InvalidSmtpUrl)?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Transport::Smtp(transport)
            }
            None => {
                let dir = settings.data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .map_err(|err| MailError::MailFolder(dir.clone(), err))?;
                Transport::Files(AsyncFileTransport::new(&dir), dir)
            }
        };
        Ok(Self { from, transport })
    }

    /// Where mail goes, for the start-up log: "SMTP" or the folder.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp(_) => "SMTP".to_owned(),
            Transport::Files(_, dir) => format!(".eml files in {}", dir.display()),
        }
    }

    /// The message for a row: From, To, UTF-8 subject, a Message-ID derived
    /// from the row id (so a resend after a crash carries the same one and
    /// receivers can drop the duplicate), and text and HTML alternatives;
    /// with files, those alternatives come first in a multipart/mixed.
    pub fn message(
        &self,
        row: &outbox::Model,
        files: &[outbox_attachment::Model],
    ) -> Result<Message, SendError> {
        let to: Mailbox = row
            .recipient
            .parse()
            .map_err(|err: AddressError| SendError::Build(format!("recipient: {err}")))?;
        let message_id = format!("<{}@{}>", row.id, self.from.email.domain());
        let alternative =
            MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone());
        // Without files there is nothing to mix: the alternative stands alone.
        let body = if files.is_empty() {
            alternative
        } else {
            let mut mixed = MultiPart::mixed().multipart(alternative);
            for file in files {
                let content_type = ContentType::parse(&file.content_type)
                    .map_err(|err| SendError::Build(format!("attachment type: {err}")))?;
                // Bytes, not a string: lettre then always uses base64, which
                // keeps a calendar's CRLF line ends and any binary exactly.
                mixed = mixed.singlepart(
                    MimeAttachment::new(file.filename.clone())
                        .body(file.content.clone(), content_type),
                );
            }
            mixed
        };
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(one_line(&row.subject))
            .message_id(Some(message_id))
            .multipart(body)
            .map_err(|err| SendError::Build(err.to_string()))
    }

    pub async fn send(
        &self,
        row: &outbox::Model,
        files: &[outbox_attachment::Model],
    ) -> Result<(), SendError> {
        let message = self.message(row, files)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(SendError::Smtp),
            Transport::Files(files, _) => {
                files.send(message).await.map(drop).map_err(SendError::File)
            }
        }
    }
}

/// Subjects may quote user input; a line break there must not start a header.
fn one_line(subject: &str) -> String {
    subject
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}
