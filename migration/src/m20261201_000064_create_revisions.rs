//! A counter of changes to what the public pages show, so every instance can
//! keep rendered pages and check with one cheap read that they still hold.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveIden)]
enum Revisions {
    Table,
    Name,
    Value,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Revisions::Table)
                    .if_not_exists()
                    .col(string_len(Revisions::Name, 40).primary_key())
                    .col(big_integer(Revisions::Value).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("INSERT INTO revisions (name, value) VALUES ('public', 0)")
            .await
            .map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Revisions::Table).to_owned())
            .await
    }
}
