//! Calendar files (RFC 5545) for anything people are invited to: the
//! invitation mailed to one person (METHOD:REQUEST, or CANCEL when it is
//! called off) and the public file of one or more appointments
//! (METHOD:PUBLISH). Events and interviews describe themselves as an
//! [`Appointment`]; this is the only code that writes iCalendar.
//!
//! Times are written in UTC (`DTSTART:20261025T080000Z`), which RFC 5545
//! allows and every calendar program shows in the reader's own time zone; it
//! needs no VTIMEZONE, so a daylight-saving change between the invitation
//! and the day cannot be described wrongly. The UID stays the same for one
//! appointment, so an updated or cancelling invitation replaces the first
//! one; SEQUENCE says which is newer.

use chrono::{DateTime, Utc};
use icalendar::{
    Calendar, CalendarDateTime, Component, Event as IcsEvent, EventLike, EventStatus, Property,
};
use url::Url;

use super::Attachment;

/// Who invites: the programme, with the address replies go to.
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Confirmed,
    Tentative,
    Cancelled,
}

/// One thing in a calendar, as the feature describes it.
#[derive(Clone, Debug)]
pub struct Appointment {
    /// Stable for the appointment's life, unique across the site.
    pub uid: String,
    pub sequence: u32,
    pub summary: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: Option<String>,
    pub page: Url,
    pub state: State,
}

/// The invitation for one person; a cancelled appointment gives the
/// cancellation that removes it from their calendar.
pub fn invitation(
    appointment: &Appointment,
    organizer: &Organizer,
    attendee: &Attendee,
    now: DateTime<Utc>,
) -> String {
    let cancelled = appointment.state == State::Cancelled;
    let mut entry = entry(appointment, now);
    let mut by = Property::new("ORGANIZER", format!("mailto:{}", organizer.email));
    by.add_parameter("CN", &organizer.name);
    entry.append_property(by.done());
    let mut who = Property::new("ATTENDEE", format!("mailto:{}", attendee.email));
    if let Some(name) = &attendee.name {
        who.add_parameter("CN", name);
    }
    who.add_parameter("ROLE", "REQ-PARTICIPANT");
    who.add_parameter("PARTSTAT", if cancelled { "DECLINED" } else { "ACCEPTED" });
    who.add_parameter("RSVP", "FALSE");
    entry.append_multi_property(who.done());
    calendar(method(appointment), [entry.done()])
}

/// The invitation as a mail attachment, typed with its method so mail
/// programs offer to add, update or remove it.
pub fn attachment(
    appointment: &Appointment,
    organizer: &Organizer,
    attendee: &Attendee,
    now: DateTime<Utc>,
) -> Attachment {
    let text = invitation(appointment, organizer, attendee, now);
    // The name and type are fixed and valid; a failure here is a bug.
    Attachment::new(
        "invitasjon.ics",
        &format!(
            "text/calendar; method={}; charset=UTF-8",
            method(appointment)
        ),
        text,
    )
    .unwrap_or_else(|err| unreachable!("the invitation's name and type are fixed: {err}"))
}

fn method(appointment: &Appointment) -> &'static str {
    if appointment.state == State::Cancelled {
        "CANCEL"
    } else {
        "REQUEST"
    }
}

/// A public file of appointments (one, or a feed), named for subscribers.
pub fn published<'a>(
    appointments: impl IntoIterator<Item = &'a Appointment>,
    name: &str,
    now: DateTime<Utc>,
) -> String {
    let entries: Vec<IcsEvent> = appointments
        .into_iter()
        .map(|appointment| entry(appointment, now).done())
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

fn entry(appointment: &Appointment, now: DateTime<Utc>) -> IcsEvent {
    let mut entry = IcsEvent::new();
    entry
        .uid(&appointment.uid)
        .timestamp(now)
        .sequence(appointment.sequence)
        .summary(&appointment.summary)
        .description(&appointment.description)
        .starts(CalendarDateTime::Utc(appointment.starts_at))
        .ends(CalendarDateTime::Utc(appointment.ends_at))
        .url(appointment.page.as_str())
        .status(match appointment.state {
            State::Cancelled => EventStatus::Cancelled,
            State::Tentative => EventStatus::Tentative,
            State::Confirmed => EventStatus::Confirmed,
        });
    if let Some(location) = &appointment.location {
        entry.location(location);
    }
    entry
}

fn calendar(method: &str, events: impl IntoIterator<Item = IcsEvent>) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//innspill//innspill//NO"));
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
