//! Events counted for rate limits on public forms, under hashed keys, in the
//! database so that every instance sees the same counts.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::RateEvents as R;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .if_not_exists()
                    .col(pk_uuid(R::Id))
                    .col(string_len(R::KeyHash, 64))
                    .col(timestamp_with_time_zone(R::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rate_events_key_created")
                    .table(R::Table)
                    .col(R::KeyHash)
                    .col(R::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(R::Table).to_owned())
            .await
    }
}
