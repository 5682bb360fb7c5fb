//! The SQLite pool: WAL, `synchronous=NORMAL`, foreign keys on, a busy timeout, migrations.

use super::config::DatabaseConfig;
use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::time::Duration;

/// Opens (creating if needed) the database file and brings its schema up to date.
pub async fn connect_and_migrate(config: &DatabaseConfig) -> anyhow::Result<SqlitePool> {
    let pool = open(config, config.max_connections).await?;
    sqlx::migrate!("./migrations").run(&pool).await.context("running migrations")?;
    Ok(pool)
}

/// The writer: a pool of one connection for `BEGIN IMMEDIATE` transactions. Writers then queue
/// first-come first-served in the pool instead of spinning in SQLite's busy handler (whose
/// growing sleeps starve unlucky connections), which keeps tail latency low under contention.
pub async fn connect_writer(config: &DatabaseConfig) -> anyhow::Result<SqlitePool> {
    open(config, 1).await
}

async fn open(config: &DatabaseConfig, connections: u32) -> anyhow::Result<SqlitePool> {
    if let Some(dir) = config.path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating database directory {}", dir.display()))?;
    }
    let options = SqliteConnectOptions::new()
        .filename(&config.path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_millis(config.busy_timeout_ms));
    SqlitePoolOptions::new()
        .max_connections(connections)
        .connect_with(options)
        .await
        .with_context(|| format!("opening database {}", config.path.display()))
}

/// Starts a write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so a
/// read-then-write sequence cannot be interleaved with another writer.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// The code raised by one of our triggers (`RAISE(ABORT, 'MB_...')`), if that is the error.
pub fn trigger_code(error: &sqlx::Error) -> Option<String> {
    let message = error.as_database_error()?.message().to_owned();
    message.starts_with("MB_").then_some(message)
}

/// True when the error is a UNIQUE constraint violation.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|e| e.is_unique_violation())
}
