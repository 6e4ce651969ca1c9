//! A mail's reference (such as an event reminder for one sign-up), so a mail
//! scheduled for later can be withdrawn when what it is about is cancelled.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Outbox as O;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(O::Table)
                    .add_column(string_len_null(O::Reference, 100))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_reference")
                    .table(O::Table)
                    .col(O::Reference)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_reference")
                    .table(O::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(O::Table)
                    .drop_column(O::Reference)
                    .to_owned(),
            )
            .await
    }
}
