//! The public list's default order (newest first, per channel and status)
//! read straight from an index, so a page costs the rows it shows and an
//! offset steps over index entries instead of sorting every idea.

use sea_orm_migration::prelude::*;

use crate::iden::Inputs as I;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_inputs_channel_status_published_id";

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
