//! A patient confirms their hold: it becomes a booking (pending, or confirmed when the doctor
//! auto-confirms). Retrying with the same idempotency key returns the first result.

use crate::api::session_user::SessionUser;
use crate::domain::booking::{Actor, AppointmentStatus, SlotRefusal};
use crate::domain::{Field, FieldErrorCode};
use crate::error::AppError;
use crate::server::db;
use crate::server::failure::internal;
use crate::server::state::AppState;

/// Longest reason for the visit, in characters.
pub const MAX_REASON: usize = 500;

/// Books hold `appointment` of `patient` with `reason`; returns the new status. A retry with
/// the same `idempotency_key` (8-80 characters) answers the first booking's status again.
pub async fn book_held_slot(
    state: &AppState,
    patient: &SessionUser,
    appointment: i64,
    reason: &str,
    idempotency_key: &str,
) -> Result<AppointmentStatus, AppError> {
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON || reason.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::field(Field::Note, FieldErrorCode::TooLong));
    }
    let key = idempotency_key.trim();
    if !(8..=80).contains(&key.len()) {
        return Err(AppError::BadRequest);
    }
    let now = state.clock.now().timestamp();
    let fail = |e| internal("booking a hold", e);
    let mut tx = db::begin_write(&state.db).await.map_err(fail)?;
    let earlier: Option<String> = sqlx::query_scalar(
        "SELECT status FROM appointments WHERE patient_id = ?1 AND idempotency_key = ?2",
    )
    .bind(patient.id.0)
    .bind(key)
    .fetch_optional(&mut *tx)
    .await
    .map_err(fail)?;
    if let Some(status) = earlier.as_deref().and_then(AppointmentStatus::parse) {
        return Ok(status);
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
        return Err(AppError::SlotRefused(SlotRefusal::Taken));
    }
    let next = if auto_confirm { AppointmentStatus::Confirmed } else { AppointmentStatus::Pending };
    status.transition(next, Actor::Patient, false).map_err(|_| AppError::Forbidden)?;
    sqlx::query(
        "UPDATE appointments SET status = ?2, hold_expires_at = NULL, reason = ?3, \
         idempotency_key = ?4, updated_at = ?5 WHERE id = ?1",
    )
    .bind(appointment)
    .bind(next.as_str())
    .bind(reason)
    .bind(key)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    Ok(next)
}
