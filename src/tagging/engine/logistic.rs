//! Binary logistic regression with an L2 penalty, trained by stochastic
//! gradient descent (Bottou's schedule, with the penalty applied as one
//! scale factor so each step touches only the text's own features).

use serde::{Deserialize, Serialize};

use super::features::Vector;
use super::packed;

/// Updates per theme: enough passes for a few hundred texts to settle,
/// fewer (but at least `MIN_EPOCHS`) for thousands, so retraining time
/// grows slower than the data.
const UPDATES: usize = 60_000;
const MIN_EPOCHS: usize = 6;
const MAX_EPOCHS: usize = 30;

/// One theme's weights.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Logistic {
    #[serde(with = "packed::f32s")]
    weights: Vec<f32>,
    bias: f32,
}

impl Logistic {
    /// Fits `labels` (one per text) with penalty `lambda`; `order` is the
    /// shuffled visiting order of each pass, shared by every theme.
    pub fn fit(
        texts: &[Vector],
        labels: &[bool],
        features: usize,
        lambda: f64,
        orders: &[Vec<usize>],
    ) -> Self {
        let mut v = vec![0f64; features];
        let mut scale = 1.0f64;
        let mut bias = 0.0f64;
        // Step sizes start near 1/(lambda t0) = 0.5 and fall as 1/t.
        let t0 = 1.0 / (lambda * 0.5);
        let mut t = 0.0f64;
        for order in orders {
            for &at in order {
                let eta = 1.0 / (lambda * (t0 + t));
                t += 1.0;
                let text = &texts[at];
                let margin = scale
                    * text
                        .entries
                        .iter()
                        .map(|(f, x)| v[*f as usize] * f64::from(*x))
                        .sum::<f64>()
                    + bias;
                let y = if labels[at] { 1.0 } else { 0.0 };
                let gradient = sigmoid(margin) - y;
                scale *= 1.0 - eta * lambda;
                if scale < 1e-9 {
                    for weight in &mut v {
                        *weight *= scale;
                    }
                    scale = 1.0;
                }
                let step = eta * gradient / scale;
                for (f, x) in &text.entries {
                    v[*f as usize] -= step * f64::from(*x);
                }
                bias -= eta * gradient * 0.1;
            }
        }
        Self {
            weights: v.into_iter().map(|w| (w * scale) as f32).collect(),
            bias: bias as f32,
        }
    }

    /// The visiting orders for `n` texts: a fixed-seed shuffle per pass, so
    /// the same data always trains the same model.
    pub fn orders(n: usize) -> Vec<Vec<usize>> {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let epochs = (UPDATES / n.max(1)).clamp(MIN_EPOCHS, MAX_EPOCHS);
        (0..epochs)
            .map(|_| {
                let mut order: Vec<usize> = (0..n).collect();
                for i in (1..n).rev() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    let j = (state % (i as u64 + 1)) as usize;
                    order.swap(i, j);
                }
                order
            })
            .collect()
    }

    pub fn margin(&self, text: &Vector) -> f32 {
        self.bias
            + text
                .entries
                .iter()
                .map(|(f, x)| self.weights.get(*f as usize).copied().unwrap_or(0.0) * x)
                .sum::<f32>()
    }

    pub fn probability(&self, text: &Vector) -> f64 {
        sigmoid(f64::from(self.margin(text)))
    }

    /// What one feature adds to the margin for this text.
    pub fn contribution(&self, text: &Vector, feature: u32) -> f32 {
        self.weights.get(feature as usize).copied().unwrap_or(0.0) * text.get(feature)
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}
