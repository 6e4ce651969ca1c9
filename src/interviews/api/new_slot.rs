//! The body of `POST /api/v1/interview-slots` and its check into the
//! service's times and place, with a message for each field that is wrong.

use std::borrow::Cow;

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{ValidationError, ValidationErrors};

use crate::interviews::service::Place;

/// A longer slot is a typo (a day instead of an hour), not an interview.
pub const MAX_LENGTH: Duration = Duration::hours(8);
pub const LOCATION_MAX: usize = 200;
pub const URL_MAX: usize = 500;

/// One slot to offer. Times are RFC 3339 with an offset; they are stored
/// and returned in UTC. Give a place, a video link, or both.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSlot {
    /// In the future.
    #[schema(required = true, value_type = DateTime<Utc>, example = "2026-03-02T09:00:00+01:00")]
    pub starts_at: Option<String>,
    /// After the start, and at most 8 hours after it.
    #[schema(required = true, value_type = DateTime<Utc>, example = "2026-03-02T09:45:00+01:00")]
    pub ends_at: Option<String>,
    /// Where to meet: up to 200 characters, no control characters.
    #[schema(value_type = String, example = "Rådhuset, møterom 2")]
    pub location: Option<String>,
    /// The video meeting's `https://` link, up to 500 characters.
    #[schema(value_type = String, example = "https://meet.example.no/intervju")]
    pub online_url: Option<String>,
    /// An active admin's or facilitator's user id: who holds the interview.
    #[schema(value_type = Uuid)]
    pub facilitator_id: Option<Uuid>,
}

/// A checked slot.
pub struct CheckedSlot {
    pub times: (DateTime<Utc>, DateTime<Utc>),
    pub place: Place,
}

fn refuse(errors: &mut ValidationErrors, field: &'static str, key: &'static str) {
    errors.add(
        field,
        ValidationError::new("invalid").with_message(Cow::Borrowed(key)),
    );
}

/// A value trimmed, None when missing or blank.
fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn time(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: &Option<String>,
) -> Option<DateTime<Utc>> {
    let Some(value) = text(value) else {
        refuse(errors, field, "api.error_required");
        return None;
    };
    match DateTime::parse_from_rfc3339(value) {
        Ok(time) => Some(time.with_timezone(&Utc)),
        Err(_) => {
            refuse(errors, field, "interviews.api.error_time");
            None
        }
    }
}

impl NewSlot {
    /// The times and place, or a message per field; `now` decides what is past.
    pub fn check(&self, now: DateTime<Utc>) -> Result<CheckedSlot, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let starts_at = time(&mut errors, "starts_at", &self.starts_at);
        let ends_at = time(&mut errors, "ends_at", &self.ends_at);
        if let Some(start) = starts_at
            && start <= now
        {
            refuse(&mut errors, "starts_at", "interviews.api.error_past");
        }
        if let (Some(start), Some(end)) = (starts_at, ends_at) {
            if end <= start {
                refuse(&mut errors, "ends_at", "interviews.api.error_order");
            } else if end - start > MAX_LENGTH {
                refuse(&mut errors, "ends_at", "interviews.api.error_length");
            }
        }
        let location = text(&self.location);
        if location
            .is_some_and(|l| l.chars().count() > LOCATION_MAX || l.chars().any(char::is_control))
        {
            refuse(&mut errors, "location", "interviews.api.error_location");
        }
        let online_url = text(&self.online_url);
        if online_url.is_some_and(|u| !is_meeting_link(u)) {
            refuse(&mut errors, "online_url", "interviews.api.error_url");
        }
        if location.is_none() && online_url.is_none() {
            refuse(&mut errors, "location", "interviews.api.error_place");
        }
        match (starts_at, ends_at) {
            (Some(start), Some(end)) if errors.is_empty() => Ok(CheckedSlot {
                times: (start, end),
                place: Place {
                    location: location.map(str::to_owned),
                    online_url: online_url.map(str::to_owned),
                    facilitator_id: self.facilitator_id,
                },
            }),
            _ => Err(errors),
        }
    }
}

/// An absolute `https://` link with a host, short enough to store.
fn is_meeting_link(value: &str) -> bool {
    value.len() <= URL_MAX
        && url::Url::parse(value).is_ok_and(|url| url.scheme() == "https" && url.host().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(start: &str, end: &str, location: Option<&str>, url: Option<&str>) -> NewSlot {
        NewSlot {
            starts_at: Some(start.into()),
            ends_at: Some(end.into()),
            location: location.map(Into::into),
            online_url: url.map(Into::into),
            facilitator_id: None,
        }
    }

    fn fields(result: Result<CheckedSlot, ValidationErrors>) -> Vec<String> {
        let mut fields: Vec<String> = result
            .err()
            .map(|errors| {
                errors
                    .field_errors()
                    .keys()
                    .map(|k| k.to_string())
                    .collect()
            })
            .unwrap_or_default();
        fields.sort();
        fields
    }

    #[test]
    fn a_good_slot_is_read_in_utc_and_each_fault_names_its_field() {
        let now = "2026-01-01T00:00:00Z".parse().unwrap();
        let good = slot(
            "2026-03-02T09:00:00+01:00",
            "2026-03-02T09:45:00+01:00",
            Some(" Rådhuset "),
            None,
        )
        .check(now)
        .unwrap();
        assert_eq!(good.times.0.to_rfc3339(), "2026-03-02T08:00:00+00:00");
        assert_eq!(good.place.location.as_deref(), Some("Rådhuset"));

        let check = |s: NewSlot| fields(s.check(now));
        let (a, b) = ("2026-03-02T09:00:00+01:00", "2026-03-02T09:45:00+01:00");
        assert_eq!(
            check(slot(
                "2025-12-31T09:00:00Z",
                "2025-12-31T10:00:00Z",
                Some("x"),
                None
            )),
            ["starts_at"]
        );
        assert_eq!(check(slot(b, a, Some("x"), None)), ["ends_at"]);
        assert_eq!(
            check(slot(a, "2026-03-02T20:00:00+01:00", Some("x"), None)),
            ["ends_at"]
        );
        assert_eq!(check(slot("i morgen", a, Some("x"), None)), ["starts_at"]);
        assert_eq!(check(slot(a, b, None, None)), ["location"]);
        assert_eq!(check(slot(a, b, Some("a\u{1b}b"), None)), ["location"]);
        assert_eq!(
            check(slot(a, b, None, Some("http://meet.example.no"))),
            ["online_url"]
        );
        assert!(check(slot(a, b, None, Some("https://meet.example.no/x"))).is_empty());
        let missing = NewSlot {
            starts_at: None,
            ends_at: None,
            location: None,
            online_url: None,
            facilitator_id: None,
        };
        assert_eq!(
            fields(missing.check(now)),
            ["ends_at", "location", "starts_at"]
        );
    }
}
