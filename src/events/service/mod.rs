//! Events and sign-ups, without HTTP: creating and changing events, signing
//! up with a seat or a place on the waitlist, cancelling and promoting.
//!
//! Every change to who holds a seat starts by locking the event's row
//! (`inputs::lock::lock_where`), so two people taking the last seat at the
//! same moment are served one after the other on SQLite and PostgreSQL alike,
//! and the event is never overbooked.

mod notify;
mod signups;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use url::Url;
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::entities::event::{self, Kind, Status as EventStatus};
use crate::entities::event_signup::{self, Status};
use crate::entities::event_theme;
use crate::error::AppError;
use crate::events::ics::Organizer;
use crate::inputs::lock::lock_where;
use crate::settings::service::Programme;

pub use notify::Person;
use notify::send_invitations;
pub use signups::*;

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

pub async fn create(
    db: &DatabaseConnection,
    details: &EventDetails,
    by: Uuid,
) -> Result<event::Model, AppError> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    let txn = crate::db::begin(db).await?;
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
        .limit(50)
        .all(db)
        .await?;
    Ok((upcoming, past))
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

/// Whether the event takes sign-ups at `now`.
pub fn open_for_signup(event: &event::Model, now: DateTime<Utc>) -> bool {
    event.status == EventStatus::Published
        && now < event.starts_at
        && event.signup_deadline.is_none_or(|deadline| now <= deadline)
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
    let txn = crate::db::begin(db).await?;
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
    let txn = crate::db::begin(db).await?;
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
    let txn = crate::db::begin(db).await?;
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
