//! The tagger looks for unscored inputs every second; an index keeps that a
//! lookup instead of a scan of every input.

use sea_orm_migration::prelude::*;

use crate::iden::Inputs as I;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_inputs_suggested_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(I::Table)
                    .col(I::SuggestedAt)
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
