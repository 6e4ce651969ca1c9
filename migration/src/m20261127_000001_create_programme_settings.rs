//! The programme's own settings: one row that names the programme and its municipality.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::ProgrammeSettings as S;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .if_not_exists()
                    .col(integer(S::Id).primary_key())
                    .col(string_len(S::ProgrammeName, 200))
                    .col(string_len(S::MunicipalityName, 200))
                    .col(string_len(S::MunicipalityNumber, 4))
                    .col(date_null(S::PeriodStart))
                    .col(date_null(S::PeriodEnd))
                    .col(string_len_null(S::ContactEmail, 254))
                    .col(text_null(S::PrivacyText))
                    .col(string_len_null(S::AccessibilityUrl, 500))
                    .col(text_null(S::AccessibilityText))
                    .col(string_len(S::ModerationMode, 10).default("pre"))
                    .col(timestamp_with_time_zone(S::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(S::Table).to_owned())
            .await
    }
}
