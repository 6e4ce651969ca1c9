//! The inputs' part of the evidence, grouped by the database. Each query
//! joins the published inputs to the tags people set or confirmed on active
//! themes and returns a few rows per theme, so a request reads some hundred
//! rows however many inputs there are; reading every input and every tag
//! into memory took over a second at 100,000 inputs. The queries run side
//! by side on the pool's connections.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryResult,
    Statement, Value,
};
use serde::Serialize;
use uuid::Uuid;

use super::{Count, Participation, QUOTES, ThemeInfo, effective_number};
use crate::entities::input::{self, Status};
use crate::entities::input_theme::Origin;
use crate::error::AppError;

/// A representative input, as the evidence quotes it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Quote {
    pub input_id: Uuid,
    pub channel: String,
    pub title: Option<String>,
    pub body: String,
    pub supports: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Default)]
pub(super) struct ThemeTally {
    pub inputs: u64,
    pub by_channel: Vec<Count>,
    pub contributors: u64,
    pub by_group: Vec<Count>,
    pub breadth: f64,
    pub trend: Vec<Count>,
    pub last_30_days: u64,
    pub previous_30_days: u64,
    pub dot_votes: u64,
    /// The most supported inputs, best first.
    pub quotes: Vec<Quote>,
}

pub(super) struct Tallies {
    pub participation: Participation,
    /// In the order of the themes given.
    pub themes: Vec<ThemeTally>,
}

/// The inputs that count, as `$1`–`$4` bind them: published, with a tag a
/// person set or confirmed, on an active theme. `join` adds a table.
fn counted(join: &str) -> String {
    format!(
        "FROM input_themes t \
         JOIN inputs i ON i.id = t.input_id \
         JOIN themes th ON th.id = t.theme_id {join} \
         WHERE i.status = $1 AND t.origin IN ($2, $3) AND th.active = $4"
    )
}

fn counted_values() -> Vec<Value> {
    vec![
        Status::Published.to_value().into(),
        Origin::Confirmed.to_value().into(),
        Origin::Manual.to_value().into(),
        true.into(),
    ]
}

/// `YYYY-MM` of a timestamp column, in UTC. SQLite keeps timestamps as
/// RFC 3339 text, which starts with the month.
fn month_of(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')"),
        _ => format!("substr({column}, 1, 7)"),
    }
}

/// Counts per channel, stakeholder group and month, and the last 30 days
/// against the 30 before them (`$5` and `$6` are 30 and 60 days ago).
fn breakdown_sql(backend: DbBackend) -> String {
    let month = month_of(backend, "i.created_at");
    format!(
        "SELECT t.theme_id AS theme_id, i.channel AS channel, \
         i.stakeholder_group AS grp, {month} AS month, COUNT(*) AS n, \
         SUM(CASE WHEN i.created_at >= $5 THEN 1 ELSE 0 END) AS recent, \
         SUM(CASE WHEN i.created_at >= $6 AND i.created_at < $5 THEN 1 ELSE 0 END) AS previous \
         {} GROUP BY t.theme_id, i.channel, i.stakeholder_group, {month}",
        counted("")
    )
}

/// Distinct senders: one per contact, and each input without one.
fn senders_sql() -> String {
    format!(
        "SELECT t.theme_id AS theme_id, COUNT(DISTINCT COALESCE(i.contact_id, i.id)) AS n \
         {} GROUP BY t.theme_id",
        counted("")
    )
}

fn tagged_sql() -> String {
    format!("SELECT COUNT(DISTINCT t.input_id) AS n {}", counted(""))
}

/// Each theme's most supported inputs (the newer first on a tie), `$5` of them.
fn top_sql() -> String {
    format!(
        "SELECT theme_id, id FROM (\
           SELECT t.theme_id AS theme_id, i.id AS id, ROW_NUMBER() OVER (\
             PARTITION BY t.theme_id \
             ORDER BY i.support_count DESC, i.created_at DESC, i.id DESC) AS place \
           {}) ranked \
         WHERE place <= $5 ORDER BY theme_id, place",
        counted("")
    )
}

/// Workshop dot votes: a note's votes count for every theme it carries.
fn dot_votes_sql() -> String {
    format!(
        "SELECT t.theme_id AS theme_id, SUM(n.votes) AS n {} AND n.votes > 0 \
         GROUP BY t.theme_id",
        counted("JOIN workshop_notes n ON n.input_id = i.id")
    )
}

fn participation_sql(backend: DbBackend) -> String {
    let month = month_of(backend, "created_at");
    format!(
        "SELECT channel, stakeholder_group AS grp, {month} AS month, COUNT(*) AS n \
         FROM inputs WHERE status = $1 GROUP BY channel, stakeholder_group, {month}"
    )
}

fn contributors_sql() -> &'static str {
    "SELECT COUNT(DISTINCT COALESCE(contact_id, id)) AS n FROM inputs WHERE status = $1"
}

/// Counts under keys, kept in key order.
#[derive(Default)]
struct Keyed(BTreeMap<String, u64>);

impl Keyed {
    fn add(&mut self, key: String, n: u64) {
        *self.0.entry(key).or_default() += n;
    }

    fn counts(&self) -> Vec<Count> {
        self.0
            .iter()
            .map(|(key, &count)| Count {
                key: key.clone(),
                count,
            })
            .collect()
    }

    fn values(&self) -> Vec<u64> {
        self.0.values().copied().collect()
    }
}

#[derive(Default)]
struct Running {
    inputs: u64,
    channels: Keyed,
    groups: Keyed,
    months: Keyed,
    recent: u64,
    previous: u64,
}

impl Running {
    fn add(&mut self, row: &QueryResult) -> Result<(), AppError> {
        let n = count(row, "n")?;
        self.inputs += n;
        self.channels.add(row.try_get("", "channel")?, n);
        self.groups.add(row.try_get("", "grp")?, n);
        self.months.add(row.try_get("", "month")?, n);
        Ok(())
    }
}

fn count(row: &QueryResult, column: &str) -> Result<u64, AppError> {
    let n: Option<i64> = row.try_get("", column)?;
    Ok(u64::try_from(n.unwrap_or(0)).unwrap_or(0))
}

pub(super) async fn tally(
    db: &impl ConnectionTrait,
    themes: &[ThemeInfo],
    now: DateTime<Utc>,
) -> Result<Tallies, AppError> {
    let backend = db.get_database_backend();
    let statement = |sql: String, extra: Vec<Value>| {
        let mut values = counted_values();
        values.extend(extra);
        Statement::from_sql_and_values(backend, sql, values)
    };
    let cutoffs = vec![
        (now - Duration::days(30)).into(),
        (now - Duration::days(60)).into(),
    ];
    let published = || vec![Status::Published.to_value().into()];
    let breakdown = statement(breakdown_sql(backend), cutoffs);
    let senders = statement(senders_sql(), Vec::new());
    let tagged = statement(tagged_sql(), Vec::new());
    let top = statement(top_sql(), vec![(QUOTES as i64).into()]);
    let dots = statement(dot_votes_sql(), Vec::new());
    let all = Statement::from_sql_and_values(backend, participation_sql(backend), published());
    let contributors = Statement::from_sql_and_values(backend, contributors_sql(), published());
    let (breakdown, senders, tagged, top, dots, all, contributors) = tokio::try_join!(
        db.query_all_raw(breakdown),
        db.query_all_raw(senders),
        db.query_all_raw(tagged),
        db.query_all_raw(top),
        db.query_all_raw(dots),
        db.query_all_raw(all),
        db.query_all_raw(contributors),
    )?;

    let at: HashMap<Uuid, usize> = themes.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let theme_of = |row: &QueryResult| -> Result<Option<usize>, AppError> {
        let id: Uuid = row.try_get("", "theme_id")?;
        Ok(at.get(&id).copied())
    };
    let mut running: Vec<Running> = themes.iter().map(|_| Running::default()).collect();
    for row in &breakdown {
        if let Some(t) = theme_of(row)? {
            running[t].add(row)?;
            running[t].recent += count(row, "recent")?;
            running[t].previous += count(row, "previous")?;
        }
    }
    let mut per_theme: Vec<ThemeTally> = running
        .iter()
        .map(|r| ThemeTally {
            inputs: r.inputs,
            by_channel: r.channels.counts(),
            by_group: r.groups.counts(),
            breadth: effective_number(r.groups.values()),
            trend: r.months.counts(),
            last_30_days: r.recent,
            previous_30_days: r.previous,
            ..ThemeTally::default()
        })
        .collect();
    for row in &senders {
        if let Some(t) = theme_of(row)? {
            per_theme[t].contributors = count(row, "n")?;
        }
    }
    for row in &dots {
        if let Some(t) = theme_of(row)? {
            per_theme[t].dot_votes = count(row, "n")?;
        }
    }
    let mut top_ids: Vec<(usize, Uuid)> = Vec::new();
    for row in &top {
        if let Some(t) = theme_of(row)? {
            top_ids.push((t, row.try_get("", "id")?));
        }
    }
    let quotes = quotes(db, top_ids.iter().map(|(_, id)| *id)).await?;
    for (t, id) in top_ids {
        // An input quoted under two themes is read once and cloned.
        if let Some(quote) = quotes.get(&id) {
            per_theme[t].quotes.push(quote.clone());
        }
    }

    let mut everyone = Running::default();
    for row in &all {
        everyone.add(row)?;
    }
    let first = |rows: &[QueryResult]| -> Result<u64, AppError> {
        rows.first().map_or(Ok(0), |row| count(row, "n"))
    };
    Ok(Tallies {
        participation: Participation {
            inputs: everyone.inputs,
            tagged: first(&tagged)?,
            contributors: first(&contributors)?,
            by_channel: everyone.channels.counts(),
            by_group: everyone.groups.counts(),
            by_month: everyone.months.counts(),
            ..Participation::default()
        },
        themes: per_theme,
    })
}

/// The quoted inputs, by id.
async fn quotes(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = Uuid>,
) -> Result<HashMap<Uuid, Quote>, AppError> {
    let ids: Vec<Uuid> = ids.collect();
    let mut out = HashMap::new();
    // Chunks keep the IN list well inside every database's parameter limit.
    for chunk in ids.chunks(500) {
        for m in input::Entity::find()
            .filter(input::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(
                m.id,
                Quote {
                    input_id: m.id,
                    channel: m.channel.to_value(),
                    title: m.title,
                    body: m.body,
                    supports: m.support_count,
                    created_at: m.created_at,
                },
            );
        }
    }
    Ok(out)
}
