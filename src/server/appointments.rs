//! Queries on appointments.

use crate::domain::UserId;
use crate::domain::booking::{Actor, AppointmentStatus};
use crate::domain::money::Money;
use crate::domain::schedule::Busy;
use crate::server::db;
use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection, SqlitePool};

/// A doctor's active appointments (pending, confirmed, and holds that have not expired) that
/// overlap `[from, to)`, as busy intervals for the availability engine; `except` leaves one
/// appointment out (the one being moved).
pub async fn busy_for_doctor(
    pool: impl sqlx::SqliteExecutor<'_>,
    doctor: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<Busy>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT start_at, end_at FROM appointments \
         WHERE doctor_id = ?1 AND status IN ('held', 'pending', 'confirmed') \
           AND (status <> 'held' OR hold_expires_at > ?4) \
           AND start_at < ?3 AND end_at > ?2 AND id IS NOT ?5 \
         ORDER BY start_at",
    )
    .bind(doctor.0)
    .bind(from.timestamp())
    .bind(to.timestamp())
    .bind(now.timestamp())
    .bind(except)
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
        "UPDATE appointments SET status = 'released', hold_expires_at = NULL, updated_at = ?1, \
         status_by = 'system' WHERE status = 'held' AND hold_expires_at <= ?1",
    )
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
    /// The consultation fee agreed now.
    pub fee: Money,
}

/// Stores a hold in its own `BEGIN IMMEDIATE` transaction, in one round trip to the writer,
/// and returns its id. In the same statement the insert trigger releases lapsed holds and the
/// patient's previous hold, then refuses the hold if it overlaps.
pub async fn insert_hold(
    writer: &SqlitePool,
    hold: &NewHold,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let transaction = sqlx::query(crate::immediate_transaction!(
        "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, \
         blocked_until, status, hold_expires_at, created_at, updated_at, status_by, fee_minor, \
         currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'held', ?7, ?8, ?8, 'patient', ?9, ?10) \
         RETURNING id"
    ))
    .bind(hold.doctor.0)
    .bind(hold.patient.0)
    .bind(hold.start.timestamp())
    .bind(hold.end.timestamp())
    .bind(hold.blocked_from.timestamp())
    .bind(hold.blocked_until.timestamp())
    .bind(hold.expires_at.timestamp())
    .bind(now.timestamp())
    .bind(hold.fee.minor)
    .bind(hold.fee.currency.code());
    let rows = db::write_at_once(writer, transaction).await?;
    rows.first().ok_or(sqlx::Error::RowNotFound)?.try_get(0)
}

/// What decides who may change an appointment, and how.
#[derive(Debug, Clone)]
pub struct AppointmentFacts {
    pub id: i64,
    pub doctor: UserId,
    pub patient: UserId,
    pub status: AppointmentStatus,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub hold_expires_at: Option<DateTime<Utc>>,
}

/// The facts of appointment `id`, if it exists.
pub async fn facts(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<AppointmentFacts>, sqlx::Error> {
    let row: Option<(i64, i64, String, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT doctor_id, patient_id, status, start_at, end_at, hold_expires_at \
         FROM appointments WHERE id = ?1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(doctor, patient, status, start, end, expires)| {
        Some(AppointmentFacts {
            id,
            doctor: UserId(doctor),
            patient: UserId(patient),
            status: AppointmentStatus::parse(&status)?,
            start: DateTime::from_timestamp(start, 0)?,
            end: DateTime::from_timestamp(end, 0)?,
            hold_expires_at: expires.and_then(|e| DateTime::from_timestamp(e, 0)),
        })
    }))
}

/// Records a status change by `actor`, with `note` (a rejection or cancellation reason).
pub async fn set_status(
    conn: &mut SqliteConnection,
    id: i64,
    to: AppointmentStatus,
    actor: Actor,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE appointments SET status = ?2, status_by = ?3, status_note = ?4, updated_at = ?5, \
         hold_expires_at = NULL WHERE id = ?1",
    )
    .bind(id)
    .bind(to.as_str())
    .bind(actor.as_str())
    .bind(note)
    .bind(now.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}

/// Where an appointment moves to (its buffers as the doctor has them now).
pub struct NewTime {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub blocked_from: DateTime<Utc>,
    pub blocked_until: DateTime<Utc>,
}

/// Moves appointment `id` to `time` (the triggers refuse an overlap).
pub async fn move_to(
    conn: &mut SqliteConnection,
    id: i64,
    time: &NewTime,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE appointments SET start_at = ?2, end_at = ?3, blocked_from = ?4, \
         blocked_until = ?5, status_by = ?6, updated_at = ?7 WHERE id = ?1",
    )
    .bind(id)
    .bind(time.start.timestamp())
    .bind(time.end.timestamp())
    .bind(time.blocked_from.timestamp())
    .bind(time.blocked_until.timestamp())
    .bind(actor.as_str())
    .bind(now.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}
