//! A workshop note is an input (channel `workshop`); this row ties it to its
//! event and table and holds the dot votes it got, never fewer than none.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Events, Inputs, WorkshopNotes as N, WorkshopTables};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(N::Table)
                    .if_not_exists()
                    .col(uuid(N::InputId).primary_key())
                    .col(uuid(N::EventId))
                    .col(uuid_null(N::TableId))
                    .col(
                        integer(N::Votes)
                            .default(0)
                            .check(("ck_workshop_notes_votes", Expr::col(N::Votes).gte(0))),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_notes_input")
                            .from(N::Table, N::InputId)
                            .to(Inputs::Table, Inputs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_notes_event")
                            .from(N::Table, N::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    // A table removed later keeps its notes, without a table.
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_notes_table")
                            .from(N::Table, N::TableId)
                            .to(WorkshopTables::Table, WorkshopTables::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_workshop_notes_event", N::EventId),
            ("idx_workshop_notes_table", N::TableId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(N::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(N::Table).to_owned())
            .await
    }
}
