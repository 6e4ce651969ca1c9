//! Every input from every channel in one table, so tagging and prioritisation see them all.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Contacts, Inputs as I};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(I::Table)
                    .if_not_exists()
                    .col(pk_uuid(I::Id))
                    .col(string_len(I::Channel, 20))
                    .col(string_len_null(I::Title, 200))
                    .col(text(I::Body))
                    .col(string_len(I::StakeholderGroup, 30))
                    .col(string_len(I::Status, 20))
                    .col(string_len(I::Language, 5))
                    .col(uuid_null(I::ContactId))
                    .col(timestamp_with_time_zone(I::CreatedAt))
                    .col(timestamp_with_time_zone(I::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inputs_contact")
                            .from(I::Table, I::ContactId)
                            .to(Contacts::Table, Contacts::Id)
                            // Erasing a contact keeps the input, without its sender.
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inputs_channel_status_created")
                    .table(I::Table)
                    .col(I::Channel)
                    .col(I::Status)
                    .col(I::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inputs_contact")
                    .table(I::Table)
                    .col(I::ContactId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(I::Table).to_owned())
            .await
    }
}
