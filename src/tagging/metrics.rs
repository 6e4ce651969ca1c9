//! How well suggestions match labels: precision, recall and F1 per theme,
//! micro-averaged (every tag counts once) and macro-averaged (every theme
//! counts once), and K-fold cross-validation of the engine on a labelled
//! file.

use std::fmt;

use super::engine::{Example, Model, ThemeSpec};

/// Counts for one theme.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub slug: String,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    /// Texts labelled with the theme.
    pub fn support(&self) -> usize {
        self.true_positives + self.false_negatives
    }

    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        ratio(
            2 * self.true_positives,
            2 * self.true_positives + self.false_positives + self.false_negatives,
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The scores of a set of suggestions against labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub texts: usize,
    pub themes: Vec<Counts>,
}

impl Report {
    /// Compares `suggested` with `gold`, text by text, over `slugs`.
    pub fn compare(slugs: &[String], gold: &[Vec<String>], suggested: &[Vec<String>]) -> Self {
        let themes = slugs
            .iter()
            .map(|slug| {
                let mut counts = Counts {
                    slug: slug.clone(),
                    ..Counts::default()
                };
                for (gold, suggested) in gold.iter().zip(suggested) {
                    match (gold.contains(slug), suggested.contains(slug)) {
                        (true, true) => counts.true_positives += 1,
                        (false, true) => counts.false_positives += 1,
                        (true, false) => counts.false_negatives += 1,
                        (false, false) => {}
                    }
                }
                counts
            })
            .collect();
        Self {
            texts: gold.len(),
            themes,
        }
    }

    fn total(&self) -> Counts {
        self.themes.iter().fold(Counts::default(), |mut sum, c| {
            sum.true_positives += c.true_positives;
            sum.false_positives += c.false_positives;
            sum.false_negatives += c.false_negatives;
            sum
        })
    }

    pub fn micro_precision(&self) -> f64 {
        self.total().precision()
    }

    pub fn micro_recall(&self) -> f64 {
        self.total().recall()
    }

    pub fn micro_f1(&self) -> f64 {
        self.total().f1()
    }

    fn macro_of(&self, measure: impl Fn(&Counts) -> f64) -> f64 {
        if self.themes.is_empty() {
            return 0.0;
        }
        self.themes.iter().map(measure).sum::<f64>() / self.themes.len() as f64
    }

    pub fn macro_precision(&self) -> f64 {
        self.macro_of(Counts::precision)
    }

    pub fn macro_recall(&self) -> f64 {
        self.macro_of(Counts::recall)
    }

    /// The mean of the themes' F1 (not the F1 of the mean precision and recall).
    pub fn macro_f1(&self) -> f64 {
        self.macro_of(Counts::f1)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} texts, {} themes", self.texts, self.themes.len())?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9}",
            "", "precision", "recall", "F1"
        )?;
        let rows = [
            (
                "micro",
                self.micro_precision(),
                self.micro_recall(),
                self.micro_f1(),
            ),
            (
                "macro",
                self.macro_precision(),
                self.macro_recall(),
                self.macro_f1(),
            ),
        ];
        for (name, p, r, f1) in rows {
            writeln!(f, "{name:<8} {p:>9.3} {r:>9.3} {f1:>9.3}")?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<16} {:>7} {:>4} {:>4} {:>4} {:>9} {:>9} {:>9}",
            "theme", "support", "tp", "fp", "fn", "precision", "recall", "F1"
        )?;
        for c in &self.themes {
            writeln!(
                f,
                "{:<16} {:>7} {:>4} {:>4} {:>4} {:>9.3} {:>9.3} {:>9.3}",
                c.slug,
                c.support(),
                c.true_positives,
                c.false_positives,
                c.false_negatives,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        Ok(())
    }
}

/// Scores a trained model on labelled texts.
pub fn evaluate(model: &Model, examples: &[Example]) -> Report {
    let stemmer = super::engine::text::stemmer();
    let slugs: Vec<String> = model.themes().iter().map(|t| t.slug.clone()).collect();
    let gold: Vec<Vec<String>> = examples.iter().map(|e| e.themes.clone()).collect();
    let suggested: Vec<Vec<String>> = examples
        .iter()
        .map(|e| model.suggest(&stemmer, &e.text))
        .collect();
    Report::compare(&slugs, &gold, &suggested)
}

/// K-fold cross-validation: each fold is scored by a model trained on the
/// others (plus `extra`, labelled texts that are never tested). Folds take
/// every K-th text, so the split is the same on every run.
pub fn cross_validate(
    themes: &[ThemeSpec],
    examples: &[Example],
    extra: &[Example],
    folds: usize,
) -> Report {
    let folds = folds.clamp(2, examples.len().max(2));
    let slugs: Vec<String> = themes.iter().map(|t| t.slug.clone()).collect();
    let stemmer = super::engine::text::stemmer();
    let mut suggested: Vec<Vec<String>> = vec![Vec::new(); examples.len()];
    for fold in 0..folds {
        let train: Vec<Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, e)| e.clone())
            .chain(extra.iter().cloned())
            .collect();
        let model = Model::train(themes, &train);
        for (i, example) in examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == fold)
        {
            suggested[i] = model.suggest(&stemmer, &example.text);
        }
    }
    let gold: Vec<Vec<String>> = examples.iter().map(|e| e.themes.clone()).collect();
    Report::compare(&slugs, &gold, &suggested)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn micro_and_macro_are_computed_from_counts() {
        // a: tp 2, fp 1, fn 0 -> P 2/3, R 1, F1 0.8; b: tp 1, fp 0, fn 1 -> P 1, R 0.5, F1 2/3.
        let gold = vec![
            strings(&["a"]),
            strings(&["a", "b"]),
            strings(&["b"]),
            strings(&[]),
        ];
        let suggested = vec![
            strings(&["a"]),
            strings(&["a", "b"]),
            strings(&[]),
            strings(&["a"]),
        ];
        let report = Report::compare(&strings(&["a", "b"]), &gold, &suggested);
        assert!((report.micro_precision() - 0.75).abs() < 1e-9);
        assert!((report.micro_recall() - 0.75).abs() < 1e-9);
        assert!((report.micro_f1() - 0.75).abs() < 1e-9);
        assert!((report.macro_f1() - (0.8 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert!((report.macro_precision() - (2.0 / 3.0 + 1.0) / 2.0).abs() < 1e-9);
        assert!(
            report
                .to_string()
                .contains("micro        0.750     0.750     0.750")
        );
    }

    /// The engine on the labelled seed it ships with, by 5-fold
    /// cross-validation: the bar for a tagger worth confirming.
    #[test]
    fn the_seed_cross_validates_above_the_bar() {
        let themes = crate::tagging::dataset::built_in_themes();
        let examples: Vec<Example> = crate::tagging::dataset::built_in()
            .iter()
            .map(|row| row.example())
            .collect();
        let report = cross_validate(&themes, &examples, &[], 5);
        println!("{report}");
        assert!(report.micro_f1() >= 0.82, "{report}");
        assert!(report.macro_f1() >= 0.80, "{report}");
    }
}
