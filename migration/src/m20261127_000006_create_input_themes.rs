//! Theme tags on inputs, with where each came from (suggested, confirmed, manual).

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{InputThemes as IT, Inputs, Themes};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IT::Table)
                    .if_not_exists()
                    .col(uuid(IT::InputId))
                    .col(uuid(IT::ThemeId))
                    .col(string_len(IT::Origin, 20))
                    .col(double_null(IT::Confidence))
                    .col(timestamp_with_time_zone(IT::CreatedAt))
                    .primary_key(Index::create().col(IT::InputId).col(IT::ThemeId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_input_themes_input")
                            .from(IT::Table, IT::InputId)
                            .to(Inputs::Table, Inputs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_input_themes_theme")
                            .from(IT::Table, IT::ThemeId)
                            .to(Themes::Table, Themes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_input_themes_theme")
                    .table(IT::Table)
                    .col(IT::ThemeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IT::Table).to_owned())
            .await
    }
}
