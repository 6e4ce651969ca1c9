//! Where mails link to and who sends them, for every feature that mails
//! people: the site's public address, the programme and the organiser named
//! in calendar invitations.

use url::Url;

use crate::AppState;
use crate::mail::calendar::Organizer;
use crate::settings::service::Programme;

#[derive(Clone, Debug)]
pub struct Origin {
    pub site: Url,
    pub programme: Programme,
    pub organizer: Organizer,
}

impl Origin {
    /// An absolute link to a path on the site.
    pub fn link(&self, path: &str) -> Url {
        self.site
            .join(path.trim_start_matches('/'))
            .unwrap_or_else(|_| self.site.clone())
    }
}

/// None when the site does not know its own address (then no mail can
/// carry a working link).
pub fn origin(state: &AppState, programme: &Programme) -> Option<Origin> {
    let site = state.settings.public_url.clone()?;
    let email = programme.contact_email.clone().unwrap_or_else(|| {
        // "Name <address>" or a bare address.
        let from = &state.settings.mail.from;
        from.rsplit_once('<')
            .map(|(_, rest)| rest.trim_end_matches('>').trim().to_owned())
            .unwrap_or_else(|| from.trim().to_owned())
    });
    Some(Origin {
        site,
        programme: programme.clone(),
        organizer: Organizer {
            name: programme.programme_name.clone(),
            email,
        },
    })
}
