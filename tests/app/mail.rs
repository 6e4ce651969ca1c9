//! Mail: what a feature queues reaches a real SMTP server exactly once, with
//! text and HTML parts; it survives an outage, and mail that cannot go out
//! ends up in front of the admins, who can send it again.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::Utc;
use innspill::config::{Secret, Settings};
use innspill::domain::Email;
use innspill::entities::outbox;
use innspill::mail::{self, MailBody, MailStatus, Mailer, NewMail, PassReport};
use innspill::web::i18n::Lang;
use mail_parser::{Message, MessageParser, MimeHeaders};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};
use uuid::Uuid;

use crate::common::smtp::SmtpSink;
use crate::common::{TestDatabase, spawn_app_with_mail};

const SUBJECT: &str = "Takk for innspillet ditt – æøå ÆØÅ";
const FROM: &str = "Innspill Kommune <innspill@kommune.example>";
pub(crate) const WAIT: Duration = Duration::from_secs(15);

pub(crate) fn settings(database: &TestDatabase, smtp: Option<&SmtpSink>) -> Settings {
    let mut settings = Settings::for_database(&database.url, database.data_dir());
    settings.smtp_url = smtp.map(|smtp| Secret::new(smtp.url()));
    settings.mail.from = FROM.to_owned();
    settings.mail.retry_base = Duration::from_millis(50);
    settings.mail.poll_interval = Duration::from_millis(20);
    settings
}

pub(crate) async fn connect(database: &TestDatabase) -> DatabaseConnection {
    let db = innspill::db::connect(&database.url).await.unwrap();
    innspill::db::migrate(&db).await.unwrap();
    db
}

pub(crate) fn confirmation(to: &str) -> NewMail {
    let link = url::Url::parse("https://innspill.example/mine/123").unwrap();
    let body = MailBody::new(Lang::Nb)
        .paragraph("Hei!\nVi har fått innspillet ditt om båtplasser.")
        .button("Se innspillet", &link)
        .footer("Sendt av Kommunen");
    NewMail::compose(&Email::parse(to).unwrap(), SUBJECT, &body)
}

pub(crate) async fn deliver(
    db: &DatabaseConnection,
    mailer: &Mailer,
    settings: &Settings,
) -> PassReport {
    mail::deliver_due(db, mailer, &settings.mail).await.unwrap()
}

pub(crate) async fn row(db: &DatabaseConnection, id: Uuid) -> outbox::Model {
    outbox::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .expect("outbox row")
}

pub(crate) fn status(row: &outbox::Model) -> MailStatus {
    MailStatus::parse(&row.status).expect("a known status")
}

pub(crate) fn content_types(message: &Message<'_>) -> Vec<String> {
    message
        .parts
        .iter()
        .map(|part| {
            let ct = part.content_type().expect("content type");
            format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default())
        })
        .collect()
}

fn sent(count: usize) -> PassReport {
    PassReport {
        claimed: count,
        sent: count,
        ..PassReport::default()
    }
}

#[tokio::test]
async fn queued_mail_is_delivered_once_with_text_and_html_an_encoded_subject_and_a_message_id() {
    let database = TestDatabase::create().await;
    let smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();

    let id = mail::enqueue(&db, confirmation("ola.nordmann@example.org"))
        .await
        .unwrap();
    assert_eq!(deliver(&db, &mailer, &settings).await, sent(1));

    let received = smtp.wait_for(1, WAIT).await;
    assert_eq!(received[0].from, "innspill@kommune.example");
    assert_eq!(received[0].to, ["ola.nordmann@example.org"]);
    let message = received[0].parse();

    let raw_subject = message.header_raw("Subject").unwrap().trim().to_owned();
    assert!(
        raw_subject.to_ascii_lowercase().contains("=?utf-8?b?"),
        "the subject is RFC 2047-encoded: {raw_subject}"
    );
    assert!(raw_subject.is_ascii());
    assert_eq!(message.subject(), Some(SUBJECT));
    let expected_id = format!("{id}@kommune.example");
    assert_eq!(message.message_id(), Some(expected_id.as_str()));
    let from = message.from().and_then(|from| from.first()).unwrap();
    assert_eq!(from.name(), Some("Innspill Kommune"));
    assert_eq!(from.address(), Some("innspill@kommune.example"));
    assert!(message.header_raw("Date").is_some());

    assert_eq!(
        content_types(&message),
        ["multipart/alternative", "text/plain", "text/html"]
    );
    for part in message.parts.iter().skip(1) {
        let charset = part.content_type().and_then(|ct| ct.attribute("charset"));
        assert_eq!(
            charset.map(str::to_ascii_lowercase).as_deref(),
            Some("utf-8")
        );
    }
    // SMTP carries CRLF line ends; compare with the composer's LF.
    let text = message.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        text.contains("Vi har fått innspillet ditt om båtplasser."),
        "{text}"
    );
    assert!(
        text.contains("Se innspillet:\nhttps://innspill.example/mine/123"),
        "{text}"
    );
    let html = message.body_html(0).unwrap();
    assert!(html.contains(r#"<html lang="nb">"#), "{html}");
    assert!(
        html.contains("<br>Vi har fått innspillet ditt om båtplasser.</p>"),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="https://innspill.example/mine/123">"#),
        "{html}"
    );

    // Delivered means done: later passes find nothing to send.
    assert_eq!(
        deliver(&db, &mailer, &settings).await,
        PassReport::default()
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(smtp.received().len(), 1);
    let row = row(&db, id).await;
    assert_eq!(status(&row), MailStatus::Sent);
    assert_eq!(row.attempts, 1);
    assert!(row.sent_at.is_some());
    assert!(row.claimed_until.is_none());
}

#[tokio::test]
async fn without_smtp_mail_is_written_as_an_eml_file_in_the_data_directory() {
    let database = TestDatabase::create().await;
    let settings = settings(&database, None);
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();

    let id = mail::enqueue(&db, confirmation("kari@example.org"))
        .await
        .unwrap();
    assert_eq!(deliver(&db, &mailer, &settings).await, sent(1));

    let files: Vec<_> = std::fs::read_dir(database.data_dir().join("mail"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let data = std::fs::read(&files[0]).unwrap();
    let message = MessageParser::default().parse(&data).unwrap();
    assert_eq!(message.subject(), Some(SUBJECT));
    let expected_id = format!("{id}@kommune.example");
    assert_eq!(message.message_id(), Some(expected_id.as_str()));
    assert_eq!(
        content_types(&message),
        ["multipart/alternative", "text/plain", "text/html"]
    );
    assert_eq!(status(&row(&db, id).await), MailStatus::Sent);
}

#[tokio::test]
async fn mail_queued_while_smtp_is_down_is_retried_with_backoff_and_arrives_once_it_is_back() {
    let database = TestDatabase::create().await;
    let mut smtp = SmtpSink::start().await;
    let mut settings = settings(&database, Some(&smtp));
    settings.mail.retry_base = Duration::from_millis(200);
    let db = connect(&database).await;
    // One mailer throughout, so its pooled connection from before the outage is
    // dead when the server comes back and has to be replaced.
    let mailer = Mailer::from_settings(&settings).unwrap();
    mail::enqueue(&db, confirmation("first@example.org"))
        .await
        .unwrap();
    assert_eq!(deliver(&db, &mailer, &settings).await, sent(1));
    smtp.wait_for(1, WAIT).await;

    smtp.stop().await;
    let id = mail::enqueue(&db, confirmation("second@example.org"))
        .await
        .unwrap();
    let before = Utc::now();
    let report = deliver(&db, &mailer, &settings).await;
    assert_eq!((report.claimed, report.retrying), (1, 1), "{report:?}");
    let first_try = row(&db, id).await;
    assert_eq!(status(&first_try), MailStatus::Pending);
    assert_eq!(first_try.attempts, 1);
    assert!(
        first_try
            .last_error
            .as_deref()
            .is_some_and(|e| !e.is_empty())
    );
    assert!(first_try.claimed_until.is_none());
    let wait = (first_try.next_attempt_at - before).to_std().unwrap();
    assert!(wait >= Duration::from_millis(200), "{wait:?}");
    assert!(wait < Duration::from_millis(200) + WAIT, "{wait:?}");

    // Before its time the mail is left alone. (Only provable while the pass
    // ends before the retry is due, which a slow machine may miss.)
    let report = deliver(&db, &mailer, &settings).await;
    if Utc::now() < first_try.next_attempt_at {
        assert_eq!(report, PassReport::default());
    }

    let until_due = (first_try.next_attempt_at - Utc::now())
        .to_std()
        .unwrap_or_default();
    tokio::time::sleep(until_due + Duration::from_millis(10)).await;
    let before = Utc::now();
    let report = deliver(&db, &mailer, &settings).await;
    assert_eq!((report.claimed, report.retrying), (1, 1), "{report:?}");
    let second_try = row(&db, id).await;
    assert_eq!(second_try.attempts, 2);
    let wait = (second_try.next_attempt_at - before).to_std().unwrap();
    assert!(
        wait >= Duration::from_millis(400),
        "the wait doubles: {wait:?}"
    );
    assert_eq!(smtp.received().len(), 1);

    smtp.restart().await;
    let deadline = Instant::now() + WAIT;
    while status(&row(&db, id).await) != MailStatus::Sent {
        assert!(
            Instant::now() < deadline,
            "the mail was not sent after the outage"
        );
        let report = deliver(&db, &mailer, &settings).await;
        assert_eq!(report.retrying + report.failed, 0, "{report:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let received = smtp.wait_for(2, WAIT).await;
    assert_eq!(received[1].to, ["second@example.org"]);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        deliver(&db, &mailer, &settings).await,
        PassReport::default()
    );
    assert_eq!(smtp.received().len(), 2, "sent once, not once per attempt");
    assert_eq!(row(&db, id).await.attempts, 3);
}

#[tokio::test]
async fn mail_that_keeps_failing_is_marked_failed_listed_for_admins_and_can_be_retried() {
    let database = TestDatabase::create().await;
    let mut smtp = SmtpSink::start().await;
    smtp.stop().await;
    let mut settings = settings(&database, Some(&smtp));
    settings.mail.max_attempts = 3;
    settings.mail.retry_base = Duration::from_millis(1);
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();

    let id = mail::enqueue(&db, confirmation("per@example.org"))
        .await
        .unwrap();
    // An address no server accepts fails at once: retrying cannot fix it.
    let mut bad = confirmation("per@example.org");
    bad.to = "ikke en adresse".to_owned();
    let bad_id = mail::enqueue(&db, bad).await.unwrap();

    let deadline = Instant::now() + WAIT;
    while status(&row(&db, id).await) != MailStatus::Failed {
        assert!(
            Instant::now() < deadline,
            "the mail was never marked failed"
        );
        deliver(&db, &mailer, &settings).await;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let failed = row(&db, id).await;
    assert_eq!(failed.attempts, 3);
    assert!(failed.last_error.is_some());
    assert!(failed.claimed_until.is_none());
    let bad = row(&db, bad_id).await;
    assert_eq!(status(&bad), MailStatus::Failed);
    assert_eq!(bad.attempts, 1);
    assert!(bad.last_error.unwrap().contains("recipient"));

    let listed: HashSet<Uuid> = mail::failed_mail(&db)
        .await
        .unwrap()
        .iter()
        .map(|row| row.id)
        .collect();
    assert_eq!(listed, HashSet::from([id, bad_id]));

    assert!(mail::retry(&db, id).await.unwrap());
    let requeued = row(&db, id).await;
    assert_eq!(status(&requeued), MailStatus::Pending);
    assert_eq!(requeued.attempts, 0);
    let listed: Vec<Uuid> = mail::failed_mail(&db)
        .await
        .unwrap()
        .iter()
        .map(|row| row.id)
        .collect();
    assert_eq!(listed, [bad_id]);
    assert!(
        !mail::retry(&db, id).await.unwrap(),
        "only failed mail is retried"
    );
    assert!(!mail::retry(&db, Uuid::now_v7()).await.unwrap());

    smtp.restart().await;
    assert_eq!(deliver(&db, &mailer, &settings).await, sent(1));
    let received = smtp.wait_for(1, WAIT).await;
    assert_eq!(received[0].to, ["per@example.org"]);
    assert_eq!(status(&row(&db, id).await), MailStatus::Sent);
    assert!(
        !mail::retry(&db, id).await.unwrap(),
        "sent mail is never resent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_one_database_deliver_each_of_many_mails_exactly_once() {
    const MAILS: usize = 40;
    let database = TestDatabase::create().await;
    let smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mut ids = HashSet::new();
    for i in 0..MAILS {
        let mut mail = confirmation(&format!("person{i}@example.org"));
        mail.subject = format!("Melding {i} – æøå");
        ids.insert(mail::enqueue(&db, mail).await.unwrap());
    }

    // Each worker has its own connection pool, as two app instances would.
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let url = database.url.clone();
            let settings = settings.clone();
            tokio::spawn(async move {
                let db = innspill::db::connect(&url).await.unwrap();
                let mailer = Mailer::from_settings(&settings).unwrap();
                let deadline = Instant::now() + WAIT;
                let mut sent = 0;
                loop {
                    assert!(Instant::now() < deadline, "the workers did not finish");
                    let report = deliver(&db, &mailer, &settings).await;
                    assert_eq!(report.retrying + report.failed, 0, "{report:?}");
                    sent += report.sent;
                    if report.claimed == 0 {
                        let unsent = outbox::Entity::find()
                            .filter(outbox::Column::Status.ne(MailStatus::Sent.as_str()))
                            .count(&db)
                            .await
                            .unwrap();
                        if unsent == 0 {
                            return sent;
                        }
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
            })
        })
        .collect();
    let mut per_worker = Vec::new();
    for worker in workers {
        per_worker.push(worker.await.unwrap());
    }
    assert_eq!(per_worker.iter().sum::<usize>(), MAILS, "{per_worker:?}");

    smtp.wait_for(MAILS, WAIT).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let received = smtp.received();
    assert_eq!(received.len(), MAILS, "no mail is sent twice");
    let message_ids: HashSet<String> = received
        .iter()
        .map(|mail| mail.parse().message_id().unwrap().to_owned())
        .collect();
    let expected: HashSet<String> = ids
        .iter()
        .map(|id| format!("{id}@kommune.example"))
        .collect();
    assert_eq!(message_ids, expected);
    let rows = outbox::Entity::find().all(&db).await.unwrap();
    assert!(
        rows.iter()
            .all(|row| status(row) == MailStatus::Sent && row.attempts == 1)
    );
}

/// On PostgreSQL a row another instance is claiming right now is passed over,
/// not waited for. (SQLite has no row locks: its writes run one at a time.)
#[tokio::test]
async fn a_row_locked_by_another_instance_is_skipped_without_waiting() {
    let database = TestDatabase::create().await;
    if !database.is_postgres() {
        return;
    }
    let smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();
    let locked = mail::enqueue(&db, confirmation("a@example.org"))
        .await
        .unwrap();
    let free = mail::enqueue(&db, confirmation("b@example.org"))
        .await
        .unwrap();

    let other = innspill::db::connect(&database.url).await.unwrap();
    let txn = other.begin().await.unwrap();
    txn.execute_unprepared(&format!(
        "SELECT id FROM outbox WHERE id = '{locked}' FOR UPDATE"
    ))
    .await
    .unwrap();
    let report = tokio::time::timeout(Duration::from_secs(3), deliver(&db, &mailer, &settings))
        .await
        .expect("the claim does not wait for the lock");
    assert_eq!(report, sent(1));
    assert_eq!(status(&row(&db, free).await), MailStatus::Sent);
    assert_eq!(status(&row(&db, locked).await), MailStatus::Pending);
    txn.rollback().await.unwrap();

    assert_eq!(deliver(&db, &mailer, &settings).await, sent(1));
    assert_eq!(smtp.wait_for(2, WAIT).await.len(), 2);
}

#[tokio::test]
async fn mail_queued_in_a_rolled_back_transaction_is_never_sent() {
    let database = TestDatabase::create().await;
    let smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();

    let txn = db.begin().await.unwrap();
    let mut undone = confirmation("angret@example.org");
    undone.subject = "Rullet tilbake".to_owned();
    mail::enqueue(&txn, undone).await.unwrap();
    txn.rollback().await.unwrap();

    let txn = db.begin().await.unwrap();
    let kept = mail::enqueue(&txn, confirmation("beholdt@example.org"))
        .await
        .unwrap();
    txn.commit().await.unwrap();

    assert_eq!(deliver(&db, &mailer, &settings).await, sent(1));
    smtp.wait_for(1, WAIT).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        deliver(&db, &mailer, &settings).await,
        PassReport::default()
    );
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, ["beholdt@example.org"]);
    let rows = outbox::Entity::find().all(&db).await.unwrap();
    assert_eq!(rows.iter().map(|row| row.id).collect::<Vec<_>>(), [kept]);
}

#[tokio::test]
async fn mail_claimed_by_a_worker_that_died_is_sent_once_its_lease_runs_out() {
    let database = TestDatabase::create().await;
    let smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();
    let id = mail::enqueue(&db, confirmation("eva@example.org"))
        .await
        .unwrap();

    let claim_as_dead_worker = |until: chrono::DateTime<Utc>| {
        outbox::Entity::update_many()
            .col_expr(
                outbox::Column::Status,
                Expr::value(MailStatus::Sending.as_str()),
            )
            .col_expr(outbox::Column::Attempts, Expr::value(1))
            .col_expr(outbox::Column::ClaimedUntil, Expr::value(until))
            .filter(outbox::Column::Id.eq(id))
    };
    claim_as_dead_worker(Utc::now() + chrono::TimeDelta::hours(1))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(
        deliver(&db, &mailer, &settings).await,
        PassReport::default(),
        "a live claim is respected"
    );

    claim_as_dead_worker(Utc::now() - chrono::TimeDelta::seconds(1))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(deliver(&db, &mailer, &settings).await, sent(1));
    smtp.wait_for(1, WAIT).await;
    let row = row(&db, id).await;
    assert_eq!(status(&row), MailStatus::Sent);
    assert_eq!(row.attempts, 2);
}

#[tokio::test]
async fn the_apps_worker_delivers_queued_mail_and_catches_up_after_an_smtp_outage() {
    let (app, mut smtp, worker) = spawn_app_with_mail(|settings| {
        settings.mail.from = FROM.to_owned();
        settings.mail.retry_base = Duration::from_millis(50);
    })
    .await;

    mail::enqueue(&app.db, confirmation("first@example.org"))
        .await
        .unwrap();
    smtp.wait_for(1, WAIT).await;

    smtp.stop().await;
    let id = mail::enqueue(&app.db, confirmation("second@example.org"))
        .await
        .unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        let row = row(&app.db, id).await;
        if row.attempts >= 1 && status(&row) == MailStatus::Pending {
            break;
        }
        assert!(Instant::now() < deadline, "the worker never tried: {row:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    smtp.restart().await;
    let received = smtp.wait_for(2, WAIT).await;
    assert_eq!(received[1].to, ["second@example.org"]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    worker.stop().await;
    assert_eq!(smtp.received().len(), 2);
    assert_eq!(status(&row(&app.db, id).await), MailStatus::Sent);
}

#[tokio::test]
async fn a_delivered_mail_keeps_no_copy_of_its_body_and_links() {
    let database = TestDatabase::create().await;
    let smtp = SmtpSink::start().await;
    let settings = settings(&database, Some(&smtp));
    let db = connect(&database).await;
    let mailer = Mailer::from_settings(&settings).unwrap();
    let id = mail::enqueue(&db, confirmation("kari@example.no"))
        .await
        .unwrap();

    let report = deliver(&db, &mailer, &settings).await;
    assert_eq!(report.sent, 1);
    let text = smtp.received()[0].parse().body_text(0).unwrap().to_string();
    assert!(
        text.contains("https://innspill.example/mine/123"),
        "the mail itself had the link"
    );
    let stored = row(&db, id).await;
    assert_eq!(status(&stored), MailStatus::Sent);
    assert!(
        stored.body_text.is_empty() && stored.body_html.is_empty(),
        "bodies cleared once sent"
    );
}
