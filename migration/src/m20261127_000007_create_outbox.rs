//! Mail waiting to be sent: written in the same transaction as the change it confirms.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Outbox as O;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(O::Table)
                    .if_not_exists()
                    .col(pk_uuid(O::Id))
                    .col(string_len(O::Recipient, 254))
                    .col(string_len(O::Subject, 300))
                    .col(text(O::BodyText))
                    .col(text(O::BodyHtml))
                    .col(string_len(O::Status, 20))
                    .col(integer(O::Attempts).default(0))
                    .col(timestamp_with_time_zone(O::NextAttemptAt))
                    .col(text_null(O::LastError))
                    .col(timestamp_with_time_zone_null(O::ClaimedUntil))
                    .col(timestamp_with_time_zone(O::CreatedAt))
                    .col(timestamp_with_time_zone_null(O::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(O::Table)
                    .col(O::Status)
                    .col(O::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(O::Table).to_owned())
            .await
    }
}
