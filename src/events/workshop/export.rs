//! The workshop notes export: one row per note of one event, with its table,
//! themes and dot votes, for the shared CSV, XLSX and JSON writers. It holds
//! no personal data: not the participants, and not the tables' hosts.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use super::tables::tables;
use crate::entities::{event, input, workshop_note};
use crate::exports::{Column, ExportError, ExportTime, RowSource, Table};
use crate::inputs::tags::{self, PUBLIC_ORIGINS};
use crate::themes::service::name_in;
use crate::web::Lang;

pub const RESOURCE: &str = "workshop_notes";

/// Rows read per query.
const BATCH: u64 = 1000;

/// One note as exported; the field names are the column codes.
#[derive(Debug, Serialize)]
pub struct WorkshopNoteRow {
    pub event: String,
    pub event_start: ExportTime,
    pub table: Option<String>,
    /// Theme names in the export's language, comma-separated.
    pub themes: String,
    pub note: String,
    pub votes: i32,
    /// The note's input, as the inputs export names it.
    pub input_id: Uuid,
}

pub const COLUMNS: [Column; 7] = [
    Column::new("event", 30.0),
    Column::new("event_start", 17.0),
    Column::new("table", 20.0),
    Column::new("themes", 30.0),
    Column::new("note", 80.0),
    Column::new("votes", 10.0),
    Column::new("input_id", 38.0),
];

pub fn table(lang: Lang) -> Table {
    Table {
        resource: RESOURCE,
        columns: COLUMNS.to_vec(),
        lang,
    }
}

/// Reads one event's notes in id order (the order they were pasted), a
/// batch at a time by keyset.
pub struct NoteSource {
    db: DatabaseConnection,
    event: event::Model,
    lang: Lang,
    tables: Option<HashMap<Uuid, String>>,
    after: Option<Uuid>,
}

impl NoteSource {
    pub fn new(db: DatabaseConnection, event: event::Model, lang: Lang) -> Self {
        Self {
            db,
            event,
            lang,
            tables: None,
            after: None,
        }
    }
}

impl RowSource for NoteSource {
    type Row = WorkshopNoteRow;

    async fn next_batch(&mut self) -> Result<Vec<WorkshopNoteRow>, ExportError> {
        if self.tables.is_none() {
            let names = tables(&self.db, self.event.id)
                .await?
                .into_iter()
                .map(|table| (table.id, table.name))
                .collect();
            self.tables = Some(names);
        }
        let mut query = workshop_note::Entity::find()
            .filter(workshop_note::Column::EventId.eq(self.event.id))
            .order_by_asc(workshop_note::Column::InputId)
            .limit(BATCH);
        if let Some(after) = self.after {
            query = query.filter(workshop_note::Column::InputId.gt(after));
        }
        let rows = query.find_also_related(input::Entity).all(&self.db).await?;
        let Some((last, _)) = rows.last() else {
            return Ok(Vec::new());
        };
        self.after = Some(last.input_id);
        let ids: Vec<Uuid> = rows.iter().map(|(note, _)| note.input_id).collect();
        let mut tags = tags::tags_of(&self.db, &ids).await?;
        let names = self.tables.as_ref();
        Ok(rows
            .into_iter()
            .filter_map(|(note, input)| {
                let input = input?;
                let themes = tags
                    .remove(&note.input_id)
                    .unwrap_or_default()
                    .iter()
                    .filter(|tag| PUBLIC_ORIGINS.contains(&tag.origin))
                    .map(|tag| name_in(&tag.theme, self.lang).to_owned())
                    .collect::<Vec<_>>()
                    .join(", ");
                Some(WorkshopNoteRow {
                    event: self.event.title.clone(),
                    event_start: self.event.starts_at.into(),
                    table: note
                        .table_id
                        .and_then(|id| names.and_then(|names| names.get(&id)).cloned()),
                    themes,
                    note: input.body,
                    votes: note.votes,
                    input_id: note.input_id,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exports::cells::row_cells;

    #[test]
    fn every_column_is_a_field_of_the_row() {
        let row = WorkshopNoteRow {
            event: "e".into(),
            event_start: chrono::Utc::now().into(),
            table: Some("t".into()),
            themes: "x".into(),
            note: "n".into(),
            votes: 1,
            input_id: Uuid::nil(),
        };
        let table = table(Lang::Nb);
        let mut cells = Vec::new();
        row_cells(&row, &table.codes(), &mut cells).expect("cells");
        for (code, cell) in table.codes().iter().zip(&cells) {
            assert_ne!(*cell, crate::exports::Cell::Empty, "no field for {code}");
        }
    }
}
