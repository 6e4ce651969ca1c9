//! The scores of the options shown: the Bradley–Terry fit of every vote
//! between two of them, with the counts a reader checks it against.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use serde::Serialize;
use uuid::Uuid;

use super::{PRIOR, options, votes};
use crate::entities::pairwise_vote::Outcome;
use crate::error::AppError;
use crate::priorities::pairwise::bradley_terry;
use crate::web::i18n::Lang;

/// The pairwise survey's result.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PairwiseScores {
    /// Every vote stored, "can't decide" included, also on options no longer shown.
    pub votes: u64,
    /// Of those, how many were "can't decide".
    pub skips: u64,
    /// How many browsers voted.
    pub streams: u64,
    /// Virtual wins and losses each option starts with against a virtual
    /// opponent of strength 1, so that no score is 0 or 1 on few votes.
    pub prior: f64,
    /// The options shown to voters, highest score first.
    pub options: Vec<OptionScore>,
}

/// One option's score.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OptionScore {
    pub option_id: Uuid,
    /// The theme the option stands for; none for a visitor's proposal.
    pub theme_id: Option<Uuid>,
    pub label: String,
    /// The estimated chance (0–1) to be preferred over an option drawn at random from the others.
    pub score: f64,
    /// Lower end of the 95 % interval of `score`.
    pub low: f64,
    /// Upper end of the 95 % interval of `score`.
    pub high: f64,
    /// Comparisons won against options shown.
    pub wins: u64,
    /// Comparisons lost against options shown.
    pub losses: u64,
    /// "Can't decide" answers on pairs with this option.
    pub skips: u64,
}

/// Fits the options shown now from every vote between two of them.
pub async fn scores(db: &impl ConnectionTrait, lang: Lang) -> Result<PairwiseScores, AppError> {
    let shown = options::shown(db, lang).await?;
    let tallies = votes::tallies(db).await?;
    let streams = votes::streams(db).await?;
    Ok(fit(&shown, &tallies, streams))
}

/// The pure part of [`scores`].
fn fit(shown: &[options::PairOption], tallies: &[votes::Tally], streams: u64) -> PairwiseScores {
    let index: HashMap<Uuid, usize> = shown.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    let n = shown.len();
    let mut wins = vec![vec![0u64; n]; n];
    let mut skips = vec![0u64; n];
    let (mut total, mut skipped) = (0u64, 0u64);
    for tally in tallies {
        let count = u64::try_from(tally.n).unwrap_or(0);
        total += count;
        if tally.outcome == Outcome::Skip {
            skipped += count;
        }
        let (Some(&l), Some(&r)) = (index.get(&tally.left_id), index.get(&tally.right_id)) else {
            continue;
        };
        match tally.outcome {
            Outcome::Left => wins[l][r] += count,
            Outcome::Right => wins[r][l] += count,
            Outcome::Skip => {
                skips[l] += count;
                skips[r] += count;
            }
        }
    }
    let fitted = bradley_terry::fit(n, &wins, PRIOR);
    let mut options: Vec<OptionScore> = shown
        .iter()
        .zip(fitted)
        .enumerate()
        .map(|(i, (option, f))| OptionScore {
            option_id: option.id,
            theme_id: option.theme_id,
            label: option.label.clone(),
            score: f.score,
            low: f.low,
            high: f.high,
            wins: wins[i].iter().sum(),
            losses: wins.iter().map(|row| row[i]).sum(),
            skips: skips[i],
        })
        .collect();
    options.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.label.cmp(&b.label))
    });
    PairwiseScores {
        votes: total,
        skips: skipped,
        streams,
        prior: PRIOR,
        options,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::priorities::pairwise::service::options::PairOption;
    use crate::priorities::pairwise::service::votes::Tally;

    fn option(label: &str) -> PairOption {
        PairOption {
            id: Uuid::new_v4(),
            theme_id: None,
            label: label.into(),
        }
    }

    #[test]
    fn counts_wins_losses_and_skips_and_ranks_the_winner_first() {
        let (a, b, c) = (option("A"), option("B"), option("C"));
        let gone = Uuid::new_v4();
        let tally = |l: &PairOption, r: Uuid, outcome, n| Tally {
            left_id: l.id,
            right_id: r,
            outcome,
            n,
        };
        let tallies = vec![
            tally(&b, a.id, Outcome::Right, 4),
            tally(&a, c.id, Outcome::Left, 3),
            tally(&b, c.id, Outcome::Skip, 2),
            tally(&c, b.id, Outcome::Left, 1),
            // A vote on an option no longer shown counts in the total only.
            tally(&a, gone, Outcome::Left, 5),
        ];
        let result = fit(&[a.clone(), b.clone(), c.clone()], &tallies, 2);
        assert_eq!((result.votes, result.skips, result.streams), (15, 2, 2));
        let first = &result.options[0];
        assert_eq!(
            (first.label.as_str(), first.wins, first.losses),
            ("A", 7, 0)
        );
        let of = |id: Uuid| result.options.iter().find(|o| o.option_id == id).unwrap();
        assert_eq!((of(b.id).wins, of(b.id).losses, of(b.id).skips), (0, 5, 2));
        assert_eq!((of(c.id).wins, of(c.id).losses, of(c.id).skips), (1, 3, 2));
        assert!(result.options.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
