//! The inputs export: one row per input of every channel, with its themes
//! and tags, and the sender's contact details only when asked for.

use sea_orm::{
    ActiveEnum, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::{contact, input};
use crate::exports::contacts::with_contacts;
use crate::exports::{Column, ExportError, ExportTime, RowSource, Table};
use crate::inputs::tags::{self, PUBLIC_ORIGINS, Tag};
use crate::inputs::{Channel, Status, status_code};
use crate::web::Lang;

/// Rows read per query: large enough that the round trips do not dominate,
/// small enough that one batch is all the memory an export holds.
pub const BATCH: u64 = 1000;

/// One input as exported. The field names are the column codes.
#[derive(Debug, Serialize)]
pub struct InputRow {
    pub id: Uuid,
    pub channel: Channel,
    pub status: Status,
    pub stakeholder_group: String,
    pub language: String,
    pub title: Option<String>,
    pub body: String,
    pub location: Option<String>,
    pub created_at: ExportTime,
    pub published_at: Option<ExportTime>,
    pub support_count: i32,
    /// Slugs of the themes people set or confirmed, comma-separated.
    pub themes: String,
    /// Every tag as `slug:origin:confidence` (confidence empty unless the
    /// tagger suggested it), comma-separated.
    pub tags: String,
    pub merged_into_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_organisation: Option<String>,
    pub contact_consent_at: Option<ExportTime>,
}

pub const RESOURCE: &str = "inputs";

/// The columns every inputs export has.
pub const COLUMNS: [Column; 14] = [
    Column::new("id", 38.0),
    Column::new("channel", 12.0),
    Column::new("status", 12.0),
    Column::new("stakeholder_group", 18.0),
    Column::new("language", 8.0),
    Column::new("title", 40.0),
    Column::new("body", 80.0),
    Column::new("location", 20.0),
    Column::new("created_at", 17.0),
    Column::new("published_at", 17.0),
    Column::new("support_count", 10.0),
    Column::new("themes", 30.0),
    Column::new("tags", 40.0),
    Column::new("merged_into_id", 38.0),
];

/// The sender's contact details, added only on request.
pub const PERSONAL_COLUMNS: [Column; 5] = [
    Column::new("contact_name", 24.0),
    Column::new("contact_email", 30.0),
    Column::new("contact_phone", 14.0),
    Column::new("contact_organisation", 24.0),
    Column::new("contact_consent_at", 17.0),
];

pub fn table(lang: Lang, with_personal_data: bool) -> Table {
    let mut columns = COLUMNS.to_vec();
    if with_personal_data {
        columns.extend(PERSONAL_COLUMNS);
    }
    Table {
        resource: RESOURCE,
        columns,
        lang,
    }
}

/// Which inputs to export: no channel means every channel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InputFilter {
    pub channels: Vec<Channel>,
    pub status: Option<Status>,
}

impl InputFilter {
    /// The filter in words for the audit log: `channel=idea,survey status=all`.
    pub fn describe(&self) -> String {
        let channels = if self.channels.is_empty() {
            "all".to_owned()
        } else {
            self.channels
                .iter()
                .map(|channel| channel.to_value())
                .collect::<Vec<_>>()
                .join(",")
        };
        let status = self.status.map_or("all", status_code);
        format!("channel={channels} status={status}")
    }
}

/// Reads inputs in id order, a batch at a time, each query starting after
/// the last id of the one before (keyset paging): the cost of a batch stays
/// the same however far into the table it is.
pub struct InputSource {
    db: DatabaseConnection,
    filter: InputFilter,
    with_personal_data: bool,
    after: Option<Uuid>,
    batch: u64,
}

impl InputSource {
    pub fn new(db: DatabaseConnection, filter: InputFilter, with_personal_data: bool) -> Self {
        Self {
            db,
            filter,
            with_personal_data,
            after: None,
            batch: BATCH,
        }
    }

    async fn read(&self) -> Result<Vec<(input::Model, Option<contact::Model>)>, ExportError> {
        let mut query = input::Entity::find().order_by_asc(input::Column::Id);
        if !self.filter.channels.is_empty() {
            query = query.filter(input::Column::Channel.is_in(self.filter.channels.clone()));
        }
        if let Some(status) = self.filter.status {
            query = query.filter(input::Column::Status.eq(status));
        }
        if let Some(after) = self.after {
            query = query.filter(input::Column::Id.gt(after));
        }
        let query = query.limit(self.batch);
        Ok(with_contacts(&self.db, query, self.with_personal_data).await?)
    }
}

impl RowSource for InputSource {
    type Row = InputRow;

    async fn next_batch(&mut self) -> Result<Vec<InputRow>, ExportError> {
        let inputs = self.read().await?;
        let Some((last, _)) = inputs.last() else {
            return Ok(Vec::new());
        };
        self.after = Some(last.id);
        let ids: Vec<Uuid> = inputs.iter().map(|(input, _)| input.id).collect();
        let mut tags = tags::tags_of(&self.db, &ids).await?;
        Ok(inputs
            .into_iter()
            .map(|(input, contact)| {
                let tags = tags.remove(&input.id).unwrap_or_default();
                row(input, contact, &tags)
            })
            .collect())
    }
}

fn row(input: input::Model, contact: Option<contact::Model>, tags: &[Tag]) -> InputRow {
    let contact = contact.as_ref();
    InputRow {
        id: input.id,
        channel: input.channel,
        status: input.status,
        stakeholder_group: input.stakeholder_group,
        language: input.language,
        title: input.title,
        body: input.body,
        location: input.location,
        created_at: input.created_at.into(),
        published_at: input.published_at.map(ExportTime),
        support_count: input.support_count,
        themes: themes(tags),
        tags: tag_details(tags),
        merged_into_id: input.merged_into_id,
        contact_name: contact.and_then(|c| c.name.clone()),
        contact_email: contact.and_then(|c| c.email.clone()),
        contact_phone: contact.and_then(|c| c.phone.clone()),
        contact_organisation: contact.and_then(|c| c.organisation.clone()),
        contact_consent_at: contact.and_then(|c| c.consent_at).map(ExportTime),
    }
}

fn themes(tags: &[Tag]) -> String {
    tags.iter()
        .filter(|tag| PUBLIC_ORIGINS.contains(&tag.origin))
        .map(|tag| tag.theme.slug.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn tag_details(tags: &[Tag]) -> String {
    tags.iter()
        .map(|tag| {
            let origin = tag.origin.to_value();
            let confidence = tag
                .confidence
                .map(|c| format!("{c:.2}"))
                .unwrap_or_default();
            format!("{}:{origin}:{confidence}", tag.theme.slug)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exports::cells::row_cells;
    use chrono::Utc;

    #[test]
    fn every_column_is_a_field_of_the_row() {
        let now = Utc::now();
        let row = InputRow {
            id: Uuid::nil(),
            channel: Channel::Idea,
            status: Status::Published,
            stakeholder_group: "innbygger".into(),
            language: "nb".into(),
            title: Some("t".into()),
            body: "b".into(),
            location: Some("l".into()),
            created_at: now.into(),
            published_at: Some(now.into()),
            support_count: 1,
            themes: "x".into(),
            tags: "x:manual:".into(),
            merged_into_id: Some(Uuid::nil()),
            contact_name: Some("n".into()),
            contact_email: Some("e".into()),
            contact_phone: Some("p".into()),
            contact_organisation: Some("o".into()),
            contact_consent_at: Some(now.into()),
        };
        let table = table(Lang::Nb, true);
        let mut cells = Vec::new();
        row_cells(&row, &table.codes(), &mut cells).expect("cells");
        for (code, cell) in table.codes().iter().zip(&cells) {
            assert_ne!(*cell, crate::exports::Cell::Empty, "no field for {code}");
        }
    }
}
