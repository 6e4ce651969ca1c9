//! The people of one event as facilitators work with them at the door: the
//! list in alphabetical order with a name search, the counts, and checking
//! in (and undoing it).

use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::entities::event_signup::Status;
use crate::error::AppError;
use crate::events::service::{self, MailContext, Participant};

/// The name a participant goes by; None once erased.
pub fn name_of(participant: &Participant) -> Option<&str> {
    participant
        .contact
        .as_ref()
        .and_then(|contact| contact.name.as_deref())
}

pub fn organisation_of(participant: &Participant) -> Option<&str> {
    participant
        .contact
        .as_ref()
        .and_then(|contact| contact.organisation.as_deref())
        .filter(|organisation| !organisation.trim().is_empty())
}

/// A key that sorts names as a Norwegian reader expects: case does not
/// matter, and æ, ø and å come after z in that order (Unicode puts å first).
pub fn sort_key(name: &str) -> Vec<u32> {
    name.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => u32::from('z') + 1,
            'ø' | 'ö' => u32::from('z') + 2,
            'å' => u32::from('z') + 3,
            'é' | 'è' | 'ê' => u32::from('e'),
            'ü' => u32::from('y'),
            other => u32::from(other),
        })
        .collect()
}

/// Sorts by name; those without one (erased) last, then in sign-up order.
fn sort_by_name(participants: &mut [Participant]) {
    participants.sort_by_cached_key(|participant| {
        (
            name_of(participant).is_none(),
            name_of(participant).map(sort_key).unwrap_or_default(),
            participant.signup.created_at,
        )
    });
}

/// Whether the participant's name or organisation holds every word of the
/// search, in any case: "kari nord" finds "Kari Nordmann".
pub fn matches(participant: &Participant, query: &str) -> bool {
    let haystack = format!(
        "{} {}",
        name_of(participant).unwrap_or_default(),
        organisation_of(participant).unwrap_or_default()
    )
    .to_lowercase();
    query
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}

/// The door list: who has a seat and who waits, each by name, filtered by
/// the search; the counts are of the whole event, whatever the search.
#[derive(Debug)]
pub struct DoorList {
    /// Confirmed and checked in, by name.
    pub seated: Vec<Participant>,
    /// On the waitlist, by name.
    pub waiting: Vec<Participant>,
    /// How many have been checked in.
    pub attended: usize,
    /// How many hold a seat (confirmed or checked in).
    pub seats: usize,
}

impl DoorList {
    pub fn new(participants: Vec<Participant>, query: &str) -> Self {
        let attended = participants
            .iter()
            .filter(|p| p.signup.status == Status::Attended)
            .count();
        let seats = participants
            .iter()
            .filter(|p| p.signup.status.holds_seat())
            .count();
        let (mut seated, mut waiting): (Vec<_>, Vec<_>) = participants
            .into_iter()
            .filter(|p| p.signup.status != Status::Cancelled)
            .filter(|p| matches(p, query))
            .partition(|p| p.signup.status.holds_seat());
        sort_by_name(&mut seated);
        sort_by_name(&mut waiting);
        Self {
            seated,
            waiting,
            attended,
            seats,
        }
    }
}

/// What the button at the door does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoorAction {
    /// Marks the person as attended; someone waiting gets a seat by it.
    CheckIn,
    /// Takes a check-in back: the person keeps the seat.
    Undo,
}

impl DoorAction {
    pub fn code(self) -> &'static str {
        match self {
            DoorAction::CheckIn => "inn",
            DoorAction::Undo => "angre",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [DoorAction::CheckIn, DoorAction::Undo]
            .into_iter()
            .find(|action| action.code() == code)
    }
}

/// Checks someone in at the door, or takes it back. A button pressed twice
/// (two facilitators at one door, a double tap) changes nothing the second
/// time, and an undo never gives a seat to someone who has been cancelled
/// meanwhile. Returns whether anything changed.
pub async fn check_in(
    db: &DatabaseConnection,
    event_id: Uuid,
    signup_id: Uuid,
    action: DoorAction,
    by: Uuid,
    mail_context: Option<&MailContext>,
) -> Result<bool, AppError> {
    let signup = service::find_signup(db, signup_id).await?;
    if signup.event_id != event_id {
        return Err(AppError::NotFound);
    }
    let target = match (action, signup.status) {
        (DoorAction::CheckIn, Status::Confirmed | Status::Waitlisted) => Status::Attended,
        (DoorAction::Undo, Status::Attended) => Status::Confirmed,
        _ => return Ok(false),
    };
    service::set_status_by_staff(db, signup_id, target, by, mail_context).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_the_norwegian_way() {
        let mut names = vec!["Øyvind", "åse", "Ærlig", "Zara", "anne", "Bjørn"];
        names.sort_by_key(|name| sort_key(name));
        assert_eq!(names, ["anne", "Bjørn", "Zara", "Ærlig", "Øyvind", "åse"]);
    }

    #[test]
    fn door_actions_have_codes_that_parse_back() {
        for action in [DoorAction::CheckIn, DoorAction::Undo] {
            assert_eq!(DoorAction::parse(action.code()), Some(action));
        }
        assert_eq!(DoorAction::parse("attended"), None);
    }
}
