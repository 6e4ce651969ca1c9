//! How an event's workshop was run (café dialogue, individual–group–plenary,
//! post-its with dot voting), kept beside the event rather than on it, since
//! only events whose results are captured have one.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Events, Workshops as W};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(W::Table)
                    .if_not_exists()
                    .col(uuid(W::EventId).primary_key())
                    // None: not said yet.
                    .col(string_len_null(W::Method, 30))
                    .col(timestamp_with_time_zone(W::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshops_event")
                            .from(W::Table, W::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(W::Table).to_owned())
            .await
    }
}
