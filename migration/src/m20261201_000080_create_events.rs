//! Input meetings, workshops and breakfast meetings that people sign up for,
//! and the themes each is about.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{EventThemes as ET, Events as E, Themes};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(E::Table)
                    .if_not_exists()
                    .col(pk_uuid(E::Id))
                    .col(string_len(E::Kind, 20))
                    .col(string_len(E::Title, 200))
                    .col(text(E::Description))
                    .col(string_len_null(E::Location, 300))
                    .col(string_len_null(E::OnlineUrl, 500))
                    .col(timestamp_with_time_zone(E::StartsAt))
                    .col(timestamp_with_time_zone(E::EndsAt))
                    // None: no limit.
                    .col(integer_null(E::Capacity))
                    .col(timestamp_with_time_zone_null(E::SignupDeadline))
                    .col(boolean(E::Waitlist))
                    .col(boolean(E::AskDiet))
                    .col(boolean(E::AskAccessibility))
                    .col(boolean(E::AskOrganisation))
                    .col(string_len(E::Status, 20))
                    // iCalendar SEQUENCE: raised each time invitations change.
                    .col(integer(E::Sequence))
                    .col(timestamp_with_time_zone(E::CreatedAt))
                    .col(timestamp_with_time_zone(E::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_events_status_starts")
                    .table(E::Table)
                    .col(E::Status)
                    .col(E::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ET::Table)
                    .if_not_exists()
                    .col(uuid(ET::EventId))
                    .col(uuid(ET::ThemeId))
                    .primary_key(Index::create().col(ET::EventId).col(ET::ThemeId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_themes_event")
                            .from(ET::Table, ET::EventId)
                            .to(E::Table, E::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_themes_theme")
                            .from(ET::Table, ET::ThemeId)
                            .to(Themes::Table, Themes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ET::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(E::Table).to_owned())
            .await
    }
}
