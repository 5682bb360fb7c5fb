//! A patient confirms their hold: it becomes a booking (pending, or confirmed when the doctor
//! auto-confirms). Retrying with the same idempotency key returns the first result.

use crate::api::booked_view::BookedView;
use crate::api::session_user::SessionUser;
use crate::domain::booking::{Actor, AppointmentStatus, parse_note};
use crate::error::AppError;
use crate::server::db;
use crate::server::failure::internal;
use crate::server::state::AppState;

/// Books hold `appointment` of `patient` with `reason`. A retry with the same
/// `idempotency_key` (8-80 characters) answers the first booking again.
pub async fn book_held_slot(
    state: &AppState,
    patient: &SessionUser,
    appointment: i64,
    reason: &str,
    idempotency_key: &str,
) -> Result<BookedView, AppError> {
    let reason = parse_note(reason, false)?;
    let key = idempotency_key.trim();
    if !(8..=80).contains(&key.len()) {
        return Err(AppError::BadRequest);
    }
    let now = state.clock.now().timestamp();
    let fail = |e| internal("booking a hold", e);
    let mut tx = db::begin_write(&state.writer).await.map_err(fail)?;
    let earlier: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, status FROM appointments WHERE patient_id = ?1 AND idempotency_key = ?2",
    )
    .bind(patient.id.0)
    .bind(key)
    .fetch_optional(&mut *tx)
    .await
    .map_err(fail)?;
    if let Some((id, status)) = earlier {
        let status = AppointmentStatus::parse(&status).ok_or(AppError::Internal)?;
        return Ok(BookedView { appointment_id: id, status });
    }
    // Someone else's appointment answers exactly like a missing one.
    let row: Option<(String, Option<i64>, bool)> = sqlx::query_as(
        "SELECT a.status, a.hold_expires_at, d.auto_confirm FROM appointments a \
         JOIN doctors d ON d.user_id = a.doctor_id WHERE a.id = ?1 AND a.patient_id = ?2",
    )
    .bind(appointment)
    .bind(patient.id.0)
    .fetch_optional(&mut *tx)
    .await
    .map_err(fail)?;
    let (status, expires, auto_confirm) = row.ok_or(AppError::NotFound)?;
    let status = AppointmentStatus::parse(&status).ok_or(AppError::NotFound)?;
    if status != AppointmentStatus::Held || expires.is_none_or(|e| e <= now) {
        // The hold lapsed (or was let go): the patient must pick the time again.
        return Err(AppError::HoldExpired);
    }
    let next = if auto_confirm { AppointmentStatus::Confirmed } else { AppointmentStatus::Pending };
    status.transition(next, Actor::Patient, false)?;
    sqlx::query(
        "UPDATE appointments SET status = ?2, hold_expires_at = NULL, reason = ?3, \
         idempotency_key = ?4, updated_at = ?5, status_by = 'patient' WHERE id = ?1",
    )
    .bind(appointment)
    .bind(next.as_str())
    .bind(&reason)
    .bind(key)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    Ok(BookedView { appointment_id: appointment, status: next })
}
