//! `innspill demo`: fills an empty database with a demo programme, the eight
//! candidate themes and residents' ideas from the labelled development data
//! (`../shared/data/tagging/`), published over the last six weeks, with support.
//!
//! The data files live outside the repository, so they are read at run time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use sea_orm::{
    ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::entities::{input, support};
use crate::error::AppError;
use crate::ideas::service::{self as ideas, NewIdea};
use crate::inputs::StakeholderGroup;
use crate::settings::service::{self as settings, ModerationMode, Programme};
use crate::themes::service::{self as themes, ImportError, ImportReport};
use crate::web::Lang;

pub const THEMES_FILE: &str = "themes.csv";
pub const IDEAS_FILE: &str = "dev.csv";
/// Where the data sits next to a clone of the project.
const SHARED_DATA: &str = "../shared/data/tagging";
/// Rows with less text than this make poor ideas and are skipped.
pub const MIN_BODY_CHARS: usize = 20;
const TITLE_MAX_CHARS: usize = 80;
/// How far back the ideas' dates reach.
const SPREAD: Duration = Duration::weeks(6);

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the database already holds {0} inputs; `innspill demo --force` adds the demo content anyway"
    )]
    NotEmpty(u64),
    #[error("no demo data: {THEMES_FILE} and {IDEAS_FILE} are not in {}; name the folder with --data PATH", places(.0))]
    DataNotFound(Vec<PathBuf>),
    #[error("cannot read {}", .0.display())]
    Unreadable(PathBuf, #[source] std::io::Error),
    #[error("{}: {problem}", file.display())]
    BadFile { file: PathBuf, problem: String },
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

fn places(dirs: &[PathBuf]) -> String {
    dirs.iter()
        .map(|dir| dir.display().to_string())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The folder with the data: `explicit` when given, else `../shared/data/tagging`
/// from the current directory, else from the source tree the binary was built in.
pub fn locate_data(explicit: Option<&Path>) -> Result<PathBuf, DemoError> {
    let candidates = match explicit {
        Some(dir) => vec![dir.to_path_buf()],
        None => {
            let mut dirs = vec![PathBuf::from(SHARED_DATA)];
            let built = Path::new(env!("CARGO_MANIFEST_DIR")).join(SHARED_DATA);
            if std::fs::canonicalize(&built).ok() != std::fs::canonicalize(&dirs[0]).ok() {
                dirs.push(built);
            }
            dirs
        }
    };
    candidates
        .iter()
        .find(|dir| dir.join(THEMES_FILE).is_file() && dir.join(IDEAS_FILE).is_file())
        .cloned()
        .ok_or(DemoError::DataNotFound(candidates))
}

/// One idea row of the data set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoIdea {
    pub title: String,
    pub body: String,
    pub language: Lang,
    pub themes: Vec<String>,
}

/// The rows of `dev.csv` (`id,lang,channel,text,themes`) with channel `idea`
/// and at least [`MIN_BODY_CHARS`] characters of text.
pub fn read_ideas(reader: impl std::io::Read) -> Result<Vec<DemoIdea>, String> {
    let mut csv = csv::Reader::from_reader(reader);
    let header = csv.headers().map_err(|err| err.to_string())?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("the column {name} is missing"))
    };
    let (lang, channel, text, theme_list) = (
        column("lang")?,
        column("channel")?,
        column("text")?,
        column("themes")?,
    );
    let mut ideas = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|err| err.to_string())?;
        let cell = |index: usize| record.get(index).unwrap_or_default().trim();
        let body = cell(text);
        if cell(channel) != "idea" || body.chars().count() < MIN_BODY_CHARS {
            continue;
        }
        ideas.push(DemoIdea {
            title: short_title(body),
            body: body.to_owned(),
            language: Lang::from_code(cell(lang)).unwrap_or_default(),
            themes: cell(theme_list)
                .split(';')
                .map(str::trim)
                .filter(|slug| !slug.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    Ok(ideas)
}

/// A title from an idea's text: its first sentence, or the first clause of a
/// long one, cut at a word boundary with "…" beyond 80 characters, and
/// starting with a capital letter.
pub fn short_title(text: &str) -> String {
    let title = shortened(text);
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => title,
    }
}

fn shortened(text: &str) -> String {
    let text = text.trim();
    let mut title = first_piece(text, &['.', '!', '?'], char::is_uppercase);
    if title.chars().count() > TITLE_MAX_CHARS {
        let clause = first_piece(title, &[',', ';', ':'], |_| true);
        if clause.chars().count() >= MIN_BODY_CHARS {
            title = clause;
        }
    }
    if title.chars().count() <= TITLE_MAX_CHARS {
        return title.trim_end_matches(['.', ',', ';', ':']).to_owned();
    }
    let room: String = title.chars().take(TITLE_MAX_CHARS - 1).collect();
    let cut = match room.rfind(char::is_whitespace) {
        Some(space) => &room[..space],
        None => room.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// `text` up to the first of `ends` that closes a sentence or clause, without
/// it: one followed by the end, or by whitespace and a character `next` accepts
/// (so "ca. 5" does not end a sentence).
fn first_piece<'a>(text: &'a str, ends: &[char], next: fn(char) -> bool) -> &'a str {
    for (index, c) in text.char_indices().skip(1) {
        if !ends.contains(&c) {
            continue;
        }
        let rest = &text[index + c.len_utf8()..];
        let closes = rest.trim_start().chars().next().is_none_or(next)
            && (rest.is_empty() || rest.starts_with(char::is_whitespace));
        if closes {
            return text[..index].trim_end();
        }
    }
    text
}

/// What a run did.
#[derive(Debug)]
pub struct DemoReport {
    pub data: PathBuf,
    pub themes: ImportReport,
    pub ideas: usize,
    pub supports: usize,
    /// The oldest and newest publication date given.
    pub published: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The programme settings written, when they were still the defaults.
    pub settings: Option<Programme>,
}

/// Loads the demo content from `data` (see [`locate_data`]). A database that
/// already holds inputs is left alone unless `force` is set.
pub async fn load(
    db: &DatabaseConnection,
    data: &Path,
    force: bool,
) -> Result<DemoReport, DemoError> {
    let existing = input::Entity::find().count(db).await?;
    if existing > 0 && !force {
        return Err(DemoError::NotEmpty(existing));
    }
    let ideas_path = data.join(IDEAS_FILE);
    let file = std::fs::File::open(&ideas_path)
        .map_err(|err| DemoError::Unreadable(ideas_path.clone(), err))?;
    let rows = read_ideas(file).map_err(|problem| DemoError::BadFile {
        file: ideas_path,
        problem,
    })?;
    let themes_path = data.join(THEMES_FILE);
    let file = std::fs::File::open(&themes_path)
        .map_err(|err| DemoError::Unreadable(themes_path.clone(), err))?;
    let themes = themes::import_csv(db, None, std::io::BufReader::new(file)).await?;
    let theme_ids: HashMap<String, Uuid> = themes::list(db)
        .await?
        .into_iter()
        .map(|theme| (theme.slug, theme.id))
        .collect();
    let settings = demo_settings(db).await?;

    // Seeded once from the thread's generator: unlike it, this one may be
    // held across the awaits below in a future that is sent between threads.
    let mut rng = StdRng::seed_from_u64(rand::random());
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.shuffle(&mut rng);
    let now = Utc::now();
    let mut report = DemoReport {
        data: data.to_path_buf(),
        themes,
        ideas: 0,
        supports: 0,
        published: None,
        settings,
    };
    for (slot, &row) in order.iter().enumerate() {
        let idea = &rows[row];
        // Evenly over the six weeks, oldest first, each at a random time in its slot.
        let share = (slot as f64 + rng.random::<f64>()) / rows.len() as f64;
        let age = SPREAD.num_seconds() as f64 * (1.0 - share);
        let created_at = now - Duration::seconds(age as i64);
        let published_at =
            (created_at + Duration::minutes(rng.random_range(20..=36 * 60))).min(now);
        // Most ideas get a handful of supports; about one in nine draws a crowd.
        let supports = if slot % 9 == 4 {
            rng.random_range(10..=30)
        } else {
            [0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5][rng.random_range(0..11)]
        };
        let new = NewIdea {
            title: idea.title.clone(),
            body: idea.body.clone(),
            themes: idea
                .themes
                .iter()
                .filter_map(|slug| theme_ids.get(slug).copied())
                .collect(),
            group: random_group(&mut rng),
            location: random_location(&mut rng),
            language: idea.language,
            contact: None,
            idempotency_key: None,
        };
        let receipt = ideas::submit(db, new, ModerationMode::Post, None).await?;
        backdate(db, receipt.id, created_at, published_at, supports, &mut rng).await?;
        report.ideas += 1;
        report.supports += supports;
        report.published = Some(match report.published {
            Some((first, last)) => (first.min(published_at), last.max(published_at)),
            None => (published_at, published_at),
        });
    }
    audit::record(
        db,
        Entry::new(None, "demo.load").details(format!(
            "themes: {} created, {} updated; ideas: {}; supports: {}",
            report.themes.created, report.themes.updated, report.ideas, report.supports
        )),
    )
    .await?;
    Ok(report)
}

/// Gives a stored idea its place in time and `count` supports after it was published.
async fn backdate(
    db: &DatabaseConnection,
    id: Uuid,
    created_at: DateTime<Utc>,
    published_at: DateTime<Utc>,
    count: usize,
    rng: &mut impl rand::Rng,
) -> Result<(), DemoError> {
    let txn = db.begin().await?;
    input::Entity::update(input::ActiveModel {
        id: Set(id),
        created_at: Set(created_at),
        updated_at: Set(published_at),
        published_at: Set(Some(published_at)),
        support_count: Set(i32::try_from(count).unwrap_or(i32::MAX)),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let window = (Utc::now() - published_at).num_seconds().max(1);
    let rows: Vec<support::ActiveModel> = (0..count)
        .map(|_| support::ActiveModel {
            id: Set(Uuid::now_v7()),
            input_id: Set(id),
            browser_hash: Set(random_hash(rng)),
            address_hash: Set(random_hash(rng)),
            created_at: Set(published_at + Duration::seconds(rng.random_range(0..window))),
        })
        .collect();
    if !rows.is_empty() {
        support::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

fn random_hash(rng: &mut impl rand::Rng) -> String {
    hex::encode(rng.random::<[u8; 32]>())
}

/// Senders as a municipality's campaign would draw them: residents first.
fn random_group(rng: &mut impl rand::Rng) -> StakeholderGroup {
    match rng.random_range(0..100) {
        0..45 => StakeholderGroup::Resident,
        45..63 => StakeholderGroup::BusinessOwner,
        63..75 => StakeholderGroup::Employee,
        75..84 => StakeholderGroup::Youth,
        84..92 => StakeholderGroup::PublicEmployee,
        _ => StakeholderGroup::Other,
    }
}

/// Places in the fictional municipality; about a third of ideas name one.
fn random_location(rng: &mut impl rand::Rng) -> Option<String> {
    const PLACES: [&str; 8] = [
        "Sentrum",
        "Havna",
        "Nordbygda",
        "Storøya",
        "Industriområdet på Neset",
        "Fjellstua",
        "Sørvika",
        "Hele kommunen",
    ];
    rng.random_bool(0.35)
        .then(|| PLACES[rng.random_range(0..PLACES.len())].to_owned())
}

/// Names the demo programme, unless someone has already set the settings.
async fn demo_settings(db: &DatabaseConnection) -> Result<Option<Programme>, DemoError> {
    if settings::current(db).await? != Programme::default() {
        return Ok(None);
    }
    let today = Utc::now().date_naive();
    let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let programme = Programme {
        programme_name: "Omstilling Eksempelvik 2030".to_owned(),
        municipality_name: "Eksempelvik".to_owned(),
        municipality_number: "9999".to_owned(),
        period_start: Some(start),
        period_end: start
            .checked_add_months(chrono::Months::new(72))
            .map(|end| end - Duration::days(1)),
        ..Programme::default()
    };
    settings::save(db, &programme).await?;
    Ok(Some(programme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_the_first_sentence_or_clause_within_80_characters() {
        assert_eq!(
            short_title(
                "Lag pakketurer sammen med nabokommunene, en turist gidder ikke kjøre. Vi må selges som en region"
            ),
            "Lag pakketurer sammen med nabokommunene, en turist gidder ikke kjøre"
        );
        assert_eq!(
            short_title("Flere benker i sentrum!"),
            "Flere benker i sentrum"
        );
        assert_eq!(
            short_title("øvre del av elva bør ryddes"),
            "Øvre del av elva bør ryddes"
        );
        let long = "Jeg foreslår at kommunen kjøper opp noe av dyrkamarka som ligger brakk og leier den ut billig til de som vil drive";
        let title = short_title(long);
        assert!(
            title.ends_with('…') && title.chars().count() <= 80,
            "{title}"
        );
        assert!(long.starts_with(title.trim_end_matches('…')), "{title}");
        assert!(!title.trim_end_matches('…').ends_with(' '));
        let clause = "Bygg ut havna i Sørvika med ny kai for fiskeflåten og turistbåtene, slik at flere kan legge til her om sommeren og høsten";
        assert_eq!(
            short_title(clause),
            "Bygg ut havna i Sørvika med ny kai for fiskeflåten og turistbåtene"
        );
        assert_eq!(
            short_title("Ca. 5 nye hytter ved Fjellstua. Det trengs."),
            "Ca. 5 nye hytter ved Fjellstua"
        );
    }

    #[test]
    fn reads_idea_rows_with_enough_text() {
        let csv = "id,lang,channel,text,themes\n\
            a,nb,idea,\"Flere benker i sentrum, takk\",attraktivitet\n\
            b,nn,idea,\"Betre ferjesamband til byen\",infrastruktur;reiseliv\n\
            c,nb,survey,\"Vet ikke, kanskje hytteutleie\",reiseliv\n\
            d,nb,idea,For kort,landbruk\n";
        let ideas = read_ideas(csv.as_bytes()).expect("parses");
        assert_eq!(ideas.len(), 2);
        assert_eq!(ideas[1].language, Lang::Nn);
        assert_eq!(ideas[1].themes, ["infrastruktur", "reiseliv"]);
        assert_eq!(ideas[0].title, "Flere benker i sentrum, takk");
        assert!(read_ideas("id,text\n1,hei\n".as_bytes()).is_err());
    }
}
