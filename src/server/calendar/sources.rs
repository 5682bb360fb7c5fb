//! Doctors' connected calendars in SQLite (`external_calendars`, `external_resources`,
//! `external_busy`): reading one for a sync, storing a sync's result in one transaction, and
//! recording a failure without touching the busy times of the last good sync.

use super::busy::Interval;
use crate::server::db;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// A calendar as the sync reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Source {
    pub id: i64,
    pub doctor_id: i64,
    pub kind: String,
    pub url: String,
    pub username: Option<String>,
    pub sealed_password: Option<Vec<u8>>,
    pub etag: Option<String>,
    pub sync_token: Option<String>,
    /// When its busy times were last expanded from its whole content.
    pub expanded_at: Option<i64>,
    /// The doctor's zone (all-day and floating times).
    pub time_zone: String,
}

/// Calendar `id`, if it exists.
pub async fn find(pool: &SqlitePool, id: i64) -> Result<Option<Source>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.doctor_id, c.kind, c.url, c.username, c.sealed_password, c.etag, \
         c.sync_token, c.expanded_at, d.time_zone FROM external_calendars c \
         JOIN doctors d ON d.user_id = c.doctor_id WHERE c.id = ?1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// Calendars due for a sync at `now`, soonest first.
pub async fn due(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM external_calendars WHERE next_sync_at <= ?1 ORDER BY next_sync_at LIMIT ?2",
    )
    .bind(now.timestamp())
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// What a successful sync found.
#[derive(Debug, Default)]
pub struct Changes {
    /// Resources whose busy times are replaced: (href, etag, intervals).
    pub changed: Vec<(String, Option<String>, Vec<Interval>)>,
    /// Resources gone from the calendar.
    pub gone: Vec<String>,
    /// A full listing: every resource not in `changed` is gone.
    pub complete: bool,
    pub etag: Option<String>,
    pub sync_token: Option<String>,
}

/// Stores a successful sync of calendar `id` (of `doctor`) in one `BEGIN IMMEDIATE`
/// transaction; the doctor's cached availability follows by trigger when anything changed.
pub async fn store_success(
    writer: &SqlitePool,
    (id, doctor): (i64, i64),
    changes: &Changes,
    now: DateTime<Utc>,
    next: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db::begin_write(writer).await?;
    let mut moved = !changes.gone.is_empty();
    for href in &changes.gone {
        sqlx::query("DELETE FROM external_resources WHERE calendar_id = ?1 AND href = ?2")
            .bind(id)
            .bind(href)
            .execute(&mut *tx)
            .await?;
    }
    if changes.complete {
        let kept: Vec<&str> = changes.changed.iter().map(|(href, _, _)| href.as_str()).collect();
        let kept = serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into());
        let dropped = sqlx::query(
            "DELETE FROM external_resources WHERE calendar_id = ?1 \
             AND href NOT IN (SELECT value FROM json_each(?2))",
        )
        .bind(id)
        .bind(kept)
        .execute(&mut *tx)
        .await?;
        moved |= dropped.rows_affected() > 0;
    }
    for (href, etag, intervals) in &changes.changed {
        moved = true;
        sqlx::query(
            "INSERT INTO external_resources (calendar_id, href, etag) VALUES (?1, ?2, ?3) \
             ON CONFLICT (calendar_id, href) DO UPDATE SET etag = excluded.etag",
        )
        .bind(id)
        .bind(href)
        .bind(etag)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM external_busy WHERE calendar_id = ?1 AND href = ?2")
            .bind(id)
            .bind(href)
            .execute(&mut *tx)
            .await?;
        let rows: Vec<[i64; 2]> =
            intervals.iter().map(|(s, e)| [s.timestamp(), e.timestamp()]).collect();
        sqlx::query(
            "INSERT INTO external_busy (calendar_id, href, doctor_id, start_at, end_at) \
             SELECT ?1, ?2, ?3, value ->> 0, value ->> 1 FROM json_each(?4)",
        )
        .bind(id)
        .bind(href)
        .bind(doctor)
        .bind(serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into()))
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE external_calendars SET etag = ?2, sync_token = ?3, last_attempt_at = ?4, \
         last_success_at = ?4, error_code = NULL, error_detail = NULL, next_sync_at = ?5, \
         busy_version = busy_version + ?6, \
         expanded_at = CASE WHEN ?7 THEN ?4 ELSE expanded_at END WHERE id = ?1",
    )
    .bind(id)
    .bind(&changes.etag)
    .bind(&changes.sync_token)
    .bind(now.timestamp())
    .bind(next.timestamp())
    .bind(i64::from(moved))
    .bind(changes.complete)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Records a failed sync of calendar `id`: its error, the next try; busy times kept.
pub async fn store_failure(
    writer: &SqlitePool,
    id: i64,
    (code, detail): (&str, &str),
    now: DateTime<Utc>,
    next: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let detail: String = detail.chars().take(500).collect();
    sqlx::query(
        "UPDATE external_calendars SET last_attempt_at = ?2, error_code = ?3, error_detail = ?4, \
         next_sync_at = ?5 WHERE id = ?1",
    )
    .bind(id)
    .bind(now.timestamp())
    .bind(code)
    .bind(detail)
    .bind(next.timestamp())
    .execute(writer)
    .await
    .map(|_| ())
}
