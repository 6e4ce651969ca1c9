//! One row telling every instance when people's tags last changed (so the
//! stored model is stale) and which instance is retraining it, so a burst of
//! confirmations costs one retrain, not one per instance.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::TaggerState as S;

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
                    .col(timestamp_with_time_zone_null(S::LabelsChangedAt))
                    .col(timestamp_with_time_zone_null(S::RetrainClaimedUntil))
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
