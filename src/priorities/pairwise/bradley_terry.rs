//! The Bradley–Terry fit of the pairwise survey: each option `i` has a
//! strength `p_i`, and `i` beats `j` with probability `p_i / (p_i + p_j)`.
//!
//! Strengths are the maximum of a penalised likelihood, found with Hunter's
//! MM algorithm (Hunter 2004, "MM algorithms for generalized Bradley–Terry
//! models"). The penalty is a small prior: every option gets `prior` virtual
//! wins and `prior` virtual losses against a virtual opponent of fixed
//! strength 1. Without it an option that always won would have an infinite
//! strength, and one never compared no strength at all; with it both stay
//! finite, and the virtual opponent fixes the scale.
//!
//! "Can't decide" answers are no comparison and never reach this module.

/// How close successive iterations must be, relative to the strength.
const TOLERANCE: f64 = 1e-10;
/// MM converges slowly on sparse data; this is far beyond what a few dozen
/// options need, and keeps a pathological input from looping for ever.
const MAX_ITERATIONS: usize = 100_000;
/// Two-sided 95 % quantile of the normal distribution, as usually rounded.
const Z95: f64 = 1.96;

/// The fit of one option.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// Strength, scaled so the geometric mean of all options is 1.
    pub strength: f64,
    /// The chance to beat an option drawn at random from the others.
    pub score: f64,
    /// Standard error of the log-strength.
    pub se: f64,
    /// The score at log-strength − 1.96 se, the others held fixed.
    pub low: f64,
    /// The score at log-strength + 1.96 se, the others held fixed.
    pub high: f64,
}

/// Fits `n` options from `wins[i][j]`, how often `i` beat `j` (an `n`×`n`
/// table; the diagonal and any missing cells count as zero).
///
/// The standard error is `1 / sqrt(I_ii)`, where `I_ii` is the observed
/// information about `log p_i` (prior terms included) with the other
/// strengths held at their estimates, which is how the interval is read:
/// the score this option would have at either end, against the others as
/// they stand. It shrinks as the option is compared more, which the
/// marginal error against the virtual opponent would not.
pub fn fit(n: usize, wins: &[Vec<u64>], prior: f64) -> Vec<Fitted> {
    if n == 0 {
        return Vec::new();
    }
    let count = |i: usize, j: usize| -> f64 {
        wins.get(i)
            .and_then(|row| row.get(j))
            .map_or(0.0, |&w| w as f64)
    };
    // Comparisons between each pair (none with itself), and each option's
    // wins, prior included.
    let pairs: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        0.0
                    } else {
                        count(i, j) + count(j, i)
                    }
                })
                .collect()
        })
        .collect();
    let won: Vec<f64> = (0..n)
        .map(|i| prior + (0..n).filter(|&j| j != i).map(|j| count(i, j)).sum::<f64>())
        .collect();
    let strengths = maximise(&pairs, &won, prior);
    describe(&strengths, &pairs, prior)
}

/// Hunter's MM update: `p_i ← W_i / Σ_j n_ij / (p_i + p_j)`, the virtual
/// opponent being one more `j` with `n = 2·prior` and `p = 1`. Each update
/// raises the penalised likelihood, so it converges from any start.
fn maximise(pairs: &[Vec<f64>], won: &[f64], prior: f64) -> Vec<f64> {
    let n = won.len();
    let mut p = vec![1.0; n];
    for _ in 0..MAX_ITERATIONS {
        let next: Vec<f64> = (0..n)
            .map(|i| {
                // A pair's own cell is zero, so it adds nothing here.
                let denominator = 2.0 * prior / (p[i] + 1.0)
                    + pairs[i]
                        .iter()
                        .zip(&p)
                        .map(|(n_ij, p_j)| n_ij / (p[i] + p_j))
                        .sum::<f64>();
                if denominator > 0.0 {
                    won[i] / denominator
                } else {
                    // Only without a prior and without comparisons: nothing to learn.
                    1.0
                }
            })
            .collect();
        let change = p
            .iter()
            .zip(&next)
            .map(|(old, new)| ((new - old) / old).abs())
            .fold(0.0, f64::max);
        p = next;
        if change < TOLERANCE {
            break;
        }
    }
    p
}

fn describe(p: &[f64], pairs: &[Vec<f64>], prior: f64) -> Vec<Fitted> {
    let n = p.len();
    let log: Vec<f64> = p.iter().map(|x| x.ln()).collect();
    let mean_log = log.iter().sum::<f64>() / n as f64;
    let score_at = |i: usize, log_i: f64| -> f64 {
        if n < 2 {
            return 0.5;
        }
        let total: f64 = (0..n)
            .filter(|&j| j != i)
            .map(|j| logistic(log_i - log[j]))
            .sum();
        total / (n - 1) as f64
    };
    (0..n)
        .map(|i| {
            let information = 2.0 * prior * p[i] / (1.0 + p[i]).powi(2)
                + pairs[i]
                    .iter()
                    .zip(p)
                    .map(|(n_ij, p_j)| n_ij * p[i] * p_j / (p[i] + p_j).powi(2))
                    .sum::<f64>();
            let se = if information > 0.0 {
                information.sqrt().recip()
            } else {
                f64::INFINITY
            };
            Fitted {
                strength: (log[i] - mean_log).exp(),
                score: score_at(i, log[i]),
                se,
                low: score_at(i, log[i] - Z95 * se),
                high: score_at(i, log[i] + Z95 * se),
            }
        })
        .collect()
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, what: &str) {
        assert!(
            (actual - expected).abs() < 1e-6,
            "{what}: {actual} is not {expected}"
        );
    }

    /// Reference values from `tests/fixtures/bradley_terry_reference.py`,
    /// which maximises the same penalised likelihood by Newton–Raphson with
    /// the full Hessian (not MM), in plain Python. Made with
    /// `python3 tests/fixtures/bradley_terry_reference.py`; its printed
    /// columns are pasted here.
    #[test]
    fn fit_matches_an_independent_newton_raphson_fit() {
        let wins = vec![
            vec![0, 3, 2, 1, 0],
            vec![0, 0, 4, 0, 0],
            vec![0, 2, 0, 1, 0],
            vec![0, 0, 0, 0, 0],
            vec![0, 0, 0, 0, 0],
        ];
        // strength, score, low, high, se
        let reference = [
            [
                9.322422450744,
                0.934851805879,
                0.474239156482,
                0.996092061774,
                1.474171392662,
            ],
            [
                0.931723211077,
                0.506225327936,
                0.252526027357,
                0.729309197263,
                0.723359863055,
            ],
            [
                0.570642603528,
                0.385793067063,
                0.167041627653,
                0.635549219196,
                0.714153643393,
            ],
            [
                0.222141013338,
                0.173129799121,
                0.009294345135,
                0.742035810552,
                1.617277980388,
            ],
            [
                0.908220634639,
                0.500000000000,
                0.031637040068,
                0.948427365844,
                2.000000000000,
            ],
        ];
        let fitted = fit(5, &wins, 0.5);
        assert_eq!(fitted.len(), 5);
        for (i, (got, want)) in fitted.iter().zip(reference).enumerate() {
            close(got.strength, want[0], &format!("strength {i}"));
            close(got.score, want[1], &format!("score {i}"));
            close(got.se, want[4], &format!("se {i}"));
            close(got.low, want[2], &format!("low {i}"));
            close(got.high, want[3], &format!("high {i}"));
        }
    }

    #[test]
    fn without_votes_every_option_scores_a_half() {
        let fitted = fit(4, &[], 0.5);
        for option in &fitted {
            close(option.score, 0.5, "score");
            close(option.strength, 1.0, "strength");
            assert!(option.low < 0.5 && option.high > 0.5);
        }
    }

    #[test]
    fn an_option_that_always_wins_stays_finite_and_first() {
        let wins = vec![vec![0, 50, 50], vec![0, 0, 3], vec![0, 3, 0]];
        let fitted = fit(3, &wins, 0.5);
        assert!(
            fitted
                .iter()
                .all(|f| f.strength.is_finite() && f.se.is_finite())
        );
        assert!(fitted[0].score > 0.95 && fitted[0].score < 1.0);
        assert!(fitted[0].score > fitted[1].score);
        close(fitted[1].score, fitted[2].score, "the two equal options");
    }

    #[test]
    fn more_comparisons_narrow_the_interval() {
        let few = fit(2, &[vec![0, 2], vec![1, 0]], 0.5);
        let many = fit(2, &[vec![0, 200], vec![100, 0]], 0.5);
        assert!(many[0].high - many[0].low < few[0].high - few[0].low);
    }

    #[test]
    fn scores_are_a_half_on_average_and_within_their_interval() {
        let wins = vec![vec![0, 1, 4], vec![3, 0, 0], vec![2, 5, 0]];
        let fitted = fit(3, &wins, 0.5);
        let mean = fitted.iter().map(|f| f.score).sum::<f64>() / 3.0;
        close(mean, 0.5, "mean score");
        for f in &fitted {
            assert!(f.low <= f.score && f.score <= f.high);
        }
    }

    #[test]
    fn one_option_or_none() {
        assert!(fit(0, &[], 0.5).is_empty());
        close(fit(1, &[], 0.5)[0].score, 0.5, "lone option");
    }
}
