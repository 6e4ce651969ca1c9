//! Theme importance and ranking per theme, over every such question of a
//! survey: what prioritisation weighs residents' and businesses' views by.

use serde::Serialize;

use super::{Distribution, Outcome, Results, ThemeRef, ratio};

/// How respondents ranked one theme.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RankStats {
    /// Respondents who gave the theme a place.
    pub n: u64,
    /// Mean place among them (1 is most important).
    pub mean_rank: Option<f64>,
    /// How many put it first.
    pub first: u64,
    /// How many put it in the top three.
    pub top_three: u64,
    /// `top_three` of all who ranked any theme.
    pub top_three_share: Option<f64>,
    /// Respondents who answered the ranking question (the share's whole).
    pub respondents: u64,
}

/// The running sums behind `RankStats`.
#[derive(Clone, Debug, Default)]
pub(crate) struct RankTally {
    n: u64,
    sum: u64,
    first: u64,
    top_three: u64,
}

impl RankTally {
    pub(crate) fn add(&mut self, rank: u64) {
        self.n += 1;
        self.sum += rank;
        if rank == 1 {
            self.first += 1;
        }
        if rank <= 3 {
            self.top_three += 1;
        }
    }

    pub(crate) fn stats(&self, answered: u64) -> RankStats {
        RankStats {
            n: self.n,
            mean_rank: ratio(self.sum, self.n),
            first: self.first,
            top_three: self.top_three,
            top_three_share: ratio(self.top_three, answered),
            respondents: answered,
        }
    }
}

/// One theme's importance and ranking across the survey.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThemeScore {
    pub theme: ThemeRef,
    pub importance: Distribution,
    pub ranking: RankStats,
}

/// Importance and ranking per theme, from results already aggregated (for
/// every response or one group's). A survey that asks either question twice
/// has the answers of both added up.
pub fn theme_scores(results: &Results) -> Vec<ThemeScore> {
    let mut scores: Vec<ThemeScore> = Vec::new();
    let mut ranked_by = 0u64;
    let mut ranks: Vec<(usize, RankStats)> = Vec::new();
    let entry = |scores: &mut Vec<ThemeScore>, theme: &ThemeRef| -> usize {
        match scores.iter().position(|s| s.theme.id == theme.id) {
            Some(i) => i,
            None => {
                scores.push(ThemeScore {
                    theme: theme.clone(),
                    importance: Distribution::default(),
                    ranking: RankStats::default(),
                });
                scores.len() - 1
            }
        }
    };
    for question in &results.questions {
        match &question.outcome {
            Outcome::Importance { themes } => {
                for item in themes {
                    let i = entry(&mut scores, &item.theme);
                    let total = &mut scores[i].importance;
                    for (slot, n) in total.counts.iter_mut().zip(item.distribution.counts) {
                        *slot += n;
                    }
                    total.n += item.distribution.n;
                }
            }
            Outcome::Ranking { n, themes } => {
                ranked_by += n;
                for item in themes {
                    let i = entry(&mut scores, &item.theme);
                    ranks.push((i, item.ranks.clone()));
                }
            }
            _ => {}
        }
    }
    for (i, stats) in ranks {
        let total = &mut scores[i].ranking;
        // Mean ranks combine weighted by how many ranked the theme.
        let sum = total.mean_rank.unwrap_or(0.0) * total.n as f64
            + stats.mean_rank.unwrap_or(0.0) * stats.n as f64;
        total.n += stats.n;
        total.first += stats.first;
        total.top_three += stats.top_three;
        total.mean_rank = (total.n > 0).then(|| sum / total.n as f64);
    }
    for score in &mut scores {
        score.importance.finish();
        score.ranking.top_three_share = ratio(score.ranking.top_three, ranked_by);
        score.ranking.respondents = ranked_by;
    }
    scores
}
