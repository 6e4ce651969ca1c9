//! The tagging engine: for a text, every theme with a confidence in [0, 1]
//! and the words that drove it. Pure: no database, no HTTP.
//!
//! A theme's confidence blends two opinions: its keyword lexicon (which
//! works from the first day) and a one-vs-rest logistic regression over
//! character n-grams trained on labelled inputs. How much each counts, and
//! each theme's threshold for being suggested, are chosen on held-out
//! predictions (`calibrate`), not on the data the weights were fitted to.

mod calibrate;
mod features;
mod lexicon;
mod logistic;
mod packed;
pub mod text;

use rust_stemmers::Stemmer;
use serde::{Deserialize, Serialize};

use self::calibrate::Calibration;
use self::features::{Features, Vector};
use self::lexicon::Lexicon;
use self::logistic::Logistic;
use self::text::Token;

/// Penalty strength times the number of training texts (the inverse of
/// scikit-learn's C): weak, because TF-IDF vectors are already unit length.
const PENALTY: f64 = 0.1;
/// Words shown as the reason for a theme.
const REASONS: usize = 3;

/// A theme as the tagger knows it: its slug and the keywords facilitators
/// gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSpec {
    pub slug: String,
    pub keywords: Vec<String>,
}

impl ThemeSpec {
    /// A theme with its keywords as stored: one comma-separated line.
    pub fn new(slug: &str, keywords: &str) -> Self {
        Self {
            slug: slug.to_owned(),
            keywords: keywords
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// A labelled text: what people said its themes are (slugs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub themes: Vec<String>,
}

/// One theme's verdict on a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub slug: String,
    /// In [0, 1].
    pub confidence: f64,
    /// Whether the tagger proposes the theme (confidence at or above the
    /// theme's threshold, or the best theme of a text that clears none).
    pub suggested: bool,
    /// The text's words that counted most for the theme, as written.
    pub words: Vec<String>,
}

/// A trained tagger, stored in the database as JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Model {
    themes: Vec<ThemeSpec>,
    lexicons: Vec<Lexicon>,
    features: Features,
    /// One per theme; `None` for a theme with no labelled text to learn from.
    classifiers: Vec<Option<Logistic>>,
    calibration: Calibration,
    trained_on: usize,
}

impl Model {
    /// Trains on `examples`; labels that are not among `themes` are ignored,
    /// and so is an example left with none.
    pub fn train(themes: &[ThemeSpec], examples: &[Example]) -> Self {
        let stemmer = text::stemmer();
        let lexicons: Vec<Lexicon> = themes
            .iter()
            .map(|theme| Lexicon::new(&stemmer, &theme.keywords))
            .collect();
        let (texts, labels) = prepare(&stemmer, themes, examples);
        let fitted = Fitted::fit(&texts, &labels, themes.len());
        let held_out = calibrate::held_out(&texts, &labels, themes.len(), |train, test| {
            let train_texts: Vec<Vec<Token>> = train.iter().map(|&i| texts[i].clone()).collect();
            let train_labels: Vec<Vec<bool>> = train.iter().map(|&i| labels[i].clone()).collect();
            let model = Fitted::fit(&train_texts, &train_labels, themes.len());
            test.iter()
                .map(|&i| model.probabilities(&texts[i]))
                .collect()
        });
        let lexicon_scores: Vec<Vec<f64>> = texts
            .iter()
            .map(|text| lexicons.iter().map(|l| l.score(text).0).collect())
            .collect();
        let any_keywords = lexicons.iter().any(|l| !l.is_empty());
        let calibration = Calibration::choose(&held_out, &lexicon_scores, &labels, any_keywords);
        Self {
            themes: themes.to_vec(),
            lexicons,
            features: fitted.features,
            classifiers: fitted.classifiers,
            calibration,
            trained_on: texts.len(),
        }
    }

    /// The themes the model was trained for, in its order.
    pub fn themes(&self) -> &[ThemeSpec] {
        &self.themes
    }

    /// How many labelled texts it learnt from.
    pub fn trained_on(&self) -> usize {
        self.trained_on
    }

    /// Every theme's score for `text`, best first.
    pub fn score(&self, text: &str) -> Vec<Score> {
        self.score_with(&text::stemmer(), text)
    }

    /// As [`Model::score`], reusing one stemmer over many texts.
    pub fn score_with(&self, stemmer: &Stemmer, text: &str) -> Vec<Score> {
        let tokens = text::tokens(stemmer, text);
        let vector = self.features.vectorise(&tokens);
        let mut scores: Vec<Score> = Vec::with_capacity(self.themes.len());
        let mut raw: Vec<f64> = Vec::with_capacity(self.themes.len());
        for (at, theme) in self.themes.iter().enumerate() {
            let (lexical, matched) = self.lexicons[at].score(&tokens);
            let probability = self.classifiers[at]
                .as_ref()
                .map(|classifier| classifier.probability(&vector));
            let confidence = self.calibration.blend(probability, lexical);
            raw.push(confidence);
            scores.push(Score {
                slug: theme.slug.clone(),
                confidence,
                suggested: false,
                words: self.reasons(at, &tokens, &vector, &matched),
            });
        }
        let chosen = self.calibration.decide(&raw);
        for (score, chosen) in scores.iter_mut().zip(chosen) {
            score.suggested = chosen;
        }
        scores.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        scores
    }

    /// The slugs the model suggests for `text`.
    pub fn suggest(&self, stemmer: &Stemmer, text: &str) -> Vec<String> {
        self.score_with(stemmer, text)
            .into_iter()
            .filter(|score| score.suggested)
            .map(|score| score.slug)
            .collect()
    }

    /// The words that pushed theme `at` up most: keyword matches first,
    /// then the words whose n-grams carry the most weight.
    fn reasons(
        &self,
        at: usize,
        tokens: &[Token],
        vector: &Vector,
        matched: &[usize],
    ) -> Vec<String> {
        let mut weighed: Vec<(f32, usize)> = tokens
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let model = self.classifiers[at].as_ref().map_or(0.0, |classifier| {
                    vector.by_token[i]
                        .iter()
                        .map(|feature| classifier.contribution(vector, *feature))
                        .sum::<f32>()
                });
                let keyword = if matched.contains(&i) { 100.0 } else { 0.0 };
                (keyword + model, i)
            })
            .filter(|(weight, _)| *weight > 0.05)
            .collect();
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut words: Vec<String> = Vec::new();
        for (_, i) in weighed {
            let word = &tokens[i].word;
            if !words.contains(word) {
                words.push(word.clone());
            }
            if words.len() == REASONS {
                break;
            }
        }
        words
    }
}

/// The labelled texts as tokens, and for each a flag per theme.
fn prepare(
    stemmer: &Stemmer,
    themes: &[ThemeSpec],
    examples: &[Example],
) -> (Vec<Vec<Token>>, Vec<Vec<bool>>) {
    examples
        .iter()
        .filter_map(|example| {
            let flags: Vec<bool> = themes
                .iter()
                .map(|theme| example.themes.contains(&theme.slug))
                .collect();
            flags
                .contains(&true)
                .then(|| (text::tokens(stemmer, &example.text), flags))
        })
        .unzip()
}

/// Features and one classifier per theme, fitted to one set of texts.
struct Fitted {
    features: Features,
    classifiers: Vec<Option<Logistic>>,
}

impl Fitted {
    fn fit(texts: &[Vec<Token>], labels: &[Vec<bool>], themes: usize) -> Self {
        let features = Features::fit(texts);
        let vectors: Vec<Vector> = texts.iter().map(|t| features.vectorise(t)).collect();
        let orders = Logistic::orders(texts.len());
        let lambda = PENALTY / texts.len().max(1) as f64;
        let classifiers = (0..themes)
            .map(|at| {
                let flags: Vec<bool> = labels.iter().map(|l| l[at]).collect();
                flags
                    .contains(&true)
                    .then(|| Logistic::fit(&vectors, &flags, features.len(), lambda, &orders))
            })
            .collect();
        Self {
            features,
            classifiers,
        }
    }

    fn probabilities(&self, text: &[Token]) -> Vec<Option<f64>> {
        let vector = self.features.vectorise(text);
        self.classifiers
            .iter()
            .map(|c| c.as_ref().map(|c| c.probability(&vector)))
            .collect()
    }
}
