//! Wrong passwords per sign-in name, kept in SQLite (see the `sign_in_failures` table): each
//! attempt is counted before its password is checked, in its own write transaction.

use crate::domain::sign_in_backoff::may_try;
use crate::server::db;
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;

/// Counts an attempt for `key` at `now`, unless the name must still wait after earlier wrong
/// passwords (`free` are allowed without waiting): then how long is left.
pub async fn reserve_attempt(
    writer: &SqlitePool,
    key: &str,
    now: DateTime<Utc>,
    free: u32,
) -> Result<Result<(), Duration>, sqlx::Error> {
    let mut tx = db::begin_write(writer).await?;
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT failures, last_at FROM sign_in_failures WHERE key = ?1")
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some((failures, last_at)) = row {
        let last_at = DateTime::from_timestamp(last_at, 0).unwrap_or(now);
        let failures = u32::try_from(failures).unwrap_or(u32::MAX);
        if let Err(left) = may_try(failures, last_at, now, free) {
            return Ok(Err(left));
        }
    }
    sqlx::query(
        "INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?1, 1, ?2) \
         ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_at = ?2",
    )
    .bind(key)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Forgets `key`'s failures (the right password was given).
pub async fn clear(writer: &SqlitePool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = ?1").bind(key).execute(writer).await?;
    Ok(())
}
