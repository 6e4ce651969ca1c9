//! How much the lexicon counts against the model, and each theme's
//! threshold for being suggested, chosen on held-out predictions: the
//! training texts are split in folds, each fold scored by a model that
//! never saw it, and the choice that tags those scores best is kept.

use serde::{Deserialize, Serialize};

/// Folds for the held-out predictions.
const FOLDS: usize = 4;
/// Fewer labelled texts than this and there is nothing to hold out: the
/// defaults stand.
const MIN_TEXTS: usize = 20;
/// Above this many labelled texts, one fold is held out instead of all.
const ONE_FOLD_ABOVE: usize = 1_000;
/// Lexicon weights tried (the model gets the rest).
const ALPHAS: [f64; 7] = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
/// A theme's own best threshold counts as if it came from this many
/// positives more than it has, the rest being the overall threshold: a
/// theme with few examples has a noisy optimum.
const SHRINK: f64 = 30.0;
/// Below this, not even a text's best theme is suggested: the text says
/// nothing the tagger recognises.
const FLOOR: f64 = 0.15;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Calibration {
    /// The lexicon's share of a theme's confidence.
    alpha: f64,
    /// Per theme; empty means the default for all.
    thresholds: Vec<f64>,
    default_threshold: f64,
}

impl Default for Calibration {
    fn default() -> Self {
        Self {
            alpha: 0.3,
            thresholds: Vec::new(),
            default_threshold: 0.3,
        }
    }
}

impl Calibration {
    /// A theme's confidence from the model's probability (if the theme has
    /// a model) and its lexicon score.
    pub fn blend(&self, probability: Option<f64>, lexical: f64) -> f64 {
        match probability {
            Some(p) => ((1.0 - self.alpha) * p + self.alpha * lexical).clamp(0.0, 1.0),
            None => lexical,
        }
    }

    /// Which themes to suggest: those at or above their threshold, or else
    /// the best one if it clears the floor.
    pub fn decide(&self, confidences: &[f64]) -> Vec<bool> {
        let mut chosen: Vec<bool> = confidences
            .iter()
            .enumerate()
            .map(|(at, c)| *c >= self.threshold(at))
            .collect();
        if !chosen.contains(&true)
            && let Some((best, c)) = confidences
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
            && *c >= FLOOR
        {
            chosen[best] = true;
        }
        chosen
    }

    fn threshold(&self, at: usize) -> f64 {
        self.thresholds
            .get(at)
            .copied()
            .unwrap_or(self.default_threshold)
    }

    /// The blend and thresholds that tag the held-out texts best (micro F1
    /// for the blend and overall threshold, each theme's F1 for its own).
    pub fn choose(
        held_out: &[Vec<Option<f64>>],
        lexical: &[Vec<f64>],
        labels: &[Vec<bool>],
        any_keywords: bool,
    ) -> Self {
        if held_out.is_empty() {
            return Self::default();
        }
        let themes = labels.first().map_or(0, Vec::len);
        let grid: Vec<f64> = (2..=28).map(|i| f64::from(i) * 0.025).collect();
        let alphas: &[f64] = if any_keywords { &ALPHAS } else { &ALPHAS[..1] };
        let mut best = (f64::MIN, Self::default());
        for &alpha in alphas {
            for &threshold in &grid {
                let candidate = Self {
                    alpha,
                    thresholds: Vec::new(),
                    default_threshold: threshold,
                };
                let f1 = candidate.micro_f1(held_out, lexical, labels);
                if f1 > best.0 + 1e-9 {
                    best = (f1, candidate);
                }
            }
        }
        let mut chosen = best.1;
        let overall = chosen.default_threshold;
        chosen.thresholds = (0..themes)
            .map(|at| {
                let positives = labels.iter().filter(|l| l[at]).count() as f64;
                let own = grid
                    .iter()
                    .copied()
                    .map(|t| {
                        let mut trial = chosen.clone();
                        trial.thresholds = vec![overall; themes];
                        trial.thresholds[at] = t;
                        (trial.theme_f1(held_out, lexical, labels, at), t)
                    })
                    .fold(
                        (f64::MIN, overall),
                        |a, b| if b.0 > a.0 + 1e-9 { b } else { a },
                    )
                    .1;
                (positives * own + SHRINK * overall) / (positives + SHRINK)
            })
            .collect();
        chosen
    }

    fn decisions(&self, held_out: &[Vec<Option<f64>>], lexical: &[Vec<f64>]) -> Vec<Vec<bool>> {
        held_out
            .iter()
            .zip(lexical)
            .map(|(probabilities, lexical)| {
                let confidences: Vec<f64> = probabilities
                    .iter()
                    .zip(lexical)
                    .map(|(p, l)| self.blend(*p, *l))
                    .collect();
                self.decide(&confidences)
            })
            .collect()
    }

    fn micro_f1(
        &self,
        held_out: &[Vec<Option<f64>>],
        lexical: &[Vec<f64>],
        labels: &[Vec<bool>],
    ) -> f64 {
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for (decided, gold) in self.decisions(held_out, lexical).iter().zip(labels) {
            for (d, g) in decided.iter().zip(gold) {
                match (d, g) {
                    (true, true) => tp += 1.0,
                    (true, false) => fp += 1.0,
                    (false, true) => fn_ += 1.0,
                    _ => {}
                }
            }
        }
        f1(tp, fp, fn_)
    }

    fn theme_f1(
        &self,
        held_out: &[Vec<Option<f64>>],
        lexical: &[Vec<f64>],
        labels: &[Vec<bool>],
        at: usize,
    ) -> f64 {
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for (decided, gold) in self.decisions(held_out, lexical).iter().zip(labels) {
            match (decided[at], gold[at]) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                _ => {}
            }
        }
        f1(tp, fp, fn_)
    }
}

fn f1(tp: f64, fp: f64, fn_: f64) -> f64 {
    if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fn_)
    }
}

/// Probabilities from models that never saw the texts they score, as
/// (text index, probabilities): `fit_score` trains on the first list of
/// indexes and scores the second. Small sets are split in folds so every
/// text is scored once; a large one holds out one fold, which is plenty to
/// choose thresholds from and keeps retraining fast.
pub fn held_out(
    texts: usize,
    fit_score: impl Fn(&[usize], &[usize]) -> Vec<Vec<Option<f64>>>,
) -> Vec<(usize, Vec<Option<f64>>)> {
    if texts < MIN_TEXTS {
        return Vec::new();
    }
    let rounds = if texts > ONE_FOLD_ABOVE { 1 } else { FOLDS };
    let mut out = Vec::with_capacity(texts);
    for fold in 0..rounds {
        let (test, train): (Vec<usize>, Vec<usize>) = (0..texts).partition(|i| i % FOLDS == fold);
        out.extend(test.iter().copied().zip(fit_score(&train, &test)));
    }
    out
}
