//! Queries on appointments.

use crate::domain::UserId;
use crate::domain::schedule::Busy;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// A doctor's active appointments (pending, confirmed, and holds that have not expired) that
/// overlap `[from, to)`, as busy intervals for the availability engine.
pub async fn busy_for_doctor(
    pool: impl sqlx::SqliteExecutor<'_>,
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

/// Releases every hold whose time is up.
pub async fn release_expired_holds(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE appointments SET status = 'released', hold_expires_at = NULL, updated_at = ?1 \
         WHERE status = 'held' AND hold_expires_at <= ?1",
    )
    .bind(now.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}

/// Releases the patient's current holds (a patient holds one slot at a time).
pub async fn release_patient_holds(
    conn: &mut SqliteConnection,
    patient: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE appointments SET status = 'released', hold_expires_at = NULL, updated_at = ?2 \
         WHERE status = 'held' AND patient_id = ?1",
    )
    .bind(patient.0)
    .bind(now.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}

/// A new hold to store.
pub struct NewHold {
    pub doctor: UserId,
    pub patient: UserId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub blocked_from: DateTime<Utc>,
    pub blocked_until: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Stores a hold and returns its id (the triggers refuse overlaps).
pub async fn insert_hold(
    conn: &mut SqliteConnection,
    hold: &NewHold,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, blocked_until, \
         status, hold_expires_at, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'held', ?7, ?8, ?8) RETURNING id",
    )
    .bind(hold.doctor.0)
    .bind(hold.patient.0)
    .bind(hold.start.timestamp())
    .bind(hold.end.timestamp())
    .bind(hold.blocked_from.timestamp())
    .bind(hold.blocked_until.timestamp())
    .bind(hold.expires_at.timestamp())
    .bind(now.timestamp())
    .fetch_one(conn)
    .await
}
