//! The inputs' part of the evidence, read in two passes over the database
//! (published inputs, then the tags people set or confirmed) and tallied in
//! memory: at 100,000 inputs that is far cheaper than one grouped query per
//! figure, and it gives SQLite and PostgreSQL the same arithmetic.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
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

struct Row {
    id: Uuid,
    channel: Channel,
    group: String,
    sender: Uuid,
    created_at: DateTime<Utc>,
    supports: i32,
}

#[derive(Default)]
struct Running {
    inputs: u64,
    channels: BTreeMap<String, u64>,
    groups: BTreeMap<String, u64>,
    months: BTreeMap<String, u64>,
    senders: HashSet<Uuid>,
    recent: u64,
    previous: u64,
    /// (supports, created, id) of the best so far, kept short.
    best: Vec<(i32, DateTime<Utc>, Uuid)>,
}

impl Running {
    fn add(&mut self, row: &Row, now: DateTime<Utc>) {
        self.inputs += 1;
        *self.channels.entry(row.channel.to_value()).or_default() += 1;
        *self.groups.entry(row.group.clone()).or_default() += 1;
        *self.months.entry(month(row.created_at)).or_default() += 1;
        self.senders.insert(row.sender);
        let age = now - row.created_at;
        if age <= Duration::days(30) {
            self.recent += 1;
        } else if age <= Duration::days(60) {
            self.previous += 1;
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

    fn finish(self) -> ThemeTally {
        ThemeTally {
            inputs: self.inputs,
            contributors: self.senders.len() as u64,
            breadth: effective_number(self.groups.values().copied().collect::<Vec<_>>()),
            by_channel: counts(self.channels),
            by_group: counts(self.groups),
            trend: counts(self.months),
            last_30_days: self.recent,
            previous_30_days: self.previous,
        }
    }
}

fn month(at: DateTime<Utc>) -> String {
    at.format("%Y-%m").to_string()
}

fn counts(map: BTreeMap<String, u64>) -> Vec<Count> {
    map.into_iter()
        .map(|(key, count)| Count { key, count })
        .collect()
}

pub(super) async fn tally(
    db: &impl ConnectionTrait,
    themes: &[ThemeInfo],
    now: DateTime<Utc>,
) -> Result<Tallies, AppError> {
    type InputRow = (Uuid, Channel, String, Option<Uuid>, DateTime<Utc>, i32);
    let rows: Vec<InputRow> = input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .column(input::Column::Channel)
        .column(input::Column::StakeholderGroup)
        .column(input::Column::ContactId)
        .column(input::Column::CreatedAt)
        .column(input::Column::SupportCount)
        .filter(input::Column::Status.eq(Status::Published))
        .into_tuple()
        .all(db)
        .await?;
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|(id, channel, group, contact, created_at, supports)| Row {
            id,
            channel,
            group,
            sender: contact.unwrap_or(id),
            created_at,
            supports,
        })
        .collect();
    let mut all = Running::default();
    for row in &rows {
        all.add(row, now);
    }
    let at: HashMap<Uuid, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let theme_at: HashMap<Uuid, usize> =
        themes.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let tags: Vec<(Uuid, Uuid)> = input_theme::Entity::find()
        .select_only()
        .column(input_theme::Column::InputId)
        .column(input_theme::Column::ThemeId)
        .filter(input_theme::Column::Origin.is_in([Origin::Confirmed, Origin::Manual]))
        .into_tuple()
        .all(db)
        .await?;
    let mut per_theme: Vec<Running> = themes.iter().map(|_| Running::default()).collect();
    let mut tagged = HashSet::new();
    let mut workshop_notes: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for (input_id, theme_id) in tags {
        let (Some(&r), Some(&t)) = (at.get(&input_id), theme_at.get(&theme_id)) else {
            continue; // not published, or an inactive theme
        };
        let row = &rows[r];
        per_theme[t].add(row, now);
        per_theme[t].consider(row);
        tagged.insert(input_id);
        if row.channel == Channel::Workshop {
            workshop_notes.entry(input_id).or_default().push(t);
        }
    }
    let top = per_theme
        .iter()
        .map(|t| t.best.iter().map(|b| b.2).collect())
        .collect();
    let all = all.finish();
    Ok(Tallies {
        participation: Participation {
            inputs: all.inputs,
            tagged: tagged.len() as u64,
            contributors: all.contributors,
            by_channel: all.by_channel,
            by_group: all.by_group,
            by_month: all.trend,
            ..Participation::default()
        },
        themes: per_theme.into_iter().map(Running::finish).collect(),
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
