//! Booking, moving and cancelling a business's interview time, with the
//! calendar invitation, its updates and the reminder the day before.

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
};
use url::Url;
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::entities::business::{self, Status as BusinessStatus};
use crate::entities::interview_slot::{self, Status};
use crate::error::AppError;
use crate::interviews::mails;
use crate::mail;
use crate::web::Lang;

use super::*;

/// Why a booking was not made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookingProblem {
    /// Someone else booked it first.
    Taken,
    /// Withdrawn, past, or too soon to book online.
    Gone,
    /// The business is interviewed or declined.
    Closed,
}

/// The key of a business's reminder in the outbox.
fn reminder_reference(business_id: Uuid) -> String {
    format!("interview-reminder:{business_id}")
}

/// Reminders go the day before.
const REMINDER_BEFORE: Duration = Duration::hours(24);

/// Books `slot_id` for the business, giving up the time it held before (a
/// reschedule), in one transaction: if the new slot is gone, the old one is
/// kept. `link` is the private link the request came through, for the mail.
pub async fn book(
    db: &DatabaseConnection,
    business_id: Uuid,
    slot_id: Uuid,
    mail_context: Option<&MailContext>,
    link: Option<&Url>,
) -> Result<Result<interview_slot::Model, BookingProblem>, AppError> {
    let txn = crate::db::begin(db).await?;
    lock_business(&txn, business_id).await?;
    let business = find(&txn, business_id).await?;
    if matches!(
        business.status,
        BusinessStatus::Interviewed | BusinessStatus::Declined
    ) {
        return Ok(Err(BookingProblem::Closed));
    }
    let held = slot_of(&txn, business_id).await?;
    if let Some(held) = &held
        && held.id == slot_id
    {
        return Ok(Ok(held.clone()));
    }
    if let Some(held) = &held {
        release(&txn, held.id).await?;
    }
    let now = Utc::now();
    // The one write that decides: it takes the slot only while it is free.
    let claimed = interview_slot::Entity::update_many()
        .col_expr(interview_slot::Column::BusinessId, Expr::value(business_id))
        .col_expr(interview_slot::Column::BookedAt, Expr::value(now))
        .col_expr(interview_slot::Column::UpdatedAt, Expr::value(now))
        .filter(interview_slot::Column::Id.eq(slot_id))
        .filter(interview_slot::Column::BusinessId.is_null())
        .filter(interview_slot::Column::Status.eq(Status::Open))
        .filter(interview_slot::Column::StartsAt.gt(now + BOOKING_NOTICE))
        .exec(&txn)
        .await?
        .rows_affected;
    if claimed == 0 {
        let problem = match interview_slot::Entity::find_by_id(slot_id)
            .one(&txn)
            .await?
        {
            Some(slot) if slot.business_id.is_some() && slot.status == Status::Open => {
                BookingProblem::Taken
            }
            _ => BookingProblem::Gone,
        };
        // Dropping the transaction keeps the time held before.
        return Ok(Err(problem));
    }
    business::Entity::update_many()
        .col_expr(
            business::Column::Status,
            Expr::value(BusinessStatus::Scheduled),
        )
        .col_expr(business::Column::WantsContact, Expr::value(false))
        .col_expr(business::Column::UpdatedAt, Expr::value(now))
        .filter(business::Column::Id.eq(business_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(
            None,
            if held.is_some() {
                "interview.reschedule"
            } else {
                "interview.book"
            },
        )
        .on("interview_slot", slot_id)
        .details(format!("business={business_id}")),
    )
    .await?;
    let slot = find_slot(&txn, slot_id).await?;
    send_invitation_with_link(&txn, business_id, &slot, held.is_some(), mail_context, link).await?;
    txn.commit().await?;
    Ok(Ok(slot))
}

/// Gives up the business's time, at its own request (`by` None) or a
/// facilitator's. The business is back to choosing; the cancelling
/// invitation removes the time from its calendar.
pub async fn cancel_booking(
    db: &DatabaseConnection,
    business_id: Uuid,
    by: Option<Uuid>,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_business(&txn, business_id).await?;
    let Some(slot) = slot_of(&txn, business_id).await? else {
        return Ok(());
    };
    release(&txn, slot.id).await?;
    audit::record(
        &txn,
        Entry::new(by, "interview.cancel")
            .on("interview_slot", slot.id)
            .details(format!("business={business_id}")),
    )
    .await?;
    send_cancellation(&txn, business_id, &slot, by.is_some(), mail_context).await?;
    txn.commit().await?;
    Ok(())
}

/// The business would rather be called than pick a time.
pub async fn ask_to_be_contacted(
    db: &DatabaseConnection,
    business_id: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_business(&txn, business_id).await?;
    business::Entity::update_many()
        .col_expr(business::Column::WantsContact, Expr::value(true))
        .col_expr(business::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(business::Column::Id.eq(business_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(None, "business.wants_contact").on("business", business_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn release(db: &impl ConnectionTrait, slot_id: Uuid) -> Result<(), AppError> {
    interview_slot::Entity::update_many()
        .col_expr(
            interview_slot::Column::BusinessId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(
            interview_slot::Column::BookedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .col_expr(interview_slot::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(interview_slot::Column::Id.eq(slot_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Raises the invitation's SEQUENCE and returns the business as it now is.
async fn next_sequence(
    db: &DatabaseTransaction,
    business_id: Uuid,
) -> Result<business::Model, AppError> {
    business::Entity::update_many()
        .col_expr(
            business::Column::CalendarSequence,
            Expr::col(business::Column::CalendarSequence).add(1),
        )
        .filter(business::Column::Id.eq(business_id))
        .exec(db)
        .await?;
    find(db, business_id).await
}

/// The invitation for the time the business now holds (first, or moved),
/// and the reminder for the day before in place of any earlier one.
pub(super) async fn send_invitation(
    db: &DatabaseTransaction,
    business_id: Uuid,
    slot: &interview_slot::Model,
    moved: bool,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    send_invitation_with_link(db, business_id, slot, moved, mail_context, None).await
}

async fn send_invitation_with_link(
    db: &DatabaseTransaction,
    business_id: Uuid,
    slot: &interview_slot::Model,
    moved: bool,
    mail_context: Option<&MailContext>,
    link: Option<&Url>,
) -> Result<(), AppError> {
    let business = next_sequence(db, business_id).await?;
    mail::withdraw(db, &reminder_reference(business_id)).await?;
    let (Some(context), Some(person)) = (mail_context, person_of(db, &business).await?) else {
        return Ok(());
    };
    let lang = Lang::from_code(&business.language).unwrap_or(Lang::Nb);
    let mail = if moved {
        mails::moved(lang, context, &business, &person, slot, link)
    } else {
        mails::booked(lang, context, &business, &person, slot, link)
    };
    mail::enqueue(db, mail).await?;
    let at = slot.starts_at - REMINDER_BEFORE;
    if at > Utc::now() {
        let reminder = mails::reminder(lang, context, &business, &person, slot, link)
            .send_at(at)
            .reference(reminder_reference(business_id));
        mail::enqueue(db, reminder).await?;
    }
    Ok(())
}

/// The business no longer holds `slot`: back to registered, the reminder
/// withdrawn, and the cancelling invitation sent.
pub(super) async fn send_cancellation(
    db: &DatabaseTransaction,
    business_id: Uuid,
    slot: &interview_slot::Model,
    by_staff: bool,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    business::Entity::update_many()
        .col_expr(
            business::Column::Status,
            Expr::value(BusinessStatus::Registered),
        )
        .col_expr(business::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(business::Column::Id.eq(business_id))
        .filter(business::Column::Status.eq(BusinessStatus::Scheduled))
        .exec(db)
        .await?;
    let business = next_sequence(db, business_id).await?;
    mail::withdraw(db, &reminder_reference(business_id)).await?;
    let (Some(context), Some(person)) = (mail_context, person_of(db, &business).await?) else {
        return Ok(());
    };
    let lang = Lang::from_code(&business.language).unwrap_or(Lang::Nb);
    mail::enqueue(
        db,
        mails::cancelled(lang, context, &business, &person, slot, by_staff),
    )
    .await?;
    Ok(())
}

/// Ends the business's part in the programme's interviews: its time is
/// given up and it is marked declined.
pub async fn withdraw(
    db: &DatabaseConnection,
    business_id: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    cancel_booking(db, business_id, None, mail_context).await?;
    let txn = crate::db::begin(db).await?;
    lock_business(&txn, business_id).await?;
    business::Entity::update_many()
        .col_expr(
            business::Column::Status,
            Expr::value(BusinessStatus::Declined),
        )
        .col_expr(business::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(business::Column::Id.eq(business_id))
        .filter(business::Column::Status.ne(BusinessStatus::Interviewed))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(None, "business.withdraw").on("business", business_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
