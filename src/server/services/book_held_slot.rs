//! A patient confirms their hold: it becomes a booking (pending, or confirmed when the doctor
//! auto-confirms), paid for in the same transaction when the doctor charges a fee. Retrying with
//! the same idempotency key returns the first result.

use crate::api::booked_view::BookedView;
use crate::api::session_user::SessionUser;
use crate::domain::booking::{AppointmentStatus, parse_note};
use crate::domain::payment::PaymentMethod;
use crate::error::AppError;
use crate::server::db;
use crate::server::failure::internal;
use crate::server::services::pay_and_book::{self, CardInput};
use crate::server::state::AppState;
use sqlx::Row;

/// How the patient pays (ignored when the fee is zero).
pub struct PaymentInput<'a> {
    /// `wallet` or `card`.
    pub method: &'a str,
    pub card: CardInput<'a>,
}

/// Books hold `appointment` of `patient` with `reason`, paying its fee as `payment` says. A
/// retry with the same `idempotency_key` (8-80 characters) answers the first booking again.
pub async fn book_held_slot(
    state: &AppState,
    patient: &SessionUser,
    appointment: i64,
    reason: &str,
    idempotency_key: &str,
    payment: &PaymentInput<'_>,
) -> Result<BookedView, AppError> {
    if !patient.email_verified {
        return Err(AppError::EmailNotVerified);
    }
    let reason = parse_note(reason, false)?;
    let key = idempotency_key.trim();
    if !(8..=80).contains(&key.len()) {
        return Err(AppError::BadRequest);
    }
    let fail = |e| internal("booking a hold", e);
    if let Some(earlier) = booked_with_key(state, patient, key).await.map_err(fail)? {
        return Ok(earlier);
    }
    let fee: Option<i64> =
        sqlx::query_scalar("SELECT fee_minor FROM appointments WHERE id = ?1 AND patient_id = ?2")
            .bind(appointment)
            .bind(patient.id.0)
            .fetch_optional(&state.db)
            .await
            .map_err(fail)?;
    let Some(fee) = fee else { return Err(AppError::NotFound) };
    let booking = pay_and_book::Booking { appointment, reason: &reason, key };
    if fee == 0 {
        return book_free(state, patient, &booking).await;
    }
    match PaymentMethod::parse(payment.method)? {
        PaymentMethod::Wallet => pay_and_book::from_wallet(state, patient, &booking).await,
        PaymentMethod::Card => pay_and_book::by_card(state, patient, &booking, &payment.card).await,
    }
}

/// Books a hold without a fee: one `BEGIN IMMEDIATE` transaction of one conditional UPDATE,
/// sent to the writer in one round trip. It applies only to the patient's own hold that has not
/// lapsed, and the lifecycle trigger refuses any other transition. When it applies to nothing,
/// a read tells why.
async fn book_free(
    state: &AppState,
    patient: &SessionUser,
    booking: &pay_and_book::Booking<'_>,
) -> Result<BookedView, AppError> {
    let now = state.clock.now().timestamp();
    let transaction = sqlx::query(crate::immediate_transaction!(
        "UPDATE appointments SET status = CASE WHEN (SELECT auto_confirm FROM doctors \
         WHERE user_id = appointments.doctor_id) THEN 'confirmed' ELSE 'pending' END, \
         hold_expires_at = NULL, reason = ?3, idempotency_key = ?4, updated_at = ?5, \
         status_by = 'patient' \
         WHERE id = ?1 AND patient_id = ?2 AND status = 'held' AND hold_expires_at > ?5 \
         RETURNING status"
    ))
    .bind(booking.appointment)
    .bind(patient.id.0)
    .bind(booking.reason.to_owned())
    .bind(booking.key.to_owned())
    .bind(now);
    let booked = db::write_at_once(&state.writer, transaction)
        .await
        .and_then(|rows| rows.first().map(|row| row.try_get::<String, _>(0)).transpose());
    match booked {
        Ok(Some(status)) => {
            let status = AppointmentStatus::parse(&status).ok_or(AppError::Internal)?;
            Ok(BookedView { appointment_id: booking.appointment, status })
        }
        // Nothing booked, or the key already books another appointment: explained below.
        Ok(None) => explain_unbooked(state, patient, booking).await,
        Err(e) if db::is_unique_violation(&e) => explain_unbooked(state, patient, booking).await,
        Err(e) => Err(internal("booking a hold", e)),
    }
}

/// Why a booking did not happen: the key booked earlier (answered again), someone else's or no
/// appointment ("not found"), or the hold lapsed or was let go.
pub async fn explain_unbooked(
    state: &AppState,
    patient: &SessionUser,
    booking: &pay_and_book::Booking<'_>,
) -> Result<BookedView, AppError> {
    let fail = |e| internal("explaining a booking", e);
    if let Some(earlier) = booked_with_key(state, patient, booking.key).await.map_err(fail)? {
        return Ok(earlier);
    }
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM appointments WHERE id = ?1 AND patient_id = ?2")
            .bind(booking.appointment)
            .bind(patient.id.0)
            .fetch_optional(&state.db)
            .await
            .map_err(fail)?;
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
