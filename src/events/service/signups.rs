//! Signing up, cancelling and promoting from the waitlist, checked in by
//! staff; and erasing participants when they are no longer needed.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::{Email, SecretToken};
use crate::entities::contact;
use crate::entities::event::Status as EventStatus;
use crate::entities::event_signup::{self, Status};
use crate::error::AppError;
use crate::events::mails;
use crate::inputs::StakeholderGroup;
use crate::inputs::submit::{self as submission, NewContact};
use crate::mail::{self};
use crate::web::Lang;

use super::notify::*;
use super::*;

/// Why a sign-up is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// Not published, cancelled, started, or past its deadline.
    NotOpen,
    /// Every seat is taken and the event keeps no waitlist.
    Full,
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

pub(super) async fn find_by_idempotency_key(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<event_signup::Model>, AppError> {
    Ok(event_signup::Entity::find()
        .filter(event_signup::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?)
}

pub(super) async fn store_signup(
    db: &DatabaseConnection,
    event_id: Uuid,
    signup: &NewSignup,
    mail_context: Option<&MailContext>,
) -> Result<Result<SignupReceipt, Closed>, AppError> {
    let txn = crate::db::begin(db).await?;
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

/// Cancels a sign-up at the person's own request. A freed seat goes to the
/// first on the waitlist in the same transaction, and they are told.
/// Cancelling twice changes nothing.
pub async fn cancel_signup(
    db: &DatabaseConnection,
    signup_id: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
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

pub(super) async fn set_signup_status(
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
pub(super) async fn fill_free_seats(
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
        .limit(free.min(10_000))
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
    let txn = crate::db::begin(db).await?;
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
pub(crate) async fn forget_person(
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
