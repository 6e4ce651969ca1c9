//! Labelled inputs a facilitator loads with `innspill tagger train FILE.csv`,
//! which the tagger learns from before anyone has confirmed a tag here.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::TaggerSeed as S;

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
                    .col(string(S::Id).primary_key())
                    .col(string(S::Lang))
                    .col(string(S::Channel))
                    .col(text(S::Text))
                    .col(string(S::Themes))
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
