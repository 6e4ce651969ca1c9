//! Residents' ideas: the public form, the sender's private link, public
//! browsing with support, and moderation. Every idea is an `input` with
//! channel `idea`, so tagging, prioritisation and exports see it too.

pub mod admin_routes;
mod admin_views;
pub mod listing;
pub mod moderation;
pub mod public_routes;
mod public_views;
pub mod routes;
pub mod service;
pub mod support;
mod views;

use serde::{Deserialize, Serialize};

/// Who the sender is, as they describe themselves.
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

    /// The locale key of the group's name.
    pub fn label_key(self) -> String {
        format!("ideas.group.{}", self.code())
    }
}
