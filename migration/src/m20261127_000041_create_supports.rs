//! Support ("Støtt") for published ideas: one per browser and per address,
//! both kept only as keyed hashes, never as a cookie value or an IP address.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Inputs, Supports as S};

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
                    .col(pk_uuid(S::Id))
                    .col(uuid(S::InputId))
                    .col(string_len(S::BrowserHash, 64))
                    .col(string_len(S::AddressHash, 64))
                    .col(timestamp_with_time_zone(S::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supports_input")
                            .from(S::Table, S::InputId)
                            .to(Inputs::Table, Inputs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_supports_input_browser")
                    .table(S::Table)
                    .col(S::InputId)
                    .col(S::BrowserHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_supports_input_address")
                    .table(S::Table)
                    .col(S::InputId)
                    .col(S::AddressHash)
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
