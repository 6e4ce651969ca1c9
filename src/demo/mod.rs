//! `innspill demo`: fills an empty database with a demo programme for the
//! fictional municipality Eksempelvik: the eight candidate themes and
//! published ideas with support, from the labelled data built into the binary
//! (`assets/demo/`). By default each labelled idea once, over the last six
//! weeks; with `--ideas N`, N ideas composed from them over the programme
//! period, written in bulk, for trying the platform at scale. Visitors'
//! answers to the pairwise survey of the themes come with them, so the
//! prioritisation has more than the ideas to weigh.

mod compose;
pub(crate) mod data;
mod pairwise;
mod schedule;
mod title;
mod write;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};
use uuid::Uuid;

pub use data::{DemoData, INPUTS_FILE, INPUTS_FILE_ORIGINAL, MIN_BODY_CHARS, THEMES_FILE};
pub use title::short_title;

use crate::audit::service::{self as audit, Entry};
use crate::entities::input;
use crate::error::AppError;
use crate::settings::service::{self as settings, Programme};
use crate::themes::service::{self as themes, ImportError, ImportReport};
use compose::{Composer, Draft, random_location};
use schedule::{GENERATED_SPREAD, LABELLED_SPREAD, Window};
use write::{Batch, IDEAS_PER_BATCH, Planned};

/// Sets the pairwise votes' random stream apart from the ideas'.
const VOTES_STREAM: u64 = 0x7061_6972_7769_7365;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the database already holds {0} inputs; `innspill demo --force` adds the demo content anyway"
    )]
    NotEmpty(u64),
    #[error(
        "no demo data: {} does not hold {THEMES_FILE} and {INPUTS_FILE} (or {INPUTS_FILE_ORIGINAL})",
        .0.display()
    )]
    DataNotFound(PathBuf),
    #[error("cannot read {}", .0.display())]
    Unreadable(PathBuf, #[source] std::io::Error),
    #[error("{file}: {problem}")]
    BadFile { file: String, problem: String },
    #[error("the data holds no idea with at least {MIN_BODY_CHARS} characters of text")]
    NoIdeas,
    #[error("the themes were not imported")]
    Themes(#[from] ImportError),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sea_orm::DbErr> for DemoError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::App(err.into())
    }
}

/// What to load.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Load even when the database already holds inputs.
    pub force: bool,
    /// Compose this many ideas instead of loading each labelled idea once.
    pub ideas: Option<usize>,
    /// Makes the content (not the dates, which follow the clock) repeatable.
    pub seed: Option<u64>,
    /// A folder to read the data from instead of the built-in data.
    pub data: Option<PathBuf>,
}

/// What a run did.
#[derive(Debug)]
pub struct DemoReport {
    /// Where the data came from, for the summary.
    pub source: String,
    pub themes: ImportReport,
    pub ideas: usize,
    pub supports: usize,
    /// Answers in the pairwise survey of the themes.
    pub pairwise_votes: usize,
    /// The oldest and newest publication date given.
    pub published: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The programme settings written, when they were still the defaults.
    pub settings: Option<Programme>,
}

/// Where each idea's text comes from.
enum Source {
    /// The labelled ideas, each once, in a shuffled order.
    Labelled(Vec<data::DemoIdea>),
    Composed(Composer),
}

impl Source {
    fn draft(&self, slot: usize, rng: &mut StdRng) -> Draft {
        match self {
            Source::Labelled(ideas) => {
                let idea = &ideas[slot % ideas.len()];
                Draft {
                    title: idea.title.clone(),
                    body: idea.body.clone(),
                    language: idea.language,
                    themes: idea.themes.clone(),
                    location: random_location(rng),
                }
            }
            Source::Composed(composer) => composer.compose(rng),
        }
    }
}

/// Loads the demo content in one transaction, so a failed run leaves the
/// database as it was. A database that already holds inputs is left alone
/// unless `options.force` is set.
pub async fn load(db: &DatabaseConnection, options: &Options) -> Result<DemoReport, DemoError> {
    let data = match &options.data {
        Some(dir) => DemoData::from_dir(dir)?,
        None => DemoData::embedded(),
    };
    let rows = data.rows()?;
    let seed = options.seed.unwrap_or_else(rand::random);
    let mut rng = StdRng::seed_from_u64(seed);
    // A stream of its own: the ideas' draws depend on the clock (support
    // times fall between publication and now), the votes only on the seed.
    let mut votes_rng = StdRng::seed_from_u64(seed ^ VOTES_STREAM);

    let txn = crate::db::begin(db).await?;
    let existing = input::Entity::find().count(&txn).await?;
    if existing > 0 && !options.force {
        return Err(DemoError::NotEmpty(existing));
    }
    let themes = themes::import_csv(&txn, None, data.themes.as_bytes()).await?;
    let theme_ids: HashMap<String, Uuid> = themes::list(&txn)
        .await?
        .into_iter()
        .map(|theme| (theme.slug, theme.id))
        .collect();
    let written_settings = schedule::demo_settings(&txn).await?;
    let programme = settings::current(&txn).await?;

    let now = Utc::now();
    let (source, count, window) = match options.ideas {
        None => {
            let mut ideas = data::ideas(&rows);
            ideas.shuffle(&mut rng);
            let count = ideas.len();
            let window = Window::last(LABELLED_SPREAD, now);
            (Source::Labelled(ideas), count, window)
        }
        Some(count) => {
            let composer = Composer::new(&rows).ok_or(DemoError::NoIdeas)?;
            let window = Window::of_programme(&programme, GENERATED_SPREAD, now);
            (Source::Composed(composer), count, window)
        }
    };
    if count == 0 {
        return Err(DemoError::NoIdeas);
    }

    let mut report = DemoReport {
        source: data.source.clone(),
        themes,
        ideas: 0,
        supports: 0,
        pairwise_votes: 0,
        published: None,
        settings: written_settings,
    };
    let mut batch = Batch::default();
    for slot in 0..count {
        let draft = source.draft(slot, &mut rng);
        let (created_at, published_at) = window.moment(slot, count, now, &mut rng);
        let supports = schedule::support_count(slot, &mut rng);
        report.ideas += 1;
        report.supports += supports;
        report.published = Some(match report.published {
            Some((first, last)) => (first.min(published_at), last.max(published_at)),
            None => (published_at, published_at),
        });
        let planned = Planned {
            draft,
            created_at,
            published_at,
            supports,
        };
        batch.push(planned, &theme_ids, now, &mut rng);
        if batch.len() >= IDEAS_PER_BATCH {
            batch.write(&txn).await?;
        }
    }
    batch.write(&txn).await?;
    report.pairwise_votes = pairwise::vote(&txn, &mut votes_rng, count, now).await?;
    audit::record(
        &txn,
        Entry::new(None, "demo.load").details(format!(
            "themes: {} created, {} updated; ideas: {}; supports: {}; pairwise votes: {}",
            report.themes.created,
            report.themes.updated,
            report.ideas,
            report.supports,
            report.pairwise_votes
        )),
    )
    .await?;
    txn.commit().await?;
    // The rows went in without their stemmed search text; fill it in (and
    // the SQLite full-text table) the way a migration fills older inputs.
    crate::inputs::search::index_pending(db).await?;
    // Fresh planner statistics: after a bulk load PostgreSQL would otherwise
    // plan the first pages on an empty table's estimates until autovacuum runs.
    db.execute_unprepared("ANALYZE").await?;
    Ok(report)
}
