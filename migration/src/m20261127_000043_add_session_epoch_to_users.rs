//! A counter per user that every session carries; raising it (sign-out, a new
//! password) ends all of that user's sessions, even copies of a stolen cookie.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Users as U;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(U::Table)
                    .add_column(integer(U::SessionEpoch).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(U::Table)
                    .drop_column(U::SessionEpoch)
                    .to_owned(),
            )
            .await
    }
}
