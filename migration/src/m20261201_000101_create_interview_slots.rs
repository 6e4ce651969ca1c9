//! Interview slots: a time, a place or video link and the facilitator
//! holding it. A slot holds at most one business, and a business at most one
//! slot: both are unique columns, so no race can book either twice.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Businesses, InterviewSlots as S, Users};

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
                    .col(timestamp_with_time_zone(S::StartsAt))
                    .col(timestamp_with_time_zone(S::EndsAt))
                    .col(string_len_null(S::Location, 300))
                    .col(string_len_null(S::OnlineUrl, 500))
                    .col(uuid_null(S::FacilitatorId))
                    .col(uuid_null(S::BusinessId))
                    .col(timestamp_with_time_zone_null(S::BookedAt))
                    .col(string_len(S::Status, 20))
                    .col(timestamp_with_time_zone(S::CreatedAt))
                    .col(timestamp_with_time_zone(S::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interview_slots_facilitator")
                            .from(S::Table, S::FacilitatorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interview_slots_business")
                            .from(S::Table, S::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_interview_slots_business")
                    .table(S::Table)
                    .col(S::BusinessId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_interview_slots_starts")
                    .table(S::Table)
                    .col(S::StartsAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(S::Table).to_owned())
            .await
    }
}
