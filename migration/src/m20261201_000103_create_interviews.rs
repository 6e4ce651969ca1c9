//! Interview records: one per business, with an answer per guide question
//! (the question's words kept as asked) and the findings, each an input
//! (channel `interview`) tied to the interview and the business.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{
    Businesses, Inputs, InterviewAnswers as A, InterviewFindings as F, InterviewQuestions,
    Interviews as I, Users,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(I::Table)
                    .if_not_exists()
                    .col(pk_uuid(I::Id))
                    .col(uuid(I::BusinessId))
                    .col(uuid_null(I::InterviewerId))
                    .col(timestamp_with_time_zone_null(I::HeldAt))
                    .col(string_len(I::Status, 20))
                    .col(text_null(I::Summary))
                    .col(integer_null(I::EmployeeChange))
                    .col(timestamp_with_time_zone(I::CreatedAt))
                    .col(timestamp_with_time_zone(I::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interviews_business")
                            .from(I::Table, I::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interviews_interviewer")
                            .from(I::Table, I::InterviewerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_interviews_business")
                    .table(I::Table)
                    .col(I::BusinessId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .if_not_exists()
                    .col(uuid(A::InterviewId))
                    .col(uuid(A::QuestionId))
                    .col(text(A::Question))
                    .col(text(A::Answer))
                    .col(timestamp_with_time_zone(A::UpdatedAt))
                    .primary_key(Index::create().col(A::InterviewId).col(A::QuestionId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interview_answers_interview")
                            .from(A::Table, A::InterviewId)
                            .to(I::Table, I::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interview_answers_question")
                            .from(A::Table, A::QuestionId)
                            .to(InterviewQuestions::Table, InterviewQuestions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .if_not_exists()
                    .col(uuid(F::InputId).primary_key())
                    .col(uuid(F::InterviewId))
                    .col(uuid(F::BusinessId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interview_findings_input")
                            .from(F::Table, F::InputId)
                            .to(Inputs::Table, Inputs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interview_findings_interview")
                            .from(F::Table, F::InterviewId)
                            .to(I::Table, I::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interview_findings_business")
                            .from(F::Table, F::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_interview_findings_interview", F::InterviewId),
            ("idx_interview_findings_business", F::BusinessId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(F::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            F::Table.into_iden(),
            A::Table.into_iden(),
            I::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
