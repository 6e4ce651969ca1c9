//! Calendar files (RFC 5545) for events: the invitation mailed to a
//! participant (METHOD:REQUEST, or CANCEL when the event is called off), the
//! public file of one event and the feed of all of them (METHOD:PUBLISH).
//!
//! Times are written in UTC (`DTSTART:20261025T080000Z`), which RFC 5545
//! allows and every calendar program shows in the reader's own time zone; it
//! needs no VTIMEZONE, so a daylight-saving change between the sign-up and the
//! event cannot be described wrongly. The UID is the event's, so an updated
//! or cancelling invitation replaces the first one; SEQUENCE says which is
//! newer.

use chrono::{DateTime, Utc};
use icalendar::{
    Calendar, CalendarDateTime, Component, Event as IcsEvent, EventLike, EventStatus, Property,
};
use url::Url;

use crate::entities::event::{self, Status};

/// Who organises the events: the programme, with the address replies go to.
#[derive(Clone, Debug)]
pub struct Organizer {
    pub name: String,
    pub email: String,
}

/// The person an invitation is for.
#[derive(Clone, Debug)]
pub struct Attendee {
    pub name: Option<String>,
    pub email: String,
}

/// The event's UID in every file about it.
pub fn uid(event: &event::Model) -> String {
    format!("{}@innspill", event.id)
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
    let cancelled = event.status == Status::Cancelled;
    let mut entry = base_event(event, page, now);
    entry.append_property(organizer_property(organizer));
    let mut who = Property::new("ATTENDEE", format!("mailto:{}", attendee.email));
    if let Some(name) = &attendee.name {
        who.add_parameter("CN", name);
    }
    who.add_parameter("ROLE", "REQ-PARTICIPANT");
    who.add_parameter("PARTSTAT", if cancelled { "DECLINED" } else { "ACCEPTED" });
    who.add_parameter("RSVP", "FALSE");
    entry.append_multi_property(who.done());
    calendar(if cancelled { "CANCEL" } else { "REQUEST" }, [entry.done()])
}

/// The public file of published events (one, or the feed of them all).
pub fn published<'a>(
    events: impl IntoIterator<Item = (&'a event::Model, Url)>,
    name: &str,
    now: DateTime<Utc>,
) -> String {
    let entries: Vec<IcsEvent> = events
        .into_iter()
        .map(|(event, page)| base_event(event, &page, now).done())
        .collect();
    let mut calendar_text = calendar("PUBLISH", entries);
    // X-WR-CALNAME names a subscribed feed in Apple, Google and Outlook.
    let name_line = format!("X-WR-CALNAME:{}\r\n", escape(name));
    if let Some(at) = calendar_text
        .find("BEGIN:VEVENT")
        .or(calendar_text.find("END:VCALENDAR"))
    {
        calendar_text.insert_str(at, &name_line);
    }
    calendar_text
}

fn base_event(event: &event::Model, page: &Url, now: DateTime<Utc>) -> IcsEvent {
    let mut entry = IcsEvent::new();
    entry
        .uid(&uid(event))
        .timestamp(now)
        .sequence(u32::try_from(event.sequence).unwrap_or(0))
        .summary(&event.title)
        .description(&describe(event, page))
        .starts(CalendarDateTime::Utc(event.starts_at))
        .ends(CalendarDateTime::Utc(event.ends_at))
        .url(page.as_str())
        .status(match event.status {
            Status::Cancelled => EventStatus::Cancelled,
            Status::Draft => EventStatus::Tentative,
            Status::Published => EventStatus::Confirmed,
        });
    if let Some(location) = location(event) {
        entry.location(&location);
    }
    entry
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

fn organizer_property(organizer: &Organizer) -> Property {
    let mut property = Property::new("ORGANIZER", format!("mailto:{}", organizer.email));
    property.add_parameter("CN", &organizer.name);
    property.done()
}

fn calendar(method: &str, events: impl IntoIterator<Item = IcsEvent>) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//innspill//events//NO"));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("METHOD", method));
    for entry in events {
        calendar.push(entry);
    }
    calendar.done().to_string()
}

/// TEXT escaping (RFC 5545 3.3.11) for the one line written by hand.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use icalendar::{Calendar, CalendarComponent, DatePerhapsTime};
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
