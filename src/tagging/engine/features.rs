//! Character n-gram features weighted by TF-IDF: sub-linear term
//! frequency, smoothed inverse document frequency, each text's vector
//! scaled to unit length so long and short inputs weigh alike.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::packed;
use super::text::{Token, grams};

/// A text as features: (feature, weight) sorted by feature, and for each
/// of the text's tokens the features it gave (for explaining a score).
#[derive(Clone, Debug, Default)]
pub struct Vector {
    pub entries: Vec<(u32, f32)>,
    pub by_token: Vec<Vec<u32>>,
}

impl Vector {
    /// The weight of `feature`, zero when the text does not have it.
    pub fn get(&self, feature: u32) -> f32 {
        self.entries
            .binary_search_by_key(&feature, |(f, _)| *f)
            .map_or(0.0, |at| self.entries[at].1)
    }
}

/// The n-grams seen in training, each with its inverse document frequency.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(try_from = "Stored", into = "Stored")]
pub struct Features {
    index: HashMap<u64, u32>,
    idf: Vec<f32>,
}

impl Features {
    /// The vocabulary of `texts`.
    pub fn fit(texts: &[Vec<Token>]) -> Self {
        let mut document_frequency: HashMap<u64, u32> = HashMap::new();
        for text in texts {
            let mut seen: Vec<u64> = Vec::new();
            for token in text {
                grams(&token.word, |hash| seen.push(hash));
            }
            seen.sort_unstable();
            seen.dedup();
            for hash in seen {
                *document_frequency.entry(hash).or_default() += 1;
            }
        }
        let mut keys: Vec<(u64, u32)> = document_frequency.into_iter().collect();
        keys.sort_unstable();
        let n = texts.len() as f64;
        let idf = keys
            .iter()
            .map(|(_, df)| (((1.0 + n) / (1.0 + f64::from(*df))).ln() + 1.0) as f32)
            .collect();
        let index = keys
            .iter()
            .enumerate()
            .map(|(at, (hash, _))| (*hash, at as u32))
            .collect();
        Self { index, idf }
    }

    pub fn len(&self) -> usize {
        self.idf.len()
    }

    pub fn vectorise(&self, text: &[Token]) -> Vector {
        let mut by_token: Vec<Vec<u32>> = Vec::with_capacity(text.len());
        let mut all: Vec<u32> = Vec::with_capacity(text.len() * 12);
        for token in text {
            let mut mine = Vec::new();
            grams(&token.word, |hash| {
                if let Some(feature) = self.index.get(&hash) {
                    mine.push(*feature);
                }
            });
            all.extend_from_slice(&mine);
            by_token.push(mine);
        }
        all.sort_unstable();
        let mut entries: Vec<(u32, f32)> = Vec::with_capacity(all.len());
        for run in all.chunk_by(|a, b| a == b) {
            let tf = 1.0 + (run.len() as f32).ln();
            entries.push((run[0], tf * self.idf[run[0] as usize]));
        }
        let norm = entries.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            for entry in &mut entries {
                entry.1 /= norm;
            }
        }
        Vector { entries, by_token }
    }
}

#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(with = "packed::u64s")]
    keys: Vec<u64>,
    #[serde(with = "packed::f32s")]
    idf: Vec<f32>,
}

impl TryFrom<Stored> for Features {
    type Error = &'static str;

    fn try_from(stored: Stored) -> Result<Self, Self::Error> {
        if stored.keys.len() != stored.idf.len() {
            return Err("features: keys and weights differ in number");
        }
        let index = stored
            .keys
            .iter()
            .enumerate()
            .map(|(at, hash)| (*hash, at as u32))
            .collect();
        Ok(Self {
            index,
            idf: stored.idf,
        })
    }
}

impl From<Features> for Stored {
    fn from(features: Features) -> Self {
        let mut keys = vec![0u64; features.idf.len()];
        for (hash, at) in features.index {
            keys[at as usize] = hash;
        }
        Self {
            keys,
            idf: features.idf,
        }
    }
}
