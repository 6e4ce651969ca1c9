//! Business interviews through the service: registration by organisation
//! number, booking under concurrency, rescheduling and cancelling with their
//! calendar invitations, and records whose findings are tagged inputs — on
//! SQLite and PostgreSQL alike.

use chrono::{DateTime, Duration, Timelike, Utc};
use icalendar::{Calendar, CalendarComponent, Component, EventLike};
use innspill::domain::{Email, OrgNumber, Phone};
use innspill::entities::business::{self, Format, Status as BusinessStatus};
use innspill::entities::input::{self, Channel, Status as InputStatus};
use innspill::entities::user::Role;
use innspill::entities::{contact, interview_slot, outbox, outbox_attachment};
use innspill::interviews::guide;
use innspill::interviews::service::{
    self, BookingProblem, MailContext, Outcome, Place, RecordInput, Registration,
};
use innspill::mail::calendar::Organizer;
use innspill::settings::service::Programme;
use innspill::web::Lang;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
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

/// Valid organisation numbers (mod 11) other than the four well-known ones,
/// so many businesses can register.
fn org_number(n: u32) -> OrgNumber {
    (n * 100..)
        .map(|prefix| format!("9{:07}", prefix % 10_000_000))
        .find_map(|prefix| (0..10).find_map(|d| OrgNumber::parse(&format!("{prefix}{d}")).ok()))
        .unwrap()
}

fn registration(n: u32, email: &str) -> Registration {
    Registration {
        org_number: org_number(n),
        name: format!("Bedrift {n} AS"),
        industry: 'C',
        employees: Some(12),
        size_band: None,
        contact_name: format!("Kontakt {n}"),
        email: Email::parse(email).unwrap(),
        phone: Some(Phone::parse("912 34 567").unwrap()),
        themes: Vec::new(),
        message: Some("Vi trenger kaiplass.".to_owned()),
        format: Format::AtCompany,
        language: Lang::Nb,
        idempotency_key: None,
    }
}

async fn register(db: &DatabaseConnection, n: u32) -> Uuid {
    service::register(
        db,
        registration(n, &format!("bedrift{n}@example.no")),
        Some(&context()),
    )
    .await
    .expect("registered")
    .business_id
}

async fn slots(db: &DatabaseConnection, staff: Uuid, count: usize) -> Vec<Uuid> {
    let first = whole_minute(Utc::now() + Duration::days(7));
    let times: Vec<(DateTime<Utc>, DateTime<Utc>)> = (0..count)
        .map(|n| {
            let starts = first + Duration::minutes(45 * i64::try_from(n).unwrap());
            (starts, starts + Duration::minutes(45))
        })
        .collect();
    let place = Place {
        location: Some("Rådhuset, møterom 2".to_owned()),
        online_url: None,
        facilitator_id: Some(staff),
    };
    service::create_slots(db, &times, &place, staff)
        .await
        .expect("slots")
}

/// Slots start on the minute, as forms make them; calendars hold seconds.
fn whole_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_second(0).unwrap().with_nanosecond(0).unwrap()
}

async fn mails_to(db: &DatabaseConnection, to: &str) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(to))
        .order_by_asc(outbox::Column::CreatedAt)
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await
        .unwrap()
}

async fn invitation_of(db: &DatabaseConnection, mail: &outbox::Model) -> Option<Calendar> {
    let file = outbox_attachment::Entity::find()
        .filter(outbox_attachment::Column::OutboxId.eq(mail.id))
        .one(db)
        .await
        .unwrap()?;
    assert!(file.content_type.starts_with("text/calendar"));
    Some(
        String::from_utf8(file.content)
            .unwrap()
            .parse::<Calendar>()
            .expect("the invitation parses as iCalendar"),
    )
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

fn start_of(calendar: &Calendar) -> DateTime<Utc> {
    match vevent(calendar).get_start() {
        Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(at))) => at,
        other => panic!("start in UTC expected, got {other:?}"),
    }
}

async fn slot(db: &DatabaseConnection, id: Uuid) -> interview_slot::Model {
    service::find_slot(db, id).await.unwrap()
}

#[tokio::test]
async fn twenty_businesses_racing_for_one_slot_book_it_once() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let slot_id = slots(&app.db, staff.id, 1).await[0];
    let mut businesses = Vec::new();
    for n in 0..20 {
        businesses.push(register(&app.db, n).await);
    }
    let ctx = context();
    let outcomes = futures_util::future::join_all(businesses.iter().map(|business| {
        let db = app.db.clone();
        let ctx = ctx.clone();
        async move {
            service::book(&db, *business, slot_id, Some(&ctx), None)
                .await
                .expect("no error")
        }
    }))
    .await;
    let booked = outcomes.iter().filter(|o| o.is_ok()).count();
    let taken = outcomes
        .iter()
        .filter(|o| **o == Err(BookingProblem::Taken))
        .count();
    assert_eq!((booked, taken), (1, 19));
    let winner = businesses[outcomes.iter().position(Result::is_ok).unwrap()];
    assert_eq!(slot(&app.db, slot_id).await.business_id, Some(winner));
    let scheduled = business::Entity::find()
        .filter(business::Column::Status.eq(BusinessStatus::Scheduled))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(scheduled.len(), 1);
    assert_eq!(scheduled[0].id, winner);
}

#[tokio::test]
async fn one_business_racing_for_two_slots_ends_up_holding_one() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let ids = slots(&app.db, staff.id, 2).await;
    let business = register(&app.db, 1).await;
    let ctx = context();
    let outcomes = futures_util::future::join_all(ids.iter().map(|slot_id| {
        let db = app.db.clone();
        let ctx = ctx.clone();
        async move {
            service::book(&db, business, *slot_id, Some(&ctx), None)
                .await
                .expect("no error")
        }
    }))
    .await;
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    let held = interview_slot::Entity::find()
        .filter(interview_slot::Column::BusinessId.eq(business))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(
        held, 1,
        "the later request moved the booking, not doubled it"
    );
}

#[tokio::test]
async fn rescheduling_moves_the_booking_and_updates_the_same_calendar_entry() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let ids = slots(&app.db, staff.id, 3).await;
    let business = register(&app.db, 7).await;
    let ctx = context();
    service::book(&app.db, business, ids[0], Some(&ctx), None)
        .await
        .unwrap()
        .unwrap();
    service::book(&app.db, business, ids[2], Some(&ctx), None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(slot(&app.db, ids[0]).await.business_id, None, "freed");
    assert_eq!(slot(&app.db, ids[2]).await.business_id, Some(business));

    // Receipt, confirmation, reminder (withdrawn), moved, new reminder.
    let mails = mails_to(&app.db, "bedrift7@example.no").await;
    let mut invitations = Vec::new();
    for mail in &mails {
        if let Some(calendar) = invitation_of(&app.db, mail).await {
            invitations.push(calendar);
        }
    }
    assert_eq!(
        invitations.len(),
        2,
        "booked and moved carry the invitation"
    );
    let (first, moved) = (vevent(&invitations[0]), vevent(&invitations[1]));
    assert_eq!(invitations[1].property_value("METHOD"), Some("REQUEST"));
    assert_eq!(first.get_uid(), moved.get_uid(), "the same calendar entry");
    assert!(moved.get_sequence() > first.get_sequence());
    assert_eq!(
        start_of(&invitations[1]),
        slot(&app.db, ids[2]).await.starts_at
    );

    // One reminder waits, for the new time, the day before.
    let reminders: Vec<&outbox::Model> = mails
        .iter()
        .filter(|m| {
            m.reference
                .as_deref()
                .is_some_and(|r| r.starts_with("interview-reminder:"))
        })
        .collect();
    assert_eq!(reminders.len(), 1, "the first reminder was withdrawn");
    assert_eq!(
        reminders[0].next_attempt_at,
        slot(&app.db, ids[2]).await.starts_at - Duration::hours(24)
    );
}

#[tokio::test]
async fn a_taken_or_withdrawn_slot_keeps_the_time_held_before() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let ids = slots(&app.db, staff.id, 3).await;
    let (mine, other) = (register(&app.db, 1).await, register(&app.db, 2).await);
    service::book(&app.db, mine, ids[0], None, None)
        .await
        .unwrap()
        .unwrap();
    service::book(&app.db, other, ids[1], None, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        service::book(&app.db, mine, ids[1], None, None)
            .await
            .unwrap(),
        Err(BookingProblem::Taken)
    );
    service::cancel_slot(&app.db, ids[2], staff.id, None)
        .await
        .unwrap();
    assert_eq!(
        service::book(&app.db, mine, ids[2], None, None)
            .await
            .unwrap(),
        Err(BookingProblem::Gone)
    );
    assert_eq!(slot(&app.db, ids[0]).await.business_id, Some(mine));
    assert_eq!(slot(&app.db, ids[1]).await.business_id, Some(other));
    let free: Vec<Uuid> = service::free_slots(&app.db, Utc::now())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert!(
        free.is_empty(),
        "booked and cancelled slots are not free: {free:?}"
    );
}

#[tokio::test]
async fn a_slot_too_soon_is_not_offered_or_booked() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let soon = Utc::now() + Duration::minutes(30);
    let place = Place {
        location: None,
        online_url: Some("https://meet.example.no/x".to_owned()),
        facilitator_id: None,
    };
    let id = service::create_slots(
        &app.db,
        &[(soon, soon + Duration::minutes(45))],
        &place,
        staff.id,
    )
    .await
    .unwrap()[0];
    let business = register(&app.db, 3).await;
    assert!(
        service::free_slots(&app.db, Utc::now())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        service::book(&app.db, business, id, None, None)
            .await
            .unwrap(),
        Err(BookingProblem::Gone)
    );
}

#[tokio::test]
async fn cancelling_frees_the_slot_and_sends_a_cancelling_invitation() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let ids = slots(&app.db, staff.id, 2).await;
    let (a, b) = (register(&app.db, 1).await, register(&app.db, 2).await);
    let ctx = context();
    service::book(&app.db, a, ids[0], Some(&ctx), None)
        .await
        .unwrap()
        .unwrap();
    service::book(&app.db, b, ids[1], Some(&ctx), None)
        .await
        .unwrap()
        .unwrap();

    // The business gives up its time; staff withdraw the other slot.
    service::cancel_booking(&app.db, a, None, Some(&ctx))
        .await
        .unwrap();
    service::cancel_slot(&app.db, ids[1], staff.id, Some(&ctx))
        .await
        .unwrap();

    for (business, email) in [(a, "bedrift1@example.no"), (b, "bedrift2@example.no")] {
        let row = service::find(&app.db, business).await.unwrap();
        assert_eq!(row.status, BusinessStatus::Registered);
        assert!(service::slot_of(&app.db, business).await.unwrap().is_none());
        let mails = mails_to(&app.db, email).await;
        let last = mails.last().unwrap();
        let calendar = invitation_of(&app.db, last).await.expect("an invitation");
        assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
        assert!(
            mails.iter().all(|m| m.reference.is_none()),
            "the reminder was withdrawn"
        );
    }
    // The business's slot is free again; the withdrawn one is not.
    let free: Vec<Uuid> = service::free_slots(&app.db, Utc::now())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(free, vec![ids[0]]);
}

#[tokio::test]
async fn moving_a_booked_slot_sends_the_updated_invitation() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let id = slots(&app.db, staff.id, 1).await[0];
    let business = register(&app.db, 5).await;
    let ctx = context();
    service::book(&app.db, business, id, Some(&ctx), None)
        .await
        .unwrap()
        .unwrap();
    let later = whole_minute(Utc::now() + Duration::days(9));
    let place = Place {
        location: Some("Hos bedriften".to_owned()),
        online_url: None,
        facilitator_id: Some(staff.id),
    };
    service::update_slot(
        &app.db,
        id,
        (later, later + Duration::hours(1)),
        &place,
        staff.id,
        Some(&ctx),
    )
    .await
    .unwrap();
    let mails = mails_to(&app.db, "bedrift5@example.no").await;
    let calendar = invitation_of(
        &app.db,
        mails.iter().rev().find(|m| m.reference.is_none()).unwrap(),
    )
    .await
    .expect("updated invitation");
    assert_eq!(start_of(&calendar), later);
    assert_eq!(vevent(&calendar).get_location(), Some("Hos bedriften"));
    assert_eq!(vevent(&calendar).get_sequence(), Some(2));
}

#[tokio::test]
async fn registering_again_with_the_same_number_updates_the_one_row() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let id = slots(&app.db, staff.id, 1).await[0];
    let ctx = context();
    let first = service::register(&app.db, registration(4, "forste@example.no"), Some(&ctx))
        .await
        .unwrap();
    assert_eq!(first.outcome, Outcome::New);
    service::book(&app.db, first.business_id, id, Some(&ctx), None)
        .await
        .unwrap()
        .unwrap();

    let mut again = registration(4, "andre@example.no");
    again.name = "Bedrift 4 Holding AS".to_owned();
    again.employees = None;
    again.size_band = Some("50-99");
    let second = service::register(&app.db, again, Some(&ctx)).await.unwrap();
    assert_eq!(second.outcome, Outcome::Updated);
    assert_eq!(second.business_id, first.business_id);
    assert_eq!(business::Entity::find().count(&app.db).await.unwrap(), 1);
    let row = service::find(&app.db, first.business_id).await.unwrap();
    assert_eq!(row.name, "Bedrift 4 Holding AS");
    assert_eq!(
        (row.employees, row.size_band.as_deref()),
        (None, Some("50-99"))
    );
    assert_eq!(
        row.status,
        BusinessStatus::Scheduled,
        "the booked time is kept"
    );
    let contact = service::contact_of(&app.db, &row).await.unwrap().unwrap();
    assert_eq!(contact.email.as_deref(), Some("andre@example.no"));
    assert_eq!(contact.phone.as_deref(), Some("+4791234567"));
    // The old link no longer opens it; the new one does.
    assert!(
        service::find_by_token(&app.db, first.token.as_deref().unwrap())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        service::find_by_token(&app.db, second.token.as_deref().unwrap())
            .await
            .unwrap()
            .is_some()
    );
    // The earlier address is told the registration changed hands.
    let to_first = mails_to(&app.db, "forste@example.no").await;
    assert!(
        to_first.last().unwrap().subject.contains("endret"),
        "{}",
        to_first.last().unwrap().subject
    );
}

#[tokio::test]
async fn ten_first_registrations_of_one_number_at_once_make_one_business() {
    let app = spawn_app().await;
    let outcomes = futures_util::future::join_all((0..10).map(|n| {
        let db = app.db.clone();
        async move {
            service::register(&db, registration(8, &format!("k{n}@example.no")), None)
                .await
                .expect("stored")
        }
    }))
    .await;
    assert_eq!(business::Entity::find().count(&app.db).await.unwrap(), 1);
    let news = outcomes
        .iter()
        .filter(|o| o.outcome == Outcome::New)
        .count();
    assert_eq!(news, 1, "the others updated it");
}

#[tokio::test]
async fn the_interview_record_keeps_answers_and_findings_become_tagged_inputs() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let file =
        std::fs::File::open(crate::common::demo_data_dir().join("themes.csv")).expect("themes.csv");
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .expect("themes");
    let themes = innspill::themes::service::list(&app.db).await.unwrap();
    let business = register(&app.db, 9).await;
    let record = service::record_for(&app.db, business, staff.id)
        .await
        .unwrap();
    assert_eq!(
        service::record_for(&app.db, business, staff.id)
            .await
            .unwrap()
            .id,
        record.id,
        "one record per business"
    );
    let questions = guide::questions(&app.db, false).await.unwrap();
    assert!(questions.len() >= 8, "the guide starts with its topics");
    let input = RecordInput {
        answers: vec![
            (questions[0].id, "Eksport til Tyskland.".to_owned()),
            (questions[1].id, "Mangler sveisere.".to_owned()),
            (Uuid::now_v7(), "Ingen slik spørsmål".to_owned()),
        ],
        summary: Some("Vil vokse.".to_owned()),
        employee_change: Some(4),
        held_at: None,
    };
    service::save_record(&app.db, record.id, &input, staff.id)
        .await
        .unwrap();
    let answers = service::answers(&app.db, record.id).await.unwrap();
    assert_eq!(answers.len(), 2, "an unknown question is passed over");
    assert!(answers.iter().any(|a| a.question == questions[1].text));

    // Edit the guide: the answer keeps the question as it was asked.
    guide::update_question(
        &app.db,
        questions[1].id,
        &guide::QuestionText {
            topic: "competence",
            text: "Hvilke fagfolk mangler dere?".to_owned(),
            help: None,
        },
        true,
        staff.id,
    )
    .await
    .unwrap();
    let answers = service::answers(&app.db, record.id).await.unwrap();
    assert!(answers.iter().any(|a| a.question == questions[1].text));

    let finding = service::add_finding(
        &app.db,
        record.id,
        "Mangel på næringsareal ved havna stopper utvidelse.",
        &[themes[0].id, themes[1].id],
        Lang::Nb,
        staff.id,
    )
    .await
    .unwrap();
    let row = input::Entity::find_by_id(finding)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.channel, Channel::Interview);
    assert_eq!(row.status, InputStatus::Published);
    assert_eq!(row.contact_id, None, "no personal data on a finding");
    let findings = service::findings(&app.db, record.id).await.unwrap();
    assert_eq!(findings.len(), 1);
    let mut slugs: Vec<&str> = findings[0]
        .tags
        .iter()
        .map(|t| t.theme.slug.as_str())
        .collect();
    slugs.sort_unstable();
    let mut expected = vec![themes[0].slug.as_str(), themes[1].slug.as_str()];
    expected.sort_unstable();
    assert_eq!(slugs, expected);

    service::complete(&app.db, record.id, staff.id)
        .await
        .unwrap();
    assert_eq!(
        service::find(&app.db, business).await.unwrap().status,
        BusinessStatus::Interviewed
    );
    let ids = slots(&app.db, staff.id, 1).await;
    assert_eq!(
        service::book(&app.db, business, ids[0], None, None)
            .await
            .unwrap(),
        Err(BookingProblem::Closed)
    );

    // Erasing the contact keeps the business, its record and its findings.
    service::erase_contact(&app.db, business, Some(staff.id))
        .await
        .unwrap();
    assert_eq!(contact::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        service::findings(&app.db, record.id).await.unwrap().len(),
        1
    );
    assert!(
        service::find(&app.db, business)
            .await
            .unwrap()
            .contact_id
            .is_none()
    );

    service::delete_finding(&app.db, record.id, finding, staff.id)
        .await
        .unwrap();
    assert!(
        input::Entity::find_by_id(finding)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn the_guide_moves_questions_and_stops_at_the_ends() {
    let app = spawn_app().await;
    let staff = create_user(&app, Role::Facilitator).await;
    let before = guide::questions(&app.db, true).await.unwrap();
    guide::move_question(&app.db, before[1].id, -1, staff.id)
        .await
        .unwrap();
    guide::move_question(&app.db, before[1].id, -1, staff.id)
        .await
        .unwrap();
    let after = guide::questions(&app.db, true).await.unwrap();
    assert_eq!(after[0].id, before[1].id);
    assert_eq!(after[1].id, before[0].id);
    let last = after.last().unwrap().id;
    guide::move_question(&app.db, last, 1, staff.id)
        .await
        .unwrap();
    assert_eq!(
        guide::questions(&app.db, true)
            .await
            .unwrap()
            .last()
            .unwrap()
            .id,
        last
    );
    let added = guide::add_question(
        &app.db,
        &guide::QuestionText {
            topic: "other",
            text: "Noe mer?".to_owned(),
            help: None,
        },
        staff.id,
    )
    .await
    .unwrap();
    let all = guide::questions(&app.db, true).await.unwrap();
    assert_eq!(all.last().unwrap().id, added);
    guide::update_question(
        &app.db,
        added,
        &guide::QuestionText {
            topic: "other",
            text: "Noe mer?".to_owned(),
            help: None,
        },
        false,
        staff.id,
    )
    .await
    .unwrap();
    assert!(
        guide::questions(&app.db, false)
            .await
            .unwrap()
            .iter()
            .all(|q| q.id != added)
    );
}
