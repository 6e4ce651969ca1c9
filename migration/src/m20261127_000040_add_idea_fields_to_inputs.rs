//! What residents' ideas need beyond a plain input: where, support, merging,
//! moderation notes, the sender's private link (as a hash) and an
//! idempotency key so a re-sent form stores one idea.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Inputs as I;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        let columns = [
            text_null(I::Location),
            integer(I::SupportCount).default(0).to_owned(),
            uuid_null(I::MergedIntoId),
            text_null(I::ModerationNote),
            timestamp_with_time_zone_null(I::PublishedAt),
            string_len_null(I::PrivateTokenHash, 64),
            string_len_null(I::IdempotencyKey, 64),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(I::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        for (name, column) in [
            ("idx_inputs_private_token_hash", I::PrivateTokenHash),
            ("idx_inputs_idempotency_key", I::IdempotencyKey),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(I::Table)
                        .col(column)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_inputs_status_published")
                    .table(I::Table)
                    .col(I::Status)
                    .col(I::PublishedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "adding idea fields cannot be undone".into(),
        ))
    }
}
