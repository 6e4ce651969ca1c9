//! Prioritisation: the options and votes of the public pairwise survey, the
//! project group's assessment of each theme, and the facilitators' named
//! weight scenarios. Votes are only ever added, so the fit can be rerun and
//! audited from them; options are rejected, never deleted, so old votes keep
//! their meaning.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{
    PairwiseOptions as O, PairwiseVotes as V, PriorityAssessments as A, PriorityScenarios as S,
    Themes, Users,
};

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
                    .col(uuid_null(O::ThemeId))
                    .col(string_len_null(O::Label, 200))
                    .col(string_len(O::Status, 20))
                    .col(string_len(O::Language, 5))
                    .col(string_len_null(O::StreamHash, 64))
                    .col(timestamp_with_time_zone(O::CreatedAt))
                    .col(timestamp_with_time_zone_null(O::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pairwise_options_theme")
                            .from(O::Table, O::ThemeId)
                            .to(Themes::Table, Themes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pairwise_options_theme")
                    .table(O::Table)
                    .col(O::ThemeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(V::Table)
                    .if_not_exists()
                    .col(pk_uuid(V::Id))
                    .col(string_len(V::StreamHash, 64))
                    .col(uuid(V::LeftId))
                    .col(uuid(V::RightId))
                    .col(string_len(V::Outcome, 10))
                    .col(string_len(V::Language, 5))
                    .col(timestamp_with_time_zone(V::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pairwise_votes_left")
                            .from(V::Table, V::LeftId)
                            .to(O::Table, O::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pairwise_votes_right")
                            .from(V::Table, V::RightId)
                            .to(O::Table, O::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pairwise_votes_stream")
                    .table(V::Table)
                    .col(V::StreamHash)
                    .col(V::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .if_not_exists()
                    .col(pk_uuid(A::Id))
                    .col(uuid(A::UserId))
                    .col(uuid(A::ThemeId))
                    .col(small_integer(A::Jobs))
                    .col(small_integer(A::Robustness))
                    .col(small_integer(A::Development))
                    .col(small_integer(A::Feasibility))
                    .col(small_integer(A::Advantage))
                    .col(text(A::Rationale))
                    .col(timestamp_with_time_zone(A::CreatedAt))
                    .col(timestamp_with_time_zone(A::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priority_assessments_user")
                            .from(A::Table, A::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priority_assessments_theme")
                            .from(A::Table, A::ThemeId)
                            .to(Themes::Table, Themes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_priority_assessments_user_theme")
                    .table(A::Table)
                    .col(A::UserId)
                    .col(A::ThemeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .if_not_exists()
                    .col(pk_uuid(S::Id))
                    .col(string_len_uniq(S::Name, 120))
                    .col(text(S::Weights))
                    .col(integer(S::Areas))
                    .col(double(S::Concentration))
                    .col(integer(S::Samples))
                    .col(big_integer(S::Seed))
                    .col(boolean(S::Chosen))
                    .col(uuid_null(S::CreatedBy))
                    .col(timestamp_with_time_zone(S::CreatedAt))
                    .col(timestamp_with_time_zone(S::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            S::Table.into_iden(),
            A::Table.into_iden(),
            V::Table.into_iden(),
            O::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
