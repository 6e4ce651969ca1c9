//! Businesses that registered for an interview: the business itself (its
//! organisation number once, its industry and size), what it wants to talk
//! about, and where it stands. The contact person sits in `contacts`.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::{BusinessThemes as BT, Businesses as B, Contacts, Themes};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(B::Table)
                    .if_not_exists()
                    .col(pk_uuid(B::Id))
                    .col(string_len(B::OrgNumber, 9))
                    .col(string_len(B::Name, 200))
                    .col(string_len(B::Industry, 1))
                    .col(integer_null(B::Employees))
                    .col(string_len_null(B::SizeBand, 10))
                    .col(string_len(B::PreferredFormat, 20))
                    .col(text_null(B::Message))
                    .col(string_len(B::Status, 20))
                    .col(boolean(B::WantsContact).default(false))
                    .col(uuid_null(B::ContactId))
                    .col(string_len(B::Language, 2))
                    .col(string_len(B::PrivateTokenHash, 64))
                    .col(string_len_null(B::IdempotencyKey, 64))
                    .col(integer(B::CalendarSequence).default(0))
                    .col(timestamp_with_time_zone(B::ConsentAt))
                    .col(timestamp_with_time_zone(B::CreatedAt))
                    .col(timestamp_with_time_zone(B::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_businesses_contact")
                            .from(B::Table, B::ContactId)
                            .to(Contacts::Table, Contacts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column, unique) in [
            ("idx_businesses_org_number", B::OrgNumber, true),
            ("idx_businesses_token", B::PrivateTokenHash, true),
            ("idx_businesses_idempotency", B::IdempotencyKey, true),
            ("idx_businesses_status", B::Status, false),
        ] {
            let mut index = Index::create();
            index.name(name).table(B::Table).col(column);
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(BT::Table)
                    .if_not_exists()
                    .col(uuid(BT::BusinessId))
                    .col(uuid(BT::ThemeId))
                    .primary_key(Index::create().col(BT::BusinessId).col(BT::ThemeId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_business_themes_business")
                            .from(BT::Table, BT::BusinessId)
                            .to(B::Table, B::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_business_themes_theme")
                            .from(BT::Table, BT::ThemeId)
                            .to(Themes::Table, Themes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BT::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(B::Table).to_owned())
            .await
    }
}
