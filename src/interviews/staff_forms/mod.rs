//! Staff interview forms: slots, series, guide questions and the record, as
//! sent, and their checks into the service's values. Times are typed in
//! Norwegian local time and stored in UTC.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use uuid::Uuid;

use crate::entities::user;
use crate::interviews::service::Place;
use crate::web::PageContext;
use crate::web::forms::FormErrors;

mod record;
mod slots;

pub use record::*;
pub use slots::*;

/// A slot's start and end.
pub use crate::interviews::service::Span as Times;

/// A Norwegian wall-clock time as a moment: in the hour repeated when summer
/// time ends, the first; a time skipped when it begins is none.
fn oslo_moment(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    Oslo.from_local_datetime(&local)
        .earliest()
        .map(|moment| moment.with_timezone(&Utc))
}

fn local(moment: DateTime<Utc>) -> NaiveDateTime {
    moment.with_timezone(&Oslo).naive_local()
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.replace("\r\n", "\n"))
}

fn parse_time(value: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M").ok()
}

/// A date as a date input sends it, or as people write it (31.03.2027).
fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%d.%m.%Y"))
        .ok()
}

/// Minutes between 5 and 8 hours: shorter or longer is a typo.
fn parse_minutes(value: &str) -> Option<Duration> {
    match value.trim().parse::<i64>() {
        Ok(minutes) if (5..=480).contains(&minutes) => Some(Duration::minutes(minutes)),
        _ => None,
    }
}

/// Where and with whom, as typed: shared by one slot and a series.
fn check_place(
    ctx: &PageContext,
    location: &str,
    online_url: &str,
    facilitator: &str,
    staff: &[user::Model],
    errors: &mut FormErrors,
) -> Place {
    let location = non_empty(location);
    if location.as_ref().is_some_and(|l| l.chars().count() > 300) {
        errors.add("location", ctx.t("interviews.admin.validation.location"));
    }
    let online_url = non_empty(online_url);
    if let Some(link) = &online_url
        && url::Url::parse(link)
            .map(|u| u.scheme() != "https")
            .unwrap_or(true)
    {
        errors.add("online_url", ctx.t("validation.https_url"));
    }
    let facilitator_id = match facilitator.trim() {
        "" => None,
        id => {
            let found = Uuid::parse_str(id)
                .ok()
                .filter(|id| staff.iter().any(|user| user.id == *id));
            if found.is_none() {
                errors.add(
                    "facilitator",
                    ctx.t("interviews.admin.validation.facilitator"),
                );
            }
            found
        }
    };
    Place {
        location,
        online_url,
        facilitator_id,
    }
}
