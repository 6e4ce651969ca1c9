//! The inputs' part of the evidence, read in two passes over the database
//! (published inputs, then the tags people set or confirmed), side by side,
//! and tallied in memory. At 100,000 inputs that is far cheaper than grouping
//! in SQL: on SQLite the joins of tags to inputs took 4 s against 1 s (see
//! the README), and it gives SQLite and PostgreSQL the same arithmetic. Each
//! input's channel, group, sender and month become small numbers once, so
//! counting it under each of its themes allocates nothing.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, Utc};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QuerySelect,
};
use serde::Serialize;
use uuid::Uuid;

use super::{Count, Participation, QUOTES, ThemeInfo, effective_number};
use crate::entities::input::{self, Channel, Status};
use crate::entities::input_theme::{self, Origin};
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
}

pub(super) struct Tallies {
    pub participation: Participation,
    pub themes: Vec<ThemeTally>,
    /// Per theme, the ids of its most supported inputs, best first.
    pub top: Vec<Vec<Uuid>>,
    /// Workshop notes and the themes (indices) they carry, for dot votes.
    pub workshop_notes: HashMap<Uuid, Vec<usize>>,
}

/// A published input, with its keys turned into small numbers once, so
/// that counting it under each of its themes allocates nothing.
struct Row {
    id: Uuid,
    channel: usize,
    group: usize,
    /// Months since year 0, in UTC.
    month: i32,
    sender: usize,
    age: Age,
    created_at: DateTime<Utc>,
    supports: i32,
    workshop: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Age {
    /// The last 30 days.
    Recent,
    /// The 30 days before those.
    Previous,
    Older,
}

/// The strings behind the numbers: channels, groups and senders.
struct Keys {
    channels: Vec<Channel>,
    groups: Vec<String>,
    senders: usize,
}

struct Running {
    inputs: u64,
    channels: Vec<u64>,
    groups: Vec<u64>,
    months: BTreeMap<i32, u64>,
    /// One bit per sender.
    senders: Vec<u64>,
    recent: u64,
    previous: u64,
    /// (supports, created, id) of the best so far, kept short.
    best: Vec<(i32, DateTime<Utc>, Uuid)>,
}

impl Running {
    fn new(keys: &Keys) -> Self {
        Self {
            inputs: 0,
            channels: vec![0; keys.channels.len()],
            groups: vec![0; keys.groups.len()],
            months: BTreeMap::new(),
            senders: vec![0; keys.senders.div_ceil(64)],
            recent: 0,
            previous: 0,
            best: Vec::new(),
        }
    }

    fn add(&mut self, row: &Row) {
        self.inputs += 1;
        self.channels[row.channel] += 1;
        self.groups[row.group] += 1;
        *self.months.entry(row.month).or_default() += 1;
        self.senders[row.sender / 64] |= 1 << (row.sender % 64);
        match row.age {
            Age::Recent => self.recent += 1,
            Age::Previous => self.previous += 1,
            Age::Older => {}
        }
    }

    fn consider(&mut self, row: &Row) {
        let candidate = (row.supports, row.created_at, row.id);
        let better = |a: &(i32, DateTime<Utc>, Uuid), b: &(i32, DateTime<Utc>, Uuid)| {
            // More supports first, then the newer input.
            (a.0, a.1) > (b.0, b.1)
        };
        if self.best.len() < QUOTES || self.best.last().is_some_and(|w| better(&candidate, w)) {
            let at = self
                .best
                .iter()
                .position(|b| better(&candidate, b))
                .unwrap_or(self.best.len());
            self.best.insert(at, candidate);
            self.best.truncate(QUOTES);
        }
    }

    fn finish(self, keys: &Keys) -> ThemeTally {
        let named = |names: Vec<String>, counts: &[u64]| -> Vec<Count> {
            let mut out: Vec<Count> = names
                .into_iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(key, &count)| Count { key, count })
                .collect();
            out.sort_by(|a, b| a.key.cmp(&b.key));
            out
        };
        let channels = keys.channels.iter().map(|c| c.to_value()).collect();
        let by_group = named(keys.groups.clone(), &self.groups);
        ThemeTally {
            inputs: self.inputs,
            contributors: self.senders.iter().map(|w| u64::from(w.count_ones())).sum(),
            // Summed in the groups' name order, so the last digit never
            // depends on the order the database returned the rows in.
            breadth: effective_number(by_group.iter().map(|g| g.count)),
            by_channel: named(channels, &self.channels),
            by_group,
            trend: self
                .months
                .iter()
                .map(|(&m, &count)| Count {
                    key: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
                    count,
                })
                .collect(),
            last_30_days: self.recent,
            previous_30_days: self.previous,
        }
    }
}

fn month(at: DateTime<Utc>) -> i32 {
    at.year() * 12 + at.month0() as i32
}

type InputRow = (Uuid, Channel, String, Option<Uuid>, DateTime<Utc>, i32);

/// Numbers the keys of the published inputs.
fn number(rows: Vec<InputRow>, now: DateTime<Utc>) -> (Vec<Row>, Keys) {
    let channels: Vec<Channel> = Channel::iter().collect();
    let mut groups: HashMap<String, usize> = HashMap::new();
    let mut senders: HashMap<Uuid, usize> = HashMap::new();
    let rows = rows
        .into_iter()
        .map(|(id, channel, group, contact, created_at, supports)| {
            let next = groups.len();
            let group = *groups.entry(group).or_insert(next);
            let next = senders.len();
            let sender = *senders.entry(contact.unwrap_or(id)).or_insert(next);
            let age = now - created_at;
            Row {
                id,
                channel: channels.iter().position(|c| *c == channel).unwrap_or(0),
                group,
                month: month(created_at),
                sender,
                age: if age <= Duration::days(30) {
                    Age::Recent
                } else if age <= Duration::days(60) {
                    Age::Previous
                } else {
                    Age::Older
                },
                created_at,
                supports,
                workshop: channel == Channel::Workshop,
            }
        })
        .collect();
    let mut named: Vec<(String, usize)> = groups.into_iter().collect();
    named.sort_by_key(|(_, i)| *i);
    let keys = Keys {
        channels,
        groups: named.into_iter().map(|(g, _)| g).collect(),
        senders: senders.len(),
    };
    (rows, keys)
}

pub(super) async fn tally(
    db: &impl ConnectionTrait,
    themes: &[ThemeInfo],
    now: DateTime<Utc>,
) -> Result<Tallies, AppError> {
    // Two reads side by side, each on a connection of its own from the pool.
    let (rows, tags) = tokio::try_join!(
        input::Entity::find()
            .select_only()
            .column(input::Column::Id)
            .column(input::Column::Channel)
            .column(input::Column::StakeholderGroup)
            .column(input::Column::ContactId)
            .column(input::Column::CreatedAt)
            .column(input::Column::SupportCount)
            .filter(input::Column::Status.eq(Status::Published))
            .into_tuple::<InputRow>()
            .all(db),
        input_theme::Entity::find()
            .select_only()
            .column(input_theme::Column::InputId)
            .column(input_theme::Column::ThemeId)
            .filter(input_theme::Column::Origin.is_in([Origin::Confirmed, Origin::Manual]))
            .into_tuple::<(Uuid, Uuid)>()
            .all(db),
    )?;
    let (rows, keys) = number(rows, now);
    let mut all = Running::new(&keys);
    for row in &rows {
        all.add(row);
    }
    let at: HashMap<Uuid, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let theme_at: HashMap<Uuid, usize> =
        themes.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let mut per_theme: Vec<Running> = themes.iter().map(|_| Running::new(&keys)).collect();
    let mut tagged = vec![false; rows.len()];
    let mut workshop_notes: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for (input_id, theme_id) in tags {
        let (Some(&r), Some(&t)) = (at.get(&input_id), theme_at.get(&theme_id)) else {
            continue; // not published, or an inactive theme
        };
        let row = &rows[r];
        per_theme[t].add(row);
        per_theme[t].consider(row);
        tagged[r] = true;
        if row.workshop {
            workshop_notes.entry(input_id).or_default().push(t);
        }
    }
    let top = per_theme
        .iter()
        .map(|t| t.best.iter().map(|b| b.2).collect())
        .collect();
    let all = all.finish(&keys);
    Ok(Tallies {
        participation: Participation {
            inputs: all.inputs,
            tagged: tagged.iter().filter(|t| **t).count() as u64,
            contributors: all.contributors,
            by_channel: all.by_channel,
            by_group: all.by_group,
            by_month: all.trend,
            ..Participation::default()
        },
        themes: per_theme.into_iter().map(|t| t.finish(&keys)).collect(),
        top,
        workshop_notes,
    })
}

/// The quoted inputs, by id.
pub(super) async fn quotes(
    db: &impl ConnectionTrait,
    top: &[Vec<Uuid>],
) -> Result<HashMap<Uuid, Quote>, AppError> {
    let ids: Vec<Uuid> = top.iter().flatten().copied().collect();
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
