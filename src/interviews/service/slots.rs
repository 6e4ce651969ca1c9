//! Slots facilitators offer: one at a time or as a series (every 45 minutes
//! from 09:00 to 15:00 on chosen days, say), in Oslo time, stored in UTC.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::entities::interview_slot::{self, Status};
use crate::error::AppError;

use super::booking::{send_cancellation, send_invitation};
use super::*;

/// Where and with whom; shared by a single slot and a series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub facilitator_id: Option<Uuid>,
}

/// When a slot starts and ends, in UTC.
pub type Span = (DateTime<Utc>, DateTime<Utc>);

/// A series: on each day, slots of `length` starting every `every` from
/// `first` while they end by `last_end`.
#[derive(Clone, Debug)]
pub struct Series {
    pub days: Vec<NaiveDate>,
    pub first: NaiveTime,
    pub last_end: NaiveTime,
    pub length: Duration,
    pub every: Duration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesProblem {
    NoDays,
    /// Length or interval not positive, or the interval shorter than a slot.
    BadSpacing,
    /// Not one slot fits between the first start and the last end.
    NothingFits,
    /// More than `MAX_SERIES` slots.
    TooMany,
}

/// A series larger than this is a typo (a year of days, a 1-minute interval).
pub const MAX_SERIES: usize = 500;

/// The slots a series gives, in UTC. A local time that does not exist (the
/// hour skipped when summer time starts) is passed over; an ambiguous one
/// (the hour repeated in autumn) takes the first.
pub fn series_times(series: &Series) -> Result<Vec<Span>, SeriesProblem> {
    if series.days.is_empty() {
        return Err(SeriesProblem::NoDays);
    }
    if series.length <= Duration::zero() || series.every < series.length {
        return Err(SeriesProblem::BadSpacing);
    }
    let mut days = series.days.clone();
    days.sort();
    days.dedup();
    let mut times = Vec::new();
    for day in days {
        let mut start = day.and_time(series.first);
        let end_of_day = day.and_time(series.last_end);
        while start + series.length <= end_of_day {
            if let Some(local) = Oslo.from_local_datetime(&start).earliest() {
                let starts = local.with_timezone(&Utc);
                times.push((starts, starts + series.length));
                if times.len() > MAX_SERIES {
                    return Err(SeriesProblem::TooMany);
                }
            }
            start += series.every;
        }
    }
    if times.is_empty() {
        return Err(SeriesProblem::NothingFits);
    }
    Ok(times)
}

/// Offers slots at these times; returns their ids.
pub async fn create_slots(
    db: &DatabaseConnection,
    times: &[Span],
    place: &Place,
    by: Uuid,
) -> Result<Vec<Uuid>, AppError> {
    let txn = crate::db::begin(db).await?;
    let now = Utc::now();
    let mut ids = Vec::with_capacity(times.len());
    for (starts_at, ends_at) in times {
        let id = Uuid::now_v7();
        interview_slot::Entity::insert(interview_slot::ActiveModel {
            id: Set(id),
            starts_at: Set(*starts_at),
            ends_at: Set(*ends_at),
            location: Set(place.location.clone()),
            online_url: Set(place.online_url.clone()),
            facilitator_id: Set(place.facilitator_id),
            business_id: Set(None),
            booked_at: Set(None),
            status: Set(Status::Open),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
        ids.push(id);
    }
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.slots_create").details(format!("slots={}", ids.len())),
    )
    .await?;
    txn.commit().await?;
    Ok(ids)
}

pub async fn find_slot(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<interview_slot::Model, AppError> {
    interview_slot::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// How far ahead a slot must start for a business to book it online.
pub const BOOKING_NOTICE: Duration = Duration::hours(2);

/// Slots a business may book now: offered, free, and far enough ahead.
pub async fn free_slots(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<interview_slot::Model>, AppError> {
    Ok(interview_slot::Entity::find()
        .filter(interview_slot::Column::Status.eq(Status::Open))
        .filter(interview_slot::Column::BusinessId.is_null())
        .filter(interview_slot::Column::StartsAt.gt(now + BOOKING_NOTICE))
        .order_by_asc(interview_slot::Column::StartsAt)
        .order_by_asc(interview_slot::Column::Id)
        .all(db)
        .await?)
}

/// Every slot from `from` on (staff), booked or not, cancelled ones included.
pub async fn slots_from(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
) -> Result<Vec<interview_slot::Model>, AppError> {
    Ok(interview_slot::Entity::find()
        .filter(interview_slot::Column::EndsAt.gt(from))
        .order_by_asc(interview_slot::Column::StartsAt)
        .order_by_asc(interview_slot::Column::Id)
        .all(db)
        .await?)
}

/// Moves a slot or changes its place. A business holding it gets the
/// updated invitation and a new reminder.
pub async fn update_slot(
    db: &DatabaseConnection,
    slot_id: Uuid,
    times: Span,
    place: &Place,
    by: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let slot = find_slot(&txn, slot_id).await?;
    if let Some(business_id) = slot.business_id {
        lock_business(&txn, business_id).await?;
    }
    interview_slot::Entity::update_many()
        .col_expr(interview_slot::Column::StartsAt, Expr::value(times.0))
        .col_expr(interview_slot::Column::EndsAt, Expr::value(times.1))
        .col_expr(
            interview_slot::Column::Location,
            Expr::value(place.location.clone()),
        )
        .col_expr(
            interview_slot::Column::OnlineUrl,
            Expr::value(place.online_url.clone()),
        )
        .col_expr(
            interview_slot::Column::FacilitatorId,
            Expr::value(place.facilitator_id),
        )
        .col_expr(interview_slot::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(interview_slot::Column::Id.eq(slot_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.slot_update").on("interview_slot", slot_id),
    )
    .await?;
    // Read again: it may have been booked before the business was locked.
    let slot = find_slot(&txn, slot_id).await?;
    if let Some(business_id) = slot.business_id {
        send_invitation(&txn, business_id, &slot, true, mail_context).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Withdraws a slot. A business holding it is told, gets the cancelling
/// invitation and is back to choosing a time.
pub async fn cancel_slot(
    db: &DatabaseConnection,
    slot_id: Uuid,
    by: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let slot = find_slot(&txn, slot_id).await?;
    if let Some(business_id) = slot.business_id {
        lock_business(&txn, business_id).await?;
    }
    let slot = find_slot(&txn, slot_id).await?;
    if slot.status == Status::Cancelled {
        return Ok(());
    }
    interview_slot::Entity::update_many()
        .col_expr(
            interview_slot::Column::Status,
            Expr::value(Status::Cancelled),
        )
        .col_expr(
            interview_slot::Column::BusinessId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(interview_slot::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(interview_slot::Column::Id.eq(slot_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "interview.slot_cancel").on("interview_slot", slot_id),
    )
    .await?;
    if let Some(business_id) = slot.business_id {
        send_cancellation(&txn, business_id, &slot, true, mail_context).await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(days: &[(i32, u32, u32)], first: (u32, u32), last_end: (u32, u32)) -> Series {
        Series {
            days: days
                .iter()
                .map(|(y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d).unwrap())
                .collect(),
            first: NaiveTime::from_hms_opt(first.0, first.1, 0).unwrap(),
            last_end: NaiveTime::from_hms_opt(last_end.0, last_end.1, 0).unwrap(),
            length: Duration::minutes(45),
            every: Duration::minutes(45),
        }
    }

    #[test]
    fn every_45_minutes_from_nine_to_three_gives_eight_a_day_in_oslo_time() {
        let times = series_times(&series(&[(2026, 11, 3), (2026, 11, 5)], (9, 0), (15, 0)))
            .expect("a series");
        assert_eq!(times.len(), 16);
        // November is CET (+01:00): 09:00 in Oslo is 08:00 UTC.
        assert_eq!(
            times[0].0,
            Utc.with_ymd_and_hms(2026, 11, 3, 8, 0, 0).unwrap()
        );
        assert_eq!(
            times[7].1,
            Utc.with_ymd_and_hms(2026, 11, 3, 14, 0, 0).unwrap(),
            "the last ends at 15:00"
        );
        assert!(times.windows(2).all(|w| w[0].1 <= w[1].0), "no overlap");
    }

    #[test]
    fn the_hour_skipped_when_summer_time_starts_gives_no_slot() {
        // 29 March 2026: clocks go from 02:00 to 03:00 in Oslo.
        let mut night = series(&[(2026, 3, 29)], (1, 0), (4, 0));
        night.length = Duration::minutes(30);
        night.every = Duration::minutes(30);
        let times = series_times(&night).expect("a series");
        let local: Vec<String> = times
            .iter()
            .map(|(start, _)| start.with_timezone(&Oslo).format("%H:%M").to_string())
            .collect();
        assert_eq!(local, ["01:00", "01:30", "03:00", "03:30"]);
    }

    #[test]
    fn bad_series_are_refused_with_the_reason() {
        let mut none = series(&[], (9, 0), (15, 0));
        assert_eq!(series_times(&none), Err(SeriesProblem::NoDays));
        none.days = vec![NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()];
        none.every = Duration::minutes(30);
        assert_eq!(series_times(&none), Err(SeriesProblem::BadSpacing));
        let short = series(&[(2026, 11, 3)], (9, 0), (9, 30));
        assert_eq!(series_times(&short), Err(SeriesProblem::NothingFits));
        let days: Vec<(i32, u32, u32)> = (1..=28).map(|d| (2027, 2, d)).collect();
        let mut many = series(&days, (0, 0), (23, 59));
        many.length = Duration::minutes(10);
        many.every = Duration::minutes(10);
        assert_eq!(series_times(&many), Err(SeriesProblem::TooMany));
    }
}
