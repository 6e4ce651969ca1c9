//! Search matches inflected Norwegian words (turister finds turisme), so each
//! input keeps its title and body as stemmed words, computed in Rust; NULL
//! means not yet computed, which the backfill after migrating fills in.

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
                    .add_column(text_null(I::SearchText))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(I::Table)
                    .drop_column(I::SearchText)
                    .to_owned(),
            )
            .await
    }
}
