//! The tables (or groups) of a workshop: a theme each may be about, the host
//! who summarises it in plenary, and that summary.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Events, Themes, WorkshopTables as T};

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
                    .col(uuid(T::EventId))
                    .col(integer(T::Position))
                    .col(string_len(T::Name, 100))
                    .col(uuid_null(T::ThemeId))
                    .col(string_len_null(T::Host, 200))
                    .col(text_null(T::Summary))
                    .col(timestamp_with_time_zone(T::CreatedAt))
                    .col(timestamp_with_time_zone(T::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_tables_event")
                            .from(T::Table, T::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    // A theme removed later leaves the table without one.
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_tables_theme")
                            .from(T::Table, T::ThemeId)
                            .to(Themes::Table, Themes::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_workshop_tables_event_position")
                    .table(T::Table)
                    .col(T::EventId)
                    .col(T::Position)
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
