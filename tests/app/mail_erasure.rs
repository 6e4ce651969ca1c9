//! Erasing a contact removes exactly the mail still waiting to go to that
//! person: not the mail of another contact at the same address, not staff
//! mail; and once the contact row goes, nothing of theirs is left.

use chrono::Utc;
use innspill::entities::{contact, outbox, outbox_attachment};
use innspill::mail::{self, Attachment, MailStatus, Mailer};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use crate::common::TestDatabase;
use crate::common::smtp::SmtpSink;
use crate::mail::{WAIT, confirmation, connect, deliver, settings};

/// Two people can leave the same address (a shared family inbox, say).
const ADDRESS: &str = "familien@example.no";

async fn add_contact(db: &DatabaseConnection) -> Uuid {
    let id = Uuid::now_v7();
    contact::Entity::insert(contact::ActiveModel {
        id: Set(id),
        name: Set(Some("Navn".to_owned())),
        email: Set(Some(ADDRESS.to_owned())),
        phone: Set(None),
        organisation: Set(None),
        consent_at: Set(Some(Utc::now())),
        news_opt_in: Set(false),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    id
}

async fn queue_for(db: &DatabaseConnection, contact: Option<Uuid>) -> Uuid {
    let mut mail = confirmation(ADDRESS)
        .attach(Attachment::new("møte.ics", "text/calendar", "BEGIN:VCALENDAR\r\n").unwrap());
    if let Some(contact) = contact {
        mail = mail.for_contact(contact);
    }
    mail::enqueue(db, mail).await.unwrap()
}

async fn set_status(db: &DatabaseConnection, id: Uuid, status: MailStatus) {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(status.as_str()))
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await
        .unwrap();
}

async fn outbox_ids(db: &impl ConnectionTrait) -> Vec<Uuid> {
    let mut ids: Vec<_> = outbox::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect();
    ids.sort();
    ids
}

async fn files_of(db: &DatabaseConnection, id: Uuid) -> u64 {
    outbox_attachment::Entity::find()
        .filter(outbox_attachment::Column::OutboxId.eq(id))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn erasing_one_contact_removes_exactly_their_queued_mail_and_keeps_anothers() {
    let database = TestDatabase::create().await;
    let smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();
    let erased = add_contact(&db).await;
    let other = add_contact(&db).await;

    // One of the erased person's mails has already gone out.
    let sent = queue_for(&db, Some(erased)).await;
    assert_eq!(deliver(&db, &mailer, &settings).await.sent, 1);
    smtp.wait_for(1, WAIT).await;
    let pending = queue_for(&db, Some(erased)).await;
    let failed = queue_for(&db, Some(erased)).await;
    set_status(&db, failed, MailStatus::Failed).await;
    let sending = queue_for(&db, Some(erased)).await;
    set_status(&db, sending, MailStatus::Sending).await;
    let others = queue_for(&db, Some(other)).await;
    let untied = queue_for(&db, None).await;
    assert_eq!(files_of(&db, pending).await, 1);

    let txn = db.begin().await.unwrap();
    assert_eq!(mail::forget_contact(&txn, erased).await.unwrap(), 3);
    let mut left = vec![sent, others, untied];
    left.sort();
    let in_txn = outbox_ids(&txn).await;
    assert_eq!(
        in_txn, left,
        "the unsent mail of the erased contact is gone"
    );
    contact::Entity::delete_by_id(erased)
        .exec(&txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();

    let mut left = vec![others, untied];
    left.sort();
    assert_eq!(
        outbox_ids(&db).await,
        left,
        "with the contact goes the sent row that still held the address"
    );
    for id in [pending, failed, sending] {
        assert_eq!(files_of(&db, id).await, 0, "the files went with the mail");
    }
    assert_eq!(files_of(&db, others).await, 1);

    // The other person's mail still goes out, to the shared address.
    assert_eq!(deliver(&db, &mailer, &settings).await.sent, 2);
    let received = smtp.wait_for(3, WAIT).await;
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|mail| mail.to == [ADDRESS]));
}

#[tokio::test]
async fn deleting_a_contact_never_leaves_their_queued_mail_behind() {
    let database = TestDatabase::create().await;
    let db = connect(&database).await;
    let erased = add_contact(&db).await;
    let other = add_contact(&db).await;
    let queued = queue_for(&db, Some(erased)).await;
    let others = queue_for(&db, Some(other)).await;

    // Even when a caller forgets forget_contact, the database cascades.
    contact::Entity::delete_by_id(erased)
        .exec(&db)
        .await
        .unwrap();

    assert_eq!(outbox_ids(&db).await, [others]);
    assert_eq!(files_of(&db, queued).await, 0);
    let row = outbox::Entity::find_by_id(others).one(&db).await.unwrap();
    assert_eq!(row.and_then(|row| row.contact_id), Some(other));
}
