//! Handlers of the event pages.

pub mod admin;
pub mod checkin;
pub mod participants;
pub mod public;
pub mod report;
pub mod results;
pub mod tables;

use crate::AppState;
use crate::events::ics::Organizer;
use crate::events::service::MailContext;
use crate::settings::service::Programme;

/// Where event mails link to and who sends them; None when the site does
/// not know its own address (then no mail can carry a working link).
pub fn mail_context(state: &AppState, programme: &Programme) -> Option<MailContext> {
    let site = state.settings.public_url.clone()?;
    let email = programme.contact_email.clone().unwrap_or_else(|| {
        // "Name <address>" or a bare address.
        let from = &state.settings.mail.from;
        from.rsplit_once('<')
            .map(|(_, rest)| rest.trim_end_matches('>').trim().to_owned())
            .unwrap_or_else(|| from.trim().to_owned())
    });
    Some(MailContext {
        site,
        programme: programme.clone(),
        organizer: Organizer {
            name: programme.programme_name.clone(),
            email,
        },
    })
}
