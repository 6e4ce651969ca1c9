//! What every channel shares: the input record (channel, status, who sent
//! it), its theme tags, moderation and merging, and row locks. Ideas,
//! workshop notes, survey answers and interview findings are all `inputs`
//! rows, so tagging, prioritisation and exports see them the same way.

pub mod export;
pub mod lock;
pub mod merge;
pub mod moderation;
pub mod queue;
pub mod search;
pub mod staff;
pub mod submit;
pub mod tags;

use serde::{Deserialize, Serialize};

pub use crate::entities::input::{Channel, Status};

/// Who the sender is, as they describe themselves. Every channel asks it,
/// and prioritisation counts the breadth of input across these groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StakeholderGroup {
    Resident,
    BusinessOwner,
    Employee,
    Youth,
    PublicEmployee,
    Other,
}

impl StakeholderGroup {
    pub const ALL: [StakeholderGroup; 6] = [
        StakeholderGroup::Resident,
        StakeholderGroup::BusinessOwner,
        StakeholderGroup::Employee,
        StakeholderGroup::Youth,
        StakeholderGroup::PublicEmployee,
        StakeholderGroup::Other,
    ];

    /// The code stored in `inputs.stakeholder_group` and used in URLs and forms.
    pub fn code(self) -> &'static str {
        match self {
            StakeholderGroup::Resident => "innbygger",
            StakeholderGroup::BusinessOwner => "naeringsdrivende",
            StakeholderGroup::Employee => "ansatt",
            StakeholderGroup::Youth => "ungdom",
            StakeholderGroup::PublicEmployee => "offentlig",
            StakeholderGroup::Other => "annet",
        }
    }

    pub fn parse(code: &str) -> Option<StakeholderGroup> {
        StakeholderGroup::ALL
            .into_iter()
            .find(|group| group.code() == code)
    }

    /// A stored code; a value no longer known reads as `Other`.
    pub fn from_stored(code: &str) -> StakeholderGroup {
        StakeholderGroup::parse(code).unwrap_or(StakeholderGroup::Other)
    }

    /// The locale key of the group's name.
    pub fn label_key(self) -> String {
        format!("inputs.group.{}", self.code())
    }
}

/// Statuses whose inputs still count as evidence: hidden, merged and
/// withdrawn ones are out, so nobody tags them or merges into them.
pub const LIVE: [Status; 2] = [Status::Pending, Status::Published];

/// Every status, in the order the moderation queue's tabs show them.
pub const STATUSES: [Status; 5] = [
    Status::Pending,
    Status::Published,
    Status::Hidden,
    Status::Merged,
    Status::Withdrawn,
];

/// The code a status is stored and linked as.
pub fn status_code(status: Status) -> &'static str {
    match status {
        Status::Pending => "pending",
        Status::Published => "published",
        Status::Hidden => "hidden",
        Status::Merged => "merged",
        Status::Withdrawn => "withdrawn",
    }
}

pub fn parse_status(code: &str) -> Option<Status> {
    STATUSES
        .into_iter()
        .find(|status| status_code(*status) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_and_status_codes_round_trip() {
        for group in StakeholderGroup::ALL {
            assert_eq!(StakeholderGroup::parse(group.code()), Some(group));
        }
        assert_eq!(
            StakeholderGroup::from_stored("gone"),
            StakeholderGroup::Other
        );
        for status in STATUSES {
            assert_eq!(parse_status(status_code(status)), Some(status));
        }
        assert_eq!(parse_status("alle"), None);
    }
}
