//! A patient confirms their hold: it becomes a booking (pending, or confirmed when the doctor
//! auto-confirms). Retrying with the same idempotency key returns the first result.

use crate::api::booked_view::BookedView;
use crate::api::session_user::SessionUser;
use crate::domain::booking::{AppointmentStatus, parse_note};
use crate::error::AppError;
use crate::server::db;
use crate::server::failure::internal;
use crate::server::state::AppState;
use sqlx::Row;

/// Books hold `appointment` of `patient` with `reason`. A retry with the same
/// `idempotency_key` (8-80 characters) answers the first booking again.
///
/// The booking is one `BEGIN IMMEDIATE` transaction of one conditional UPDATE, sent to the
/// writer in one round trip: it applies only to the patient's own hold that has not lapsed, and
/// the lifecycle trigger refuses any other transition. When it applies to nothing, a read tells
/// why.
pub async fn book_held_slot(
    state: &AppState,
    patient: &SessionUser,
    appointment: i64,
    reason: &str,
    idempotency_key: &str,
) -> Result<BookedView, AppError> {
    if !patient.email_verified {
        return Err(AppError::EmailNotVerified);
    }
    let reason = parse_note(reason, false)?;
    let key = idempotency_key.trim();
    if !(8..=80).contains(&key.len()) {
        return Err(AppError::BadRequest);
    }
    let now = state.clock.now().timestamp();
    let fail = |e| internal("booking a hold", e);
    let transaction = sqlx::query(crate::immediate_transaction!(
        "UPDATE appointments SET status = CASE WHEN (SELECT auto_confirm FROM doctors \
         WHERE user_id = appointments.doctor_id) THEN 'confirmed' ELSE 'pending' END, \
         hold_expires_at = NULL, reason = ?3, idempotency_key = ?4, updated_at = ?5, \
         status_by = 'patient' \
         WHERE id = ?1 AND patient_id = ?2 AND status = 'held' AND hold_expires_at > ?5 \
         RETURNING status"
    ))
    .bind(appointment)
    .bind(patient.id.0)
    .bind(reason)
    .bind(key.to_owned())
    .bind(now);
    let booked = db::write_at_once(&state.writer, transaction)
        .await
        .and_then(|rows| rows.first().map(|row| row.try_get::<String, _>(0)).transpose());
    match booked {
        Ok(Some(status)) => {
            let status = AppointmentStatus::parse(&status).ok_or(AppError::Internal)?;
            return Ok(BookedView { appointment_id: appointment, status });
        }
        Ok(None) => {}
        // The key already books another appointment of this patient: answered below.
        Err(e) if db::is_unique_violation(&e) => {}
        Err(e) => return Err(fail(e)),
    }
    if let Some(earlier) = booked_with_key(state, patient, key).await.map_err(fail)? {
        return Ok(earlier);
    }
    // Someone else's appointment answers exactly like a missing one.
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM appointments WHERE id = ?1 AND patient_id = ?2")
            .bind(appointment)
            .bind(patient.id.0)
            .fetch_optional(&state.db)
            .await
            .map_err(fail)?;
    // Otherwise the hold lapsed (or was let go): the patient must pick the time again.
    Err(if exists.is_some() { AppError::HoldExpired } else { AppError::NotFound })
}

/// The appointment this patient already booked with `key`, if any.
async fn booked_with_key(
    state: &AppState,
    patient: &SessionUser,
    key: &str,
) -> Result<Option<BookedView>, sqlx::Error> {
    let earlier: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, status FROM appointments WHERE patient_id = ?1 AND idempotency_key = ?2",
    )
    .bind(patient.id.0)
    .bind(key)
    .fetch_optional(&state.db)
    .await?;
    Ok(earlier.and_then(|(id, status)| {
        AppointmentStatus::parse(&status).map(|status| BookedView { appointment_id: id, status })
    }))
}
