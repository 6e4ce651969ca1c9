//! A business's interview as a calendar appointment, for the one calendar
//! writer (`mail::calendar`). The UID is the business's, not the slot's, so
//! moving the interview to another slot updates the entry in the business's
//! calendar instead of adding a second one.

use url::Url;

use crate::entities::{business, interview_slot};
use crate::mail::calendar::{Appointment, State};
use crate::web::Lang;

pub fn uid(business: &business::Model) -> String {
    format!("interview-{}@innspill", business.id)
}

/// Where: the place, or the video link when there is no place.
pub fn location(slot: &interview_slot::Model) -> Option<String> {
    slot.location
        .clone()
        .filter(|place| !place.trim().is_empty())
        .or_else(|| slot.online_url.clone())
}

pub fn appointment(
    lang: Lang,
    programme: &str,
    business: &business::Model,
    slot: &interview_slot::Model,
    page: &Url,
    cancelled: bool,
) -> Appointment {
    let mut description = lang.tr(
        "interviews.calendar.description",
        &[("programme", programme), ("business", &business.name)],
    );
    if let Some(online) = &slot.online_url {
        description.push_str("\n\n");
        description.push_str(online);
    }
    description.push_str("\n\n");
    description.push_str(page.as_str());
    Appointment {
        uid: uid(business),
        sequence: u32::try_from(business.calendar_sequence).unwrap_or(0),
        summary: lang.tr(
            "interviews.calendar.summary",
            &[("programme", programme), ("business", &business.name)],
        ),
        description,
        starts_at: slot.starts_at,
        ends_at: slot.ends_at,
        location: location(slot),
        page: page.clone(),
        state: if cancelled {
            State::Cancelled
        } else {
            State::Confirmed
        },
    }
}
