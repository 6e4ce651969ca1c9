//! The tagger's queue: NULL means the input has not been scored yet (new,
//! edited, or waiting for a retrained model), so existing inputs start NULL
//! and are scored by the background worker, and a crash loses nothing.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Inputs as I;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(I::Table)
                    .add_column(timestamp_with_time_zone_null(I::SuggestedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(I::Table)
                    .drop_column(I::SuggestedAt)
                    .to_owned(),
            )
            .await
    }
}
