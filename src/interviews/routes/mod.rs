//! Handlers of the interview pages.

pub mod admin;
pub mod guide;
pub mod public;
pub mod record;
pub mod slots;

use crate::AppState;
use crate::interviews::service::MailContext;
use crate::settings::service::Programme;

/// Where interview mails link to and who sends them; None when the site
/// does not know its own address.
pub fn mail_context(state: &AppState, programme: &Programme) -> Option<MailContext> {
    crate::mail::origin::origin(state, programme)
}
