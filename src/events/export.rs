//! The participants export: one row per sign-up of one event, with the
//! person's contact details, fed to the shared CSV, XLSX and JSON writers.
//! It is personal data through and through, so it has no variant without it;
//! the route lets only editors have it and logs every download.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::contact;
use crate::entities::event_signup::{self, Status};
use crate::exports::{Column, ExportError, ExportTime, RowSource, Table};
use crate::web::Lang;

/// Rows read per query; an event rarely has more than a few hundred.
pub const BATCH: u64 = 500;

pub const RESOURCE: &str = "event_participants";

/// One sign-up as exported. The field names are the column codes.
#[derive(Debug, Serialize)]
pub struct ParticipantRow {
    pub name: Option<String>,
    pub email: Option<String>,
    pub organisation: Option<String>,
    pub stakeholder_group: String,
    pub diet: Option<String>,
    pub accessibility: Option<String>,
    pub status: Status,
    pub signed_up_at: ExportTime,
}

pub const COLUMNS: [Column; 8] = [
    Column::new("name", 24.0),
    Column::new("email", 30.0),
    Column::new("organisation", 24.0),
    Column::new("stakeholder_group", 18.0),
    Column::new("diet", 30.0),
    Column::new("accessibility", 30.0),
    Column::new("status", 12.0),
    Column::new("signed_up_at", 17.0),
];

pub fn table(lang: Lang) -> Table {
    Table {
        resource: RESOURCE,
        columns: COLUMNS.to_vec(),
        lang,
    }
}

/// Reads one event's sign-ups in id order (the order they came in, as ids
/// are time-ordered), a batch at a time after the last id of the one before.
pub struct ParticipantSource {
    db: DatabaseConnection,
    event_id: Uuid,
    after: Option<Uuid>,
}

impl ParticipantSource {
    pub fn new(db: DatabaseConnection, event_id: Uuid) -> Self {
        Self {
            db,
            event_id,
            after: None,
        }
    }
}

impl RowSource for ParticipantSource {
    type Row = ParticipantRow;

    async fn next_batch(&mut self) -> Result<Vec<ParticipantRow>, ExportError> {
        let mut query = event_signup::Entity::find()
            .filter(event_signup::Column::EventId.eq(self.event_id))
            .order_by_asc(event_signup::Column::Id);
        if let Some(after) = self.after {
            query = query.filter(event_signup::Column::Id.gt(after));
        }
        let rows = query
            .limit(BATCH)
            .find_also_related(contact::Entity)
            .all(&self.db)
            .await?;
        if let Some((last, _)) = rows.last() {
            self.after = Some(last.id);
        }
        Ok(rows.into_iter().map(|(s, c)| row(s, c)).collect())
    }
}

fn row(signup: event_signup::Model, contact: Option<contact::Model>) -> ParticipantRow {
    let contact = contact.as_ref();
    ParticipantRow {
        name: contact.and_then(|c| c.name.clone()),
        email: contact.and_then(|c| c.email.clone()),
        organisation: contact.and_then(|c| c.organisation.clone()),
        stakeholder_group: signup.stakeholder_group,
        diet: signup.diet,
        accessibility: signup.accessibility,
        status: signup.status,
        signed_up_at: signup.created_at.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exports::Cell;
    use crate::exports::cells::row_cells;

    #[test]
    fn every_column_is_a_field_of_the_row_with_a_header_in_every_language() {
        let row = ParticipantRow {
            name: Some("n".into()),
            email: Some("e".into()),
            organisation: Some("o".into()),
            stakeholder_group: "innbygger".into(),
            diet: Some("d".into()),
            accessibility: Some("a".into()),
            status: Status::Attended,
            signed_up_at: chrono::Utc::now().into(),
        };
        for lang in Lang::ALL {
            let table = table(lang);
            let mut cells = Vec::new();
            row_cells(&row, &table.codes(), &mut cells).expect("cells");
            for (code, cell) in table.codes().iter().zip(&cells) {
                assert_ne!(*cell, Cell::Empty, "no field for {code}");
            }
            assert!(!table.header().contains(&"??"), "{lang:?} header");
            assert_ne!(table.sheet_name(), "??", "{lang:?} sheet");
        }
    }
}
