//! The notes from a workshop's wall: pasted many at once (one a line), each
//! stored as an input of channel `workshop`, tied to its event and table and
//! tagged with themes; their dot votes; and taking one away again.

use std::collections::HashSet;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::lock_event;
use super::tables::find_table;
use crate::audit::service::{self as audit, Entry};
use crate::entities::event_signup::{self, Status as SignupStatus};
use crate::entities::input::{self, Channel};
use crate::entities::workshop_note;
use crate::error::AppError;
use crate::inputs::StakeholderGroup;
use crate::inputs::staff::{self, StaffInput};
use crate::inputs::{search, submit as submission};
use crate::web::Lang;

/// The longest note, in characters: a sticky note holds far less, so a line
/// this long is two notes run together or a paragraph pasted by mistake.
pub const NOTE_MAX: usize = 1000;
/// The most notes one paste takes; a large wall is a few hundred.
pub const PASTE_MAX: usize = 1000;
/// The most dot votes one note can get.
pub const VOTES_MAX: i32 = 100_000;

/// Notes as a facilitator pastes them.
#[derive(Clone, Debug)]
pub struct Paste {
    /// One note per line.
    pub text: String,
    pub table_id: Option<Uuid>,
    /// Themes for every note, besides the table's own.
    pub themes: Vec<Uuid>,
    /// Who wrote the notes, as far as anyone knows.
    pub group: StakeholderGroup,
    pub language: Lang,
    /// From the form; the same paste sent twice stores its notes once.
    pub key: Option<String>,
}

/// Why a paste stored nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteProblem {
    /// No line with any text.
    Empty,
    /// More notes than one paste takes.
    TooMany(usize),
    /// These lines (1-based, as in the text) are longer than [`NOTE_MAX`].
    TooLong(Vec<usize>),
    /// The table is not one of this event's.
    UnknownTable,
}

/// The notes of a paste, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lines {
    pub notes: Vec<String>,
    /// Lines dropped because an earlier line said exactly the same.
    pub duplicates: usize,
}

/// What a paste stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pasted {
    pub stored: usize,
    pub duplicates: usize,
    /// The same form was sent before; nothing new was stored.
    pub replayed: bool,
}

/// A bullet a list typed elsewhere may start with, removed with its space.
const BULLETS: [char; 6] = ['-', '*', '•', '–', '—', '·'];

fn without_bullet(line: &str) -> &str {
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(bullet), Some(space)) if BULLETS.contains(&bullet) && space.is_whitespace() => {
            chars.as_str().trim_start()
        }
        // A bullet with nothing after it.
        (Some(bullet), None) if BULLETS.contains(&bullet) => "",
        _ => line,
    }
}

/// Splits pasted text into notes: one a line, trimmed, a leading bullet
/// removed, empty lines and exact repeats dropped. Refused whole when a
/// line is too long (every such line named) or there are too many.
pub fn split_notes(text: &str) -> Result<Lines, PasteProblem> {
    let mut notes = Vec::new();
    let mut seen = HashSet::new();
    let mut too_long = Vec::new();
    let mut duplicates = 0;
    for (index, line) in text.lines().enumerate() {
        let note = without_bullet(line.trim()).trim();
        if note.is_empty() {
            continue;
        }
        if note.chars().count() > NOTE_MAX {
            too_long.push(index + 1);
            continue;
        }
        if seen.insert(note) {
            notes.push(note.to_owned());
        } else {
            duplicates += 1;
        }
    }
    if !too_long.is_empty() {
        return Err(PasteProblem::TooLong(too_long));
    }
    if notes.is_empty() {
        return Err(PasteProblem::Empty);
    }
    if notes.len() > PASTE_MAX {
        return Err(PasteProblem::TooMany(notes.len()));
    }
    Ok(Lines { notes, duplicates })
}

/// The group notes are credited to unless the facilitator says otherwise:
/// the one group every participant with a seat belongs to (a breakfast for
/// business owners), else `Other`, since a wall of notes has no names.
pub async fn likely_group(
    db: &impl ConnectionTrait,
    event_id: Uuid,
) -> Result<StakeholderGroup, AppError> {
    let groups: Vec<String> = event_signup::Entity::find()
        .select_only()
        .column(event_signup::Column::StakeholderGroup)
        .filter(event_signup::Column::EventId.eq(event_id))
        .filter(
            event_signup::Column::Status.is_in([SignupStatus::Confirmed, SignupStatus::Attended]),
        )
        .into_tuple()
        .all(db)
        .await?;
    let distinct: HashSet<&str> = groups.iter().map(String::as_str).collect();
    Ok(match distinct.into_iter().collect::<Vec<_>>().as_slice() {
        [only] => StakeholderGroup::from_stored(only),
        _ => StakeholderGroup::Other,
    })
}

/// The idempotency key of the `n`th note (from 1) of a paste.
fn note_key(key: &str, n: usize) -> String {
    format!("workshop:{key}:{n}")
}

/// Stores a paste: every note an input (published at once: facilitators
/// typed it, so there is nothing to moderate) with its tie to the event and
/// table, its search text and its themes (the table's and those chosen),
/// all in one transaction, so a paste is stored whole or not at all.
pub async fn paste(
    db: &DatabaseConnection,
    event_id: Uuid,
    paste: &Paste,
    by: Uuid,
) -> Result<Result<Pasted, PasteProblem>, AppError> {
    let lines = match split_notes(&paste.text) {
        Ok(lines) => lines,
        Err(problem) => return Ok(Err(problem)),
    };
    let first_key = paste.key.as_deref().map(|key| note_key(key, 1));
    let replay = async |_existing: input::Model| {
        Ok(Ok(Pasted {
            stored: 0,
            duplicates: 0,
            replayed: true,
        }))
    };
    submission::once(
        first_key.as_deref(),
        async |key| {
            Ok(input::Entity::find()
                .filter(input::Column::IdempotencyKey.eq(key))
                .one(db)
                .await?)
        },
        async || store(db, event_id, paste, &lines, by).await,
        replay,
    )
    .await
}

async fn store(
    db: &DatabaseConnection,
    event_id: Uuid,
    paste: &Paste,
    lines: &Lines,
    by: Uuid,
) -> Result<Result<Pasted, PasteProblem>, AppError> {
    let txn = crate::db::begin(db).await?;
    lock_event(&txn, event_id).await?;
    let mut themes = paste.themes.clone();
    if let Some(table_id) = paste.table_id {
        match find_table(&txn, event_id, table_id).await {
            Ok(table) => themes.extend(table.theme_id),
            Err(AppError::NotFound) => return Ok(Err(PasteProblem::UnknownTable)),
            Err(err) => return Err(err),
        }
    }
    themes.sort();
    themes.dedup();
    for (index, note) in lines.notes.iter().enumerate() {
        let id = staff::insert(
            &txn,
            StaffInput {
                channel: Channel::Workshop,
                body: note,
                group: paste.group,
                language: paste.language,
                themes: &themes,
                idempotency_key: paste.key.as_deref().map(|key| note_key(key, index + 1)),
            },
        )
        .await?;
        workshop_note::Entity::insert(workshop_note::ActiveModel {
            input_id: Set(id),
            event_id: Set(event_id),
            table_id: Set(paste.table_id),
            votes: Set(0),
        })
        .exec_without_returning(&txn)
        .await?;
    }
    audit::record(
        &txn,
        Entry::new(Some(by), "workshop.paste")
            .on("event", event_id)
            .details(format!("notes={}", lines.notes.len())),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(Pasted {
        stored: lines.notes.len(),
        duplicates: lines.duplicates,
        replayed: false,
    }))
}

/// Sets the dot votes of many notes at once. A note that is not this
/// event's (deleted meanwhile, say) is passed over; a negative count is
/// refused and nothing changes. Returns how many notes were updated.
pub async fn set_votes(
    db: &DatabaseConnection,
    event_id: Uuid,
    votes: &[(Uuid, i32)],
    by: Uuid,
) -> Result<u64, AppError> {
    if let Some((id, _)) = votes
        .iter()
        .find(|(_, count)| !(0..=VOTES_MAX).contains(count))
    {
        return Err(AppError::Validation(format!("votes out of range for {id}")));
    }
    let txn = crate::db::begin(db).await?;
    lock_event(&txn, event_id).await?;
    let mut updated = 0;
    for (id, count) in votes {
        updated += workshop_note::Entity::update_many()
            .col_expr(workshop_note::Column::Votes, Expr::value(*count))
            .filter(workshop_note::Column::InputId.eq(*id))
            .filter(workshop_note::Column::EventId.eq(event_id))
            .exec(&txn)
            .await?
            .rows_affected;
    }
    audit::record(
        &txn,
        Entry::new(Some(by), "workshop.votes")
            .on("event", event_id)
            .details(format!("notes={updated}")),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Deletes a note (a typing mistake, a note pasted twice): its input goes,
/// with its themes and its search entry. A note others were merged into is
/// kept, so their link holds.
pub async fn delete_note(
    db: &DatabaseConnection,
    event_id: Uuid,
    input_id: Uuid,
    by: Uuid,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    lock_event(&txn, event_id).await?;
    let found = workshop_note::Entity::find_by_id(input_id)
        .filter(workshop_note::Column::EventId.eq(event_id))
        .one(&txn)
        .await?;
    if found.is_none() {
        return Err(AppError::NotFound);
    }
    let merged_into = input::Entity::find()
        .filter(input::Column::MergedIntoId.eq(input_id))
        .count(&txn)
        .await?;
    if merged_into > 0 {
        return Err(AppError::Conflict("other inputs are merged into it".into()));
    }
    search::remove(&txn, input_id).await?;
    input::Entity::delete_by_id(input_id).exec(&txn).await?;
    audit::record(
        &txn,
        Entry::new(Some(by), "workshop.note_delete").on("input", input_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_empty_lines_and_repeats_dropped() {
        let text = "  Kaia må bli levende \r\n\r\n- Flere båtplasser\n• Flere båtplasser\n\t\nGratis buss for ungdom\nKaia må bli levende\n";
        let lines = split_notes(text).expect("notes");
        assert_eq!(
            lines.notes,
            [
                "Kaia må bli levende",
                "Flere båtplasser",
                "Gratis buss for ungdom"
            ]
        );
        assert_eq!(lines.duplicates, 2);
    }

    #[test]
    fn a_dash_inside_a_note_stays() {
        let lines = split_notes("-5 grader om vinteren\nSommer – og vinter").expect("notes");
        assert_eq!(lines.notes, ["-5 grader om vinteren", "Sommer – og vinter"]);
    }

    #[test]
    fn every_line_too_long_is_named_and_nothing_is_taken() {
        let long = "å".repeat(NOTE_MAX + 1);
        let just = "ø".repeat(NOTE_MAX);
        let text = format!("Kort\n{long}\n{just}\n\n{long}");
        assert_eq!(split_notes(&text), Err(PasteProblem::TooLong(vec![2, 5])));
    }

    #[test]
    fn nothing_but_blank_lines_is_empty_and_too_many_is_refused() {
        assert_eq!(split_notes(" \n\n- \n"), Err(PasteProblem::Empty));
        let many: String = (0..=PASTE_MAX).map(|n| format!("Lapp {n}\n")).collect();
        assert_eq!(
            split_notes(&many),
            Err(PasteProblem::TooMany(PASTE_MAX + 1))
        );
    }
}
