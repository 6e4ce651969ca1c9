//! Handlers of the event pages.

pub mod admin;
pub mod checkin;
pub mod participants;
pub mod public;
pub mod report;
pub mod results;
pub mod tables;

use crate::AppState;
use crate::events::service::MailContext;
use crate::settings::service::Programme;

/// Where event mails link to and who sends them; None when the site does
/// not know its own address (then no mail can carry a working link).
pub fn mail_context(state: &AppState, programme: &Programme) -> Option<MailContext> {
    let origin = crate::mail::origin::origin(state, programme)?;
    Some(MailContext {
        site: origin.site,
        programme: origin.programme,
        organizer: origin.organizer,
    })
}
