//! Facilitator, admin and observer accounts; passwords only as argon2 hashes.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Users as U;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(U::Table)
                    .if_not_exists()
                    .col(pk_uuid(U::Id))
                    .col(string_len_uniq(U::Email, 254))
                    .col(string_len(U::Name, 200))
                    .col(string_len(U::Role, 20))
                    .col(string_len(U::PasswordHash, 200))
                    .col(boolean(U::Disabled).default(false))
                    .col(timestamp_with_time_zone(U::CreatedAt))
                    .col(timestamp_with_time_zone(U::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(U::Table).to_owned())
            .await
    }
}
