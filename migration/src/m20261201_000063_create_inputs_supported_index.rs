//! The "most supported" order (supports, then newest) read straight from an
//! index, as the newest-first order is.

use sea_orm_migration::prelude::*;

use crate::iden::Inputs as I;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_inputs_channel_status_supports_published_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(I::Table)
                    .col(I::Channel)
                    .col(I::Status)
                    .col((I::SupportCount, IndexOrder::Desc))
                    .col((I::PublishedAt, IndexOrder::Desc))
                    .col((I::Id, IndexOrder::Desc))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(I::Table).to_owned())
            .await
    }
}
