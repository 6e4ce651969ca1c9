//! Weighted-sum ranking over min–max normalised criteria. Kept free of the
//! database so that the report's JSON export can be ranked again by it (and
//! by anyone else) with the same result.

use crate::priorities::criteria::Weights;

/// Each criterion rescaled over the themes to 0 (lowest) … 1 (highest). A
/// theme without a value (not assessed, no survey answers) gets 0, the
/// lowest; a criterion where every theme has the same value gets 0 for all,
/// so it moves no theme past another.
pub fn normalise(raw: &[[Option<f64>; 14]]) -> Vec<[f64; 14]> {
    let mut out = vec![[0.0; 14]; raw.len()];
    for c in 0..14 {
        let values = raw
            .iter()
            .filter_map(|row| row[c])
            .filter(|v| v.is_finite());
        let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        if high > low {
            for (row, target) in raw.iter().zip(out.iter_mut()) {
                if let Some(v) = row[c].filter(|v| v.is_finite()) {
                    target[c] = (v - low) / (high - low);
                }
            }
        }
    }
    out
}

/// The weights scaled to sum to 1; none when they are all zero (or any is
/// negative or not a number), which would rank nothing.
pub fn unit_weights(weights: &Weights) -> Option<Weights> {
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
        return None;
    }
    let total: f64 = weights.iter().sum();
    (total > 0.0).then(|| weights.map(|w| w / total))
}

/// Each theme's weighted score (0…1) for unit weights.
pub fn scores(normalised: &[[f64; 14]], unit: &Weights) -> Vec<f64> {
    normalised
        .iter()
        .map(|row| row.iter().zip(unit).map(|(x, w)| x * w).sum())
        .collect()
}

/// Theme indices from best to worst; equal scores keep the themes' own order.
pub fn order(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order
}

/// A ranking: each theme's score and place (1 is first), by theme index.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub normalised: Vec<[f64; 14]>,
    pub scores: Vec<f64>,
    pub places: Vec<usize>,
}

/// Ranks themes by their raw criterion values and the weights; none when the
/// weights cannot rank (see `unit_weights`).
pub fn rank(raw: &[[Option<f64>; 14]], weights: &Weights) -> Option<Ranked> {
    let unit = unit_weights(weights)?;
    let normalised = normalise(raw);
    let scores = scores(&normalised, &unit);
    let mut places = vec![0; scores.len()];
    for (place, theme) in order(&scores).into_iter().enumerate() {
        places[theme] = place + 1;
    }
    Some(Ranked {
        normalised,
        scores,
        places,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: &[(usize, f64)]) -> [Option<f64>; 14] {
        let mut row = [None; 14];
        for &(c, v) in values {
            row[c] = Some(v);
        }
        row
    }

    #[test]
    fn min_max_with_missing_and_constant_criteria() {
        let raw = vec![
            row(&[(0, 10.0), (1, 3.0), (9, 4.0)]),
            row(&[(0, 30.0), (1, 3.0)]),
            row(&[(0, 20.0), (1, 3.0), (9, 2.0)]),
        ];
        let n = normalise(&raw);
        assert_eq!([n[0][0], n[1][0], n[2][0]], [0.0, 1.0, 0.5]);
        // Everyone equal: no criterion to tell them apart.
        assert_eq!([n[0][1], n[1][1], n[2][1]], [0.0, 0.0, 0.0]);
        // Not assessed: the lowest.
        assert_eq!([n[0][9], n[1][9], n[2][9]], [1.0, 0.0, 0.0]);
    }

    #[test]
    fn weighted_sum_ranks_and_ties_keep_theme_order() {
        let raw = vec![
            row(&[(0, 0.0), (9, 5.0)]),
            row(&[(0, 10.0), (9, 1.0)]),
            row(&[(0, 10.0), (9, 1.0)]),
        ];
        let mut weights = [0.0; 14];
        weights[0] = 1.0;
        weights[9] = 3.0;
        let ranked = rank(&raw, &weights).unwrap();
        assert_eq!(ranked.scores, vec![0.75, 0.25, 0.25]);
        assert_eq!(ranked.places, vec![1, 2, 3]);
        assert!(rank(&raw, &[0.0; 14]).is_none());
        weights[3] = -1.0;
        assert!(rank(&raw, &weights).is_none());
    }
}
