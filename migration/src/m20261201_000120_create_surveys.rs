//! Surveys, their sections and questions, and the responses. A response
//! holds all its answers as one JSON document keyed by question id: it is
//! written once, never edited, and read whole for results and exports, so
//! one row per response is both the cheapest write and the cheapest read.
//! Questions are hidden rather than deleted once answers may refer to them,
//! and each has a code unique within its survey that exports use as the
//! column name and that is never given to another question.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{SurveyQuestions as Q, SurveyResponses as R, SurveySections as S, Surveys as V};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(V::Table)
                    .if_not_exists()
                    .col(pk_uuid(V::Id))
                    .col(string_len(V::Title, 200))
                    .col(text_null(V::Intro))
                    .col(string_len(V::Audience, 20))
                    .col(string_len(V::Status, 20))
                    .col(boolean(V::Paged))
                    .col(timestamp_with_time_zone_null(V::OpensAt))
                    .col(timestamp_with_time_zone_null(V::ClosesAt))
                    .col(boolean(V::OfferInterview))
                    .col(string_len_null(V::KioskTokenHash, 64))
                    .col(integer(V::NextCode))
                    .col(timestamp_with_time_zone(V::CreatedAt))
                    .col(timestamp_with_time_zone(V::UpdatedAt))
                    .col(timestamp_with_time_zone_null(V::PublishedAt))
                    .col(timestamp_with_time_zone_null(V::ClosedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .if_not_exists()
                    .col(pk_uuid(S::Id))
                    .col(uuid(S::SurveyId))
                    .col(integer(S::Position))
                    .col(string_len(S::Title, 200))
                    .col(text_null(S::Description))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_sections_survey")
                            .from(S::Table, S::SurveyId)
                            .to(V::Table, V::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_sections_survey")
                    .table(S::Table)
                    .col(S::SurveyId)
                    .col(S::Position)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Q::Table)
                    .if_not_exists()
                    .col(pk_uuid(Q::Id))
                    .col(uuid(Q::SurveyId))
                    .col(uuid(Q::SectionId))
                    .col(integer(Q::Position))
                    .col(string_len(Q::Code, 20))
                    .col(string_len(Q::Kind, 20))
                    .col(text(Q::Prompt))
                    .col(text_null(Q::Help))
                    .col(boolean(Q::Required))
                    .col(text(Q::Options))
                    .col(boolean(Q::AllowOther))
                    .col(string_len_null(Q::ScaleLow, 100))
                    .col(string_len_null(Q::ScaleHigh, 100))
                    .col(double_null(Q::MinValue))
                    .col(double_null(Q::MaxValue))
                    .col(string_len_null(Q::Role, 30))
                    .col(boolean(Q::AsInput))
                    .col(boolean(Q::Hidden))
                    .col(timestamp_with_time_zone(Q::CreatedAt))
                    .col(timestamp_with_time_zone(Q::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_questions_survey")
                            .from(Q::Table, Q::SurveyId)
                            .to(V::Table, V::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_questions_section")
                            .from(Q::Table, Q::SectionId)
                            .to(S::Table, S::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_questions_code")
                    .table(Q::Table)
                    .col(Q::SurveyId)
                    .col(Q::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .if_not_exists()
                    .col(pk_uuid(R::Id))
                    .col(uuid(R::SurveyId))
                    .col(text(R::Answers))
                    .col(string_len_null(R::StakeholderGroup, 30))
                    .col(string_len(R::Language, 5))
                    .col(boolean(R::Kiosk))
                    .col(string_len_null(R::IdempotencyKey, 64))
                    .col(timestamp_with_time_zone(R::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_responses_survey")
                            .from(R::Table, R::SurveyId)
                            .to(V::Table, V::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_responses_key")
                    .table(R::Table)
                    .col(R::IdempotencyKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_responses_survey")
                    .table(R::Table)
                    .col(R::SurveyId)
                    .col(R::SubmittedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            R::Table.into_iden(),
            Q::Table.into_iden(),
            S::Table.into_iden(),
            V::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
