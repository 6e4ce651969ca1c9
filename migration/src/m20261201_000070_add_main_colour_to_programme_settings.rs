//! The municipality's main colour, from which every page's accent is derived.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::ProgrammeSettings as P;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(P::Table)
                    .add_column(string_len_null(P::MainColour, 7))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(P::Table)
                    .drop_column(P::MainColour)
                    .to_owned(),
            )
            .await
    }
}
