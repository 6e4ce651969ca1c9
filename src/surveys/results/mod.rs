//! A survey's results: every response read once, in memory, into counts,
//! shares, means and distributions per question, the responses per day and
//! the count per stakeholder group. Pure code: the caller reads the survey,
//! the themes and the responses (`read`), so the same numbers serve the
//! results page, the API and the later prioritisation.

mod accumulate;
pub mod crosstab;
pub mod read;
mod scores;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::surveys::model::{Kind, Survey};
use crate::surveys::service::responses::StoredResponse;

pub use crosstab::{CrossTab, cross_tab};
pub use scores::{RankStats, ThemeScore, theme_scores};

/// How many free texts a text question or an "other" shows: the newest.
pub const TEXT_PAGE: usize = 20;

/// A theme as results name it: its id, its stable slug and its name in the
/// reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThemeRef {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    /// Inactive themes are listed only where answers name them.
    #[serde(skip)]
    pub active: bool,
}

/// Answers on a 1–5 scale: how many gave each point, and their mean.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Distribution {
    /// Answers at 1, 2, 3, 4 and 5.
    pub counts: [u64; 5],
    /// Answers in all.
    pub n: u64,
    pub mean: Option<f64>,
}

impl Distribution {
    pub(crate) fn add(&mut self, point: u8) {
        if let Some(slot) = usize::from(point)
            .checked_sub(1)
            .and_then(|i| self.counts.get_mut(i))
        {
            *slot += 1;
            self.n += 1;
        }
    }

    pub(crate) fn finish(&mut self) {
        let sum: u64 = (1u64..).zip(self.counts).map(|(point, n)| point * n).sum();
        self.mean = ratio(sum, self.n);
    }
}

/// `part / whole`, or nothing when there is no whole.
pub(crate) fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// One option of a choice question with how many picked it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OptionCount {
    pub code: String,
    pub label: String,
    /// Hidden from the question since; shown because answers have it.
    pub hidden: bool,
    pub count: u64,
    /// Of those who answered the question (multiple choice shares add up past 1).
    pub share: Option<f64>,
}

/// A free text with when it was given.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TextAnswer {
    pub text: String,
    pub submitted_at: DateTime<Utc>,
}

/// "Other" answers: how many, their share, and the newest texts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OtherCount {
    pub count: u64,
    pub share: Option<f64>,
    pub texts: Vec<TextAnswer>,
}

/// What a question's answers add up to, by kind.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Single or multiple choice. `n` is how many answered the question.
    Choices {
        n: u64,
        options: Vec<OptionCount>,
        other: Option<OtherCount>,
    },
    Scale(Distribution),
    /// Importance per theme, in theme order.
    Importance {
        themes: Vec<ThemeImportance>,
    },
    /// Ranks per theme, in theme order; `n` is how many ranked at all.
    Ranking {
        n: u64,
        themes: Vec<ThemeRanking>,
    },
    Number {
        n: u64,
        mean: Option<f64>,
        median: Option<f64>,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// `count` texts in all, the newest `TEXT_PAGE` of them.
    Text {
        count: u64,
        latest: Vec<TextAnswer>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThemeImportance {
    pub theme: ThemeRef,
    pub distribution: Distribution,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThemeRanking {
    pub theme: ThemeRef,
    pub ranks: RankStats,
}

/// One question with its outcome.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct QuestionResult {
    pub question_id: Uuid,
    pub code: String,
    pub prompt: String,
    #[schema(value_type = String)]
    #[serde(serialize_with = "kind_code")]
    pub kind: Kind,
    /// Hidden from the survey since some answered it.
    pub hidden: bool,
    pub outcome: Outcome,
}

fn kind_code<S: serde::Serializer>(kind: &Kind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.code())
}

/// Responses given on one day (Norwegian time).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DayCount {
    pub day: NaiveDate,
    pub count: u64,
}

/// Responses of one stakeholder group; `None` for responses without one.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GroupCount {
    pub group: Option<String>,
    pub count: u64,
}

/// A survey's results, for every response or those of one group.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Results {
    /// Responses counted (after the group filter).
    pub responses: u64,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
    /// The stakeholder group counted, if one was chosen.
    pub group: Option<String>,
    /// Every response by group, whatever the filter, so the filter shows what it holds.
    pub by_group: Vec<GroupCount>,
    pub per_day: Vec<DayCount>,
    pub questions: Vec<QuestionResult>,
}

/// Whether a kind's answers are counted by option, so it can be cross-tabulated.
pub fn is_choice(kind: Kind) -> bool {
    kind.has_choices()
}

/// The results of `responses` (oldest first), of stakeholder group `group`
/// if given. Questions without answers that are hidden are left out; every
/// asked question is shown, answered or not.
pub fn aggregate(
    survey: &Survey,
    themes: &[ThemeRef],
    responses: &[StoredResponse],
    group: Option<&str>,
) -> Results {
    let by_group = count_groups(responses);
    let mut acc = accumulate::Accumulator::new(survey);
    let mut counted = 0u64;
    let (mut first_at, mut last_at) = (None, None);
    let mut per_day: Vec<DayCount> = Vec::new();
    for response in responses
        .iter()
        .filter(|r| group.is_none_or(|g| r.stakeholder_group.as_deref() == Some(g)))
    {
        counted += 1;
        first_at = first_at.or(Some(response.submitted_at));
        last_at = Some(response.submitted_at);
        let day = response
            .submitted_at
            .with_timezone(&chrono_tz::Europe::Oslo)
            .date_naive();
        match per_day.last_mut() {
            Some(last) if last.day == day => last.count += 1,
            _ => per_day.push(DayCount { day, count: 1 }),
        }
        acc.add(response);
    }
    per_day.sort_by_key(|d| d.day);
    // Responses come oldest first, but a day seen twice (out of order) is merged.
    per_day.dedup_by(|later, earlier| {
        let same = later.day == earlier.day;
        if same {
            earlier.count += later.count;
        }
        same
    });
    Results {
        responses: counted,
        first_at,
        last_at,
        group: group.map(str::to_owned),
        by_group,
        per_day,
        questions: acc.finish(survey, themes),
    }
}

fn count_groups(responses: &[StoredResponse]) -> Vec<GroupCount> {
    let mut counts: Vec<GroupCount> = Vec::new();
    for response in responses {
        match counts
            .iter_mut()
            .find(|c| c.group == response.stakeholder_group)
        {
            Some(c) => c.count += 1,
            None => counts.push(GroupCount {
                group: response.stakeholder_group.clone(),
                count: 1,
            }),
        }
    }
    let order = |group: &Option<String>| {
        group.as_deref().map_or(usize::MAX, |code| {
            crate::inputs::StakeholderGroup::ALL
                .iter()
                .position(|g| g.code() == code)
                .unwrap_or(usize::MAX - 1)
        })
    };
    counts.sort_by_key(|c| order(&c.group));
    counts
}

/// Theme importance and ranking per theme for `responses` (of `group`, if
/// given): the entry point for prioritisation.
pub fn scores(
    survey: &Survey,
    themes: &[ThemeRef],
    responses: &[StoredResponse],
    group: Option<&str>,
) -> Vec<ThemeScore> {
    theme_scores(&aggregate(survey, themes, responses, group))
}
