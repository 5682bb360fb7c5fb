//! The SQLite pool: WAL, `synchronous=NORMAL`, foreign keys on, a busy timeout, migrations.

mod column_types;
pub mod commits;
pub mod statistics;
mod trigger_code;
pub mod until_commit;

pub use trigger_code::{TriggerCode, refusal_or_failure, trigger_code};

use super::config::DatabaseConfig;
use anyhow::Context;
use sqlx::query::Query;
use sqlx::sqlite::{
    SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::time::Duration;

/// Opens (creating if needed) the database file and brings its schema up to date.
pub async fn connect_and_migrate(config: &DatabaseConfig) -> anyhow::Result<SqlitePool> {
    let pool = open(config, config.max_connections).await?;
    sqlx::migrate!("./migrations").run(&pool).await.context("running migrations")?;
    statistics::optimize(&pool, &config.path, true).await.context("gathering table statistics")?;
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
    let commits = commits::Commits::of(&config.path);
    let analyzed = statistics::Analyzed::of(&config.path);
    let options = SqliteConnectOptions::new()
        .filename(&config.path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Sorts and temporary b-trees stay in memory: no temp files (with patients' data in
        // them) in /var/tmp, and no open/unlink per such statement.
        .pragma("temp_store", "memory")
        .busy_timeout(Duration::from_millis(config.busy_timeout_ms));
    // A local file does not go stale while idle: skip the ping sqlx would send on every
    // acquire (an extra round trip to the connection's thread, on the writer's critical path).
    SqlitePoolOptions::new()
        .max_connections(connections)
        .test_before_acquire(false)
        // A connection that plans with outdated statistics is replaced (db::statistics).
        .before_acquire(move |_, meta| Box::pin(async move { Ok(analyzed.is_current(meta.age)) }))
        .after_connect(move |conn, _| Box::pin(commits::report_commits(conn, commits)))
        .connect_with(options)
        .await
        .with_context(|| format!("opening database {}", config.path.display()))
}

/// Starts a write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so a
/// read-then-write sequence cannot be interleaved with another writer.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Wraps one SQL statement (a string literal, or a macro that expands to one) as a whole
/// `BEGIN IMMEDIATE` transaction for [`write_at_once`]: `BEGIN IMMEDIATE; <statement>; COMMIT`.
/// Parameters must be numbered (`?1`, `?2`, …) and may repeat across statements. Beware: for a
/// number a statement skips below its highest one, sqlx binds the next argument by position and
/// stops binding once that position passes the last argument, leaving later numbers NULL; so
/// keep each script's skipped numbers (counted over all its statements) fewer than its
/// arguments (or bind one JSON array and read it with `json_each`, as `mail::outbox::store_all`
/// does).
#[macro_export]
macro_rules! immediate_transaction {
    ($($statement:tt)+) => {
        concat!("BEGIN IMMEDIATE; ", $($statement)+, "; COMMIT")
    };
}

/// Runs a write transaction made by [`immediate_transaction!`] in a single round trip to the
/// writer connection (each round trip held under the write lock is time every other writer
/// waits), and returns the statement's rows. If the statement fails, the script stops before
/// `COMMIT`, so the transaction is rolled back here before the error is returned. It runs as
/// its own task, so a request dropped half-way cannot leave the transaction open.
pub async fn write_at_once(
    writer: &SqlitePool,
    transaction: Query<'static, Sqlite, SqliteArguments<'static>>,
) -> Result<Vec<SqliteRow>, sqlx::Error> {
    let writer = writer.clone();
    tokio::spawn(async move {
        let mut conn = writer.acquire().await?;
        let outcome = transaction.fetch_all(&mut *conn).await;
        if outcome.is_err() {
            // Fails harmlessly when BEGIN itself failed and no transaction is open.
            let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
        }
        outcome
    })
    .await
    .map_err(|_| sqlx::Error::WorkerCrashed)?
}

/// True when the error is a UNIQUE constraint violation.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|e| e.is_unique_violation())
}
