//! `innspill tagger eval` and `innspill tagger train`: how good the tagger
//! is on a labelled file, and loading a labelled file as its seed.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, TransactionTrait};

use super::dataset::{self, Row};
use super::metrics::{self, Report};
use super::service::{self, Tagger, store};
use super::{Example, Model, ThemeSpec};
use crate::error::BoxError;

/// What `tagger eval` was asked to do.
#[derive(Clone, Debug)]
pub struct Eval {
    /// The labelled file the suggestions are scored against.
    pub file: PathBuf,
    /// Train on this file instead of the platform's own data.
    pub train: Option<PathBuf>,
    /// Cross-validate over `file` in this many folds.
    pub folds: Option<usize>,
}

/// What `tagger eval` found: a line saying what was trained on and how,
/// the figures, and anything the user should know about the files.
pub struct Evaluation {
    pub method: String,
    pub report: Report,
    pub warnings: Vec<String>,
}

/// Scores the tagger on a labelled file: trained on `--train`, or on the
/// platform's data (seed plus people's tags, without the file's texts),
/// with or without K-fold cross-validation over the file.
pub async fn eval(db: &impl ConnectionTrait, options: &Eval) -> Result<Evaluation, BoxError> {
    let test = read(&options.file)?;
    let (themes, source) = themes(db).await?;
    let mut warnings = unknown_slugs(&options.file, &test, &themes);
    let test_examples: Vec<Example> = test.iter().map(Row::example).collect();
    let file = options.file.display();
    let (method, report) = match &options.train {
        Some(train_path) => {
            if options.folds.is_some() {
                return Err("--folds cannot be combined with --train".into());
            }
            let train = read(train_path)?;
            warnings.extend(unknown_slugs(train_path, &train, &themes));
            let examples: Vec<Example> = train.iter().map(Row::example).collect();
            let method = format!(
                "Trained on {} ({} texts), tested on {file} ({} texts), {source}.",
                train_path.display(),
                examples.len(),
                test_examples.len()
            );
            (
                method,
                train_and_test(themes, examples, test_examples).await?,
            )
        }
        None => {
            let texts: HashSet<&str> = test.iter().map(|row| row.text.trim()).collect();
            let platform: Vec<Example> = service::training_examples(db)
                .await?
                .into_iter()
                .filter(|example| !texts.contains(example.text.trim()))
                .collect();
            let what = format!(
                "the platform's {} labelled texts (seed and people's tags) not in {file}",
                platform.len()
            );
            match options.folds {
                Some(folds) => {
                    let method = format!(
                        "{folds}-fold cross-validation on {file} ({} texts), each fold also \
                         trained on {what}, {source}.",
                        test_examples.len()
                    );
                    let report = tokio::task::spawn_blocking(move || {
                        metrics::cross_validate(&themes, &test_examples, &platform, folds)
                    })
                    .await?;
                    (method, report)
                }
                None => {
                    let method = format!(
                        "Trained on {what}, tested on {file} ({} texts), {source}.",
                        test_examples.len()
                    );
                    (
                        method,
                        train_and_test(themes, platform, test_examples).await?,
                    )
                }
            }
        }
    };
    Ok(Evaluation {
        method,
        report,
        warnings,
    })
}

async fn train_and_test(
    themes: Vec<ThemeSpec>,
    train: Vec<Example>,
    test: Vec<Example>,
) -> Result<Report, BoxError> {
    Ok(tokio::task::spawn_blocking(move || {
        let model = Model::train(&themes, &train);
        metrics::evaluate(&model, &test)
    })
    .await?)
}

/// The active themes of the database, or the built-in demo themes for a
/// database without any, and which of the two it is.
async fn themes(db: &impl ConnectionTrait) -> Result<(Vec<ThemeSpec>, String), BoxError> {
    let active = store::specs(&store::active_themes(db).await?);
    if active.is_empty() {
        let built_in = dataset::built_in_themes();
        let source = format!("{} built-in demo themes", built_in.len());
        return Ok((built_in, source));
    }
    let source = format!("{} active themes", active.len());
    Ok((active, source))
}

/// What `tagger train` did.
pub struct Trained {
    pub rows: usize,
    /// Distinct theme slugs in the file.
    pub themes: usize,
    /// The stored model, when there are active themes to train for.
    pub model: Option<service::ModelInfo>,
    pub warnings: Vec<String>,
}

/// Loads a labelled file as the seed (replacing the one before) and
/// retrains. A file with a bad line changes nothing.
pub async fn train(
    db: &(impl ConnectionTrait + TransactionTrait),
    tagger: &Tagger,
    path: &Path,
) -> Result<Trained, BoxError> {
    let rows = read(path)?;
    let specs = store::specs(&store::active_themes(db).await?);
    let warnings = unknown_slugs(path, &rows, &specs);
    let themes: HashSet<String> = rows.iter().flat_map(Row::slugs).collect();
    service::training::replace_seed(db, &rows).await?;
    let model = tagger.retrain(db).await?;
    Ok(Trained {
        rows: rows.len(),
        themes: themes.len(),
        model,
        warnings,
    })
}

/// Reads a labelled file; the error names the file and the bad line, and
/// a row id used twice is a bad line too.
fn read(path: &Path) -> Result<Vec<Row>, BoxError> {
    let file = std::fs::File::open(path)
        .map_err(|err| format!("cannot open {}: {err}", path.display()))?;
    let rows = dataset::read(std::io::BufReader::new(file))
        .map_err(|err| format!("{}: {err}", path.display()))?;
    let mut seen = HashSet::new();
    for (at, row) in rows.iter().enumerate() {
        if !seen.insert(row.id.as_str()) {
            return Err(format!(
                "{}: line {}: the id {} is used twice",
                path.display(),
                at + 2,
                row.id
            )
            .into());
        }
    }
    Ok(rows)
}

/// Slugs in the file that are not among `themes`, with how many rows have
/// each: the tagger ignores them, so the user should know.
fn unknown_slugs(path: &Path, rows: &[Row], themes: &[ThemeSpec]) -> Vec<String> {
    let known: HashSet<&str> = themes.iter().map(|theme| theme.slug.as_str()).collect();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    for slug in rows.iter().flat_map(Row::slugs) {
        if !known.contains(slug.as_str()) {
            *unknown.entry(slug).or_default() += 1;
        }
    }
    if unknown.is_empty() || themes.is_empty() {
        return Vec::new();
    }
    let list: Vec<String> = unknown
        .iter()
        .map(|(slug, count)| format!("{slug} ({count} rows)"))
        .collect();
    vec![format!(
        "{}: theme slugs that are not active themes, ignored: {}",
        path.display(),
        list.join(", ")
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, themes: &str) -> Row {
        Row {
            id: id.to_owned(),
            lang: "nb".to_owned(),
            channel: "idea".to_owned(),
            text: "tekst".to_owned(),
            themes: themes.to_owned(),
        }
    }

    #[test]
    fn unknown_slugs_are_named_with_their_rows() {
        let themes = [ThemeSpec::new("sjomat", "fisk")];
        let rows = [
            row("1", "sjomat;bolig"),
            row("2", "bolig"),
            row("3", "sjomat"),
        ];
        let warnings = unknown_slugs(Path::new("f.csv"), &rows, &themes);
        assert_eq!(
            warnings,
            ["f.csv: theme slugs that are not active themes, ignored: bolig (2 rows)"]
        );
        assert!(unknown_slugs(Path::new("f.csv"), &rows[2..], &themes).is_empty());
    }
}
