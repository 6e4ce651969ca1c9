//! The five criteria the project group scores each theme on: the programme's
//! three development indicators, feasibility and local advantage.

use serde::Serialize;

/// One criterion, scored 1 (low) to 5 (high). The order of `ALL` is the order
/// of the form, the tables, the stored scores and every `[_; 5]` in this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Arbeidsplasser.
    Jobs,
    /// Robusthet.
    Robustness,
    /// Utviklingsevne.
    Development,
    /// Gjennomførbarhet.
    Feasibility,
    /// Lokalt konkurransefortrinn.
    Advantage,
}

impl Criterion {
    pub const ALL: [Criterion; 5] = [
        Criterion::Jobs,
        Criterion::Robustness,
        Criterion::Development,
        Criterion::Feasibility,
        Criterion::Advantage,
    ];

    /// The stable code: the form field, the API value and the serde name.
    pub fn code(self) -> &'static str {
        match self {
            Criterion::Jobs => "jobs",
            Criterion::Robustness => "robustness",
            Criterion::Development => "development",
            Criterion::Feasibility => "feasibility",
            Criterion::Advantage => "advantage",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The locale key of the criterion's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Criterion::Jobs => "assessment.criterion.jobs",
            Criterion::Robustness => "assessment.criterion.robustness",
            Criterion::Development => "assessment.criterion.development",
            Criterion::Feasibility => "assessment.criterion.feasibility",
            Criterion::Advantage => "assessment.criterion.advantage",
        }
    }

    /// The locale key of the line saying what a 1 and a 5 mean.
    pub fn help_key(self) -> &'static str {
        match self {
            Criterion::Jobs => "assessment.help.jobs",
            Criterion::Robustness => "assessment.help.robustness",
            Criterion::Development => "assessment.help.development",
            Criterion::Feasibility => "assessment.help.feasibility",
            Criterion::Advantage => "assessment.help.advantage",
        }
    }

    /// Position in `ALL`, the index into every score array.
    pub fn index(self) -> usize {
        match self {
            Criterion::Jobs => 0,
            Criterion::Robustness => 1,
            Criterion::Development => 2,
            Criterion::Feasibility => 3,
            Criterion::Advantage => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_back_and_index_follows_all() {
        for (index, criterion) in Criterion::ALL.into_iter().enumerate() {
            assert_eq!(Criterion::parse(criterion.code()), Some(criterion));
            assert_eq!(criterion.index(), index);
        }
        assert_eq!(Criterion::parse("Jobs"), None);
        assert_eq!(Criterion::parse(""), None);
    }

    #[test]
    fn serialises_as_its_code() {
        for criterion in Criterion::ALL {
            let json = serde_json::to_string(&criterion).unwrap();
            assert_eq!(json, format!("\"{}\"", criterion.code()));
        }
    }
}
