//! Files sent with a mail: a calendar invitation reaches a real SMTP server
//! byte for byte beside the text and HTML parts, survives a failed attempt,
//! and leaves nothing behind in the database once it has gone.

use innspill::entities::outbox_attachment;
use innspill::mail::{self, Attachment, MailStatus, Mailer, NewMail};
use mail_parser::{MessagePart, MimeHeaders};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use crate::common::TestDatabase;
use crate::common::smtp::SmtpSink;
use crate::mail::{WAIT, confirmation, connect, content_types, deliver, row, settings, status};

const ICS_TYPE: &str = "text/calendar; method=REQUEST; charset=UTF-8";
const ICS_NAME: &str = "Innspillsmøte på rådhuset.ics";

/// A calendar invitation as calendar programs send them: CRLF line ends,
/// folded lines and non-ASCII text, all of which must survive unchanged.
fn ics() -> Vec<u8> {
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//innspill//NO",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:0193a4c2-innspill@kommune.example",
        "DTSTART:20270115T170000Z",
        "SUMMARY:Innspillsmøte om næringsliv – Åse, Ørjan og Ærlig",
        "DESCRIPTION:Vi samles på rådhuset for å drøfte innsatsområdene. Ta gjerne ",
        " med naboen.",
        ".LINE-STARTING-WITH-A-DOT:x",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n")
    .into_bytes()
}

/// Every byte value, several base64 lines long.
fn binary() -> Vec<u8> {
    (0..=255u8).cycle().take(1000).collect()
}

fn with_files(to: &str) -> NewMail {
    confirmation(to)
        .attach(Attachment::new(ICS_NAME, ICS_TYPE, ics()).unwrap())
        .attach(Attachment::new("vedlegg.bin", "application/octet-stream", binary()).unwrap())
}

async fn stored_files(db: &DatabaseConnection, id: Uuid) -> Vec<outbox_attachment::Model> {
    outbox_attachment::Entity::find()
        .filter(outbox_attachment::Column::OutboxId.eq(id))
        .all(db)
        .await
        .unwrap()
}

fn content_type(part: &MessagePart<'_>) -> String {
    let ct = part.content_type().expect("content type");
    format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default())
}

#[tokio::test]
async fn a_calendar_invitation_arrives_intact_beside_the_text_and_html_parts() {
    let database = TestDatabase::create().await;
    let smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();

    mail::enqueue(&db, with_files("ola@example.org"))
        .await
        .unwrap();
    assert_eq!(deliver(&db, &mailer, &settings).await.sent, 1);

    let received = smtp.wait_for(1, WAIT).await;
    let message = received[0].parse();
    assert_eq!(
        content_types(&message),
        [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "text/calendar",
            "application/octet-stream"
        ]
    );
    let text = message.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        text.contains("Se innspillet:\nhttps://innspill.example/mine/123"),
        "{text}"
    );
    let html = message.body_html(0).unwrap();
    assert!(html.contains(r#"<html lang="nb">"#), "{html}");
    assert_eq!(message.text_body_count(), 1, "the invitation is not a body");

    let files: Vec<_> = message.attachments().collect();
    assert_eq!(files.len(), 2);
    let invite = files[0];
    assert_eq!(invite.attachment_name(), Some(ICS_NAME));
    assert_eq!(content_type(invite), "text/calendar");
    let ct = invite.content_type().unwrap();
    assert_eq!(ct.attribute("method"), Some("REQUEST"));
    assert_eq!(
        ct.attribute("charset")
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("utf-8")
    );
    assert_eq!(invite.contents(), ics().as_slice(), "every byte, CRLF kept");
    let blob = files[1];
    assert_eq!(blob.attachment_name(), Some("vedlegg.bin"));
    assert_eq!(content_type(blob), "application/octet-stream");
    assert_eq!(blob.contents(), binary().as_slice());
}

#[tokio::test]
async fn a_mail_keeps_its_files_through_a_failed_attempt_and_drops_them_once_delivered() {
    let database = TestDatabase::create().await;
    let mut smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();
    smtp.stop().await;

    let id = mail::enqueue(&db, with_files("kari@example.no"))
        .await
        .unwrap();
    let stored = stored_files(&db, id).await;
    let mut stored: Vec<_> = stored
        .iter()
        .map(|f| (f.position, f.content.clone()))
        .collect();
    stored.sort();
    assert_eq!(stored, [(0, ics()), (1, binary())], "stored in order");

    assert_eq!(deliver(&db, &mailer, &settings).await.retrying, 1);
    assert_eq!(status(&row(&db, id).await), MailStatus::Pending);
    assert_eq!(stored_files(&db, id).await.len(), 2, "kept for the retry");

    smtp.restart().await;
    let deadline = std::time::Instant::now() + WAIT;
    while status(&row(&db, id).await) != MailStatus::Sent {
        assert!(std::time::Instant::now() < deadline, "never delivered");
        deliver(&db, &mailer, &settings).await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let message = smtp.wait_for(1, WAIT).await[0].clone();
    let parsed = message.parse();
    let files: Vec<_> = parsed.attachments().collect();
    assert_eq!(files.len(), 2, "the retry carried the files too");
    assert_eq!(files[0].contents(), ics().as_slice());

    assert!(
        stored_files(&db, id).await.is_empty(),
        "no copy of the files once delivered"
    );
    assert_eq!(
        outbox_attachment::Entity::find().count(&db).await.unwrap(),
        0
    );
    let sent = row(&db, id).await;
    assert!(sent.body_text.is_empty() && sent.body_html.is_empty());
}

#[tokio::test]
async fn files_queued_in_a_rolled_back_transaction_are_never_stored() {
    let database = TestDatabase::create().await;
    let db = connect(&database).await;
    let txn = db.begin().await.unwrap();
    mail::enqueue(&txn, with_files("angret@example.org"))
        .await
        .unwrap();
    txn.rollback().await.unwrap();
    let kept = mail::enqueue(&db, with_files("beholdt@example.org"))
        .await
        .unwrap();

    assert_eq!(
        outbox_attachment::Entity::find().count(&db).await.unwrap(),
        2
    );
    assert_eq!(stored_files(&db, kept).await.len(), 2);
}
