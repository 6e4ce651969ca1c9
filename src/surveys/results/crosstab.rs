//! A choice question by stakeholder group: per group, how many picked each
//! option, and that as a share of the group's answers to the question.

use std::collections::HashMap;

use serde::Serialize;

use super::ratio;
use crate::surveys::model::{Answer, OTHER, Question};
use crate::surveys::service::responses::StoredResponse;

/// A column of the cross-tabulation: an option (or "other").
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CrossColumn {
    pub code: String,
    pub label: String,
}

/// A row: one stakeholder group (`None`: responses without one).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CrossRow {
    pub group: Option<String>,
    /// How many of the group answered the question.
    pub n: u64,
    /// Count per column, in column order.
    pub counts: Vec<u64>,
    /// Count per column of `n`.
    pub shares: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CrossTab {
    pub code: String,
    pub prompt: String,
    pub columns: Vec<CrossColumn>,
    pub rows: Vec<CrossRow>,
}

/// The cross-tabulation of `question` (single or multiple choice) by group,
/// groups in `StakeholderGroup` order, responses without a group last;
/// groups nobody of answered the question are left out. Hidden options
/// show only if someone picked them.
pub fn cross_tab(question: &Question, responses: &[StoredResponse]) -> CrossTab {
    let mut columns: Vec<CrossColumn> = question
        .options
        .iter()
        .map(|choice| CrossColumn {
            code: choice.code.clone(),
            label: choice.label.clone(),
        })
        .collect();
    if question.allow_other {
        columns.push(CrossColumn {
            code: OTHER.into(),
            label: OTHER.into(),
        });
    }
    let mut rows: Vec<CrossRow> = Vec::new();
    let mut by_group: HashMap<Option<&str>, usize> = HashMap::new();
    for response in responses {
        let Some(answer) = response.answers.get(&question.id) else {
            continue;
        };
        let picked: Vec<&str> = match answer {
            Answer::Choice { code, .. } => vec![code.as_str()],
            Answer::Choices { codes, other } => codes
                .iter()
                .map(String::as_str)
                .chain(other.as_ref().map(|_| OTHER))
                .collect(),
            _ => continue,
        };
        let group = response.stakeholder_group.as_deref();
        let row = *by_group.entry(group).or_insert_with(|| {
            rows.push(CrossRow {
                group: group.map(str::to_owned),
                n: 0,
                counts: vec![0; columns.len()],
                shares: Vec::new(),
            });
            rows.len() - 1
        });
        rows[row].n += 1;
        for code in picked {
            let column = match columns.iter().position(|c| c.code == code) {
                Some(i) => i,
                None => {
                    columns.push(CrossColumn {
                        code: code.to_owned(),
                        label: code.to_owned(),
                    });
                    for row in &mut rows {
                        row.counts.push(0);
                    }
                    columns.len() - 1
                }
            };
            rows[row].counts[column] += 1;
        }
    }
    // Hidden options nobody picked are left out.
    let keep: Vec<bool> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let hidden = question
                .options
                .iter()
                .any(|c| c.code == column.code && c.hidden);
            !hidden || rows.iter().any(|row| row.counts[i] > 0)
        })
        .collect();
    let columns = columns
        .into_iter()
        .zip(&keep)
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect();
    for row in &mut rows {
        row.counts = row
            .counts
            .iter()
            .zip(&keep)
            .filter_map(|(n, keep)| keep.then_some(*n))
            .collect();
        row.shares = row.counts.iter().map(|n| ratio(*n, row.n)).collect();
    }
    let order = |group: &Option<String>| {
        group.as_deref().map_or(usize::MAX, |code| {
            crate::inputs::StakeholderGroup::ALL
                .iter()
                .position(|g| g.code() == code)
                .unwrap_or(usize::MAX - 1)
        })
    };
    rows.sort_by_key(|row| order(&row.group));
    CrossTab {
        code: question.code.clone(),
        prompt: question.prompt.clone(),
        columns,
        rows,
    }
}
