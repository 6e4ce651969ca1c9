//! Every change to what public pages show (inputs, their themes, themes,
//! programme settings) bumps the public revision in the same transaction, by
//! trigger, so no write path, present or future, can leave a cached page stale.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose rows public pages are rendered from. Supports change
/// `inputs.support_count`, so they are covered through `inputs`.
const TABLES: [&str; 4] = ["inputs", "input_themes", "themes", "programme_settings"];
const EVENTS: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

/// PostgreSQL: the bump runs at commit (a deferred constraint trigger), once
/// per transaction, so the one counter row is locked only for the moment of
/// committing: writers never wait on it mid-transaction, and it is always
/// the last lock taken, so it cannot deadlock with row locks.
const POSTGRES_FUNCTION: &str = "
CREATE FUNCTION bump_public_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('innspill.public_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE revisions SET value = value + 1 WHERE name = 'public';
        PERFORM set_config('innspill.public_bumped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$";

fn sqlite_up() -> Vec<String> {
    let mut statements = Vec::new();
    for table in TABLES {
        for event in EVENTS {
            statements.push(format!(
                "CREATE TRIGGER public_revision_{table}_{} AFTER {event} ON {table} BEGIN
                    UPDATE revisions SET value = value + 1 WHERE name = 'public';
                 END",
                event.to_lowercase()
            ));
        }
    }
    statements
}

fn sqlite_down() -> Vec<String> {
    let mut statements = Vec::new();
    for table in TABLES {
        for event in EVENTS {
            statements.push(format!(
                "DROP TRIGGER public_revision_{table}_{}",
                event.to_lowercase()
            ));
        }
    }
    statements
}

fn postgres_up() -> Vec<String> {
    let mut statements = vec![POSTGRES_FUNCTION.to_owned()];
    for table in TABLES {
        statements.push(format!(
            "CREATE CONSTRAINT TRIGGER public_revision_{table}
             AFTER INSERT OR UPDATE OR DELETE ON {table}
             DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
             EXECUTE FUNCTION bump_public_revision()"
        ));
    }
    statements
}

fn postgres_down() -> Vec<String> {
    let mut statements: Vec<String> = TABLES
        .iter()
        .map(|table| format!("DROP TRIGGER public_revision_{table} ON {table}"))
        .collect();
    statements.push("DROP FUNCTION bump_public_revision()".to_owned());
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, sqlite_up(), postgres_up()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, sqlite_down(), postgres_down()).await
    }
}

async fn run(
    manager: &SchemaManager<'_>,
    sqlite: Vec<String>,
    postgres: Vec<String>,
) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        DatabaseBackend::Sqlite => sqlite,
        DatabaseBackend::Postgres => postgres,
        other => return Err(DbErr::Migration(format!("no triggers for {other:?}"))),
    };
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(&statement).await?;
    }
    Ok(())
}
