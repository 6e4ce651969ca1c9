//! Events in calendars: an event described as an appointment for the one
//! calendar writer (`mail::calendar`): the invitation mailed to a
//! participant, the public file of one event and the feed of all of them.
//! The UID is the event's, so an updated or cancelling invitation replaces
//! the first one.

use chrono::{DateTime, Utc};
use url::Url;

use crate::entities::event::{self, Status};
use crate::mail::calendar::{self, Appointment, State};

pub use crate::mail::calendar::{Attendee, Organizer};

/// The event's UID in every file about it.
pub fn uid(event: &event::Model) -> String {
    format!("{}@innspill", event.id)
}

/// The event as the calendar code describes appointments.
pub fn appointment(event: &event::Model, page: &Url) -> Appointment {
    Appointment {
        uid: uid(event),
        sequence: u32::try_from(event.sequence).unwrap_or(0),
        summary: event.title.clone(),
        description: describe(event, page),
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        location: location(event),
        page: page.clone(),
        state: match event.status {
            Status::Cancelled => State::Cancelled,
            Status::Draft => State::Tentative,
            Status::Published => State::Confirmed,
        },
    }
}

/// The invitation for one participant; a cancelled event gives the
/// cancellation that removes it from their calendar.
pub fn invitation(
    event: &event::Model,
    page: &Url,
    organizer: &Organizer,
    attendee: &Attendee,
    now: DateTime<Utc>,
) -> String {
    calendar::invitation(&appointment(event, page), organizer, attendee, now)
}

/// The public file of published events (one, or the feed of them all).
pub fn published<'a>(
    events: impl IntoIterator<Item = (&'a event::Model, Url)>,
    name: &str,
    now: DateTime<Utc>,
) -> String {
    let appointments: Vec<Appointment> = events
        .into_iter()
        .map(|(event, page)| appointment(event, &page))
        .collect();
    calendar::published(&appointments, name, now)
}

/// Where: the place, or the online link when there is no place.
pub fn location(event: &event::Model) -> Option<String> {
    event
        .location
        .clone()
        .filter(|place| !place.trim().is_empty())
        .or_else(|| event.online_url.clone())
}

fn describe(event: &event::Model, page: &Url) -> String {
    let mut text = event.description.trim().to_owned();
    if let Some(online) = &event.online_url {
        text.push_str("\n\n");
        text.push_str(online);
    }
    text.push_str("\n\n");
    text.push_str(page.as_str());
    text
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use icalendar::{
        Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime,
        Event as IcsEvent, EventLike, EventStatus,
    };
    use uuid::Uuid;

    use super::*;
    use crate::entities::event::Kind;

    fn event(status: Status) -> event::Model {
        // 25 October 2026, the Sunday summer time ends: 10:00–12:00 in Oslo
        // is 09:00–11:00 UTC (CET, +01:00), not 08:00.
        let oslo = chrono_tz::Europe::Oslo;
        let start = oslo
            .with_ymd_and_hms(2026, 10, 25, 10, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        event::Model {
            id: Uuid::nil(),
            kind: Kind::Workshop,
            title: "Verksted: Reiseliv, sjømat; og kultur".to_owned(),
            description: "Vi jobber i grupper.\nTa med ideer!".to_owned(),
            location: Some("Kulturhuset, sal 2".to_owned()),
            online_url: None,
            starts_at: start,
            ends_at: start + chrono::Duration::hours(2),
            capacity: Some(20),
            signup_deadline: None,
            waitlist: true,
            ask_diet: false,
            ask_accessibility: false,
            ask_organisation: false,
            status,
            sequence: 2,
            created_at: start,
            updated_at: start,
        }
    }

    fn parse(text: &str) -> Calendar {
        text.parse::<Calendar>()
            .expect("the file parses as iCalendar")
    }

    fn only_event(calendar: &Calendar) -> &IcsEvent {
        calendar
            .components
            .iter()
            .find_map(|component| match component {
                CalendarComponent::Event(event) => Some(event),
                _ => None,
            })
            .expect("one VEVENT")
    }

    #[test]
    fn an_invitation_parses_back_with_its_fields_and_utc_times() {
        let page = Url::parse("https://innspill.example.no/arrangementer/x").unwrap();
        let organizer = Organizer {
            name: "Omstilling Vefsn".into(),
            email: "post@vefsn.no".into(),
        };
        let attendee = Attendee {
            name: Some("Kari Nordmann".into()),
            email: "kari@example.no".into(),
        };
        let text = invitation(
            &event(Status::Published),
            &page,
            &organizer,
            &attendee,
            Utc::now(),
        );
        assert!(text.contains("\r\n"), "CRLF line ends");
        let calendar = parse(&text);
        assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
        let entry = only_event(&calendar);
        assert_eq!(
            entry.get_uid(),
            Some("00000000-0000-0000-0000-000000000000@innspill")
        );
        assert_eq!(entry.get_sequence(), Some(2));
        assert_eq!(
            entry.get_summary(),
            Some("Verksted: Reiseliv, sjømat; og kultur")
        );
        assert_eq!(entry.get_location(), Some("Kulturhuset, sal 2"));
        assert_eq!(entry.get_url(), Some(page.as_str()));
        assert!(entry.get_timestamp().is_some(), "DTSTAMP");
        let expected = Utc.with_ymd_and_hms(2026, 10, 25, 9, 0, 0).unwrap();
        assert_eq!(
            entry.get_start(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(expected)))
        );
        assert_eq!(
            entry.get_end(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
                expected + chrono::Duration::hours(2)
            )))
        );
        assert_eq!(entry.get_status(), Some(EventStatus::Confirmed));
        assert!(
            entry
                .property_value("ORGANIZER")
                .is_some_and(|v| v.contains("post@vefsn.no"))
        );
        let attendees = entry.get_attendees();
        assert_eq!(attendees.len(), 1);
    }

    #[test]
    fn a_cancelled_event_gives_a_cancelling_invitation_with_the_same_uid() {
        let page = Url::parse("https://innspill.example.no/arrangementer/x").unwrap();
        let organizer = Organizer {
            name: "P".into(),
            email: "p@example.no".into(),
        };
        let attendee = Attendee {
            name: None,
            email: "a@example.no".into(),
        };
        let text = invitation(
            &event(Status::Cancelled),
            &page,
            &organizer,
            &attendee,
            Utc::now(),
        );
        let calendar = parse(&text);
        assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
        let entry = only_event(&calendar);
        assert_eq!(entry.get_status(), Some(EventStatus::Cancelled));
        assert_eq!(
            entry.get_uid(),
            Some(uid(&event(Status::Cancelled)).as_str())
        );
    }

    #[test]
    fn the_public_feed_holds_every_event_and_a_name() {
        let mut second = event(Status::Published);
        second.id = Uuid::from_u128(7);
        let page = Url::parse("https://innspill.example.no/arrangementer/x").unwrap();
        let first = event(Status::Published);
        let text = published(
            [(&first, page.clone()), (&second, page)],
            "Omstilling, Vefsn",
            Utc::now(),
        );
        let calendar = parse(&text);
        assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));
        assert_eq!(calendar.components.len(), 2);
        assert!(text.contains("X-WR-CALNAME:Omstilling\\, Vefsn\r\n"));
    }
}
