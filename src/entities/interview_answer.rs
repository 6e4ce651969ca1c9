//! The answer to one guide question in one interview, with the question as asked.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interview_answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub interview_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub question: String,
    #[sea_orm(column_type = "Text")]
    pub answer: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::interview::Entity",
        from = "Column::InterviewId",
        to = "super::interview::Column::Id",
        on_delete = "Cascade"
    )]
    Interview,
}

impl ActiveModelBehavior for ActiveModel {}
