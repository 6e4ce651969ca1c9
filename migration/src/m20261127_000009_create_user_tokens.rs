//! Single-use links for invitations and password resets, stored only as hashes.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{UserTokens as T, Users};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .if_not_exists()
                    .col(pk_uuid(T::Id))
                    .col(uuid(T::UserId))
                    .col(string_len(T::Purpose, 20))
                    .col(string_len_uniq(T::TokenHash, 64))
                    .col(timestamp_with_time_zone(T::ExpiresAt))
                    .col(timestamp_with_time_zone_null(T::UsedAt))
                    .col(timestamp_with_time_zone(T::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_tokens_user")
                            .from(T::Table, T::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(T::Table).to_owned())
            .await
    }
}
