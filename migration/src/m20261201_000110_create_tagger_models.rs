//! The trained tagger lives in the database, so every app instance suggests
//! with the same model and a restart does not have to train before tagging.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::TaggerModels as M;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(M::Table)
                    .if_not_exists()
                    .col(pk_uuid(M::Id))
                    .col(timestamp_with_time_zone(M::CreatedAt))
                    .col(integer(M::TrainedOn))
                    .col(text(M::ThemesKey))
                    .col(text(M::Model))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tagger_models_created_at")
                    .table(M::Table)
                    .col(M::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(M::Table).to_owned())
            .await
    }
}
