//! Sign-ups for events: who (a contact row, erasable), their answers, and
//! where they stand (confirmed, waitlisted, cancelled, attended).

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Contacts, EventSignups as S, Events};

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
                    .col(uuid(S::EventId))
                    .col(uuid_null(S::ContactId))
                    .col(string_len(S::StakeholderGroup, 30))
                    .col(text_null(S::Diet))
                    .col(text_null(S::Accessibility))
                    .col(string_len(S::Status, 20))
                    .col(string_len(S::Language, 2))
                    .col(string_len(S::PrivateTokenHash, 64))
                    .col(string_len_null(S::IdempotencyKey, 64))
                    .col(timestamp_with_time_zone(S::CreatedAt))
                    .col(timestamp_with_time_zone(S::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_signups_event")
                            .from(S::Table, S::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    // Erasing a person keeps the seat's history, not the person.
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_signups_contact")
                            .from(S::Table, S::ContactId)
                            .to(Contacts::Table, Contacts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            (
                "idx_event_signups_event_status",
                vec![S::EventId, S::Status, S::CreatedAt],
                false,
            ),
            ("idx_event_signups_token", vec![S::PrivateTokenHash], true),
            (
                "idx_event_signups_idempotency",
                vec![S::IdempotencyKey],
                true,
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(S::Table);
            for column in columns {
                index.col(column);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(S::Table).to_owned())
            .await
    }
}
