//! Events and sign-ups: seats under concurrency, the waitlist and its
//! promotion, reminders, and invitations when an event moves or is called
//! off — on SQLite and PostgreSQL alike.

use chrono::{Duration, TimeZone, Utc};
use icalendar::{Calendar, CalendarComponent, Component};
use innspill::domain::Email;
use innspill::entities::event::Kind;
use innspill::entities::event_signup::{self, Status};
use innspill::entities::user::Role;
use innspill::entities::{outbox, outbox_attachment};
use innspill::events::ics::Organizer;
use innspill::events::service::{self, Closed, EventDetails, MailContext, NewSignup, Placement};
use innspill::inputs::StakeholderGroup;
use innspill::settings::service::Programme;
use innspill::web::Lang;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use url::Url;
use uuid::Uuid;

use crate::common::spawn_app;
use crate::common::staff::create_user;

fn context() -> MailContext {
    MailContext {
        site: Url::parse("https://innspill.example.no/").unwrap(),
        programme: Programme {
            programme_name: "Omstilling Vefsn".to_owned(),
            ..Programme::default()
        },
        organizer: Organizer {
            name: "Omstilling Vefsn".to_owned(),
            email: "omstilling@vefsn.kommune.no".to_owned(),
        },
    }
}

fn details(capacity: Option<i32>, waitlist: bool) -> EventDetails {
    let starts_at = Utc::now() + Duration::days(10);
    EventDetails {
        kind: Kind::Workshop,
        title: "Verksted om reiseliv".to_owned(),
        description: "Vi jobber i grupper.".to_owned(),
        location: Some("Kulturhuset".to_owned()),
        online_url: None,
        starts_at,
        ends_at: starts_at + Duration::hours(2),
        capacity,
        signup_deadline: None,
        waitlist,
        ask_diet: true,
        ask_accessibility: false,
        ask_organisation: false,
        themes: Vec::new(),
    }
}

async fn published_event(db: &DatabaseConnection, staff: Uuid, details: &EventDetails) -> Uuid {
    let event = service::create(db, details, staff).await.expect("create");
    service::publish(db, event.id, staff)
        .await
        .expect("publish");
    event.id
}

fn person(n: usize) -> NewSignup {
    NewSignup {
        name: format!("Deltaker {n}"),
        email: Email::parse(&format!("deltaker{n}@example.no")).unwrap(),
        organisation: None,
        group: StakeholderGroup::Resident,
        diet: Some("Vegetar".to_owned()),
        accessibility: None,
        news_opt_in: false,
        language: Lang::Nb,
        idempotency_key: None,
    }
}

async fn mails_to(db: &DatabaseConnection, to: &str) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(to))
        .order_by_asc(outbox::Column::CreatedAt)
        .all(db)
        .await
        .unwrap()
}

async fn invitation_of(db: &DatabaseConnection, mail: &outbox::Model) -> Calendar {
    let file = outbox_attachment::Entity::find()
        .filter(outbox_attachment::Column::OutboxId.eq(mail.id))
        .one(db)
        .await
        .unwrap()
        .expect("an invitation is attached");
    assert!(
        file.content_type.starts_with("text/calendar"),
        "{}",
        file.content_type
    );
    String::from_utf8(file.content)
        .unwrap()
        .parse::<Calendar>()
        .expect("the invitation parses as iCalendar")
}

fn vevent(calendar: &Calendar) -> &icalendar::Event {
    calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .expect("a VEVENT")
}

#[tokio::test]
async fn two_hundred_concurrent_sign_ups_fill_twenty_seats_and_wait_in_order() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let event_id = published_event(&app.db, staff.id, &details(Some(20), true)).await;

    // All 200 in flight at once. `join_all` rather than `tokio::spawn`: the
    // service's future is not `Send` (nor need it be under actix), and the
    // database calls of each interleave on the shared pool all the same.
    let ctx = context();
    // The queue of 200 is the point here, not the app's 5 s wait for a
    // pooled connection: on a loaded machine the last PostgreSQL sign-ups
    // can wait longer than that behind the row lock, so this pool waits on.
    let pool = if app.database.is_postgres() {
        let mut options = sea_orm::ConnectOptions::new(app.database.url.clone());
        options
            .max_connections(16)
            .acquire_timeout(std::time::Duration::from_secs(300))
            .sqlx_logging(false);
        sea_orm::Database::connect(options).await.expect("pool")
    } else {
        app.db.clone()
    };
    let placements: Vec<Placement> = futures_util::future::join_all((0..200).map(|n| {
        let db = pool.clone();
        let ctx = ctx.clone();
        async move {
            service::sign_up(&db, event_id, person(n), Some(&ctx))
                .await
                .expect("stored")
                .expect("open")
                .placement
        }
    }))
    .await;
    let confirmed = placements
        .iter()
        .filter(|p| **p == Placement::Confirmed)
        .count();
    assert_eq!(confirmed, 20);
    let mut positions: Vec<u64> = placements
        .iter()
        .filter_map(|p| match p {
            Placement::Waitlisted(n) => Some(*n),
            Placement::Confirmed => None,
        })
        .collect();
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=180).collect::<Vec<u64>>(),
        "one place each, 1 to 180"
    );

    // In the database: 20 seats, 180 waiting, and every seat taken before
    // anyone was put on the waitlist.
    let rows = event_signup::Entity::find()
        .filter(event_signup::Column::EventId.eq(event_id))
        .order_by_asc(event_signup::Column::CreatedAt)
        .order_by_asc(event_signup::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 200);
    assert!(rows[..20].iter().all(|r| r.status == Status::Confirmed));
    assert!(rows[20..].iter().all(|r| r.status == Status::Waitlisted));
    assert_eq!(service::seats_taken(&app.db, event_id).await.unwrap(), 20);
}

#[tokio::test]
async fn a_cancelled_seat_goes_to_the_first_waiting_who_gets_the_invitation() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let event_id = published_event(&app.db, staff.id, &details(Some(1), true)).await;
    let ctx = context();
    let first = service::sign_up(&app.db, event_id, person(1), Some(&ctx))
        .await
        .unwrap()
        .unwrap();
    let second = service::sign_up(&app.db, event_id, person(2), Some(&ctx))
        .await
        .unwrap()
        .unwrap();
    let third = service::sign_up(&app.db, event_id, person(3), Some(&ctx))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.placement, Placement::Confirmed);
    assert_eq!(second.placement, Placement::Waitlisted(1));
    assert_eq!(third.placement, Placement::Waitlisted(2));

    // The first gets the invitation and a reminder for the day before; the
    // second the waitlist notice without one.
    let to_first = mails_to(&app.db, "deltaker1@example.no").await;
    assert_eq!(to_first.len(), 2, "confirmation and reminder");
    let event = service::find(&app.db, event_id).await.unwrap();
    let reminder = to_first
        .iter()
        .find(|m| m.subject.starts_with("Påminnelse"))
        .expect("reminder");
    assert_eq!(
        reminder.next_attempt_at,
        event.starts_at - Duration::hours(24)
    );
    let waiting = mails_to(&app.db, "deltaker2@example.no").await;
    assert_eq!(waiting.len(), 1);
    assert!(
        waiting[0].body_text.contains("nummer 1"),
        "{}",
        waiting[0].body_text
    );

    service::cancel_signup(&app.db, first.id, Some(&ctx))
        .await
        .unwrap();

    let cancelled = service::find_signup(&app.db, first.id).await.unwrap();
    assert_eq!(cancelled.status, Status::Cancelled);
    assert_eq!(cancelled.diet, None, "answers for the day are dropped");
    // The reminder is withdrawn; the confirmation (already queued) stays.
    assert!(
        mails_to(&app.db, "deltaker1@example.no")
            .await
            .iter()
            .all(|m| !m.subject.starts_with("Påminnelse"))
    );

    let promoted = service::find_signup(&app.db, second.id).await.unwrap();
    assert_eq!(promoted.status, Status::Confirmed);
    let still_waiting = service::find_signup(&app.db, third.id).await.unwrap();
    assert_eq!(
        service::placement(&app.db, &still_waiting).await.unwrap(),
        Placement::Waitlisted(1)
    );
    let to_second = mails_to(&app.db, "deltaker2@example.no").await;
    let promotion = to_second
        .iter()
        .find(|m| m.subject.starts_with("Du har fått plass"))
        .expect("promotion mail");
    let calendar = invitation_of(&app.db, promotion).await;
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    assert_eq!(
        vevent(&calendar).get_uid(),
        Some(format!("{event_id}@innspill").as_str())
    );
    assert!(
        to_second
            .iter()
            .any(|m| m.subject.starts_with("Påminnelse"))
    );
    assert_eq!(service::seats_taken(&app.db, event_id).await.unwrap(), 1);

    // Cancelling again changes nothing and promotes no one else.
    service::cancel_signup(&app.db, first.id, Some(&ctx))
        .await
        .unwrap();
    let still_waiting = service::find_signup(&app.db, third.id).await.unwrap();
    assert_eq!(still_waiting.status, Status::Waitlisted);
}

#[tokio::test]
async fn a_full_event_without_a_waitlist_and_a_closed_one_refuse_sign_ups() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let full = published_event(&app.db, staff.id, &details(Some(1), false)).await;
    service::sign_up(&app.db, full, person(1), None)
        .await
        .unwrap()
        .unwrap();
    let refused = service::sign_up(&app.db, full, person(2), None)
        .await
        .unwrap();
    assert_eq!(refused.err(), Some(Closed::Full));

    let draft = service::create(&app.db, &details(None, false), staff.id)
        .await
        .unwrap();
    let refused = service::sign_up(&app.db, draft.id, person(3), None)
        .await
        .unwrap();
    assert_eq!(refused.err(), Some(Closed::NotOpen));

    let mut late = details(None, false);
    late.signup_deadline = Some(Utc::now() - Duration::hours(1));
    let late = published_event(&app.db, staff.id, &late).await;
    let refused = service::sign_up(&app.db, late, person(4), None)
        .await
        .unwrap();
    assert_eq!(refused.err(), Some(Closed::NotOpen));

    assert_eq!(
        event_signup::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        1,
        "nothing stored for a refused sign-up"
    );
}

#[tokio::test]
async fn moving_an_event_sends_updated_invitations_and_cancelling_it_cancels_them() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let mut plan = details(Some(1), true);
    // The Sunday summer time ends: 10:00 in Oslo is 09:00 UTC.
    let oslo = chrono_tz::Europe::Oslo;
    plan.starts_at = oslo
        .with_ymd_and_hms(2027, 10, 31, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    plan.ends_at = plan.starts_at + Duration::hours(2);
    let event_id = published_event(&app.db, staff.id, &plan).await;
    let ctx = context();
    service::sign_up(&app.db, event_id, person(1), Some(&ctx))
        .await
        .unwrap()
        .unwrap();
    service::sign_up(&app.db, event_id, person(2), Some(&ctx))
        .await
        .unwrap()
        .unwrap();

    let confirmation = &mails_to(&app.db, "deltaker1@example.no").await[0];
    let calendar = invitation_of(&app.db, confirmation).await;
    let start = vevent(&calendar).get_start().expect("DTSTART");
    assert_eq!(
        start,
        icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(
            Utc.with_ymd_and_hms(2027, 10, 31, 9, 0, 0).unwrap()
        ))
    );
    assert_eq!(vevent(&calendar).get_sequence(), Some(0));

    let mut moved = plan.clone();
    moved.starts_at += Duration::hours(1);
    moved.ends_at += Duration::hours(1);
    let notified = service::update(&app.db, event_id, &moved, staff.id, Some(&ctx))
        .await
        .unwrap();
    assert_eq!(notified.invitations, 1, "only the one with a seat");
    let update = mails_to(&app.db, "deltaker1@example.no")
        .await
        .into_iter()
        .find(|m| m.subject.starts_with("Endret"))
        .expect("update mail");
    let calendar = invitation_of(&app.db, &update).await;
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    assert_eq!(vevent(&calendar).get_sequence(), Some(1));
    // One reminder, for the new time.
    let reminders: Vec<_> = mails_to(&app.db, "deltaker1@example.no")
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Påminnelse"))
        .collect();
    assert_eq!(reminders.len(), 1);
    assert_eq!(
        reminders[0].next_attempt_at,
        moved.starts_at - Duration::hours(24)
    );

    let notified = service::cancel(&app.db, event_id, staff.id, Some(&ctx))
        .await
        .unwrap();
    assert_eq!(notified.invitations, 1);
    let cancel = mails_to(&app.db, "deltaker1@example.no")
        .await
        .into_iter()
        .find(|m| m.subject.starts_with("Avlyst"))
        .expect("cancel mail");
    let calendar = invitation_of(&app.db, &cancel).await;
    assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
    assert_eq!(vevent(&calendar).get_sequence(), Some(2));
    assert_eq!(
        vevent(&calendar).get_uid(),
        Some(format!("{event_id}@innspill").as_str())
    );
    assert!(
        mails_to(&app.db, "deltaker1@example.no")
            .await
            .iter()
            .all(|m| !m.subject.starts_with("Påminnelse")),
        "no reminder for a cancelled event"
    );
    // The one waiting hears it too, without an invitation to cancel.
    assert!(
        mails_to(&app.db, "deltaker2@example.no")
            .await
            .iter()
            .any(|m| m.subject.starts_with("Avlyst"))
    );
}

#[tokio::test]
async fn personal_data_goes_when_a_participant_cancels_and_a_month_after_the_event() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let mut plan = details(None, false);
    plan.ask_accessibility = true;
    let event_id = published_event(&app.db, staff.id, &plan).await;
    let mut kept = person(1);
    kept.accessibility = Some("Rullestol".to_owned());
    let kept = service::sign_up(&app.db, event_id, kept, Some(&context()))
        .await
        .unwrap()
        .unwrap();
    let leaving = service::sign_up(&app.db, event_id, person(2), Some(&context()))
        .await
        .unwrap()
        .unwrap();

    // Cancelling erases the person at once; the sign-up stays, anonymous.
    service::cancel_signup(&app.db, leaving.id, Some(&context()))
        .await
        .unwrap();
    let row = service::find_signup(&app.db, leaving.id).await.unwrap();
    assert_eq!(
        (row.status, row.contact_id, row.diet.clone()),
        (Status::Cancelled, None, None)
    );
    assert!(
        mails_to(&app.db, "deltaker2@example.no").await.is_empty(),
        "no mail left for them"
    );
    let contacts = innspill::entities::contact::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(contacts.len(), 1);

    // Within a month of the event nothing more goes; after it, everything.
    let event = service::find(&app.db, event_id).await.unwrap();
    let soon = event.ends_at + Duration::days(29);
    assert_eq!(
        innspill::events::retention::erase_ended(&app.db, soon)
            .await
            .unwrap(),
        0
    );
    let later = event.ends_at + Duration::days(31);
    assert_eq!(
        innspill::events::retention::erase_ended(&app.db, later)
            .await
            .unwrap(),
        1
    );
    let row = service::find_signup(&app.db, kept.id).await.unwrap();
    assert_eq!(
        (row.contact_id, row.diet, row.accessibility),
        (None, None, None)
    );
    assert_eq!(row.status, Status::Confirmed, "the seat still counts");
    assert!(
        innspill::entities::contact::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        innspill::events::retention::erase_ended(&app.db, later)
            .await
            .unwrap(),
        0,
        "a second pass finds nothing"
    );
}
