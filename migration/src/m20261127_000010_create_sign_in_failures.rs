//! Recent failed sign-ins per account and per address (both hashed), so every
//! instance behind a load balancer sees the same count when it slows guessing down.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::SignInFailures as F;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .if_not_exists()
                    .col(pk_uuid(F::Id))
                    .col(string_len(F::KeyHash, 64))
                    .col(timestamp_with_time_zone(F::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_failures_key_created")
                    .table(F::Table)
                    .col(F::KeyHash)
                    .col(F::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(F::Table).to_owned())
            .await
    }
}
