//! The triage queue and its counts look for suggested tags (optionally on
//! one theme); without an index that reads every tag of every input.

use sea_orm_migration::prelude::*;

use crate::iden::InputThemes as T;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_input_themes_origin_theme";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(T::Table)
                    .col(T::Origin)
                    .col(T::ThemeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(T::Table).to_owned())
            .await
    }
}
