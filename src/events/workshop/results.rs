//! What came out of a workshop: its notes with their tables, themes and
//! votes, the notes grouped by theme with the votes summed, the tables'
//! summaries, and how many took part from each stakeholder group (counts
//! only: the results never name anyone who signed up).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::tables::tables;
use super::{Method, method_of};
use crate::entities::event_signup::{self, Status as SignupStatus};
use crate::entities::{input, theme, workshop_note, workshop_table};
use crate::error::AppError;
use crate::inputs::StakeholderGroup;
use crate::inputs::tags::{self, PUBLIC_ORIGINS};

/// One note with what the pages show of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub input_id: Uuid,
    pub body: String,
    pub table_id: Option<Uuid>,
    pub votes: i32,
    /// Themes people set or confirmed, in the facilitators' order.
    pub themes: Vec<theme::Model>,
    pub created_at: DateTime<Utc>,
}

/// The event's notes: table by table in the tables' order (notes without a
/// table last), each table's in the order they were pasted.
pub async fn notes(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Vec<Note>, AppError> {
    let rows = workshop_note::Entity::find()
        .filter(workshop_note::Column::EventId.eq(event_id))
        .find_also_related(input::Entity)
        .order_by_asc(workshop_note::Column::InputId)
        .all(db)
        .await?;
    let table_order: HashMap<Uuid, i32> = tables(db, event_id)
        .await?
        .into_iter()
        .map(|table| (table.id, table.position))
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|(note, _)| note.input_id).collect();
    let mut tags = tags::tags_of(db, &ids).await?;
    let mut notes: Vec<Note> = rows
        .into_iter()
        .filter_map(|(note, input)| {
            let input = input?;
            let themes = tags
                .remove(&note.input_id)
                .unwrap_or_default()
                .into_iter()
                .filter(|tag| PUBLIC_ORIGINS.contains(&tag.origin))
                .map(|tag| tag.theme)
                .collect();
            Some(Note {
                input_id: note.input_id,
                body: input.body,
                table_id: note.table_id,
                votes: note.votes,
                themes,
                created_at: input.created_at,
            })
        })
        .collect();
    // Stable: within a table, ids (time-ordered) keep the order of pasting.
    notes.sort_by_key(|note| {
        note.table_id
            .and_then(|id| table_order.get(&id).copied())
            .unwrap_or(i32::MAX)
    });
    Ok(notes)
}

/// The notes of one theme (or of none) and their votes together.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeGroup {
    /// None: notes without a theme.
    pub theme: Option<theme::Model>,
    /// Most votes first.
    pub notes: Vec<Note>,
    pub votes: i64,
}

/// Participants of one stakeholder group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupCount {
    pub group: StakeholderGroup,
    /// With a seat: confirmed or checked in.
    pub signed_up: u64,
    /// Of those, checked in at the door.
    pub attended: u64,
}

/// Everything the results page shows.
#[derive(Clone, Debug)]
pub struct Results {
    pub method: Option<Method>,
    pub tables: Vec<workshop_table::Model>,
    pub notes: Vec<Note>,
    /// Most votes first; the notes without a theme last. A note with
    /// several themes is in each of their groups.
    pub by_theme: Vec<ThemeGroup>,
    pub participants: Vec<GroupCount>,
    pub total_votes: i64,
}

impl Results {
    pub fn participants_total(&self) -> (u64, u64) {
        self.participants.iter().fold((0, 0), |(s, a), count| {
            (s + count.signed_up, a + count.attended)
        })
    }

    pub fn table(&self, id: Option<Uuid>) -> Option<&workshop_table::Model> {
        id.and_then(|id| self.tables.iter().find(|table| table.id == id))
    }
}

pub async fn results(db: &impl ConnectionTrait, event_id: Uuid) -> Result<Results, AppError> {
    let notes = notes(db, event_id).await?;
    let total_votes = notes.iter().map(|note| i64::from(note.votes)).sum();
    Ok(Results {
        method: method_of(db, event_id).await?,
        tables: tables(db, event_id).await?,
        by_theme: by_theme(&notes),
        notes,
        participants: participants(db, event_id).await?,
        total_votes,
    })
}

/// Groups notes by theme, most votes first (then most notes, then the
/// facilitators' order of themes); the notes without a theme come last.
pub fn by_theme(notes: &[Note]) -> Vec<ThemeGroup> {
    let mut groups: Vec<ThemeGroup> = Vec::new();
    let mut untagged = ThemeGroup {
        theme: None,
        notes: Vec::new(),
        votes: 0,
    };
    for note in notes {
        if note.themes.is_empty() {
            untagged.votes += i64::from(note.votes);
            untagged.notes.push(note.clone());
        }
        for theme in &note.themes {
            let at = match groups
                .iter()
                .position(|group| group.theme.as_ref().is_some_and(|t| t.id == theme.id))
            {
                Some(at) => at,
                None => {
                    groups.push(ThemeGroup {
                        theme: Some(theme.clone()),
                        notes: Vec::new(),
                        votes: 0,
                    });
                    groups.len() - 1
                }
            };
            groups[at].votes += i64::from(note.votes);
            groups[at].notes.push(note.clone());
        }
    }
    let position = |group: &ThemeGroup| group.theme.as_ref().map_or(i32::MAX, |t| t.position);
    groups.sort_by(|a, b| {
        b.votes
            .cmp(&a.votes)
            .then(b.notes.len().cmp(&a.notes.len()))
            .then(position(a).cmp(&position(b)))
    });
    if !untagged.notes.is_empty() {
        groups.push(untagged);
    }
    for group in &mut groups {
        // Stable, so equal votes keep the order of the tables.
        group
            .notes
            .sort_by_key(|note| std::cmp::Reverse(note.votes));
    }
    groups
}

/// Seat holders by stakeholder group, in the groups' usual order; groups
/// no one came from are left out. Only the group and status are read.
pub async fn participants(
    db: &impl ConnectionTrait,
    event_id: Uuid,
) -> Result<Vec<GroupCount>, AppError> {
    let rows: Vec<(String, SignupStatus)> = event_signup::Entity::find()
        .select_only()
        .column(event_signup::Column::StakeholderGroup)
        .column(event_signup::Column::Status)
        .filter(event_signup::Column::EventId.eq(event_id))
        .filter(
            event_signup::Column::Status.is_in([SignupStatus::Confirmed, SignupStatus::Attended]),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: Vec<GroupCount> = StakeholderGroup::ALL
        .into_iter()
        .map(|group| GroupCount {
            group,
            signed_up: 0,
            attended: 0,
        })
        .collect();
    for (code, status) in rows {
        let group = StakeholderGroup::from_stored(&code);
        if let Some(count) = counts.iter_mut().find(|count| count.group == group) {
            count.signed_up += 1;
            if status == SignupStatus::Attended {
                count.attended += 1;
            }
        }
    }
    counts.retain(|count| count.signed_up > 0);
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(slug: &str, position: i32) -> theme::Model {
        theme::Model {
            id: Uuid::now_v7(),
            slug: slug.into(),
            name_nb: slug.into(),
            name_nn: slug.into(),
            name_en: slug.into(),
            description: String::new(),
            keywords: String::new(),
            colour: "#336699".into(),
            position,
            active: true,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn note(body: &str, votes: i32, themes: &[&theme::Model]) -> Note {
        Note {
            input_id: Uuid::now_v7(),
            body: body.into(),
            table_id: None,
            votes,
            themes: themes.iter().map(|t| (*t).clone()).collect(),
            created_at: Utc::now(),
        }
    }

    #[test]
    fn a_note_counts_under_each_of_its_themes_and_untagged_come_last() {
        let sjomat = theme("sjomat", 1);
        let reiseliv = theme("reiseliv", 2);
        let notes = [
            note("Fiskemottak", 2, &[&sjomat]),
            note("Matfestival", 5, &[&sjomat, &reiseliv]),
            note("Uten tema", 9, &[]),
            note("Turistkontor", 4, &[&reiseliv]),
        ];
        let groups = by_theme(&notes);
        let summary: Vec<(Option<&str>, i64, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.theme.as_ref().map(|t| t.slug.as_str()),
                    g.votes,
                    g.notes.iter().map(|n| n.body.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (Some("reiseliv"), 9, vec!["Matfestival", "Turistkontor"]),
                (Some("sjomat"), 7, vec!["Matfestival", "Fiskemottak"]),
                (None, 9, vec!["Uten tema"]),
            ]
        );
    }
}
