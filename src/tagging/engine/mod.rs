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
use self::lexicon::{Lexicons, Match};
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
    lexicons: Lexicons,
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
        let keywords: Vec<Vec<String>> = themes.iter().map(|t| t.keywords.clone()).collect();
        let lexicons = Lexicons::new(&stemmer, &keywords);
        let (texts, labels) = prepare(&stemmer, themes, examples);
        let fitted = Fitted::fit(&texts, &labels, themes.len());
        let held_out = calibrate::held_out(texts.len(), |train, test| {
            let train_texts: Vec<Vec<Token>> = train.iter().map(|&i| texts[i].clone()).collect();
            let train_labels: Vec<Vec<bool>> = train.iter().map(|&i| labels[i].clone()).collect();
            let model = Fitted::fit(&train_texts, &train_labels, themes.len());
            test.iter()
                .map(|&i| model.probabilities(&texts[i]))
                .collect()
        });
        let lexical: Vec<Vec<f64>> = held_out
            .iter()
            .map(|(i, _)| {
                lexicons
                    .score(&texts[*i])
                    .into_iter()
                    .map(|m| m.score)
                    .collect()
            })
            .collect();
        let held_labels: Vec<Vec<bool>> =
            held_out.iter().map(|(i, _)| labels[*i].clone()).collect();
        let probabilities: Vec<Vec<Option<f64>>> = held_out.into_iter().map(|(_, p)| p).collect();
        let calibration =
            Calibration::choose(&probabilities, &lexical, &held_labels, lexicons.any());
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
        let read = self.read(stemmer, text);
        let mut scores: Vec<Score> = self
            .themes
            .iter()
            .enumerate()
            .map(|(at, theme)| Score {
                slug: theme.slug.clone(),
                confidence: read.confidences[at],
                suggested: read.chosen[at],
                words: self.reasons(at, &read.tokens, &read.vector, &read.matches[at].tokens),
            })
            .collect();
        scores.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        scores
    }

    /// The themes the model suggests for `text`, with their confidence,
    /// best first: what the background pass stores, without the reasons.
    pub fn suggestions(&self, stemmer: &Stemmer, text: &str) -> Vec<(String, f64)> {
        let read = self.read(stemmer, text);
        let mut out: Vec<(String, f64)> = self
            .themes
            .iter()
            .zip(read.confidences)
            .zip(read.chosen)
            .filter(|(_, chosen)| *chosen)
            .map(|((theme, confidence), _)| (theme.slug.clone(), confidence))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    /// The slugs the model suggests for `text`.
    pub fn suggest(&self, stemmer: &Stemmer, text: &str) -> Vec<String> {
        self.suggestions(stemmer, text)
            .into_iter()
            .map(|(slug, _)| slug)
            .collect()
    }

    /// A text as the model sees it, with every theme's confidence and
    /// whether it is suggested.
    fn read(&self, stemmer: &Stemmer, text: &str) -> Reading {
        let tokens = text::tokens(stemmer, text);
        let vector = self.features.vectorise(&tokens);
        let matches = self.lexicons.score(&tokens);
        let confidences = self.confidences(&vector, &matches);
        let chosen = self.calibration.decide(&confidences);
        Reading {
            tokens,
            vector,
            matches,
            confidences,
            chosen,
        }
    }

    fn confidences(&self, vector: &Vector, matches: &[Match]) -> Vec<f64> {
        self.classifiers
            .iter()
            .zip(matches)
            .map(|(classifier, lexical)| {
                let probability = classifier.as_ref().map(|c| c.probability(vector));
                self.calibration.blend(probability, lexical.score)
            })
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

/// One text read by a model; per theme, in the model's order.
struct Reading {
    tokens: Vec<Token>,
    vector: Vector,
    matches: Vec<Match>,
    confidences: Vec<f64>,
    chosen: Vec<bool>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn themes() -> Vec<ThemeSpec> {
        vec![
            ThemeSpec::new("sjomat", "fisk, laks, oppdrett, kai"),
            ThemeSpec::new("reiseliv", "turist, hotell, fottur"),
            ThemeSpec::new("kompetanse", ""),
        ]
    }

    fn example(text: &str, themes: &[&str]) -> Example {
        Example {
            text: text.to_owned(),
            themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    /// Texts about schooling, a theme with no keywords, among others.
    fn examples() -> Vec<Example> {
        let mut out = Vec::new();
        for i in 0..12 {
            out.push(example(
                &format!("Flere lærlingplasser og fagbrev for ungdom nr {i}"),
                &["kompetanse"],
            ));
            out.push(example(
                &format!("Nytt lakseslakteri ved kaia, runde {i}"),
                &["sjomat"],
            ));
            out.push(example(
                &format!("Turistene trenger flere hotellsenger, år {i}"),
                &["reiseliv"],
            ));
        }
        out
    }

    #[test]
    fn keywords_work_before_anything_is_learnt() {
        let model = Model::train(&themes(), &[]);
        assert_eq!(model.trained_on(), 0);
        let scores = model.score("Oppdrettsanlegget trenger ny kai");
        assert_eq!(scores.len(), 3);
        assert_eq!(scores[0].slug, "sjomat");
        assert!(scores[0].suggested);
        assert_eq!(scores[0].words, ["oppdrettsanlegget", "kai"]);
        assert!(
            scores[1..]
                .iter()
                .all(|s| !s.suggested && s.confidence == 0.0)
        );
        assert!(
            model
                .suggest(&text::stemmer(), "Hei, hva skjer?")
                .is_empty()
        );
    }

    #[test]
    fn training_teaches_a_theme_without_keywords() {
        let before = Model::train(&themes(), &[]);
        let text = "Vi må ha fagbrev og lærlingplasser";
        assert!(before.suggest(&text::stemmer(), text).is_empty());
        let after = Model::train(&themes(), &examples());
        assert_eq!(after.trained_on(), 36);
        assert_eq!(after.suggest(&text::stemmer(), text), ["kompetanse"]);
        let best = &after.score(text)[0];
        assert!(best.confidence > 0.5 && best.confidence <= 1.0, "{best:?}");
        assert!(
            best.words
                .iter()
                .any(|w| w == "fagbrev" || w == "lærlingplasser"),
            "{best:?}"
        );
    }

    #[test]
    fn labels_for_unknown_themes_are_ignored() {
        let model = Model::train(&themes(), &[example("Noe om skog", &["landbruk"])]);
        assert_eq!(model.trained_on(), 0);
    }

    #[test]
    fn a_stored_model_scores_as_the_original() -> Result<(), serde_json::Error> {
        let model = Model::train(&themes(), &examples());
        let stored = serde_json::to_string(&model)?;
        let loaded: Model = serde_json::from_str(&stored)?;
        for text in ["Laks og turister", "Fagbrev på kaia", "Ingenting her"] {
            assert_eq!(loaded.score(text), model.score(text), "{text}");
        }
        Ok(())
    }
}
