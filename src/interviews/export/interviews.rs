//! The interviews export: one row per recorded answer, with the question as
//! it was asked, the business it came from and where the interview stands.
//! Summaries and findings are elsewhere (the businesses export, and the
//! inputs export of channel `interview`), so no text is written twice.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::business;
use crate::entities::interview::{self, Status};
use crate::exports::{Column, ExportError, ExportTime, RowSource, Table};
use crate::interviews::guide;
use crate::interviews::service::{self, AnswerInGuide};
use crate::web::Lang;

/// Interviews read per query; a guide has tens of questions, so a batch is
/// a few thousand answers at most.
pub const BATCH: u64 = 100;

pub const RESOURCE: &str = "interviews";

/// One answer as exported. The field names are the column codes.
#[derive(Debug, Serialize)]
pub struct AnswerRow {
    pub interview_id: Uuid,
    pub business_id: Uuid,
    pub org_number: String,
    pub business_name: String,
    pub interview_status: Status,
    pub held_at: Option<ExportTime>,
    /// The question's place in the guide now; empty if it is gone.
    pub question_position: Option<i32>,
    /// A topic code (`guide::TOPICS`).
    pub topic: Option<String>,
    /// The topic's name in the header's language.
    pub topic_name: Option<String>,
    /// The question's words when it was answered.
    pub question: String,
    pub answer: String,
    pub answered_at: ExportTime,
}

pub const COLUMNS: [Column; 12] = [
    Column::new("interview_id", 38.0),
    Column::new("business_id", 38.0),
    Column::new("org_number", 12.0),
    Column::new("business_name", 30.0),
    Column::new("interview_status", 12.0),
    Column::new("held_at", 17.0),
    Column::new("question_position", 8.0),
    Column::new("topic", 14.0),
    Column::new("topic_name", 24.0),
    Column::new("question", 50.0),
    Column::new("answer", 80.0),
    Column::new("answered_at", 17.0),
];

pub fn table(lang: Lang) -> Table {
    Table {
        resource: RESOURCE,
        columns: COLUMNS.to_vec(),
        lang,
    }
}

/// Reads interviews in id order, a batch at a time after the last id of the
/// one before, and writes their answers in the order of the guide.
pub struct AnswerSource {
    db: DatabaseConnection,
    lang: Lang,
    after: Option<Uuid>,
}

impl AnswerSource {
    /// `lang` names the topics, as the header is in it.
    pub fn new(db: DatabaseConnection, lang: Lang) -> Self {
        Self {
            db,
            lang,
            after: None,
        }
    }

    /// The next batch of interviews with their businesses; empty at the end.
    async fn interviews(
        &mut self,
    ) -> Result<Vec<(interview::Model, business::Model)>, ExportError> {
        let mut query = interview::Entity::find().order_by_asc(interview::Column::Id);
        if let Some(after) = self.after {
            query = query.filter(interview::Column::Id.gt(after));
        }
        let rows = query
            .limit(BATCH)
            .find_also_related(business::Entity)
            .all(&self.db)
            .await?;
        if let Some((last, _)) = rows.last() {
            self.after = Some(last.id);
        }
        // The foreign key cascades, so every interview has its business.
        Ok(rows
            .into_iter()
            .filter_map(|(record, business)| Some((record, business?)))
            .collect())
    }
}

impl RowSource for AnswerSource {
    type Row = AnswerRow;

    async fn next_batch(&mut self) -> Result<Vec<AnswerRow>, ExportError> {
        // An interview without answers yet gives no rows, so a batch may be
        // empty before the interviews run out: read on until one is not.
        loop {
            let records = self.interviews().await?;
            if records.is_empty() {
                return Ok(Vec::new());
            }
            let rows = self.answers(records).await?;
            if !rows.is_empty() {
                return Ok(rows);
            }
        }
    }
}

impl AnswerSource {
    async fn answers(
        &self,
        records: Vec<(interview::Model, business::Model)>,
    ) -> Result<Vec<AnswerRow>, ExportError> {
        let ids: Vec<Uuid> = records.iter().map(|(record, _)| record.id).collect();
        let mut answers = service::answers_of(&self.db, &ids).await?;
        let mut rows = Vec::new();
        for (record, business) in records {
            for AnswerInGuide { answer, question } in answers.remove(&record.id).unwrap_or_default()
            {
                let topic = question.as_ref().map(|q| q.topic.clone());
                rows.push(AnswerRow {
                    interview_id: record.id,
                    business_id: business.id,
                    org_number: business.org_number.clone(),
                    business_name: business.name.clone(),
                    interview_status: record.status,
                    held_at: record.held_at.map(ExportTime),
                    question_position: question.as_ref().map(|q| q.position),
                    topic_name: topic
                        .as_deref()
                        .map(|code| self.lang.t(&guide::topic_key(code)).to_owned()),
                    topic,
                    question: answer.question,
                    answer: answer.answer,
                    answered_at: answer.updated_at.into(),
                });
            }
        }
        Ok(rows)
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
        let row = AnswerRow {
            interview_id: Uuid::nil(),
            business_id: Uuid::nil(),
            org_number: "974760673".into(),
            business_name: "b".into(),
            interview_status: Status::Draft,
            held_at: Some(now.into()),
            question_position: Some(1),
            topic: Some("markets".into()),
            topic_name: Some("Marked".into()),
            question: "q".into(),
            answer: "a".into(),
            answered_at: now.into(),
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
