//! The businesses export: one row per registered business with its size,
//! themes, booked time and how far its interview has come; the contact
//! person only when asked for (and logged by the caller).

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::business::{self, Format, Status};
use crate::entities::{contact, interview};
use crate::exports::contacts::with_contacts;
use crate::exports::{Column, ExportError, ExportTime, RowSource, Table};
use crate::interviews::service::{self, Overview};
use crate::interviews::{industry, size};
use crate::web::Lang;

/// Businesses read per query; each batch costs four more for its overview.
pub const BATCH: u64 = 500;

pub const RESOURCE: &str = "businesses";

/// One business as exported. The field names are the column codes.
#[derive(Debug, Serialize)]
pub struct BusinessRow {
    pub id: Uuid,
    pub org_number: String,
    pub name: String,
    /// SN2025 section letter.
    pub industry: String,
    /// The section's name in the header's language.
    pub industry_name: String,
    pub employees: Option<i32>,
    pub size_band: Option<String>,
    /// The number given, else the middle of the band (`size::estimate`).
    pub employee_estimate: Option<i32>,
    pub preferred_format: Format,
    pub status: Status,
    pub wants_contact: bool,
    /// Theme slugs, comma-separated, in the facilitators' order.
    pub themes: String,
    pub message: Option<String>,
    pub registered_at: ExportTime,
    pub updated_at: ExportTime,
    pub slot_starts_at: Option<ExportTime>,
    pub slot_ends_at: Option<ExportTime>,
    pub interview_status: Option<interview::Status>,
    pub held_at: Option<ExportTime>,
    pub employee_change: Option<i32>,
    pub summary: Option<String>,
    pub findings: u64,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// The columns every businesses export has.
pub const COLUMNS: [Column; 22] = [
    Column::new("id", 38.0),
    Column::new("org_number", 12.0),
    Column::new("name", 30.0),
    Column::new("industry", 8.0),
    Column::new("industry_name", 36.0),
    Column::new("employees", 10.0),
    Column::new("size_band", 10.0),
    Column::new("employee_estimate", 10.0),
    Column::new("preferred_format", 14.0),
    Column::new("status", 12.0),
    Column::new("wants_contact", 10.0),
    Column::new("themes", 30.0),
    Column::new("message", 60.0),
    Column::new("registered_at", 17.0),
    Column::new("updated_at", 17.0),
    Column::new("slot_starts_at", 17.0),
    Column::new("slot_ends_at", 17.0),
    Column::new("interview_status", 12.0),
    Column::new("held_at", 17.0),
    Column::new("employee_change", 10.0),
    Column::new("summary", 60.0),
    Column::new("findings", 8.0),
];

/// The contact person, added only on request.
pub const PERSONAL_COLUMNS: [Column; 3] = [
    Column::new("contact_name", 24.0),
    Column::new("contact_email", 30.0),
    Column::new("contact_phone", 14.0),
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

/// Reads businesses in id order (registration order: ids are time-ordered),
/// each batch after the last id of the one before.
pub struct BusinessSource {
    db: DatabaseConnection,
    lang: Lang,
    with_personal_data: bool,
    after: Option<Uuid>,
}

impl BusinessSource {
    /// `lang` names the industries, as the header is in it.
    pub fn new(db: DatabaseConnection, lang: Lang, with_personal_data: bool) -> Self {
        Self {
            db,
            lang,
            with_personal_data,
            after: None,
        }
    }

    async fn read(&self) -> Result<Vec<(business::Model, Option<contact::Model>)>, ExportError> {
        let mut query = business::Entity::find().order_by_asc(business::Column::Id);
        if let Some(after) = self.after {
            query = query.filter(business::Column::Id.gt(after));
        }
        let query = query.limit(BATCH);
        Ok(with_contacts(&self.db, query, self.with_personal_data).await?)
    }
}

impl RowSource for BusinessSource {
    type Row = BusinessRow;

    async fn next_batch(&mut self) -> Result<Vec<BusinessRow>, ExportError> {
        let businesses = self.read().await?;
        let Some((last, _)) = businesses.last() else {
            return Ok(Vec::new());
        };
        self.after = Some(last.id);
        let ids: Vec<Uuid> = businesses.iter().map(|(b, _)| b.id).collect();
        let mut overviews = service::overviews_of(&self.db, &ids).await?;
        Ok(businesses
            .into_iter()
            .map(|(business, contact)| {
                let overview = overviews.remove(&business.id).unwrap_or_default();
                row(self.lang, business, contact, overview)
            })
            .collect())
    }
}

fn row(
    lang: Lang,
    business: business::Model,
    contact: Option<contact::Model>,
    overview: Overview,
) -> BusinessRow {
    let contact = contact.as_ref();
    let record = overview.record.as_ref();
    BusinessRow {
        id: business.id,
        org_number: business.org_number,
        industry_name: lang.t(&industry::label_key(&business.industry)).to_owned(),
        industry: business.industry,
        employees: business.employees,
        employee_estimate: size::estimate(business.employees, business.size_band.as_deref()),
        size_band: business.size_band,
        name: business.name,
        preferred_format: business.preferred_format,
        status: business.status,
        wants_contact: business.wants_contact,
        themes: overview.themes.join(", "),
        message: business.message,
        registered_at: business.created_at.into(),
        updated_at: business.updated_at.into(),
        slot_starts_at: overview.slot.as_ref().map(|slot| slot.starts_at.into()),
        slot_ends_at: overview.slot.as_ref().map(|slot| slot.ends_at.into()),
        interview_status: record.map(|record| record.status),
        held_at: record.and_then(|record| record.held_at).map(ExportTime),
        employee_change: record.and_then(|record| record.employee_change),
        summary: record.and_then(|record| record.summary.clone()),
        findings: overview.findings,
        contact_name: contact.and_then(|c| c.name.clone()),
        contact_email: contact.and_then(|c| c.email.clone()),
        contact_phone: contact.and_then(|c| c.phone.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exports::Cell;
    use crate::exports::cells::row_cells;

    #[test]
    fn every_column_is_a_field_of_the_row_with_a_header_in_every_language() {
        let now = chrono::Utc::now();
        let row = BusinessRow {
            id: Uuid::nil(),
            org_number: "974760673".into(),
            name: "n".into(),
            industry: "C".into(),
            industry_name: "Industri".into(),
            employees: Some(12),
            size_band: Some("10-19".into()),
            employee_estimate: Some(12),
            preferred_format: Format::Video,
            status: Status::Interviewed,
            wants_contact: false,
            themes: "x".into(),
            message: Some("m".into()),
            registered_at: now.into(),
            updated_at: now.into(),
            slot_starts_at: Some(now.into()),
            slot_ends_at: Some(now.into()),
            interview_status: Some(interview::Status::Completed),
            held_at: Some(now.into()),
            employee_change: Some(3),
            summary: Some("s".into()),
            findings: 2,
            contact_name: Some("n".into()),
            contact_email: Some("e".into()),
            contact_phone: Some("p".into()),
        };
        for lang in Lang::ALL {
            let table = table(lang, true);
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
