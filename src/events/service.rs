//! Events and sign-ups, without HTTP: creating and changing events, signing
//! up with a seat or a place on the waitlist, cancelling and promoting.
//!
//! Every change to who holds a seat starts by locking the event's row
//! (`inputs::lock::lock_where`), so two people taking the last seat at the
//! same moment are served one after the other on SQLite and PostgreSQL alike,
//! and the event is never overbooked.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use url::Url;
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::{Email, SecretToken};
use crate::entities::event::{self, Kind, Status as EventStatus};
use crate::entities::event_signup::{self, Status};
use crate::entities::{contact, event_theme};
use crate::error::AppError;
use crate::events::ics::{Attendee, Organizer};
use crate::events::mails;
use crate::inputs::StakeholderGroup;
use crate::inputs::lock::lock_where;
use crate::inputs::submit::{self as submission, NewContact};
use crate::mail::{self, NewMail};
use crate::settings::service::Programme;
use crate::web::Lang;

/// An event as a facilitator describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDetails {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: Option<i32>,
    pub signup_deadline: Option<DateTime<Utc>>,
    pub waitlist: bool,
    pub ask_diet: bool,
    pub ask_accessibility: bool,
    pub ask_organisation: bool,
    pub themes: Vec<Uuid>,
}

/// What mails about events need: where the site is and who sends them.
#[derive(Clone, Debug)]
pub struct MailContext {
    pub site: Url,
    pub programme: Programme,
    pub organizer: Organizer,
}

impl MailContext {
    pub fn event_page(&self, event_id: Uuid) -> Url {
        self.site
            .join(&format!("arrangementer/{event_id}"))
            .unwrap_or_else(|_| self.site.clone())
    }

    pub fn private_link(&self, token: &str) -> Url {
        self.site
            .join(private_path(token).trim_start_matches('/'))
            .unwrap_or_else(|_| self.site.clone())
    }
}

/// The path of a sign-up's private page.
pub fn private_path(token: &str) -> String {
    format!("/arrangementer/mine/{token}")
}

/// The key of a sign-up's reminder in the outbox.
fn reminder_reference(signup_id: Uuid) -> String {
    format!("event-reminder:{signup_id}")
}

/// Reminders go the day before.
const REMINDER_BEFORE: Duration = Duration::hours(24);

pub async fn create(
    db: &DatabaseConnection,
    details: &EventDetails,
    by: Uuid,
) -> Result<event::Model, AppError> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    let txn = db.begin().await?;
    let row = event::ActiveModel {
        id: Set(id),
        kind: Set(details.kind),
        title: Set(details.title.clone()),
        description: Set(details.description.clone()),
        location: Set(details.location.clone()),
        online_url: Set(details.online_url.clone()),
        starts_at: Set(details.starts_at),
        ends_at: Set(details.ends_at),
        capacity: Set(details.capacity),
        signup_deadline: Set(details.signup_deadline),
        waitlist: Set(details.waitlist),
        ask_diet: Set(details.ask_diet),
        ask_accessibility: Set(details.ask_accessibility),
        ask_organisation: Set(details.ask_organisation),
        status: Set(EventStatus::Draft),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    };
    event::Entity::insert(row)
        .exec_without_returning(&txn)
        .await?;
    set_themes(&txn, id, &details.themes).await?;
    audit::record(&txn, Entry::new(Some(by), "event.create").on("event", id)).await?;
    txn.commit().await?;
    find(db, id).await
}

async fn set_themes(
    db: &impl ConnectionTrait,
    event_id: Uuid,
    themes: &[Uuid],
) -> Result<(), AppError> {
    event_theme::Entity::delete_many()
        .filter(event_theme::Column::EventId.eq(event_id))
        .exec(db)
        .await?;
    let active: Vec<Uuid> = crate::themes::service::list_active(db)
        .await?
        .into_iter()
        .map(|theme| theme.id)
        .filter(|id| themes.contains(id))
        .collect();
    if active.is_empty() {
        return Ok(());
    }
    event_theme::Entity::insert_many(active.into_iter().map(|theme_id| event_theme::ActiveModel {
        event_id: Set(event_id),
        theme_id: Set(theme_id),
    }))
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<event::Model, AppError> {
    event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The ids of the themes an event is about.
pub async fn themes_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(event_theme::Entity::find()
        .filter(event_theme::Column::EventId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.theme_id)
        .collect())
}

/// Every event, newest start first, for staff.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<event::Model>, AppError> {
    Ok(event::Entity::find()
        .order_by_desc(event::Column::StartsAt)
        .all(db)
        .await?)
}

/// Published events that have not ended, soonest first, and those that have,
/// latest first.
pub async fn published(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<(Vec<event::Model>, Vec<event::Model>), AppError> {
    let upcoming = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::EndsAt.gte(now))
        .order_by_asc(event::Column::StartsAt)
        .all(db)
        .await?;
    let past = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::EndsAt.lt(now))
        .order_by_desc(event::Column::StartsAt)
        .limit_to(50)
        .all(db)
        .await?;
    Ok((upcoming, past))
}

trait LimitTo: Sized {
    fn limit_to(self, n: u64) -> Self;
}

impl<E: EntityTrait> LimitTo for sea_orm::Select<E> {
    fn limit_to(self, n: u64) -> Self {
        sea_orm::QuerySelect::limit(self, n)
    }
}

/// How many seats are taken (confirmed or checked in).
pub async fn seats_taken(db: &impl ConnectionTrait, event_id: Uuid) -> Result<u64, AppError> {
    Ok(event_signup::Entity::find()
        .filter(event_signup::Column::EventId.eq(event_id))
        .filter(event_signup::Column::Status.is_in([Status::Confirmed, Status::Attended]))
        .count(db)
        .await?)
}

/// Seats left, or None when the event has no limit.
pub fn seats_left(event: &event::Model, taken: u64) -> Option<u64> {
    event
        .capacity
        .map(|capacity| u64::try_from(capacity).unwrap_or(0).saturating_sub(taken))
}

/// Why a sign-up is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// Not published, cancelled, started, or past its deadline.
    NotOpen,
    /// Every seat is taken and the event keeps no waitlist.
    Full,
}

/// Whether the event takes sign-ups at `now`.
pub fn open_for_signup(event: &event::Model, now: DateTime<Utc>) -> bool {
    event.status == EventStatus::Published
        && now < event.starts_at
        && event.signup_deadline.is_none_or(|deadline| now <= deadline)
}

/// A sign-up as the person sent it.
#[derive(Clone, Debug)]
pub struct NewSignup {
    pub name: String,
    pub email: Email,
    pub organisation: Option<String>,
    pub group: StakeholderGroup,
    pub diet: Option<String>,
    pub accessibility: Option<String>,
    pub news_opt_in: bool,
    pub language: Lang,
    pub idempotency_key: Option<String>,
}

/// Where the sign-up landed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Confirmed,
    /// Place on the waitlist, from 1.
    Waitlisted(u64),
}

#[derive(Clone, Debug)]
pub struct SignupReceipt {
    pub id: Uuid,
    pub event_id: Uuid,
    /// The private link's token; None for a form sent again.
    pub token: Option<String>,
    pub placement: Placement,
}

/// Signs up for `event_id`: a seat while there is one, else the waitlist
/// (when the event keeps one). The sign-up, its contact and its mails (the
/// confirmation with the invitation, or the waitlist notice, and the
/// reminder for the day before) are stored in one transaction. A form sent
/// again with the same idempotency key stores nothing new.
pub async fn sign_up(
    db: &DatabaseConnection,
    event_id: Uuid,
    signup: NewSignup,
    mail_context: Option<&MailContext>,
) -> Result<Result<SignupReceipt, Closed>, AppError> {
    submission::once(
        signup.idempotency_key.as_deref(),
        async |key| find_by_idempotency_key(db, key).await,
        async || store_signup(db, event_id, &signup, mail_context).await,
        async |existing| {
            let placement = placement(db, &existing).await?;
            Ok(Ok(SignupReceipt {
                id: existing.id,
                event_id: existing.event_id,
                token: None,
                placement,
            }))
        },
    )
    .await
}

async fn find_by_idempotency_key(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<event_signup::Model>, AppError> {
    Ok(event_signup::Entity::find()
        .filter(event_signup::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?)
}

async fn store_signup(
    db: &DatabaseConnection,
    event_id: Uuid,
    signup: &NewSignup,
    mail_context: Option<&MailContext>,
) -> Result<Result<SignupReceipt, Closed>, AppError> {
    let txn = db.begin().await?;
    lock_event(&txn, event_id).await?;
    // Taken under the lock, so the order of sign-ups is the order of seats.
    let now = Utc::now();
    let event = find(&txn, event_id).await?;
    if !open_for_signup(&event, now) {
        return Ok(Err(Closed::NotOpen));
    }
    let taken = seats_taken(&txn, event_id).await?;
    let status = match seats_left(&event, taken) {
        Some(0) if event.waitlist => Status::Waitlisted,
        Some(0) => return Ok(Err(Closed::Full)),
        _ => Status::Confirmed,
    };
    let contact_id = submission::store_contact(
        &txn,
        Some(&NewContact {
            name: Some(signup.name.clone()),
            email: Some(signup.email.clone()),
            news_opt_in: signup.news_opt_in,
            organisation: signup.organisation.clone(),
        }),
    )
    .await?;
    let token = SecretToken::generate();
    let id = Uuid::now_v7();
    event_signup::Entity::insert(event_signup::ActiveModel {
        id: Set(id),
        event_id: Set(event_id),
        contact_id: Set(contact_id),
        stakeholder_group: Set(signup.group.code().to_owned()),
        diet: Set(event.ask_diet.then(|| signup.diet.clone()).flatten()),
        accessibility: Set(event
            .ask_accessibility
            .then(|| signup.accessibility.clone())
            .flatten()),
        status: Set(status),
        language: Set(signup.language.code().to_owned()),
        private_token_hash: Set(token.hash()),
        idempotency_key: Set(signup.idempotency_key.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(&txn)
    .await?;
    let row = find_signup(&txn, id).await?;
    let placement = placement(&txn, &row).await?;
    if let Some(context) = mail_context {
        let person = Person {
            name: Some(signup.name.clone()),
            email: signup.email.clone(),
            contact_id,
        };
        let link = context.private_link(token.expose());
        let mail = match placement {
            Placement::Confirmed => {
                mails::confirmation(signup.language, context, &event, &person, &link)
            }
            Placement::Waitlisted(position) => {
                mails::waitlisted(signup.language, context, &event, &person, &link, position)
            }
        };
        mail::enqueue(&txn, person.tie(mail)).await?;
        if placement == Placement::Confirmed {
            schedule_reminder(&txn, context, &event, &row, &person, Some(&link), now).await?;
        }
    }
    txn.commit().await?;
    Ok(Ok(SignupReceipt {
        id,
        event_id,
        token: Some(token.into_string()),
        placement,
    }))
}

/// Locks the event's row for the rest of the transaction; not found when
/// there is no such event.
async fn lock_event(db: &impl ConnectionTrait, event_id: Uuid) -> Result<(), AppError> {
    let locked = lock_where::<event::Entity>(
        db,
        event::Column::Id,
        Condition::all().add(event::Column::Id.eq(event_id)),
    )
    .await?;
    if locked == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The person a mail goes to.
pub struct Person {
    pub name: Option<String>,
    pub email: Email,
    pub contact_id: Option<Uuid>,
}

impl Person {
    fn tie(&self, mail: NewMail) -> NewMail {
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

async fn schedule_reminder(
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

async fn enqueue_in(db: &DatabaseTransaction, mail: NewMail) -> Result<(), AppError> {
    mail::enqueue(db, mail).await?;
    Ok(())
}

pub async fn find_signup(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<event_signup::Model, AppError> {
    event_signup::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The sign-up a private link opens.
pub async fn find_by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<event_signup::Model>, AppError> {
    Ok(event_signup::Entity::find()
        .filter(event_signup::Column::PrivateTokenHash.eq(SecretToken::hash_of(token)))
        .one(db)
        .await?)
}

/// Where a sign-up stands: confirmed, or its place among those waiting.
pub async fn placement(
    db: &impl ConnectionTrait,
    signup: &event_signup::Model,
) -> Result<Placement, AppError> {
    if signup.status != Status::Waitlisted {
        return Ok(Placement::Confirmed);
    }
    let ahead = event_signup::Entity::find()
        .filter(event_signup::Column::EventId.eq(signup.event_id))
        .filter(event_signup::Column::Status.eq(Status::Waitlisted))
        .filter(
            Condition::any()
                .add(event_signup::Column::CreatedAt.lt(signup.created_at))
                .add(
                    Condition::all()
                        .add(event_signup::Column::CreatedAt.eq(signup.created_at))
                        .add(event_signup::Column::Id.lt(signup.id)),
                ),
        )
        .count(db)
        .await?;
    Ok(Placement::Waitlisted(ahead + 1))
}

/// The person behind a sign-up, if they have not been erased.
async fn person_of(
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

/// Cancels a sign-up at the person's own request. A freed seat goes to the
/// first on the waitlist in the same transaction, and they are told.
/// Cancelling twice changes nothing.
pub async fn cancel_signup(
    db: &DatabaseConnection,
    signup_id: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let signup = find_signup(&txn, signup_id).await?;
    lock_event(&txn, signup.event_id).await?;
    // Read again under the lock: a facilitator may have moved it meanwhile.
    let signup = find_signup(&txn, signup_id).await?;
    if signup.status == Status::Cancelled {
        return Ok(());
    }
    let freed = signup.status.holds_seat();
    set_signup_status(&txn, signup.id, Status::Cancelled).await?;
    mail::withdraw(&txn, &reminder_reference(signup.id)).await?;
    // Someone who will not come needs no record of who they are: their
    // name, address and answers go now, the cancelled seat stays counted.
    forget_person(&txn, &signup).await?;
    audit::record(
        &txn,
        Entry::new(None, "event.signup_cancel").on("event_signup", signup.id),
    )
    .await?;
    if freed {
        fill_free_seats(&txn, signup.event_id, mail_context).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn set_signup_status(
    db: &impl ConnectionTrait,
    id: Uuid,
    status: Status,
) -> Result<(), AppError> {
    event_signup::Entity::update_many()
        .col_expr(event_signup::Column::Status, Expr::value(status))
        .col_expr(event_signup::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(event_signup::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Moves people from the waitlist into free seats, first come first served,
/// and mails each the invitation. Call it with the event locked.
async fn fill_free_seats(
    db: &DatabaseTransaction,
    event_id: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<u64, AppError> {
    let event = find(db, event_id).await?;
    if event.status != EventStatus::Published || event.ends_at < Utc::now() {
        return Ok(0);
    }
    let taken = seats_taken(db, event_id).await?;
    let free = seats_left(&event, taken).unwrap_or(u64::MAX);
    if free == 0 {
        return Ok(0);
    }
    let waiting = event_signup::Entity::find()
        .filter(event_signup::Column::EventId.eq(event_id))
        .filter(event_signup::Column::Status.eq(Status::Waitlisted))
        .order_by_asc(event_signup::Column::CreatedAt)
        .order_by_asc(event_signup::Column::Id)
        .limit_to(free.min(10_000))
        .all(db)
        .await?;
    let now = Utc::now();
    let mut promoted = 0;
    for signup in waiting {
        set_signup_status(db, signup.id, Status::Confirmed).await?;
        audit::record(
            db,
            Entry::new(None, "event.signup_promote").on("event_signup", signup.id),
        )
        .await?;
        promoted += 1;
        if let (Some(context), Some(person)) = (mail_context, person_of(db, &signup).await?) {
            let lang = Lang::from_code(&signup.language).unwrap_or(Lang::Nb);
            // The private link's token is kept only hashed, so these mails
            // point to the link in the first one.
            enqueue_in(
                db,
                person.tie(mails::promoted(lang, context, &event, &person)),
            )
            .await?;
            schedule_reminder(db, context, &event, &signup, &person, None, now).await?;
        }
    }
    Ok(promoted)
}

/// What a facilitator's change to an event meant for those signed up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Notified {
    /// Participants sent an updated (or cancelling) invitation.
    pub invitations: u64,
}

/// Whether the change moves the event in time or place, which those signed
/// up must hear about.
fn moves(before: &event::Model, after: &EventDetails) -> bool {
    before.starts_at != after.starts_at
        || before.ends_at != after.ends_at
        || before.location != after.location
        || before.online_url != after.online_url
        || before.title != after.title
}

/// Saves a facilitator's changes. When a published event moves (time, place
/// or title), its SEQUENCE goes up, everyone with a seat gets the updated
/// invitation, and reminders are scheduled anew. A larger capacity fills
/// seats from the waitlist.
pub async fn update(
    db: &DatabaseConnection,
    id: Uuid,
    details: &EventDetails,
    by: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<Notified, AppError> {
    let txn = db.begin().await?;
    lock_event(&txn, id).await?;
    let before = find(&txn, id).await?;
    let moved = before.status == EventStatus::Published && moves(&before, details);
    event::Entity::update_many()
        .col_expr(event::Column::Kind, Expr::value(details.kind))
        .col_expr(event::Column::Title, Expr::value(details.title.clone()))
        .col_expr(
            event::Column::Description,
            Expr::value(details.description.clone()),
        )
        .col_expr(
            event::Column::Location,
            Expr::value(details.location.clone()),
        )
        .col_expr(
            event::Column::OnlineUrl,
            Expr::value(details.online_url.clone()),
        )
        .col_expr(event::Column::StartsAt, Expr::value(details.starts_at))
        .col_expr(event::Column::EndsAt, Expr::value(details.ends_at))
        .col_expr(event::Column::Capacity, Expr::value(details.capacity))
        .col_expr(
            event::Column::SignupDeadline,
            Expr::value(details.signup_deadline),
        )
        .col_expr(event::Column::Waitlist, Expr::value(details.waitlist))
        .col_expr(event::Column::AskDiet, Expr::value(details.ask_diet))
        .col_expr(
            event::Column::AskAccessibility,
            Expr::value(details.ask_accessibility),
        )
        .col_expr(
            event::Column::AskOrganisation,
            Expr::value(details.ask_organisation),
        )
        .col_expr(
            event::Column::Sequence,
            Expr::value(before.sequence + i32::from(moved)),
        )
        .col_expr(event::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(event::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    set_themes(&txn, id, &details.themes).await?;
    audit::record(&txn, Entry::new(Some(by), "event.update").on("event", id)).await?;
    let mut notified = Notified::default();
    if moved {
        notified.invitations = send_invitations(&txn, id, mail_context).await?;
    }
    fill_free_seats(&txn, id, mail_context).await?;
    txn.commit().await?;
    Ok(notified)
}

/// Opens the event for sign-up.
pub async fn publish(db: &DatabaseConnection, id: Uuid, by: Uuid) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock_event(&txn, id).await?;
    let event = find(&txn, id).await?;
    if event.status != EventStatus::Draft {
        return Err(AppError::Conflict("only a draft can be published".into()));
    }
    set_event_status(&txn, id, EventStatus::Published, event.sequence).await?;
    audit::record(&txn, Entry::new(Some(by), "event.publish").on("event", id)).await?;
    txn.commit().await?;
    Ok(())
}

/// Calls the event off: everyone with a seat gets the cancelling invitation
/// (same UID, SEQUENCE raised, METHOD:CANCEL), everyone waiting a notice, and
/// no reminder goes out.
pub async fn cancel(
    db: &DatabaseConnection,
    id: Uuid,
    by: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<Notified, AppError> {
    let txn = db.begin().await?;
    lock_event(&txn, id).await?;
    let event = find(&txn, id).await?;
    if event.status == EventStatus::Cancelled {
        return Ok(Notified::default());
    }
    let was_published = event.status == EventStatus::Published;
    set_event_status(&txn, id, EventStatus::Cancelled, event.sequence + 1).await?;
    audit::record(&txn, Entry::new(Some(by), "event.cancel").on("event", id)).await?;
    let mut notified = Notified::default();
    if was_published {
        notified.invitations = send_invitations(&txn, id, mail_context).await?;
    }
    txn.commit().await?;
    Ok(notified)
}

async fn set_event_status(
    db: &impl ConnectionTrait,
    id: Uuid,
    status: EventStatus,
    sequence: i32,
) -> Result<(), AppError> {
    event::Entity::update_many()
        .col_expr(event::Column::Status, Expr::value(status))
        .col_expr(event::Column::Sequence, Expr::value(sequence))
        .col_expr(event::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(event::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sends the event as it now is to everyone signed up: an updated or
/// cancelling invitation to those with a seat (their reminders replaced), a
/// notice to those waiting when it is called off. Returns how many
/// invitations went out.
async fn send_invitations(
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

/// One person on an event's list, for staff.
#[derive(Clone, Debug)]
pub struct Participant {
    pub signup: event_signup::Model,
    pub contact: Option<contact::Model>,
}

/// Everyone who signed up, in order of sign-up.
pub async fn participants(
    db: &impl ConnectionTrait,
    event_id: Uuid,
) -> Result<Vec<Participant>, AppError> {
    let rows = event_signup::Entity::find()
        .filter(event_signup::Column::EventId.eq(event_id))
        .order_by_asc(event_signup::Column::CreatedAt)
        .order_by_asc(event_signup::Column::Id)
        .find_also_related(contact::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(signup, contact)| Participant { signup, contact })
        .collect())
}

/// A facilitator moves someone between the lists or checks them in. Giving
/// a seat by hand may go past the capacity (the facilitator decides); taking
/// one away fills it from the waitlist.
pub async fn set_status_by_staff(
    db: &DatabaseConnection,
    signup_id: Uuid,
    status: Status,
    by: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let signup = find_signup(&txn, signup_id).await?;
    lock_event(&txn, signup.event_id).await?;
    let signup = find_signup(&txn, signup_id).await?;
    if signup.status == status {
        return Ok(());
    }
    set_signup_status(&txn, signup.id, status).await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "event.signup_status")
            .on("event_signup", signup.id)
            .details(format!("{:?} -> {:?}", signup.status, status).to_lowercase()),
    )
    .await?;
    if status == Status::Cancelled || status == Status::Waitlisted {
        mail::withdraw(&txn, &reminder_reference(signup.id)).await?;
    }
    if signup.status.holds_seat() && !status.holds_seat() {
        fill_free_seats(&txn, signup.event_id, mail_context).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Erases the person behind a sign-up: their contact row (and any mail still
/// queued for them) and their answers for the day. The sign-up itself stays,
/// anonymous, so counts by status and group still add up.
async fn forget_person(
    db: &impl ConnectionTrait,
    signup: &event_signup::Model,
) -> Result<(), AppError> {
    event_signup::Entity::update_many()
        .col_expr(
            event_signup::Column::ContactId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(
            event_signup::Column::Diet,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            event_signup::Column::Accessibility,
            Expr::value(Option::<String>::None),
        )
        .filter(event_signup::Column::Id.eq(signup.id))
        .exec(db)
        .await?;
    if let Some(contact_id) = signup.contact_id {
        submission::erase_contact(db, contact_id).await?;
    }
    Ok(())
}

/// How long after an event its participants' personal data is kept: time
/// to send a summary and collect the results, as the sign-up form promises.
pub const KEEP_AFTER_EVENT: Duration = Duration::days(30);

/// Erases the personal data of everyone signed up for events that ended
/// more than `KEEP_AFTER_EVENT` before `now`; returns how many sign-ups.
pub async fn erase_ended(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, AppError> {
    let ended = event::Entity::find()
        .filter(event::Column::EndsAt.lt(now - KEEP_AFTER_EVENT))
        .all(db)
        .await?;
    let mut erased = 0;
    for event in ended {
        let txn = db.begin().await?;
        let holding = event_signup::Entity::find()
            .filter(event_signup::Column::EventId.eq(event.id))
            .filter(
                Condition::any()
                    .add(event_signup::Column::ContactId.is_not_null())
                    .add(event_signup::Column::Diet.is_not_null())
                    .add(event_signup::Column::Accessibility.is_not_null()),
            )
            .all(&txn)
            .await?;
        if holding.is_empty() {
            continue;
        }
        for signup in &holding {
            forget_person(&txn, signup).await?;
        }
        audit::record(
            &txn,
            Entry::new(None, "event.participants_erased")
                .on("event", event.id)
                .details(holding.len().to_string()),
        )
        .await?;
        txn.commit().await?;
        erased += holding.len() as u64;
    }
    Ok(erased)
}
