//! The options of a choice question as the editor changes them: codes stay
//! with their option for good, new options get a code made from their
//! label, and once a survey is locked an option is hidden, never removed.

use crate::inputs::StakeholderGroup;
use crate::interviews::{industry, size};
use crate::surveys::model::{Choice, OTHER, Role};
use crate::web::Lang;

/// Why a change to a survey was refused; nothing changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Deleting a question answers may refer to: hide it instead.
    QuestionInUse,
    /// A kind old answers cannot be read as (`Kind::compatible`).
    IncompatibleKind,
    /// Removing an option answers may refer to: hide it instead.
    OptionInUse,
    /// An option code the question does not have.
    UnknownOption,
    /// A choice question with no option a respondent could pick.
    NoOptions,
    /// A role on a question that is not single choice.
    RoleNeedsSingleChoice,
    /// Another question of the survey has the role already.
    RoleTaken,
    /// Deleting a section that still holds questions.
    SectionNotEmpty,
}

impl Refusal {
    /// The locale key of the message a page shows.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::QuestionInUse => "surveys.admin.refused.question_in_use",
            Refusal::IncompatibleKind => "surveys.admin.refused.incompatible_kind",
            Refusal::OptionInUse => "surveys.admin.refused.option_in_use",
            Refusal::UnknownOption => "surveys.admin.refused.unknown_option",
            Refusal::NoOptions => "surveys.admin.refused.no_options",
            Refusal::RoleNeedsSingleChoice => "surveys.admin.refused.role_single_choice",
            Refusal::RoleTaken => "surveys.admin.refused.role_taken",
            Refusal::SectionNotEmpty => "surveys.admin.refused.section_not_empty",
        }
    }
}

/// One option as the editor sends it: an existing one by its code, or a
/// new one (no code) by its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionEdit {
    pub code: Option<String>,
    pub label: String,
    pub hidden: bool,
}

impl OptionEdit {
    pub fn new(label: &str) -> OptionEdit {
        OptionEdit {
            code: None,
            label: label.to_owned(),
            hidden: false,
        }
    }
}

/// The question's options after the edit: existing codes keep their
/// option, an option left out is removed (refused once `locked`), new ones
/// get a fresh code unique within the question.
pub fn merge_options(
    old: &[Choice],
    edits: &[OptionEdit],
    locked: bool,
) -> Result<Vec<Choice>, Refusal> {
    let mut taken: Vec<String> = old.iter().map(|o| o.code.clone()).collect();
    let mut merged = Vec::with_capacity(edits.len());
    for edit in edits {
        let code = match &edit.code {
            Some(code) if old.iter().any(|o| &o.code == code) => code.clone(),
            Some(_) => return Err(Refusal::UnknownOption),
            None => {
                let code = code_for(&edit.label, &taken);
                taken.push(code.clone());
                code
            }
        };
        if merged.iter().any(|o: &Choice| o.code == code) {
            return Err(Refusal::UnknownOption);
        }
        merged.push(Choice {
            code,
            label: edit.label.clone(),
            hidden: edit.hidden,
        });
    }
    let removed = old.iter().any(|o| !merged.iter().any(|m| m.code == o.code));
    if locked && removed {
        return Err(Refusal::OptionInUse);
    }
    Ok(merged)
}

/// A code made from `label` (lower case ASCII letters, digits and `_`),
/// unique among `taken` and never `other`.
pub fn code_for(label: &str, taken: &[String]) -> String {
    let mut base = String::new();
    for c in label.trim().to_lowercase().chars() {
        let part = match c {
            'æ' => "ae",
            'ø' => "o",
            'å' => "a",
            'é' | 'è' | 'ê' => "e",
            'ü' => "u",
            'ö' => "o",
            'ä' => "a",
            c if c.is_ascii_alphanumeric() => {
                base.push(c);
                continue;
            }
            _ => "_",
        };
        if part != "_" || !base.ends_with('_') {
            base.push_str(part);
        }
    }
    let mut base: String = base.trim_matches('_').chars().take(30).collect();
    base = base.trim_end_matches('_').to_owned();
    if base.is_empty() {
        base = "valg".to_owned();
    }
    let free = |code: &str| code != OTHER && !taken.iter().any(|t| t == code);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|code| free(code))
        .unwrap_or(base)
}

/// The options a question with `role` asks, with the codes the rest of the
/// platform reads: stakeholder groups, SN2025 sections, size bands, yes/no.
pub fn role_options(role: Role) -> Vec<Choice> {
    let choice = |code: String, label: String| Choice {
        code,
        label,
        hidden: false,
    };
    match role {
        Role::StakeholderGroup => StakeholderGroup::ALL
            .into_iter()
            .map(|g| choice(g.code().to_owned(), Lang::Nb.t(&g.label_key()).to_owned()))
            .collect(),
        Role::Industry => industry::SECTIONS
            .into_iter()
            .map(|letter| {
                let code = letter.to_string();
                let label = format!("{code} {}", Lang::Nb.t(&industry::label_key(&code)));
                choice(code, label)
            })
            .collect(),
        Role::Size => size::BANDS
            .into_iter()
            .map(|band| {
                let label = format!("{} ansatte", band.replace('-', "–"));
                choice(band.to_owned(), label)
            })
            .collect(),
        Role::InterviewInterest => vec![
            choice("ja".to_owned(), "Ja".to_owned()),
            choice("nei".to_owned(), "Nei".to_owned()),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(code: &str, label: &str) -> Choice {
        Choice {
            code: code.into(),
            label: label.into(),
            hidden: false,
        }
    }

    #[test]
    fn codes_come_from_labels_and_stay_unique() {
        let taken = vec!["ja".to_owned(), "other".to_owned()];
        assert_eq!(code_for("Ja", &taken), "ja_2");
        assert_eq!(code_for("Sjømat og blåbær!", &[]), "sjomat_og_blabaer");
        assert_eq!(code_for("Other", &[]), "other_2");
        assert_eq!(code_for("  ?? ", &[]), "valg");
    }

    #[test]
    fn existing_codes_keep_their_option_and_locked_options_are_not_removed() {
        let old = vec![opt("ja", "Ja"), opt("nei", "Nei")];
        let edits = vec![
            OptionEdit {
                code: Some("nei".into()),
                label: "Nei takk".into(),
                hidden: true,
            },
            OptionEdit::new("Ja"),
        ];
        assert_eq!(merge_options(&old, &edits, true), Err(Refusal::OptionInUse));
        let merged = merge_options(&old, &edits, false).unwrap();
        assert_eq!(merged[0].code, "nei");
        assert_eq!(merged[0].label, "Nei takk");
        assert_eq!(
            merged[1].code, "ja_2",
            "a removed code is not handed out in the same edit"
        );
        let forged = vec![OptionEdit {
            code: Some("kanskje".into()),
            label: "Kanskje".into(),
            hidden: false,
        }];
        assert_eq!(
            merge_options(&old, &forged, false),
            Err(Refusal::UnknownOption)
        );
    }
}
