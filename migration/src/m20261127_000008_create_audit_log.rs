//! Who did what and when: moderation, exports of personal data and settings changes.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{AuditLog as A, Users};

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
                    .col(uuid_null(A::UserId))
                    .col(string_len(A::Action, 60))
                    .col(string_len_null(A::EntityType, 40))
                    .col(string_len_null(A::EntityId, 64))
                    .col(text_null(A::Details))
                    .col(timestamp_with_time_zone(A::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_audit_log_user")
                            .from(A::Table, A::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_created")
                    .table(A::Table)
                    .col(A::CreatedAt)
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
