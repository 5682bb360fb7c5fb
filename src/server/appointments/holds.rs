//! Storing a hold: one insert (its trigger releases lapsed holds and the patient's previous
//! hold, then refuses an overlap), alone or under the REST client's idempotency key.

use crate::domain::money::Money;
use crate::domain::{AppointmentId, UserId};
use crate::server::db;
use chrono::{DateTime, Utc};
use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Row, Sqlite, SqlitePool};

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

/// The statement that stores a hold (`?11`: the REST client's idempotency key, or NULL). Its
/// insert trigger releases lapsed holds and the patient's previous hold, then refuses the hold
/// if it overlaps.
macro_rules! insert_hold_statement {
    () => {
        "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, \
         blocked_until, status, hold_expires_at, created_at, updated_at, status_by, fee_minor, \
         currency, hold_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'held', ?7, ?8, ?8, 'patient', ?9, \
         ?10, ?11) RETURNING id"
    };
}

/// Binds `hold` (and `key`) to [`insert_hold_statement!`]'s parameters.
fn bind_hold<'q>(
    query: Query<'q, Sqlite, SqliteArguments<'q>>,
    hold: &NewHold,
    now: DateTime<Utc>,
    key: Option<String>,
) -> Query<'q, Sqlite, SqliteArguments<'q>> {
    query
        .bind(hold.doctor.0)
        .bind(hold.patient.0)
        .bind(hold.start.timestamp())
        .bind(hold.end.timestamp())
        .bind(hold.blocked_from.timestamp())
        .bind(hold.blocked_until.timestamp())
        .bind(hold.expires_at.timestamp())
        .bind(now.timestamp())
        .bind(hold.fee.minor)
        .bind(hold.fee.currency.code())
        .bind(key)
}

/// Stores a hold in its own `BEGIN IMMEDIATE` transaction, in one round trip to the writer,
/// and returns its id.
pub async fn insert_hold(
    writer: &SqlitePool,
    hold: &NewHold,
    now: DateTime<Utc>,
) -> Result<AppointmentId, sqlx::Error> {
    let transaction = bind_hold(
        sqlx::query(crate::immediate_transaction!(insert_hold_statement!())),
        hold,
        now,
        None,
    );
    let rows = db::write_at_once(writer, transaction).await?;
    rows.first().ok_or(sqlx::Error::RowNotFound)?.try_get(0)
}

/// What a keyed hold request did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyedHold {
    /// This request placed the hold.
    Placed(AppointmentId),
    /// An earlier request with the key placed this one (`held_until`: `None` once it is no
    /// longer held: lapsed, replaced, released or booked).
    /// `fee_minor`: the fee agreed then.
    Earlier {
        id: AppointmentId,
        doctor: UserId,
        start: i64,
        held_until: Option<i64>,
        fee_minor: i64,
    },
}

/// Stores a hold under the patient's idempotency `key`, or finds the one an earlier request
/// with that key placed, in one `BEGIN IMMEDIATE` transaction (so racing retries place one).
pub async fn insert_keyed_hold(
    writer: &SqlitePool,
    hold: &NewHold,
    key: &str,
    now: DateTime<Utc>,
) -> Result<KeyedHold, sqlx::Error> {
    let mut tx = db::begin_write(writer).await?;
    let earlier: Option<(i64, i64, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT id, doctor_id, start_at, CASE WHEN status = 'held' AND hold_expires_at > ?3 \
         THEN hold_expires_at END, fee_minor FROM appointments WHERE patient_id = ?1 AND hold_key = ?2",
    )
    .bind(hold.patient.0)
    .bind(key)
    .bind(now.timestamp())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((id, doctor, start, held_until, fee_minor)) = earlier {
        let (id, doctor) = (AppointmentId(id), UserId(doctor));
        return Ok(KeyedHold::Earlier { id, doctor, start, held_until, fee_minor });
    }
    let insert = bind_hold(sqlx::query(insert_hold_statement!()), hold, now, Some(key.into()));
    let id: i64 = insert.fetch_one(&mut *tx).await?.try_get(0)?;
    tx.commit().await?;
    Ok(KeyedHold::Placed(AppointmentId(id)))
}
