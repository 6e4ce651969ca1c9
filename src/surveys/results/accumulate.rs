//! The one pass over the responses: a running tally per question, looked up
//! by question id, turned into outcomes at the end.

use std::collections::{HashMap, VecDeque};

use uuid::Uuid;

use super::{
    Distribution, OptionCount, OtherCount, Outcome, QuestionResult, TEXT_PAGE, TextAnswer,
    ThemeImportance, ThemeRanking, ThemeRef, ratio, scores::RankTally,
};
use crate::surveys::model::{Answer, Kind, OTHER, Question, Survey};
use crate::surveys::service::responses::StoredResponse;

/// The newest texts, at most `TEXT_PAGE`.
#[derive(Default)]
struct Latest(VecDeque<TextAnswer>);

impl Latest {
    fn push(&mut self, text: &str, response: &StoredResponse) {
        if self.0.len() == TEXT_PAGE {
            self.0.pop_front();
        }
        self.0.push_back(TextAnswer {
            text: text.to_owned(),
            submitted_at: response.submitted_at,
        });
    }

    fn newest_first(self) -> Vec<TextAnswer> {
        self.0.into_iter().rev().collect()
    }
}

enum Tally {
    Choices {
        answered: u64,
        counts: HashMap<String, u64>,
        other: u64,
        other_texts: Latest,
    },
    Scale(Distribution),
    Importance(HashMap<Uuid, Distribution>),
    Ranking {
        answered: u64,
        themes: HashMap<Uuid, RankTally>,
    },
    Number(Vec<f64>),
    Text {
        count: u64,
        latest: Latest,
    },
}

impl Tally {
    fn for_kind(kind: Kind) -> Tally {
        match kind {
            Kind::SingleChoice | Kind::MultipleChoice => Tally::Choices {
                answered: 0,
                counts: HashMap::new(),
                other: 0,
                other_texts: Latest::default(),
            },
            Kind::Likert => Tally::Scale(Distribution::default()),
            Kind::ThemeImportance => Tally::Importance(HashMap::new()),
            Kind::ThemeRanking => Tally::Ranking {
                answered: 0,
                themes: HashMap::new(),
            },
            Kind::Number => Tally::Number(Vec::new()),
            Kind::ShortText | Kind::LongText => Tally::Text {
                count: 0,
                latest: Latest::default(),
            },
        }
    }

    /// Counts one answer; an answer of another kind (the question changed
    /// kind, which only texts may) is not counted.
    fn add(&mut self, answer: &Answer, response: &StoredResponse) {
        match (self, answer) {
            (
                Tally::Choices {
                    answered,
                    counts,
                    other,
                    other_texts,
                },
                Answer::Choice { code, other: text },
            ) => {
                *answered += 1;
                if code == OTHER {
                    *other += 1;
                    if let Some(text) = text {
                        other_texts.push(text, response);
                    }
                } else {
                    bump(counts, code);
                }
            }
            (
                Tally::Choices {
                    answered,
                    counts,
                    other,
                    other_texts,
                },
                Answer::Choices { codes, other: text },
            ) => {
                *answered += 1;
                for code in codes {
                    bump(counts, code);
                }
                if let Some(text) = text {
                    *other += 1;
                    other_texts.push(text, response);
                }
            }
            (Tally::Scale(distribution), Answer::Scale(point)) => distribution.add(*point),
            (Tally::Importance(themes), Answer::Themes(rated)) => {
                for (theme, point) in rated {
                    themes.entry(*theme).or_default().add(*point);
                }
            }
            (Tally::Ranking { answered, themes }, Answer::Ranking(order)) => {
                *answered += 1;
                for (rank, theme) in (1u64..).zip(order) {
                    themes.entry(*theme).or_default().add(rank);
                }
            }
            (Tally::Number(values), Answer::Number(x)) if x.is_finite() => values.push(*x),
            (Tally::Text { count, latest }, Answer::Text { text, .. }) => {
                *count += 1;
                latest.push(text, response);
            }
            _ => {}
        }
    }

    fn finish(self, question: &Question, themes: &[ThemeRef]) -> (Outcome, bool) {
        match self {
            Tally::Choices {
                answered,
                mut counts,
                other,
                other_texts,
            } => {
                let mut options: Vec<OptionCount> = question
                    .options
                    .iter()
                    .filter_map(|choice| {
                        let count = counts.remove(&choice.code).unwrap_or(0);
                        (!choice.hidden || count > 0).then(|| OptionCount {
                            code: choice.code.clone(),
                            label: choice.label.clone(),
                            hidden: choice.hidden,
                            count,
                            share: ratio(count, answered),
                        })
                    })
                    .collect();
                // Codes the question no longer lists at all still count.
                let mut unknown: Vec<(String, u64)> = counts.into_iter().collect();
                unknown.sort();
                options.extend(unknown.into_iter().map(|(code, count)| OptionCount {
                    label: code.clone(),
                    code,
                    hidden: true,
                    count,
                    share: ratio(count, answered),
                }));
                let other = (question.allow_other || other > 0).then(|| OtherCount {
                    count: other,
                    share: ratio(other, answered),
                    texts: other_texts.newest_first(),
                });
                (
                    Outcome::Choices {
                        n: answered,
                        options,
                        other,
                    },
                    answered > 0,
                )
            }
            Tally::Scale(mut distribution) => {
                distribution.finish();
                let any = distribution.n > 0;
                (Outcome::Scale(distribution), any)
            }
            Tally::Importance(mut rated) => {
                let any = !rated.is_empty();
                let themes = in_theme_order(themes, &mut rated)
                    .map(|(theme, mut distribution)| {
                        distribution.finish();
                        ThemeImportance {
                            theme,
                            distribution,
                        }
                    })
                    .collect();
                (Outcome::Importance { themes }, any)
            }
            Tally::Ranking {
                answered,
                themes: mut ranked,
            } => {
                let themes = in_theme_order(themes, &mut ranked)
                    .map(|(theme, tally)| ThemeRanking {
                        theme,
                        ranks: tally.stats(answered),
                    })
                    .collect();
                (
                    Outcome::Ranking {
                        n: answered,
                        themes,
                    },
                    answered > 0,
                )
            }
            Tally::Number(values) => {
                let any = !values.is_empty();
                (number(values), any)
            }
            Tally::Text { count, latest } => (
                Outcome::Text {
                    count,
                    latest: latest.newest_first(),
                },
                count > 0,
            ),
        }
    }
}

fn bump(counts: &mut HashMap<String, u64>, code: &str) {
    match counts.get_mut(code) {
        Some(n) => *n += 1,
        None => {
            counts.insert(code.to_owned(), 1);
        }
    }
}

/// The themes in their order with their tallies (empty for a theme no one
/// rated), then themes answers name that the list lacks.
fn in_theme_order<T: Default>(
    themes: &[ThemeRef],
    tallies: &mut HashMap<Uuid, T>,
) -> impl Iterator<Item = (ThemeRef, T)> {
    let mut listed: Vec<(ThemeRef, T)> = themes
        .iter()
        .filter_map(|theme| match tallies.remove(&theme.id) {
            Some(tally) => Some((theme.clone(), tally)),
            None => theme.active.then(|| (theme.clone(), T::default())),
        })
        .collect();
    let mut rest: Vec<(Uuid, T)> = tallies.drain().collect();
    rest.sort_by_key(|(id, _)| *id);
    listed.extend(rest.into_iter().map(|(id, tally)| {
        let name = id.to_string();
        (
            ThemeRef {
                id,
                slug: name.clone(),
                name,
                active: false,
            },
            tally,
        )
    }));
    listed.into_iter()
}

fn number(mut values: Vec<f64>) -> Outcome {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    };
    Outcome::Number {
        n: n as u64,
        mean: (n > 0).then(|| values.iter().sum::<f64>() / n as f64),
        median,
        min: values.first().copied(),
        max: values.last().copied(),
    }
}

/// A tally per question, found by question id.
pub(super) struct Accumulator {
    index: HashMap<Uuid, usize>,
    tallies: Vec<Tally>,
}

impl Accumulator {
    pub(super) fn new(survey: &Survey) -> Accumulator {
        let mut index = HashMap::new();
        let mut tallies = Vec::new();
        for (i, question) in survey.questions().enumerate() {
            index.insert(question.id, i);
            tallies.push(Tally::for_kind(question.kind));
        }
        Accumulator { index, tallies }
    }

    pub(super) fn add(&mut self, response: &StoredResponse) {
        for (question, answer) in &response.answers {
            if let Some(&i) = self.index.get(question) {
                self.tallies[i].add(answer, response);
            }
        }
    }

    pub(super) fn finish(self, survey: &Survey, themes: &[ThemeRef]) -> Vec<QuestionResult> {
        survey
            .questions()
            .zip(self.tallies)
            .filter_map(|(question, tally)| {
                let (outcome, answered) = tally.finish(question, themes);
                (!question.hidden || answered).then(|| QuestionResult {
                    question_id: question.id,
                    code: question.code.clone(),
                    prompt: question.prompt.clone(),
                    kind: question.kind,
                    hidden: question.hidden,
                    outcome,
                })
            })
            .collect()
    }
}
