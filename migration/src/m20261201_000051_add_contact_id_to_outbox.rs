//! Ties a mail to the contact it goes to, so erasing one person removes
//! exactly their mail, and not the mail of someone else at the same address.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{Contacts, Outbox as O};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // CASCADE, not SET NULL: a queued mail left behind without its contact
        // would still go out to a person who asked to be erased, and a sent
        // one still holds their address. SQLite cannot add a foreign key to an
        // existing table through sea-query, but both databases take an inline
        // REFERENCES on a new nullable column.
        let references = format!(
            r#"REFERENCES "{}" ("{}") ON DELETE CASCADE"#,
            Contacts::Table.to_string(),
            Contacts::Id.to_string()
        );
        manager
            .alter_table(
                Table::alter()
                    .table(O::Table)
                    .add_column(uuid_null(O::ContactId).extra(references))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_contact")
                    .table(O::Table)
                    .col(O::ContactId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            // SQLite refuses to drop a column that is part of a foreign key.
            return Err(DbErr::Migration(
                "the outbox's contact column cannot be removed on SQLite".into(),
            ));
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_contact")
                    .table(O::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(O::Table)
                    .drop_column(O::ContactId)
                    .to_owned(),
            )
            .await
    }
}
