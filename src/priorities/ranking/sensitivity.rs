//! How stable the ranking is when the weights move: weights are drawn from a
//! Dirichlet distribution centred on the chosen ones (each criterion's
//! parameter is the concentration times its share), the themes are ranked
//! again for every draw, and each theme's share of draws in the top three and
//! top four is its probability. A higher concentration keeps the draws closer
//! to the chosen weights. Criteria weighted zero stay zero. The generator is
//! ChaCha8 seeded from the scenario, so the same seed gives the same figures
//! on every machine.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma};
use serde::{Deserialize, Serialize};

use super::mcda::{order, unit_weights};
use crate::priorities::criteria::Weights;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SensitivitySettings {
    pub samples: u32,
    pub concentration: f64,
    pub seed: u64,
}

impl Default for SensitivitySettings {
    fn default() -> Self {
        Self {
            samples: 10_000,
            concentration: 50.0,
            seed: 2026,
        }
    }
}

/// One theme's odds over the draws.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThemeOdds {
    pub top_three: f64,
    pub top_four: f64,
    pub mean_place: f64,
    /// Best and worst place seen in any draw.
    pub best_place: usize,
    pub worst_place: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Sensitivity {
    pub settings: SensitivitySettings,
    /// By theme index, like the ranking.
    pub themes: Vec<ThemeOdds>,
}

/// Runs the analysis on normalised criteria; none when the weights cannot
/// rank or the settings are out of range.
pub fn analyse(
    normalised: &[[f64; 14]],
    weights: &Weights,
    settings: SensitivitySettings,
) -> Option<Sensitivity> {
    let unit = unit_weights(weights)?;
    if settings.samples == 0 || settings.concentration.is_nan() || settings.concentration <= 0.0 {
        return None;
    }
    let gammas: Vec<(usize, Gamma<f64>)> = unit
        .iter()
        .enumerate()
        .filter(|(_, w)| **w > 0.0)
        .filter_map(|(c, w)| Some((c, Gamma::new(settings.concentration * w, 1.0).ok()?)))
        .collect();
    let n = normalised.len();
    let mut top_three = vec![0u32; n];
    let mut top_four = vec![0u32; n];
    let mut place_sum = vec![0u64; n];
    let mut best = vec![usize::MAX; n];
    let mut worst = vec![0usize; n];
    let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
    let mut drawn: Weights = [0.0; 14];
    let mut scores = vec![0.0; n];
    for _ in 0..settings.samples {
        drawn.fill(0.0);
        let mut total = 0.0;
        for (c, gamma) in &gammas {
            let g = gamma.sample(&mut rng);
            drawn[*c] = g;
            total += g;
        }
        if total <= 0.0 {
            // Every draw underflowed (tiny shares): fall back to the weights.
            drawn = unit;
            total = 1.0;
        }
        for (score, row) in scores.iter_mut().zip(normalised) {
            *score = row.iter().zip(&drawn).map(|(x, w)| x * w).sum::<f64>() / total;
        }
        for (i, theme) in order(&scores).into_iter().enumerate() {
            let place = i + 1;
            if place <= 3 {
                top_three[theme] += 1;
            }
            if place <= 4 {
                top_four[theme] += 1;
            }
            place_sum[theme] += place as u64;
            best[theme] = best[theme].min(place);
            worst[theme] = worst[theme].max(place);
        }
    }
    let samples = f64::from(settings.samples);
    let themes = (0..n)
        .map(|t| ThemeOdds {
            top_three: f64::from(top_three[t]) / samples,
            top_four: f64::from(top_four[t]) / samples,
            mean_place: place_sum[t] as f64 / samples,
            best_place: best[t],
            worst_place: worst[t],
        })
        .collect();
    Some(Sensitivity { settings, themes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themes() -> Vec<[f64; 14]> {
        // Five themes on two criteria that pull in opposite directions.
        (0..5)
            .map(|i| {
                let mut row = [0.0; 14];
                row[0] = f64::from(i) / 4.0;
                row[9] = 1.0 - f64::from(i) / 4.0;
                row
            })
            .collect()
    }

    fn weights(a: f64, b: f64) -> Weights {
        let mut w = [0.0; 14];
        w[0] = a;
        w[9] = b;
        w
    }

    #[test]
    fn same_seed_same_figures_other_seed_other_figures() {
        let settings = SensitivitySettings {
            samples: 2_000,
            concentration: 5.0,
            seed: 7,
        };
        let a = analyse(&themes(), &weights(1.0, 1.0), settings).unwrap();
        let b = analyse(&themes(), &weights(1.0, 1.0), settings).unwrap();
        assert_eq!(a, b);
        let c = analyse(
            &themes(),
            &weights(1.0, 1.0),
            SensitivitySettings {
                seed: 8,
                ..settings
            },
        )
        .unwrap();
        assert_ne!(a.themes, c.themes);
        for odds in &a.themes {
            assert!(odds.top_three <= odds.top_four);
            assert!((1.0..=5.0).contains(&odds.mean_place));
        }
        // Exactly three and four themes fill those places in every draw.
        let three: f64 = a.themes.iter().map(|o| o.top_three).sum();
        let four: f64 = a.themes.iter().map(|o| o.top_four).sum();
        assert!((three - 3.0).abs() < 1e-9 && (four - 4.0).abs() < 1e-9);
    }

    #[test]
    fn a_dominant_weight_keeps_its_winners_and_balanced_weights_spread() {
        let tight = SensitivitySettings {
            samples: 1_000,
            concentration: 10_000.0,
            seed: 1,
        };
        let odds = analyse(&themes(), &weights(9.0, 1.0), tight)
            .unwrap()
            .themes;
        // Themes 2–4 lead on the heavy criterion and stay on top.
        assert_eq!(odds[4].top_three, 1.0);
        assert_eq!(odds[0].top_three, 0.0);
        assert_eq!((odds[4].best_place, odds[4].worst_place), (1, 1));
        // Even weights: every theme scores alike, so the draws decide.
        let loose = SensitivitySettings {
            concentration: 2.0,
            ..tight
        };
        let odds = analyse(&themes(), &weights(1.0, 1.0), loose)
            .unwrap()
            .themes;
        assert!(
            odds[0].top_three > 0.2 && odds[4].top_three > 0.2,
            "{odds:?}"
        );
        assert!(analyse(&themes(), &weights(0.0, 0.0), tight).is_none());
    }
}
