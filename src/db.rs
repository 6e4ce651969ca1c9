//! Opening the database (SQLite tuned for a web server, or PostgreSQL) and migrating it.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// The PostgreSQL advisory lock migrations run under: any fixed number that
/// no other program on the same database uses ("innspill" in ASCII).
const MIGRATION_LOCK: i64 = 0x696e_6e73_7069_6c6c;
/// How long an instance waits for another that is migrating the same SQLite file.
const SQLITE_MIGRATION_WAIT: Duration = Duration::from_secs(120);

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .acquire_timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // sea-orm defaults SQLite to one connection; WAL lets readers run beside the writer.
        options
            .max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|opts| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(5))
                    .foreign_keys(true)
            });
    } else {
        options.max_connections(16);
        return Database::connect(options).await;
    }
    // Opening a SQLite file switches it to WAL, which waits for a writer:
    // another instance migrating the same file may hold it longer than the
    // busy timeout, so wait as long as for the migration itself.
    let deadline = std::time::Instant::now() + SQLITE_MIGRATION_WAIT;
    loop {
        match Database::connect(options.clone()).await {
            Err(err) if std::time::Instant::now() < deadline && is_busy(&err) => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            other => return other,
        }
    }
}

/// Applies pending migrations, one instance at a time: instances started
/// together (a rolling deploy with two replicas) wait for the first, then
/// find nothing left to do. The whole run is one transaction, so a failed
/// migration leaves the schema as it was. Then it fills in what a migration
/// cannot compute in SQL: the stemmed search text of inputs stored before
/// search existed.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrate_schema(db).await?;
    crate::inputs::search::index_pending(db).await?;
    Ok(())
}

async fn migrate_schema(db: &DatabaseConnection) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let txn = db.begin().await?;
            // Held until the transaction ends; a second instance waits here.
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                .await?;
            Migrator::up(&txn, None).await?;
            txn.commit().await
        }
        _ => {
            let txn = begin_immediate(db).await?;
            Migrator::up(&txn, None).await?;
            txn.commit().await
        }
    }
}

/// Begins a transaction that may write. On SQLite it takes the write lock
/// at once (`BEGIN IMMEDIATE`), waiting out the busy timeout if another
/// writer holds it. A deferred transaction that reads first and writes later
/// fails at once with "database is locked" when another connection has
/// committed since its read: in WAL mode its snapshot is then stale, and
/// SQLite cannot wait that out. PostgreSQL ignores the mode.
pub async fn begin<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(immediate()).await
}

fn immediate() -> TransactionOptions {
    TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    }
}

/// A SQLite transaction that holds the write lock from its first moment,
/// so it reads which migrations are pending only once no one else is
/// writing. Waits past the busy timeout, since a migration with a large
/// backfill may hold the lock longer than a request would.
async fn begin_immediate(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    let deadline = std::time::Instant::now() + SQLITE_MIGRATION_WAIT;
    loop {
        match db.begin_with_options(immediate()).await {
            Ok(txn) => return Ok(txn),
            Err(err) if std::time::Instant::now() < deadline && is_busy(&err) => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(err) => return Err(err),
        }
    }
}

fn is_busy(err: &DbErr) -> bool {
    let text = err.to_string();
    text.contains("database is locked") || text.contains("busy")
}

/// True when the database answers a trivial query.
pub async fn is_reachable(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}
