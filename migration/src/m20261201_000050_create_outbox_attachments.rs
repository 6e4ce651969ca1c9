//! Files sent with a mail (a calendar invitation, say), in a table of their
//! own: a mail may carry several, the worker's claim never hauls their bytes
//! around, and they are deleted as soon as the mail has gone.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Outbox, OutboxAttachments as A};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .if_not_exists()
                    .col(pk_uuid(A::Id))
                    .col(uuid(A::OutboxId))
                    .col(integer(A::Position))
                    .col(string_len(A::Filename, 255))
                    .col(string_len(A::ContentType, 255))
                    .col(blob(A::Content))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_outbox_attachments_outbox")
                            .from(A::Table, A::OutboxId)
                            .to(Outbox::Table, Outbox::Id)
                            // A mail that is removed takes its files with it.
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_attachments_outbox_position")
                    .table(A::Table)
                    .col(A::OutboxId)
                    .col(A::Position)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(A::Table).to_owned())
            .await
    }
}
