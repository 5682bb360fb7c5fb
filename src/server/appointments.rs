//! Queries on appointments.

use crate::domain::UserId;
use crate::domain::schedule::Busy;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// A doctor's active appointments (pending, confirmed, and holds that have not expired) that
/// overlap `[from, to)`, as busy intervals for the availability engine.
pub async fn busy_for_doctor(
    pool: &SqlitePool,
    doctor: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Busy>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT start_at, end_at FROM appointments \
         WHERE doctor_id = ?1 AND status IN ('held', 'pending', 'confirmed') \
           AND (status <> 'held' OR hold_expires_at > ?4) \
           AND start_at < ?3 AND end_at > ?2 \
         ORDER BY start_at",
    )
    .bind(doctor.0)
    .bind(from.timestamp())
    .bind(to.timestamp())
    .bind(now.timestamp())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(start, end)| {
            Some(Busy {
                start: DateTime::from_timestamp(start, 0)?,
                end: DateTime::from_timestamp(end, 0)?,
            })
        })
        .collect())
}
