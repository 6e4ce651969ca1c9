//! Candidate priority areas (innsatsområder) that every input is tagged with.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Themes as T;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .if_not_exists()
                    .col(pk_uuid(T::Id))
                    .col(string_len_uniq(T::Slug, 60))
                    .col(string_len(T::NameNb, 120))
                    .col(string_len(T::NameNn, 120))
                    .col(string_len(T::NameEn, 120))
                    .col(text(T::Description).default(""))
                    .col(text(T::Keywords).default(""))
                    .col(string_len(T::Colour, 7))
                    .col(integer(T::Position).default(0))
                    .col(boolean(T::Active).default(true))
                    .col(timestamp_with_time_zone(T::CreatedAt))
                    .col(timestamp_with_time_zone(T::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(T::Table).to_owned())
            .await
    }
}
