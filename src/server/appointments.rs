//! Queries on appointments.

use crate::domain::AppointmentId;
use crate::domain::UserId;
use crate::domain::booking::{Actor, AppointmentStatus};
use crate::domain::schedule::Busy;
use crate::server::db;
use chrono::{DateTime, Utc};
use sqlx::query::Query;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Row, Sqlite, SqliteConnection, SqlitePool};

mod holds;
pub use holds::{KeyedHold, NewHold, insert_hold, insert_keyed_hold};

/// A doctor's active appointments (pending, confirmed, and holds that have not expired) and the
/// busy times of their own calendars that overlap `[from, to)`, as busy intervals for the
/// availability engine; `except` leaves one appointment out (the one being moved).
pub async fn busy_for_doctor(
    pool: impl sqlx::SqliteExecutor<'_>,
    doctor: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    except: Option<AppointmentId>,
) -> Result<Vec<Busy>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT start_at, end_at FROM appointments \
         WHERE doctor_id = ?1 AND status IN ('held', 'pending', 'confirmed') \
           AND (status <> 'held' OR hold_expires_at > ?4) \
           AND start_at < ?3 AND end_at > ?2 AND id IS NOT ?5 \
         UNION ALL \
         SELECT start_at, end_at FROM external_busy \
         WHERE doctor_id = ?1 AND start_at < ?3 AND start_at > ?2 - 172800 AND end_at > ?2 \
         ORDER BY 1",
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

/// The one statement that turns a patient's live hold into a booking: pending, or confirmed
/// when the doctor auto-confirms. It applies only to the patient's own hold that has not lapsed
/// (`?1` appointment, `?2` patient, `?3` reason, `?4` idempotency key, `?5` now), and the
/// triggers refuse it for an unpaid fee; it returns the new status.
macro_rules! book_hold_statement {
    () => {
        "UPDATE appointments SET status = CASE WHEN (SELECT auto_confirm FROM doctors \
         WHERE user_id = appointments.doctor_id) THEN 'confirmed' ELSE 'pending' END, \
         hold_expires_at = NULL, reason = ?3, idempotency_key = ?4, updated_at = ?5, \
         status_by = 'patient' \
         WHERE id = ?1 AND patient_id = ?2 AND status = 'held' AND hold_expires_at > ?5 \
         RETURNING status"
    };
}

/// A patient's hold to book.
pub struct HoldToBook<'a> {
    pub appointment: AppointmentId,
    pub patient: UserId,
    pub reason: &'a str,
    pub idempotency_key: &'a str,
    pub now: DateTime<Utc>,
}

impl HoldToBook<'_> {
    fn bind(&self, sql: &'static str) -> Query<'static, Sqlite, SqliteArguments<'static>> {
        sqlx::query(sql)
            .bind(self.appointment)
            .bind(self.patient.0)
            .bind(self.reason.to_owned())
            .bind(self.idempotency_key.to_owned())
            .bind(self.now.timestamp())
    }
}

/// Books the hold inside the caller's write transaction (a paid booking, after its payment);
/// `None` when it is no longer a live hold of the patient.
pub async fn book_hold(
    conn: &mut SqliteConnection,
    hold: &HoldToBook<'_>,
) -> Result<Option<AppointmentStatus>, sqlx::Error> {
    let row = hold.bind(book_hold_statement!()).fetch_optional(conn).await?;
    status_of(row)
}

/// Books the hold as its own `BEGIN IMMEDIATE` transaction in one round trip to the writer (a
/// booking without a fee); `None` when it is no longer a live hold of the patient.
pub async fn book_hold_at_once(
    writer: &SqlitePool,
    hold: &HoldToBook<'_>,
) -> Result<Option<AppointmentStatus>, sqlx::Error> {
    let transaction = hold.bind(crate::immediate_transaction!(book_hold_statement!()));
    let rows = db::write_at_once(writer, transaction).await?;
    status_of(rows.into_iter().next())
}

fn status_of(row: Option<SqliteRow>) -> Result<Option<AppointmentStatus>, sqlx::Error> {
    let Some(row) = row else { return Ok(None) };
    let status: String = row.try_get(0)?;
    AppointmentStatus::parse(&status)
        .map(Some)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown status {status:?}").into()))
}

/// Pays the fee of the patient's live hold from their wallet and books it, as one
/// `BEGIN IMMEDIATE` script sent in a single round trip to the writer: the payment attempt, the
/// escrow account, both entries, the posting and the hold → booked UPDATE. Every statement
/// applies only when the hold is live, has no payment yet, the wallet covers the fee and the
/// patient is under the cap, and the booking only with its payment posted, so when any of that
/// is not so nothing is written and `None` comes back: the step-by-step path then says why.
/// The attempt is marked `paying_from_wallet` until posted, so no other payment is touched.
pub async fn pay_from_wallet_and_book_at_once(
    writer: &SqlitePool,
    hold: &HoldToBook<'_>,
) -> Result<Option<AppointmentStatus>, sqlx::Error> {
    let transaction = hold.bind(crate::immediate_transaction!(
        "INSERT INTO ledger_transactions (kind, currency, user_id, appointment_id, \
         idempotency_key, reason, created_at, requested_minor) \
         SELECT 'payment', a.currency, a.patient_id, a.id, 'payment:' || a.id || ':' || \
         (1 + (SELECT COUNT(*) FROM ledger_transactions t \
               WHERE t.appointment_id = a.id AND t.kind = 'payment')), \
         'paying_from_wallet', ?5, a.fee_minor \
         FROM appointments a \
         WHERE a.id = ?1 AND a.patient_id = ?2 AND a.status = 'held' AND a.hold_expires_at > ?5 \
         AND a.fee_minor > 0 \
         AND NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.appointment_id = a.id \
                         AND t.kind = 'payment' AND t.status <> 'declined') \
         AND ifnull((SELECT w.balance FROM ledger_accounts w WHERE w.kind = 'wallet' \
                     AND w.user_id = a.patient_id AND w.currency = a.currency), 0) >= a.fee_minor \
         AND (SELECT COUNT(*) FROM appointments b WHERE b.patient_id = a.patient_id \
              AND b.status IN ('pending', 'confirmed') AND b.start_at > ?5) \
             < (SELECT max_future_appointments FROM booking_limits WHERE id = 1); ",
        "INSERT INTO ledger_accounts (kind, user_id, currency) \
         SELECT 'escrow', NULL, t.currency FROM ledger_transactions t \
         WHERE t.appointment_id = ?1 AND t.kind = 'payment' AND t.status = 'pending' \
         AND t.reason = 'paying_from_wallet' \
         ON CONFLICT DO NOTHING; ",
        "INSERT INTO ledger_entries (transaction_id, account_id, minor) \
         SELECT t.id, acc.id, \
         CASE acc.kind WHEN 'wallet' THEN -t.requested_minor ELSE t.requested_minor END \
         FROM ledger_transactions t JOIN ledger_accounts acc ON acc.currency = t.currency \
         AND ((acc.kind = 'wallet' AND acc.user_id = t.user_id) \
              OR (acc.kind = 'escrow' AND acc.user_id IS NULL)) \
         WHERE t.appointment_id = ?1 AND t.kind = 'payment' AND t.status = 'pending' \
         AND t.reason = 'paying_from_wallet' \
         ORDER BY acc.kind = 'escrow'; ",
        "UPDATE ledger_transactions SET status = 'posted', reason = 'fee_from_wallet' \
         WHERE appointment_id = ?1 AND kind = 'payment' AND status = 'pending' \
         AND reason = 'paying_from_wallet'; ",
        "UPDATE appointments SET status = CASE WHEN (SELECT auto_confirm FROM doctors \
         WHERE user_id = appointments.doctor_id) THEN 'confirmed' ELSE 'pending' END, \
         hold_expires_at = NULL, reason = ?3, idempotency_key = ?4, updated_at = ?5, \
         status_by = 'patient' \
         WHERE id = ?1 AND patient_id = ?2 AND status = 'held' AND hold_expires_at > ?5 \
         AND EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.appointment_id = ?1 \
                     AND t.kind = 'payment' AND t.status = 'posted' \
                     AND t.reason = 'fee_from_wallet' AND t.created_at = ?5) \
         RETURNING status"
    ));
    let rows = db::write_at_once(writer, transaction).await?;
    status_of(rows.into_iter().next())
}

/// What decides who may change an appointment, and how.
#[derive(Debug, Clone)]
pub struct AppointmentFacts {
    pub id: AppointmentId,
    pub doctor: UserId,
    pub patient: UserId,
    pub status: AppointmentStatus,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The earliest start it was booked for (moves never make this later).
    pub earliest_start: DateTime<Utc>,
    pub hold_expires_at: Option<DateTime<Utc>>,
}

/// The columns [`facts`] reads: doctor, patient, status, start, end, earliest start, hold end.
type FactsRow = (i64, i64, String, i64, i64, i64, Option<i64>);

/// The facts of appointment `id`, if it exists.
pub async fn facts(
    conn: &mut SqliteConnection,
    id: AppointmentId,
) -> Result<Option<AppointmentFacts>, sqlx::Error> {
    let row: Option<FactsRow> = sqlx::query_as(
        "SELECT doctor_id, patient_id, status, start_at, end_at, \
         COALESCE(earliest_start_at, start_at), hold_expires_at FROM appointments WHERE id = ?1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(doctor, patient, status, start, end, earliest, expires)| {
        Some(AppointmentFacts {
            id,
            doctor: UserId(doctor),
            patient: UserId(patient),
            status: AppointmentStatus::parse(&status)?,
            start: DateTime::from_timestamp(start, 0)?,
            end: DateTime::from_timestamp(end, 0)?,
            earliest_start: DateTime::from_timestamp(earliest, 0)?,
            hold_expires_at: expires.and_then(|e| DateTime::from_timestamp(e, 0)),
        })
    }))
}

/// Records a status change by `actor`, with `note` (a rejection or cancellation reason).
pub async fn set_status(
    conn: &mut SqliteConnection,
    id: AppointmentId,
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
    id: AppointmentId,
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

/// Writes the most upcoming appointments one patient may hold (`booking.max_future_appointments`);
/// the insert trigger on appointments reads it.
pub async fn set_max_future(writer: &SqlitePool, max: u32) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE booking_limits SET max_future_appointments = ?1 WHERE id = 1")
        .bind(i64::from(max))
        .execute(writer)
        .await?;
    Ok(())
}
