//! Personal data kept apart from the inputs, so it can be left out of exports and erased alone.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Contacts as C;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .if_not_exists()
                    .col(pk_uuid(C::Id))
                    .col(string_len_null(C::Name, 200))
                    .col(string_len_null(C::Email, 254))
                    .col(string_len_null(C::Phone, 40))
                    .col(string_len_null(C::Organisation, 200))
                    .col(timestamp_with_time_zone_null(C::ConsentAt))
                    .col(boolean(C::NewsOptIn).default(false))
                    .col(timestamp_with_time_zone(C::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(C::Table).to_owned())
            .await
    }
}
