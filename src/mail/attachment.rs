//! Files that travel with a mail, such as a calendar invitation: checked when
//! made, so the worker never meets one that cannot become a MIME part; stored
//! beside the outbox row, and deleted once the mail has gone.

use std::collections::HashMap;

use lettre::message::header::ContentType;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::entities::{outbox, outbox_attachment};

/// A file to send with a mail: its name as the reader sees it, its MIME type
/// and its bytes, which arrive unchanged (they are sent base64-encoded).
///
/// ```
/// # use innspill::mail::Attachment;
/// let invite = Attachment::new(
///     "innspillsmote.ics",
///     "text/calendar; method=REQUEST; charset=UTF-8",
///     "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
/// )
/// .unwrap();
/// assert_eq!(invite.filename(), "innspillsmote.ics");
/// assert!(Attachment::new("a.ics", "not a type", "x").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    filename: String,
    content_type: String,
    content: Vec<u8>,
}

/// Why a file cannot be attached.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InvalidAttachment {
    #[error(
        "an attachment needs a file name of at most {MAX_FILENAME_CHARS} characters, without path or control characters"
    )]
    Filename,
    #[error("`{0}` is not a MIME content type")]
    ContentType(String),
}

/// The column holds 255; a longer name is a mistake, not a file name.
const MAX_FILENAME_CHARS: usize = 255;

impl Attachment {
    pub fn new(
        filename: impl Into<String>,
        content_type: &str,
        content: impl Into<Vec<u8>>,
    ) -> Result<Self, InvalidAttachment> {
        let filename = filename.into();
        let bad_char = |c: char| c.is_control() || c == '/' || c == '\\';
        if filename.trim().is_empty()
            || filename.chars().count() > MAX_FILENAME_CHARS
            || filename.chars().any(bad_char)
        {
            return Err(InvalidAttachment::Filename);
        }
        let content_type = content_type.trim();
        if content_type.len() > 255
            || content_type.chars().any(char::is_control)
            || ContentType::parse(content_type).is_err()
        {
            return Err(InvalidAttachment::ContentType(content_type.to_owned()));
        }
        Ok(Self {
            filename,
            content_type: content_type.to_owned(),
            content: content.into(),
        })
    }

    pub fn filename(&self) -> &str {
        &self.filename
    }

    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    pub fn content(&self) -> &[u8] {
        &self.content
    }
}

/// Stores the files of outbox row `outbox_id`, in their order.
pub(crate) async fn store(
    db: &impl ConnectionTrait,
    outbox_id: Uuid,
    attachments: Vec<Attachment>,
) -> Result<(), DbErr> {
    let rows =
        attachments
            .into_iter()
            .zip(0..)
            .map(|(file, position)| outbox_attachment::ActiveModel {
                id: Set(Uuid::now_v7()),
                outbox_id: Set(outbox_id),
                position: Set(position),
                filename: Set(file.filename),
                content_type: Set(file.content_type),
                content: Set(file.content),
            });
    outbox_attachment::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The files of the given outbox rows, in their order, by outbox id.
pub(crate) async fn load(
    db: &impl ConnectionTrait,
    rows: &[outbox::Model],
) -> Result<HashMap<Uuid, Vec<outbox_attachment::Model>>, DbErr> {
    let mut files: HashMap<Uuid, Vec<outbox_attachment::Model>> = HashMap::new();
    if rows.is_empty() {
        return Ok(files);
    }
    let found = outbox_attachment::Entity::find()
        .filter(outbox_attachment::Column::OutboxId.is_in(rows.iter().map(|row| row.id)))
        .order_by_asc(outbox_attachment::Column::OutboxId)
        .order_by_asc(outbox_attachment::Column::Position)
        .all(db)
        .await?;
    for file in found {
        files.entry(file.outbox_id).or_default().push(file);
    }
    Ok(files)
}

/// Deletes the files of a sent mail: like its bodies, an invitation can
/// hold links that are secret.
pub(crate) async fn delete(db: &impl ConnectionTrait, outbox_id: Uuid) -> Result<(), DbErr> {
    outbox_attachment::Entity::delete_many()
        .filter(outbox_attachment::Column::OutboxId.eq(outbox_id))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_paths_or_control_characters_are_refused() {
        for name in [
            "",
            "  ",
            "../etc/passwd",
            "a\\b.ics",
            "a\r\nX-Header: y.ics",
        ] {
            assert_eq!(
                Attachment::new(name, "text/plain", "x"),
                Err(InvalidAttachment::Filename),
                "{name:?}"
            );
        }
        assert!(Attachment::new("møte på rådhuset.ics", "text/calendar", "x").is_ok());
    }

    #[test]
    fn content_types_must_parse_and_keep_their_parameters() {
        let ics = Attachment::new("a.ics", "text/calendar; method=REQUEST; charset=UTF-8", "x");
        assert_eq!(
            ics.map(|a| a.content_type().to_owned()),
            Ok("text/calendar; method=REQUEST; charset=UTF-8".to_owned())
        );
        assert!(Attachment::new("a.ics", "calendar", "x").is_err());
        assert!(Attachment::new("a.ics", "text/plain\r\nBcc: x@y", "x").is_err());
    }
}
